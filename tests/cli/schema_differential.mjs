// Differential, property-based: schema.js (validateConfig over JSON.parse)
// and the C++ core (relu-train --print-config, the same ParseConfig the WASM
// build runs) must reach the same verdict on any config text, with the same
// message, and fill in the same config when they accept.
//   node schema_differential.mjs <path to relu-train> [runs per property]
// FUZZ_SEED=<n> replays a run; a failure prints the seed and the shrunk input.
//
// Inputs: random configs (every field, with values around its bounds, at the
// edges of float32, of the wrong type, and unknown keys), and random byte
// edits of valid config text. Texts the two JSON readers judge differently
// (invalid UTF-8, 1e400, lone surrogates: JSON.parse reads them, nlohmann
// refuses them as syntax) must be refused by both; only the message may differ.
import { spawnSync } from 'node:child_process';
import assert from 'node:assert/strict';
import fc from 'fast-check';

import { FIELDS, FIELD_NAMES, validateConfig } from '../../web/shared/schema.js';

const [binary, runsArg] = process.argv.slice(2);
const RUNS = Number(runsArg ?? 400);
const SEED = Number(process.env.FUZZ_SEED ?? 20261203);

function coreVerdict(bytes) {
  const result = spawnSync(binary, ['-', '--print-config'], { input: bytes, maxBuffer: 64 << 20 });
  assert.equal(result.signal, null, `relu-train killed by ${result.signal}`);
  const stderr = result.stderr.toString();
  if (result.status === 0) return { message: null, config: JSON.parse(result.stdout.toString()) };
  assert.equal(result.status, 2, `exit ${result.status}: ${stderr}`);
  const prefix = 'relu-train: invalid config: ';
  assert.ok(stderr.startsWith(prefix), stderr);
  return { message: stderr.slice(prefix.length).trimEnd(), config: null };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** schema.js's verdict; `syntax` when JSON.parse (or UTF-8) refuses the text itself. */
function schemaVerdict(bytes) {
  let value;
  try {
    value = JSON.parse(utf8.decode(bytes));
  } catch {
    return { message: 'not JSON', syntax: true, config: null };
  }
  const { config, errors } = validateConfig(value);
  return { message: errors.length ? errors[0].message : null, syntax: false, config };
}

// Messages of the core's reader (syntax, depth, size) rather than of a field.
const CORE_SYNTAX = /^config: (not valid JSON|JSON nested deeper|more than \d+ JSON values|\d+ bytes is more)/;

const asStored = (value) => Math.fround(value) + 0;
const perLayer = (value) => (Array.isArray(value.activation) ? value.activation : value.hidden.map(() => value.activation));

function sameConfig(core, js) {
  for (const name of FIELD_NAMES) {
    const kind = FIELDS[name].kind;
    let a = core[name];
    let b = js[name];
    // The core keeps reals in float32 and writes one activation name when all layers share it.
    // and reads -0 as 0 (the same number to every computation).
    if (kind === 'number') [a, b] = [a, b].map(asStored);
    if (kind === 'points') [a, b] = [a, b].map((list) => list.map((p) => p.map(asStored)));
    if (kind === 'enumList') {
      a = perLayer(core);
      b = perLayer(js);
    }
    assert.deepEqual(a, b, `${name} differs`);
  }
}

function agree(text) {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : Buffer.from(text);
  const core = coreVerdict(bytes);
  const js = schemaVerdict(bytes);
  const shown = bytes.toString('utf8').slice(0, 300);
  if (core.message !== null && CORE_SYNTAX.test(core.message)) {
    assert.notEqual(js.message, null, `core: ${core.message}; schema.js accepts ${shown}`);
    return;
  }
  assert.equal(js.syntax, false, `schema.js: not JSON; core: ${core.message ?? 'accepted'}: ${shown}`);
  assert.equal(js.message, core.message, shown);
  if (core.message === null) sameConfig(core.config, js.config);
}

// --- Generators ------------------------------------------------------------------

const FLOAT32_EDGES = [2 ** -149, -(2 ** -149), 2 ** -150, 1e-46, 1e-50, 1.4e-45, 3.4028234663852886e38,
  3.4028235677973366e38, 3.5e38, 1e39, -1e39, 1.0000000001, 0.9999999999, 16777217, 2 ** 31, 2 ** 32, 2 ** 53 + 2, -0];
const anyNumber = fc.oneof(
  fc.double({ noNaN: true }),
  fc.integer({ min: -1e6, max: 1e6 }),
  fc.constantFrom(...FLOAT32_EDGES),
  fc.double({ min: -2, max: 2, noNaN: true }),
);
const junk = fc.oneof(fc.string({ maxLength: 8 }), fc.boolean(), fc.constant(null), fc.constant({}),
  fc.array(fc.integer({ min: -3, max: 3 }), { maxLength: 3 }), fc.constant({ a: [1, 'x'] }));

function numberNear(field) {
  const { min, max } = field;
  const low = Math.ceil(min);
  const high = Math.min(Math.floor(max), 2 ** 31);
  return fc.oneof(
    fc.double({ min, max, noNaN: true }),
    low <= high ? fc.integer({ min: low, max: high }) : fc.constant(min),
    fc.constantFrom(min, max, min - 1, max + 1, min + Number.EPSILON, max * (1 + Number.EPSILON), min / 2, -min),
    anyNumber,
  );
}

const names = (field) => fc.constantFrom(...field.values);

function fieldValue(name) {
  const field = FIELDS[name];
  let valid;
  switch (field.kind) {
    case 'int':
    case 'number':
      valid = numberNear(field);
      break;
    case 'bool':
      valid = fc.boolean();
      break;
    case 'enum':
      valid = names(field);
      break;
    case 'set':
      valid = fc.array(fc.oneof({ weight: 6, arbitrary: names(field) }, { weight: 1, arbitrary: junk }), { maxLength: 4 });
      break;
    case 'intList':
      valid = fc.array(fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 1, max: 6 }) }, { weight: 1, arbitrary: numberNear(field) }),
        { maxLength: 4 });
      break;
    case 'enumList':
      valid = fc.oneof(names(field), fc.array(fc.oneof({ weight: 6, arbitrary: names(field) }, { weight: 1, arbitrary: junk }), { maxLength: 4 }));
      break;
    case 'points': {
      const coordinate = fc.oneof({ weight: 4, arbitrary: fc.double({ min: -6, max: 6, noNaN: true }) }, { weight: 1, arbitrary: anyNumber });
      const label = fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: 2 }) }, { weight: 1, arbitrary: anyNumber });
      const point = fc.oneof({ weight: 10, arbitrary: fc.tuple(coordinate, coordinate, label) },
        { weight: 1, arbitrary: fc.array(fc.oneof(anyNumber, junk), { maxLength: 4 }) });
      valid = fc.array(point, { maxLength: 5 });
      break;
    }
    default:
      throw new Error(`no generator for ${field.kind}`);
  }
  return fc.oneof({ weight: 8, arbitrary: valid }, { weight: 1, arbitrary: junk });
}

