// "Embed this": a modal dialog that turns the playground's current state into
// an <iframe> snippet and a <relu-playground> snippet (embed-snippet.js
// builds them), with the embedder's options: hidden and locked controls, the
// view, the theme, autoplay, the frame's size and origins=. Each snippet has
// a Copy button; where the browser refuses the clipboard, the text is
// selected for the reader to copy.

import embedDialogCssUrl from './embed-dialog.css?url';
import { el } from '../dom.js';

// The dialog itself (its options, the snippet builder) loads on the first
// click: the element and embedded pages, which never show this button, and
// readers who never press it do not carry it.
const loadDialog = () => import('./embed-dialog-body.js');

/**
 * Puts the "Embed this…" button into `host` (after its tagline); the dialog is built when it opens
 * and removed when it closes, so the page carries none of its hundred inputs
 * meanwhile. ctx: {getState() (the controller's state), presets, pageUrl() (this page's address)}.
 * Returns {opener, open() (a promise: the dialog's code loads on first use), dialog() (the open one, or null), destroy()}.
 */
export function createEmbedDialog(host, { getState, presets, pageUrl }) {
  const opener = el('button', { type: 'button', class: 'embed-opener', 'data-action': 'embed-open', text: 'Embed this…', 'aria-haspopup': 'dialog' });
  // On the title row, after the tagline: at the header's end it would wrap under a lesson's summary and push the panels down a row.
  const tagline = host.querySelector(':scope > .tagline');
  if (tagline) tagline.after(opener);
  else host.append(opener);
  // Linked now, small, so that the dialog opens styled at once.
  const root = host.getRootNode();
  const styles = el('link', { rel: 'stylesheet', href: embedDialogCssUrl });
  (root instanceof ShadowRoot ? root : document.head).append(styles);
  let current = null;
  let destroyed = false;

  let opening = null;
  /** Builds the dialog for the state now, shows it, and removes it when it closes. */
  async function open() {
    if (current || opening) return;
    opening = loadDialog();
    let buildDialog;
    try {
      ({ buildDialog } = await opening);
    } finally {
      opening = null;
    }
    if (destroyed) return;
    const dialog = buildDialog(getState(), { presets, pageUrl });
    current = dialog;
    host.append(dialog);
    dialog.addEventListener('close', () => {
      dialog.remove();
      if (current === dialog) current = null;
      opener.focus();
    });
    dialog.showModal();
  }
  opener.addEventListener('click', () => {
    // The dialog's code could not load (a deploy replaced the files, the network went away): say so on the button.
    open().catch(() => { opener.title = 'The embed dialog could not load; reload the page to try again.'; });
  });

  return {
    opener, open,
    dialog: () => current,
    destroy() {
      destroyed = true;
      current?.remove();
      current = null;
      opener.remove();
      styles.remove();
    },
  };
}
