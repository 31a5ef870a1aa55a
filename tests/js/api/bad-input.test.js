// Bad input, field by field: every schema field out of range, of the wrong
// type, NaN and huge. Each is refused with an Error naming the field, by the
// JS schema and by the C++ core alike, and the trainer stays usable.
import { FIELDS, FIELD_NAMES } from '../../../web/shared/schema.js';
import { createTrainer } from '../../../web/api/index.js';
import { loadCore } from '../../../web/api/loader.js';
import { BUILD_NAMES, rejected, requireBuilds, thrown } from './builds.js';

requireBuilds();

const HUGE_TEXT = 'x'.repeat(100000);

// [label, value] cases for one field, by kind. NaN and Infinity cannot be
// written in JSON; the C++ side sees them as null (also a wrong type).
function casesFor(name, field) {
  const common = [['NaN', NaN], ['null', null], ['an object', { value: 1 }]];
  switch (field.kind) {
    case 'int':
      return [
        ['below the minimum', field.min - 1], ['above the maximum', field.max + 1],
        ['a fraction', field.min + 0.5], ['a string', String(field.min)], ['huge', 1e300],
        ['Infinity', Infinity], ['a boolean', true], ...common,
      ];
    case 'number':
      return [
        [field.exclusiveMin ? 'the excluded minimum' : 'below the minimum', field.exclusiveMin ? field.min : field.min - 1],
        ['above the maximum', field.max + 1], ['a string', String(field.max)], ['huge', 1e300],
        ['-Infinity', -Infinity], ['a boolean', false], ...common,
      ];
    case 'bool':
      return [['a string', 'true'], ['a number', 1], ['huge', HUGE_TEXT], ...common];
    case 'enum':
      return [['an unknown name', 'nope'], ['a number', 1], ['wrong case', String(field.values[0]).toUpperCase()],
        ['huge', HUGE_TEXT], ...common];
    case 'set':
      return [['empty', []], ['an unknown item', ['x1', 'nope']], ['a string', 'x1'], ['a repeated item', ['x1', 'x1']],
        ['huge', Array(100000).fill('x2')], ['a NaN item', [NaN]], ...common];
    case 'intList':
      return [['a zero-unit layer', [0]], ['too many units', [field.max + 1]], ['a string', '4,2'],
        ['a fractional size', [2.5]], ['a NaN size', [NaN]], ['huge', Array(field.maxItems + 1).fill(1)],
        ['a huge size', [1e300]], ['an object', { value: 1 }]];
    case 'enumList':
      return [['an unknown name', 'nope'], ['a number', 3], ['an unknown list item', ['relu', 'nope']],
        ['a NaN item', ['relu', NaN]], ['huge', HUGE_TEXT], ['null', null]];
    case 'points':
      return [['a string', 'points'], ['a short point', [[1, 2]]], ['a NaN coordinate', [[NaN, 0, 0]]],
        ['a string coordinate', [['1', 0, 0]]], ['huge', Array(field.maxItems + 1).fill([0, 0, 0])],
        ['an object', { value: 1 }]];
    default:
      throw new Error(`no bad-input cases for kind ${field.kind} of ${name}`);
  }
}

// Cases that only the fields together make invalid.
const CROSS_FIELD = [
  ['activation', 'one name per layer, wrongly counted', { hidden: [4, 2], activation: ['relu'] }],
  ['problem', 'classification of regression data', { dataset: 'reg-plane', problem: 'binary' }],
  ['problem', 'binary on the 3-class spiral', { dataset: 'spiral3', problem: 'binary' }],
  ['points', 'a custom dataset of one point', { dataset: 'custom', points: [[0, 0, 1]] }],
  ['points', 'a fractional class label', { dataset: 'custom', points: [[0, 0, 0], [1, 1, 0.5]] }],
  ['points', 'class 2 in a binary problem', { dataset: 'custom', points: [[0, 0, 0], [1, 1, 2]] }],
];

const TABLE = [
  ...FIELD_NAMES.flatMap((name) => casesFor(name, FIELDS[name]).map(([label, value]) => [name, label, { [name]: value }])),
  ...CROSS_FIELD,
];

