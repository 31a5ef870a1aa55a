// Lesson 3. 20-seed spread (docs/lessons/03-vanishing-gradients.md) of
// log10(|grad W layer 1| / |grad W layer 10|): sigmoid -6.6 ± 0.5 (max -5.8),
// ReLU + He -0.46 ± 0.46 (-1.5 – 0.19).
import lesson from '../../lessons/experiments/03-vanishing-gradients.mjs';
import { geometricMean } from '../../lessons/lib/stats.mjs';

let data;
beforeAll(async () => { data = await lesson.measure({ seeds: 10 }); });

const ratios = (label) => data.cases.find((c) => c.label === label).gradNorms.map((n) => n[0] / n[9]);

test('in ten sigmoid layers the first layer\'s gradient is over 10^4 times smaller than the tenth\'s', () => {
  for (const ratio of ratios('sigmoid, Xavier')) expect(ratio).toBeLessThan(1e-4);
});

test('the sigmoid gradient shrinks at every layer towards the input', () => {
  for (const norms of data.cases.find((c) => c.label === 'sigmoid, Xavier').gradNorms) {
    for (let l = 0; l < 9; l++) expect(norms[l]).toBeLessThan(norms[l + 1]);
  }
});

test('with ReLU and He they stay within a small factor', () => {
  const relu = ratios('ReLU, He');
  expect(geometricMean(relu)).toBeGreaterThan(0.1);
  expect(geometricMean(relu)).toBeLessThan(10);
  for (const ratio of relu) {
    expect(ratio).toBeGreaterThan(0.01);
    expect(ratio).toBeLessThan(100);
  }
  expect(Math.min(...relu)).toBeGreaterThan(100 * Math.max(...ratios('sigmoid, Xavier')));
});
