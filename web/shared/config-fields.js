// The config fields, declared once: name, kind, range, default, liveness and
// meaning. Everything else is derived from this list: web/shared/schema.js
// uses it as is, and `node scripts/gen-config.mjs` writes from it the C++
// field table and Config struct (cpp/model/config/config_generated.h and
// config_fields.inc), the Config type of web/api/index.d.ts and the key
// tables of docs/CONFIG.md. tests/js/shared/config-gen.test.js fails when one
// of those is stale. Pure data: no imports, no logic.
//
// kind: 'int' | 'number' | 'bool' | 'enum' | 'set' | 'intList' | 'enumList' | 'points'
// live: may change between steps without losing the weights. The core
//   decides from these flags (NeedsRebuild, through the generated table);
//   tests/js/api/core-constants.test.js checks the behaviour against them.
// typeName: the name of the value list's type (the .d.ts union; for an
//   'enum' the C++ enum is the field's name capitalised).
// doc: the meaning, as docs/CONFIG.md and the .d.ts show it (Markdown).

export const MAX_HIDDEN_LAYERS = 64;
export const MAX_UNITS = 1024;
export const MAX_SAMPLES = 20000;
export const MAX_CLASSES = 10;
// The handwritten digits (data/digits/digits.bin): images, pixels per image
// (8x8, each 0..16) and classes. The core checks the embedded file against them.
export const DIGIT_COUNT = 1797;
export const DIGIT_PIXELS = 64;
export const DIGIT_CLASSES = 10;
// A pixel's largest value in the file: the ink of a 4x4 block of the 32x32
// drawing it was counted from. Inputs are value / DIGIT_MAX_VALUE.
export const DIGIT_MAX_VALUE = 16;

export const DATASETS = Object.freeze([
  'circle', 'xor', 'gauss', 'spiral', 'reg-plane', 'reg-gauss',
  'moons', 'checkerboard', 'spiral3', 'custom', 'digits',
]);
// The kernels' activations (cpp/kernels/variants.h, ActName); the C++ side
// takes its list from there, and the differential test holds this copy to it.
export const ACTIVATIONS = Object.freeze([
  'linear', 'relu', 'leaky-relu', 'prelu', 'elu', 'selu', 'gelu', 'silu',
  'softplus', 'sigmoid', 'tanh',
]);
export const INITS = Object.freeze([
  'zeros', 'uniform', 'normal', 'playground', 'xavier-uniform', 'xavier-normal',
  'he-uniform', 'he-normal', 'lecun-normal', 'orthogonal',
]);
// In the order of the core's feature bits (Feature in config.h).
export const FEATURES = Object.freeze(['x1', 'x2', 'x1sq', 'x2sq', 'x1x2', 'sinx1', 'sinx2']);
export const PROBLEMS = Object.freeze(['regression', 'binary', 'multiclass']);
export const BINARY_HEADS = Object.freeze(['tanh-mse', 'sigmoid-bce']);
export const OPTIMIZERS = Object.freeze(['sgd', 'momentum', 'rmsprop', 'adam']);
export const SCHEDULES = Object.freeze(['constant', 'step', 'exponential', 'cosine']);

/** The sections of the field list, in order: docs/CONFIG.md has one table each. */
export const FIELD_GROUPS = Object.freeze({
  data: 'Data',
  network: 'Network',
  init: 'Initialisation',
  optimisation: 'Optimisation (all live)',
});

const data = 'data';
const network = 'network';
const init = 'init';
const optimisation = 'optimisation';

