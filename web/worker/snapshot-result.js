// A snapshot's reply, put together from a trainer whose pass and grid are
// ready: what it carries and which buffers move to the page rather than
// being copied. No state of its own; the session passes what it knows.
import { drawnParamsPlan } from '../shared/drawn-params.js';
import { firstLayerLines } from '../shared/region-lines.js';
import { digitsReport, digitsReportBuffers } from './digits-report.js';
import { digitTilesPlan } from '../shared/digit-tiles.js';
import { digitUnitsReport, digitUnitsBuffers } from './digit-units.js';

/**
 * @param {object} current the trainer, after the snapshot's pass and grid
 * @param {{gridSize?: number, hidden?: boolean, params?: boolean, points?: boolean, regions?: boolean, digits?: boolean}} request
 * @param {object} known what the session holds
 * @param {object | null} known.drawn the checked paramUnits, or null for none
 * @param {Array} known.layers the network's layers, for the drawn plan
 * @param {Float32Array | null} known.grid the grid the request asked for (cached by the session)
 * @param {object | null} known.gridRegions that grid's linear regions ({count, ids, error?}), when asked for
 * @param {object} known.status playing, stepsPerSecond, stepsPerSlice and busy
 * @returns {{result: object, transfer: Transferable[]}}
 */
export function assembleSnapshot(current, { gridSize = 0, hidden = false, params = false, points = false, regions = false, digits = false }, known) {
  const { drawn, layers, grid, gridRegions, status } = known;
  const transfer = [];
  const result = { ...current.metrics(), ...status, gridSize: 0, gridNodes: 0 };
  for (const layer of result.layers) transfer.push(layer.histogram.buffer, layer.preluSlopes.buffer);
  if (gridSize) {
    result.grid = grid.slice(); // the copy moves to the page; the cache stays
    result.gridSize = gridSize;
    result.gridNodes = current.gridNodeCount({ hidden });
    transfer.push(result.grid.buffer);
  }
  if (gridSize && regions && gridRegions) {
    result.regions = regionsOfGrid(current, layers, gridRegions);
    transfer.push(result.regions.ids.buffer);
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
  if (digits && current.config.dataset === 'digits') {
    result.digits = digitsReport({
      testPoints: current.points().test, predictions: current.testPredictions(), pixelsOf: (index) => current.digitPixels(index),
    });
    transfer.push(...digitsReportBuffers(result.digits));
    if (drawn !== null) { // the diagram's tiles: the drawn units' weights and favourite test digits
      const plan = digitTilesPlan(layers, drawn);
      result.digits.units = digitUnitsReport({
        plan, weights: current.paramRanges(plan.weightRanges), top: current.testTopUnits(), testPoints: current.points().test, pixelsOf: (index) => current.digitPixels(index),
      });
      transfer.push(...digitUnitsBuffers(result.digits.units));
    }
  }
  return { result, transfer };
}

/** The cached grid's regions (a copy: the cache stays) and the first layer's on/off lines. */
function regionsOfGrid(current, layers, cached) {
  const { count, ids, error } = cached;
  const first = layers[0];
  let lines = null;
  if (!error && layers.length > 1 && first.inputs === 2) {
    const stretch = current.paramRanges([first.weightOffset, first.outputs * 3]);
    lines = firstLayerLines(current.config.features, first.outputs, stretch);
  }
  return error ? { count, ids: ids.slice(), error, lines } : { count, ids: ids.slice(), lines };
}
