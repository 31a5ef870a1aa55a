// Geometry of the network diagram and the parameter-block lookups it needs.
// Pure: numbers in, positions out, so it is unit-tested without a DOM.

/** Most units drawn per layer; bigger layers show their first ones and "+N". */
export const MAX_DRAWN_UNITS = 16;
/** Above this many hidden units the page asks only for the output grids. */
export const MAX_HIDDEN_GRIDS = 256;

/** Floats per snapshot grid, and multiply-adds to compute it, that keep a frame cheap. */
const GRID_FLOATS = 150000;
const GRID_MACS = 4e6;
export const MIN_GRID = 16;
/**
 * While playing, the full pass over the data (losses, accuracies, per-layer
 * diagnostics) runs 10 times a second, which keeps the curves smooth, and 4
 * times a second above this many multiply-adds; never every frame: the grid is
 * what each frame shows, and every millisecond in the worker delays it.
 */
const EVALUATE_MACS = 2e6;
const EVALUATE_MS = 100;
const EVALUATE_SLOW_MS = 250;

/**
 * Which grids to ask the worker for: every hidden unit while the network is
 * small enough to draw them cheaply, at a resolution that keeps the snapshot
 * near GRID_FLOATS values and its forward passes near GRID_MACS (a deep
 * network gets a coarser output plot rather than a slow page).
 */
export function gridPlan(layers, preferredSize = 50, samples = 500) {
  const hiddenUnits = layers.slice(0, -1).reduce((sum, l) => sum + l.outputs, 0);
  const outputs = layers.length ? layers[layers.length - 1].outputs : 1;
  const hidden = hiddenUnits <= MAX_HIDDEN_GRIDS;
  const nodes = (hidden ? hiddenUnits : 0) + outputs;
  const macsPerPoint = layers.reduce((sum, l) => sum + l.inputs * l.outputs, 0);
  const byFloats = Math.sqrt(GRID_FLOATS / Math.max(1, nodes));
  const byMacs = Math.sqrt(GRID_MACS / Math.max(1, macsPerPoint));
  const gridSize = Math.max(MIN_GRID, Math.min(preferredSize, Math.floor(Math.min(byFloats, byMacs))));
  const evaluateEveryMs = macsPerPoint * samples > EVALUATE_MACS ? EVALUATE_SLOW_MS : EVALUATE_MS;
  return { gridSize, hidden, hiddenUnits, outputs, evaluateEveryMs };
}

/** Index of weight W_l[to, from] in the parameter block (W is column-major). */
export function weightIndex(layer, to, from) {
  return layer.weightOffset + from * layer.outputs + to;
}

/**
 * Positions of the diagram's nodes and links.
 * inputs: names of the input features; layers: [{inputs, outputs}] as the
 * client reports them (hidden layers, then the output layer).
 * Returns {columns: [{nodes: [{x, y, unit}], hiddenCount, total}], links, nodeSize, width, height}.
 * Each link is {layer, to, from, x1, y1, x2, y2}; node x/y are top-left corners.
 */
export function layoutNetwork({ inputs, layers, width, nodeSize = 36, maxDrawn = MAX_DRAWN_UNITS }) {
  const counts = [inputs.length, ...layers.map((l) => l.outputs)];
  const columnCount = counts.length;
  const gap = Math.max(4, Math.round(nodeSize / 4));
  const drawnCounts = counts.map((c) => Math.min(c, maxDrawn));
  const tallest = Math.max(...drawnCounts);
  const height = tallest * (nodeSize + gap) + gap + 14; // room for "+N more"
  const usable = Math.max(width - nodeSize, 1);
  const columns = counts.map((count, c) => {
    const x = columnCount === 1 ? 0 : Math.round((usable * c) / (columnCount - 1));
    const drawn = drawnCounts[c];
    const top = gap + ((tallest - drawn) * (nodeSize + gap)) / 2;
    const nodes = [];
    for (let unit = 0; unit < drawn; unit++) nodes.push({ x, y: Math.round(top + unit * (nodeSize + gap)), unit });
    return { nodes, total: count, hiddenCount: count - drawn };
  });
  const links = [];
  const half = nodeSize / 2;
  for (let l = 0; l < layers.length; l++) {
    for (const toNode of columns[l + 1].nodes) {
      for (const fromNode of columns[l].nodes) {
        links.push({
          layer: l, to: toNode.unit, from: fromNode.unit,
          x1: fromNode.x + nodeSize, y1: fromNode.y + half, x2: toNode.x, y2: toNode.y + half,
        });
      }
    }
  }
  return { columns, links, nodeSize, width, height };
}

function distanceToSegment(px, py, { x1, y1, x2, y2 }) {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const lengthSq = dx * dx + dy * dy;
  const t = lengthSq ? Math.max(0, Math.min(1, ((px - x1) * dx + (py - y1) * dy) / lengthSq)) : 0;
  const cx = x1 + t * dx;
  const cy = y1 + t * dy;
  return Math.hypot(px - cx, py - cy);
}

