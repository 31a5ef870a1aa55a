// Colour scales of the page, chosen to stay readable with colour-vision
// deficiencies.
//
// Two-sided values (weights, activations, a binary output in [-1, 1]) use an
// orange <-> white <-> blue diverging scale, as TensorFlow Playground does:
// orange and blue sit on the yellow–blue axis that deuteranopes and
// protanopes keep, and the two ends also differ in lightness (blue darker), so
// they stay apart in greyscale. tests/js/ui/colors.test.js checks both under a
// simulated deuteranopia (Machado, Oliveira & Fernandes 2009, severity 1).
// Classes beyond two use the Okabe–Ito palette, designed for the same purpose.
//
// Pure: canvases take the packed lookup tables below.

export const NEGATIVE = Object.freeze([245, 147, 34]); // orange, class 0, value -1
export const POSITIVE = Object.freeze([8, 119, 189]); // blue, class 1, value +1
export const NEUTRAL = Object.freeze([232, 234, 235]); // near-white, value 0

// Okabe & Ito (2008), "Color Universal Design"; the first two match the binary pair in hue.
export const CLASS_COLORS = Object.freeze([
  NEGATIVE, POSITIVE, [0, 158, 115], [204, 121, 167], [86, 180, 233],
  [213, 94, 0], [240, 228, 66], [0, 114, 178], [153, 153, 153], [0, 0, 0],
].map(Object.freeze));

function mix(a, b, t) {
  return [0, 1, 2].map((i) => Math.round(a[i] + (b[i] - a[i]) * t));
}

/** The diverging colour of t in [-1, 1] (clamped), as [r, g, b]. */
export function divergingColor(t) {
  const c = Math.max(-1, Math.min(1, Number.isFinite(t) ? t : 0));
  return c < 0 ? mix(NEUTRAL, NEGATIVE, -c) : mix(NEUTRAL, POSITIVE, c);
}

export function cssColor([r, g, b], alpha = 1) {
  return alpha === 1 ? `rgb(${r},${g},${b})` : `rgba(${r},${g},${b},${alpha})`;
}

/** Packs r, g, b, a into one ImageData pixel (little-endian RGBA in memory). */
export function packRgba(r, g, b, a = 255) {
  return ((a << 24) | (b << 16) | (g << 8) | r) >>> 0;
}

export const LUT_SIZE = 256;

/**
 * A lookup table of LUT_SIZE packed pixels over values [-range, range].
 * `soft` compresses with tanh so large activations still show gradation;
 * `fade` blends toward white (backgrounds under data points).
 */
export function makeLut({ range = 1, soft = false, fade = 0 } = {}) {
  const lut = new Uint32Array(LUT_SIZE);
  for (let i = 0; i < LUT_SIZE; i++) {
    const v = (i / (LUT_SIZE - 1)) * 2 * range - range;
    const t = soft ? Math.tanh(v) / Math.tanh(range) : v / range;
    const [r, g, b] = mix(divergingColor(t), [255, 255, 255], fade);
    lut[i] = packRgba(r, g, b);
  }
  lut.range = range;
  return lut;
}

/** Index into a lut of the given range for value v (NaN maps to the middle). */
export function lutIndex(v, range) {
  if (!(v === v)) return LUT_SIZE >> 1; // NaN
  const clamped = v < -range ? -range : v > range ? range : v;
  return Math.round(((clamped + range) / (2 * range)) * (LUT_SIZE - 1));
}

/**
 * Writes one n x n grid (values[offset .. offset + n*n)) into out32 (packed
 * pixels) starting at outOffset, through the lut. `scale` and `shift` map the
 * values first (a sigmoid probability p becomes 2p - 1 with scale 2, shift -1).
 */
export function fillHeatmap(out32, outOffset, values, offset, count, lut, scale = 1, shift = 0) {
  const range = lut.range;
  const k = (LUT_SIZE - 1) / (2 * range);
  for (let i = 0; i < count; i++) {
    let v = values[offset + i] * scale + shift;
    if (!(v === v)) v = 0;
    if (v < -range) v = -range;
    else if (v > range) v = range;
    out32[outOffset + i] = lut[((v + range) * k + 0.5) | 0];
  }
}

/**
 * Nearest-neighbour resampling of an n x n grid onto a size x size tile:
 * for each tile pixel (row-major), the index of the grid cell under its
 * centre. Drawing a tile at its own pixel size with putImageData costs far
 * less than scaling a bigger image with drawImage every frame.
 */