test('the table covers every schema field', () => {
  expect(new Set(TABLE.map(([field]) => field))).toEqual(new Set(FIELD_NAMES));
});

describe.each(BUILD_NAMES)('%s build', (build) => {
  let trainer;
  let core;
  beforeAll(async () => {
    trainer = await createTrainer({ seed: 5, numSamples: 60 }, { build });
    core = await loadCore(build);
  });
  afterAll(() => trainer.delete());

  test.each(TABLE)('%s: %s', async (field, _label, patch) => {
    const created = await rejected(createTrainer(patch, { build }));
    expect(created).toBeInstanceOf(Error);
    expect(created.field).toBe(field);
    expect(created.message.startsWith(field)).toBe(true);

    const before = trainer.config;
    const weights = trainer.params();
    const configured = thrown(() => trainer.configure(patch));
    expect(configured.field).toBe(field);
    expect(trainer.config).toEqual(before);
    expect(trainer.params()).toEqual(weights);
    expect(trainer.step(2).diverged).toBe(false);

    // The core refuses the same config on its own, naming the same field.
    const raw = new core.TrainerHandle();
    try {
      const message = raw.create(JSON.stringify(patch));
      expect(message).toMatch(new RegExp(`^${field}\\b`));
    } finally {
      raw.delete();
    }
  });
});

describe('method arguments', () => {
  let trainer;
  beforeAll(async () => {
    trainer = await createTrainer({ seed: 5, numSamples: 60 });
  });
  afterAll(() => trainer.delete());

  const BAD_COUNTS = [-1, 0.5, NaN, Infinity, 1e12, '3', null];
  test.each(BAD_COUNTS)('step(%p) names "steps"', (n) => {
    expect(thrown(() => trainer.step(n)).field).toBe('steps');
  });
  test.each(BAD_COUNTS)('stepEpochs(%p) names "epochs"', (n) => {
    expect(thrown(() => trainer.stepEpochs(n)).field).toBe('epochs');
  });
  test.each([1, 0, 513, 2.5, NaN, 1e9, '16'])('evalGrid(%p) names "gridSize"', (n) => {
    expect(thrown(() => trainer.evalGrid(n)).field).toBe('gridSize');
  });
  test.each([
    ['layer', { layer: 3, to: 0, from: 0, value: 1 }],
    ['layer', { layer: -1, to: 0, from: 0, value: 1 }],
    ['to', { layer: 0, to: 4, from: 0, value: 1 }],
    ['from', { layer: 0, to: 0, from: 2, value: 1 }],
    ['from', { layer: 0, to: 0, from: NaN, value: 1 }],
    ['value', { layer: 0, to: 0, from: 0, value: NaN }],
    ['value', { layer: 0, to: 0, from: 0, value: '1' }],
    ['layer', {}],
  ])('setWeight names "%s"', (field, edit) => {
    expect(thrown(() => trainer.setWeight(edit)).field).toBe(field);
  });
  test.each([
    ['a short block', () => new Float32Array(3)],
    ['a NaN', () => new Float32Array(trainer.paramCount).fill(NaN)],
    ['a string', () => 'params'],
    ['strings', () => Array(trainer.paramCount).fill('1')],
  ])('setParams with %s names "params"', (_label, make) => {
    expect(thrown(() => trainer.setParams(make())).field).toBe('params');
  });
  test.each([
    ['not JSON', '{"format": ', /^model JSON: not valid JSON/],
    ['another format', '{"format": "something-else", "version": 1}', /^model JSON: format /],
    ['a bad config', '{"format": "relu-playground-model", "version": 1, "config": {"learningRate": -1}, "step": 0, "params": []}', /^learningRate: /],
    ['a config that is not an object', '{"format": "relu-playground-model", "version": 1, "config": 3, "step": 0, "params": []}', /^config: /],
    ['too few parameters', '{"format": "relu-playground-model", "version": 1, "config": {}, "step": 0, "params": [1, 2]}', /^model JSON: params has 2 values/],
    ['a non-string', 42, /^json: /],
  ])('importJson of %s is refused and changes nothing', (_label, json, pattern) => {
    const weights = trainer.params();
    const config = trainer.config;
    const error = thrown(() => trainer.importJson(json));
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toMatch(pattern);
    expect(trainer.params()).toEqual(weights);
    expect(trainer.config).toEqual(config);
  });
  test('unknown options and builds name themselves', async () => {
    expect((await rejected(createTrainer({}, { build: 'gpu' }))).field).toBe('build');
    expect((await rejected(createTrainer({}, { bild: 'simd' }))).field).toBe('bild');
    expect((await rejected(createTrainer({}, { wasmBinary: 'bytes' }))).field).toBe('wasmBinary');
    expect((await rejected(createTrainer('config'))).message).toMatch(/^config: expected an object/);
  });
  test('a network too big for memory is refused naming "hidden", not aborted', async () => {
    const huge = { hidden: Array(64).fill(1024), numSamples: 20000, batchSize: 20000, optimizer: 'adam' };
    const error = await rejected(createTrainer(huge));
    expect(error.field).toBe('hidden');
    expect(error.message).toMatch(/MB/);
    expect(thrown(() => trainer.configure(huge)).field).toBe('hidden');
    expect(trainer.step(1).diverged).toBe(false);
  });
  test('unknown config fields name themselves', async () => {
    expect((await rejected(createTrainer({ learningRat: 0.1 }))).field).toBe('learningRat');
  });
});

