// The Trainer's methods: live reconfiguration, weights, grids, data,
// export/import, divergence and deletion.
import { createTrainer, detectSimd, MAX_GRID_SIZE } from '../../../web/api/index.js';
import { HISTOGRAM } from '../../../web/shared/protocol.js';
import { BUILD_NAMES, requireBuilds, thrown } from './builds.js';
import { pointCount, sameValues, splitParams } from './model-views.js';

requireBuilds();

const SMALL = { seed: 3, numSamples: 100, hidden: [5, 3] };
// A linear network on regression data at a huge learning rate: overflows within a few steps.
const EXPLODING = { problem: 'regression', dataset: 'reg-plane', activation: 'linear', learningRate: 10, hidden: [8, 8] };

describe.each(BUILD_NAMES)('%s build', (build) => {
  let trainer;
  beforeEach(async () => {
    trainer = await createTrainer(SMALL, { build });
  });
  afterEach(() => trainer.delete());

  test('reports its build and whether its kernels use SIMD128', () => {
    expect(trainer.build).toBe(build);
    expect(trainer.simd).toBe(build === 'simd');
  });

  test('a live change keeps the weights, a structural one rebuilds', () => {
    trainer.step(5);
    const weights = trainer.params();
    expect(trainer.configure({ learningRate: 0.1, optimizer: 'adam', l2: 0.001 })).toEqual({ rebuilt: false });
    expect(sameValues(trainer.params(), weights)).toBe(true);
    expect(trainer.progress().step).toBe(5);
    expect(trainer.config.learningRate).toBe(0.1);

    expect(trainer.configure({ hidden: [6] })).toEqual({ rebuilt: true });
    expect(trainer.layers().map((l) => l.outputs)).toEqual([6, 1]);
    expect(trainer.progress().step).toBe(0);
  });

  test('reset draws the same weights from the seed and keeps the data', () => {
    const weights = trainer.params();
    const data = trainer.points();
    trainer.step(20);
    expect(sameValues(trainer.params(), weights)).toBe(false);
    trainer.reset();
    expect(sameValues(trainer.params(), weights)).toBe(true);
    expect(sameValues(trainer.points().train, data.train)).toBe(true);
    expect(trainer.progress().step).toBe(0);
  });

  test('stepEpochs runs whole passes over the training set', () => {
    const progress = trainer.stepEpochs(2);
    expect(progress.epoch).toBeCloseTo(2, 6);
    expect(progress.step).toBe(2 * (50 / 10));
  });

  test('metrics carry per-layer diagnostics with fixed histograms', () => {
    trainer.step(10);
    trainer.evaluate();
    const metrics = trainer.metrics();
    expect(metrics.step).toBe(10);
    expect(metrics.trainLoss).toBeGreaterThan(0);
    expect(metrics.layers).toHaveLength(3);
    const first = metrics.layers[0];
    expect(first.units).toBe(5);
    expect(first.histogram).toBeInstanceOf(Uint32Array);
    expect(first.histogram).toHaveLength(HISTOGRAM.bins);
    // Every activation of every training sample lands in one bin.
    expect(first.histogram.reduce((a, b) => a + b, 0)).toBe(5 * pointCount(trainer).train);
    expect(first.gradNorm).toBeGreaterThan(0);
  });

  test('layers() offsets index params() as documented', () => {
    const layers = trainer.layers();
    expect(layers.map((l) => [l.inputs, l.outputs, l.activation])).toEqual([
      [2, 5, 'relu'], [5, 3, 'relu'], [3, 1, 'tanh'],
    ]);
    const total = layers.reduce((n, l) => n + l.inputs * l.outputs + l.outputs + l.slopeCount, 0);
    expect(trainer.paramCount).toBe(total);
    expect(trainer.params()).toHaveLength(total);
  });

  test('metrics and layers() name the output head alike, softmax included', async () => {
    const multiclass = await createTrainer({ ...SMALL, dataset: 'spiral3', problem: 'multiclass' }, { build });
    try {
      const names = (layers) => layers.map((l) => l.activation);
      expect(names(multiclass.layers())).toEqual(['relu', 'relu', 'softmax']);
      expect(names(multiclass.metrics().layers)).toEqual(names(multiclass.layers()));
      expect(names(trainer.metrics().layers)).toEqual(['relu', 'relu', 'tanh']);
    } finally {
      multiclass.delete();
    }
  });

  test('setWeight edits W[to, from] at weightOffset + from * outputs + to', () => {
    const layer = trainer.layers()[1];
    trainer.setWeight({ layer: 1, to: 2, from: 4, value: 1.25 });
    expect(trainer.params()[layer.weightOffset + 4 * layer.outputs + 2]).toBe(1.25);
    const grid = trainer.evalGrid(8);
    trainer.setWeight({ layer: 2, to: 0, from: 0, value: 3 });
    expect(sameValues(trainer.evalGrid(8), grid)).toBe(false);
  });

  test('setParams replaces the block and changes the function drawn', () => {
    const zeros = new Float32Array(trainer.paramCount);
    trainer.setParams(zeros);
    expect(sameValues(trainer.params(), zeros)).toBe(true);
    // All-zero weights and biases: tanh(0) everywhere.
    expect(new Set(trainer.evalGrid(4))).toEqual(new Set([0]));
    trainer.setParams(Array.from({ length: trainer.paramCount }, (_, i) => i / 100));
    expect(trainer.params()[7]).toBeCloseTo(0.07, 6);
  });

  test('evalGrid returns [nodes x n x n] and can fill a given buffer', () => {
    const nodes = trainer.gridNodeCount({ hidden: true });
    expect(nodes).toBe(5 + 3 + 1);
    const grid = trainer.evalGrid(10, { hidden: true });
    expect(grid).toHaveLength(nodes * 100);
    const out = new Float32Array(100);
    expect(trainer.evalGrid(10, { out })).toBe(out);
    expect(sameValues(out, grid.slice(8 * 100))).toBe(true);
    expect(trainer.evalGrid(MAX_GRID_SIZE)).toHaveLength(MAX_GRID_SIZE ** 2);
    expect(thrown(() => trainer.evalGrid(10, { out: new Float32Array(3) })).field).toBe('out');
  });

  test('copies handed out stay valid after the heap grows', () => {
    const params = trainer.params();
    const before = Array.from(params);
    // A big grid forces the WASM memory to grow, detaching any view into it.
    trainer.configure({ hidden: [32, 32] });
    trainer.evalGrid(MAX_GRID_SIZE, { hidden: true });
    expect(Array.from(params)).toEqual(before);
  });

  test('export then import restores config, step and parameters', () => {
    trainer.configure({ learningRate: 0.05, activation: 'tanh' });
    trainer.step(7);
    const json = trainer.exportJson();
    const saved = trainer.params();
    const savedConfig = trainer.config;

    trainer.configure({ hidden: [2], activation: 'relu', learningRate: 0.2 });
    trainer.step(3);
    expect(trainer.importJson(json)).toEqual(savedConfig);
    expect(trainer.config).toEqual(savedConfig);
    expect(sameValues(trainer.params(), saved)).toBe(true);
    expect(trainer.progress().step).toBe(7);
  });

  test('divergence is reported, not thrown, and reset recovers', () => {
    trainer.configure(EXPLODING);
    const progress = trainer.step(1000);
    expect(progress.diverged).toBe(true);
    expect(progress.divergedCause).not.toBe('');
    expect(progress.step).toBeLessThan(1000);
    // The weights are rolled back to an epoch checkpoint from before the blow-up.
    expect(progress.divergedAtStep).toBeGreaterThan(progress.step);
    for (const value of trainer.params()) expect(Number.isFinite(value)).toBe(true);
    // Stepping on while diverged changes nothing.
    expect(trainer.step(5)).toEqual(progress);

    trainer.configure({ learningRate: 0.001 });
    expect(trainer.progress().diverged).toBe(false);
    trainer.reset();
    expect(trainer.step(5)).toMatchObject({ step: 5, diverged: false });
  });

  test('points() copies train and test data as [x1, x2, label] triples', () => {
    const { train, test } = trainer.points();
    expect(train).toBeInstanceOf(Float32Array);
    expect(train.length / 3 + test.length / 3).toBe(100);
    for (let i = 0; i < train.length; i += 3) expect([0, 1]).toContain(train[i + 2]);
  });

  test('splitParams sees PReLU slopes where layers() puts them', async () => {
    const prelu = await createTrainer({ ...SMALL, activation: 'prelu', preluInit: 0.2 }, { build });
    try {
      expect(splitParams(prelu).map((l) => Array.from(l.slopes))).toEqual([[Math.fround(0.2)], [Math.fround(0.2)], []]);
    } finally {
      prelu.delete();
    }
  });
});

test('auto picks the SIMD build on an engine with SIMD128', async () => {
  expect(detectSimd()).toBe(true);
  const trainer = await createTrainer({}, { build: 'auto' });
  expect(trainer.build).toBe('simd');
  trainer.delete();
});

test('a deleted trainer refuses every call with a clear error', async () => {
  const trainer = await createTrainer();
  trainer.delete();
  expect(trainer.deleted).toBe(true);
  trainer.delete(); // a second delete does nothing
  const calls = [
    () => trainer.step(1), () => trainer.metrics(), () => trainer.params(), () => trainer.evalGrid(4),
    () => trainer.configure({}), () => trainer.exportJson(), () => trainer.paramCount,
  ];
  for (const call of calls) {
    const error = thrown(call);
    expect(error.message).toBe('trainer: used after delete()');
    expect(error.field).toBe('trainer');
  }
});
