// Lesson 2. 20-seed spread (docs/lessons/02-sparsity.md): share of exact zeros
// at init 0.513 ± 0.053 per seed (layer 1 alone 0.484 – 0.511); with biasInit
// 0.5 it drops to 0.40 ± 0.047; after training 0.548 ± 0.036.
import lesson from '../../lessons/experiments/02-sparsity.mjs';
import { mean } from '../../lessons/lib/stats.mjs';

let data;
beforeAll(async () => { data = await lesson.measure({ seeds: 10, epochs: 100, overfitSeeds: 0 }); });

test('about half of a ReLU layer is exactly zero at init (zero bias, symmetric init)', () => {
  expect(mean(data.atInit.map(mean))).toBeGreaterThan(0.45);
  expect(mean(data.atInit.map(mean))).toBeLessThan(0.56);
  for (const perLayer of data.atInit) {
    expect(perLayer[0]).toBeGreaterThan(0.45);  // the first layer sees the whole symmetric plane
    expect(perLayer[0]).toBeLessThan(0.55);
  }
});

test('a positive bias init makes fewer zeros: the half needs zero biases', () => {
  expect(mean(data.biasedAtInit.map(mean))).toBeLessThan(mean(data.atInit.map(mean)) - 0.05);
});

test('after training on the spiral about half the activations are still zero', () => {
  const trained = mean(data.afterTraining.map(mean));
  expect(trained).toBeGreaterThan(0.4);
  expect(trained).toBeLessThan(0.7);
  expect(mean(data.testAccuracy)).toBeGreaterThan(0.8);
});
