// Run B of compare mode, as the state and the link hold it: the fields in
// which B differs from A (state.compare, null when there is no B). B is A
// with those fields changed, so an edit of A reaches B too unless B overrides
// that field. In a link each is `b.<field>=<value>`, read by the same decoder
// and schema as A's field, with `b.` in front of the field's name in any
// message; a bare `compare=true` opens a B identical to A.
//
// Pure: no DOM. state.js hands in its field decoder and encoder, so this
// module does not import it back.

import { FIELDS, FIELD_NAMES, validateConfig } from '../shared/schema.js';
import { estimateCost, needsConfirmation, UNBUILT_BYTES, UNBUILT_STEP_FLOPS } from '../shared/cost.js';

export const B_PREFIX = 'b.';
/** The link's and setState's switch: compare=true opens B as a copy of A, compare=false ends it. */
export const COMPARE_PARAM = 'compare';

/**
 * The fields A and B share: the seed and everything that makes the data. Two
 * runs on different data would compare the data, not the setting.
 */
export const SHARED_FIELDS = Object.freeze(['seed', 'dataset', 'numSamples', 'noise', 'trainRatio', 'features', 'points', 'problem']);
/** The fields B may change: the network, its initialisation and its optimisation. */
export const COMPARE_FIELDS = Object.freeze(FIELD_NAMES.filter((name) => !SHARED_FIELDS.includes(name)));

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/** A schema message about `field`, worded for B: "learningRate: ..." becomes "b.learningRate: ...". */
export function bMessage(field, message) {
  return message.startsWith(`${field}:`) ? `${B_PREFIX}${message}` : `${B_PREFIX}${field}: ${message}`;
}

/** Why B may not have its own `name` (null when it may): unknown, or shared with A. */
export function refuseBField(name) {
  if (!Object.hasOwn(FIELDS, name)) return `${B_PREFIX}${name}: unknown config field (B may change ${COMPARE_FIELDS.join(', ')})`;
  if (SHARED_FIELDS.includes(name)) {
    return `${B_PREFIX}${name}: runs A and B share the seed and the data (${SHARED_FIELDS.join(', ')}); B may change ${COMPARE_FIELDS.join(', ')}`;
  }
  return null;
}

/**
 * B's whole config over A's: `patch` applied with the schema's checks.
 * Returns {config, patch, errors}: a field the schema refuses (or that no
 * longer fits A, e.g. a per-layer activation list after A's layer count
 * changed) is dropped from the patch, named in `errors` as b.<field>.
 */
export function compareConfig(aConfig, patch) {
  const errors = [];
  let kept = {};
  for (const [name, value] of Object.entries(patch ?? {})) {
    const refused = refuseBField(name);
    if (refused) errors.push({ field: `${B_PREFIX}${name}`, message: refused });
    else kept[name] = value;
  }
  // Each refused field goes and the rest is tried again, so one bad field costs only itself.
  for (;;) {
    const { config, errors: found } = validateConfig(kept, aConfig);
    if (!found.length) return { config, patch: differences(aConfig, config), errors };
    const before = Object.keys(kept).length;
    for (const error of found) {
      errors.push({ field: `${B_PREFIX}${error.field}`, message: bMessage(error.field, error.message) });
      kept = Object.fromEntries(Object.entries(kept).filter(([name]) => name !== error.field));
    }
    // A clash the schema repaired by itself (no field of B's to drop): its config stands.
    if (Object.keys(kept).length === before) return { config, patch: differences(aConfig, config), errors };
  }
}

/** B's fields that set its size, most telling first: dropped first when B is too dear. */
const B_COST_FIELDS = Object.freeze(['hidden', 'batchSize']);

/**
 * Why run B, as `bConfig`, may not be built (null when it may): it passes the
 * cost gate's thresholds. The message names `field`, or says B is not built. B is built without asking, so a link or setState
 * must not make it dear; a large network is opened as run A, where the page asks.
 */
export function dearBMessage(bConfig, field = null) {
  const cost = estimateCost(bConfig);
  if (!needsConfirmation(cost)) return null;
  const mib = (bytes) => `${Math.ceil(bytes / 2 ** 20).toLocaleString('en')} MiB`;
  const lead = field ? `${field}: run B would need` : 'Run B is not built: it would need';
  return `${lead} ${mib(cost.bytes)} and ${(cost.stepFlops / 1e9).toPrecision(2)} GFLOP a step; ` +
    `compare mode builds B only under ${mib(UNBUILT_BYTES)} and ${UNBUILT_STEP_FLOPS / 1e9} GFLOP a step (open a large network as run A: the page asks before building it)`;
}

/**
 * `patch` (checked by compareConfig) with B's size fields dropped, one at a
 * time, until B is cheap enough to build unasked. Returns {patch, errors}:
 * patch null when even B without them is too dear (A itself is), each
 * dropped field (or `compare`) named with the cost and the limit.
 */
export function affordableCompare(aConfig, patch) {
  const errors = [];
  let kept = { ...patch };
  for (;;) {
    const { config } = compareConfig(aConfig, kept);
    const field = B_COST_FIELDS.find((name) => Object.hasOwn(kept, name));
    const message = dearBMessage(config, field ? `${B_PREFIX}${field}` : COMPARE_PARAM);
    if (!message) return { patch: kept, errors };
    errors.push({ field: field ? `${B_PREFIX}${field}` : COMPARE_PARAM, message });
    if (!field) return { patch: null, errors };
    const { [field]: dropped, ...rest } = kept;
    kept = rest;
  }
}

