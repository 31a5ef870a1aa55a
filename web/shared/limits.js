// How big a file the page reads. One declared number per file kind: the page
// checks a file's size against it before reading a byte, and the core's own
// guard for model JSON can be tested against the same number.

import { MAX_SAMPLES } from './schema.js';

/**
 * A points CSV: MAX_SAMPLES rows of up to ~200 bytes each (two coordinates
 * and a label written with every digit a double has, quotes, spaces, CRLF
 * and a comment now and then). Ordinary files need about 20 bytes a row, so
 * 20,000 of them fit ten times over.
 */
export const CSV_FILE_MAX_BYTES = 4 * 1024 * 1024;

/**
 * A model JSON: the config (at most MAX_SAMPLES custom points, about 1 MB)
 * and one number per parameter, at most 16 bytes each as the core writes
 * them ("-1.17549435e-38,"). 64 MiB holds over 4 million parameters, e.g.
 * four hidden layers of 1,024 units, far more than the diagram draws or a
 * page trains interactively. An import holds the text several times at once
 * (the page's string, its copy in the worker, the WASM heap's copy and the
 * parsed tree), about 4x the file: 256 MB at this limit, the cost model's
 * starting point for asking before a build. It equals the core's cap on a
 * config document (kConfigJsonLimits in cpp/model/config/json_guard.h).
 */
export const MODEL_FILE_MAX_BYTES = 64 * 1024 * 1024;

/** The file kinds the page reads, with the words its messages use. */
export const FILE_KINDS = Object.freeze({
  csv: Object.freeze({ maxBytes: CSV_FILE_MAX_BYTES, noun: 'a points CSV', why: `enough for ${MAX_SAMPLES.toLocaleString('en')} rows` }),
  model: Object.freeze({ maxBytes: MODEL_FILE_MAX_BYTES, noun: 'a model JSON', why: 'enough for about 4 million parameters' }),
});

/** The largest finite float32: the core stores every value as one, so beyond it a value turns infinite there. */
export const FLOAT32_MAX = (2 - 2 ** -23) * 2 ** 127;

/**
 * The most bytes of JSON text the core reads, per kind: a config (link, file,
 * API) and a model file. The core declares them (kConfigJsonLimits in
 * cpp/model/config/json_guard.h, kModelJsonLimits in cpp/model/trainer_impl.h:
 * 2^26 parameters at 24 bytes each, after the largest config) and refuses
 * longer text unread; the JS API refuses it before it crosses, because
 * Embind copies a string into the WASM heap with a malloc it does not check.
 * tests/js/api/json-text-limits.test.js holds these to the running core.
 */
export const CONFIG_JSON_MAX_BYTES = 64 * 1024 * 1024;
export const MODEL_JSON_MAX_BYTES = 2 ** 26 * 24 + CONFIG_JSON_MAX_BYTES;

/** Bytes of `text` as UTF-8 (what crosses into the core), without encoding it. */
export function utf8Length(text) {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    if (code < 0x800) bytes += 1;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 2; // a surrogate pair: 2 UTF-16 units, 4 bytes
      i += 1;
    } else bytes += 2;
  }
  return bytes;
}

/**
 * A message naming `field` when `text` is longer than `maxBytes` as UTF-8,
 * else null. Counts only when the text could be too long (3 bytes a unit at most).
 */
export function textTooLong(field, what, text, maxBytes) {
  if (text.length * 3 <= maxBytes) return null;
  const bytes = utf8Length(text);
  if (bytes <= maxBytes) return null;
  return `${field}: ${what} is ${bytes.toLocaleString('en')} bytes, more than the ${maxBytes.toLocaleString('en')} the core reads`;
}

/**
 * The replay timeline (web/worker/timeline.js): the most bytes of parameter
 * checkpoints the worker keeps, each counted as its parameters (4 bytes
 * each) plus TIMELINE_RECORD_BYTES for its step and metrics. 64 MiB is a
 * quarter of the 256 MB past which the page asks before building a network
 * (web/shared/cost.js), so the history never costs more than a network the
 * page builds without asking; the 6x8 ReLU spiral (about 400 parameters)
 * reaches TIMELINE_MAX_CHECKPOINTS long before it.
 */
export const TIMELINE_MAX_BYTES = 64 * 1024 * 1024;
/** The most checkpoints kept: about one per pixel of a wide slider, and a timeline reply of tens of kilobytes. */
export const TIMELINE_MAX_CHECKPOINTS = 4096;
/** What a checkpoint costs besides its parameters: the record, its step and metrics. */
export const TIMELINE_RECORD_BYTES = 64;
/** The timeline is on only when this many checkpoints of the network fit the budget (networks under about 2 million parameters). */
export const TIMELINE_MIN_CHECKPOINTS = 8;
/** The most marks (divergence, restore, setting changes, forks) kept; the oldest go first. */
export const TIMELINE_MAX_MARKS = 256;
