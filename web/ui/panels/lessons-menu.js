// The "Lessons" menu: one entry per preset (web/shared/presets.js); picking
// one loads its config and shows its summary. A lesson that would change a
// setting the embedding page locked is shown but cannot be picked.

import { el, uid } from '../dom.js';
import { presetConflict } from '../state.js';

/**
 * The menu's groups, in the presets' order: the lessons on points in the
 * plane, then their reruns on handwritten digits (31 entries read better in
 * two named lists). Returns [{label, indices}], indices into `presets`.
 */
export function lessonGroups(presets) {
  const groups = [{ label: 'On points in the plane', indices: [] }, { label: 'On handwritten digits', indices: [] }];
  presets.forEach((preset, i) => groups[preset.config.dataset === 'digits' ? 1 : 0].indices.push(i));
  return groups.filter((group) => group.indices.length);
}

/** ctx: {loadPreset(preset)}. Returns {update(state)}. */
export function createLessonsMenu(container, presets, ctx) {
  const id = uid('lessons');
  const options = presets.map((p) => el('option', { value: p.id, text: p.title }));
  const select = el('select', { id, onChange: () => {
    const preset = presets.find((p) => p.id === select.value);
    if (preset) ctx.loadPreset(preset);
  } },
  el('option', { value: '', text: 'Choose a lesson…' }),
  ...lessonGroups(presets).map(({ label, indices }) => el('optgroup', { label }, indices.map((i) => options[i]))));
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
