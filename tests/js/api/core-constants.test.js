// The constants written on both sides of the JS/C++ boundary, held to the
// running core: the histogram and the input plane (web/shared/protocol.js
// versus cpp/model/trainer.h and config.h), the per-call limits (web/api
// versus cpp/model/call_limits.h, which the bindings and Trainer::EvalGrid check), and the
// schema's `live` flags versus the core's field table (cpp/model/config/config.cc).
// Each test fails when one copy changes without the other.
import { readFileSync } from 'node:fs';
import {
  createTrainer, MAX_EPOCHS_PER_CALL, MAX_GRID_SIZE, MAX_STEPS_PER_CALL, MIN_GRID_SIZE,
} from '../../../web/api/index.js';
import { loadCore } from '../../../web/api/loader.js';
import { DOMAIN, HISTOGRAM, SATURATION } from '../../../web/shared/protocol.js';
import {
  FIELDS, MAX_CLASSES, MAX_HIDDEN_LAYERS, MAX_SAMPLES, MAX_UNITS, defaultConfig, validateConfig,
} from '../../../web/shared/schema.js';
import { requireBuilds } from './builds.js';

requireBuilds();

// Two linear hidden units copying x1 and x2 and an output equal to x1, on
// custom points: what the core reports of the units is then the inputs themselves.
const IDENTITY = {
  problem: 'regression', dataset: 'custom', features: ['x1', 'x2'], hidden: [2], activation: 'linear', trainRatio: 0.9,
};

async function identityTrainer(points) {
  const trainer = await createTrainer({ ...IDENTITY, points });
  const [hidden, output] = trainer.layers();
  const params = new Float32Array(trainer.paramCount);
  params[hidden.weightOffset] = 1; // W0[0, 0]: unit 0 <- x1 (column-major [outputs x inputs])
  params[hidden.weightOffset + 3] = 1; // W0[1, 1]: unit 1 <- x2
  params[output.weightOffset] = 1; // output <- unit 0
  trainer.setParams(params);
  return trainer;
}

// The bin of a float32 value as HISTOGRAM describes the core's histogram.
function binOf(value) {
  if (value < HISTOGRAM.min) return 0;
  if (value >= HISTOGRAM.max) return HISTOGRAM.bins - 1;
  const width = (HISTOGRAM.max - HISTOGRAM.min) / HISTOGRAM.bins;
  return Math.min(HISTOGRAM.bins - 1, Math.floor((value - HISTOGRAM.min) / width));
}

test('HISTOGRAM: the core bins activations as protocol.js says, by count, range and width', async () => {
  // Three points at the centre of each bin HISTOGRAM describes, both ends exactly, and beyond both ends.
  const width = (HISTOGRAM.max - HISTOGRAM.min) / HISTOGRAM.bins;
  const values = [HISTOGRAM.min - 1, HISTOGRAM.min, HISTOGRAM.max, HISTOGRAM.max + 1];
  for (let bin = 0; bin < HISTOGRAM.bins; bin++) values.push(...Array(3).fill(HISTOGRAM.min + (bin + 0.5) * width));
  // x2 runs the other way, so both units cover every bin.
  const trainer = await identityTrainer(values.map((v, i) => [v, -values[(i * 7) % values.length], 0]));
  try {
    trainer.evaluate();
    const histogram = Array.from(trainer.metrics().layers[0].histogram);
    const { train } = trainer.points();
    const expected = new Array(HISTOGRAM.bins).fill(0);
    for (let i = 0; i < train.length; i += 3) {
      expected[binOf(train[i])] += 1;
      expected[binOf(train[i + 1])] += 1;
    }
    expect(expected.every((count) => count > 0)).toBe(true); // every bin is put to the test
    expect(histogram).toEqual(expected);
  } finally {
    trainer.delete();
  }
});

