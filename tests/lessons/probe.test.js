// The native probe (lessons/native) on its own: every figure of the lessons
// goes through it, so each of its measurements is checked against something
// known independently.
import { hiddenLayers, initRecord, lastRecord, runJobs } from '../../lessons/lib/probe.mjs';

const SMALL = { dataset: 'spiral', hidden: [8, 8, 8], activation: 'relu', optimizer: 'sgd', batchSize: 10, seed: 3 };

test('the first record is the untrained network, evaluated', async () => {
  const [result] = await runJobs([{ config: SMALL, phases: [{ epochs: 2 }] }]);
  const first = initRecord(result);
  expect(first).toMatchObject({ epoch: 0, step: 0, diverged: false });
  expect(Number.isFinite(first.trainLoss)).toBe(true);
  expect(lastRecord(result)).toMatchObject({ epoch: 2, step: 50 });  // 250 training points, batches of 10
});

test('off masks count the trainer\'s dead units for ReLU; Leaky ReLU units can be off without being dead', async () => {
  const [relu, leaky] = await runJobs([
    { config: { ...SMALL, learningRate: 1 }, phases: [{ epochs: 30, evalEvery: 10 }], probes: { offMasks: true } },
    { config: { ...SMALL, learningRate: 1, activation: 'leaky-relu' }, phases: [{ epochs: 30, evalEvery: 10 }], probes: { offMasks: true } },
  ]);
  let deadSeen = 0;
  for (const record of relu.records) {
    hiddenLayers(record).forEach((layer, l) => {
      expect(record.offMasks[l]).toHaveLength(layer.units);
      expect(record.offMasks[l].filter(Boolean).length).toBe(layer.deadUnits);
      deadSeen += layer.deadUnits;
    });
  }
  expect(deadSeen).toBeGreaterThan(0);  // the comparison above compared something
  let offSeen = 0;
  for (const record of leaky.records) {
    offSeen += record.offMasks.flat().filter(Boolean).length;
    for (const layer of hiddenLayers(record)) expect(layer.deadUnits).toBe(0);  // slope 0.01 x negative is not 0
  }
  expect(offSeen).toBeGreaterThan(0);
});

test('unit spread and output range tell a zero-initialised network from a random one', async () => {
  const [zeros, he] = await runJobs([
    { config: { ...SMALL, init: 'zeros' }, probes: { unitSpread: true, outputRange: 16 } },
    { config: { ...SMALL, init: 'he-normal' }, probes: { unitSpread: true, outputRange: 16 } },
  ]);
  expect(initRecord(zeros).unitSpread).toEqual([0, 0, 0]);
  expect(initRecord(zeros).outputRange).toBe(0);
  for (const spread of initRecord(he).unitSpread) expect(spread).toBeGreaterThan(0);
  expect(initRecord(he).outputRange).toBeGreaterThan(0);
});

test('the output grid is n x n head outputs and the training points come back', async () => {
  const [result] = await runJobs([{ config: { ...SMALL, binaryHead: 'sigmoid-bce' }, probes: { outputGrid: 12, trainPoints: true } }]);
  const grid = initRecord(result).outputGrid;
  expect(grid).toHaveLength(144);
  for (const p of grid) expect(p >= 0 && p <= 1).toBe(true);
  expect(result.trainPoints).toHaveLength(250);
  for (const [x1, x2, label] of result.trainPoints) {
    expect(Math.abs(x1) <= 6 && Math.abs(x2) <= 6).toBe(true);
    expect([0, 1]).toContain(label);
  }
});

test('a phase\'s "set" changes live fields and keeps the weights; training continues from them', async () => {
  const [result] = await runJobs([{
    config: SMALL,
    phases: [{ epochs: 1 }, { epochs: 1, set: { learningRate: 0.5, clipNorm: 2 } }],
  }]);
  const [start, afterFirst, afterSecond] = result.records;
  expect([start.learningRate, afterFirst.learningRate, afterSecond.learningRate].map((v) => Math.fround(v)))
    .toEqual([Math.fround(0.03), Math.fround(0.03), Math.fround(0.5)]);
  expect(afterSecond.step).toBe(50);
});

test('divergence is recorded with its step and cause, and ends the phase', async () => {
  const [result] = await runJobs([{
    config: { dataset: 'reg-plane', problem: 'regression', hidden: [8, 8], learningRate: 10, seed: 1 },
    phases: [{ epochs: 50 }],
  }]);
  const last = lastRecord(result);
  expect(last.diverged).toBe(true);
  expect(last.divergedAtStep).toBeGreaterThan(0);
  expect(last.divergedCause).toMatch(/step \d+/);
  expect(last.epoch).toBeLessThan(50);
});

test('timings are positive numbers (measured, never compared)', async () => {
  const [result] = await runJobs([{ config: SMALL, stepTime: { steps: 5, repeats: 1 }, kernelTime: { n: 1024, repeats: 2 } }]);
  expect(result.stepMicros).toBeGreaterThan(0);
  expect(result.kernelNanos).toBeGreaterThan(0);
});

test('a bad job is refused with the core\'s message naming the field', async () => {
  await expect(runJobs([{ config: { learningRate: 20 } }])).rejects.toThrow(/learningRate: 20/);
  await expect(runJobs([{ config: SMALL, phases: [{ epochs: -1 }] }])).rejects.toThrow(/phases\[\]\.epochs/);
  await expect(runJobs([{ config: SMALL, phases: [{ epochs: 1, set: { hidden: 'wide' } }] }])).rejects.toThrow(/phases\[\]\.set: hidden/);
});

test('on the digits the probe feeds the pixels: off masks match the trainer\'s dead units before and after training', async () => {
  // The probe once computed plane features from a digit's point (its image index), and saw
  // half of every layer off at initialisation where the trainer counted none dead.
  const config = { dataset: 'digits', problem: 'multiclass', hidden: [8, 8, 8], activation: 'relu', optimizer: 'sgd', learningRate: 1, batchSize: 10, seed: 2 };
  const [result] = await runJobs([{ config, phases: [{ epochs: 6, evalEvery: 3 }], probes: { offMasks: true } }]);
  let deadSeen = 0;
  for (const record of result.records) {
    hiddenLayers(record).forEach((layer, l) => {
      expect(record.offMasks[l].filter(Boolean).length).toBe(layer.deadUnits);
      deadSeen += layer.deadUnits;
    });
  }
  expect(deadSeen).toBeGreaterThan(0);  // learning rate 1 kills units on the digits too
});
