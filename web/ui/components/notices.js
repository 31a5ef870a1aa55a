// A list of dismissable notices (bad URL fields, rebuilt network, load errors).
// Announced to screen readers through a polite live region.
//
// A notice that repeats one already shown is not added again: the shown one
// counts it ("message (×12)"), so an error raised every frame stays one line.
// At most MAX_NOTICES are shown; a new one pushes the oldest out.

import { el } from '../dom.js';

export const MAX_NOTICES = 5;

/**
 * The notices' bookkeeping, without the DOM. show() returns what changed:
 * {notice, added, dropped}: the notice shown or counted, whether it is new,
 * and the notices pushed out to keep MAX_NOTICES.
 */
export function createNoticeBook({ max = MAX_NOTICES } = {}) {
  let shown = []; // oldest first: {id, text, kind, key, count}
  let nextId = 1;

  function find(text, kind, key) {
    // A key names a slot (one 'rebuilt' notice at a time); otherwise equal text and kind repeat.
    return shown.find((n) => (key ? n.key === key : n.key === null && n.text === text && n.kind === kind));
  }

  return {
    show(text, { kind = 'info', key = null } = {}) {
      const same = find(text, kind, key);
      if (same) {
        same.count = same.text === text && same.kind === kind ? same.count + 1 : 1;
        same.text = text;
        same.kind = kind;
        return { notice: same, added: false, dropped: [] };
      }
      const notice = { id: nextId++, text, kind, key, count: 1 };
      shown.push(notice);
      const dropped = shown.length > max ? shown.splice(0, shown.length - max) : [];
      return { notice, added: true, dropped };
    },
    dismiss(id) {
      shown = shown.filter((n) => n.id !== id);
    },
    byKey(key) {
      return shown.find((n) => n.key === key) ?? null;
    },
    get shown() {
      return shown.map((n) => ({ ...n }));
    },
  };
}

/** The visible text of a notice: its message, and how often it came when more than once. */
export function noticeText({ text, count }) {
  return count > 1 ? `${text} (×${count})` : text;
}

export function createNotices(container, { max = MAX_NOTICES } = {}) {
  const list = el('ul', { class: 'notices', role: 'status', 'aria-live': 'polite' });
  container.append(list);
  const book = createNoticeBook({ max });
  const items = new Map(); // notice id -> {item, label, timer}

  function remove(id) {
    const entry = items.get(id);
    if (!entry) return;
    clearTimeout(entry.timer);
    entry.item.remove();
    items.delete(id);
    book.dismiss(id);
  }

  /**
   * Shows a notice; one with the same `key`, or the same text and kind, is
   * updated (and counted when its text is the same) instead of added again.
   */
  function show(text, { kind = 'info', key = null, timeoutMs = 0 } = {}) {
    const { notice, added, dropped } = book.show(text, { kind, key });
    for (const old of dropped) remove(old.id);
    let entry = items.get(notice.id);
    if (added) {
      const label = el('span', { class: 'notice-text' });
      const item = el('li', { class: 'notice' }, label,
        el('button', { type: 'button', class: 'dismiss', 'aria-label': 'Dismiss notice', text: '×', onClick: () => remove(notice.id) }));
      list.append(item);
      entry = { item, label, timer: 0 };
      items.set(notice.id, entry);
    }
    entry.item.className = `notice notice-${notice.kind}`;
    entry.label.textContent = noticeText(notice);
    clearTimeout(entry.timer);
    // A repeat starts the timeout afresh: the notice stays while the cause goes on.
    entry.timer = timeoutMs ? setTimeout(() => remove(notice.id), timeoutMs) : 0;
    return entry.item;
  }

  return {
    show,
    clear(key) {
      const notice = book.byKey(key);
      if (notice) remove(notice.id);
    },
  };
}
