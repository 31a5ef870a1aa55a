// The Lessons menu's groups: the plane's lessons, then their reruns on digits,
// every preset in exactly one group, in the presets' order.
import { lessonGroups } from '../../../web/ui/panels/lessons-menu.js';
import { PRESETS } from '../../../web/shared/presets.js';

test('every preset is in one group, plane first, digits second, each in the presets\' order', () => {
  const groups = lessonGroups(PRESETS);
  expect(groups.map((g) => g.label)).toEqual(['On points in the plane', 'On handwritten digits']);
  expect(groups.flatMap((g) => g.indices).sort((a, b) => a - b)).toEqual(PRESETS.map((_, i) => i));
  for (const i of groups[1].indices) expect(PRESETS[i].config.dataset).toBe('digits');
  for (const i of groups[0].indices) expect(PRESETS[i].config.dataset).not.toBe('digits');
  for (const group of groups) expect(group.indices).toEqual([...group.indices].sort((a, b) => a - b));
});

test('a list without digits lessons has one group, and an empty one none', () => {
  expect(lessonGroups([{ config: { dataset: 'spiral' } }])).toEqual([{ label: 'On points in the plane', indices: [0] }]);
  expect(lessonGroups([])).toEqual([]);
});
