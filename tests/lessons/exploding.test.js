// Lesson 7. 20-seed spread (docs/lessons/07-exploding.md): at lr 3 all 20 runs
// blow up and are caught at step 2 or 3, before any value overflows; with
// clipping at 0.1 none does and the test loss is 0.023 median (a constant
// output scores 0.13); at lr 0.03, 18 of 20 runs end below 0.01. Lowering the
// rate after the divergence continues from the trainer's checkpoint (here the
// initial weights) and rescues 18 of 20, as many as a Reset (before the
// checkpoints: 0 of 20).
import lesson, { TRAINED_LOSS } from '../../lessons/experiments/07-exploding.mjs';
import { quantile } from '../../lessons/lib/stats.mjs';

let data;
beforeAll(async () => { data = await lesson.measure({ seeds: 10, epochs: 20, rates: [0.03, 3], clips: [0, 0.1] }); });

const cell = (learningRate, clipNorm) => data.sweep.find((c) => c.learningRate === learningRate && c.clipNorm === clipNorm).seeds;
const CONSTANT_OUTPUT_LOSS = 0.13;

test('learning rate 3 diverges, and the trainer detects it and says why', () => {
  for (const run of cell(3, 0)) {
    expect(run.diverged).toBe(true);
    expect(run.cause).toMatch(/^((loss|weights) exploded: |(loss|gradient norm|updated weights) (is|are) (NaN|inf|non-finite))/);
    expect(run.step).toBeGreaterThan(0);
  }
});

test('a sane rate trains without diverging', () => {
  expect(cell(0.03, 0).some((r) => r.diverged)).toBe(false);
  expect(quantile(cell(0.03, 0).map((r) => r.testLoss), 0.5)).toBeLessThan(TRAINED_LOSS);
});

test('gradient clipping keeps the same too-large rate finite, and it learns', () => {
  for (const run of cell(3, 0.1)) {
    expect(run.diverged).toBe(false);
    expect(run.testLoss).toBeLessThan(CONSTANT_OUTPUT_LOSS);
  }
});

test('lowering the rate after the divergence rescues the run from the checkpoint the trainer returned to', () => {
  const stopped = data.continued.filter((c) => c.divergedFirst);
  expect(stopped).toHaveLength(10);
  const fromScratch = cell(0.03, 0);
  stopped.forEach((c, i) => {
    expect(c.restoredStep).toBe(0);  // the blow-up comes within the first epoch: back to the initial weights ...
    expect(c.lossAtStop).toBeLessThan(100);  // ... which are sane (training loss 0.8 – 41 on these seeds)
    expect(c.end.diverged).toBe(false);
    expect(c.end.testLoss).toBeLessThan(CONSTANT_OUTPUT_LOSS / 4);
    // Same weights, same data order: carrying on is exactly a Reset at the lower rate.
    expect(c.end.testLoss).toBe(fromScratch[i].testLoss);
  });
  expect(stopped.filter((c) => c.end.testLoss < TRAINED_LOSS).length).toBeGreaterThanOrEqual(8);  // 9 of 10 measured
});