export function resampleIndex(n, size) {
  const index = new Int32Array(size * size);
  const cell = (p) => Math.min(n - 1, Math.floor(((p + 0.5) * n) / size));
  for (let y = 0; y < size; y++) {
    const row = cell(y) * n;
    for (let x = 0; x < size; x++) index[y * size + x] = row + cell(x);
  }
  return index;
}

/** fillHeatmap through a resampleIndex map: one tile of index.length pixels from the grid at `offset`. */
export function fillHeatmapResampled(out32, values, offset, index, lut, scale = 1, shift = 0) {
  const range = lut.range;
  const k = (LUT_SIZE - 1) / (2 * range);
  for (let i = 0; i < index.length; i++) {
    let v = values[offset + index[i]] * scale + shift;
    if (!(v === v)) v = 0;
    if (v < -range) v = -range;
    else if (v > range) v = range;
    out32[i] = lut[((v + range) * k + 0.5) | 0];
  }
}

const CONFIDENCE_LEVELS = 64;

/** Packed colours of each class from unsure (white) to sure, faded toward white. */
export function makeClassLuts(classes, fade = 0) {
  return Array.from({ length: classes }, (_, k) => {
    const lut = new Uint32Array(CONFIDENCE_LEVELS);
    for (let i = 0; i < CONFIDENCE_LEVELS; i++) {
      const sure = mix([255, 255, 255], CLASS_COLORS[k % CLASS_COLORS.length], i / (CONFIDENCE_LEVELS - 1));
      const [r, g, b] = mix(sure, [255, 255, 255], fade);
      lut[i] = packRgba(r, g, b);
    }
    return lut;
  });
}

/**
 * Multi-class output: for each pixel the class with the highest probability,
 * its colour faded toward white by how unsure the network is (or solid when
 * discretized). `values` holds one plane of `count` probabilities per class,
 * starting at `offset`.
 */
export function fillArgmax(out32, values, offset, count, classLuts, discretize = false) {
  const classes = classLuts.length;
  const floor = 1 / classes;
  const k = (CONFIDENCE_LEVELS - 1) / (1 - floor);
  for (let i = 0; i < count; i++) {
    let best = 0;
    let bestValue = -Infinity;
    for (let c = 0; c < classes; c++) {
      const v = values[offset + c * count + i];
      if (v > bestValue) { bestValue = v; best = c; }
    }
    let level = discretize ? CONFIDENCE_LEVELS - 1 : ((bestValue - floor) * k + 0.5) | 0;
    if (!(level >= 0)) level = 0;
    else if (level > CONFIDENCE_LEVELS - 1) level = CONFIDENCE_LEVELS - 1;
    out32[i] = classLuts[best][level];
  }
}

// Machado, Oliveira & Fernandes (2009), deuteranomaly at severity 1.0, on linear RGB.
const DEUTERANOPIA = [
  [0.367322, 0.860646, -0.227968],
  [0.280085, 0.672501, 0.047413],
  [-0.01182, 0.04294, 0.968881],
];

const toLinear = (c) => {
  const s = c / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
};
const toSrgb = (l) => {
  const c = Math.max(0, Math.min(1, l));
  return Math.round(255 * (c <= 0.0031308 ? c * 12.92 : 1.055 * c ** (1 / 2.4) - 0.055));
};

/** How a deuteranope sees [r, g, b] (for checking the palette). */
export function simulateDeuteranopia(rgb) {
  const lin = rgb.map(toLinear);
  return DEUTERANOPIA.map((row) => toSrgb(row[0] * lin[0] + row[1] * lin[1] + row[2] * lin[2]));
}

/** WCAG relative luminance of [r, g, b]. */
export function luminance(rgb) {
  const [r, g, b] = rgb.map(toLinear);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

// Cividis end points and middle (Nuñez, Anderton & Renslow 2018): a sequential
// scale built to read the same with and without colour-vision deficiency.
const SEQUENTIAL = [[0, 32, 77], [124, 123, 120], [255, 234, 70]];

/** Sequential colour for t in [0, 1] (e.g. layer index / layer count), as [r, g, b]. */
export function sequentialColor(t) {
  const c = Math.max(0, Math.min(1, Number.isFinite(t) ? t : 0));
  return c < 0.5 ? mix(SEQUENTIAL[0], SEQUENTIAL[1], c * 2) : mix(SEQUENTIAL[1], SEQUENTIAL[2], (c - 0.5) * 2);
}
