// Where the digits diagram's tiles find their data in a snapshot's
// digits.units (web/worker/digit-units.js writes it, the network view reads
// it): the first layer's drawn units by their 64 incoming weights, every
// deeper layer's drawn units (the outputs too) by the test digit that excites
// them most, one "slot" each, layer by layer. Pure: layer shapes in, offsets out.

/**
 * layers: [{inputs, outputs, weightOffset}] as the worker reports them;
 * units: how many units per layer are drawn. Returns {units, rows: first-layer
 * units drawn, slots: [{layer, unit, node}] (node: the unit's place among
 * every unit of every layer, as the core numbers them), weightRanges: where the
 * drawn first-layer weights lie in the parameter block, [start, length, ...],
 * read into a block [inputs x rows] (the weight of pixel k into unit u at k * rows + u)}.
 */
export function digitTilesPlan(layers, units) {
  const first = layers[0];
  const rows = first ? Math.min(first.outputs, units) : 0;
  const weightRanges = [];
  if (rows === first?.outputs) weightRanges.push(first.weightOffset, rows * first.inputs); // whole columns: one stretch
  else for (let k = 0; k < (first?.inputs ?? 0); k++) weightRanges.push(first.weightOffset + k * first.outputs, rows);
  const slots = [];
  let node = first ? first.outputs : 0;
  for (let l = 1; l < layers.length; l++) {
    const drawn = Math.min(layers[l].outputs, units);
    for (let unit = 0; unit < drawn; unit++) slots.push({ layer: l, unit, node: node + unit });
    node += layers[l].outputs;
  }
  return { units, rows, slots, weightRanges };
}

/** The slot of a deeper layer's unit in `plan`, or -1 when it is not drawn (or is in the first layer). */
export function digitSlotIndex(plan, layer, unit) {
  if (layer < 1 || unit < 0 || unit >= plan.units) return -1;
  return plan.slots.findIndex((slot) => slot.layer === layer && slot.unit === unit);
}
