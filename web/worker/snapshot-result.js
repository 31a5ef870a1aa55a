// A snapshot's reply, put together from a trainer whose pass and grid are
// ready: what it carries and which buffers move to the page rather than
// being copied. No state of its own; the session passes what it knows.
import { drawnParamsPlan } from '../shared/drawn-params.js';

/**
 * @param {object} current the trainer, after the snapshot's pass and grid
 * @param {{gridSize?: number, hidden?: boolean, params?: boolean, points?: boolean}} request
 * @param {object} known what the session holds
 * @param {object | null} known.drawn the checked paramUnits, or null for none
 * @param {Array} known.layers the network's layers, for the drawn plan
 * @param {Float32Array | null} known.grid the grid the request asked for (cached by the session)
 * @param {object} known.status playing, stepsPerSecond, stepsPerSlice and busy
 * @returns {{result: object, transfer: Transferable[]}}
 */
export function assembleSnapshot(current, { gridSize = 0, hidden = false, params = false, points = false }, known) {
  const { drawn, layers, grid, status } = known;
  const transfer = [];
  const result = { ...current.metrics(), ...status, gridSize: 0, gridNodes: 0 };
  for (const layer of result.layers) transfer.push(layer.histogram.buffer, layer.preluSlopes.buffer);
  if (gridSize) {
    result.grid = grid.slice(); // the copy moves to the page; the cache stays
    result.gridSize = gridSize;
    result.gridNodes = current.gridNodeCount({ hidden });
    transfer.push(result.grid.buffer);
  }
  if (drawn !== null) {
    // Only what the diagram draws: kilobytes, whatever the network's size.
    result.params = current.paramRanges(drawnParamsPlan(layers, drawn).ranges);
    result.paramUnits = drawn;
    transfer.push(result.params.buffer);
  } else if (params) {
    result.params = current.params();
    transfer.push(result.params.buffer);
  }
  if (points) {
    const { train, test } = current.points();
    result.trainPoints = train;
    result.testPoints = test;
    transfer.push(train.buffer, test.buffer);
  }
  return { result, transfer };
}
