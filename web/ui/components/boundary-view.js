// The output plot: the network's output over the input plane as a faded
// background (the decision boundary), the training points on top and,
// optionally, the test points (outlined in dark). Clicking the plot reports
// the clicked coordinates, so the page can add a custom point there.
//
// Knows nothing of the model: it takes output grids and points as plain arrays.
// The heatmap canvas is as small as the grid (n x n pixels) and CSS scales it
// to the plot's size, so a frame only writes n x n pixels (upscaling it with
// drawImage every frame cost more than the rest of the frame); the points and
// axes sit on a second, full-resolution canvas above it.

import { DOMAIN } from '../../shared/protocol.js';
import {
  makeLut, makeClassLuts, fillHeatmap, fillArgmax, THEMES, paletteFor, divergingColor, cssColor, LUT_SIZE,
} from '../colors.js';
import { fillRegions } from '../regions.js';
import { el, sizeCanvas, flattenCanvases } from '../dom.js';

const BACKGROUND_FADE = 0.35;
const MAX_SIZE = 420;

/** The smooth and the discretized lookup tables of a palette. */
function backgroundLuts(palette) {
  const smooth = makeLut({ range: 1, fade: BACKGROUND_FADE, palette });
  // Discretized: every value below zero is the negative colour, the rest positive.
  const step = smooth.map((_, i) => (i < LUT_SIZE / 2 ? smooth[0] : smooth[LUT_SIZE - 1]));
  step.range = 1;
  return { smooth, step };
}

export function pointColor(label, problem, palette = THEMES.light) {
  if (problem === 'regression') return cssColor(divergingColor(label, palette));
  if (problem === 'binary') return cssColor(label > 0.5 ? palette.positive : palette.negative);
  return cssColor(palette.classes[Math.max(0, Math.round(label)) % palette.classes.length]);
}

