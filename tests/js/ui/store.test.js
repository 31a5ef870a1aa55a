// The state's moves (web/ui/store.js): pure reducers, the lock floor for
// every action, and the public API's patches read as a link's parameters are.
import { reduce, readPatch, applyPatch } from '../../../web/ui/store.js';
import { parseQuery, defaultState } from '../../../web/ui/state.js';
import { defaultConfig } from '../../../web/shared/schema.js';

const lessons = [
  { id: 'tanh', title: 'Tanh', summary: '', config: { activation: 'tanh', learningRate: 0.1 }, ui: { lock: ['activation'] } },
];
const stateOf = (query) => parseQuery(query, lessons).state;

describe('reduce', () => {
  test('never changes the state it is given', () => {
    const state = stateOf('hidden=3');
    const before = structuredClone(state);
    for (const action of [
      { type: 'config', patch: { learningRate: 1 } }, { type: 'hidden', hidden: [2, 2] },
      { type: 'layerActivation', layer: 0, name: 'tanh' }, { type: 'addPoint', point: [0.5, 0.5, 1], shownPoints: [] },
      { type: 'flag', name: 'discretize', value: true }, { type: 'lesson', preset: lessons[0] },
    ]) reduce(state, action);
    expect(state).toEqual(before);
  });

  test('each action moves the state as its state.js function does', () => {
    const state = defaultState();
    expect(reduce(state, { type: 'config', patch: { learningRate: 1 } }).state.config.learningRate).toBe(1);
    expect(reduce(state, { type: 'hidden', hidden: [5] }).state.config.hidden).toEqual([5]);
    expect(reduce(state, { type: 'layerActivation', layer: 1, name: 'tanh' }).state.config.activation).toEqual(['relu', 'tanh']);
    expect(reduce(state, { type: 'addPoint', point: [0.123, 1, 0], shownPoints: [[1, 1, 1]] }).state.config.points).toEqual([[1, 1, 1], [0.12, 1, 0]]);
    expect(reduce(state, { type: 'flag', name: 'speed', value: '5' }).state.ui.speed).toBe('5');
    expect(reduce(state, { type: 'lesson', preset: lessons[0] }).state.ui).toMatchObject({ lesson: 'tanh', lock: ['activation'] });
    expect(() => reduce(state, { type: 'nope' })).toThrow(TypeError);
  });

  test('an invalid value leaves the state and names the field', () => {
    const state = defaultState();
    const result = reduce(state, { type: 'config', patch: { learningRate: 11 } });
    expect(result.state).toBe(state);
    expect(result.error).toMatch(/^learningRate: /);
  });

  test('the embedder\'s locks hold for every action', () => {
    const state = stateOf('lock=data,speed,discretize,activation');
    expect(reduce(state, { type: 'config', patch: { noise: 5 } }).locked).toEqual({ field: 'noise', control: 'data' });
    const shownPoints = Array.from({ length: 20 }, (_, i) => [i / 10 - 1, 0.5, i % 2]);
    expect(reduce(stateOf(''), { type: 'addPoint', point: [0, 0, 1], shownPoints }).state.config.points).toHaveLength(21);
    expect(reduce(state, { type: 'addPoint', point: [0, 0, 1], shownPoints }).locked).toMatchObject({ control: 'data' });
    expect(reduce(state, { type: 'layerActivation', layer: 0, name: 'tanh' }).locked).toEqual({ field: 'activation', control: 'activation' });
    expect(reduce(state, { type: 'flag', name: 'speed', value: '5' }).locked).toEqual({ field: 'speed', control: 'speed' });
    expect(reduce(state, { type: 'flag', name: 'discretize', value: true }).locked).toEqual({ field: 'discretize', control: 'discretize' });
    expect(reduce(state, { type: 'lesson', preset: lessons[0] }).locked).toEqual({ field: 'activation', control: 'activation' });
    // Only what is locked: the rest moves.
    expect(reduce(state, { type: 'config', patch: { learningRate: 1 } }).state.config.learningRate).toBe(1);
  });
});

describe('readPatch and applyPatch: the public API\'s setState', () => {
  const apply = (state, patch) => {
    const read = readPatch(patch, lessons);
    return read.error ? { error: read.error } : applyPatch(state, read);
  };

  test('an object and the same fields as a query string give the same state', () => {
    const state = defaultState();
    const fromObject = apply(state, { learningRate: 0.5, hidden: [3, 3], features: ['x1', 'x2', 'x1x2'], showTest: true, speed: 'auto' });
    const fromText = apply(state, '?learningRate=0.5&hidden=3,3&features=x1,x2,x1x2&showTest=true&speed=auto');
    expect(fromObject.error).toBeUndefined();
    expect(fromText.state).toEqual(fromObject.state);
    expect(fromObject.state.config).toMatchObject({ learningRate: 0.5, hidden: [3, 3] });
    expect(fromObject.state.ui).toMatchObject({ showTest: true, speed: 'auto' });
  });

  test('a lesson applies first, then the fields over it', () => {
    const { state } = apply(defaultState(), { lesson: 'tanh', learningRate: 0.2 });
    expect(state.ui.lesson).toBe('tanh');
    expect(state.config).toMatchObject({ activation: 'tanh', learningRate: 0.2 });
  });

  test('names are own properties only, and each refusal names its field', () => {
    const fieldOf = (patch) => apply(defaultState(), patch).error?.field;
    expect(fieldOf(JSON.parse('{"__proto__": {"learningRate": 1}}'))).toBe('__proto__');
    expect(fieldOf({ constructor: 1 })).toBe('constructor');
    expect(fieldOf('hasOwnProperty=1')).toBe('hasOwnProperty');
    expect(fieldOf({ learningRate: '0.5' })).toBe('learningRate'); // an object's numbers are numbers
    expect(fieldOf({ learningRate: Number.NaN })).toBe('learningRate');
    expect(fieldOf('learningRate=1e999')).toBe('learningRate');
    expect(fieldOf({ decayRate: 1e-46 })).toBe('decayRate'); // 0 in float32, which the open bound excludes
    expect(fieldOf({ autoplay: 'true' })).toBe('autoplay');
    expect(fieldOf({ speed: 3 })).toBe('speed');
    expect(fieldOf('speed=3')).toBe('speed');
    expect(fieldOf({ lesson: 'missing' })).toBe('lesson');
    expect(fieldOf({ hide: 'data' })).toBe('hide');
    expect(fieldOf([1, 2])).toBe('');
    expect(fieldOf(null)).toBe('');
  });

  test('all or nothing: one bad or locked field and nothing applies', () => {
    const state = stateOf('lock=noise');
    expect(apply(state, { learningRate: 0.5, noise: 5 }).error).toMatchObject({ field: 'noise', message: expect.stringMatching(/locked/) });
    expect(apply(state, { learningRate: 0.5, momentum: 2 }).error).toMatchObject({ field: 'momentum' });
    expect(state.config).toEqual(defaultConfig());
  });
});
