// The "Lessons" menu: one entry per preset (web/shared/presets.js); picking
// one loads its config and shows its summary.

import { el, uid } from '../dom.js';

/** ctx: {loadPreset(preset)}. Returns {update(state)}. */
export function createLessonsMenu(container, presets, ctx) {
  const id = uid('lessons');
  const select = el('select', { id, onChange: () => {
    const preset = presets.find((p) => p.id === select.value);
    if (preset) ctx.loadPreset(preset);
  } },
  el('option', { value: '', text: 'Choose a lesson…' }),
  presets.map((p) => el('option', { value: p.id, text: p.title })));
  const summary = el('p', { class: 'lesson-summary small', 'aria-live': 'polite' });
  const element = el('div', { class: 'lessons', 'data-control': 'lessons' }, el('label', { for: id, text: 'Lessons' }), select, summary);
  container.append(element);
  return {
    update(state) {
      const preset = presets.find((p) => p.id === state.ui.lesson);
      select.value = preset ? preset.id : '';
      summary.textContent = preset ? preset.summary : '';
    },
  };
}
