// The page skeleton inside the mount element: header with the lessons menu,
// notices, the run bar, and three columns (data + network editor | views |
// hyperparameters + save/load) that fold into one column on a phone.

import { el, uid } from './dom.js';
import { viewPlacement } from './view-layouts.js';

/** Builds the skeleton; returns the containers the components mount into. */
export function createLayout(root, { embed }) {
  const titleId = uid('title');
  const header = el('header', { class: 'pg-header' },
    el('h1', { id: titleId, text: 'ReLU Playground' }),
    el('p', { class: 'tagline', text: 'Train a small neural network in your browser and watch how the activation, the initialisation and the learning rate shape it.' }));
  const lessons = el('div', { class: 'pg-lessons' });
  header.append(lessons);
  const notices = el('div', { class: 'pg-notices' });
  const run = el('div', { class: 'pg-run' });
  const left = el('div', { class: 'pg-col pg-left' });
  const centre = el('div', { class: 'pg-col pg-centre' });
  const right = el('div', { class: 'pg-col pg-right' });

  const section = (title, control, ...children) => {
    const id = uid('view');
    return el('section', { class: 'panel view', 'data-control': control, 'aria-labelledby': id }, el('h2', { id, text: title }), ...children);
  };
  const networkHost = el('div', { class: 'network-host' });
  const weightHost = el('div', { class: 'weight-host' });
  const boundaryHost = el('div', { class: 'boundary-host' });
  const boundaryToggles = el('div', { class: 'inline toggles' });
  const chartsHost = el('div', { class: 'charts-host' });
  const diagnosticsHost = el('div', { class: 'diagnostics-host' });
  centre.append(
    section('Output', 'boundary', boundaryHost, boundaryToggles),
    section('Network', 'network', networkHost, weightHost),
    section('Loss and accuracy', 'charts', chartsHost),
    section('Diagnostics', 'diagnostics', diagnosticsHost),
  );

  const shell = el('div', { class: `relu-playground${embed ? ' is-embed' : ''}`, role: 'region', 'aria-labelledby': titleId },
    header, notices, run, el('div', { class: 'pg-main' }, left, centre, right),
    el('footer', { class: 'pg-footer small', text: 'Colours: orange = negative / class 0, blue = positive / class 1 (readable with red–green colour blindness).' }));
  if (embed) header.querySelector('.tagline').hidden = true;
  root.append(shell);
  const sections = [...centre.children];
  /** Lays out a named view (view-layouts.js): its panels first, in its order; styles.css does the rest. */
  function setView(view) {
    if (shell.dataset.view === view) return;
    shell.dataset.view = view;
    const placement = viewPlacement(view);
    for (const section of sections) {
      const place = placement[section.dataset.control];
      section.classList.toggle('in-view', Boolean(place));
      section.style.order = place ? String(place.order) : '';
      if (place?.part) section.dataset.viewPart = place.part;
      else delete section.dataset.viewPart;
    }
    shell.dataset.viewPanels = String(Object.keys(placement).length);
  }
  /** light or dark (already resolved from auto): styles.css's custom properties follow. */
  function setTheme(theme) {
    shell.dataset.theme = theme;
  }
  return {
    shell, lessons, notices, run, left, centre, right, networkHost, weightHost, boundaryHost, boundaryToggles, chartsHost, diagnosticsHost,
    setView, setTheme,
  };
}

/**
 * Links the stylesheets into the document or the shadow root the page is
 * mounted in (once per root). Files, not <style> text: a Content-Security-Policy
 * of style-src 'self' allows them, in every browser with shadow DOM. Resolves
 * when they have loaded or failed.
 */
export function linkStyles(root, hrefs) {
  const host = root.getRootNode() instanceof ShadowRoot ? root.getRootNode() : document.head;
  if (host.querySelector('link[data-relu-playground]')) return Promise.resolve();
  return Promise.all(hrefs.map((href) => new Promise((done) => {
    const link = el('link', { rel: 'stylesheet', href, 'data-relu-playground': '' });
    link.addEventListener('load', done);
    link.addEventListener('error', done);
    host.append(link);
  })));
}
