// Lesson 8. 20-seed spread (docs/lessons/08-prelu.md) of the slopes after 200
// epochs: layer 1 0.13 ± 0.13, layer 6 -0.28 ± 0.30; after 100 epochs on
// seeds 1-10 the layer means are 0.17 and -0.22, mean |slope - 0.25| 0.21.
import lesson from '../../lessons/experiments/08-prelu.mjs';
import { mean } from '../../lessons/lib/stats.mjs';

let data;
beforeAll(async () => { data = await lesson.measure({ seeds: 10, epochs: 100, evalEvery: 100, perUnit: false }); });

const finalSlopes = (l) => data.perLayer.map((r) => r.slopes[r.slopes.length - 1][l]);

test('every slope starts at 0.25', () => {
  for (const run of data.perLayer) for (const slope of run.slopes[0]) expect(slope).toBe(0.25);
});

test('the slopes move, by 0.1 or more on average', () => {
  const moves = data.perLayer.flatMap((r) => r.slopes[r.slopes.length - 1].map((s) => Math.abs(s - 0.25)));
  expect(mean(moves)).toBeGreaterThan(0.1);
});

test('the last layer\'s slope ends lower than the first\'s, often negative', () => {
  expect(mean(finalSlopes(5))).toBeLessThan(mean(finalSlopes(0)) - 0.15);
  expect(finalSlopes(5).filter((s) => s < 0).length).toBeGreaterThanOrEqual(5);
});