test('SATURATION: the core marks a tanh unit saturated by the margin and share protocol.js says', async () => {
  // Unit 0 copies x1 through tanh: at ±0.97 (within 2% of the range [-1, 1] of a limit: 0.96)
  // on all but one point at 0; unit 1 copies x2 at 0.955, just outside the margin.
  const near = Math.atanh(0.97);
  const outside = Math.atanh(0.955);
  const points = Array.from({ length: 60 }, (_, i) => [i === 0 ? 0 : (i % 2 ? near : -near), i % 2 ? outside : -outside, i % 2]);
  const trainer = await createTrainer({ ...IDENTITY, activation: 'tanh', points });
  try {
    const [hidden, output] = trainer.layers();
    const params = new Float32Array(trainer.paramCount);
    params[hidden.weightOffset] = 1;
    params[hidden.weightOffset + 3] = 1;
    params[output.weightOffset] = 1;
    trainer.setParams(params);
    trainer.evaluate();
    const { train } = trainer.points();
    const limit = 1 - 2 * SATURATION.margin; // the range of tanh is 2 wide
    const expected = [0, 1].map((unit) => {
      let count = 0;
      for (let i = unit; i < train.length; i += 3) count += Math.abs(Math.tanh(train[i])) >= limit;
      return count >= SATURATION.share * (train.length / 3) ? 1 : 0;
    });
    expect(expected).toEqual([1, 0]); // both sides of the margin are put to the test
    const layer = trainer.metrics().layers[0];
    expect(Array.from(layer.saturatedMask)).toEqual(expected);
    expect(layer.saturatedUnits).toBe(1);
  } finally {
    trainer.delete();
  }
});

test('DOMAIN: the grid covers [-DOMAIN, DOMAIN]^2, pixel centres, row 0 at the top', async () => {
  const trainer = await identityTrainer([[0, 0, 0], [1, 1, 1]]);
  try {
    const n = 8;
    const grid = trainer.evalGrid(n, { hidden: true }); // [x1 image, x2 image, output image]
    const pixel = (2 * DOMAIN) / n;
    for (let row = 0; row < n; row++) {
      for (let col = 0; col < n; col++) {
        expect(grid[row * n + col]).toBeCloseTo(-DOMAIN + (col + 0.5) * pixel, 5);
        expect(grid[n * n + row * n + col]).toBeCloseTo(DOMAIN - (row + 0.5) * pixel, 5);
      }
    }
  } finally {
    trainer.delete();
  }
});

// The range a core message names: "steps: 1000001 is not a whole number in [0, 1000000]" -> [0, 1000000].
function namedRange(message) {
  const match = /\[(-?[\d.e+]+), (-?[\d.e+]+)\]/.exec(message ?? '');
  if (!match) throw new Error(`no range in ${JSON.stringify(message)}`);
  return [Number(match[1]), Number(match[2])];
}

describe('per-call limits: web/api checks what the bindings check', () => {
  // The JS API refuses out-of-range counts before they reach the core, so
  // the core's own checks are asked directly, on its Embind handle.
  let handle;
  beforeAll(async () => {
    const core = await loadCore('scalar');
    handle = new core.TrainerHandle();
    expect(handle.create(JSON.stringify({ ...defaultConfig(), numSamples: 20 }))).toBe('');
  });
  afterAll(() => handle.delete());

  test('steps and epochs per call', () => {
    expect(namedRange(handle.step(MAX_STEPS_PER_CALL + 1))).toEqual([0, MAX_STEPS_PER_CALL]);
    expect(namedRange(handle.stepEpochs(MAX_EPOCHS_PER_CALL + 1))).toEqual([0, MAX_EPOCHS_PER_CALL]);
    expect(namedRange(handle.stepEpochs(-1))).toEqual([0, MAX_EPOCHS_PER_CALL]);
  });

  test('grid size, at both ends, which the core accepts and refuses as the API does', () => {
    expect(namedRange(handle.evalGrid(MAX_GRID_SIZE + 1, false, false))).toEqual([MIN_GRID_SIZE, MAX_GRID_SIZE]);
    expect(namedRange(handle.evalGrid(MIN_GRID_SIZE - 1, false, false))).toEqual([MIN_GRID_SIZE, MAX_GRID_SIZE]);
    expect(handle.evalGrid(MIN_GRID_SIZE, false, false)).toBe('');
    expect(handle.evalGrid(MAX_GRID_SIZE, false, false)).toBe('');
  });

  test('cpp/model/call_limits.h declares the same numbers (Trainer::EvalGrid checks them behind the bindings: tests/cpp/model/call_limits_test.cc)', () => {
    // The bindings refuse first, so no call reaches the trainer's own check: the declaration is the witness here.
    const source = readFileSync(new URL('../../../cpp/model/call_limits.h', import.meta.url), 'utf8');
    const declared = (name) => Number(new RegExp(`inline constexpr \\w+ ${name} = ([\\d.e]+);`).exec(source)?.[1]);
    expect([declared('kMaxStepsPerCall'), declared('kMaxEpochsPerCall'), declared('kMinGridSize'), declared('kMaxGridSize')])
      .toEqual([MAX_STEPS_PER_CALL, MAX_EPOCHS_PER_CALL, MIN_GRID_SIZE, MAX_GRID_SIZE]);
  });
});

