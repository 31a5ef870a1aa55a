// The part of the parameter block the network diagram draws: per weight layer
// the incoming weights of its first `units` units from the first `units`
// units (or inputs) before it, and their biases. The worker copies only these
// into a snapshot (a 64 x 1024 network's whole block is 252 MB; its drawn
// part a few kilobytes), and the page reads them back through the same plan.
// Pure: layer shapes in, offsets out.

/** Most units a snapshot may ask to draw per layer: the core's widest layer. */
export const MAX_PARAM_UNITS = 1024;

/**
 * layers: [{inputs, outputs, weightOffset, biasOffset}] as the worker reports
 * them. Returns {units, ranges: [start, length, ...] in the whole block,
 * count: floats in the compact block, layers: [{offset, rows, cols}]}: in the
 * compact block, layer l's drawn W [rows x cols] is column-major at offset,
 * its rows biases follow.
 */
export function drawnParamsPlan(layers, units) {
  const ranges = [];
  const planned = [];
  let offset = 0;
  for (const layer of layers) {
    const rows = Math.min(layer.outputs, units);
    const cols = Math.min(layer.inputs, units);
    if (rows === layer.outputs) {
      ranges.push(layer.weightOffset, rows * cols); // whole columns: one stretch
    } else {
      for (let from = 0; from < cols; from++) ranges.push(layer.weightOffset + from * layer.outputs, rows);
    }
    ranges.push(layer.biasOffset, rows);
    planned.push({ offset, rows, cols });
    offset += rows * cols + rows;
  }
  return { units, ranges, count: offset, layers: planned };
}

/** Index of W_l[to, from] in a compact block of `plan`, or -1 when it was not drawn. */
export function drawnWeightIndex(plan, layer, to, from) {
  const entry = plan.layers[layer];
  if (!entry || to < 0 || from < 0 || to >= entry.rows || from >= entry.cols) return -1;
  return entry.offset + from * entry.rows + to;
}

/** Index of layer l's bias of unit `to` in a compact block of `plan`, or -1. */
export function drawnBiasIndex(plan, layer, to) {
  const entry = plan.layers[layer];
  if (!entry || to < 0 || to >= entry.rows) return -1;
  return entry.offset + entry.rows * entry.cols + to;
}
