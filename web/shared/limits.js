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
