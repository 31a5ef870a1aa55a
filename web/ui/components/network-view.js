// The network diagram: input features, every hidden unit and the outputs as
// small heatmaps of what each computes over the input plane, joined by links
// coloured by the weight's sign and sized by its magnitude. Clicking a link
// reports it so the page can edit that weight.
//
// Knows nothing of the model or the worker: it takes the structure (feature
// names, layer sizes) and per-frame data (grids, parameters) as plain values.
//
// Two stacked canvases keep a frame cheap: the links (hundreds of strokes)
// are redrawn a few times a second on the lower one; every frame only writes
// the neuron tiles, which are opaque, into the upper one with putImageData at
// the tiles' own pixel size (scaling a bigger image with drawImage every
// frame cost several times more in Chromium's software canvas).

import { DOMAIN } from '../../shared/protocol.js';
import { makeLut, packRgba, fillHeatmap, fillHeatmapResampled, resampleIndex, divergingColor, cssColor, THEMES, paletteFor } from '../colors.js';
import {
  layoutNetwork, hitTestLink, weightIndex, linkStyle, LINK_BUCKETS, featureGrid, gridNodeIndex,
} from '../network-layout.js';
import { drawnParamsPlan, drawnWeightIndex } from '../../shared/drawn-params.js';
import { el, sizeCanvas, formatValue, flattenCanvases } from '../dom.js';
import { drawFrames, drawLabels, drawLinks as strokeLinks, drawPlaceholders } from './network-drawing.js';
import { NO_MARKS, drawCulprits, drawUnitMarks, marksCaption } from './network-marks.js';
import { digitTilesPlan, digitSlotIndex } from '../../shared/digit-tiles.js';
import {
  DIGIT_SIDE, unitWeights, weightScale, makeInkLut, fillWeightTile, fillDigitTile, excitedDigit,
  weightTileLabel, digitTileLabel, distinctColors,
} from './digit-tiles.js';

const LABEL_SPACE = 16; // above and below the columns, for layer and feature names
// Redrawing hundreds of antialiased strokes costs a few ms: 4 times a second while training (weights move slowly).
const LINK_INTERVAL_MS = 250;
// The default height the unit columns may take; a small view sets --network-height on the host (styles.css).
const DEFAULT_HEIGHT = 560;

/** What the diagram draws with, in a palette: tile luts and link colours by weight bucket. */
function diagramColors(palette) {
  return {
    palette,
    hidden: makeLut({ range: 3, soft: true, palette }),
    output: makeLut({ range: 1, palette }),
    weights: makeLut({ range: 1, palette }),
    ink: makeInkLut(),
    placeholder: packRgba(...palette.placeholder),
    links: Array.from({ length: LINK_BUCKETS }, (_, bucket) => cssColor(divergingColor(linkStyle(bucket).t, palette), 0.85)),
  };
}
/** The digits' caption: what the tiles show there, and the weights' one scale. */
function digitsCaption(scale) {
  return `First layer: a unit's 64 incoming weights as an 8×8 image (blue +, orange −; one scale per layer, ±${formatValue(scale)}, so weak units look faint). Deeper: the test digit that excites it most.`;
}
const BASE_CAPTION = 'Each square shows what a unit computes over the input plane (orange negative, blue positive). Links: colour = sign, width = size of the weight. Click a link to edit its weight.';

