import { MetricsHistory, finiteOrNull, positiveOrNull, normaliseHistogram, summariseSlopes } from '../../../web/ui/chart-data.js';
import { movingAverage } from '../../../web/ui/chart-data.js';

function snapshot(step, extra = {}) {
  return {
    step, epoch: step / 10, learningRate: 0.1, batchLoss: 1 / step, trainLoss: 1 / step, testLoss: 2 / step,
    trainAccuracy: 0.5, testAccuracy: 0.4,
    layers: [
      { gradNorm: step, deadUnits: 1, sparsity: 0.5, weightNorm: 2 },
      { gradNorm: 0, deadUnits: 0, sparsity: 0, weightNorm: 1 },
    ],
    ...extra,
  };
}

describe('MetricsHistory', () => {
  test('keeps one row per new step', () => {
    const h = new MetricsHistory();
    expect(h.push(snapshot(1))).toBe(true);
    expect(h.push(snapshot(1))).toBe(false);
    expect(h.push(snapshot(3))).toBe(true);
    expect(h.lossSeries()).toEqual([[1, 3], [1, 1 / 3], [2, 2 / 3]]);
  });

  test('a step going back (reset) starts a new history', () => {
    const h = new MetricsHistory();
    h.push(snapshot(5));
    h.push(snapshot(6));
    h.push(snapshot(2));
    expect(h.columns.step).toEqual([2]);
  });

  test('a divergence that restores an earlier step drops the abandoned rows and keeps the ones before', () => {
    const h = new MetricsHistory();
    for (const step of [0, 10, 20, 30, 31]) h.push(snapshot(step, { trainLoss: step === 31 ? 1e6 : 1 }));
    expect(h.push(snapshot(20))).toBe(true); // back to the epoch checkpoint at step 20
    expect(h.columns.step).toEqual([0, 10, 20]);
    expect(h.lossSeries()[1]).toEqual([1, 1, 1 / 20]); // the exploded loss is gone
    expect(h.layerColumns.gradNorm[0]).toEqual([0, 10, 20]);
    h.push(snapshot(0)); // then a reset
    expect(h.columns.step).toEqual([0]);
  });

  test('rewindTo drops the rows past a restored step and keeps the rest', () => {
    const h = new MetricsHistory();
    for (const step of [0, 10, 20, 30]) h.push(snapshot(step));
    h.rewindTo(30);
    expect(h.columns.step).toEqual([0, 10, 20, 30]);
    h.rewindTo(25);
    expect(h.columns.step).toEqual([0, 10, 20]);
    expect(h.layerColumns.sparsity[1]).toEqual([0, 0, 0]);
    h.rewindTo(0);
    expect(h.columns.step).toEqual([0]);
  });

  test('a different layer count (new network) starts a new history', () => {
    const h = new MetricsHistory();
    h.push(snapshot(1));
    h.push(snapshot(2, { layers: [{ gradNorm: 1, deadUnits: 0, sparsity: 0, weightNorm: 1 }] }));
    expect(h.columns.step).toEqual([2]);
    expect(h.gradientSeries()).toEqual([[2], [1]]);
  });

  test('decimates when full, keeping the first and the latest rows', () => {
    const h = new MetricsHistory(8);
    for (let s = 1; s <= 100; s++) h.push(snapshot(s));
    expect(h.length).toBeLessThanOrEqual(8);
    expect(h.columns.step[0]).toBe(1);
    expect(h.columns.step[h.length - 1]).toBe(100);
    const steps = h.columns.step;
    for (let i = 1; i < steps.length; i++) expect(steps[i]).toBeGreaterThan(steps[i - 1]);
    expect(h.layerColumns.gradNorm[0]).toEqual(steps); // layer columns decimated in step
  });

  test('gradient series leaves gaps where a log axis cannot go', () => {
    const h = new MetricsHistory();
    h.push(snapshot(1));
    h.push(snapshot(2, { layers: [{ gradNorm: NaN }, { gradNorm: Infinity }] }));
    expect(h.gradientSeries()).toEqual([[1, 2], [1, null], [null, null]]);
  });

  test('accuracy NaN (regression) becomes gaps', () => {
    const h = new MetricsHistory();
    h.push(snapshot(1, { trainAccuracy: NaN, testAccuracy: NaN }));
    expect(h.accuracySeries()).toEqual([[1], [null], [null]]);
  });

  test('zeroGradientLayers names the layers whose latest gradient is exactly 0', () => {
    const h = new MetricsHistory();
    expect(h.zeroGradientLayers()).toEqual([]);
    h.push(snapshot(1)); // layer 1 has gradNorm 0 in these snapshots
    expect(h.zeroGradientLayers()).toEqual([1]);
    h.push(snapshot(2, { layers: [{ gradNorm: 0 }, { gradNorm: 1e-9 }] }));
    expect(h.zeroGradientLayers()).toEqual([0]);
    // Step 0: nothing has been computed yet, so nothing to report.
    const fresh = new MetricsHistory();
    fresh.push(snapshot(0, { layers: [{ gradNorm: 0 }] }));
    expect(fresh.zeroGradientLayers()).toEqual([]);
  });

  test('csv columns name each layer', () => {
    const h = new MetricsHistory();
    h.push(snapshot(1));
    const names = h.csvColumns().map((c) => c.name);
    expect(names).toContain('trainLoss');
    expect(names).toContain('gradNorm_layer1');
    expect(names).toContain('deadUnits_layer2');
  });
});

