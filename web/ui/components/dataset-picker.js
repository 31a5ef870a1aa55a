// Dataset thumbnails as a radio group: each is a small picture of the
// dataset's shape (an icon drawn from a formula, not the core's samples), so
// the choice is visible before training. Native radio inputs keep it keyboard
// operable (arrow keys move between datasets).

import { el, uid } from '../dom.js';
import { makeLut, fillHeatmap, packRgba, cssColor, THEMES, paletteFor } from '../colors.js';

const ICON = 40;
const LUTS = new Map(); // palette -> its lookup table, made once
const lutOf = (palette) => {
  if (!LUTS.has(palette)) LUTS.set(palette, makeLut({ range: 1, palette }));
  return LUTS.get(palette);
};

const LABELS = Object.freeze({
  circle: 'Circle', xor: 'Exclusive or', gauss: 'Two Gaussians', spiral: 'Spiral',
  'reg-plane': 'Plane (regression)', 'reg-gauss': 'Gaussians (regression)', moons: 'Two moons',
  checkerboard: 'Checkerboard', spiral3: 'Three-arm spiral (3 classes)', custom: 'Your points',
  digits: 'Handwritten digits (10 classes, 8×8 images)',
});

const gauss = (x, y, cx, cy) => Math.exp(-((x - cx) ** 2 + (y - cy) ** 2) / 4);
const arcDistance = (x, y, cx, cy, upper) => {
  const angle = Math.atan2(y - cy, x - cx);
  const onArc = upper ? angle >= 0 : angle <= 0;
  const radial = Math.abs(Math.hypot(x - cx, y - cy) - 3);
  return onArc ? radial : Math.hypot(Math.abs(x - cx) - 3, y - cy);
};

// Each returns a value in [-1, 1] at (x, y) in [-6, 6]^2.
const SHAPES = Object.freeze({
  circle: (x, y) => (Math.hypot(x, y) < 3.2 ? 1 : -1),
  xor: (x, y) => Math.sign(x * y) || 1,
  gauss: (x, y) => Math.tanh(6 * (gauss(x, y, 2, 2) - gauss(x, y, -2, -2))),
  spiral: (x, y) => Math.sign(Math.sin(Math.atan2(y, x) + Math.hypot(x, y) * 0.9)) || 1,
  'reg-plane': (x, y) => (x + y) / 12,
  'reg-gauss': (x, y) => Math.tanh(3 * (gauss(x, y, 3, 3) + gauss(x, y, -3, -3) - gauss(x, y, 3, -3) - gauss(x, y, -3, 3))),
  moons: (x, y) => Math.tanh(arcDistance(x, y, 1.5, -1, false) - arcDistance(x, y, -1.5, 1, true)),
  checkerboard: (x, y) => Math.sign(Math.sin((x * Math.PI) / 3) * Math.sin((y * Math.PI) / 3)) || 1,
  custom: () => 0,
  digits: () => 0,
});

function spiral3Class(x, y) {
  const turn = (Math.atan2(y, x) + Math.hypot(x, y) * 0.8 + 4 * Math.PI) % (2 * Math.PI);
  return Math.floor(turn / ((2 * Math.PI) / 3)) % 3;
}

function drawIcon(canvas, name, palette = THEMES.light) {
  canvas.width = ICON;
  canvas.height = ICON;
  const context = canvas.getContext('2d');
  const image = context.createImageData(ICON, ICON);
  const pixels = new Uint32Array(image.data.buffer);
  const values = new Float32Array(ICON * ICON);
  for (let row = 0; row < ICON; row++) {
    for (let col = 0; col < ICON; col++) {
      const x = ((col + 0.5) / ICON) * 12 - 6;
      const y = 6 - ((row + 0.5) / ICON) * 12;
      if (name === 'spiral3') {
        const [r, g, b] = palette.classes[spiral3Class(x, y)];
        pixels[row * ICON + col] = packRgba(r, g, b);
      } else {
        values[row * ICON + col] = SHAPES[name](x, y);
      }
    }
  }
  if (name !== 'spiral3') fillHeatmap(pixels, 0, values, 0, values.length, lutOf(palette));
  context.putImageData(image, 0, 0);
  // Not points in the plane: a sign instead of a picture of them.
  const glyph = { custom: ['+', 13], digits: ['7', 14] }[name];
  if (glyph) {
    context.fillStyle = cssColor(palette.ink);
    context.font = 'bold 22px system-ui, sans-serif';
    context.fillText(glyph[0], glyph[1], 28);
  }
}

/**
 * datasets: names to offer; onChange(name) when the user picks one.
 * Returns {element, setValue(name), setDisabled(bool), setTheme(theme)}.
 */
export function createDatasetPicker(container, { datasets, onChange }) {
  const group = uid('dataset');
  const fieldset = el('fieldset', { class: 'dataset-picker', 'data-control': 'dataset' }, el('legend', { text: 'Dataset' }));
  const inputs = new Map();
  const icons = new Map();
  let palette = THEMES.light;
  for (const name of datasets) {
    const canvas = el('canvas', { 'aria-hidden': 'true' });
    drawIcon(canvas, name, palette);
    icons.set(name, canvas);
    const input = el('input', { type: 'radio', name: group, value: name, class: 'visually-hidden', onChange: () => onChange(name) });
    inputs.set(name, input);
    fieldset.append(el('label', { class: 'dataset-option', title: LABELS[name] ?? name },
      input, canvas, el('span', { class: 'visually-hidden', text: LABELS[name] ?? name })));
  }
  container.append(fieldset);
  return {
    element: fieldset,
    setValue(name) {
      const input = inputs.get(name);
      if (input) input.checked = true;
    },
    setDisabled(disabled) {
      for (const input of inputs.values()) input.disabled = disabled;
    },
    /** light or dark: the icons are drawn again in the theme's colours. */
    setTheme(theme) {
      if (paletteFor(theme) === palette) return;
      palette = paletteFor(theme);
      for (const [name, canvas] of icons) drawIcon(canvas, name, palette);
    },
  };
}
