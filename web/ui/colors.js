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

const freezeAll = (palette) => Object.freeze(Object.fromEntries(Object.entries(palette).map(([k, v]) => [k, Object.freeze(v)])));

/**
 * The canvas colours of each theme (styles.css holds the page's own, as CSS
 * custom properties). The dark theme keeps the orange, lightens the blue so
 * it stands out from a dark plane, and turns the middle of the diverging
 * scale dark: tests/js/ui/colors.test.js checks both under simulated
 * deuteranopia and protanopia.
 */
export const THEMES = Object.freeze({
  light: freezeAll({
    negative: NEGATIVE, positive: POSITIVE, neutral: NEUTRAL,
    background: [255, 255, 255], // what faded colours blend into
    empty: [242, 244, 245], // the output plane before the first frame
    ink: [51, 64, 77], // labels and ticks drawn on canvases
    frame: [85, 96, 107], // a unit's outline in the diagram
    placeholder: [217, 221, 225],
    pointEdge: [255, 255, 255], testEdge: [27, 31, 35],
    histogram: [240, 242, 244], histogramAxis: [138, 148, 157], zeroBar: [27, 31, 35],
    chartGrid: [0, 0, 0, 0.07],
    classes: CLASS_COLORS,
  }),
  dark: freezeAll({
    negative: NEGATIVE, positive: [63, 160, 227], neutral: [44, 49, 55],
    background: [30, 34, 39],
    empty: [38, 43, 48],
    ink: [214, 220, 226],
    frame: [150, 160, 170],
    placeholder: [60, 66, 72],
    pointEdge: [16, 18, 20], testEdge: [240, 242, 244],
    histogram: [44, 49, 55], histogramAxis: [120, 130, 140], zeroBar: [240, 242, 244],
    chartGrid: [255, 255, 255, 0.12],
    // Black, the Okabe–Ito tenth, would vanish on the dark plane: white instead.
    classes: [NEGATIVE, [63, 160, 227], ...CLASS_COLORS.slice(2, 9), [255, 255, 255]].map(Object.freeze),
  }),
});

/** The palette of `theme` (light or dark; anything else is light). */
export function paletteFor(theme) {
  return theme === 'dark' ? THEMES.dark : THEMES.light;
}

function mix(a, b, t) {
  return [0, 1, 2].map((i) => Math.round(a[i] + (b[i] - a[i]) * t));
}

/** The diverging colour of t in [-1, 1] (clamped), as [r, g, b], in `palette` (default light). */
export function divergingColor(t, palette = THEMES.light) {
  const c = Math.max(-1, Math.min(1, Number.isFinite(t) ? t : 0));
  return c < 0 ? mix(palette.neutral, palette.negative, -c) : mix(palette.neutral, palette.positive, c);
}

export function cssColor([r, g, b, a = 1], alpha = a) {
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
 * `fade` blends toward the palette's background (backgrounds under data points).
 */
export function makeLut({ range = 1, soft = false, fade = 0, palette = THEMES.light } = {}) {
  const lut = new Uint32Array(LUT_SIZE);
  for (let i = 0; i < LUT_SIZE; i++) {
    const v = (i / (LUT_SIZE - 1)) * 2 * range - range;
    const t = soft ? Math.tanh(v) / Math.tanh(range) : v / range;
    const [r, g, b] = mix(divergingColor(t, palette), palette.background, fade);
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

/** Packed colours of each class from unsure (the background) to sure, faded toward the background. */
export function makeClassLuts(classes, fade = 0, palette = THEMES.light) {
  return Array.from({ length: classes }, (_, k) => {
    const lut = new Uint32Array(CONFIDENCE_LEVELS);
    for (let i = 0; i < CONFIDENCE_LEVELS; i++) {
      const sure = mix(palette.background, palette.classes[k % palette.classes.length], i / (CONFIDENCE_LEVELS - 1));
      const [r, g, b] = mix(sure, palette.background, fade);
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

// The same paper's protanomaly at severity 1.0.
const PROTANOPIA = [
  [0.152286, 1.052583, -0.204868],
  [0.114503, 0.786281, 0.099216],
  [-0.003882, -0.048116, 1.051998],
];

function simulate(matrix, rgb) {
  const lin = rgb.slice(0, 3).map(toLinear);
  return matrix.map((row) => toSrgb(row[0] * lin[0] + row[1] * lin[1] + row[2] * lin[2]));
}

/** How a deuteranope sees [r, g, b] (for checking the palette). */
export function simulateDeuteranopia(rgb) {
  return simulate(DEUTERANOPIA, rgb);
}

/** How a protanope sees [r, g, b]. */
export function simulateProtanopia(rgb) {
  return simulate(PROTANOPIA, rgb);
}

/** CIE L*a*b* (D65) of an sRGB [r, g, b]. */
export function toLab(rgb) {
  const [r, g, b] = rgb.slice(0, 3).map(toLinear);
  const xyz = [
    (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047,
    0.2126729 * r + 0.7151522 * g + 0.072175 * b,
    (0.0193339 * r + 0.119192 * g + 0.9503041 * b) / 1.08883,
  ];
  const f = (t) => (t > (6 / 29) ** 3 ? Math.cbrt(t) : t / (3 * (6 / 29) ** 2) + 4 / 29);
  const [fx, fy, fz] = xyz.map(f);
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

/** CIE76 colour difference of two sRGB colours (about 2.3 is just noticeable). */
export function deltaE76(a, b) {
  const [l1, a1, b1] = toLab(a);
  const [l2, a2, b2] = toLab(b);
  return Math.hypot(l1 - l2, a1 - a2, b1 - b2);
}

/** WCAG contrast ratio of two sRGB colours (1 to 21). */
export function contrastRatio(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** WCAG relative luminance of [r, g, b]. */
export function luminance(rgb) {
  const [r, g, b] = rgb.slice(0, 3).map(toLinear);
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
