// web/shared/cost.js is a copy of the core's cost model (cpp/model/cost.cc),
// so that the page can decide before loading the core. The core is the
// source: every figure must match its estimateCost() exactly, for random
// configs over every field the estimate depends on.
import fc from 'fast-check';
import { estimateCost as coreEstimate } from '../../../web/api/index.js';
import {
  MAX_MODEL_BYTES, estimateCost, estimatedStepSeconds, needsConfirmation, needsConfirmationOver, UNBUILT_BYTES, UNBUILT_STEP_FLOPS,
} from '../../../web/shared/cost.js';
import { ACTIVATIONS, DATASETS, FEATURES, MAX_CLASSES, defaultConfig, validateConfig } from '../../../web/shared/schema.js';
import { requireBuilds } from './builds.js';

requireBuilds();

const point = fc.tuple(
  fc.float({ min: -6, max: 6, noNaN: true }),
  fc.float({ min: -6, max: 6, noNaN: true }),
  fc.integer({ min: 0, max: MAX_CLASSES + 3 }),
);

// Shapes up to the core's limits, most of them small (big ones are cheap
// to estimate, and nothing is built).
const configArbitrary = fc.record({
  dataset: fc.constantFrom(...DATASETS),
  problem: fc.constantFrom('regression', 'binary', 'multiclass'),
  numSamples: fc.integer({ min: 10, max: 20000 }),
  trainRatio: fc.double({ min: 0.1, max: 0.9, noNaN: true }),
  features: fc.subarray([...FEATURES], { minLength: 1 }),
  hidden: fc.array(fc.oneof(fc.integer({ min: 1, max: 16 }), fc.integer({ min: 1, max: 1024 })), { maxLength: 12 }),
  activation: fc.constantFrom(...ACTIVATIONS),
  perLayer: fc.array(fc.constantFrom(...ACTIVATIONS), { minLength: 12, maxLength: 12 }),
  usePerLayer: fc.boolean(),
  preluPerUnit: fc.boolean(),
  batchSize: fc.oneof(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 20000 })),
  points: fc.array(point, { minLength: 1, maxLength: 40 }),
}).map((r) => {
  const config = {
    ...defaultConfig(),
    dataset: r.dataset,
    problem: r.dataset === 'digits' ? 'multiclass' : r.problem, // digits takes no other (and is compared then)
    numSamples: r.numSamples,
    trainRatio: r.trainRatio,
    features: r.features,
    hidden: r.hidden,
    activation: r.usePerLayer ? r.perLayer.slice(0, r.hidden.length) : r.activation,
    preluPerUnit: r.preluPerUnit,
    batchSize: r.batchSize,
  };
  if (r.dataset === 'custom') config.points = r.points;
  return config;
});

test('the JS cost model gives the core\'s figures exactly, for random configs', async () => {
  let compared = 0;
  await fc.assert(fc.asyncProperty(configArbitrary, async (candidate) => {
    const { config, errors } = validateConfig(candidate, defaultConfig());
    if (errors.length > 0) return; // the schema's refusals are another test's business
    const core = await coreEstimate(config, { build: 'scalar' });
    expect(estimateCost(config)).toEqual(core);
    compared += 1;
  }), { numRuns: 400, seed: 10 });
  expect(compared).toBeGreaterThan(300);
});

test('the issue\'s examples: 64 x 1024 and 8 x 1024 at batch 18000 need confirming, the defaults do not', async () => {
  const wide = { ...defaultConfig(), hidden: Array(64).fill(1024) };
  const wideCost = estimateCost(wide);
  expect(wideCost).toEqual(await coreEstimate(wide, { build: 'simd' }));
  expect(wideCost.bytes).toBeLessThanOrEqual(MAX_MODEL_BYTES); // the core would build it...
  expect(wideCost.bytes).toBeGreaterThan(UNBUILT_BYTES); // ...the page asks first
  expect(needsConfirmation(wideCost)).toBe(true);

  const deep = { ...defaultConfig(), hidden: Array(8).fill(1024), numSamples: 20000, trainRatio: 0.9, batchSize: 18000 };
  const deepCost = estimateCost(deep);
  expect(deepCost.stepFlops).toBeGreaterThan(2e11); // the issue measured ~400 GFLOP
  expect(needsConfirmation(deepCost)).toBe(true);
  expect(estimatedStepSeconds(deepCost)).toBeGreaterThan(10);

  const small = estimateCost(defaultConfig());
  expect(needsConfirmation(small)).toBe(false);
  expect(small.stepFlops).toBeLessThan(UNBUILT_STEP_FLOPS / 1e4);
});

test('a dear network is asked about only when it is dearer than the one running', () => {
  const dear = estimateCost({ ...defaultConfig(), hidden: Array(64).fill(1024) });
  const dearer = estimateCost({ ...defaultConfig(), hidden: Array(64).fill(1024), batchSize: 64 });
  const small = estimateCost(defaultConfig());
  expect(needsConfirmationOver(dear, null)).toBe(true);
  expect(needsConfirmationOver(dear, small)).toBe(true);
  expect(needsConfirmationOver(dear, dear)).toBe(false); // confirmed once: not asked again
  expect(dearer.stepFlops).toBeGreaterThan(dear.stepFlops);
  expect(needsConfirmationOver(dearer, dear)).toBe(true);
  expect(needsConfirmationOver(small, null)).toBe(false);
  expect(needsConfirmationOver(null, null)).toBe(false); // a refused config: the core says why
});

test('the core\'s estimate refuses an invalid config with the field', async () => {
  const error = await coreEstimate({ hidden: [0] }).catch((e) => e);
  expect(error).toBeInstanceOf(Error);
  expect(error.field).toBe('hidden');
  expect(error.message).toMatch(/^hidden\[0\]:/);
});
