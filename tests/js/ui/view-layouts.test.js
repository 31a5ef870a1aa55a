// The named views and themes: one declaration (view-layouts.js), read by the
// flags of state.js, the lessons and the public API's setState.
import {
  VIEWS, VIEW_NAMES, PANELS, VIEW_FLAG_VALUES, THEME_FLAG_VALUES, resolveView, resolveTheme, viewPlacement,
} from '../../../web/ui/view-layouts.js';
import { UI_FLAGS, parseQuery, serializeState, defaultState, decodeFlag } from '../../../web/ui/state.js';
import { readPatch, applyPatch } from '../../../web/ui/store.js';
import { PRESETS } from '../../../web/shared/presets.js';

describe('the declaration', () => {
  test('the views the issue names, full first', () => {
    expect(VIEW_NAMES).toEqual(['full', 'boundary', 'boundary+loss', 'boundary+gradients', 'network+diagnostics']);
  });

  test('every view names known panels, each once, and at most two (what fits a 640x480 frame)', () => {
    for (const [name, view] of Object.entries(VIEWS)) {
      expect([name, view.panels.every((panel) => Object.hasOwn(PANELS, panel))]).toEqual([name, true]);
      expect(new Set(view.panels).size).toBe(view.panels.length);
      expect(view.panels.length).toBeLessThanOrEqual(2);
      expect(typeof view.about).toBe('string');
    }
    expect(VIEWS.full.panels).toEqual([]);
  });

  test('a view is named after its panels, in order', () => {
    for (const name of VIEW_NAMES.filter((n) => n !== 'full')) {
      const panels = VIEWS[name].panels;
      // boundary+loss shows the boundary then the loss chart: the name's parts are the panels' names.
      expect(name.split('+')).toEqual(panels);
    }
  });

  test('placement gives each shown section its order and part', () => {
    expect(viewPlacement('full')).toEqual({});
    expect(viewPlacement('boundary+gradients')).toEqual({
      boundary: { order: 0, part: null }, diagnostics: { order: 1, part: 'gradients' },
    });
    expect(viewPlacement('network+diagnostics')).toEqual({
      network: { order: 0, part: null }, diagnostics: { order: 1, part: 'table' },
    });
    expect(viewPlacement('boundary+loss').charts).toEqual({ order: 1, part: 'loss' });
  });

  test('every lesson names a declared view other than full', () => {
    for (const preset of PRESETS) {
      expect([preset.id, VIEW_NAMES.includes(preset.view) && preset.view !== 'full']).toEqual([preset.id, true]);
    }
  });

  test('the flags take their values from the declaration', () => {
    expect(UI_FLAGS.view.values).toEqual(['auto', ...VIEW_NAMES]);
    expect(VIEW_FLAG_VALUES).toEqual(UI_FLAGS.view.values);
    expect(UI_FLAGS.theme.values).toEqual(THEME_FLAG_VALUES);
    expect(THEME_FLAG_VALUES).toEqual(['auto', 'light', 'dark']);
    expect(defaultState().ui).toMatchObject({ view: 'auto', theme: 'auto' });
  });
});

describe('which view and theme', () => {
  const ui = (extra) => ({ ...defaultState().ui, ...extra });
  const lesson = PRESETS.find((p) => p.id === 'sigmoid-vanishing');

  test('auto: the lesson\'s view only when embedded', () => {
    expect(lesson.view).toBe('boundary+gradients');
    expect(resolveView(ui({ lesson: lesson.id }), PRESETS, true)).toBe('boundary+gradients');
    expect(resolveView(ui({ lesson: lesson.id }), PRESETS, false)).toBe('full');
    // embed=true in the link counts as embedded.
    expect(resolveView(ui({ lesson: lesson.id, embed: true }), PRESETS, false)).toBe('boundary+gradients');
    expect(resolveView(ui({}), PRESETS, true)).toBe('full');
    expect(resolveView(ui({ lesson: 'no-such-lesson' }), PRESETS, true)).toBe('full');
  });

  test('an explicit view wins over the lesson\'s, embedded or not', () => {
    expect(resolveView(ui({ lesson: lesson.id, view: 'boundary+loss' }), PRESETS, true)).toBe('boundary+loss');
    expect(resolveView(ui({ lesson: lesson.id, view: 'full' }), PRESETS, true)).toBe('full');
    expect(resolveView(ui({ view: 'network+diagnostics' }), PRESETS, false)).toBe('network+diagnostics');
  });

  test('theme: explicit, else the browser\'s preference', () => {
    expect(resolveTheme('auto', true)).toBe('dark');
    expect(resolveTheme('auto', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
  });
});

describe('the flags in a link', () => {
  test('view=boundary+loss reads although a link\'s + is a space, and writes back the same', () => {
    for (const written of ['view=boundary+loss', 'view=boundary%2Bloss', 'view=boundary loss']) {
      const { state, notices } = parseQuery(written);
      expect([written, state.ui.view, notices]).toEqual([written, 'boundary+loss', []]);
      expect(serializeState(state)).toBe('view=boundary+loss');
    }
  });

  test('every view and theme goes round a link', () => {
    for (const view of VIEW_FLAG_VALUES) {
      for (const theme of THEME_FLAG_VALUES) {
        const { state, notices } = parseQuery(`lesson=relu-xor&view=${view}&theme=${theme}`, PRESETS);
        expect(notices).toEqual([]);
        const back = parseQuery(serializeState(state, PRESETS), PRESETS).state;
        expect([back.ui.view, back.ui.theme]).toEqual([view, theme]);
      }
    }
  });

  test('an unknown value: a notice naming the field and the allowed values, the rest of the link kept', () => {
    const { state, notices } = parseQuery('lesson=relu-xor&view=sidebar&theme=sepia&learningRate=0.1&showTest=true', PRESETS);
    expect(notices).toEqual([
      'view: "sidebar" is not one of auto, full, boundary, boundary+loss, boundary+gradients, network+diagnostics',
      'theme: "sepia" is not one of auto, light, dark',
    ]);
    expect(state.ui).toMatchObject({ view: 'auto', theme: 'auto', lesson: 'relu-xor', showTest: true });
    expect(state.config.learningRate).toBe(0.1);
  });

  test('decodeFlag refuses near misses', () => {
    for (const text of ['', 'Full', 'boundary+', '+boundary', 'boundary+network', 'auto ', 'DARK']) {
      const name = /dark/i.test(text) ? 'theme' : 'view';
      expect(decodeFlag(name, text).error).toMatch(new RegExp(`^${name}: `));
    }
  });
});

describe('setState', () => {
  test('takes view and theme as an object or a query string', () => {
    const read = readPatch({ view: 'network+diagnostics', theme: 'dark' }, PRESETS);
    const { state } = applyPatch(defaultState(), read);
    expect(state.ui).toMatchObject({ view: 'network+diagnostics', theme: 'dark' });
    const fromText = applyPatch(defaultState(), readPatch('view=boundary+gradients&theme=light', PRESETS)).state;
    expect(fromText.ui).toMatchObject({ view: 'boundary+gradients', theme: 'light' });
  });

  test('refuses a bad value naming the field, and changes nothing', () => {
    const read = readPatch({ view: 'dashboard' }, PRESETS);
    expect(read.error.field).toBe('view');
    expect(read.error.message).toContain('auto, full, boundary');
    expect(readPatch({ theme: true }, PRESETS).error.field).toBe('theme');
    expect(readPatch('theme=blue', PRESETS).error.message).toBe('theme: "blue" is not one of auto, light, dark');
  });
});
