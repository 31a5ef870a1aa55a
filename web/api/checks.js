// What the JS API checks before a call reaches the core, and how the core's
// answers become JS values: options, whole-number arguments, configs against
// web/shared/schema.js, core messages as Errors with `.field`, and the core's
// float32 config written back as the shortest decimals.
import { FIELDS, validateConfig } from '../shared/schema.js';
import { fieldError } from './loader.js';
import { CONFIG_JSON_MAX_BYTES, textTooLong } from '../shared/limits.js';

const OPTION_NAMES = Object.freeze(['build', 'wasmBaseUrl', 'wasmBinary']);

/**
 * True when `error` is a trap of the WebAssembly core (out-of-bounds access,
 * unreachable, Emscripten's abort() after a failed allocation) or a stack
 * overflow inside it: the module's state is then unknown and it must not be
 * used again (see Trainer#abandon). Errors the core reports as messages are
 * ordinary Errors and not faults.
 */
export function isCoreFault(error) {
  if (error === null || typeof error !== 'object') return false;
  // By name as well: an error made in another realm (a vm context) fails instanceof.
  if (error instanceof WebAssembly.RuntimeError || error.constructor?.name === 'RuntimeError') return true;
  return error instanceof RangeError && /call stack/i.test(error.message);
}

// Core messages start with the field they are about: "learningRate: 20 is ..."
// or "hidden[3]: ...". The bare name becomes `.field`.
const FIELD_PREFIX = /^([A-Za-z_][A-Za-z0-9_]*)(?:\[\d+\])*(?:\.[A-Za-z0-9_]+)*:/;

export function coreError(message) {
  const match = FIELD_PREFIX.exec(message);
  return fieldError(match ? match[1] : '', message);
}

function configError(errors) {
  const error = fieldError(errors[0].field, errors[0].message);
  error.errors = errors;
  return error;
}

// The core stores floats; print them back as the shortest decimal with the
// same float32 value, so 0.03 stays 0.03 rather than 0.029999999329447746.
function shortestFloat32(value) {
  if (!Number.isFinite(value)) return value;
  const target = Math.fround(value);
  for (let digits = 1; digits < 9; digits++) {
    const candidate = Number(value.toPrecision(digits));
    if (Math.fround(candidate) === target) return candidate;
  }
  return value;
}

export function tidyCoreConfig(config) {
  if (config === null || typeof config !== 'object' || Array.isArray(config)) return config;
  const tidy = { ...config };
  for (const [name, field] of Object.entries(FIELDS)) {
    if (field.kind === 'number' && typeof tidy[name] === 'number') tidy[name] = shortestFloat32(tidy[name]);
  }
  if (Array.isArray(tidy.points)) tidy.points = tidy.points.map((p) => (Array.isArray(p) ? p.map(shortestFloat32) : p));
  return tidy;
}

/** The full config that `partial` gives on top of `base`, or an Error naming the first bad field. */
export function strictConfig(partial, base) {
  const { config, errors } = validateConfig(partial, base);
  if (errors.length > 0) throw configError(errors);
  return config;
}

export function parseOrNull(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export function checkWhole(name, value, min, max) {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw fieldError(name, `${name}: ${describe(value)} is not a whole number in [${min}, ${max}]`);
  }
  return value;
}

export function describe(value) {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

export function checkOptions(options) {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw fieldError('options', 'options: expected an object');
  }
  const unknown = Object.keys(options).find((key) => !OPTION_NAMES.includes(key));
  if (unknown !== undefined) {
    throw fieldError(unknown, `${unknown}: unknown option (known: ${OPTION_NAMES.join(', ')})`);
  }
  const { wasmBinary } = options;
  if (wasmBinary !== undefined && !(wasmBinary instanceof ArrayBuffer || ArrayBuffer.isView(wasmBinary))) {
    throw fieldError('wasmBinary', 'wasmBinary: expected an ArrayBuffer or Uint8Array of the .wasm file');
  }
  return { build: 'auto', ...options };
}

/**
 * Config JSON for the core, checked against the core's limit first: Embind
 * copies the string into the heap with an unchecked malloc.
 */
export function configText(config) {
  const text = JSON.stringify(config);
  const tooLong = textTooLong('config', "the config's JSON", text, CONFIG_JSON_MAX_BYTES);
  if (tooLong) throw fieldError('config', tooLong);
  return text;
}

/** A piece budget (stepWithin, evaluateWithin, evalGridWithin): a finite number of operations > 0. */
export function checkBudget(flopBudget) {
  if (typeof flopBudget !== 'number' || !Number.isFinite(flopBudget) || flopBudget <= 0) {
    throw fieldError('flopBudget', `flopBudget: ${describe(flopBudget)} is not a number > 0`);
  }
}
