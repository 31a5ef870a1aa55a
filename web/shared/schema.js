// The training config's validation on the web side: defaults, checks of each
// field and of the fields against each other. The fields themselves (names,
// ranges, defaults, live flags) are declared in ./config-fields.js, which
// also generates the C++ side (scripts/gen-config.mjs); the JS API, the worker
// and the URL state all use this module. A differential test checks that the
// core and this module give the same verdict and message on any config text.
import { FIELDS, MAX_CLASSES } from './config-fields.js';

export {
  ACTIVATIONS, BINARY_HEADS, DATASETS, FEATURES, FIELDS, INITS, MAX_CLASSES, MAX_HIDDEN_LAYERS, MAX_SAMPLES,
  MAX_UNITS, OPTIMIZERS, PROBLEMS, SCHEDULES,
} from './config-fields.js';

export const REGRESSION_DATASETS = Object.freeze(['reg-plane', 'reg-gauss']);

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
  if (config.dataset === 'digits' && config.problem !== 'multiclass') {
    errors.push({ field: 'problem', message: `problem: "${config.problem}" cannot learn the 10 classes of "digits"; choose "multiclass"` });
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
