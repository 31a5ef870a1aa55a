// The "Lessons" menu: one entry per preset (web/shared/presets.js); picking
// one loads its config and shows its summary. A lesson that would change a
// setting the embedding page locked is shown but cannot be picked.

import { el, uid } from '../dom.js';
import { presetConflict } from '../state.js';

/** ctx: {loadPreset(preset)}. Returns {update(state)}. */
export function createLessonsMenu(container, presets, ctx) {
  const id = uid('lessons');
  const options = presets.map((p) => el('option', { value: p.id, text: p.title }));
  const select = el('select', { id, onChange: () => {
    const preset = presets.find((p) => p.id === select.value);
    if (preset) ctx.loadPreset(preset);
  } },
  el('option', { value: '', text: 'Choose a lesson…' }),
  options);
  const summary = el('p', { class: 'lesson-summary small', 'aria-live': 'polite' });
  const lockNote = el('p', { class: 'lesson-locks small', hidden: true });
  const element = el('div', { class: 'lessons', 'data-control': 'lessons' }, el('label', { for: id, text: 'Lessons' }), select, summary, lockNote);
  container.append(element);
  return {
    update(state) {
      const preset = presets.find((p) => p.id === state.ui.lesson);
      select.value = preset ? preset.id : '';
      summary.textContent = preset ? preset.summary : '';
      const blockedBy = new Set();
      presets.forEach((p, i) => {
        const conflict = p === preset ? null : presetConflict(state, p);
        options[i].disabled = Boolean(conflict);
        if (conflict) blockedBy.add(conflict.control);
      });
      lockNote.hidden = blockedBy.size === 0;
      lockNote.textContent = `Lessons that would change what this page locks (${[...blockedBy].join(', ')}) cannot be chosen here.`;
    },
  };
}
