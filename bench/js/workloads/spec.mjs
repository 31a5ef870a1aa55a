// The workloads of issue #5, shared by every implementation and environment,
// and the data each one gets (built once, here, from fixed seeds).
import {
  gridInputs, initialParams, layerShapes, pointsToArrays, randomClassification, sampleOrder, spiral,
} from './data.mjs';
import { DIGIT_INPUTS } from './digits.mjs';

export const SEED = 20240611;

// The core's input plane is [-6, 6]^2 (cpp/model/config/config.h kDomain).
export const DOMAIN = 6;
// Pre-shuffled epochs the JS libraries cycle through (the core reshuffles from its own seed).
const ORDER_EPOCHS = 4;

export const W1 = Object.freeze({
  name: 'W1', points: 500, hidden: [8, 8, 8, 8, 8, 8], batch: 10, lr: 0.03, grid: 100,
});
export const W2 = Object.freeze({ name: 'W2', points: 2000, hidden: [256, 256, 256], batch: 32, lr: 0.03 });
export const W3 = Object.freeze({
  name: 'W3', samples: 1024, inputs: 784, hidden: [256, 128], classes: 10, batch: 64, lr: 0.01,
});
// Handwritten digits (data/digits): 64 pixels -> 10 classes, the page's
// default split (trainRatio 0.5). Its images and split come from the core
// (digits.mjs), so only the weights and the config are built here.
export const D1 = Object.freeze({
  name: 'D1', hidden: [128, 64], classes: 10, batch: 32, lr: 0.03, trainRatio: 0.5,
});
export const K1_SIZES = Object.freeze([{ label: '1M', n: 1 << 20 }, { label: '4K', n: 4096 }]);

// Dense-layer products C[m x n] = op(A) op(B) at the workloads' sizes:
// forward Z = W X, weight gradient dW = dZ X^T (inner dimension = batch),
// input gradient dX = W^T dZ.
export const G1_CASES = Object.freeze([
  { name: 'W1 fwd 8x8 * 8x10', m: 8, k: 8, n: 10, trans: 'NN' },
  { name: 'W1 grid 8x8 * 8x10000', m: 8, k: 8, n: 10000, trans: 'NN' },
  { name: 'W2 fwd 256x256 * 256x32', m: 256, k: 256, n: 32, trans: 'NN' },
  { name: 'W2 dW 256x32 * (256x32)^T', m: 256, k: 32, n: 256, trans: 'NT' },
  { name: 'W2 dX (256x256)^T * 256x32', m: 256, k: 256, n: 32, trans: 'TN' },
  { name: 'W3 fwd 256x784 * 784x64', m: 256, k: 784, n: 64, trans: 'NN' },
  { name: 'W3 dW 256x64 * (784x64)^T', m: 256, k: 64, n: 784, trans: 'NT' },
  { name: 'W3 fwd 128x256 * 256x64', m: 128, k: 256, n: 64, trans: 'NN' },
]);

/** Everything a spiral workload's implementations need, in one object. */
function spiralWorkload(spec) {
  const { train, test } = spiral(spec.points, SEED);
  const shapes = layerShapes(2, spec.hidden, 1);
  const { params, layers } = initialParams(shapes, SEED);
  return {
    ...spec,
    trainPoints: train,
    testPoints: test,
    train: pointsToArrays(train),
    test: pointsToArrays(test),
    params,
    layers,
    order: sampleOrder(train.length, ORDER_EPOCHS, SEED),
    // The core's config: the same points as a custom dataset, split in half.
    coreConfig: {
      seed: SEED,
      dataset: 'custom',
      points: [...train, ...test],
      numSamples: spec.points,
      trainRatio: 0.5,
      features: ['x1', 'x2'],
      problem: 'binary',
      binaryHead: 'tanh-mse',
      hidden: [...spec.hidden],
      activation: 'relu',
      init: 'he-normal',
      optimizer: 'sgd',
      learningRate: spec.lr,
      batchSize: spec.batch,
    },
  };
}

/** D1 without its images: the core's config and the shared initial weights. */
function digitsWorkload(spec) {
  const { params, layers } = initialParams(layerShapes(DIGIT_INPUTS, spec.hidden, spec.classes), SEED);
  return {
    ...spec,
    params,
    layers,
    coreConfig: {
      seed: SEED,
      dataset: 'digits',
      trainRatio: spec.trainRatio,
      problem: 'multiclass',
      hidden: [...spec.hidden],
      activation: 'relu',
      init: 'he-normal',
      optimizer: 'sgd',
      learningRate: spec.lr,
      batchSize: spec.batch,
    },
  };
}

/**
 * D1 with its images: `split` is readDigitsSplit()'s {train, test}. Shaped
 * like W3 (data, order) so that the classifier sessions serve both, plus the
 * test set, on which D1's losses are also checked.
 */
export function withDigits(d1, split) {
  const set = (s) => ({ ...s, inputs: DIGIT_INPUTS, classes: d1.classes });
  return { ...d1, data: set(split.train), test: set(split.test), order: sampleOrder(split.train.count, ORDER_EPOCHS, SEED) };
}

let cache = null;

/** The workloads with their data (D1's images apart: withDigits); built on first use (about 100 ms). */
export function workloads() {
  if (cache) return cache;
  const w1 = spiralWorkload(W1);
  w1.gridX = gridInputs(W1.grid, DOMAIN);
  const w2 = spiralWorkload(W2);
  const w3Data = randomClassification(W3.samples, W3.inputs, W3.classes, SEED);
  const w3Shapes = layerShapes(W3.inputs, W3.hidden, W3.classes);
  const w3Init = initialParams(w3Shapes, SEED);
  const w3 = {
    ...W3, data: w3Data, params: w3Init.params, layers: w3Init.layers,
    order: sampleOrder(W3.samples, ORDER_EPOCHS, SEED),
  };
  cache = { W1: w1, W2: w2, W3: w3, D1: digitsWorkload(D1) };
  return cache;
}
