import {
  NEGATIVE, POSITIVE, NEUTRAL, CLASS_COLORS, divergingColor, makeLut, fillHeatmap, lutIndex, LUT_SIZE,
  packRgba, makeClassLuts, fillArgmax, simulateDeuteranopia, luminance,
  THEMES, paletteFor, simulateProtanopia, deltaE76, toLab, contrastRatio,
} from '../../../web/ui/colors.js';

const unpack = (p) => [p & 255, (p >>> 8) & 255, (p >>> 16) & 255, p >>> 24];
const distance = (a, b) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

describe('diverging scale', () => {
  test('ends and middle', () => {
    expect(divergingColor(-1)).toEqual([...NEGATIVE]);
    expect(divergingColor(1)).toEqual([...POSITIVE]);
    expect(divergingColor(0)).toEqual([...NEUTRAL]);
    expect(divergingColor(-5)).toEqual([...NEGATIVE]);
    expect(divergingColor(NaN)).toEqual([...NEUTRAL]);
  });

  test('a deuteranope still tells the two ends apart, by hue and by lightness', () => {
    const neg = simulateDeuteranopia(NEGATIVE);
    const pos = simulateDeuteranopia(POSITIVE);
    expect(distance(neg, pos)).toBeGreaterThan(150);
    // Orange stays much lighter than blue, so even greyscale separates them.
    expect(luminance(neg) / luminance(pos)).toBeGreaterThan(2);
    // A red/green pair (the thing to avoid) collapses under the same simulation.
    expect(distance(simulateDeuteranopia([200, 60, 60]), simulateDeuteranopia([60, 160, 60]))).toBeLessThan(80);
  });

  test('the class palette stays distinct for a deuteranope (first four)', () => {
    const seen = CLASS_COLORS.slice(0, 4).map(simulateDeuteranopia);
    for (let i = 0; i < seen.length; i++) {
      for (let j = i + 1; j < seen.length; j++) expect(distance(seen[i], seen[j])).toBeGreaterThan(40);
    }
  });

  test('the scale is monotonic from orange to blue in the red channel', () => {
    let previous = 256;
    for (let t = -1; t <= 1.0001; t += 0.1) {
      const red = divergingColor(t)[0];
      expect(red).toBeLessThanOrEqual(previous);
      previous = red;
    }
  });
});

describe('lookup tables and heatmap filling', () => {
  test('packRgba is little-endian RGBA', () => {
    const bytes = new Uint8ClampedArray(new Uint32Array([packRgba(1, 2, 3, 4)]).buffer);
    expect([...bytes]).toEqual([1, 2, 3, 4]);
  });

  test('lut ends match the scale ends and NaN maps to the middle', () => {
    const lut = makeLut({ range: 1 });
    expect(unpack(lut[0]).slice(0, 3)).toEqual([...NEGATIVE]);
    expect(unpack(lut[LUT_SIZE - 1]).slice(0, 3)).toEqual([...POSITIVE]);
    expect(lutIndex(NaN, 1)).toBe(LUT_SIZE >> 1);
    expect(lutIndex(-9, 1)).toBe(0);
    expect(lutIndex(9, 1)).toBe(LUT_SIZE - 1);
  });

  test('a faded lut is lighter than a plain one', () => {
    const plain = unpack(makeLut({ range: 1 })[0]);
    const faded = unpack(makeLut({ range: 1, fade: 0.5 })[0]);
    expect(luminance(faded.slice(0, 3))).toBeGreaterThan(luminance(plain.slice(0, 3)));
  });

  test('fillHeatmap maps values (with scale and shift) through the lut', () => {
    const lut = makeLut({ range: 1 });
    const values = new Float32Array([0, 0, 0.5, 1, 0]); // a sigmoid probability plane at offset 1
    const out = new Uint32Array(4);
    fillHeatmap(out, 0, values, 1, 4, lut, 2, -1);
    expect(out[0]).toBe(lut[0]); // p = 0 -> -1
    expect(out[1]).toBe(lut[lutIndex(0, 1)]);
    expect(out[2]).toBe(lut[LUT_SIZE - 1]); // p = 1 -> +1
    expect(out[3]).toBe(lut[0]);
  });

  test('soft lut keeps large activations distinguishable', () => {
    const lut = makeLut({ range: 3, soft: true });
    expect(lut[lutIndex(1.5, 3)]).not.toBe(lut[lutIndex(2.5, 3)]);
  });

  test('fillArgmax picks the most probable class, faded by confidence', () => {
    const luts = makeClassLuts(3);
    const count = 2;
    // pixel 0: class 2 sure; pixel 1: class 0 unsure (0.34 vs 0.33).
    const values = new Float32Array([0.05, 0.34, 0.05, 0.33, 0.9, 0.33]);
    const out = new Uint32Array(count);
    fillArgmax(out, values, 0, count, luts);
    // confidence (0.9 - 1/3) / (2/3) = 0.85 of the way to solid: level round(0.85 * 63) = 54.
    expect(out[0]).toBe(luts[2][54]);
    expect(luminance(unpack(out[1]).slice(0, 3))).toBeGreaterThan(0.9); // unsure: near white
    fillArgmax(out, values, 0, count, luts, true);
    expect(out[0]).toBe(luts[2][luts[2].length - 1]);
    expect(out[1]).toBe(luts[0][luts[0].length - 1]);
  });
});

import { resampleIndex, fillHeatmapResampled } from '../../../web/ui/colors.js';

