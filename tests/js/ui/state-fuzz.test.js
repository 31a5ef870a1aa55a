// Property-based fuzzing of the URL state parser (fast-check, fixed seed;
// FUZZ_SEED=<n> replays another run). Any text in: parseQuery never throws
// and always gives a state the schema accepts. Any valid state out and back:
// serialise -> parse -> serialise gives the same link and the same state.
import fc from 'fast-check';
import {
  parseQuery, serializeState, defaultState, isControlName, UI_FLAGS, PANEL_CONTROLS, encodePoints,
} from '../../../web/ui/state.js';
import { FIELDS, FIELD_NAMES, validateConfig, checkConsistency, MAX_CLASSES } from '../../../web/shared/schema.js';
import { PRESETS } from '../../../web/shared/presets.js';
import { COMPARE_FIELDS, compareConfig, affordableCompare } from '../../../web/ui/compare-link.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261203);
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

function assertProperty(property, runs = RUNS) {
  try {
    fc.assert(property, { seed: SEED, numRuns: runs });
  } catch (error) {
    error.message = `FUZZ_SEED=${SEED}: ${error.message}`;
    throw error;
  }
}

/** Everything a page needs of a state: a config the schema accepts, known controls, valid flags. */
function expectUsable(state) {
  const { errors } = validateConfig(state.config);
  expect(errors).toEqual([]);
  expect(checkConsistency(state.config)).toEqual([]);
  expect(Object.keys(state.config).sort()).toEqual([...FIELD_NAMES].sort());
  for (const kind of ['hide', 'lock']) {
    expect(state.ui[kind].every(isControlName)).toBe(true);
    expect(new Set(state.ui[kind]).size).toBe(state.ui[kind].length);
  }
  for (const [name, flag] of Object.entries(UI_FLAGS)) {
    if (flag.kind === 'bool') expect(typeof state.ui[name]).toBe('boolean');
    else if (flag.kind === 'set') expect(state.ui[name].filter((value) => !flag.values.includes(value))).toEqual([]);
    else expect(flag.values).toContain(state.ui[name]);
  }
  expect(state.ui.lesson === null || PRESETS.some((p) => p.id === state.ui.lesson)).toBe(true);
}

// --- Hostile text -------------------------------------------------------------

const NAMES = [...FIELD_NAMES, ...Object.keys(UI_FLAGS), 'lesson', 'hide', 'lock', 'learningRate_hide', 'data_lock',
  '__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'ｓeed', 'lеarningRate', ''];
const VALUES = ['', 'NaN', 'Infinity', '-Infinity', '1e400', '-0', '0x10', '１２', '1e-50', 'true', 'null', 'undefined',
  '[]', '{}', 'relu,tanh', 'x1,x1', '4,4', 'b20.AAEC', 'b20.', 'b99.!!', 'omitted.5', '0_0_0~1_1_1', '1e39_0_0',
  '%00', '%E0%A4%A', '%', 'custom', 'spiral3', 'regression', ...PANEL_CONTROLS, ...PRESETS.slice(0, 3).map((p) => p.id)];
const piece = fc.oneof(fc.constantFrom(...NAMES), fc.constantFrom(...VALUES), fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 6 }), fc.double().map(String), fc.integer().map(String));
const pair = fc.tuple(piece, fc.constantFrom('=', '=', '=', '', '=='), piece).map((parts) => parts.join(''));
const hostileText = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 100 }),
  fc.tuple(fc.constantFrom('', '?', '#', '??', '#?'), fc.array(pair, { maxLength: 10 }), fc.constantFrom('&', '&', ';', '&&'))
    .map(([prefix, pairs, separator]) => prefix + pairs.join(separator)),
);

test('any text: parseQuery never throws and gives a state the page can use', () => {
  assertProperty(fc.property(hostileText, (text) => {
    const { state, notices } = parseQuery(text, PRESETS);
    expectUsable(state);
    expect(notices.every((n) => typeof n === 'string' && n.length > 0)).toBe(true);
  }), RUNS * 2);
});

test('a bad parameter never costs a good one: each notice names its parameter and the good field stays', () => {
  assertProperty(fc.property(fc.array(pair, { maxLength: 6 }), fc.integer({ min: 1, max: 8 }), (pairs, units) => {
    // A good field set last wins over any repeat of it before.
    const link = `${pairs.join('&')}&hidden=${units},${units}`;
    const { state, notices } = parseQuery(link, PRESETS);
    expectUsable(state);
    expect(state.config.hidden).toEqual([units, units]);
    // Each notice starts with a name from the link, or a field the link's values clash with.
    const names = new Set([...new URLSearchParams(link).keys(), 'problem', 'points', 'activation']);
    for (const notice of notices) {
      const named = [...names].some((name) => notice.startsWith(`${name}:`) || notice.startsWith(`${name}[`));
      expect([notice, named || notice.startsWith('and ')]).toEqual([notice, true]);
    }
  }));
});

// --- Valid states ---------------------------------------------------------------