/** The link nearest to (x, y) within `tolerance` pixels, or null. */
export function hitTestLink(links, x, y, tolerance = 4) {
  let best = null;
  let bestDistance = tolerance;
  for (const link of links) {
    const d = distanceToSegment(x, y, link);
    if (d <= bestDistance) { bestDistance = d; best = link; }
  }
  return best;
}

/** Links are drawn in buckets of equal colour and width: one stroke per bucket, not per link. */
export const LINK_LEVELS = 8;
export const LINK_BUCKETS = 2 * LINK_LEVELS + 1;

/** The bucket of a weight: LINK_LEVELS is zero, below negative, above positive (tanh-compressed). */
export function linkBucket(weight) {
  const t = Number.isFinite(weight) ? Math.tanh(weight) : 0;
  return LINK_LEVELS + Math.round(t * LINK_LEVELS);
}

/** A bucket's colour position t in [-1, 1] and line width in pixels (thicker as |w| grows). */
export function linkStyle(bucket) {
  const t = (bucket - LINK_LEVELS) / LINK_LEVELS;
  return { t, width: 0.5 + 4.5 * Math.abs(t) };
}

/** Number of parameters for a layer-size list (weights, biases, PReLU slopes ignored). */
export function countParams(inputCount, hidden, outputs) {
  const sizes = [inputCount, ...hidden, outputs];
  let total = 0;
  for (let i = 1; i < sizes.length; i++) total += sizes[i - 1] * sizes[i] + sizes[i];
  return total;
}

/**
 * How an output grid maps to the [-1, 1] colour scale: a tanh head and a
 * regression value as they are, a probability p as 2p - 1.
 */
export function outputScale(config) {
  const probability = config.problem === 'multiclass' || (config.problem === 'binary' && config.binaryHead === 'sigmoid-bce');
  return probability ? { scale: 2, shift: -1 } : { scale: 1, shift: 0 };
}

const FEATURE_FUNCTIONS = Object.freeze({
  x1: (x1) => x1,
  x2: (x1, x2) => x2,
  x1sq: (x1) => x1 * x1,
  x2sq: (x1, x2) => x2 * x2,
  x1x2: (x1, x2) => x1 * x2,
  sinx1: (x1) => Math.sin(x1),
  sinx2: (x1, x2) => Math.sin(x2),
});

/**
 * An input feature over the n x n grid of [-domain, domain]^2 (row 0 at the
 * top, x2 = +domain; pixel centres), scaled into [-1, 1] for drawing.
 */
export function featureGrid(name, n, domain) {
  const pixel = /^p(\d+)$/.exec(name);
  if (pixel) return pixelGrid(Number(pixel[1]), n);
  const f = FEATURE_FUNCTIONS[name];
  const out = new Float32Array(n * n);
  let max = 0;
  for (let row = 0; row < n; row++) {
    const x2 = domain - ((row + 0.5) * 2 * domain) / n;
    for (let col = 0; col < n; col++) {
      const x1 = -domain + ((col + 0.5) * 2 * domain) / n;
      const v = f(x1, x2);
      out[row * n + col] = v;
      if (Math.abs(v) > max) max = Math.abs(v);
    }
  }
  if (max > 0) for (let i = 0; i < out.length; i++) out[i] /= max;
  return out;
}

/** Input pixel `index` of an 8x8 digit (input name p<index>): its square lit in an n x n tile, so the tile says where it is. */
function pixelGrid(index, n) {
  const out = new Float32Array(n * n).fill(-0.15);
  const side = 8;
  const [row, col] = [Math.floor(index / side), index % side];
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      if (Math.floor((y * side) / n) === row && Math.floor((x * side) / n) === col) out[y * n + x] = 1;
    }
  }
  return out;
}

/** Index of a unit's plane in a snapshot grid, or -1 when it was not sent. */
export function gridNodeIndex(layers, layer, unit, hiddenIncluded) {
  const last = layers.length - 1;
  if (layer < last && !hiddenIncluded) return -1;
  let index = 0;
  if (hiddenIncluded) for (let l = 0; l < layer; l++) index += layers[l].outputs;
  return index + unit;
}

/**
 * Which labels of one row fit without overlapping: items [{x, width, always}]
 * in left-to-right order. Left to right, a label is drawn when it starts past
 * the end of the last one drawn (plus `gap`) and ends before the next
 * `always` label starts (the in and out titles keep their place). A
 * 30-layer diagram then labels every few layers instead of a smear.
 * Returns one boolean per item.
 */
export function fittingLabels(items, gap = 4) {
  const shown = items.map(() => false);
  let free = -Infinity;
  items.forEach((item, i) => {
    const nextAlways = items.slice(i + 1).find((later) => later.always);
    const room = nextAlways ? nextAlways.x - gap : Infinity;
    if (item.always || (item.x >= free && item.x + item.width <= room)) {
      shown[i] = true;
      free = item.x + item.width + gap;
    }
  });
  return shown;
}
