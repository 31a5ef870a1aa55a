// Each config field changes what it should: one row per schema field, each
// comparing a trainer with the field changed against one without.
import { FIELD_NAMES } from '../../../web/shared/schema.js';
import { createTrainer } from '../../../web/api/index.js';
import { BUILD_NAMES, requireBuilds } from './builds.js';
import {
  allBiases, allWeights, difference, maxAbs, norm, pointCount, sameValues, splitParams, triples,
} from './model-views.js';

requireBuilds();

// Plain SGD from a fixed seed: the baseline every row changes one thing of.
const BASE = { seed: 7, numSamples: 200, hidden: [4, 3], batchSize: 10 };

function paramsAfter(trainer, steps) {
  trainer.step(steps);
  return trainer.params();
}

// First hidden layer's units over a grid: the nodes come first when hidden units are asked for.
function firstLayerGrid(trainer, n = 16) {
  const units = trainer.layers()[0].outputs;
  return trainer.evalGrid(n, { hidden: true }).slice(0, units * n * n);
}

// The learning rate the n-th step used: the schedule at step index n - 1.
function lrOfStep(trainer, n) {
  return trainer.step(n).learningRate;
}

// Ratio of changed to baseline values where the first layer's units are negative.
function negativePartRatio(changed, base) {
  const ratios = [];
  for (let i = 0; i < base.length; i++) {
    if (base[i] < -1e-3) ratios.push(changed[i] / base[i]);
    else if (base[i] > 1e-3) expect(changed[i]).toBeCloseTo(base[i], 5);
  }
  expect(ratios.length).toBeGreaterThan(10);
  return ratios;
}

const CUSTOM_POINTS = [
  [-3, -3, 0], [-2, -3, 0], [-3, -2, 0], [-2, -2, 0], [-1, -4, 0],
  [3, 3, 1], [2, 3, 1], [3, 2, 1], [2, 2, 1], [1, 4, 1],
];

