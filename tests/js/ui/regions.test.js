// The regions view's pure parts: region colours, the plane filled with them,
// the caption, the count's history and what getState() reports.
import { RegionCountHistory, fillRegions, regionColor, regionsCaption, regionsHint, regionsState } from '../../../web/ui/regions.js';
import { deltaE76, packRgba, toLab } from '../../../web/ui/colors.js';
import { UI_FLAGS, parseQuery, serializeState, defaultState } from '../../../web/ui/state.js';

describe('regionColor', () => {
  test('neighbouring ids are far apart in colour, in both themes', () => {
    for (const theme of ['light', 'dark']) {
      for (let id = 0; id < 1000; id += 1) {
        const difference = deltaE76(toLab(regionColor(id, theme)), toLab(regionColor(id + 1, theme)));
        expect(difference).toBeGreaterThan(10); // Delta E 10: plainly different side by side
      }
    }
  });

  test('channels are bytes and the dark theme is darker', () => {
    const mean = (rgb) => (rgb[0] + rgb[1] + rgb[2]) / 3;
    for (let id = 0; id < 50; id += 1) {
      for (const channel of regionColor(id, 'light')) expect(Number.isInteger(channel) && channel >= 0 && channel <= 255).toBe(true);
      expect(mean(regionColor(id, 'dark'))).toBeLessThan(mean(regionColor(id, 'light')));
    }
  });
});

test('fillRegions gives each pixel its region colour', () => {
  const ids = Uint32Array.from([0, 1, 1, 2, 0, 2]);
  const out = fillRegions(new Uint32Array(ids.length), ids, 'light');
  expect(Array.from(out)).toEqual(Array.from(ids, (id) => packRgba(...regionColor(id, 'light'))));
  expect(new Set(out).size).toBe(3);
});

test('the caption gives the count, or why there is none', () => {
  expect(regionsCaption({ count: 7, ids: new Uint32Array(4) })).toBe('7 linear regions on the grid');
  expect(regionsCaption({ count: 1, ids: new Uint32Array(4) })).toBe('1 linear region on the grid');
  const error = 'regions need piecewise-linear activations (linear, relu, leaky-relu, prelu); hidden layer 1 is sigmoid';
  expect(regionsCaption({ count: 0, ids: new Uint32Array(0), error })).toBe(`No regions: ${error}.`);
  expect(regionsCaption(undefined)).toBe('');
});

test('the hint explains the dashed lines only when there are lines', () => {
  const lines = new Float32Array(6);
  expect(regionsHint({ count: 3, ids: new Uint32Array(1), lines })).toContain('Dashed: where each first-layer unit turns on or off.');
  const curved = regionsHint({ count: 3, ids: new Uint32Array(1), lines: null });
  expect(curved).not.toContain('Dashed');
  expect(curved).toContain('show only as region edges');
  expect(regionsHint({ count: 0, ids: new Uint32Array(0), error: 'x', lines: null })).toBe('');
});

describe('RegionCountHistory', () => {
  test('one point per step; a step back (reset, divergence) drops the later points', () => {
    const history = new RegionCountHistory();
    history.push(0, 5);
    history.push(10, 9);
    history.push(20, 12);
    history.push(20, 13); // the same step again: the newer count
    expect(history.series()).toEqual([[0, 10, 20], [5, 9, 13]]);
    history.push(10, 8);
    expect(history.series()).toEqual([[0, 10], [5, 8]]);
    history.clear();
    expect(history.series()).toEqual([[], []]);
  });

  test('a long run is thinned, keeping the first and the newest point', () => {
    const history = new RegionCountHistory(100);
    for (let step = 1; step <= 1000; step += 1) history.push(step, step * 2);
    const [steps, counts] = history.series();
    expect(steps.length).toBeLessThanOrEqual(100);
    expect(steps[0]).toBe(1);
    expect(steps.at(-1)).toBe(1000);
    expect(counts).toEqual(steps.map((s) => s * 2));
    expect([...steps].sort((a, b) => a - b)).toEqual(steps);
  });
});

test('regionsState: null without regions, the count, or the error with count 0', () => {
  expect(regionsState({ step: 3 })).toBeNull();
  expect(regionsState({ step: 3, regions: { count: 4, ids: new Uint32Array(1), lines: null } })).toEqual({ step: 3, count: 4 });
  expect(regionsState({ step: 3, regions: { count: 0, ids: new Uint32Array(0), error: 'x', lines: null } }))
    .toEqual({ step: 3, count: 0, error: 'x' });
});

test('the regions flag is a view flag kept in the link', () => {
  expect(UI_FLAGS.regions).toEqual({ kind: 'bool', default: false });
  const state = defaultState();
  const on = { ...state, ui: { ...state.ui, regions: true } };
  const link = serializeState(on);
  expect(link).toContain('regions=true');
  expect(parseQuery(link).state.ui.regions).toBe(true);
  expect(serializeState(state)).not.toContain('regions');
  const bad = parseQuery('regions=maybe');
  expect(bad.state.ui.regions).toBe(false);
  expect(bad.notices.join(' ')).toContain('regions');
});