// Keys outside the schema: misspellings, prototype names, integer-like keys
// (which a JavaScript object lists first, whatever the text's order).
const unknownKey = fc.constantFrom('epochs', 'learningrate', '__proto__', 'constructor', 'toString', '0', '7', '4294967294',
  '4294967295', '01', '-1', 'seed ', 'ｓeed', 'Ꭰataset');

// A config: some fields (most often valid), sometimes an unknown key, in a random order.
const configObject = fc.tuple(
  fc.shuffledSubarray(FIELD_NAMES, { maxLength: 8 }).chain((chosen) => fc.tuple(...chosen.map((name) => fieldValue(name).map((v) => [name, v])))),
  fc.option(fc.tuple(unknownKey, fc.oneof(anyNumber, junk)), { freq: 6 }),
  fc.nat(),
).map(([entries, extra, at]) => {
  const list = [...entries];
  if (extra) list.splice(at % (list.length + 1), 0, extra);
  return list;
});

// Written by hand so that duplicate and prototype keys reach the text as they are.
function toJson(entries) {
  return `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)}`).join(',')}}`;
}

// Valid configs only, as the base of byte edits.
const validText = configObject.map(toJson).filter((text) => schemaVerdict(Buffer.from(text)).message === null);

const INTERESTING = [...'0123456789-+.eE"[]{},: '].map((c) => c.charCodeAt(0)).concat([0x00, 0x7f, 0xc3, 0xff, 0xe2]);
const edit = fc.oneof(
  fc.record({ op: fc.constant('set'), at: fc.nat(), byte: fc.oneof(fc.constantFrom(...INTERESTING), fc.integer({ min: 0, max: 255 })) }),
  fc.record({ op: fc.constant('insert'), at: fc.nat(), byte: fc.constantFrom(...INTERESTING) }),
  fc.record({ op: fc.constant('delete'), at: fc.nat(), length: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ op: fc.constant('copy'), at: fc.nat(), from: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }),
);

function applyEdits(text, edits) {
  let bytes = [...Buffer.from(text, 'utf8')];
  for (const e of edits) {
    const at = e.at % (bytes.length + 1);
    if (e.op === 'set' && bytes.length) bytes[at % bytes.length] = e.byte;
    else if (e.op === 'insert') bytes.splice(at, 0, e.byte);
    else if (e.op === 'delete') bytes.splice(at, e.length);
    else if (e.op === 'copy' && bytes.length) {
      const from = e.from % bytes.length;
      bytes.splice(at, 0, ...bytes.slice(from, from + e.length));
    }
  }
  return Buffer.from(bytes);
}

// --- Properties ---------------------------------------------------------------------

function check(name, property) {
  const started = Date.now();
  try {
    fc.assert(property, { seed: SEED, numRuns: RUNS });
  } catch (error) {
    console.error(`${name}: schema.js and the core disagree (FUZZ_SEED=${SEED}, ${RUNS} runs)`);
    throw error;
  }
  console.log(`${name}: ${RUNS} inputs agree in ${((Date.now() - started) / 1000).toFixed(1)} s (FUZZ_SEED=${SEED})`);
}

// Hand-picked first: the cases of issue #10 and the siblings found by this test.
for (const text of [
  '{"eluAlpha":1e-50}', '{"initScale":1e-46}', '{"decayRate":1e-46}', '{"points":[[1e39,0,0]]}',
  '{"dataset":"custom","points":[[0,0,0],[1,1,1.00000001]]}', '{"dataset":"custom","points":[[0,0,0],[1,1,-1e-50]]}',
  '{"__proto__":1}', '{"constructor":1}', '{"toString":"x"}', '{"seed":"x","0":1}', '{"hidden":[2],"7":1,"1":2}',
  '{"dataset":["\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9"]}',
]) agree(text);

check('random configs', fc.property(configObject, (entries) => agree(toJson(entries))));
check('byte edits of valid configs', fc.property(validText, fc.array(edit, { minLength: 1, maxLength: 4 }),
  (text, edits) => agree(applyEdits(text, edits))));