// field -> {base?, changed, check(changedTrainer, baseTrainer)}: `base` and
// `changed` are patches on BASE.
const ROWS = {
  seed: {
    changed: { seed: 8 },
    check(a, b) {
      expect(sameValues(a.points().train, b.points().train)).toBe(false);
      expect(sameValues(a.params(), b.params())).toBe(false);
    },
  },
  dataset: {
    changed: { dataset: 'xor' },
    check(a, b) {
      // XOR's class is the sign of x1*x2 (noise is 0): it explains the xor labels, not the circle's.
      const agreement = (t) => {
        const points = triples(t.points().train).filter((p) => Math.abs(p.x1 * p.x2) > 0.5);
        const same = points.filter((p) => (p.x1 * p.x2 > 0) === (p.label > 0)).length;
        return Math.max(same, points.length - same) / points.length;
      };
      expect(agreement(a)).toBeGreaterThan(0.99);
      expect(agreement(b)).toBeLessThan(0.8);
    },
  },
  numSamples: {
    changed: { numSamples: 100 },
    check(a) {
      const { train, test } = pointCount(a);
      expect([train, test]).toEqual([50, 50]);
    },
  },
  noise: {
    changed: { dataset: 'xor', noise: 50 },
    base: { dataset: 'xor' },
    check(a, b) {
      const misfits = (t) => triples(t.points().train).filter((p) => (p.x1 * p.x2 > 0) !== (p.label > 0)).length;
      expect(misfits(b)).toBe(0);
      expect(misfits(a)).toBeGreaterThan(0);
    },
  },
  trainRatio: {
    changed: { trainRatio: 0.8 },
    check(a) {
      expect(pointCount(a)).toEqual({ train: 160, test: 40 });
    },
  },
  features: {
    changed: { features: ['x1', 'x2', 'x1sq', 'sinx2'] },
    check(a, b) {
      expect(a.layers()[0].inputs).toBe(4);
      expect(b.layers()[0].inputs).toBe(2);
    },
  },
  points: {
    changed: { dataset: 'custom', points: CUSTOM_POINTS, trainRatio: 0.5 },
    check(a) {
      const { train, test } = a.points();
      const seen = [...triples(train), ...triples(test)].map((p) => [p.x1, p.x2, p.label]);
      const key = (p) => p.join(',');
      expect(seen.map(key).sort()).toEqual(CUSTOM_POINTS.map(key).sort());
    },
  },
  problem: {
    changed: { problem: 'regression', dataset: 'reg-plane' },
    check(a, b) {
      expect(a.layers().at(-1).activation).toBe('linear');
      a.evaluate();
      b.evaluate();
      expect(a.metrics().trainAccuracy).toBeNaN();
      expect(b.metrics().trainAccuracy).toBeGreaterThanOrEqual(0);
    },
  },
  binaryHead: {
    changed: { binaryHead: 'sigmoid-bce' },
    check(a, b) {
      expect(a.layers().at(-1).activation).toBe('sigmoid');
      expect(b.layers().at(-1).activation).toBe('tanh');
      const sigmoidGrid = a.evalGrid(16);
      expect(Math.min(...sigmoidGrid)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...sigmoidGrid)).toBeLessThanOrEqual(1);
    },
  },
  hidden: {
    changed: { hidden: [8, 8, 8] },
    check(a) {
      expect(a.layers().map((l) => [l.inputs, l.outputs])).toEqual([[2, 8], [8, 8], [8, 8], [8, 1]]);
      expect(a.gridNodeCount({ hidden: true })).toBe(25);
    },
  },
  activation: {
    changed: { activation: 'tanh' },
    check(a, b) {
      expect(a.layers()[0].activation).toBe('tanh');
      a.evaluate();
      b.evaluate();
      // ReLU zeroes about half of its inputs; tanh is never exactly 0 on this data.
      expect(b.metrics().layers[0].sparsity).toBeGreaterThan(0.1);
      expect(a.metrics().layers[0].sparsity).toBe(0);
    },
  },
  leakySlope: {
    // Playground init: He's gain would change the weights with the slope.
    base: { activation: 'leaky-relu', leakySlope: 0.01, init: 'playground' },
    changed: { activation: 'leaky-relu', leakySlope: 0.5, init: 'playground' },
    check(a, b) {
      for (const ratio of negativePartRatio(firstLayerGrid(a), firstLayerGrid(b))) expect(ratio).toBeCloseTo(50, 2);
    },
  },
  eluAlpha: {
    base: { activation: 'elu', eluAlpha: 1, init: 'playground' },
    changed: { activation: 'elu', eluAlpha: 2, init: 'playground' },
    check(a, b) {
      for (const ratio of negativePartRatio(firstLayerGrid(a), firstLayerGrid(b))) expect(ratio).toBeCloseTo(2, 4);
    },
  },
  preluInit: {
    changed: { activation: 'prelu', preluInit: 0.4 },
    check(a) {
      const hiddenLayers = splitParams(a).slice(0, -1);
      for (const { slopes } of hiddenLayers) expect(Array.from(slopes)).toEqual([Math.fround(0.4)]);
    },
  },
  preluPerUnit: {
    base: { activation: 'prelu' },
    changed: { activation: 'prelu', preluPerUnit: true },
    check(a, b) {
      expect(a.layers().map((l) => l.slopeCount)).toEqual([4, 3, 0]);
      expect(b.layers().map((l) => l.slopeCount)).toEqual([1, 1, 0]);
    },
  },
  init: {
    changed: { init: 'zeros' },
    check(a, b) {
      expect(maxAbs(allWeights(a))).toBe(0);
      expect(maxAbs(allWeights(b))).toBeGreaterThan(0);
    },
  },
  initScale: {
    base: { init: 'uniform', initScale: 2 },
    changed: { init: 'uniform', initScale: 0.1 },
    check(a, b) {
      expect(maxAbs(allWeights(a))).toBeLessThanOrEqual(0.1);
      expect(maxAbs(allWeights(b))).toBeGreaterThan(0.1);
    },
  },
  biasInit: {
    changed: { biasInit: 0.1 },
    check(a, b) {
      expect(new Set(allBiases(a))).toEqual(new Set([Math.fround(0.1)]));
      expect(new Set(allBiases(b))).toEqual(new Set([0]));
    },
  },
  optimizer: {
    changed: { optimizer: 'adam' },
    check(a, b) {
      const start = a.params();
      expect(sameValues(start, b.params())).toBe(true);
      // Adam's first step moves every weight with a gradient by about lr, whatever its size.
      const adamMoves = difference(paramsAfter(a, 1), start).filter((d) => d !== 0);
      const sgdMoves = difference(paramsAfter(b, 1), start).filter((d) => d !== 0);
      for (const d of adamMoves) expect(Math.abs(d)).toBeCloseTo(0.03, 3);
      expect(sgdMoves.some((d) => Math.abs(Math.abs(d) - 0.03) > 1e-3)).toBe(true);
    },
  },
  learningRate: {
    changed: { learningRate: 0.09 },
    check(a, b) {
      const start = a.params();
      const fast = difference(paramsAfter(a, 1), start);
      const slow = difference(paramsAfter(b, 1), start);
      // Plain SGD: the first update is proportional to the learning rate.
      const i = slow.indexOf(Math.max(...slow));
      expect(fast[i] / slow[i]).toBeCloseTo(3, 3);
      expect(a.progress().learningRate).toBeCloseTo(0.09, 6);
    },
  },
  batchSize: {
    changed: { batchSize: 25 },
    check(a, b) {
      expect(a.step(1).epoch).toBeCloseTo(25 / 100, 6);
      expect(b.step(1).epoch).toBeCloseTo(10 / 100, 6);
    },
  },
  momentum: {
    base: { optimizer: 'momentum', momentum: 0.9 },
    changed: { optimizer: 'momentum', momentum: 0.5 },
    check(a, b) {
      // The velocity starts at zero: the first step is the same, later ones are not.
      expect(sameValues(paramsAfter(a, 1), paramsAfter(b, 1))).toBe(true);
      expect(sameValues(paramsAfter(a, 2), paramsAfter(b, 2))).toBe(false);
    },
  },
  nesterov: {
    base: { optimizer: 'momentum' },
    changed: { optimizer: 'momentum', nesterov: true },
    check(a, b) {
      expect(sameValues(paramsAfter(a, 3), paramsAfter(b, 3))).toBe(false);
    },
  },
  beta1: {
    base: { optimizer: 'adam' },
    changed: { optimizer: 'adam', beta1: 0.5 },
    check(a, b) {
      expect(sameValues(paramsAfter(a, 3), paramsAfter(b, 3))).toBe(false);
    },
  },
  beta2: {
    base: { optimizer: 'adam' },
    changed: { optimizer: 'adam', beta2: 0.5 },
    check(a, b) {
      expect(sameValues(paramsAfter(a, 3), paramsAfter(b, 3))).toBe(false);
    },
  },
  epsilon: {
    base: { optimizer: 'adam' },
    changed: { optimizer: 'adam', epsilon: 1 },
    check(a, b) {
      const start = a.params();
      // A large epsilon damps Adam's normalised step far below lr.
      expect(maxAbs(difference(paramsAfter(a, 1), start))).toBeLessThan(0.015);
      expect(maxAbs(difference(paramsAfter(b, 1), start))).toBeCloseTo(0.03, 3);
    },
  },
  rmsDecay: {
    base: { optimizer: 'rmsprop' },
    changed: { optimizer: 'rmsprop', rmsDecay: 0.5 },
    check(a, b) {
      expect(sameValues(paramsAfter(a, 1), paramsAfter(b, 1))).toBe(false);
    },
  },
  l1: {
    changed: { l1: 0.01 },
    check(a, b) {
      a.step(50);
      b.step(50);
      const l1Norm = (t) => allWeights(t).reduce((s, w) => s + Math.abs(w), 0);
      expect(l1Norm(a)).toBeLessThan(l1Norm(b));
    },
  },
  l2: {
    changed: { l2: 0.05 },
    check(a, b) {
      a.step(50);
      b.step(50);
      expect(norm(allWeights(a))).toBeLessThan(norm(allWeights(b)));
    },
  },
  clipNorm: {
    changed: { clipNorm: 1e-3 },
    check(a, b) {
      const start = a.params();
      const clipped = norm(difference(paramsAfter(a, 1), start));
      const free = norm(difference(paramsAfter(b, 1), start));
      // Float32 rounding of the weights blurs the measured step slightly.
      expect(clipped).toBeLessThanOrEqual(0.03 * 1e-3 * 1.01);
      expect(free).toBeGreaterThan(0.03 * 1e-3 * 2);
    },
  },
  schedule: {
    changed: { schedule: 'step', decaySteps: 5, decayRate: 0.5 },
    check(a, b) {
      expect(lrOfStep(a, 11)).toBeCloseTo(0.03 * 0.25, 6);
      expect(lrOfStep(b, 11)).toBeCloseTo(0.03, 6);
    },
  },
  decaySteps: {
    base: { schedule: 'exponential', decaySteps: 100 },
    changed: { schedule: 'exponential', decaySteps: 10 },
    check(a, b) {
      expect(lrOfStep(a, 11)).toBeCloseTo(0.03 * 0.5, 6);
      expect(lrOfStep(b, 11)).toBeCloseTo(0.03 * 0.5 ** 0.1, 6);
    },
  },
  decayRate: {
    base: { schedule: 'step', decaySteps: 4 },
    changed: { schedule: 'step', decaySteps: 4, decayRate: 0.1 },
    check(a, b) {
      expect(lrOfStep(a, 5)).toBeCloseTo(0.003, 6);
      expect(lrOfStep(b, 5)).toBeCloseTo(0.015, 6);
    },
  },
};

test('every config field has a behaviour row', () => {
  expect(Object.keys(ROWS).sort()).toEqual([...FIELD_NAMES].sort());
});

describe.each(BUILD_NAMES)('%s build: each option changes what it should', (build) => {
  test.each(Object.keys(ROWS))('%s', async (field) => {
    const row = ROWS[field];
    const changed = await createTrainer({ ...BASE, ...row.changed }, { build });
    const base = await createTrainer({ ...BASE, ...row.base }, { build });
    try {
      expect(changed.config[field]).toEqual(row.changed[field]);
      row.check(changed, base);
    } finally {
      changed.delete();
      base.delete();
    }
  });
});
