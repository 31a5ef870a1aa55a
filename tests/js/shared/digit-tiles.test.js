// The digits tiles' plan: which first-layer weights a snapshot reads, and the
// slot of every deeper drawn unit, as the core numbers units.
import { digitTilesPlan, digitSlotIndex } from '../../../web/shared/digit-tiles.js';

// 64 -> 20 -> 5 -> 10, weights after biases as the core lays them out (offsets only matter relative to each other).
const layers = [
  { inputs: 64, outputs: 20, weightOffset: 0 },
  { inputs: 20, outputs: 5, weightOffset: 2000 },
  { inputs: 5, outputs: 10, weightOffset: 3000 },
];

describe('digitTilesPlan', () => {
  test('a cut first layer is read pixel by pixel: each pixel\'s drawn units, one stretch per pixel', () => {
    const plan = digitTilesPlan(layers, 16);
    expect(plan.rows).toBe(16);
    expect(plan.weightRanges).toHaveLength(2 * 64);
    expect(plan.weightRanges.slice(0, 4)).toEqual([0, 16, 20, 16]); // pixel 0 at 0, pixel 1 one column (20 units) on
    expect(plan.weightRanges.at(-2)).toBe(63 * 20);
  });

  test('a whole first layer is one stretch', () => {
    const plan = digitTilesPlan(layers, 32);
    expect(plan.rows).toBe(20);
    expect(plan.weightRanges).toEqual([0, 20 * 64]);
  });

  test('deeper slots go layer by layer, numbered among every unit of every layer', () => {
    const plan = digitTilesPlan(layers, 4);
    expect(plan.slots).toEqual([
      { layer: 1, unit: 0, node: 20 }, { layer: 1, unit: 1, node: 21 }, { layer: 1, unit: 2, node: 22 }, { layer: 1, unit: 3, node: 23 },
      { layer: 2, unit: 0, node: 25 }, { layer: 2, unit: 1, node: 26 }, { layer: 2, unit: 2, node: 27 }, { layer: 2, unit: 3, node: 28 },
    ]);
    expect(digitSlotIndex(plan, 2, 1)).toBe(5);
    expect(digitSlotIndex(plan, 0, 1)).toBe(-1); // the first layer shows weights, not digits
    expect(digitSlotIndex(plan, 1, 4)).toBe(-1); // not drawn
  });
});
