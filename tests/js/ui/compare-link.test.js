// Run B in the link (web/ui/compare-link.js through state.js): b.<field> read
// by A's decoder and schema, messages naming b.<field>, the shared fields
// refused, and the link written back to the same state.
import { parseQuery, serializeState, defaultState, withPreset } from '../../../web/ui/state.js';
import { compareConfig, COMPARE_FIELDS, SHARED_FIELDS, withCompare, affordableCompare } from '../../../web/ui/compare-link.js';
import { FIELD_NAMES } from '../../../web/shared/schema.js';

const lessons = [
  { id: 'plain', title: 'Plain', summary: '', config: { activation: 'relu', learningRate: 1 } },
  { id: 'versus', title: 'Versus', summary: '', config: { activation: 'relu', learningRate: 1 }, compare: { activation: 'leaky-relu' } },
];
const parse = (query) => parseQuery(query, lessons);

describe('b. parameters', () => {
  test('a b. field makes B: A with that field changed', () => {
    const { state, notices } = parse('lesson=plain&b.activation=leaky-relu&b.learningRate=0.1');
    expect(notices).toEqual([]);
    expect(state.compare).toEqual({ activation: 'leaky-relu', learningRate: 0.1 });
    expect(state.config.activation).toBe('relu');
    const b = compareConfig(state.config, state.compare).config;
    expect(b).toEqual({ ...state.config, activation: 'leaky-relu', learningRate: 0.1 });
  });

  test('a bad b. value is dropped with a notice naming b.<field> and its range; A and the other B fields are kept', () => {
    const { state, notices } = parse('learningRate=0.5&b.learningRate=99&b.init=xavier-normal');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/^b\.learningRate: .*10/);
    expect(state.config.learningRate).toBe(0.5);
    expect(state.compare).toEqual({ init: 'xavier-normal' });
  });

  test('an undecodable value, an unknown field and a shared field each get their own notice', () => {
    const { state, notices } = parse('b.learningRate=fast&b.colour=red&b.seed=4&b.activation=tanh');
    expect(notices).toEqual([
      expect.stringMatching(/^b\.learningRate: "fast" is not a number/),
      expect.stringMatching(/^b\.colour: unknown config field/),
      expect.stringMatching(/^b\.seed: runs A and B share the seed and the data/),
    ]);
    expect(state.compare).toEqual({ activation: 'tanh' });
    expect(state.config.seed).toBe(defaultState().config.seed);
  });

  test('the seed and the data are shared; everything else may differ', () => {
    expect(SHARED_FIELDS).toEqual(expect.arrayContaining(['seed', 'dataset', 'numSamples', 'noise', 'trainRatio', 'points']));
    expect([...SHARED_FIELDS, ...COMPARE_FIELDS].sort()).toEqual([...FIELD_NAMES].sort());
    expect(COMPARE_FIELDS).toEqual(expect.arrayContaining(['activation', 'init', 'learningRate', 'optimizer', 'hidden', 'l2', 'clipNorm']));
  });

  test('compare=true opens B as a copy of A; compare=false ends a lesson\'s B; no parameter: no B', () => {
    expect(parse('compare=true').state.compare).toEqual({});
    expect(parse('').state.compare).toBeNull();
    expect(parse('lesson=versus').state.compare).toEqual({ activation: 'leaky-relu' });
    expect(parse('lesson=versus&compare=false').state.compare).toBeNull();
    expect(parse('compare=maybe').notices).toEqual(['compare: "maybe" is not true or false']);
  });

  test('a B field equal to A\'s is no difference', () => {
    expect(parse('learningRate=0.2&b.learningRate=0.2&b.init=zeros').state.compare).toEqual({ init: 'zeros' });
  });

  test('a per-layer activation list for B must fit A\'s layers', () => {
    const { state, notices } = parse('hidden=4,4&b.activation=relu,tanh,tanh');
    expect(notices).toEqual([expect.stringMatching(/^b\.activation: /)]);
    expect(state.compare).toEqual({});
  });
});

