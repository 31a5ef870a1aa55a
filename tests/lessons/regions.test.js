// Lesson 1, linear regions. 20-seed spread (docs/lessons/01-regions.md): at
// initialisation (every bias 0) one layer of 32 units has 62–64 regions, at
// most the 64 wedges 32 lines through the origin make; after training 1x32
// has 203–311 and 4x8 367–775, every shape far below its Montufar maximum.
import lesson, { maximalRegions } from '../../lessons/experiments/01-regions.mjs';

let data;
beforeAll(async () => { data = await lesson.measure({ seeds: 5, epochs: 100 }); });

const shape = (name) => data.shapes.find((s) => `${s.hidden.length}x${s.hidden[0]}` === name);

test('the maxima: 1 + n + C(n, 2) for one layer of lines, Montufar et al.\'s bound deeper', () => {
  expect(maximalRegions([32])).toBe(529);
  expect(maximalRegions([16, 16])).toBe(8 * 8 * (1 + 16 + 120));
  expect(maximalRegions([4, 4, 4, 4, 4, 4, 4, 4])).toBe(4 ** 7 * 11);
});

test('at initialisation one layer\'s 32 lines through the origin make at most 64 wedges', () => {
  for (const count of shape('1x32').atInit) {
    expect(count).toBeGreaterThanOrEqual(60);
    expect(count).toBeLessThanOrEqual(64);
  }
});

test('training adds regions, and no shape comes near its maximum', () => {
  for (const s of data.shapes.slice(0, 3)) {
    s.trained.forEach((count, i) => expect(count).toBeGreaterThan(s.atInit[i]));
  }
  for (const s of data.shapes) {
    expect(Math.max(...s.trained)).toBeLessThan(0.7 * maximalRegions(s.hidden));
  }
  expect(Math.max(...shape('4x8').trained)).toBeLessThan(0.01 * maximalRegions([8, 8, 8, 8]));
});

test('depth helps by a small factor: trained 4x8 beats 1x32 on every seed', () => {
  expect(Math.min(...shape('4x8').trained)).toBeGreaterThan(Math.max(...shape('1x32').trained));
});