describe('helpers', () => {
  test('finiteOrNull and positiveOrNull', () => {
    expect(finiteOrNull([1, NaN, -Infinity, 0])).toEqual([1, null, null, 0]);
    expect(positiveOrNull([1, 0, -1, NaN, 1e-30])).toEqual([1, null, null, null, 1e-30]);
  });

  test('normaliseHistogram', () => {
    expect(normaliseHistogram([0, 1, 4, 1])).toEqual({ heights: [0, 0.5, 1, 0.5], fractions: [0, 1 / 6, 4 / 6, 1 / 6], total: 6 });
    expect(normaliseHistogram([0, 0])).toEqual({ heights: [0, 0], fractions: [0, 0], total: 0 });
    expect(normaliseHistogram(undefined).total).toBe(0);
    // As the core sends it: a typed array must still give fractional heights.
    expect(normaliseHistogram(new Uint32Array([4, 1])).heights).toEqual([1, 0.5]);
  });

  test('summariseSlopes', () => {
    expect(summariseSlopes([0.25, 0.1, 0.4])).toEqual({ min: 0.1, max: 0.4, mean: 0.25, count: 3 });
    expect(summariseSlopes([])).toBeNull();
  });
});

import { logRange } from '../../../web/ui/chart-data.js';

test('logRange spans whole decades, survives no data and extreme values', () => {
  expect(logRange(0.003, 2)).toEqual([0.001, 10]);
  expect(logRange(5, 5)).toEqual([1, 10]);
  expect(logRange(null, null)).toEqual([0.01, 10]);
  expect(logRange(0, 1)).toEqual([0.01, 10]);
  expect(logRange(NaN, Infinity)).toEqual([0.01, 10]);
  expect(logRange(1e-40, 1e40)).toEqual([1e-30, 1e30]);
  // Values all beyond a limit still give an upright range (gradients that exploded).
  expect(logRange(1e33, 1e35)).toEqual([1e29, 1e30]);
  expect(logRange(3e-35, 1e-33)).toEqual([1e-30, 1e-29]);
  expect(logRange(2e20, 5e21)).toEqual([1e20, 1e22]);
});

import { chooseLogScale } from '../../../web/ui/chart-data.js';

test('chooseLogScale: log while a value explodes past the threshold, linear again well below it', () => {
  const losses = (...v) => [v.map((_, i) => i), v, v.map((x) => x * 1.1)];
  expect(chooseLogScale(losses(0.7, 0.3, 0.01), false, 1e3)).toBe(false);
  expect(chooseLogScale(losses(0.7, 40, 1e22, null), false, 1e3)).toBe(true);
  expect(chooseLogScale(losses(0.7, Infinity, NaN), false, 1e3)).toBe(false); // non-finite values are gaps, not a reason
  // Hysteresis: stays log between 100 and 1000, turns back below 100.
  expect(chooseLogScale(losses(0.7, 500), true, 1e3)).toBe(true);
  expect(chooseLogScale(losses(0.7, 50), true, 1e3)).toBe(false);
  // No data (a reset): no change.
  expect(chooseLogScale([[], [], []], true, 1e3)).toBe(true);
});

