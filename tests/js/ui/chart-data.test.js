import { MetricsHistory, finiteOrNull, positiveOrNull, normaliseHistogram, summariseSlopes } from '../../../web/ui/chart-data.js';

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
  expect(logRange(1e-40, 1e40)).toEqual([1e-12, 1e12]);
});

import { logSplits } from '../../../web/ui/chart-data.js';

test('logSplits gives at most maxTicks powers of ten inside the range', () => {
  expect(logSplits(0.003, 2)).toEqual([0.001, 0.01, 0.1, 1, 10]);
  const wide = logSplits(1e-12, 1e12, 5);
  expect(wide.length).toBeLessThanOrEqual(5);
  expect(wide[0]).toBe(1e-12);
  for (const v of wide) expect(Math.log10(v) % 1).toBeCloseTo(0, 10);
  expect(logSplits(null, null)).toEqual([0.01, 0.1, 1, 10]);
});
