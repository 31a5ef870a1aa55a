// The training config: every field, its default, its allowed values and
// whether it can change while training ("live") or needs a new network.
//
// This is the single source of config defaults and validation on the web side:
// the JS API, the worker and the URL state all use it. The C++ core validates
// the same fields with the same ranges (cpp/model/config/config.cc); a test checks
// that the two agree. Field names are the JSON keys of the C++ config.

export const DATASETS = Object.freeze([
  'circle', 'xor', 'gauss', 'spiral', 'reg-plane', 'reg-gauss',
  'moons', 'checkerboard', 'spiral3', 'custom',
]);
export const REGRESSION_DATASETS = Object.freeze(['reg-plane', 'reg-gauss']);
export const ACTIVATIONS = Object.freeze([
  'linear', 'relu', 'leaky-relu', 'prelu', 'elu', 'selu', 'gelu', 'silu',
  'softplus', 'sigmoid', 'tanh',
]);
export const INITS = Object.freeze([
  'zeros', 'uniform', 'normal', 'playground', 'xavier-uniform', 'xavier-normal',
  'he-uniform', 'he-normal', 'lecun-normal', 'orthogonal',
]);
export const FEATURES = Object.freeze(['x1', 'x2', 'x1sq', 'x2sq', 'x1x2', 'sinx1', 'sinx2']);

export const MAX_HIDDEN_LAYERS = 64;
export const MAX_UNITS = 1024;
export const MAX_SAMPLES = 20000;
export const MAX_CLASSES = 10;

// kind: 'int' | 'number' | 'bool' | 'enum' | 'set' | 'intList' | 'enumList' | 'points'
// live: may change between steps without losing the weights. The core decides
// (NeedsRebuild in cpp/model/config/config.cc, `rebuilt` in a configure reply); these
// flags describe it and tests/js/api/core-constants.test.js holds them to it.
export const FIELDS = Object.freeze({
  // Data
  seed: { kind: 'int', min: 0, max: 4294967295, default: 1, live: false },
  dataset: { kind: 'enum', values: DATASETS, default: 'circle', live: false },
  numSamples: { kind: 'int', min: 10, max: MAX_SAMPLES, default: 500, live: false },
  noise: { kind: 'number', min: 0, max: 50, default: 0, live: false },
  trainRatio: { kind: 'number', min: 0.1, max: 0.9, default: 0.5, live: false },
  features: { kind: 'set', values: FEATURES, minItems: 1, default: ['x1', 'x2'], live: false },
  points: { kind: 'points', maxItems: MAX_SAMPLES, default: [], live: false },
  // Network
  problem: { kind: 'enum', values: ['regression', 'binary', 'multiclass'], default: 'binary', live: false },
  binaryHead: { kind: 'enum', values: ['tanh-mse', 'sigmoid-bce'], default: 'tanh-mse', live: false },
  hidden: { kind: 'intList', min: 1, max: MAX_UNITS, maxItems: MAX_HIDDEN_LAYERS, default: [4, 2], live: false },
  // One name for every hidden layer, or one per layer.
  activation: { kind: 'enumList', values: ACTIVATIONS, default: 'relu', live: false },
  leakySlope: { kind: 'number', min: 0, max: 1, default: 0.01, live: true },
  eluAlpha: { kind: 'number', min: 0, max: 10, exclusiveMin: true, default: 1, live: true },
  preluInit: { kind: 'number', min: 0, max: 1, default: 0.25, live: false },
  preluPerUnit: { kind: 'bool', default: false, live: false },
  // Initialisation
  init: { kind: 'enum', values: INITS, default: 'he-normal', live: false },
  initScale: { kind: 'number', min: 0, max: 10, exclusiveMin: true, default: 1, live: false },
  biasInit: { kind: 'number', min: -10, max: 10, default: 0, live: false },
  // Optimisation
  optimizer: { kind: 'enum', values: ['sgd', 'momentum', 'rmsprop', 'adam'], default: 'sgd', live: true },
  learningRate: { kind: 'number', min: 1e-6, max: 10, default: 0.03, live: true },
  batchSize: { kind: 'int', min: 1, max: MAX_SAMPLES, default: 10, live: true },
  momentum: { kind: 'number', min: 0, max: 0.999, default: 0.9, live: true },
  nesterov: { kind: 'bool', default: false, live: true },
  beta1: { kind: 'number', min: 0, max: 0.9999, default: 0.9, live: true },
  beta2: { kind: 'number', min: 0, max: 0.99999, default: 0.999, live: true },
  epsilon: { kind: 'number', min: 1e-12, max: 1, default: 1e-8, live: true },
  rmsDecay: { kind: 'number', min: 0, max: 0.9999, default: 0.9, live: true },
  l1: { kind: 'number', min: 0, max: 1, default: 0, live: true },
  l2: { kind: 'number', min: 0, max: 1, default: 0, live: true },
  clipNorm: { kind: 'number', min: 0, max: 1e6, default: 0, live: true }, // 0 = off
  schedule: { kind: 'enum', values: ['constant', 'step', 'exponential', 'cosine'], default: 'constant', live: true },
  decaySteps: { kind: 'int', min: 1, max: 1e8, default: 1000, live: true },
  decayRate: { kind: 'number', min: 0, max: 1, exclusiveMin: true, default: 0.5, live: true },
});