import { logSplits, logTickBudget, formatLogTick, logAxisOptions } from '../../../web/ui/chart-data.js';

test('logSplits gives at most maxTicks powers of ten inside the range', () => {
  expect(logSplits(0.003, 2)).toEqual([0.001, 0.01, 0.1, 1, 10]);
  const wide = logSplits(1e-12, 1e12, 5);
  expect(wide.length).toBeLessThanOrEqual(5);
  expect(wide).toEqual([1e-12, 1e-6, 1, 1e6, 1e12]);
  for (const v of wide) expect(Math.log10(v) % 1).toBeCloseTo(0, 10);
  expect(logSplits(null, null)).toEqual([0.01, 0.1, 1, 10]);
});

test('logSplits picks decades that are multiples of the step, so 1 is a tick when in range', () => {
  // Gradient norms from 3e-7 to 0.5: seven decades, four ticks at most.
  expect(logSplits(3e-7, 0.5, 4)).toEqual([1e-6, 1e-3, 1]);
  expect(logSplits(3e-7, 0.5, 5)).toEqual([1e-6, 1e-4, 1e-2, 1]);
  // Distinct ticks, strictly increasing, none outside the range.
  for (let maxTicks = 2; maxTicks <= 6; maxTicks++) {
    const splits = logSplits(2e-9, 40, maxTicks);
    expect(splits.length).toBeGreaterThanOrEqual(2);
    expect(splits.length).toBeLessThanOrEqual(maxTicks);
    for (let i = 1; i < splits.length; i++) expect(splits[i]).toBeGreaterThan(splits[i - 1]);
    expect(splits[0]).toBeGreaterThanOrEqual(1e-9);
    expect(splits.at(-1)).toBeLessThanOrEqual(100);
  }
});

test('logTickBudget: more ticks for a taller plot, never fewer than 2 or more than 6', () => {
  expect(logTickBudget(20)).toBe(2);
  expect(logTickBudget(112)).toBe(4);
  expect(logTickBudget(152)).toBe(5);
  expect(logTickBudget(1000)).toBe(6);
});

test('the log axis options label a few distinct decades, as uPlot calls them (splits -> filter -> values)', () => {
  const axis = logAxisOptions(152); // the diagnostics chart: 200 px tall less the x axis
  for (const [min, max] of [[3e-7, 0.5], [1e-4, 10], [0.02, 3], [1e-12, 1e12]]) {
    const splits = axis.splits(null, 1, min, max);
    const labels = axis.values(null, axis.filter(null, splits, 1));
    expect(labels.length).toBeGreaterThanOrEqual(2);
    expect(labels.length).toBeLessThanOrEqual(5);
    expect(new Set(labels).size).toBe(labels.length);
    for (const label of labels) expect(label).toMatch(/^(1e-?\d+|\d+(\.\d+)?)$/);
  }
  expect(axis.values(null, axis.filter(null, axis.splits(null, 1, 3e-5, 8), 1))).toEqual(['1e-4', '0.01', '1']);
});

test('formatLogTick labels each decade once, and nothing for a filtered-out tick', () => {
  expect([1e-4, 0.01, 0.1, 1, 100, 1e4, 1e-12].map(formatLogTick)).toEqual(['1e-4', '0.01', '0.1', '1', '100', '1e4', '1e-12']);
  // uPlot hands null for ticks its own filter dropped: that once printed "1e-Infinity".
  expect([null, 0, -1, NaN, Infinity].map(formatLogTick)).toEqual(['', '', '', '', '']);
});

import { zeroBin, binEdges, summariseHistogram, histogramLabel } from '../../../web/ui/chart-data.js';
import { HISTOGRAM } from '../../../web/shared/protocol.js';

