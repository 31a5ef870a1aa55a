// The lessons rerun on the handwritten digits (lessons/experiments/digits.mjs),
// as a smoke of few seeds and short runs: each claim docs/LESSONS.md states
// for the digits, with margins taken from the 20-seed tables in
// docs/lessons/*-digits-*.md (quoted above each test), and one table rendered
// twice to show it is the same byte for byte.
import { DIGITS_LESSONS } from '../../lessons/experiments/digits.mjs';
import { geometricMean, mean } from '../../lessons/lib/stats.mjs';

const lesson = (name) => DIGITS_LESSONS.find((l) => l.name === `digits-${name}`);

describe('vanishing gradients', () => {
  let data;
  beforeAll(async () => { data = await lesson('vanishing-gradients').measure({ seeds: 5 }); });
  const ratios = (label) => data.cases.find((c) => c.label === label).gradNorms.map((n) => n[0] / n[9]);

  // 20 seeds, log10(layer 1 / layer 10): sigmoid -5.5 ± 0.23 (max -4.8); ReLU + He 0.62 ± 0.37 (0.11 – 1.6).
  test('ten sigmoid layers: the first layer\'s gradient is over 10^4 times smaller than the tenth\'s', () => {
    for (const ratio of ratios('sigmoid, Xavier')) expect(ratio).toBeLessThan(1e-4);
  });

  test('ReLU and He: within a small factor, and over 10^3 times the sigmoid\'s ratio on every seed', () => {
    const relu = ratios('ReLU, He');
    expect(geometricMean(relu)).toBeGreaterThan(0.1);
    expect(geometricMean(relu)).toBeLessThan(100);
    expect(Math.min(...relu)).toBeGreaterThan(1000 * Math.max(...ratios('sigmoid, Xavier')));
  });
});

describe('initialisation at depth 30', () => {
  let data;
  beforeAll(async () => { data = await lesson('init-depth').measure({ seeds: 5, trainSeeds: 2, epochs: 6, evalEvery: 6 }); });
  const ratios = (init) => data.atInit[init].map((v) => v[v.length - 1] / v[0]);
  const finalAccuracy = (init) => data.training[init].map((curve) => curve[curve.length - 1][1]);

  // 20 seeds, log10 Var(30)/Var(1): He -1.2 ± 1 (-3.2 – 0.51), Xavier -9.9 ± 1 (max -8.2),
  // U(-0.5, 0.5) 2.6 ± 0.82 (0.94 – 4.9).
  test('Xavier loses the signal through 30 layers, U(-0.5, 0.5) blows it up, He keeps far more of it', () => {
    for (const ratio of ratios('xavier-normal')) expect(ratio).toBeLessThan(1e-6);
    for (const ratio of ratios('playground')) expect(ratio).toBeGreaterThan(1);
    expect(geometricMean(ratios('playground'))).toBeGreaterThan(10);
    expect(Math.min(...ratios('he-normal'))).toBeGreaterThan(1000 * Math.max(...ratios('xavier-normal')));
    expect(geometricMean(ratios('he-normal'))).toBeLessThan(10);
  });

  // 20 seeds, 20 epochs: He 0.45 ± 0.1 (0.27 – 0.63), Xavier 0.11 (0.107 – 0.123) on every seed; chance 0.1.
  // After 6 epochs (3 seeds): He 0.33 – 0.38, Xavier 0.113 – 0.119.
  test('with Xavier the deep network stays at chance; with He it learns', () => {
    for (const accuracy of finalAccuracy('xavier-normal')) expect(accuracy).toBeLessThan(0.2);
    expect(Math.min(...finalAccuracy('he-normal'))).toBeGreaterThan(Math.max(...finalAccuracy('xavier-normal')) + 0.1);
  });
});

