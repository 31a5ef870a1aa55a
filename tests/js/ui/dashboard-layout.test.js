// The dashboard's declaration (dashboard-layout.js) and the collapse= flag it
// gives the link: parsing, the notice for bad names, the round trip through a
// link and setState, and old links without it.
import {
  DASHBOARD_PANELS, COLLAPSIBLE_PANELS, parseCollapse, withCollapsed,
} from '../../../web/ui/dashboard-layout.js';
import { parseQuery, serializeState, isControlName, UI_FLAGS } from '../../../web/ui/state.js';
import { readPatch, applyPatch } from '../../../web/ui/store.js';
import { PRESETS } from '../../../web/shared/presets.js';

describe('the declaration', () => {
  test('each panel is named as hide= and lock= name it, once, with a known region and spans of the 12-column board', () => {
    expect(new Set(COLLAPSIBLE_PANELS).size).toBe(DASHBOARD_PANELS.length);
    for (const panel of DASHBOARD_PANELS) {
      expect([panel.name, isControlName(panel.name)]).toEqual([panel.name, true]);
      expect(['sidebar', 'board', 'below']).toContain(panel.region);
      for (const span of [panel.span, panel.wideSpan].filter((value) => value !== undefined)) {
        expect(Number.isInteger(span) && span >= 1 && span <= 12).toBe(true);
      }
      expect(typeof panel.title).toBe('string');
    }
    // On a phone the output comes first (it stays in view), then the settings.
    const phone = [...DASHBOARD_PANELS].sort((a, b) => a.phoneOrder - b.phoneOrder).map((panel) => panel.name);
    expect(phone.slice(0, 2)).toEqual(['boundary', 'hyper']);
  });

  test('the collapse flag takes exactly the declared panels', () => {
    expect(UI_FLAGS.collapse.values).toEqual(COLLAPSIBLE_PANELS);
    expect(UI_FLAGS.collapse.default).toEqual([]);
  });
});

describe('parseCollapse', () => {
  test('known names, in declared order, once each; empty items are skipped', () => {
    expect(parseCollapse('diagnostics,network,,network')).toEqual({ value: ['network', 'diagnostics'] });
    expect(parseCollapse('')).toEqual({ value: [] });
  });

  test('an unknown name: an error naming the field, the name and the allowed panels; the known names still count', () => {
    const { value, error } = parseCollapse('network,sidebar');
    expect(value).toEqual(['network']);
    expect(error).toBe(`collapse: unknown panel "sidebar" ignored; the panels are ${COLLAPSIBLE_PANELS.join(', ')}`);
  });

  test('many unknown names are counted and only the first three quoted', () => {
    const { value, error } = parseCollapse('a,b,c,d,__proto__');
    expect(value).toEqual([]);
    expect(error).toMatch(/^collapse: 5 unknown panels "a", "b", "c", \.\.\. ignored; the panels are boundary, /);
  });
});

test('withCollapsed folds and unfolds one panel, keeping the declared order', () => {
  expect(withCollapsed([], 'diagnostics', true)).toEqual(['diagnostics']);
  expect(withCollapsed(['diagnostics'], 'network', true)).toEqual(['network', 'diagnostics']);
  expect(withCollapsed(['network', 'diagnostics'], 'network', false)).toEqual(['diagnostics']);
  expect(withCollapsed(['network'], 'network', true)).toEqual(['network']);
});

describe('in a link', () => {
  test('collapse= reads into ui.collapse and is written back the same way', () => {
    const { state, notices } = parseQuery('#lesson=relu-spiral&collapse=network,diagnostics', PRESETS);
    expect(notices).toEqual([]);
    expect(state.ui.collapse).toEqual(['network', 'diagnostics']);
    expect(serializeState(state, PRESETS)).toBe('lesson=relu-spiral&collapse=network,diagnostics');
  });

  test('a bad name: a notice naming the field; the good names and the rest of the link are kept', () => {
    const { state, notices } = parseQuery('#lesson=relu-xor&collapse=charts,nope&learningRate=0.1', PRESETS);
    expect(notices).toEqual([`collapse: unknown panel "nope" ignored; the panels are ${COLLAPSIBLE_PANELS.join(', ')}`]);
    expect([state.ui.collapse, state.ui.lesson, state.config.learningRate]).toEqual([['charts'], 'relu-xor', 0.1]);
  });

  test('an old link without collapse= opens every panel and writes no collapse=', () => {
    const { state, notices } = parseQuery('#lesson=relu-spiral&view=full&theme=dark', PRESETS);
    expect(notices).toEqual([]);
    expect(state.ui.collapse).toEqual([]);
    expect(serializeState(state, PRESETS)).not.toContain('collapse');
  });
});

describe('setState', () => {
  const state = parseQuery('', PRESETS).state;

  test('an array of names or a query string sets it', () => {
    const fromArray = applyPatch(state, readPatch({ collapse: ['diagnostics', 'data'] }, PRESETS));
    expect(fromArray.state.ui.collapse).toEqual(['diagnostics', 'data']);
    const fromText = applyPatch(state, readPatch('collapse=hyper', PRESETS));
    expect(fromText.state.ui.collapse).toEqual(['hyper']);
  });

  test('an unknown name or a string in an object is refused, naming the field', () => {
    const unknown = readPatch({ collapse: ['network', 'nope'] }, PRESETS).error;
    expect([unknown.field, unknown.message]).toEqual(['collapse', expect.stringContaining('unknown panel "nope"')]);
    const text = readPatch({ collapse: 'network' }, PRESETS).error;
    expect([text.field, text.message]).toEqual(['collapse', `collapse: expected an array of ${COLLAPSIBLE_PANELS.join(', ')}`]);
  });
});