describe('activation histograms', () => {
  // A ReLU layer as the core reports it: exact zeros in bin 20 ([0, 0.2)), a tail above.
  const relu = new Uint32Array(HISTOGRAM.bins);
  relu[20] = 560;
  relu[21] = 90;
  relu[23] = 200;
  relu[30] = 150;

  test('the zero bin of the protocol histogram is [0, 0.2)', () => {
    expect(zeroBin(HISTOGRAM)).toBe(20);
    expect(binEdges(20, HISTOGRAM)).toEqual([0, 0.2]);
    expect(binEdges(0, HISTOGRAM)).toEqual([-4, -3.8]);
    expect(binEdges(39, HISTOGRAM)).toEqual([3.8, 4]);
    expect(zeroBin({ bins: 10, min: 0, max: 1 })).toBe(0);
    expect(zeroBin({ bins: 10, min: -2, max: -1 })).toBe(9);
  });

  test('summariseHistogram splits the counts at the zero bin and finds the tallest other bin', () => {
    const s = summariseHistogram(relu, HISTOGRAM);
    expect(s.total).toBe(1000);
    expect(s.zero).toBeCloseTo(0.56, 10);
    expect(s.below).toBe(0);
    expect(s.above).toBeCloseTo(0.44, 10);
    expect(s.peak).toEqual({ bin: 23, edges: [0.6, 0.8], share: 0.2 });
  });

  test('histogramLabel states the figures, and says when there are none', () => {
    expect(histogramLabel(relu, HISTOGRAM, '2')).toBe(
      'Activations of layer 2: 56% in the bin at 0 [0, 0.2), 0% below it, 44% above it; tallest other bin [0.6, 0.8) with 20%.');
    const tanh = new Uint32Array(HISTOGRAM.bins);
    tanh[15] = 3;
    tanh[24] = 1;
    expect(histogramLabel(tanh, HISTOGRAM, 'output')).toBe(
      'Activations of layer output: 0% in the bin at 0 [0, 0.2), 75% below it, 25% above it; tallest other bin [-1, -0.8) with 75%.');
    expect(histogramLabel(new Uint32Array(HISTOGRAM.bins), HISTOGRAM, '1')).toBe('Activations of layer 1: no full pass over the data yet.');
  });
});

import { WHOLE_NUMBER_INCREMENTS } from '../../../web/ui/chart-data.js';

test('the step axis increments are whole numbers, 1-2-5 per decade, increasing', () => {
  expect(WHOLE_NUMBER_INCREMENTS.slice(0, 6)).toEqual([1, 2, 5, 10, 20, 50]);
  for (const v of WHOLE_NUMBER_INCREMENTS) expect(Number.isInteger(v)).toBe(true);
  for (let i = 1; i < WHOLE_NUMBER_INCREMENTS.length; i++) expect(WHOLE_NUMBER_INCREMENTS[i]).toBeGreaterThan(WHOLE_NUMBER_INCREMENTS[i - 1]);
  expect(WHOLE_NUMBER_INCREMENTS.at(-1)).toBeGreaterThanOrEqual(1e9);
});

describe('movingAverage', () => {
  test('is the trailing geometric mean over the window', () => {
    const out = movingAverage([1, 100, 10000, 1], 2);
    expect(out[0]).toBeCloseTo(1);
    expect(out[1]).toBeCloseTo(10);
    expect(out[2]).toBeCloseTo(1000);
    expect(out[3]).toBeCloseTo(100);
  });

  test('leaves out what a log axis cannot show, and keeps those points as they are', () => {
    const out = movingAverage([4, 0, 16, NaN], 3);
    expect(out[0]).toBeCloseTo(4);
    expect(out[1]).toBe(0);
    expect(out[2]).toBeCloseTo(8);
    expect(out[3]).toBeNaN();
  });

  test('a window of 1 is the series itself; the history smooths both gradient charts', () => {
    expect(movingAverage([3, 1, 2], 1)).toEqual([3, 1, 2]);
    const h = new MetricsHistory();
    [1, 100, 1].forEach((g, i) => h.push({ step: i + 1, layers: [{ gradNorm: g, updateRatio: g / 1000 }] }));
    expect(h.gradientSeries(2)[1][1]).toBeCloseTo(10);
    expect(h.updateRatioSeries()[1]).toEqual([0.001, 0.1, 0.001]);
    expect(h.updateRatioSeries(2)[1][2]).toBeCloseTo(0.01);
  });
});
