// The drawn digit's reduction: 32x32 ink -> ink per 4x4 block -> 8x8 counts
// 0..16 -> the network's inputs, and strokes stamped between pointer events.
import {
  DIGIT_SIDE, INK_BLOCK, INK_SIDE, countsFromInputs, emptyInk, hasInk, inkCounts, inkFromCounts, inputsFromCounts,
  stampDot, stampLine,
} from '../../../web/ui/digit-ink.js';
import { DIGIT_MAX_VALUE, DIGIT_PIXELS } from '../../../web/shared/config-fields.js';

describe('the reduction', () => {
  test('the shapes come from the data set: 32 cells a side, 4x4 blocks, 8x8 pixels', () => {
    expect(INK_SIDE).toBe(32);
    expect(INK_BLOCK).toBe(4);
    expect(DIGIT_SIDE * DIGIT_SIDE).toBe(DIGIT_PIXELS);
    expect(INK_BLOCK * INK_BLOCK).toBe(DIGIT_MAX_VALUE);
  });

  test('an empty drawing is all zeros', () => {
    const ink = emptyInk();
    expect(hasInk(ink)).toBe(false);
    expect(Array.from(inkCounts(ink))).toEqual(new Array(64).fill(0));
    expect(Array.from(inputsFromCounts(inkCounts(ink)))).toEqual(new Array(64).fill(0));
  });

  test('a full drawing is all 16, inputs all 1', () => {
    const ink = emptyInk().fill(1);
    expect(Array.from(inkCounts(ink))).toEqual(new Array(64).fill(16));
    expect(Array.from(inputsFromCounts(inkCounts(ink)))).toEqual(new Array(64).fill(1));
  });

  test('each cell counts in its own block only', () => {
    const ink = emptyInk();
    // Three cells of block (row 2, column 5): rows 8..11, columns 20..23, its corners included.
    ink[8 * 32 + 20] = 1;
    ink[11 * 32 + 23] = 1;
    ink[9 * 32 + 21] = 1;
    // One cell of the last block, at the drawing's far corner.
    ink[31 * 32 + 31] = 1;
    const counts = inkCounts(ink);
    expect(counts[2 * 8 + 5]).toBe(3);
    expect(counts[63]).toBe(1);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(4);
    const inputs = inputsFromCounts(counts);
    expect(inputs[2 * 8 + 5]).toBe(Math.fround(3 / 16));
    expect(inputs[63]).toBe(1 / 16);
  });

  test('a test image round-trips through the canvas exactly', () => {
    const values = Float32Array.from({ length: 64 }, (_, i) => (i * 7 % 17) / 16);
    const counts = countsFromInputs(values);
    expect(Array.from(counts)).toEqual(Array.from({ length: 64 }, (_, i) => i * 7 % 17));
    const ink = inkFromCounts(counts);
    expect(Array.from(inkCounts(ink))).toEqual(Array.from(counts));
    expect(Array.from(inputsFromCounts(inkCounts(ink)))).toEqual(Array.from(values));
  });

  test('inputs off the scale are clamped and rounded to the nearest count', () => {
    expect(Array.from(countsFromInputs([-0.5, 0.49 / 16, 0.51 / 16, 1.7]))).toEqual([0, 0, 1, 16]);
  });
});

describe('strokes', () => {
  test('a dot inks the cells within the pen and none off the drawing', () => {
    const ink = emptyInk();
    stampDot(ink, 0.5, 0.5, 1.3); // on the corner cell: it and its two neighbours inside the drawing
    expect(Array.from(ink.subarray(0, 3))).toEqual([1, 1, 0]);
    expect(ink[32]).toBe(1);
    expect(ink.reduce((a, b) => a + b, 0)).toBe(3);
    const edge = emptyInk();
    stampDot(edge, 40, 40, 1.3); // off the drawing: nothing, and no write outside it
    expect(hasInk(edge)).toBe(false);
  });

  test('a long fast stroke between two pointer events leaves no gap', () => {
    const ink = emptyInk();
    stampLine(ink, 2.2, 3.7, 29.6, 27.1);
    // Every cell the line's centre passes over is inked.
    for (let t = 0; t <= 1; t += 0.001) {
      const x = 2.2 + (29.6 - 2.2) * t;
      const y = 3.7 + (27.1 - 3.7) * t;
      expect(ink[Math.floor(y) * 32 + Math.floor(x)]).toBe(1);
    }
  });

  test('a vertical stroke inks one column of blocks, three cells wide', () => {
    const ink = emptyInk();
    stampLine(ink, 16, 4, 16, 28);
    const counts = inkCounts(ink);
    for (let row = 0; row < 8; row++) {
      for (let col = 0; col < 8; col++) {
        const count = counts[row * 8 + col];
        if (col === 3 || col === 4) expect(count).toBeGreaterThanOrEqual(row >= 1 && row <= 6 ? 4 : 0);
        else expect(count).toBe(0);
      }
    }
    // Cells 15 and 16 (the pen's middle) on every row of the stroke.
    for (let row = 5; row < 27; row++) {
      expect(ink[row * 32 + 15] && ink[row * 32 + 16]).toBe(1);
      expect(ink[row * 32 + 13]).toBe(0);
    }
  });
});
