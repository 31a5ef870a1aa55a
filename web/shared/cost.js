// What a config costs before anything is built: parameters, bytes and
// floating-point operations per training step and per evaluation. A copy of
// the core's formulas (cpp/model/cost.cc), so that the page can decide
// synchronously, before the core is even loaded, whether a link, a file or
// an edit opens its network paused and unbuilt. The core stays the source:
// tests/js/api/cost.test.js compares these figures with its estimateCost()
// for hundreds of random configs. Pure: no DOM, no core.
import { FEATURES, MAX_CLASSES } from './schema.js';
import { DIGIT_CLASSES, DIGIT_COUNT, DIGIT_PIXELS } from './config-fields.js';

/** The core's hard cap (kMaxModelBytes): above it the core refuses the config. */
export const MAX_MODEL_BYTES = 1.5 * 1024 * 1024 * 1024;
// The core's evaluation chunk (kMaxEvalChunk, kEvalChunkFloats) and update cost (kUpdateFlopsPerParam).
const MAX_EVAL_CHUNK = 1024;
const EVAL_CHUNK_FLOATS = 4 * 1024 * 1024;
const UPDATE_FLOPS_PER_PARAM = 10;
// products.cc: the small-product scratch holds at most this many floats.
const SMALL_PRODUCT_SCRATCH = Math.max(24 * 24 * 24, 64 * 64);

/**
 * Past either of these a network opens paused and unbuilt, and is built only
 * when the user confirms. bench/step-cost.mjs measured the SIMD128 core at
 * 4 to 6 GFLOP/s on dense layers of 256 to 1024 units and the scalar one at
 * 1 to 1.7 (a shared 2-core machine): at 1 GFLOP a step that is 0.2 to 1 s a
 * step, where training stops looking like training; the default network is
 * more than four orders of magnitude below it. 256 MiB is a sixth of the core's cap
 * and more than a phone's tab can count on.
 */
export const UNBUILT_BYTES = 256 * 1024 * 1024;
export const UNBUILT_STEP_FLOPS = 1e9;
/**
 * FLOPs per second this page assumes for the time estimates it shows: between
 * the scalar and the SIMD128 figures above, rounded down for phones.
 */
export const ASSUMED_FLOPS_PER_SECOND = 2e9;

const padded = (floats) => Math.ceil(floats / 16) * 16;

function activationOf(config, l) {
  return Array.isArray(config.activation) ? config.activation[l] : config.activation;
}

function inputCount(config) {
  if (config.dataset === 'digits') return DIGIT_PIXELS; // the image, whatever `features` says
  return FEATURES.filter((name) => config.features.includes(name)).length;
}

function classCount(config) {
  if (config.problem === 'regression') return 1;
  if (config.problem === 'binary') return 2;
  if (config.dataset === 'spiral3') return 3;
  if (config.dataset === 'digits') return DIGIT_CLASSES;
  if (config.dataset !== 'custom') return 2;
  // As the core: as many classes as the largest label says, at least two;
  // labels are float32 there.
  let largest = 1;
  for (const point of config.points) largest = Math.max(largest, Math.fround(point[2]));
  return Math.trunc(Math.min(largest, MAX_CLASSES - 1)) + 1;
}

/** The network's layers as the core lays them out (network.cc MakeLayout). */
export function costLayout(config) {
  const inputs = inputCount(config);
  const outputs = config.problem === 'multiclass' ? classCount(config) : 1;
  const layers = [];
  let fanIn = inputs;
  let offset = 0;
  let widest = Math.max(inputs, outputs);
  const hidden = config.hidden;
  for (let l = 0; l <= hidden.length; l++) {
    const isOutput = l === hidden.length;
    const units = isOutput ? outputs : hidden[l];
    const act = isOutput ? 'linear' : activationOf(config, l);
    const slopes = act === 'prelu' ? (config.preluPerUnit ? units : 1) : 0;
    const size = fanIn * units + units + slopes;
    layers.push({ inputs: fanIn, outputs: units, act, params: size });
    offset += size;
    widest = Math.max(widest, units);
    fanIn = units;
  }
  return { inputs, layers, paramCount: offset, widest };
}