export function createNetworkView(container, { onLinkClick } = {}) {
  const linkCanvas = el('canvas', { class: 'network-links', 'aria-hidden': 'true' });
  // Labelled from the start: before a network is built (a dear one waits for the reader's answer) there is no structure to describe.
  const canvas = el('canvas', { class: 'network-canvas', role: 'img', 'aria-label': 'Network diagram (not built yet).' });
  const stack = el('div', { class: 'canvas-stack' }, linkCanvas, canvas);
  const caption = el('p', { class: 'network-caption small' });
  // The tiles one by one, for screen readers (and the tooltip's words): only where they show digits' weights and favourites.
  const tileList = el('ul', { class: 'visually-hidden network-tiles' });
  container.append(stack, caption, tileList);
  let baseCaption = BASE_CAPTION;
  let tileWords = new Map(); // "layer:unit" -> description, of the digits tiles drawn last
  let tileWordsKey = '';
  let digitPlan = null; // {units, layers, plan}: where the digits tiles find their data
  let digitIndex = null; // 8x8 -> tile resampling map, for tile.px

  let structure = null;
  // One tile's pixels, reused for every tile (putImageData copies them), and the grid -> tile resampling map.
  const tile = { px: 0, image: null, pixels: null, gridSize: 0, index: null };
  let layout = null;
  let lastFrame = null;
  let drawnPlan = null; // {units, layers, plan}: where weightOf finds a drawn weight
  let cssWidth = 0;
  let linksDrawnAt = -Infinity;
  let linksShowParams = false;
  let colors = diagramColors(THEMES.light);
  let marks = NO_MARKS;
  let marksKey = '';

  function relayout() {
    if (!structure) return;
    cssWidth = Math.max(200, container.clientWidth || 300);
    const columns = structure.layers.length + 1;
    const tallest = Math.max(Math.min(structure.inputs.length, 16), ...structure.layers.map((l) => Math.min(l.outputs, 16)));
    const byWidth = Math.floor((cssWidth / columns) * 0.55);
    const height = Number.parseFloat(getComputedStyle(container).getPropertyValue('--network-height')) || DEFAULT_HEIGHT;
    const byHeight = Math.floor(height / Math.max(tallest, 1)) - 6;
    const nodeSize = Math.max(12, Math.min(40, byWidth, byHeight));
    layout = layoutNetwork({ inputs: structure.inputs, layers: structure.layers, width: cssWidth, nodeSize });
    sizeCanvas(canvas, cssWidth, layout.height + 2 * LABEL_SPACE);
    sizeCanvas(linkCanvas, cssWidth, layout.height + 2 * LABEL_SPACE);
    const px = Math.max(1, Math.round((layout.nodeSize - 2) * pixelRatio()));
    if (px !== tile.px) {
      tile.px = px;
      tile.image = canvas.getContext('2d').createImageData(px, px);
      tile.pixels = new Uint32Array(tile.image.data.buffer);
      tile.gridSize = 0;
    }
  }

  /** Device pixels per CSS pixel of the canvases (sizeCanvas caps it at 2). */
  function pixelRatio() {
    return cssWidth ? canvas.width / cssWidth : 1;
  }

  /** Where a node's tile goes, in device pixels (putImageData ignores the transform). */
  function tileOrigin(node) {
    const ratio = pixelRatio();
    return [Math.round((node.x + 1) * ratio), Math.round((node.y + LABEL_SPACE + 1) * ratio)];
  }

  /** Sets the drawn network: {inputs: [feature names], layers: [{inputs, outputs, weightOffset, activation}]}. */
  function setStructure(next) {
    structure = next;
    const hidden = next.layers.slice(0, -1).map((l) => `${l.outputs} ${l.activation}`).join(', ') || 'none';
    canvas.setAttribute('aria-label', `Network diagram. Inputs: ${next.inputs.length > 8 ? `${next.inputs.length} (the pixels of a digit)` : next.inputs.join(', ')}. Hidden layers: ${hidden}. Outputs: ${next.layers.at(-1)?.outputs ?? 0}.`);
    baseCaption = BASE_CAPTION; // digits tiles set their own when they are drawn
    tileWords = new Map();
    tileWordsKey = '';
    tileList.replaceChildren();
    describeMarks();
    lastFrame = null;
    relayout();
    drawAll();
  }

  /**
   * Draws a frame: {grid, gridSize, gridHidden, params, paramUnits?, outputScale: {scale, shift}, settled}.
   * `settled`: training is paused, so this frame may be the last for a while.
   * Any of grid/params may be missing (then that part is drawn neutral).
   */
  function update(frame) {
    lastFrame = frame;
    if (!structure || !layout) return;
    // Links lag by at most LINK_INTERVAL_MS while training; a still frame (`settled`) shows them exactly.
    const now = performance.now();
    if (frame.params && (frame.settled || !linksShowParams || now - linksDrawnAt >= LINK_INTERVAL_MS)) drawLinks();
    const context = canvas.getContext('2d');
    drawTiles(context);
    drawUnitMarks(context, layout, marks, LABEL_SPACE);
  }

  /**
   * The health marks: {dead: [[unit indices] per layer], saturated: [...], culpritLayers: [layer indices]}.
   * They change a few times a run at most: only then is the whole diagram redrawn.
   */
  function setMarks(next) {
    const key = JSON.stringify(next ?? NO_MARKS);
    if (key === marksKey) return;
    marksKey = key;
    marks = next ?? NO_MARKS;
    describeMarks();
    drawAll();
  }

  function describeMarks() {
    caption.textContent = marksCaption(baseCaption, marks);
  }

  function drawAll() {
    if (!layout) return;
    const context = canvas.getContext('2d');
    context.clearRect(0, 0, cssWidth, layout.height + 2 * LABEL_SPACE);
    drawFrames(context, layout, colors.palette, LABEL_SPACE);
    drawPlaceholders(context, layout, colors.palette, LABEL_SPACE);
    drawFeatures(context);
    drawTiles(context);
    drawUnitMarks(context, layout, marks, LABEL_SPACE);
    drawCulprits(context, layout, marks, LABEL_SPACE);
    drawLabels(context, { layout, structure, marks, palette: colors.palette, top: LABEL_SPACE });
    drawLinks();
  }

  function drawLinks() {
    linksDrawnAt = performance.now();
    linksShowParams = Boolean(lastFrame?.params);
    const context = linkCanvas.getContext('2d');
    context.clearRect(0, 0, cssWidth, layout.height + 2 * LABEL_SPACE);
    strokeLinks(context, layout, colors.links, weightOf, LABEL_SPACE);
  }

  /** The units' tiles from the last frame's grid, inside their frames: opaque, so nothing needs clearing. */
  function drawTiles(context) {
    if (lastFrame?.digits?.units && tile.px) {
      drawDigitTiles(context, lastFrame.digits.units);
      return;
    }
    const grid = lastFrame?.grid;
    const n = lastFrame?.gridSize;
    if (!grid || !n || !tile.px) return;
    if (tile.gridSize !== n) {
      tile.gridSize = n;
      tile.index = resampleIndex(n, tile.px);
    }
    const count = n * n;
    const nodes = grid.length / count;
    const layers = structure.layers;
    const last = layers.length - 1;
    const gridHidden = Boolean(lastFrame.gridHidden);
    for (let c = 1; c < layout.columns.length; c++) {
      const isOutput = c - 1 === last;
      const { scale, shift } = isOutput ? lastFrame.outputScale : { scale: 1, shift: 0 };
      for (const node of layout.columns[c].nodes) {
        const index = gridNodeIndex(layers, c - 1, node.unit, gridHidden);
        if (index < 0 || index >= nodes) continue; // no grid for this unit: its placeholder stays
        fillHeatmapResampled(tile.pixels, grid, index * count, tile.index, isOutput ? colors.output : colors.hidden, scale, shift);
        const [x, y] = tileOrigin(node);
        context.putImageData(tile.image, x, y);
      }
    }
  }

  /**
   * Digits have no plane: the first layer's tiles show each unit's incoming
   * weights as an 8x8 image, the deeper ones the test digit that excites the
   * unit most (a placeholder when none does). Says what it drew in the tile
   * list, the canvas' data attributes and the caption.
   */
  function drawDigitTiles(context, units) {
    const layers = structure.layers;
    if (digitPlan?.units !== units.units || digitPlan.layers !== layers) {
      digitPlan = { units: units.units, layers, plan: digitTilesPlan(layers, units.units) };
    }
    if (!digitIndex || digitIndex.length !== tile.px * tile.px) digitIndex = resampleIndex(DIGIT_SIDE, tile.px);
    const scale = weightScale(units.weights);
    const values = new Float32Array(DIGIT_SIDE * DIGIT_SIDE);
    const words = new Map();
    let weightTiles = 0;
    let weightColors = 0;
    let digitTiles = 0;
    const last = layers.length - 1;
    for (let c = 1; c < layout.columns.length; c++) {
      const layer = c - 1;
      const dead = new Set(marks.dead[layer] ?? []);
      for (const node of layout.columns[c].nodes) {
        const [x, y] = tileOrigin(node);
        if (layer === 0) {
          if (node.unit >= units.rows) continue;
          fillWeightTile(tile.pixels, unitWeights(units.weights, units.rows, node.unit, values), digitIndex, colors.weights, scale);
          if (weightTiles++ === 0) weightColors = distinctColors(tile.pixels);
          words.set(`${layer}:${node.unit}`, weightTileLabel(layer, node.unit));
        } else {
          const slot = digitSlotIndex(digitPlan.plan, layer, node.unit);
          const isDead = dead.has(node.unit);
          const digit = excitedDigit(units.excited, slot, isDead);
          if (digit) {
            fillDigitTile(tile.pixels, units.excited.pixels, slot, digitIndex, colors.ink);
            digitTiles += 1;
          } else {
            tile.pixels.fill(colors.placeholder);
          }
          const evaluated = slot >= 0 && units.excited.samples[slot] >= 0;
          words.set(`${layer}:${node.unit}`, digitTileLabel(layer, node.unit, { isOutput: layer === last, digit, dead: isDead, evaluated }));
        }
        context.putImageData(tile.image, x, y);
      }
    }
    canvas.dataset.weightTiles = String(weightTiles);
    canvas.dataset.weightColors = String(weightColors);
    canvas.dataset.digitTiles = String(digitTiles);
    describeTiles(words, digitsCaption(scale));
  }

  /** The tile list and caption, rewritten only when their words change (a pass or two a second at most). */
  function describeTiles(words, nextCaption) {
    tileWords = words;
    const key = [...words.values()].join('\n');
    if (key !== tileWordsKey) {
      tileWordsKey = key;
      tileList.replaceChildren(...[...words.values()].map((text) => el('li', { text })));
    }
    if (nextCaption !== baseCaption) {
      baseCaption = nextCaption;
      describeMarks();
    }
  }

  /** The unit whose tile is under the pointer, as {layer, unit}, or null. */
  function tileAt(event) {
    if (!layout) return null;
    const rect = canvas.getBoundingClientRect();
    const x = event.clientX - rect.left;
    const y = event.clientY - rect.top - LABEL_SPACE;
    for (let c = 1; c < layout.columns.length; c++) {
      for (const node of layout.columns[c].nodes) {
        if (x >= node.x && x < node.x + layout.nodeSize && y >= node.y && y < node.y + layout.nodeSize) return { layer: c - 1, unit: node.unit };
      }
    }
    return null;
  }

  /** The input features' own heatmaps (x1, x2, x1², ...): fixed, drawn once per layout. */
  function drawFeatures(context) {
    if (!tile.px) return;
    for (const node of layout.columns[0].nodes) {
      const values = featureGrid(structure.inputs[node.unit], tile.px, DOMAIN);
      fillHeatmap(tile.pixels, 0, values, 0, values.length, colors.output);
      const [x, y] = tileOrigin(node);
      context.putImageData(tile.image, x, y);
    }
  }

  function linkAt(event) {
    if (!layout) return null;
    const rect = canvas.getBoundingClientRect();
    return hitTestLink(layout.links, event.clientX - rect.left, event.clientY - rect.top - LABEL_SPACE, 5);
  }

  // The frame's params are the whole block, or with paramUnits only the drawn part (drawn-params.js).
  function weightOf(link) {
    const params = lastFrame?.params;
    if (!params) return NaN;
    const units = lastFrame.paramUnits;
    if (units === undefined) return params[weightIndex(structure.layers[link.layer], link.to, link.from)];
    if (drawnPlan?.units !== units || drawnPlan.layers !== structure.layers) {
      drawnPlan = { units, layers: structure.layers, plan: drawnParamsPlan(structure.layers, units) };
    }
    const index = drawnWeightIndex(drawnPlan.plan, link.layer, link.to, link.from);
    return index < 0 ? NaN : params[index];
  }

  canvas.addEventListener('click', (event) => {
    const link = linkAt(event);
    if (link && onLinkClick) onLinkClick({ layer: link.layer, to: link.to, from: link.from, value: weightOf(link) });
  });
  canvas.addEventListener('mousemove', (event) => {
    const link = linkAt(event);
    canvas.style.cursor = link ? 'pointer' : 'default';
    const tileUnit = link || !tileWords.size ? null : tileAt(event);
    canvas.title = link ? `layer ${link.layer + 1}: unit ${link.from + 1} → unit ${link.to + 1}, weight ${formatValue(weightOf(link))}`
      : tileUnit ? tileWords.get(`${tileUnit.layer}:${tileUnit.unit}`) ?? '' : '';
  });

  const observer = new ResizeObserver(() => {
    if (structure && Math.abs((container.clientWidth || 0) - cssWidth) > 1) {
      relayout();
      drawAll();
    }
  });
  observer.observe(container);

  return {
    canvas,
    /** Links and units in one canvas (for the PNG export). */
    toCanvas: () => flattenCanvases([linkCanvas, canvas]),
    setStructure,
    update,
    /** light or dark: the diagram is redrawn in the theme's colours. */
    setTheme(theme) {
      if (paletteFor(theme) === colors.palette) return;
      colors = diagramColors(paletteFor(theme));
      drawAll();
    },
    /** Lays the diagram out again (a view changed the height it may take). */
    relayout() {
      relayout();
      drawAll();
    },
    setMarks,
    destroy() {
      observer.disconnect();
      stack.remove();
      caption.remove();
      tileList.remove();
    },
  };
}