export function createBoundaryView(container, { onPlotClick } = {}) {
  const canvas = el('canvas', { class: 'boundary-canvas', 'aria-hidden': 'true', width: 1, height: 1 });
  const overlay = el('canvas', { class: 'boundary-overlay', role: 'img', 'aria-label': 'Output of the network over the input plane, with the data points. Click to add a point.' });
  container.append(el('div', { class: 'canvas-stack boundary-stack' }, canvas, overlay));
  const context = canvas.getContext('2d');
  let image = null;
  let pixels = null;
  let classLuts = null;
  let size = 0;
  let points = { train: null, test: null };
  let problem = 'binary';
  let options = { showTest: false, discretize: false };
  let hasBackground = false;
  let palette = THEMES.light;
  let theme = 'light';
  let luts = backgroundLuts(palette);

  function resize() {
    size = Math.max(120, Math.min(MAX_SIZE, container.clientWidth || 300));
    canvas.style.width = `${size}px`;
    canvas.style.height = `${size}px`;
    sizeCanvas(overlay, size, size);
  }

  /** The plotted data: {train, test} as flat [x1, x2, label, ...] arrays, and the problem type. */
  function setPoints(next, nextProblem) {
    points = next;
    problem = nextProblem;
    drawOverlay();
  }

  function setOptions(next) {
    const changed = next.showTest !== options.showTest;
    options = { ...options, ...next };
    if (changed) drawOverlay();
    // Discretized cells stay crisp; the smooth output is smoothed by the scaling.
    canvas.classList.toggle('pixelated', options.discretize);
    if (!hasBackground) drawEmpty();
  }

  /**
   * New output planes: grid holds `outputs` planes of n x n starting at
   * plane `offset`; scale/shift map a node's value to [-1, 1]. With
   * regionIds ([n x n]), the plane shows each pixel's linear region instead.
   */
  function update({ grid, gridSize: n, offset = 0, outputs = 1, scale = 1, shift = 0, multiclass = false, regionIds = null }) {
    if (!grid || !n) return;
    if (canvas.width !== n || !image) {
      canvas.width = n;
      canvas.height = n;
      image = context.createImageData(n, n);
      pixels = new Uint32Array(image.data.buffer);
    }
    const count = n * n;
    const showRegions = Boolean(regionIds) && regionIds.length === count;
    // Regions have edges, not gradients: crisp pixels, as discretized output.
    canvas.classList.toggle('pixelated', options.discretize || showRegions);
    if (showRegions) {
      fillRegions(pixels, regionIds, theme);
    } else if (multiclass && outputs > 1) {
      if (!classLuts || classLuts.length !== outputs) classLuts = makeClassLuts(outputs, BACKGROUND_FADE, palette);
      fillArgmax(pixels, grid, offset * count, count, classLuts, options.discretize);
    } else {
      fillHeatmap(pixels, 0, grid, offset * count, count, options.discretize ? luts.step : luts.smooth, scale, shift);
    }
    context.putImageData(image, 0, 0);
    hasBackground = true;
  }

  /** Before the first grid: a neutral plane. */
  function drawEmpty() {
    context.fillStyle = cssColor(palette.empty);
    context.fillRect(0, 0, canvas.width, canvas.height);
  }

  const toPixel = (v) => ((v + DOMAIN) / (2 * DOMAIN)) * size;

  function drawPoints(context, flat, test) {
    if (!flat) return;
    context.lineWidth = test ? 1.5 : 1;
    context.strokeStyle = cssColor(test ? palette.testEdge : palette.pointEdge);
    for (let i = 0; i + 2 < flat.length; i += 3) {
      const x = toPixel(flat[i]);
      const y = size - toPixel(flat[i + 1]);
      context.fillStyle = pointColor(flat[i + 2], problem, palette);
      context.beginPath();
      context.arc(x, y, 3, 0, 2 * Math.PI);
      context.fill();
      context.stroke();
    }
  }

  function drawAxes(context) {
    context.fillStyle = cssColor(palette.ink);
    context.font = '10px system-ui, sans-serif';
    for (const tick of [-DOMAIN, -DOMAIN / 2, 0, DOMAIN / 2, DOMAIN]) {
      const p = toPixel(tick);
      context.fillRect(p - 0.5, size - 4, 1, 4);
      context.fillRect(0, size - p - 0.5, 4, 1);
    }
    context.fillText(`x1 ∈ [-${DOMAIN}, ${DOMAIN}]`, size - 78, size - 6);
    context.fillText('x2', 6, 12);
  }

  function drawOverlay() {
    const context = overlay.getContext('2d');
    context.clearRect(0, 0, size, size);
    drawPoints(context, points.train, false);
    if (options.showTest) drawPoints(context, points.test, true);
    drawAxes(context);
  }


  overlay.addEventListener('click', (event) => {
    if (!onPlotClick) return;
    const rect = overlay.getBoundingClientRect();
    const x1 = ((event.clientX - rect.left) / rect.width) * 2 * DOMAIN - DOMAIN;
    const x2 = DOMAIN - ((event.clientY - rect.top) / rect.height) * 2 * DOMAIN;
    onPlotClick({ x1, x2, shiftKey: event.shiftKey });
  });

  const observer = new ResizeObserver(() => {
    const wanted = Math.max(120, Math.min(MAX_SIZE, container.clientWidth || 300));
    if (wanted !== size) {
      resize();
      drawOverlay();
    }
  });
  observer.observe(container);
  resize();
  drawEmpty();
  drawOverlay();

  return {
    canvas,
    /** Heatmap and points in one canvas (for the PNG export). */
    toCanvas: () => flattenCanvases([canvas, overlay], { smooth: !options.discretize }),
    setPoints,
    setOptions,
    update,
    /** light or dark: new colours from the next frame on (the points and axes at once). */
    setTheme(next) {
      if (paletteFor(next) === palette) return;
      theme = next;
      palette = paletteFor(theme);
      luts = backgroundLuts(palette);
      classLuts = null;
      hasBackground = false;
      drawEmpty();
      drawOverlay();
    },
    destroy() {
      observer.disconnect();
      canvas.parentNode.remove();
    },
  };
}
