// The first layer's on/off lines: read from the parameter block, and clipped
// to the plane the output plot draws.
import { clipLine, firstLayerLines, hasStraightLines } from '../../../web/shared/region-lines.js';

test('lines only when the features are exactly x1, x2', () => {
  expect(hasStraightLines(['x1', 'x2'])).toBe(true);
  expect(hasStraightLines(['x1', 'x2', 'x1sq'])).toBe(false);
  expect(hasStraightLines(['x1'])).toBe(false);
  expect(firstLayerLines(['x1', 'x2', 'sinx1'], 2, new Float32Array(8))).toBeNull();
});

test('firstLayerLines reads column-major weights then biases', () => {
  // 2 units: W = [[1, 2], [3, 4]] stored column-major [1, 3, 2, 4], b = [5, 6]
  const lines = firstLayerLines(['x1', 'x2'], 2, Float32Array.from([1, 3, 2, 4, 5, 6]));
  expect(Array.from(lines)).toEqual([1, 2, 5, 3, 4, 6]);
});

describe('clipLine', () => {
  const near = (actual, expected) => expected.forEach((v, i) => expect(actual[i]).toBeCloseTo(v, 9));

  test('axis-parallel lines span the square', () => {
    near(clipLine(1, 0, -2, 6), [2, -6, 2, 6]); // x1 = 2
    near(clipLine(0, 1, 3, 6), [-6, -3, 6, -3]); // x2 = -3
  });

  test('a diagonal through a corner counts the corner once', () => {
    const segment = clipLine(1, -1, 0, 6); // x1 = x2
    near(segment, [-6, -6, 6, 6]);
  });

  test('a sloped line meets two sides', () => {
    const [a1, a2, b1, b2] = clipLine(1, 2, -1, 6); // x1 + 2 x2 = 1
    for (const [x1, x2] of [[a1, a2], [b1, b2]]) {
      expect(x1 + 2 * x2).toBeCloseTo(1, 9);
      expect(Math.max(Math.abs(x1), Math.abs(x2))).toBeCloseTo(6, 9);
    }
  });

  test('no segment for a line outside the square or a unit with no weights', () => {
    expect(clipLine(1, 0, -100, 6)).toBeNull();
    expect(clipLine(0, 0, 1, 6)).toBeNull();
  });
});
