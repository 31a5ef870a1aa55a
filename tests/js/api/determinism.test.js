// One seed, one loss curve: identical between runs of a build, and the SIMD
// and scalar builds agree to float tolerance.
import { createTrainer } from '../../../web/api/index.js';
import { BUILD_NAMES, requireBuilds } from './builds.js';

requireBuilds();

// Every activation family the SIMD kernels implement, each over a few epochs.
const CONFIGS = [
  { dataset: 'spiral', hidden: [8, 8, 8], activation: 'relu', init: 'he-normal', optimizer: 'adam', learningRate: 0.01 },
  { dataset: 'circle', hidden: [6, 4], activation: ['leaky-relu', 'elu'], init: 'xavier-uniform' },
  { dataset: 'xor', hidden: [6, 6], activation: ['gelu', 'silu'], optimizer: 'momentum', features: ['x1', 'x2', 'x1x2'] },
  { dataset: 'moons', hidden: [5, 5], activation: ['selu', 'softplus'], init: 'lecun-normal' },
  { dataset: 'gauss', hidden: [4, 4], activation: ['sigmoid', 'tanh'], binaryHead: 'sigmoid-bce', optimizer: 'rmsprop' },
  { dataset: 'spiral3', problem: 'multiclass', hidden: [8, 8], activation: 'prelu', preluPerUnit: true, l2: 0.001 },
  { dataset: 'reg-gauss', problem: 'regression', hidden: [8], activation: 'relu', schedule: 'cosine', decaySteps: 100 },
];

const EPOCHS = 8;

async function lossCurve(config, build) {
  const trainer = await createTrainer({ seed: 11, numSamples: 300, noise: 10, ...config }, { build });
  try {
    const curve = [];
    for (let epoch = 0; epoch < EPOCHS; epoch++) {
      const { batchLoss } = trainer.stepEpochs(1);
      trainer.evaluate();
      const { trainLoss, testLoss } = trainer.metrics();
      curve.push(batchLoss, trainLoss, testLoss);
    }
    return { curve, params: trainer.params() };
  } finally {
    trainer.delete();
  }
}

describe.each(CONFIGS.map((config) => [config.dataset, config]))('%s', (_name, config) => {
  test.each(BUILD_NAMES)('%s: the same seed gives the identical loss curve and weights', async (build) => {
    const first = await lossCurve(config, build);
    const second = await lossCurve(config, build);
    expect(first.curve.every(Number.isFinite)).toBe(true);
    expect(second.curve).toEqual(first.curve);
    expect(Array.from(second.params)).toEqual(Array.from(first.params));
  });

  test('SIMD and scalar builds agree to float tolerance', async () => {
    const simd = await lossCurve(config, 'simd');
    const scalar = await lossCurve(config, 'scalar');
    simd.curve.forEach((loss, i) => {
      expect(Math.abs(loss - scalar.curve[i])).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(scalar.curve[i])));
    });
  });
});

test('a different seed gives a different curve', async () => {
  const a = await lossCurve({ ...CONFIGS[0], seed: 1 }, 'simd');
  const b = await lossCurve({ ...CONFIGS[0], seed: 2 }, 'simd');
  expect(a.curve).not.toEqual(b.curve);
});