describe('round trip: serializeState then parseQuery gives the same state', () => {
  const cases = [
    'b.activation=leaky-relu',
    'lesson=plain&b.activation=prelu&b.hidden=8,8&b.clipNorm=0.1',
    'compare=true',
    'lesson=versus',
    'lesson=versus&compare=false',
    'lesson=versus&b.learningRate=0.1',
    'lesson=versus&compare=true',
    'hidden=3,3&b.activation=tanh,relu&b.optimizer=adam&b.nesterov=true',
  ];
  test.each(cases)('%s', (query) => {
    const { state, notices } = parse(query);
    expect(notices).toEqual([]);
    const link = serializeState(state, lessons);
    const again = parse(link);
    expect(again.notices).toEqual([]);
    expect(again.state.compare).toEqual(state.compare);
    expect(again.state.config).toEqual(state.config);
    expect(serializeState(again.state, lessons)).toBe(link);
  });

  test('the link names B\'s fields with b. and says nothing when there is no B', () => {
    expect(serializeState(parse('b.activation=tanh').state, lessons)).toBe('b.activation=tanh');
    expect(serializeState(parse('').state, lessons)).toBe('');
    expect(serializeState(parse('lesson=versus').state, lessons)).toBe('lesson=versus');
  });

  test('a lesson with a B opens in compare mode from the lessons menu too; another lesson ends it', () => {
    const versus = withPreset(defaultState(), lessons[1]);
    expect(versus.compare).toEqual({ activation: 'leaky-relu' });
    expect(withPreset(versus, lessons[0]).compare).toBeNull();
  });
});

describe('hostile b. parameters', () => {
  test('any b. names and values: never a throw, B always a valid config on A\'s seed and data', async () => {
    const { default: fc } = await import('fast-check');
    const { validateConfig } = await import('../../../web/shared/schema.js');
    const name = fc.oneof(fc.constantFrom(...FIELD_NAMES, '__proto__', 'constructor', 'toString', ''), fc.string({ maxLength: 12 }));
    const value = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('NaN', '1e400', '-0', 'relu,tanh', '8,8,8', 'true', 'leaky-relu'));
    fc.assert(fc.property(fc.array(fc.tuple(name, value), { maxLength: 8 }), (pairs) => {
      const query = pairs.map(([n, v]) => `b.${encodeURIComponent(n)}=${encodeURIComponent(v)}`).join('&');
      const { state } = parse(`seed=5&${query}`);
      if (state.compare === null) return;
      const b = compareConfig(state.config, state.compare);
      expect(b.errors).toEqual([]);
      expect(validateConfig(b.config).errors).toEqual([]);
      for (const shared of SHARED_FIELDS) expect(b.config[shared]).toEqual(state.config[shared]);
      // As JSON: a link writes -0 as 0 (A's fields too), which the core reads as the same value.
      const json = (value) => JSON.parse(JSON.stringify(value));
      expect(json(parse(serializeState(state, lessons)).state.compare)).toEqual(json(state.compare));
    }), { numRuns: 300 });
  });
});

describe('run B is built unasked, so it must stay cheap', () => {
  // 64 layers of 1024 units: ~1.5 GiB, far past the cost gate's 256 MiB.
  const huge = Array(64).fill(1024).join(',');

  test('a b.hidden past the cost gate is dropped with a notice naming it, the cost and the limit; B keeps its other fields', () => {
    const { state, notices } = parse(`hidden=4&b.hidden=${huge}&b.learningRate=0.1`);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/^b\.hidden: run B would need [\d,]+ MiB and [\d.]+ GFLOP a step; compare mode builds B only under 256 MiB and 1 GFLOP a step/);
    expect(state.compare).toEqual({ learningRate: 0.1 });
    expect(state.config.hidden).toEqual([4]);
  });

  test('when A itself is dear, a link gets no B, and says so under compare', () => {
    const { state, notices } = parse(`hidden=${huge}&compare=true`);
    expect(state.compare).toBeNull();
    expect(notices.some((n) => n.startsWith('compare: run B would need'))).toBe(true);
  });

  test('setState-style edits: all or nothing, the error names b.hidden', () => {
    const { state } = parse('hidden=4&compare=true');
    const result = withCompare(state, { hidden: Array(64).fill(1024) });
    expect(result.error.field).toBe('b.hidden');
    expect(result.state).toBe(state);
    expect(withCompare(state, { hidden: [16, 16] }).state.compare).toEqual({ hidden: [16, 16] });
  });

  test('a cheap B passes untouched', () => {
    expect(affordableCompare(parse('hidden=4').state.config, { hidden: [8, 8], batchSize: 10 })).toEqual({ patch: { hidden: [8, 8], batchSize: 10 }, errors: [] });
  });
});
