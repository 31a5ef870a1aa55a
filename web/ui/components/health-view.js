// "What went wrong": the findings of health.js as short messages, each with a
// link to the lesson that explains it. The link opens the lesson in a new
// tab, so the run on this page is kept.

import { el } from '../dom.js';

/** Returns {update(findings), element, destroy}. */
export function createHealthView(container) {
  const list = el('ul', { class: 'health-findings' });
  const element = el('div', { class: 'banner banner-health', role: 'status', 'aria-live': 'polite', hidden: true },
    el('strong', { text: 'What went wrong' }), list);
  container.append(element);
  let shown = '';

  function update(findings) {
    const key = findings.map((f) => `${f.kind}|${f.message}|${f.lesson.id}`).join('\n');
    if (key === shown) return;
    shown = key;
    element.hidden = findings.length === 0;
    list.replaceChildren(...findings.map((finding) => el('li', { 'data-finding': finding.kind },
      el('span', { text: `${finding.message} ` }),
      el('a', {
        class: 'health-lesson', href: `#lesson=${encodeURIComponent(finding.lesson.id)}`, target: '_blank', rel: 'noopener',
        text: `Lesson: ${finding.lesson.title}`,
      }))));
  }

  return { element, update, destroy: () => element.remove() };
}