export const FIELD_NAMES = Object.freeze(Object.keys(FIELDS));

/** A fresh config with every default. */
export function defaultConfig() {
  const config = {};
  for (const [name, field] of Object.entries(FIELDS)) config[name] = clone(field.default);
  return config;
}

function clone(value) {
  return Array.isArray(value) ? value.map(clone) : value;
}

function formatRange(field) {
  const open = field.exclusiveMin ? '(' : '[';
  return `${open}${field.min}, ${field.max}]`;
}

// Cuts at `limit` UTF-8 bytes without splitting a character, as the core's
// Truncate does (messages quote only an excerpt of a long value).
function truncateUtf8(text, limit) {
  const bytes = new TextEncoder().encode(text);
  if (bytes.length <= limit) return text;
  let end = limit;
  while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--;
  return new TextDecoder().decode(bytes.subarray(0, end));
}

function describe(value) {
  if (typeof value === 'string') return truncateUtf8(JSON.stringify(value), 60); // a 60 MB string is not a 60 MB message
  if (Array.isArray(value)) return truncateUtf8(JSON.stringify(value), 60);
  return String(value);
}

function checkNumber(name, field, value, integer) {
  if (typeof value !== 'number') {
    return `${name}: expected a number, got ${describe(value)}`;
  }
  if (!Number.isFinite(value)) return `${name}: ${value} is not a finite number`;
  if (integer && !Number.isInteger(value)) return `${name}: ${value} is not a whole number`;
  const belowMin = field.exclusiveMin ? value <= field.min : value < field.min;
  if (belowMin || value > field.max) {
    return `${name}: ${value} is outside the allowed range ${formatRange(field)}`;
  }
  // The core keeps reals as float32 (config_parse.cc): a positive value below
  // the smallest float becomes 0, which an open lower bound excludes. (Closed
  // bounds need no such check: rounding cannot cross them.)
  if (!integer && field.exclusiveMin && Math.fround(value) <= Math.fround(field.min)) {
    return `${name}: ${value} is too small for single precision; allowed range ${formatRange(field)}`;
  }
  return null;
}

/** A point value as the core stores it (float32): beyond float's range it is infinite. */
const asFloat32 = Math.fround;

/**
 * Checks one field's value. Returns an error message naming the field, the
 * value and the allowed values, or null when the value is valid.
 */
export function checkField(name, value) {
  // Names come from links, files and messages: only the schema's own fields count, never Object.prototype's.
  const field = Object.hasOwn(FIELDS, name) ? FIELDS[name] : null;
  if (!field) return `${name}: unknown config field (known: ${FIELD_NAMES.join(', ')})`;
  switch (field.kind) {
    case 'int':
      return checkNumber(name, field, value, true);
    case 'number':
      return checkNumber(name, field, value, false);
    case 'bool':
      return typeof value === 'boolean' ? null : `${name}: expected true or false, got ${describe(value)}`;
    case 'enum':
      return field.values.includes(value)
        ? null
        : `${name}: ${describe(value)} is not one of ${field.values.join(', ')}`;
    case 'set': {
      if (!Array.isArray(value)) return `${name}: expected a list of ${field.values.join(', ')}`;
      if (value.length < field.minItems) return `${name}: needs at least ${field.minItems} of ${field.values.join(', ')}`;
      const bad = value.find((v) => !field.values.includes(v));
      if (bad !== undefined) return `${name}: ${describe(bad)} is not one of ${field.values.join(', ')}`;
      if (new Set(value).size !== value.length) return `${name}: lists a value twice`;
      return null;
    }
    case 'intList': {
      if (!Array.isArray(value)) return `${name}: expected a list of layer sizes`;
      if (value.length > field.maxItems) {
        return `${name}: ${value.length} layers is outside the allowed range [0, ${field.maxItems}]`;
      }
      for (let i = 0; i < value.length; i++) {
        const error = checkNumber(`${name}[${i}]`, field, value[i], true);
        if (error) return error;
      }
      return null;
    }
    case 'enumList': {
      const list = Array.isArray(value) ? value : [value];
      for (let i = 0; i < list.length; i++) {
        if (!field.values.includes(list[i])) {
          const where = Array.isArray(value) ? `${name}[${i}]` : name;
          return `${where}: ${describe(list[i])} is not one of ${field.values.join(', ')}`;
        }
      }
      return null;
    }
    case 'points': {
      if (!Array.isArray(value)) return `${name}: expected a list of [x1, x2, label]`;
      if (value.length > field.maxItems) {
        return `${name}: ${value.length} points is outside the allowed range [0, ${field.maxItems}]`;
      }
      for (let i = 0; i < value.length; i++) {
        const p = value[i];
        if (!Array.isArray(p) || p.length !== 3 || !p.every((v) => typeof v === 'number' && Number.isFinite(asFloat32(v)))) {
          return `${name}[${i}]: expected [x1, x2, label] of finite numbers`;
        }
      }
      return null;
    }
    default:
      return `${name}: unsupported field kind ${field.kind}`;
  }
}

