// Lesson 4. 20-seed spread (docs/lessons/04-init-depth.md) of log10 of
// Var(layer 30) / Var(layer 1) at init: He -1.1 ± 0.88 (-3.0 – 0.49), Xavier
// -9.8 ± 0.88 (max -8.2), U(-0.5, 0.5) 2.6 ± 0.83 (min 1.5). Training 20
// epochs: He > 0.9 on 18 of 20 seeds, Xavier at most 0.556.
import lesson from '../../lessons/experiments/04-init-depth.mjs';
import { geometricMean } from '../../lessons/lib/stats.mjs';

let data;
beforeAll(async () => { data = await lesson.measure({ seeds: 5, trainSeeds: 5, epochs: 10, evalEvery: 10 }); });

const varianceRatios = (init) => data.atInit[init].map((r) => r.variances[29] / r.variances[0]);
const finalAccuracies = (init) => data.training[init].map((curve) => curve[curve.length - 1][1]);

test('He keeps the variance of layer 30 within a few orders of layer 1 (about 1 on average over inits)', () => {
  for (const ratio of varianceRatios('he-normal')) {
    expect(Math.log10(ratio)).toBeGreaterThan(-4);
    expect(Math.log10(ratio)).toBeLessThan(2);
  }
  expect(geometricMean(varianceRatios('he-normal'))).toBeGreaterThan(1e-2);
});

test('Xavier halves it at every layer: it collapses by more than 10^6', () => {
  for (const ratio of varianceRatios('xavier-normal')) expect(ratio).toBeLessThan(1e-6);
  expect(Math.min(...varianceRatios('he-normal'))).toBeGreaterThan(1e4 * Math.max(...varianceRatios('xavier-normal')));
});

test('U(-0.5, 0.5) makes it grow by more than 10', () => {
  for (const ratio of varianceRatios('playground')) expect(ratio).toBeGreaterThan(10);
});

test('zero init: every unit of a layer is identical and the output constant', () => {
  for (const run of data.atInit.zeros) {
    expect(run.unitSpread).toBe(0);
    expect(run.constant).toBe(true);
  }
  for (const run of data.atInit['he-normal']) expect(run.unitSpread).toBeGreaterThan(0.5);
});

test('He trains at depth 30 and Xavier stalls', () => {
  expect(finalAccuracies('he-normal').filter((a) => a > 0.9).length).toBeGreaterThanOrEqual(3);
  for (const accuracy of finalAccuracies('xavier-normal')) expect(accuracy).toBeLessThan(0.6);
});

test('zero init stays symmetric through training even where gradients flow', () => {
  for (const run of data.symmetry.zeros) {
    expect(run.unitSpread).toBe(0);
    expect(run.weightNorm).toBeGreaterThan(0.1);  // the weights did move, all alike
    expect(run.trainAccuracy).toBeLessThan(0.6);
  }
  for (const run of data.symmetry['he-normal']) expect(run.trainAccuracy).toBeGreaterThan(0.95);
});
