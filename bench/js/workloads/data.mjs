// Seeded data and initial weights, generated once in JavaScript and loaded
// into every library, so that each one trains the same network on the same
// points from the same starting point.
//
// Parameters use the core's layout (cpp/model/trainer.h): for each weight
// layer, W [out x in] column-major, then b [out]. Column-major [out x in] is
// row-major [in x out], which is what TF.js's x·W takes, so the same flat
// block feeds every library without a transpose.

/** Mulberry32: tiny, fast and good enough to draw benchmark data reproducibly. */
export function makeRng(seed) {
  let state = seed >>> 0;
  const uniform = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => {
    // Box-Muller; 1 - u keeps the logarithm's argument in (0, 1].
    const u1 = 1 - uniform();
    const u2 = uniform();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  };
  const below = (n) => Math.floor(uniform() * n);
  return { uniform, normal, below };
}

/** Fisher-Yates, in place. */
export function shuffle(array, rng) {
  for (let i = array.length - 1; i > 0; i--) {
    const j = rng.below(i + 1);
    [array[i], array[j]] = [array[j], array[i]];
  }
  return array;
}

/**
 * TensorFlow Playground's two-arm spiral: `count` points, labels 0/1, split
 * into equal train and test halves after a seeded shuffle.
 * Returns {train, test}, each a list of [x1, x2, label].
 */
export function spiral(count, seed, noise = 0.1) {
  const rng = makeRng(seed);
  const perArm = count / 2;
  const points = [];
  for (const [label, deltaT] of [[1, 0], [0, Math.PI]]) {
    for (let i = 0; i < perArm; i++) {
      const r = (i / perArm) * 5;
      const t = ((1.75 * i) / perArm) * 2 * Math.PI + deltaT;
      const jitter = () => (rng.uniform() * 2 - 1) * noise * r;
      points.push([r * Math.sin(t) + jitter(), r * Math.cos(t) + jitter(), label]);
    }
  }
  shuffle(points, rng);
  const half = Math.floor(points.length / 2);
  return { train: points.slice(0, half), test: points.slice(half) };
}

/** Shapes of the weight layers of inputs -> hidden... -> outputs. */
export function layerShapes(inputs, hidden, outputs) {
  const sizes = [inputs, ...hidden, outputs];
  return sizes.slice(1).map((out, l) => ({ in: sizes[l], out }));
}

/**
 * He-normal weights (N(0, 2/fanIn)) and zero biases, in the core's layout.
 * Returns {params: Float32Array, layers: [{in, out, weightOffset, biasOffset}]}.
 */
export function initialParams(shapes, seed) {
  const rng = makeRng(seed ^ 0x9e3779b9);
  const total = shapes.reduce((sum, s) => sum + s.in * s.out + s.out, 0);
  const params = new Float32Array(total);
  const layers = [];
  let offset = 0;
  for (const shape of shapes) {
    const std = Math.sqrt(2 / shape.in);
    const weightOffset = offset;
    for (let i = 0; i < shape.in * shape.out; i++) params[offset++] = rng.normal() * std;
    const biasOffset = offset;
    offset += shape.out; // biases start at 0
    layers.push({ ...shape, weightOffset, biasOffset });
  }
  return { params, layers };
}

/** W3's data: random inputs in [0, 1) and random class labels. */
export function randomClassification(count, inputs, classes, seed) {
  const rng = makeRng(seed);
  const x = new Float32Array(count * inputs);
  for (let i = 0; i < x.length; i++) x[i] = rng.uniform();
  const labels = new Int32Array(count);
  for (let i = 0; i < count; i++) labels[i] = rng.below(classes);
  return { x, labels, count, inputs, classes };
}

/** The row-major [count x 2] inputs and [count] targets of a point list; tanh targets are -1/+1. */
export function pointsToArrays(points) {
  const x = new Float32Array(points.length * 2);
  const target = new Float32Array(points.length);
  points.forEach(([x1, x2, label], i) => {
    x[2 * i] = x1;
    x[2 * i + 1] = x2;
    target[i] = label > 0 ? 1 : -1;
  });
  return { x, target, count: points.length };
}

/** Pixel centres of an n x n grid over [-domain, domain]^2, row 0 at the top, as [n*n x 2]. */
export function gridInputs(n, domain) {
  const x = new Float32Array(n * n * 2);
  const step = (2 * domain) / n;
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      const i = row * n + col;
      x[2 * i] = -domain + (col + 0.5) * step;
      x[2 * i + 1] = domain - (row + 0.5) * step;
    }
  }
  return x;
}

/** A per-epoch shuffled sample order, from its own seed, shared by the JS libraries. */
export function sampleOrder(count, epochs, seed) {
  const rng = makeRng(seed ^ 0x85ebca6b);
  const order = new Int32Array(count * epochs);
  const indices = Array.from({ length: count }, (_, i) => i);
  for (let e = 0; e < epochs; e++) {
    shuffle(indices, rng);
    order.set(indices, e * count);
  }
  return order;
}