// A valid value for `name` other than its default, as the schema describes the field.
function otherValue(name, field) {
  const base = defaultConfig();
  const candidates = {
    int: () => [field.default + 1, field.default - 1],
    number: () => [(field.default + field.max) / 2, (field.default + field.min) / 2],
    bool: () => [!field.default],
    enum: () => field.values.filter((v) => v !== field.default),
    enumList: () => field.values.filter((v) => v !== field.default),
    set: () => field.values.filter((v) => !field.default.includes(v)).map((v) => [...field.default, v]),
    intList: () => [field.default.map((units) => units + 1)],
    points: () => [[[0, 0, 0], [1, 1, 1]]],
  }[field.kind]();
  const value = candidates.find((v) => validateConfig({ [name]: v }, base).errors.length === 0);
  if (value === undefined) throw new Error(`${name}: no other valid value found for a ${field.kind} field`);
  return value;
}

test.each(Object.keys(FIELDS))('%s: the core keeps the weights on a change exactly when schema.js says it is live', async (name) => {
  const trainer = await createTrainer({ seed: 5, numSamples: 60 });
  try {
    trainer.step(3);
    const weights = trainer.params();
    const { rebuilt } = trainer.configure({ [name]: otherValue(name, FIELDS[name]) });
    expect({ name, rebuilt }).toEqual({ name, rebuilt: !FIELDS[name].live });
    expect(trainer.progress().step).toBe(FIELDS[name].live ? 3 : 0);
    if (FIELDS[name].live) expect(Array.from(trainer.params())).toEqual(Array.from(weights));
  } finally {
    trainer.delete();
  }
});

describe('the config limits the fuzzed differential test seldom reaches, at the bound and one past it', () => {
  // Lists longer than the fuzzer makes, and class labels past its range:
  // the core's verdict (estimateCost validates without building) against the schema's.
  let core;
  beforeAll(async () => {
    core = await loadCore('scalar');
  });
  const custom = (labels, problem = 'multiclass') => ({ dataset: 'custom', problem, points: labels.map((label, i) => [i % 5, 1, label]) });
  const CASES = [
    ['hidden layers', (n) => ({ hidden: Array(n).fill(1) }), MAX_HIDDEN_LAYERS],
    ['points', (n) => custom(Array(n).fill(0), 'binary'), MAX_SAMPLES],
    ['numSamples', (n) => ({ numSamples: n }), MAX_SAMPLES],
    ['units', (n) => ({ hidden: [n] }), MAX_UNITS],
    ['class labels', (n) => custom([0, n - 1]), MAX_CLASSES],
  ];

  test.each(CASES.map(([what, configOf, bound]) => ({ what, configOf, bound })))('$what: both take $bound and refuse one more, with the same message', ({ configOf, bound }) => {
    const verdicts = [bound, bound + 1].map((n) => {
      const config = { ...defaultConfig(), ...configOf(n) };
      const js = validateConfig(configOf(n)).errors[0]?.message ?? null;
      const cost = core.estimateCost(JSON.stringify(config));
      return { n, js, core: typeof cost.error === 'string' ? cost.error : null };
    });
    expect(verdicts[0]).toEqual({ n: bound, js: null, core: null });
    expect(verdicts[1].js).not.toBeNull();
    expect(verdicts[1].core).toBe(verdicts[1].js);
  });
});
