// The network diagram's strokes that change only with the layout, the theme,
// the marks or (a few times a second) the weights: unit frames, placeholders,
// labels and links. Each takes a 2D context, the layout (network-layout.js)
// and the offset `top` of the columns below the canvas top; no state.
import { cssColor } from '../colors.js';
import { LINK_BUCKETS, fittingLabels, linkBucket, linkStyle } from '../network-layout.js';
import { CULPRIT_COLOR } from './network-marks.js';

const LABEL_FONT = '11px system-ui, sans-serif';

/** A frame around each unit and "+N" under cut layers. */
export function drawFrames(context, layout, palette, top) {
  const size = layout.nodeSize;
  context.save();
  context.translate(0, top);
  context.strokeStyle = cssColor(palette.frame);
  context.lineWidth = 1;
  for (const column of layout.columns) {
    for (const node of column.nodes) context.strokeRect(node.x + 0.5, node.y + 0.5, size - 1, size - 1);
  }
  context.fillStyle = cssColor(palette.ink);
  context.font = LABEL_FONT;
  const cut = layout.columns.filter((column) => column.hiddenCount > 0);
  const counts = cut.map((column) => `+${column.hiddenCount}`);
  const shown = fittingLabels(cut.map((column, i) => ({ x: column.nodes[0].x, width: context.measureText(counts[i]).width })));
  cut.forEach((column, i) => {
    const lastNode = column.nodes[column.nodes.length - 1];
    if (shown[i]) context.fillText(counts[i], lastNode.x, lastNode.y + size + 12);
  });
  context.restore();
}

/** Grey squares where units have no heatmap (yet, or too many units to draw each). */
export function drawPlaceholders(context, layout, palette, top) {
  const size = layout.nodeSize - 2;
  context.save();
  context.translate(0, top);
  context.fillStyle = cssColor(palette.placeholder);
  layout.columns.forEach((column, c) => {
    if (c > 0) for (const node of column.nodes) context.fillRect(node.x + 1, node.y + 1, size, size);
  });
  context.restore();
}

/** Column titles (in, sizes, out) with each hidden layer's dead count, activations below, feature names beside. */
export function drawLabels(context, { layout, structure, marks, palette, top }) {
  const ink = cssColor(palette.ink);
  context.font = LABEL_FONT;
  context.textBaseline = 'alphabetic';
  const lastColumn = layout.columns.length - 1;
  // A label starts at its column, or ends at the canvas edge when it would run past it ("out" beside a small output tile).
  const labelX = (column, width) => Math.max(0, Math.min(column.nodes[0]?.x ?? 0, layout.width - width));
  const hiddenLayer = (c) => c > 0 && c < lastColumn;
  // Titles: "in", each hidden layer's size with its dead count ("8 ×5"), "out".
  const titles = layout.columns.map((column, c) => {
    const title = c === 0 ? 'in' : c === lastColumn ? 'out' : `${column.total}`;
    const dead = hiddenLayer(c) ? marks.dead[c - 1]?.length ?? 0 : 0;
    const deadText = dead ? ` ×${dead}` : '';
    return { title, deadText, culprit: marks.culpritLayers.includes(c - 1), width: context.measureText(title + deadText).width };
  });
  const titleXs = layout.columns.map((column, c) => labelX(column, titles[c].width));
  const titleShown = fittingLabels(layout.columns.map((column, c) => ({ x: titleXs[c], width: titles[c].width, always: !hiddenLayer(c) })));
  layout.columns.forEach((column, c) => {
    if (!titleShown[c]) return;
    const { title, deadText, culprit } = titles[c];
    context.fillStyle = ink;
    context.fillText(title, titleXs[c], 11);
    if (deadText) {
      context.fillStyle = culprit ? CULPRIT_COLOR : ink;
      context.fillText(deadText, titleXs[c] + context.measureText(title).width, 11);
    }
  });
  // Activations under the hidden layers.
  context.fillStyle = ink;
  const hidden = layout.columns.slice(1, lastColumn);
  const acts = hidden.map((column, l) => (structure.layers[l].activation ?? '').slice(0, 6));
  const actXs = hidden.map((column, l) => labelX(column, context.measureText(acts[l]).width));
  const actShown = fittingLabels(hidden.map((column, l) => ({ x: actXs[l], width: context.measureText(acts[l]).width })));
  hidden.forEach((column, l) => {
    if (actShown[l]) context.fillText(acts[l], actXs[l], layout.height + top + 12);
  });
  layout.columns[0].nodes.forEach((node, i) => {
    context.fillText(structure.inputs[i], node.x + layout.nodeSize + 2, node.y + top + 10);
  });
}

/**
 * Every link, one path per weight bucket (colour = sign, width = size), so
 * hundreds of links cost a few strokes. `weightOf(link)` is NaN when unknown.
 */
export function drawLinks(context, layout, linkColors, weightOf, top) {
  context.save();
  context.translate(0, top);
  const buckets = Array.from({ length: LINK_BUCKETS }, () => []);
  for (const link of layout.links) {
    const w = weightOf(link);
    buckets[linkBucket(Number.isNaN(w) ? 0 : w)].push(link);
  }
  context.lineCap = 'round';
  buckets.forEach((links, bucket) => {
    if (!links.length) return;
    context.strokeStyle = linkColors[bucket];
    context.lineWidth = linkStyle(bucket).width;
    context.beginPath();
    for (const link of links) {
      context.moveTo(link.x1, link.y1);
      context.lineTo(link.x2, link.y2);
    }
    context.stroke();
  });
  context.restore();
}
