// What the digits diagram's unit tiles show, as pixels and words: a first-layer
// unit's 64 incoming weights as an 8x8 image (what it looks for), a deeper
// unit's (or an output's) most exciting test digit. Pure: the snapshot's
// digits.units (web/worker/digit-units.js) in, packed pixels and text out.

import { DIGIT_PIXELS } from '../../shared/config-fields.js';
import { LUT_SIZE, packRgba, fillHeatmapResampled } from '../colors.js';
import { formatValue } from '../dom.js';

/** Pixels per side of a digit image. */
export const DIGIT_SIDE = Math.round(Math.sqrt(DIGIT_PIXELS));

/** Unit `unit`'s incoming weights, row by row, from the block [DIGIT_PIXELS x rows] (pixel k into unit u at k * rows + u). */
export function unitWeights(weights, rows, unit, out = new Float32Array(DIGIT_PIXELS)) {
  for (let k = 0; k < DIGIT_PIXELS; k++) out[k] = weights[k * rows + unit];
  return out;
}

/** The weights' scale, in root-mean-squares of the layer's weights: beyond it a weight shows at full colour. */
export const WEIGHT_SCALE_RMS = 2.5;

/**
 * The one colour scale of the first layer's tiles: WEIGHT_SCALE_RMS times the
 * root-mean-square of its finite weights, at most the largest |w| (1 when
 * there are none or all are zero). One scale per layer rather than per tile,
 * so a unit whose weights are all small looks faint beside the others instead
 * of as strong as them; not the largest |w|, so one outlier does not wash
 * every image out to the neutral colour.
 */
export function weightScale(weights) {
  let largest = 0;
  let squares = 0;
  let count = 0;
  for (const w of weights) {
    if (!Number.isFinite(w)) continue;
    largest = Math.max(largest, Math.abs(w));
    squares += w * w;
    count += 1;
  }
  const scale = Math.min(largest, WEIGHT_SCALE_RMS * Math.sqrt(squares / Math.max(count, 1)));
  return scale > 0 ? scale : 1;
}

/** A lut over [-1, 1] from paper (white, -1) to ink (black, +1): a pixel p in [0, 1] goes in as 2p - 1, as the digits view draws them. */
export function makeInkLut() {
  const lut = new Uint32Array(LUT_SIZE);
  for (let i = 0; i < LUT_SIZE; i++) {
    const paper = Math.round(255 * (1 - i / (LUT_SIZE - 1)));
    lut[i] = packRgba(paper, paper, paper);
  }
  lut.range = 1;
  return lut;
}

/** Fills a tile (index: resampleIndex(DIGIT_SIDE, px)) with an 8x8 weight image on the diverging lut, ±scale at its ends. */
export function fillWeightTile(out32, values, index, lut, scale) {
  fillHeatmapResampled(out32, values, 0, index, lut, lut.range / scale, 0);
}

/** Fills a tile with slot `slot`'s digit, ink on paper. */
export function fillDigitTile(out32, pixels, slot, index, inkLut) {
  fillHeatmapResampled(out32, pixels, slot * DIGIT_PIXELS, index, inkLut, 2, -1);
}

/**
 * The digit a deeper tile shows: {sample, label, activation}, or null when
 * nothing excites the unit: before the first full pass, when the unit is dead
 * (zero on every training sample, as the marks say) or is zero on every test digit.
 */
export function excitedDigit(excited, slot, dead) {
  if (dead || slot < 0 || slot >= excited.count) return null;
  const sample = excited.samples[slot];
  const activation = excited.activations[slot];
  if (sample < 0 || !(activation !== 0) || Number.isNaN(activation)) return null;
  return { sample, label: excited.labels[slot], activation };
}

/** Who a tile is: "unit 3 of layer 1", or "output 3 (the digit 2)" for the output layer (units counted from 1). */
export function unitName(layer, unit, isOutput) {
  return isOutput ? `output ${unit + 1} (the digit ${unit})` : `unit ${unit + 1} of layer ${layer + 1}`;
}

/** A first-layer tile's description. */
export function weightTileLabel(layer, unit) {
  return `${unitName(layer, unit, false)}: its incoming weights as an 8x8 image`;
}

/** A deeper tile's description: the digit it shows, or why it shows none. */
export function digitTileLabel(layer, unit, { isOutput = false, digit = null, dead = false, evaluated = true } = {}) {
  const name = unitName(layer, unit, isOutput);
  if (dead) return `${name}: dead (zero on every training sample), no test digit excites it`;
  if (!evaluated) return `${name}: the test digit that excites it most shows after the first full pass`;
  if (!digit) return `${name}: zero on every test digit, none excites it`;
  return `${name}: the test digit that excites it most: a ${digit.label} (activation ${formatValue(digit.activation)})`;
}

/** How many different colours a tile's pixels hold (a drawn weight image has many; a flat one, one). */
export function distinctColors(pixels32) {
  return new Set(pixels32).size;
}
