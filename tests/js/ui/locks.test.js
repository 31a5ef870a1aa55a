// The embedder's hidden and locked controls are a floor: a lesson adds to
// them and never lifts one (issue #10, item 6).
import {
  parseQuery, serializeState, defaultState, withPreset, withAddedPoint, withConfig, withHidden,
  lockingControl, lockedChange, presetConflict, embedderControls, lockedMessage, PANEL_CONTROLS, CONTROL_PARENTS, isControlName,
} from '../../../web/ui/state.js';
import { FIELD_NAMES } from '../../../web/shared/schema.js';
import { PRESETS } from '../../../web/shared/presets.js';

const lessons = [
  { id: 'focus', title: 'Focus', summary: '', config: { dataset: 'xor', learningRate: 0.1 }, ui: { hide: ['data', 'exports'], lock: ['hidden', 'activation'] } },
  { id: 'plain', title: 'Plain', summary: '', config: { dataset: 'circle' } },
  { id: 'deep', title: 'Deep', summary: '', config: { hidden: [8, 8, 8], activation: 'tanh' } },
];
const byId = (id) => lessons.find((p) => p.id === id);

describe('a lesson adds to the embedder\'s hidden and locked controls, never lifts one', () => {
  test('choosing lessons in turn keeps the link\'s controls and swaps only the lessons\' own', () => {
    let { state } = parseQuery('hide=regenerate&lock=exports', lessons);
    state = withPreset(state, byId('focus'));
    expect(state.ui.hide).toEqual(['data', 'exports', 'regenerate']);
    expect(state.ui.lock).toEqual(['hidden', 'activation', 'exports']);
    state = withPreset(state, byId('plain'));
    expect(state.ui.hide).toEqual(['regenerate']);
    expect(state.ui.lock).toEqual(['exports']);
    expect(embedderControls(state.ui)).toEqual({ hide: ['regenerate'], lock: ['exports'] });
  });

  test('a control named by both the link and its lesson stays after another lesson is chosen, and in the link', () => {
    let { state } = parseQuery('lesson=focus&hide=data&lock=hidden', lessons);
    expect(state.ui.hide).toEqual(['data', 'exports']);
    expect(embedderControls(state.ui)).toEqual({ hide: ['data'], lock: ['hidden'] });
    expect(serializeState(state, lessons)).toBe('lesson=focus&hide=data&lock=hidden');
    state = withPreset(state, byId('plain'));
    expect(state.ui.hide).toEqual(['data']);
    expect(state.ui.lock).toEqual(['hidden']);
    // The link written after the switch still carries the embedder's floor, and reads back to the same state.
    const query = serializeState(state, lessons);
    expect(query).toBe('lesson=plain&hide=data&lock=hidden');
    expect(parseQuery(query, lessons).state).toEqual(state);
  });

  test('every preset, over every single control hidden or locked by the embedder, keeps it', () => {
    const controls = [...FIELD_NAMES, ...PANEL_CONTROLS];
    for (const preset of PRESETS) {
      for (const name of controls) {
        const { state, notices } = parseQuery(`hide=${name}&lock=${name}`, PRESETS);
        expect(notices).toEqual([]);
        const next = withPreset(state, preset);
        expect([preset.id, name, next.ui.hide.includes(name), next.ui.lock.includes(name)]).toEqual([preset.id, name, true, true]);
        for (const own of preset.ui?.lock ?? []) expect(next.ui.lock).toContain(own);
      }
    }
  });

  test('fields the embedder locked keep their values when a lesson is chosen; a lesson\'s own locks do not hold the next', () => {
    let { state } = parseQuery('hidden=3,3&lock=hidden', lessons);
    expect(presetConflict(state, byId('deep'))).toEqual({ field: 'hidden', control: 'hidden' });
    expect(presetConflict(state, byId('plain'))).toEqual({ field: 'hidden', control: 'hidden' });
    state = withPreset(state, byId('deep'));
    expect(state.config.hidden).toEqual([3, 3]);
    expect(state.config.activation).toBe('tanh');
    // focus locks activation itself; the next lesson may change it.
    state = withPreset(parseQuery('', lessons).state, byId('focus'));
    expect(presetConflict(state, byId('deep'))).toBeNull();
    expect(withPreset(state, byId('deep')).config.activation).toBe('tanh');
  });

  test('a locked panel keeps every field inside it', () => {
    const { state } = parseQuery('dataset=xor&noise=10&lock=data', lessons);
    expect(presetConflict(state, byId('plain'))).toEqual({ field: 'dataset', control: 'data' });
    const next = withPreset(state, byId('plain'));
    expect(next.config.dataset).toBe('xor');
    expect(next.config.noise).toBe(10);
    // A lesson over the defaults resets the data too; one that leaves them at the defaults can load.
    expect(presetConflict(state, byId('deep'))).toEqual({ field: 'dataset', control: 'data' });
    expect(presetConflict(parseQuery('lock=data', lessons).state, byId('deep'))).toBeNull();
  });
});

describe('which control locks a field', () => {
  test('a field is locked by its own name or by any panel around it', () => {
    expect(lockingControl(['data'], 'points')).toBe('data');
    expect(lockingControl(['customData'], 'points')).toBe('customData');
    expect(lockingControl(['points'], 'points')).toBe('points');
    expect(lockingControl(['customData'], 'dataset')).toBeNull();
    expect(lockingControl(['hyper'], 'learningRate')).toBe('hyper');
    expect(lockingControl(['data'], 'learningRate')).toBeNull();
    expect(lockingControl(['run'], 'speed')).toBe('run');
    expect(lockingControl(['network'], 'weights')).toBe('network');
    expect(lockingControl([], 'hidden')).toBeNull();
  });

  test('every config field sits in exactly one panel, and every name in the map is a control', () => {
    for (const name of FIELD_NAMES) {
      const panels = ['data', 'hyper', 'hidden'].filter((panel) => lockingControl([panel], name));
      expect([name, panels.length]).toEqual([name, 1]);
    }
    for (const [child, parent] of Object.entries(CONTROL_PARENTS)) {
      expect([child, isControlName(child), isControlName(parent)]).toEqual([child, true, true]);
    }
  });

  test('a plot click under lock=data, dataset or customData changes nothing', () => {
    const shown = [[1, 1, 0], [2, 2, 1]];
    for (const lock of ['data', 'dataset', 'customData', 'points']) {
      const { state } = parseQuery(`lock=${lock}`, lessons);
      const { state: next } = withAddedPoint(state, [0.5, 0.5, 1], shown);
      const blocked = lockedChange(state, next.config);
      expect(blocked?.control).toBe(lock);
      expect(lockedMessage(blocked)).toMatch(new RegExp(`${lock}.*locked on this page`));
    }
    // Locking the dataset alone still lets a custom set grow: the dataset does not change.
    const custom = parseQuery('dataset=custom&points=1_1_0&lock=dataset', lessons).state;
    expect(lockedChange(custom, withAddedPoint(custom, [0, 0, 1]).state.config)).toBeNull();
  });

  test('network edits are checked the same way', () => {
    const { state } = parseQuery('activation=relu,tanh&hidden=4,2&lock=activation', lessons);
    const { state: next } = withHidden(state, [4, 2, 2]);
    expect(next.config.activation).toEqual(['relu', 'tanh', 'tanh']);
    expect(lockedChange(state, next.config)).toEqual({ field: 'activation', control: 'activation' });
    const free = parseQuery('lock=learningRate', lessons).state;
    expect(lockedChange(free, withConfig(free, { hidden: [5] }).state.config)).toBeNull();
  });
});
