// The digits tiles as pixels and words: a unit's weights read out of the
// pixel-major block, the layer's one scale, the digit a deeper tile shows or
// why it shows none, and the descriptions.
import {
  unitWeights, weightScale, makeInkLut, fillWeightTile, fillDigitTile, excitedDigit, weightTileLabel, digitTileLabel, distinctColors,
} from '../../../web/ui/components/digit-tiles.js';
import { makeLut, lutIndex, resampleIndex, divergingColor, packRgba } from '../../../web/ui/colors.js';

test('unitWeights reads pixel k of unit u at k * rows + u', () => {
  const rows = 3;
  const block = Float32Array.from({ length: 64 * rows }, (_, i) => i);
  const w = unitWeights(block, rows, 2);
  expect(w[0]).toBe(2);
  expect(w[63]).toBe(63 * 3 + 2);
});

test('weightScale: 2.5 root-mean-squares of the finite weights, at most the largest |w|, and 1 for all-zero weights', () => {
  expect(weightScale(new Float32Array([0.5, -2, 1, Number.NaN]))).toBe(2); // 2.5 rms = 3.3: capped
  const outlier = new Float32Array(100).fill(0.1);
  outlier[0] = 10; // rms = sqrt((99 * 0.01 + 100) / 100)
  expect(weightScale(outlier)).toBeCloseTo(2.5 * Math.sqrt((99 * 0.01 + 100) / 100), 5);
  expect(weightScale(new Float32Array(4))).toBe(1);
});

test('a weight tile maps ±scale to the ends of the diverging palette and 0 to the middle', () => {
  const lut = makeLut({ range: 1 });
  const index = resampleIndex(8, 16);
  const values = new Float32Array(64);
  values[0] = -2; // top-left pixel: the most negative
  values[7] = 2; // top-right: the most positive
  const out = new Uint32Array(16 * 16);
  fillWeightTile(out, values, index, lut, 2);
  const pack = ([r, g, b]) => packRgba(r, g, b);
  expect(out[0]).toBe(pack(divergingColor(-1)));
  expect(out[15]).toBe(pack(divergingColor(1)));
  expect(out[16 * 8 + 8]).toBe(lut[lutIndex(0, 1)]); // zero: the middle of the lut
  expect(distinctColors(out)).toBe(3);
});

test('a digit tile is ink on paper: 0 white, 1 black', () => {
  const index = resampleIndex(8, 8);
  const pixels = new Float32Array(128);
  pixels[64] = 1; // slot 1, first pixel
  const out = new Uint32Array(64);
  fillDigitTile(out, pixels, 1, index, makeInkLut());
  expect(out[0]).toBe(packRgba(0, 0, 0));
  expect(out[1]).toBe(packRgba(255, 255, 255));
});

describe('excitedDigit', () => {
  const excited = {
    count: 3, samples: Int32Array.of(4, -1, 2), labels: Int32Array.of(7, -1, 3), activations: Float32Array.of(2.25, Number.NaN, 0),
  };
  test('names the slot\'s digit', () => {
    expect(excitedDigit(excited, 0, false)).toEqual({ sample: 4, label: 7, activation: 2.25 });
  });
  test('a dead unit, no pass yet, or zero on every test digit: none', () => {
    expect(excitedDigit(excited, 0, true)).toBeNull();
    expect(excitedDigit(excited, 1, false)).toBeNull();
    expect(excitedDigit(excited, 2, false)).toBeNull();
    expect(excitedDigit(excited, -1, false)).toBeNull();
  });
});

test('the tiles describe themselves', () => {
  expect(weightTileLabel(0, 2)).toBe('unit 3 of layer 1: its incoming weights as an 8x8 image');
  expect(digitTileLabel(1, 0, { digit: { label: 7, activation: 2.3 } }))
    .toBe('unit 1 of layer 2: the test digit that excites it most: a 7 (activation 2.3)');
  expect(digitTileLabel(2, 4, { isOutput: true, digit: { label: 4, activation: 0.987654 } }))
    .toBe('output 5 (the digit 4): the test digit that excites it most: a 4 (activation 0.988)');
  expect(digitTileLabel(1, 0, { dead: true })).toMatch(/dead .*no test digit/);
  expect(digitTileLabel(1, 0, { evaluated: false })).toMatch(/after the first full pass/);
});