// The fields checkConsistency weighs against each other, besides activation.
const DATA_FIELDS = Object.freeze(['dataset', 'problem', 'points']);

/**
 * Checks the fields against each other (after each is valid on its own).
 * Returns a list of {field, message}.
 */
export function checkConsistency(config) {
  const errors = [];
  const activations = config.activation;
  if (Array.isArray(activations) && activations.length !== config.hidden.length) {
    errors.push({
      field: 'activation',
      message: `activation: ${activations.length} names for ${config.hidden.length} hidden layers (give one name, or one per layer)`,
    });
  }
  const regressionData = REGRESSION_DATASETS.includes(config.dataset);
  if (config.problem !== 'regression' && regressionData) {
    errors.push({ field: 'problem', message: `problem: "${config.problem}" needs a classification dataset, not "${config.dataset}"` });
  }
  if (config.problem === 'binary' && config.dataset === 'spiral3') {
    errors.push({ field: 'problem', message: 'problem: "binary" cannot use the 3-class "spiral3"; choose "multiclass"' });
  }
  if (config.dataset === 'custom') {
    if (config.points.length < 2) {
      errors.push({ field: 'points', message: 'points: the custom dataset needs at least 2 points' });
    } else if (config.problem !== 'regression') {
      // Labels are judged as the core stores them, in float32: 1.00000001 is the class 1 there.
      const labels = config.points.map(([, , label]) => asFloat32(label));
      const bad = labels.findIndex((label) => !Number.isInteger(label) || label < 0 || label >= MAX_CLASSES);
      if (bad >= 0) {
        errors.push({ field: 'points', message: `points[${bad}]: a class label must be a whole number in [0, ${MAX_CLASSES - 1}]` });
      } else if (config.problem === 'binary' && labels.some((label) => label > 1)) {
        errors.push({ field: 'points', message: 'points: a binary problem takes labels 0 and 1 only' });
      }
    }
  }
  return errors;
}

/**
 * Validates a (partial) config strictly: every given field must be valid.
 * Returns {config, errors}: `config` has the defaults filled in, and each
 * invalid field keeps its default (or the value in `base`), so a caller can
 * report the errors and go on with a usable config.
 */
export function validateConfig(partial, base = defaultConfig()) {
  const config = { ...base };
  const errors = [];
  if (partial === null || typeof partial !== 'object' || Array.isArray(partial)) {
    return { config, errors: [{ field: '', message: 'config: expected an object' }] };
  }
  for (const [name, value] of Object.entries(partial)) {
    const message = checkField(name, value);
    if (message) errors.push({ field: name, message });
    // A set is kept in the schema's order, as the core keeps it (a bit mask): one config, one form.
    else config[name] = FIELDS[name].kind === 'set' ? FIELDS[name].values.filter((v) => value.includes(v)) : clone(value);
  }
  for (const error of checkConsistency(config)) {
    errors.push(error);
    config[error.field] = clone(base[error.field] ?? FIELDS[error.field].default);
  }
  // A field put back can still clash with another one given (dataset=custom
  // without points): then the data fields go back together, so the config
  // returned always stands.
  for (const fallback of [base, defaultConfig()]) {
    if (!checkConsistency(config).some((e) => DATA_FIELDS.includes(e.field))) break;
    for (const name of DATA_FIELDS) config[name] = clone(fallback[name]);
  }
  // Re-check after falling back: a mismatched activation list becomes one name.
  if (Array.isArray(config.activation) && config.activation.length !== config.hidden.length) {
    config.activation = config.activation[0] ?? FIELDS.activation.default;
  }
  return { config, errors };
}

/** Names of the fields that differ between two configs. */
export function changedFields(from, to) {
  return FIELD_NAMES.filter((name) => JSON.stringify(from[name]) !== JSON.stringify(to[name]));
}