function workspaceFloats(layout, capacity) {
  let scratch = 0;
  for (const layer of layout.layers) scratch = Math.max(scratch, Math.min(layer.outputs * layer.inputs, SMALL_PRODUCT_SCRATCH));
  let floats = padded(layout.inputs * capacity) + padded(capacity) + 2 * padded(layout.widest * capacity) + padded(scratch);
  const last = layout.layers.length - 1;
  layout.layers.forEach((layer, l) => {
    const block = padded(layer.outputs * capacity);
    floats += layer.act === 'linear' && l !== last ? block : 2 * block;
    if (layer.act === 'prelu') floats += 2 * padded(layer.outputs);
  });
  return floats;
}

function evalChunk(layout) {
  let chunk = MAX_EVAL_CHUNK;
  while (chunk > 1 && workspaceFloats(layout, chunk) > EVAL_CHUNK_FLOATS) chunk /= 2;
  return chunk;
}

export function trainCount(total, trainRatio) {
  // lround of a float32 ratio; clamped so that one point trains and, with two or more, one tests.
  const count = Math.round(total * Math.fround(trainRatio));
  return Math.min(Math.max(count, 1), Math.max(1, total - 1));
}

const forwardFlops = (layer) => 2 * layer.inputs * layer.outputs + 2 * layer.outputs;
const backwardFlops = (layer, first) => (first ? 2 : 4) * layer.inputs * layer.outputs + 3 * layer.outputs;

/**
 * The cost of a valid full config (every field present, as validateConfig
 * gives it): {paramCount, bytes, maxBytes, trainCount, testCount, batchSize,
 * stepFlops, evaluateFlops, forwardFlopsPerSample}, the figures of the core's
 * estimateCost().
 */
export function estimateCost(config) {
  const layout = costLayout(config);
  const total = config.dataset === 'custom' ? config.points.length
    : config.dataset === 'digits' ? DIGIT_COUNT : config.numSamples;
  const train = trainCount(total, config.trainRatio);
  const batchSize = Math.max(1, Math.min(config.batchSize, train));
  const largestLayer = Math.max(...layout.layers.map((layer) => layer.params));
  const floats = 6 * layout.paramCount + largestLayer + workspaceFloats(layout, batchSize) + workspaceFloats(layout, evalChunk(layout));
  let forward = 0;
  let backward = 0;
  layout.layers.forEach((layer, l) => {
    forward += forwardFlops(layer);
    backward += backwardFlops(layer, l === 0);
  });
  return {
    paramCount: layout.paramCount,
    bytes: floats * 4,
    maxBytes: MAX_MODEL_BYTES,
    trainCount: train,
    testCount: Math.max(0, total - train),
    batchSize,
    stepFlops: batchSize * (forward + backward) + UPDATE_FLOPS_PER_PARAM * layout.paramCount,
    evaluateFlops: forward * total,
    forwardFlopsPerSample: forward,
  };
}

/**
 * Whether a config's network should open paused and unbuilt: its estimate
 * passes UNBUILT_BYTES or UNBUILT_STEP_FLOPS. `cost` from estimateCost().
 */
export function needsConfirmation(cost) {
  return cost.bytes > UNBUILT_BYTES || cost.stepFlops > UNBUILT_STEP_FLOPS;
}

/**
 * Whether a network of `cost` must be confirmed before it is built: past a
 * threshold, and dearer than the network running (`running`'s cost, or null)
 * in bytes or in FLOPs per step. A null cost (a config refused) never is.
 */
export function needsConfirmationOver(cost, running) {
  if (!cost || !needsConfirmation(cost)) return false;
  return !running || cost.bytes > running.bytes || cost.stepFlops > running.stepFlops;
}

/** Seconds a step takes at ASSUMED_FLOPS_PER_SECOND. */
export function estimatedStepSeconds(cost) {
  return cost.stepFlops / ASSUMED_FLOPS_PER_SECOND;
}
