// The health marks on the network diagram (health.js finds them): a dead unit
// gets a dark cross over its tile, a saturated one a dark corner triangle
// (different shapes, so colour is not needed to tell them apart), and a
// culprit layer a red frame around its column; the caption says what each
// mark means. Drawing takes the diagram's layout and a 2D context; no state.
import { SATURATION } from '../../shared/protocol.js';

const MARK_COLOR = '#1b1f23';
const MARK_HALO = 'rgba(255, 255, 255, 0.9)';
export const CULPRIT_COLOR = '#c62828';
/** {dead: [[unit indices] per layer], saturated: [...], culpritLayers: [layer indices]} with nothing marked. */
export const NO_MARKS = Object.freeze({ dead: [], saturated: [], culpritLayers: [] });

/** The caption's sentences for the marks present (none when nothing is marked), after `base`. */
export function marksCaption(base, marks) {
  const count = (lists) => lists.reduce((n, units) => n + units.length, 0);
  const dead = count(marks.dead);
  const saturated = count(marks.saturated);
  const parts = [];
  if (dead) parts.push(`× marks a dead unit (0 on every training sample; ${dead} in all)`);
  if (saturated) parts.push(`◥ marks a saturated unit (within ${SATURATION.margin * 100}% of a limit of its activation on ${SATURATION.share * 100}% of the samples; ${saturated} in all)`);
  if (marks.culpritLayers.length) parts.push('a red frame marks the layer a message below is about');
  return `${base}${parts.length ? ` ${parts.join('; ')}.` : ''}`;
}

/** Crosses and corners over the tiles of marked units, `top` pixels below the canvas top. */
export function drawUnitMarks(context, layout, marks, top) {
  if (!layout || (!marks.dead.some((u) => u.length) && !marks.saturated.some((u) => u.length))) return;
  const size = layout.nodeSize - 2;
  context.save();
  context.translate(0, top);
  for (let c = 1; c < layout.columns.length; c++) {
    const dead = new Set(marks.dead[c - 1] ?? []);
    const saturated = new Set(marks.saturated[c - 1] ?? []);
    if (!dead.size && !saturated.size) continue;
    for (const node of layout.columns[c].nodes) {
      const x = node.x + 1;
      const y = node.y + 1;
      if (dead.has(node.unit)) drawCross(context, x, y, size);
      if (saturated.has(node.unit)) drawCorner(context, x, y, size);
    }
  }
  context.restore();
}

function drawCross(context, x, y, size) {
  const inset = Math.max(2, size * 0.18);
  for (const [color, width] of [[MARK_HALO, 4], [MARK_COLOR, 2]]) {
    context.strokeStyle = color;
    context.lineWidth = width;
    context.beginPath();
    context.moveTo(x + inset, y + inset);
    context.lineTo(x + size - inset, y + size - inset);
    context.moveTo(x + size - inset, y + inset);
    context.lineTo(x + inset, y + size - inset);
    context.stroke();
  }
}

function drawCorner(context, x, y, size) {
  const side = Math.max(6, size * 0.45);
  context.fillStyle = MARK_COLOR;
  context.strokeStyle = MARK_HALO;
  context.lineWidth = 1;
  context.beginPath();
  context.moveTo(x + size - side, y);
  context.lineTo(x + size, y);
  context.lineTo(x + size, y + side);
  context.closePath();
  context.fill();
  context.stroke();
}

/** A red frame around each column a finding is about. */
export function drawCulprits(context, layout, marks, top) {
  if (!marks.culpritLayers.length) return;
  context.save();
  context.translate(0, top);
  context.strokeStyle = CULPRIT_COLOR;
  context.lineWidth = 2;
  for (const l of marks.culpritLayers) {
    const nodes = layout.columns[l + 1]?.nodes;
    if (!nodes?.length) continue;
    const frameTop = nodes[0].y - 3;
    const bottom = nodes[nodes.length - 1].y + layout.nodeSize + 3;
    context.strokeRect(nodes[0].x - 3, frameTop, layout.nodeSize + 6, bottom - frameTop);
  }
  context.restore();
}