describe('dead ReLUs and the learning rate', () => {
  let data;
  beforeAll(async () => { data = await lesson('dead-relus').measure({ seeds: 3, rates: [0.03, 1], activations: ['relu', 'leaky-relu'] }); });
  const run = (activation, learningRate) => data.runs.find((r) => r.activation === activation && r.learningRate === learningRate).seeds;

  // 20 seeds, 30 epochs: ReLU units off at the end 0.069 ± 0.056 at 0.03 (train accuracy 0.94, min 0.87),
  // 0.76 ± 0.11 (min 0.54) at 1, where the train accuracy is 0.1 (chance) and none of 367 units came back.
  test('at learning rate 1 most ReLU units die and the net is at chance; at 0.03 few die and it learns', () => {
    expect(mean(run('relu', 1).map((r) => r.offShare))).toBeGreaterThan(0.45);
    expect(run('relu', 1).reduce((sum, r) => sum + r.cameBack, 0)).toBe(0);
    for (const r of run('relu', 1)) expect(r.trainAccuracy).toBeLessThan(0.2);
    expect(mean(run('relu', 0.03).map((r) => r.offShare))).toBeLessThan(0.25);
    for (const r of run('relu', 0.03)) expect(r.trainAccuracy).toBeGreaterThan(0.7);
    // For ReLU, off on every image and the trainer's dead count are the same thing.
    for (const r of [...run('relu', 1), ...run('relu', 0.03)]) expect(r.deadUnits).toBe(Math.round(r.offShare * 24));
  });

  // 20 seeds: Leaky ReLU at rate 1 is stopped by the divergence check on 19 seeds; at 0.03 on none.
  test('Leaky ReLU does not keep learning at that rate on the digits: its loss blows up instead', () => {
    expect(run('leaky-relu', 1).filter((r) => r.diverged).length).toBeGreaterThanOrEqual(2);
    for (const r of run('leaky-relu', 0.03)) expect(r.diverged).toBe(false);
  });
});

describe('exploding loss', () => {
  let data;
  beforeAll(async () => { data = await lesson('exploding').measure({ seeds: 3, epochs: 5, rates: [3] }); });
  const cell = (clipNorm) => data.sweep.find((c) => c.clipNorm === clipNorm && c.learningRate === 3).seeds;

  // 20 seeds, 15 epochs at rate 3: no ReLU run diverges; the units die (median 94%) and the test accuracy is at chance (0.096).
  test('at rate 3 ReLU on the digits does not blow up: its units die and it predicts at chance', () => {
    for (const s of cell(0)) {
      expect(s.diverged).toBe(false);
      expect(s.deadShare).toBeGreaterThan(0.5);
      expect(s.testAccuracy).toBeLessThan(0.2);
    }
  });

  // 20 seeds, 15 epochs at rate 3 clipped to 0.1: median test accuracy 0.898, above 0.8 on 18 of 20.
  test('clipping the gradient norm to 0.1 at the same rate trains', () => {
    for (const s of cell(0.1)) {
      expect(s.diverged).toBe(false);
      expect(s.testAccuracy).toBeGreaterThan(0.7);
    }
  });
});

describe('PReLU slopes and sparsity', () => {
  let prelu;
  let sparsity;
  beforeAll(async () => {
    prelu = await lesson('prelu').measure({ seeds: 3, epochs: 20, evalEvery: 20, perUnit: false });
    sparsity = await lesson('sparsity').measure({ seeds: 5, epochs: 1, overfitSeeds: 0 });
  });

  // 20 seeds, 60 epochs: layer 1 0.26 ± 0.13, layer 6 0.78 ± 0.21, one per-layer slope in 120 negative
  // (on the spiral the last layer goes negative: -0.28 ± 0.3).
  const finalOf = (l) => prelu.perLayer.map((r) => r.slopes[r.slopes.length - 1][l]);
  test('on the digits the learned slopes rise from 0.25, most in the last layers, where the spiral\'s went negative', () => {
    for (const slope of prelu.perLayer.flatMap((r) => r.slopes[0])) expect(slope).toBe(0.25);
    expect(mean(finalOf(5))).toBeGreaterThan(mean(finalOf(0)) + 0.15);
    for (const slope of finalOf(5)) expect(slope).toBeGreaterThan(0.25);
  });

  // 20 seeds: the share of zeros at initialisation is about a half (0.495 ± 0.061, 0.373 – 0.583).
  test('about half of a ReLU layer\'s outputs are exactly zero at initialisation', () => {
    for (const perLayer of sparsity.atInit) {
      expect(mean(perLayer)).toBeGreaterThan(0.3);
      expect(mean(perLayer)).toBeLessThan(0.7);
    }
  });
});

test('a digits table is the same byte for byte when rerun with the same seeds', async () => {
  const vanishing = lesson('vanishing-gradients');
  const first = vanishing.render(await vanishing.measure({ seeds: 2 }));
  const second = vanishing.render(await vanishing.measure({ seeds: 2 }));
  expect(second.markdown).toBe(first.markdown);
  expect(second.csv).toBe(first.csv);
  expect(first.csv.split('\n').length).toBe(1 + 4 * 2 * 11 + 1);  // header, 4 networks x 2 seeds x 11 layers, final newline
});
