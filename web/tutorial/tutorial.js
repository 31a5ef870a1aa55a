// The tutorial page: its theme, the "try this" buttons under each widget and
// the scroll-driven steps of the dead-units section. The widgets are
// <relu-playground> elements written in index.html; they load as they
// approach the viewport and train only in view (the element's own lifecycle,
// docs/EMBEDDING.md), so nothing here starts or stops them on scroll.
import '../embed/relu-playground.js';
import { SECTIONS, SCROLL_STEPS } from './sections.js';
import { runAction, actionReport } from './actions.js';
import { observeSteps } from './scroll-steps.js';

// Below this width the widget cannot stay beside the text, so scrolling does
// not change it (it would change out of sight); the step buttons still do.
const STICKY_QUERY = '(min-width: 900px)';

const widgetOf = (sectionId) => document.querySelector(`relu-playground[data-section="${sectionId}"]`);

/** Page and widgets follow the reader's colour scheme, read through matchMedia as the widgets read it. */
function followColourScheme() {
  const dark = window.matchMedia('(prefers-color-scheme: dark)');
  const apply = () => {
    const theme = dark.matches ? 'dark' : 'light';
    document.documentElement.dataset.theme = theme;
    for (const widget of document.querySelectorAll('relu-playground')) widget.setAttribute('theme', theme);
  };
  apply();
  dark.addEventListener('change', apply);
}

/** A button that applies `action` to the section's widget, and says what happened in `status`. */
function actionButton(sectionId, action, status, className) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = className;
  button.textContent = action.label;
  button.dataset.section = sectionId;
  button.dataset.patch = JSON.stringify(action.patch);
  if (action.play) button.dataset.play = 'true';
  button.addEventListener('click', async () => {
    try {
      const widget = widgetOf(sectionId);
      await runAction(widget, action);
      // On a narrow screen the widget may be off screen above the button: bring it back to watch the change.
      const box = widget.getBoundingClientRect();
      if (box.bottom < 0 || box.top > window.innerHeight) widget.scrollIntoView({ block: 'nearest' });
      status.textContent = actionReport(action.label);
    } catch (error) {
      status.textContent = actionReport(action.label, error);
      status.classList.add('is-error');
      return;
    }
    status.classList.remove('is-error');
  });
  return button;
}

function statusLine() {
  const status = document.createElement('p');
  status.className = 'try-status';
  status.setAttribute('role', 'status');
  return status;
}

function renderTryButtons() {
  for (const section of SECTIONS) {
    const host = document.querySelector(`.try[data-section="${section.id}"]`);
    if (!host) continue;
    if (!section.actions.length) {
      host.remove();
      continue;
    }
    const title = document.createElement('h3');
    title.textContent = 'Try this';
    const list = document.createElement('ul');
    const status = statusLine();
    for (const [index, action] of section.actions.entries()) {
      const watch = document.createElement('span');
      watch.className = 'watch';
      watch.id = `watch-${section.id}-${index}`;
      watch.textContent = action.watch;
      const button = actionButton(section.id, action, status, 'try-button');
      button.setAttribute('aria-describedby', watch.id);
      const item = document.createElement('li');
      item.append(button, ' ', watch);
      list.append(item);
    }
    host.append(title, list, status);
  }
}

/** Each step paragraph gets its button; scrolling it to the middle applies the same patch (without playing). */
function setUpScrollSteps() {
  const { section, steps } = SCROLL_STEPS;
  const paragraphs = [...document.querySelectorAll(`#${section} [data-step]`)];
  const status = statusLine();
  paragraphs.at(-1)?.after(status);
  for (const [index, paragraph] of paragraphs.entries()) {
    const step = steps[index];
    const watch = document.createElement('p');
    watch.className = 'watch';
    watch.textContent = step.watch;
    paragraph.append(actionButton(section, { ...step, play: true }, status, 'step-button'), watch);
  }
  const showStep = (index) => {
    paragraphs.forEach((paragraph, i) => paragraph.classList.toggle('is-active', i === index));
    widgetOf(section).setState(steps[index].patch).catch((error) => {
      status.textContent = actionReport(steps[index].label, error);
      status.classList.add('is-error');
    });
  };
  const sticky = window.matchMedia(STICKY_QUERY);
  let stop = null;
  const follow = () => {
    stop?.();
    stop = sticky.matches ? observeSteps(paragraphs, showStep) : null;
  };
  follow();
  sticky.addEventListener('change', follow);
}

followColourScheme();
renderTryButtons();
setUpScrollSteps();