const number = (field) => fc.double({ min: field.min, max: field.max, noNaN: true, noDefaultInfinity: true })
  .filter((v) => !(field.exclusiveMin && Math.fround(v) <= Math.fround(field.min)))
  .map((v) => v + 0);
const point = (decimals) => fc.tuple(
  fc.integer({ min: -600, max: 600 }).map((v) => v / 10 ** decimals + 0),
  fc.integer({ min: -600, max: 600 }).map((v) => v / 10 ** decimals + 0),
  fc.integer({ min: 0, max: 1 }),
);
const anyPoint = fc.tuple(fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((v) => v + 0),
  fc.double({ min: -10, max: 10, noNaN: true }).map((v) => v + 0), fc.integer({ min: 0, max: 1 }));

const fieldArbitrary = {};
for (const name of FIELD_NAMES) {
  const field = FIELDS[name];
  if (field.kind === 'number') fieldArbitrary[name] = number(field);
  else if (field.kind === 'int') fieldArbitrary[name] = fc.integer({ min: field.min, max: Math.min(field.max, 2 ** 31) });
  else if (field.kind === 'bool') fieldArbitrary[name] = fc.boolean();
  else if (field.kind === 'enum') fieldArbitrary[name] = fc.constantFrom(...field.values);
}
fieldArbitrary.seed = fc.integer({ min: 0, max: 4294967295 });
fieldArbitrary.features = fc.subarray(FIELDS.features.values, { minLength: 1 });

const validState = fc.record({
  fields: fc.record(fieldArbitrary, { requiredKeys: [] }),
  hidden: fc.array(fc.integer({ min: 1, max: 1024 }), { maxLength: 6 }),
  activations: fc.array(fc.constantFrom(...FIELDS.activation.values), { minLength: 6, maxLength: 6 }),
  perLayer: fc.boolean(),
  points: fc.oneof(fc.constant(null), fc.array(point(2), { minLength: 2, maxLength: 40 }),
    fc.array(point(0), { minLength: 2, maxLength: 10 }), fc.array(anyPoint, { minLength: 2, maxLength: 5 })),
  hide: fc.subarray([...FIELD_NAMES, ...PANEL_CONTROLS], { maxLength: 5 }),
  lock: fc.subarray([...FIELD_NAMES, ...PANEL_CONTROLS], { maxLength: 5 }),
  // Run B of compare mode: none, or some of the fields B may change (compare-link.js).
  bFields: fc.option(fc.record(Object.fromEntries(COMPARE_FIELDS.filter((name) => fieldArbitrary[name]).map((name) => [name, fieldArbitrary[name]])), { requiredKeys: [] })),
  flags: fc.record({
    discretize: fc.boolean(), showTest: fc.boolean(), autoplay: fc.boolean(), embed: fc.boolean(),
    build: fc.constantFrom(...UI_FLAGS.build.values), speed: fc.constantFrom(...UI_FLAGS.speed.values),
    collapse: fc.subarray([...UI_FLAGS.collapse.values]),
  }),
}).map(({ fields, hidden, activations, perLayer, points, hide, lock, flags, bFields }) => {
  const patch = { ...fields, hidden, activation: perLayer && hidden.length > 1 ? activations.slice(0, hidden.length) : activations[0] };
  if (points) Object.assign(patch, { dataset: 'custom', points, problem: 'binary' });
  // Keep only what the schema takes together (e.g. no regression dataset with a classification problem).
  const { config } = validateConfig(patch);
  const state = defaultState();
  // A valid B is also one the page builds unasked (a dear B's size fields are dropped; a dear A has no B).
  const compare = bFields ? affordableCompare(config, compareConfig(config, bFields).patch).patch : null;
  return { config, ui: { ...state.ui, ...flags, hide, lock }, compare };
});

test('valid states: serialise -> parse gives the state back, and the same link again', () => {
  assertProperty(fc.property(validState, (state) => {
    expectUsable(state);
    const link = serializeState(state, PRESETS);
    const { state: back, notices } = parseQuery(`#${link}`, PRESETS);
    expect(notices).toEqual([]);
    expect(back).toEqual(state);
    expect(serializeState(back, PRESETS)).toBe(link);
  }));
});

test('compact points: any points of 0..6 decimals come back exactly', () => {
  const scaled = fc.integer({ min: 0, max: 6 }).chain((d) => fc.array(fc.tuple(
    fc.integer({ min: -(10 ** 9), max: 10 ** 9 }).map((v) => v / 10 ** d + 0),
    fc.integer({ min: -(10 ** 9), max: 10 ** 9 }).map((v) => v / 10 ** d + 0),
    fc.integer({ min: 0, max: MAX_CLASSES - 1 }),
  ), { minLength: 1, maxLength: 30 }));
  assertProperty(fc.property(scaled, (points) => {
    const text = encodePoints(points);
    expect(text).toMatch(/^b[0-6]0\./);
    const { state } = parseQuery(`dataset=custom&problem=multiclass&points=${text}`);
    if (points.length >= 2) expect(state.config.points).toEqual(points);
  }));
});