describe('the raw Embind class survives what the JS API would refuse', () => {
  let core;
  let raw;
  beforeAll(async () => {
    core = await loadCore('simd');
  });
  beforeEach(() => {
    raw = new core.TrainerHandle();
  });
  afterEach(() => raw.delete());

  test('every method before create() answers with an error or an empty value', () => {
    expect(raw.step(1)).toMatch(/^trainer: not created/);
    expect(raw.configure('{}')).toMatch(/^trainer: not created/);
    expect(raw.evalGrid(4, false, false)).toMatch(/^trainer: not created/);
    expect(raw.setParams(new Float32Array(1))).toMatch(/^trainer: not created/);
    expect(raw.metrics()).toBeNull();
    expect(raw.paramsView()).toBeNull();
    expect(raw.layers()).toEqual([]);
    expect(raw.pointsView(false)).toHaveLength(0);
  });

  test.each([
    ['step', (t) => t.step(NaN), /^steps: /],
    ['step', (t) => t.step(-3), /^steps: /],
    ['step', (t) => t.step(1e20), /^steps: /],
    ['stepEpochs', (t) => t.stepEpochs(Infinity), /^epochs: /],
    ['evalGrid', (t) => t.evalGrid(1e9, true, false), /^gridSize: /],
    ['evalGrid', (t) => t.evalGrid(NaN, true, false), /^gridSize: /],
    ['setWeight', (t) => t.setWeight(NaN, 0, 0, 1), /^layer: /],
    ['setWeight', (t) => t.setWeight(0, 1e10, 0, 1), /^to: /],
    ['setWeight', (t) => t.setWeight(0, 0, -1, 1), /^from: /],
    ['setWeight', (t) => t.setWeight(0, 0, 0, Infinity), /^value: /],
    ['setParams', (t) => t.setParams({ length: 1e12 }), /^params: /],
    ['setParams', (t) => t.setParams(null), /^params: /],
    ['importJson', (t) => t.importJson('['.repeat(100000)), /./],
    ['create', (t) => t.create('{"hidden": [1024, 1024, 1024], "numSamples": 1e400}'), /^numSamples: Infinity is not a finite number$/],  // JSON.parse reads 1e400 as Infinity
    ['evalGrid', (t) => t.configure('{"hidden": [1024, 1024]}') || t.evalGrid(512, true, false), /^gridSize: .* more than the limit/],
  ])('%s with a bad argument returns its message', (_name, call, pattern) => {
    expect(raw.create('{"seed": 1}')).toBe('');
    expect(call(raw)).toMatch(pattern);
    expect(raw.step(1)).toBe('');
  });
});
