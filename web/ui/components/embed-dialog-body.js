// The "Embed this" dialog's content, loaded on first use by embed-dialog.js:
// the options (hidden and locked controls, view, theme, autoplay, size,
// origins=) and the two snippets embed-snippet.js builds from them, each with
// a Copy button.

import { el, uid } from '../dom.js';
import { embedSnippets, EMBED_SIZES } from '../embed-snippet.js';
import { CONTROL_PARENTS, PANEL_CONTROLS, embedderControls } from '../state.js';
import { FIELD_NAMES } from '../../shared/schema.js';
import { VIEWS, VIEW_FLAG_VALUES, THEME_FLAG_VALUES } from '../view-layouts.js';

// The panels first (what an embedder hides most), then each config field.
const CONTROLS = [...PANEL_CONTROLS, ...FIELD_NAMES];
const SNIPPETS = Object.freeze([
  { kind: 'iframe', title: 'An iframe', about: 'Works on any site. Its link holds the whole state; origins= lets that page drive it with connectPlayground.' },
  { kind: 'element', title: 'The <relu-playground> element', about: 'Loads its script from this site, which must then send Access-Control-Allow-Origin (docs/EMBEDDING.md, "From a CDN"); your page drives it by its methods.' },
]);

/** The dialog, its options filled from `state`, its snippets following them. */
export function buildDialog(state, { presets, pageUrl }) {
  const titleId = uid('embed-title');
  const introId = uid('embed-intro');
  const select = (name, values, label) => el('select', { 'data-embed': name }, values.map((value) => el('option', { value, text: label(value) })));
  const field = (label, control, ...notes) => {
    const id = uid(`embed-${control.dataset.embed}`);
    control.id = id;
    return el('div', { class: 'embed-field' }, el('label', { for: id, text: label }), control, ...notes);
  };
  const view = select('view', VIEW_FLAG_VALUES, (name) => name);
  // What the chosen view shows, under the picker: the names alone say little to a newcomer.
  const viewAbout = el('p', { id: uid('embed-view-about'), class: 'small' });
  view.setAttribute('aria-describedby', viewAbout.id);
  const theme = select('theme', THEME_FLAG_VALUES, (name) => (name === 'auto' ? 'auto: the reader\'s setting' : name));
  const size = select('size', EMBED_SIZES.map((s) => s.id), (id) => EMBED_SIZES.find((s) => s.id === id).label);
  const autoplayId = uid('embed-autoplay');
  const autoplay = el('input', { type: 'checkbox', id: autoplayId, 'data-embed': 'autoplay' });
  const originsHelp = el('p', { id: uid('embed-origins-help'), class: 'small', text: 'The pages that may drive the frame by postMessage, comma-separated, as https://tutorial.example (scheme, host, port); empty for none.' });
  const originsError = el('p', { id: uid('embed-origins-error'), class: 'embed-error', hidden: true });
  const origins = el('input', {
    type: 'text', 'data-embed': 'origins', spellcheck: 'false', autocomplete: 'off', placeholder: 'https://tutorial.example',
    'aria-describedby': `${originsHelp.id} ${originsError.id}`,
  });
  const otherErrors = el('p', { class: 'embed-error', role: 'alert', hidden: true });

  // One row a control: hide and lock. The current lesson's own are implied by lesson= in the link.
  const boxes = { hide: new Map(), lock: new Map() };
  const rows = CONTROLS.map((name) => {
    const parent = CONTROL_PARENTS[name];
    const cells = ['hide', 'lock'].map((kind) => {
      const box = el('input', { type: 'checkbox', 'data-embed-control': `${kind}:${name}`, 'aria-label': `${kind === 'hide' ? 'Hide' : 'Lock'} ${name}` });
      boxes[kind].set(name, box);
      return el('td', {}, box);
    });
    return el('tr', {}, el('th', { scope: 'row' }, name, parent ? el('span', { class: 'small', text: ` in ${parent}` }) : null), ...cells);
  });
  const lessonNote = el('p', { class: 'small', hidden: true });

  const areas = {};
  const status = el('p', { class: 'embed-status', role: 'status', 'aria-live': 'polite' });
  const snippetBlocks = SNIPPETS.map(({ kind, title, about }) => {
    const id = uid(`embed-${kind}`);
    const aboutId = uid(`embed-${kind}-about`);
    areas[kind] = el('textarea', { id, readonly: true, rows: 7, spellcheck: 'false', 'data-snippet': kind, 'aria-describedby': aboutId });
    return el('div', { class: 'embed-snippet' },
      el('div', { class: 'embed-snippet-head' },
        el('label', { for: id, text: title }),
        el('button', { type: 'button', 'data-copy': kind, text: 'Copy', 'aria-label': `Copy the ${kind} snippet`, onClick: () => copy(kind) })),
      el('p', { id: aboutId, class: 'small', text: about }),
      areas[kind]);
  });

  const close = el('button', { type: 'button', 'data-action': 'embed-close', text: 'Close' });
  const dialog = el('dialog', { class: 'embed-dialog', 'aria-labelledby': titleId, 'aria-describedby': introId },
    el('h2', { id: titleId, text: 'Embed this playground' }),
    el('p', { id: introId, class: 'small', text: 'Paste a snippet into your page: it opens on what you see now (the lesson, every setting you changed) with the options below.' }),
    el('div', { class: 'embed-body' },
      // The snippets come first in the reading order (and on a phone); beside the options on a wide screen.
      el('div', { class: 'embed-snippets' }, otherErrors, ...snippetBlocks, status),
      el('div', { class: 'embed-options' },
        field('View', view, viewAbout), field('Theme', theme), field('Frame size (iframe)', size),
        el('div', { class: 'embed-field check' }, autoplay, el('label', { for: autoplayId, text: 'Start training when shown' })),
        field('Origins (iframe)', origins, originsHelp, originsError),
        el('details', { class: 'embed-controls' },
          el('summary', { text: 'Hide or lock controls' }),
          lessonNote,
          el('div', { class: 'embed-control-list' },
            el('table', {}, el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'Control' }), el('th', { scope: 'col', text: 'Hide' }), el('th', { scope: 'col', text: 'Lock' }))),
              el('tbody', {}, rows)))))),
    el('div', { class: 'button-row embed-actions' }, close));
  const preset = presets.find((p) => p.id === state.ui.lesson);
  // The lesson's own hidden and locked controls: lesson= in the link brings them back.
  const lessonOwn = { hide: preset?.ui?.hide ?? [], lock: preset?.ui?.lock ?? [] };

  function chosen(kind) {
    return CONTROLS.filter((name) => boxes[kind].get(name).checked && !lessonOwn[kind].includes(name));
  }

  /** The snippets for the options now; a bad origins entry is named beside the field and left out. */
  function refresh() {
    const frame = EMBED_SIZES.find((s) => s.id === size.value) ?? EMBED_SIZES[0];
    const built = embedSnippets(state, {
      baseUrl: pageUrl(), presets, hide: chosen('hide'), lock: chosen('lock'), view: view.value, theme: theme.value,
      autoplay: autoplay.checked, origins: origins.value, width: frame.width, height: frame.height,
    });
    const originErrors = built.errors.filter((text) => text.startsWith('origins:'));
    originsError.textContent = originErrors.length ? `${originErrors.join('; ')}. Left out of the snippet.` : '';
    originsError.hidden = !originErrors.length;
    origins.setAttribute('aria-invalid', String(Boolean(originErrors.length)));
    const rest = built.errors.filter((text) => !text.startsWith('origins:'));
    otherErrors.textContent = rest.join('; ');
    otherErrors.hidden = !rest.length;
    viewAbout.textContent = view.value === 'auto' ? 'The lesson\'s own view when it has one, else the whole page.' : `Shows first: ${VIEWS[view.value].about}.`;
    areas.iframe.value = built.iframe;
    areas.element.value = built.element;
  }

  // The options start from the state: its view flags, the embedder's controls and the lesson's (ticked, fixed).
  const own = embedderControls(state.ui);
  for (const kind of ['hide', 'lock']) {
    for (const [name, box] of boxes[kind]) {
      const byLesson = lessonOwn[kind].includes(name);
      box.checked = byLesson || own[kind].includes(name);
      box.disabled = byLesson; // unticking could not lift it
    }
  }
  const implied = [...lessonOwn.hide.map((n) => `hides ${n}`), ...lessonOwn.lock.map((n) => `locks ${n}`)];
  lessonNote.textContent = preset && implied.length ? `The lesson "${preset.title}" ${implied.join(', ')} by itself (ticked and fixed below).` : '';
  lessonNote.hidden = !lessonNote.textContent;
  view.value = state.ui.view;
  theme.value = state.ui.theme;
  autoplay.checked = state.ui.autoplay;
  origins.value = state.ui.origins.join(', ');
  refresh();

  async function copy(kind) {
    const area = areas[kind];
    status.textContent = '';
    try {
      if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
      await navigator.clipboard.writeText(area.value);
      status.textContent = `Copied the ${kind} snippet.`;
    } catch {
      // Refused (no permission, an insecure page): the reader copies the selected text.
      area.focus();
      area.select();
      status.textContent = `This browser did not let the page copy. The ${kind} snippet is selected: press Ctrl+C (⌘C on a Mac).`;
    }
  }

  dialog.addEventListener('input', refresh);
  dialog.addEventListener('change', refresh);
  close.addEventListener('click', () => dialog.close());
  dialog.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      dialog.close();
    }
    event.stopPropagation(); // the page's shortcuts (Space, s, r) do not fire behind the dialog
  });
  return dialog;
}