/** Every field, in the canonical order (ConfigToJson's, the URL's, the docs'). */
export const FIELDS = Object.freeze({
  seed: {
    group: data, kind: 'int', min: 0, max: 4294967295, default: 1, live: false,
    doc: 'The one seed: data, initial weights and the shuffles all derive from it (independent streams, so changing the network does not change the data). Same seed, same run, natively and in WebAssembly.',
  },
  dataset: {
    group: data, kind: 'enum', values: DATASETS, typeName: 'Dataset', default: 'circle', live: false,
    doc: 'Which points to learn (see [Datasets](#datasets)).',
  },
  numSamples: {
    group: data, kind: 'int', min: 10, max: MAX_SAMPLES, default: 500, live: false,
    doc: 'Points generated, training and test together. Ignored by `custom` and `digits` (which has its 1,797 images).',
  },
  noise: {
    group: data, kind: 'number', min: 0, max: 50, default: 0, live: false,
    doc: 'Percent, as in TensorFlow Playground: how far the points (or the points their labels are read at) are perturbed. Ignored by `digits` (its images are used as they are).',
  },
  trainRatio: {
    group: data, kind: 'number', min: 0.1, max: 0.9, default: 0.5, live: false,
    doc: 'Share of the points used for training, `round(n * trainRatio)`; the rest are the test set.',
  },
  features: {
    group: data, kind: 'set', values: FEATURES, typeName: 'Feature', minItems: 1, default: ['x1', 'x2'], live: false,
    doc: 'Network inputs computed from the point: x1, x2, x1², x2², x1·x2, sin x1, sin x2 (always in this order). Ignored by `digits`, whose inputs are its 64 pixels scaled to [0, 1].',
  },
  points: {
    group: data, kind: 'points', maxItems: MAX_SAMPLES, default: [], live: false,
    doc: 'The data of `dataset: "custom"` (at least 2 points). Label: class 0/1 for binary, 0..9 for multiclass, any target for regression.',
  },
  problem: {
    group: network, kind: 'enum', values: PROBLEMS, typeName: 'Problem', default: 'binary', live: false,
    doc: 'Output head: regression is linear + MSE; multiclass is softmax + cross-entropy.',
  },
  binaryHead: {
    group: network, kind: 'enum', values: BINARY_HEADS, typeName: 'BinaryHead', default: 'tanh-mse', live: false,
    doc: 'Binary head: tanh output and MSE on labels ±1 (TensorFlow Playground), or sigmoid + binary cross-entropy from logits.',
  },
  hidden: {
    group: network, kind: 'intList', min: 1, max: MAX_UNITS, maxItems: MAX_HIDDEN_LAYERS, default: [4, 2], live: false,
    doc: 'Units per hidden layer. `[]` is a linear model of the features.',
  },
  activation: {
    group: network, kind: 'enumList', values: ACTIVATIONS, typeName: 'Activation', default: 'relu', live: false,
    cppMember: 'activations', // the core keeps one per hidden layer
    doc: 'One name for every hidden layer, or a list with exactly one per hidden layer.',
  },
  leakySlope: {
    group: network, kind: 'number', min: 0, max: 1, default: 0.01, live: true,
    doc: 'Slope of Leaky ReLU below 0 (also the `a` of He initialisation for leaky layers). A slope of 0 is ReLU, 0 at −∞ included (PReLU slopes likewise).',
  },
  eluAlpha: {
    group: network, kind: 'number', min: 0, max: 10, exclusiveMin: true, default: 1, live: true,
    doc: "ELU's α.",
  },
  preluInit: {
    group: network, kind: 'number', min: 0, max: 1, default: 0.25, live: false,
    doc: 'Initial PReLU slope.',
  },
  preluPerUnit: {
    group: network, kind: 'bool', default: false, live: false,
    doc: 'One learned PReLU slope per unit, instead of one per layer.',
  },
  init: {
    group: init, kind: 'enum', values: INITS, typeName: 'Init', default: 'he-normal', live: false,
    doc: "Weight initialisation: U(−s, s), N(0, s²), TensorFlow Playground's U(−0.5, 0.5), Glorot, He (fan-in, leaky gain), LeCun, orthogonal (QR).",
  },
  initScale: {
    group: init, kind: 'number', min: 0, max: 10, exclusiveMin: true, default: 1, live: false,
    doc: '`s` of `uniform` and `normal`; the gain of `orthogonal`.',
  },
  biasInit: {
    group: init, kind: 'number', min: -10, max: 10, default: 0, live: false,
    doc: 'Every bias starts at this constant (e.g. 0.1 keeps ReLU units alive).',
  },
  optimizer: {
    group: optimisation, kind: 'enum', values: OPTIMIZERS, typeName: 'OptimizerName', default: 'sgd', live: true,
    doc: 'Update rule.',
  },
  learningRate: {
    group: optimisation, kind: 'number', min: 1e-6, max: 10, default: 0.03, live: true,
    doc: 'Base step size, before the schedule.',
  },
  batchSize: {
    group: optimisation, kind: 'int', min: 1, max: MAX_SAMPLES, default: 10, live: true,
    doc: 'Points per step (at most the training set).',
  },
  momentum: {
    group: optimisation, kind: 'number', min: 0, max: 0.999, default: 0.9, live: true,
    doc: "`momentum` optimiser's coefficient.",
  },
  nesterov: {
    group: optimisation, kind: 'bool', default: false, live: true,
    doc: 'Nesterov momentum.',
  },
  beta1: {
    group: optimisation, kind: 'number', min: 0, max: 0.9999, default: 0.9, live: true,
    doc: "Adam's first-moment decay.",
  },
  beta2: {
    group: optimisation, kind: 'number', min: 0, max: 0.99999, default: 0.999, live: true,
    doc: "Adam's second-moment decay.",
  },
  epsilon: {
    group: optimisation, kind: 'number', min: 1e-12, max: 1, default: 1e-8, live: true,
    doc: "Adam's and RMSProp's denominator guard.",
  },
  rmsDecay: {
    group: optimisation, kind: 'number', min: 0, max: 0.9999, default: 0.9, live: true,
    doc: "RMSProp's decay of the squared-gradient average.",
  },
  l1: {
    group: optimisation, kind: 'number', min: 0, max: 1, default: 0, live: true,
    doc: 'L1 penalty on the weights.',
  },
  l2: {
    group: optimisation, kind: 'number', min: 0, max: 1, default: 0, live: true,
    doc: 'L2 penalty on the weights.',
  },
  clipNorm: {
    group: optimisation, kind: 'number', min: 0, max: 1e6, default: 0, live: true,
    doc: 'Clip the global gradient norm to this; 0 is off.',
  },
  schedule: {
    group: optimisation, kind: 'enum', values: SCHEDULES, typeName: 'ScheduleName', default: 'constant', live: true,
    doc: 'Learning rate over steps: `lr`, `lr·decayRate^floor(step/decaySteps)`, `lr·decayRate^(step/decaySteps)`, `lr·½(1+cos(π·min(step, decaySteps)/decaySteps))`.',
  },
  decaySteps: {
    group: optimisation, kind: 'int', min: 1, max: 1e8, default: 1000, live: true,
    doc: 'Steps of the schedule.',
  },
  decayRate: {
    group: optimisation, kind: 'number', min: 0, max: 1, exclusiveMin: true, default: 0.5, live: true,
    doc: 'Factor of the `step` and `exponential` schedules.',
  },
});
