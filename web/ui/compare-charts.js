// Compare mode's charts and table from the two runs' metric histories
// (chart-data.js MetricsHistory): the loss curves of A and B on one step
// axis, and the per-layer diagnostics side by side with their differences.
// Pure: histories in, arrays out (tests/js/ui/compare-charts.test.js).

/** Sparsities this far apart (a fraction of the outputs) count as different. */
export const SPARSITY_DIFFERENCE = 0.1;
/** Gradient norms this many times apart count as different. */
export const GRAD_NORM_RATIO = 2;

/**
 * uPlot's aligned data for A's and B's train and test loss on the union of
 * their steps: [steps, aTrain, aTest, bTrain, bTest], null where a run has no
 * row at that step (the chart joins its points across the gaps).
 */
export function overlayLossSeries(aHistory, bHistory) {
  const runs = [aHistory, bHistory].map((history) => {
    const byStep = new Map();
    const { step, trainLoss, testLoss } = history.columns;
    step.forEach((s, i) => byStep.set(s, [trainLoss[i], testLoss[i]]));
    return byStep;
  });
  const steps = [...new Set([...aHistory.columns.step, ...bHistory.columns.step])].sort((x, y) => x - y);
  // A loss that overflowed has no place on the axis: a gap, as in A's own chart.
  const value = (v) => (Number.isFinite(v) ? v : null);
  const column = (run, k) => steps.map((s) => (runs[run].has(s) ? value(runs[run].get(s)[k]) : null));
  return [steps, column(0, 0), column(0, 1), column(1, 0), column(1, 1)];
}

/** The newest value of each layer's diagnostic `name` in a history, [] when empty. */
function latest(history, name) {
  return (history.layerColumns[name] ?? []).map((column) => (column.length ? column[column.length - 1] : null));
}

function differs(name, a, b) {
  if (a === null || b === null || a === undefined || b === undefined) return a !== b;
  if (name === 'deadUnits') return a !== b;
  if (name === 'sparsity') return Math.abs(a - b) >= SPARSITY_DIFFERENCE;
  const [low, high] = a < b ? [a, b] : [b, a];
  return low === 0 ? high > 0 : high / low >= GRAD_NORM_RATIO;
}

/**
 * The diagnostics table's rows: per layer (hidden layers, then the output),
 * each run's dead units, sparsity and gradient norm from its newest full
 * pass, and which of them differ (dead counts at all, sparsity by
 * SPARSITY_DIFFERENCE, gradient norms by a factor GRAD_NORM_RATIO). A layer
 * only one run has shows null for the other.
 */
export function compareLayerRows(aHistory, bHistory) {
  const names = ['deadUnits', 'sparsity', 'gradNorm'];
  const a = Object.fromEntries(names.map((n) => [n, latest(aHistory, n)]));
  const b = Object.fromEntries(names.map((n) => [n, latest(bHistory, n)]));
  const count = Math.max(a.deadUnits.length, b.deadUnits.length);
  const aLast = a.deadUnits.length - 1;
  const bLast = b.deadUnits.length - 1;
  return Array.from({ length: count }, (_, l) => {
    // The output layer is the last of each run: lined up with the other's output, whatever the depths.
    const isOutput = l === count - 1;
    const ai = isOutput ? aLast : (l < aLast ? l : -1);
    const bi = isOutput ? bLast : (l < bLast ? l : -1);
    const row = { label: isOutput ? 'output' : `layer ${l + 1}`, a: {}, b: {}, differs: {} };
    for (const name of names) {
      row.a[name] = ai >= 0 ? a[name][ai] : null;
      row.b[name] = bi >= 0 ? b[name][bi] : null;
      row.differs[name] = differs(name, row.a[name], row.b[name]);
    }
    return row;
  });
}
