// The keyboard shortcuts: one list, the source of both the key handler and
// the help dialog. A shortcut acts through the controller's own moves, so the
// embedder's locks hold (a locked `run` refuses with its notice).

import { el, uid } from './dom.js';

// key: KeyboardEvent.key; action: a name the page's `actions` object answers.
export const SHORTCUTS = Object.freeze([
  { key: ' ', label: 'Space', action: 'togglePlay', description: 'Play or pause training' },
  { key: 's', label: 's', action: 'step', description: 'Train one step' },
  { key: 'r', label: 'r', action: 'reset', description: 'Reset the weights (same seed and data)' },
  { key: 'c', label: 'c', action: 'toggleCompare', description: 'Compare: train a run B beside A, or end it' },
  { key: '?', label: '?', action: 'help', description: 'Show these shortcuts' },
]);

// Focus in one of these means the user is typing or choosing: keys are theirs.
const TYPING = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

/** The shortcut a keydown stands for, or null (modifiers, typing in a field, repeats of a toggle). */
export function shortcutFor(event) {
  if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return null;
  const target = event.composedPath?.()[0] ?? event.target;
  if (target && (TYPING.has(target.tagName) || target.isContentEditable)) return null;
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  const shortcut = SHORTCUTS.find((s) => s.key === key || s.key === event.key);
  if (!shortcut) return null;
  // Space on a focused button or link is that control's own click.
  if (shortcut.key === ' ' && target && (target.tagName === 'BUTTON' || target.tagName === 'A' || target.tagName === 'SUMMARY')) return null;
  if (event.repeat && shortcut.action !== 'step') return null;
  return shortcut;
}

/**
 * Listens on `keyTarget` (the document for the stand-alone page, the
 * playground's own element when embedded, so two widgets on a page never
 * both answer) and runs actions[shortcut.action]. The help dialog and a
 * button that opens it go into `dialogHost`. Returns {openHelp, destroy}.
 */
export function createShortcuts(keyTarget, dialogHost, actions) {
  const titleId = uid('shortcuts');
  const close = el('button', { type: 'button', text: 'Close' });
  const dialog = el('dialog', { class: 'shortcut-help', 'aria-labelledby': titleId },
    el('h2', { id: titleId, text: 'Keyboard shortcuts' }),
    el('table', {}, el('tbody', {}, SHORTCUTS.map((s) => el('tr', {},
      el('th', { scope: 'row' }, el('kbd', { text: s.label })), el('td', { text: s.description }))))),
    el('p', { class: 'small', text: 'They do nothing while you type in a field.' }),
    close);
  // The one visible door to the dialog, for those who do not know to press ?.
  const opener = el('button', { type: 'button', class: 'shortcut-opener', text: 'Keyboard shortcuts (?)' });
  dialogHost.append(opener, dialog);
  let returnFocus = null;

  function openHelp() {
    if (dialog.open) return;
    returnFocus = dialog.getRootNode().activeElement ?? null;
    dialog.showModal();
    close.focus();
  }
  function closeHelp() {
    if (dialog.open) dialog.close();
  }
  close.addEventListener('click', closeHelp);
  opener.addEventListener('click', openHelp);
  dialog.addEventListener('close', () => { returnFocus?.focus?.(); returnFocus = null; });
  // The modal dialog keeps the page inert; Tab also stays within it.
  dialog.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      closeHelp();
    } else if (event.key === 'Tab') {
      const focusable = [...dialog.querySelectorAll('button, a[href], input, select, textarea')];
      const first = focusable[0];
      const last = focusable.at(-1);
      const active = dialog.getRootNode().activeElement;
      if (event.shiftKey && active === first) { event.preventDefault(); last.focus(); }
      else if (!event.shiftKey && active === last) { event.preventDefault(); first.focus(); }
    }
    event.stopPropagation(); // no shortcut fires behind the dialog
  });

  function onKey(event) {
    if (dialog.open) return;
    const shortcut = shortcutFor(event);
    if (!shortcut) return;
    event.preventDefault(); // Space would scroll the page
    if (shortcut.action === 'help') openHelp();
    else actions[shortcut.action]?.();
  }
  keyTarget.addEventListener('keydown', onKey);

  return {
    openHelp,
    destroy() {
      keyTarget.removeEventListener('keydown', onKey);
      opener.remove();
      dialog.remove();
    },
  };
}
