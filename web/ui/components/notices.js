// A list of dismissable notices (bad URL fields, rebuilt network, load errors).
// Announced to screen readers through a polite live region.

import { el } from '../dom.js';

export function createNotices(container) {
  const list = el('ul', { class: 'notices', role: 'status', 'aria-live': 'polite' });
  container.append(list);
  const keyed = new Map();

  /** Shows a notice; a `key` replaces the previous notice with the same key. */
  function show(text, { kind = 'info', key = null, timeoutMs = 0 } = {}) {
    if (key && keyed.has(key)) keyed.get(key).remove();
    const item = el('li', { class: `notice notice-${kind}` }, el('span', { text }),
      el('button', { type: 'button', class: 'dismiss', 'aria-label': 'Dismiss notice', text: '×', onClick: () => item.remove() }));
    list.append(item);
    if (key) keyed.set(key, item);
    if (timeoutMs) setTimeout(() => item.remove(), timeoutMs);
    return item;
  }

  return {
    show,
    clear(key) {
      keyed.get(key)?.remove();
      keyed.delete(key);
    },
  };
}
