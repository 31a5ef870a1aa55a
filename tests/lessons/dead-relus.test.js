// Lesson 5. 20-seed spread (docs/lessons/05-dead-relus.md): ReLU units off on
// every sample after 100 epochs: 0.048 ± 0.053 at lr 0.03, 0.44 ± 0.1 at lr 1,
// where 2 of 189 units off at epoch 10 came back (Leaky ReLU: 69 of 117).
// Train accuracy at lr 1: ReLU 0.53 ± 0.037, Leaky ReLU 0.66 ± 0.11.
import lesson from '../../lessons/experiments/05-dead-relus.mjs';
import { mean } from '../../lessons/lib/stats.mjs';

let data;
beforeAll(async () => { data = await lesson.measure({ seeds: 10, rates: [0.03, 1] }); });

const run = (activation, learningRate) => data.runs.find((r) => r.activation === activation && r.learningRate === learningRate).seeds;
const cameBackShare = (seeds) => seeds.reduce((s, r) => s + r.cameBack, 0) / seeds.reduce((s, r) => s + r.wereOff, 0);

test('at learning rate 1 a large share of ReLU units die; at 0.03 few do', () => {
  expect(mean(run('relu', 1).map((r) => r.offShare))).toBeGreaterThan(0.25);
  expect(mean(run('relu', 0.03).map((r) => r.offShare))).toBeLessThan(0.15);
  // For ReLU "off on every sample" and the trainer's dead-unit count are the same thing.
  for (const r of run('relu', 1)) expect(r.deadUnits).toBe(Math.round(r.offShare * 24));
});

test('dead ReLU units almost never come back; Leaky ReLU units often do', () => {
  expect(cameBackShare(run('relu', 1))).toBeLessThan(0.15);
  expect(cameBackShare(run('leaky-relu', 1))).toBeGreaterThan(0.3);
});

test('at learning rate 1 Leaky ReLU keeps learning better than ReLU', () => {
  expect(mean(run('leaky-relu', 1).map((r) => r.trainAccuracy))).toBeGreaterThan(mean(run('relu', 1).map((r) => r.trainAccuracy)) + 0.05);
});

test('PReLU does not: its learned slopes run far outside [0, 1] at that rate', () => {
  const slopes = run('prelu', 1).flatMap((r) => r.slopes);
  expect(Math.min(...slopes)).toBeLessThan(-1);
  expect(Math.max(...slopes)).toBeGreaterThan(2);
  expect(mean(run('prelu', 1).map((r) => r.trainAccuracy))).toBeLessThan(0.6);
});
