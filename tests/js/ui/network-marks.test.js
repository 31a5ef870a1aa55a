// The network diagram's health marks (web/ui/components/network-marks.js):
// the caption names each kind of mark present with its count, and the
// drawing puts marks on the marked units' tiles only.
import { SATURATION } from '../../../web/shared/protocol.js';
import { NO_MARKS, drawCulprits, drawUnitMarks, marksCaption } from '../../../web/ui/components/network-marks.js';

// A 2D context that records the points its paths pass through and the rectangles stroked.
function recordingContext() {
  const calls = { points: [], rects: [], strokes: 0, fills: 0 };
  let dy = 0;
  return {
    calls,
    save() {},
    restore() { dy = 0; },
    translate(x, y) { dy += y; },
    beginPath() {},
    closePath() {},
    moveTo(x, y) { calls.points.push([x, y + dy]); },
    lineTo(x, y) { calls.points.push([x, y + dy]); },
    stroke() { calls.strokes += 1; },
    fill() { calls.fills += 1; },
    strokeRect(x, y, w, h) { calls.rects.push([x, y + dy, w, h]); },
  };
}

// Two hidden layers of two units and one output, tiles 20 px apart.
const layout = {
  nodeSize: 12,
  columns: [0, 1, 2, 3].map((c) => ({
    nodes: (c === 0 || c === 3 ? [0] : [0, 1]).map((unit) => ({ unit, x: 40 * c, y: 20 * unit })),
  })),
};

test('the caption is the base alone without marks, and counts each kind of mark there is', () => {
  expect(marksCaption('Base.', NO_MARKS)).toBe('Base.');
  const caption = marksCaption('Base.', { dead: [[0, 1], [1]], saturated: [[], [0]], culpritLayers: [1] });
  expect(caption).toMatch(/^Base\. × marks a dead unit \(.*3 in all\); ◥ marks a saturated unit .*1 in all\); a red frame marks the layer/);
  expect(caption).toContain(`within ${SATURATION.margin * 100}%`);
  expect(marksCaption('Base.', { dead: [[]], saturated: [[1]], culpritLayers: [] })).not.toContain('dead');
});

test('marks land inside the marked tiles only, below the label space', () => {
  const context = recordingContext();
  drawUnitMarks(context, layout, { dead: [[1], []], saturated: [[], [0]], culpritLayers: [] }, 16);
  const inside = (node, [x, y]) => x >= node.x && x <= node.x + layout.nodeSize && y >= node.y + 16 && y <= node.y + 16 + layout.nodeSize;
  const deadTile = layout.columns[1].nodes[1];
  const saturatedTile = layout.columns[2].nodes[0];
  expect(context.calls.points.length).toBeGreaterThan(0);
  for (const point of context.calls.points) expect(inside(deadTile, point) || inside(saturatedTile, point)).toBe(true);
  expect(context.calls.points.some((p) => inside(deadTile, p))).toBe(true);
  expect(context.calls.points.some((p) => inside(saturatedTile, p))).toBe(true);
  expect(context.calls.fills).toBe(1); // one saturated corner
});

test('no marks draw nothing; a culprit layer gets one frame around its column', () => {
  const context = recordingContext();
  drawUnitMarks(context, layout, NO_MARKS, 16);
  drawCulprits(context, layout, NO_MARKS, 16);
  expect(context.calls).toEqual({ points: [], rects: [], strokes: 0, fills: 0 });
  drawCulprits(context, layout, { dead: [], saturated: [], culpritLayers: [1, 7] }, 16);
  expect(context.calls.rects).toEqual([[80 - 3, 16 - 3, layout.nodeSize + 6, 20 + layout.nodeSize + 6]]);
});