/** The compare fields in which `bConfig` differs from `aConfig`, in the canonical order. */
export function differences(aConfig, bConfig) {
  return Object.fromEntries(COMPARE_FIELDS.filter((name) => !same(aConfig[name], bConfig[name])).map((name) => [name, bConfig[name]]));
}

/**
 * Reads a link's compare parameters: `entries` are [key, text] pairs whose
 * key is compare or starts with b. (in link order), `aConfig` A's config,
 * `decode(name, text)` state.js's field decoder ({value} or {error}).
 * Returns {compare: patch | null, notices}: a bad b. field is dropped with a
 * notice naming it and its range, and B keeps the others.
 */
export function readCompareParams(entries, aConfig, decode) {
  const notices = [];
  let on = null;
  const patch = {};
  for (const [key, text] of entries) {
    if (key === COMPARE_PARAM) {
      if (text === 'true' || text === '1') on = true;
      else if (text === 'false' || text === '0') on = false;
      else notices.push(`${COMPARE_PARAM}: ${JSON.stringify(text)} is not true or false`);
      continue;
    }
    const name = key.slice(B_PREFIX.length);
    const refused = refuseBField(name);
    if (refused) {
      notices.push(refused);
      continue;
    }
    const { value, error } = decode(name, text);
    if (error) notices.push(bMessage(name, error));
    else patch[name] = value;
  }
  const hasFields = entries.some(([key]) => key !== COMPARE_PARAM);
  if (on === false || (on === null && !hasFields)) return { compare: null, notices };
  const checked = compareConfig(aConfig, patch);
  notices.push(...checked.errors.map((error) => error.message));
  const affordable = affordableCompare(aConfig, checked.patch);
  notices.push(...affordable.errors.map((error) => error.message));
  return { compare: affordable.patch, notices };
}

/**
 * The link's compare parameters for B = `patch` over `aConfig`: b.<field>
 * for each field that differs, or compare=true when B is a copy of A, none
 * without B. `encode(name, value)` is state.js's field encoder.
 */
export function compareParams(aConfig, patch, encode) {
  if (!patch) return [];
  const changed = differences(aConfig, compareConfig(aConfig, patch).config);
  const entries = Object.entries(changed).map(([name, value]) => [`${B_PREFIX}${name}`, encode(name, value)]);
  return entries.length ? entries : [[COMPARE_PARAM, 'true']];
}

/** Whether a link or setState key belongs to compare mode. */
export function isCompareKey(key) {
  return key === COMPARE_PARAM || key.startsWith(B_PREFIX);
}

/**
 * Changes B: `fields` (some compare fields) over B's present ones, or null to
 * end compare mode. All or nothing: {state} or {state, error: {field, message}}
 * naming b.<field>. Without B, B starts as a copy of A.
 */
export function withCompare(state, fields) {
  if (fields === null) return { state: { ...state, compare: null } };
  for (const name of Object.keys(fields)) {
    const refused = refuseBField(name);
    if (refused) return { state, error: { field: `${B_PREFIX}${name}`, message: refused } };
  }
  const checked = compareConfig(state.config, { ...(state.compare ?? {}), ...fields });
  if (checked.errors.length) return { state, error: checked.errors[0] };
  const affordable = affordableCompare(state.config, checked.patch);
  if (affordable.errors.length) return { state, error: affordable.errors[0] };
  return { state: { ...state, compare: checked.patch } };
}

/**
 * Splits a public-API patch (an object or a query string) into its compare
 * keys and the rest, which the store reads (store.js readPatch).
 * Returns {rest, entries: [[key, value, isText]]}.
 */
export function splitComparePatch(patch) {
  if (typeof patch === 'string') {
    const params = new URLSearchParams(patch.replace(/^[?#]/, ''));
    const entries = [...params].filter(([key]) => isCompareKey(key)).map(([key, text]) => [key, text, true]);
    const rest = new URLSearchParams([...params].filter(([key]) => !isCompareKey(key)));
    return { rest: rest.toString(), entries };
  }
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return { rest: patch, entries: [] };
  const entries = Object.keys(patch).filter(isCompareKey).map((key) => [key, patch[key], false]);
  const rest = Object.fromEntries(Object.keys(patch).filter((key) => !isCompareKey(key)).map((key) => [key, patch[key]]));
  return { rest, entries };
}

/**
 * Applies splitComparePatch's entries after A's fields: compare true/false
 * (a boolean, or its text in a query string) and b.<field> values (decoded by
 * `decode` when they are text). Returns {state} or {error: {field, message}}.
 */
export function applyCompareEntries(state, entries, decode) {
  let on;
  const fields = {};
  for (const [key, raw, isText] of entries) {
    if (key === COMPARE_PARAM) {
      const value = isText ? { true: true, 1: true, false: false, 0: false }[raw] : raw;
      if (typeof value !== 'boolean') return { error: { field: COMPARE_PARAM, message: `${COMPARE_PARAM}: expected true or false, got ${JSON.stringify(raw)}` } };
      on = value;
      continue;
    }
    const name = key.slice(B_PREFIX.length);
    const refused = refuseBField(name);
    if (refused) return { error: { field: key, message: refused } };
    const decoded = isText ? decode(name, raw) : { value: raw };
    if (decoded.error) return { error: { field: key, message: bMessage(name, decoded.error) } };
    fields[name] = decoded.value;
  }
  if (on === false) {
    if (Object.keys(fields).length) return { error: { field: COMPARE_PARAM, message: `${COMPARE_PARAM}: false ends run B, so b. fields cannot come with it` } };
    return { state: { ...state, compare: null } };
  }
  if (on === undefined && !Object.keys(fields).length) return { state };
  const result = withCompare(state, fields);
  return result.error ? { error: result.error } : { state: result.state };
}
