// A drawn digit, reduced the way the UCI handwritten digits were made: a
// 32x32 black-and-white drawing, the ink counted in each 4x4 block, giving
// 8x8 values 0..16, which the network takes divided by 16 as the core
// scales the file's pixels. Pure: no DOM.
import { DIGIT_MAX_VALUE, DIGIT_PIXELS } from '../shared/config-fields.js';

/** Pixels per side of the image (8). */
export const DIGIT_SIDE = Math.sqrt(DIGIT_PIXELS);
/** Drawing cells per side of one block (4): a full block holds DIGIT_MAX_VALUE cells of ink. */
export const INK_BLOCK = Math.sqrt(DIGIT_MAX_VALUE);
/** Drawing cells per side (32). */
export const INK_SIDE = DIGIT_SIDE * INK_BLOCK;
/** The pen's radius in cells: a stroke about three cells wide, like the scanned forms' pen. */
export const PEN_RADIUS = 1.3;

/** An empty drawing: INK_SIDE x INK_SIDE cells, row by row, 1 where inked. */
export function emptyInk() {
  return new Uint8Array(INK_SIDE * INK_SIDE);
}

/** Inks every cell whose centre lies within `radius` of (x, y), in cell units; off the drawing is ignored. */
export function stampDot(ink, x, y, radius = PEN_RADIUS) {
  const top = Math.max(0, Math.ceil(y - radius - 0.5));
  const bottom = Math.min(INK_SIDE - 1, Math.floor(y + radius - 0.5));
  const left = Math.max(0, Math.ceil(x - radius - 0.5));
  const right = Math.min(INK_SIDE - 1, Math.floor(x + radius - 0.5));
  for (let row = top; row <= bottom; row++) {
    for (let col = left; col <= right; col++) {
      const dx = col + 0.5 - x;
      const dy = row + 0.5 - y;
      if (dx * dx + dy * dy <= radius * radius) ink[row * INK_SIDE + col] = 1;
    }
  }
}

/**
 * A straight stroke from (x0, y0) to (x1, y1) in cell units: pointer events
 * come far apart on a fast stroke, so dots are stamped along the segment at
 * most a quarter of a cell apart, leaving no gap.
 */
export function stampLine(ink, x0, y0, x1, y1, radius = PEN_RADIUS) {
  const steps = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0) * 4));
  for (let i = 0; i <= steps; i++) {
    const t = i / steps;
    stampDot(ink, x0 + (x1 - x0) * t, y0 + (y1 - y0) * t, radius);
  }
}

/** The ink in each block: DIGIT_PIXELS counts, each 0..DIGIT_MAX_VALUE, row by row. */
export function inkCounts(ink) {
  const counts = new Uint8Array(DIGIT_PIXELS);
  for (let row = 0; row < INK_SIDE; row++) {
    const blockRow = Math.floor(row / INK_BLOCK) * DIGIT_SIDE;
    for (let col = 0; col < INK_SIDE; col++) {
      counts[blockRow + Math.floor(col / INK_BLOCK)] += ink[row * INK_SIDE + col];
    }
  }
  return counts;
}

/** The network's inputs: each count / DIGIT_MAX_VALUE, as the core scales the file's pixels. */
export function inputsFromCounts(counts) {
  return Float32Array.from(counts, (count) => count / DIGIT_MAX_VALUE);
}

/** A test image's inputs (in [0, 1]) back to counts 0..DIGIT_MAX_VALUE. */
export function countsFromInputs(inputs) {
  return Uint8Array.from(inputs, (value) => Math.min(DIGIT_MAX_VALUE, Math.max(0, Math.round(value * DIGIT_MAX_VALUE))));
}

// Where a block's ink goes when a count is drawn back: from the centre out,
// so a half-full block looks like a grey dot rather than a stripe.
const FILL_ORDER = Array.from({ length: DIGIT_MAX_VALUE }, (_, i) => i)
  .map((i) => ({ i, distance: Math.hypot((i % INK_BLOCK) + 0.5 - INK_BLOCK / 2, Math.floor(i / INK_BLOCK) + 0.5 - INK_BLOCK / 2) }))
  .sort((a, b) => a.distance - b.distance || a.i - b.i)
  .map(({ i }) => i);

/** A drawing whose blocks hold exactly these counts (a test digit on the canvas): inkCounts gives them back. */
export function inkFromCounts(counts) {
  const ink = emptyInk();
  for (let pixel = 0; pixel < DIGIT_PIXELS; pixel++) {
    const top = Math.floor(pixel / DIGIT_SIDE) * INK_BLOCK;
    const left = (pixel % DIGIT_SIDE) * INK_BLOCK;
    for (let k = 0; k < counts[pixel]; k++) {
      const cell = FILL_ORDER[k];
      ink[(top + Math.floor(cell / INK_BLOCK)) * INK_SIDE + left + (cell % INK_BLOCK)] = 1;
    }
  }
  return ink;
}

/** Whether anything is drawn. */
export function hasInk(ink) {
  return ink.some((cell) => cell !== 0);
}