describe('tiles at their own pixel size', () => {
  test('resampleIndex maps each tile pixel to the grid cell under its centre', () => {
    // Same size: the identity.
    expect([...resampleIndex(3, 3)]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    // 4 x 4 grid onto 2 x 2: centres at 1 and 3 of 4 -> cells 1 and 3.
    expect([...resampleIndex(4, 2)]).toEqual([5, 7, 13, 15]);
    // 2 x 2 grid onto 4 x 4: each cell covers a 2 x 2 block.
    expect([...resampleIndex(2, 4)]).toEqual([0, 0, 1, 1, 0, 0, 1, 1, 2, 2, 3, 3, 2, 2, 3, 3]);
    // 50 onto 30: every index inside the grid, rows and columns non-decreasing, corners kept.
    const index = resampleIndex(50, 30);
    expect(Math.min(...index)).toBe(0);
    expect(Math.max(...index)).toBe(50 * 50 - 1);
    for (let i = 1; i < 30; i++) expect(index[i]).toBeGreaterThanOrEqual(index[i - 1]);
  });

  test('fillHeatmapResampled colours each pixel from its cell, with scale and shift, NaN as the middle', () => {
    const lut = makeLut({ range: 1 });
    const values = new Float32Array([9, 9, -1, 1, NaN, 0.5]); // the 2 x 2 grid starts at offset 2
    const out = new Uint32Array(4);
    fillHeatmapResampled(out, values, 2, resampleIndex(2, 2), lut);
    expect([...out]).toEqual([lut[0], lut[LUT_SIZE - 1], lut[lutIndex(0, 1)], lut[lutIndex(0.5, 1)]]);
    // A sigmoid output in [0, 1] mapped to [-1, 1]: 0.5 is the middle.
    fillHeatmapResampled(out, values, 5, resampleIndex(1, 2), lut, 2, -1);
    expect([...out]).toEqual(Array(4).fill(lut[lutIndex(0, 1)]));
  });
});

// Both themes, seen with the two red-green deficiencies: the classes and the
// two signs of a weight must stay far apart. 40 in CIE76 is about 17 times the
// just-noticeable difference (2.3); a red/green pair falls to 6 (checked below).
const SEEN_APART = 40;
const VISIONS = { normal: (c) => c.slice(0, 3), deuteranopia: simulateDeuteranopia, protanopia: simulateProtanopia };

describe('themes under simulated colour blindness', () => {
  test('Lab and CIE76 agree with known values', () => {
    const white = toLab([255, 255, 255]);
    expect(white[0]).toBeCloseTo(100, 1);
    expect(Math.abs(white[1]) + Math.abs(white[2])).toBeLessThan(0.1);
    expect(toLab([0, 0, 0])[0]).toBeCloseTo(0, 5);
    // sRGB red is L 53.2, a 80.1, b 67.2 (D65).
    const red = toLab([255, 0, 0]);
    expect(red[0]).toBeCloseTo(53.2, 0);
    expect(red[1]).toBeCloseTo(80.1, 0);
    expect(red[2]).toBeCloseTo(67.2, 0);
    expect(deltaE76([255, 255, 255], [0, 0, 0])).toBeCloseTo(100, 1);
  });

  test('the threshold catches a red/green pair', () => {
    expect(deltaE76(simulateDeuteranopia([200, 60, 60]), simulateDeuteranopia([60, 160, 60]))).toBeLessThan(SEEN_APART / 4);
    expect(deltaE76([200, 60, 60], [60, 160, 60])).toBeGreaterThan(SEEN_APART);
  });

  for (const theme of ['light', 'dark']) {
    const palette = THEMES[theme];
    for (const [vision, see] of Object.entries(VISIONS)) {
      test(`${theme}, ${vision}: the two classes, and each sign from zero, stay apart`, () => {
        expect(deltaE76(see(palette.classes[0]), see(palette.classes[1]))).toBeGreaterThan(SEEN_APART);
        const [negative, neutral, positive] = [-1, 0, 1].map((t) => see(divergingColor(t, palette)));
        expect(deltaE76(negative, positive)).toBeGreaterThan(2 * SEEN_APART);
        expect(deltaE76(negative, neutral)).toBeGreaterThan(SEEN_APART);
        expect(deltaE76(positive, neutral)).toBeGreaterThan(SEEN_APART);
        // Half a weight is still told from its opposite.
        expect(deltaE76(see(divergingColor(-0.5, palette)), see(divergingColor(0.5, palette)))).toBeGreaterThan(SEEN_APART);
      });
    }

    test(`${theme}: class colours and labels read against the background`, () => {
      // Graphics need 3:1 (WCAG 1.4.11) where they are the only cue; the orange of the
      // light theme (2.3:1) is also told by its points' edge and by its position on the scale.
      expect(contrastRatio(palette.positive, palette.background)).toBeGreaterThanOrEqual(3);
      expect(contrastRatio(palette.ink, palette.background)).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(palette.ink, palette.empty)).toBeGreaterThanOrEqual(4.5);
    });
  }

  test('dark luts start from the dark middle and fade toward the dark background', () => {
    const lut = makeLut({ range: 1, palette: THEMES.dark });
    expect(unpack(lut[LUT_SIZE >> 1]).slice(0, 3).every((c, i) => Math.abs(c - THEMES.dark.neutral[i]) <= 2)).toBe(true);
    const faded = makeLut({ range: 1, fade: 1, palette: THEMES.dark });
    expect(unpack(faded[0]).slice(0, 3)).toEqual([...THEMES.dark.background]);
    expect(paletteFor('dark')).toBe(THEMES.dark);
    expect(paletteFor('anything')).toBe(THEMES.light);
  });
});
