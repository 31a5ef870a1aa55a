// The link: state in the #fragment (old ?query links still read), custom
// points in the compact form (old x1_x2_label~ text still read), and the size
// budget that keeps a whole link under 8 KB.
import {
  parseQuery, serializeState, defaultState, withConfig, locationParams, encodePoints, decodeField,
  linkOmitsPoints, LINK_POINTS_MAX_CHARS, PANEL_CONTROLS, UI_FLAGS,
} from '../../../web/ui/state.js';
import { FIELDS, FIELD_NAMES, ACTIVATIONS, MAX_HIDDEN_LAYERS, MAX_UNITS } from '../../../web/shared/schema.js';
import { PRESETS } from '../../../web/shared/presets.js';

// A small deterministic generator: the tests must not depend on Math.random.
function lcg(seed) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
const round2 = (v) => Math.round(v * 100) / 100 + 0; // as clicks, without -0 (which a link writes as 0)
/** n points as clicks make them: anywhere in the plot's [-6, 6] square, 2 decimals. */
function clickedPoints(n, seed = 1, classes = 2) {
  const random = lcg(seed);
  return Array.from({ length: n }, () => [round2(random() * 12 - 6), round2(random() * 12 - 6), Math.floor(random() * classes)]);
}

describe('the fragment holds the state; old ?query links still read', () => {
  test('locationParams: the query, then the fragment (which wins a repeated field)', () => {
    expect(locationParams('', '')).toBe('');
    expect(locationParams('?hidden=3', '')).toBe('hidden=3');
    expect(locationParams('', '#hidden=3')).toBe('hidden=3');
    expect(locationParams('?embed=true', '#hidden=3')).toBe('embed=true&hidden=3');
    const { state } = parseQuery(locationParams('?hidden=3&embed=true', '#hidden=5,5'));
    expect(state.config.hidden).toEqual([5, 5]);
    expect(state.ui.embed).toBe(true);
  });

  test('parseQuery reads "#a=1", "?a=1" and "a=1" alike', () => {
    const plain = parseQuery('learningRate=0.1&hide=data').state;
    expect(parseQuery('#learningRate=0.1&hide=data').state).toEqual(plain);
    expect(parseQuery('?learningRate=0.1&hide=data').state).toEqual(plain);
    expect(plain.config.learningRate).toBe(0.1);
  });

  test('an iframe link in either form embeds', () => {
    for (const [search, hash] of [['?embed=true&lock=hidden', ''], ['', '#embed=true&lock=hidden']]) {
      const { state, notices } = parseQuery(locationParams(search, hash));
      expect(notices).toEqual([]);
      expect(state.ui.embed).toBe(true);
      expect(state.ui.lock).toEqual(['hidden']);
    }
  });

  test('a percent-encoded fragment reads as the query did', () => {
    const { state } = parseQuery('#activation=relu%2Ctanh&hidden=2%2C2');
    expect(state.config.activation).toEqual(['relu', 'tanh']);
  });
});

describe('compact custom points', () => {
  test('clicked points: b20. form, exact round trip, at most 5 bytes (6.7 characters) a point', () => {
    const points = clickedPoints(700, 1, 10);
    const text = encodePoints(points);
    expect(text).toMatch(/^b20\.[A-Za-z0-9_-]+$/);
    expect(decodeField('points', text)).toEqual({ value: points });
    expect(text.length - 4).toBeLessThanOrEqual(Math.ceil((points.length * 5 * 4) / 3));
    // The old text form took twice as many characters, and more once escaped.
    const old = points.map((p) => p.join('_')).join('~');
    expect(new URLSearchParams({ points: old }).toString().length).toBeGreaterThan(2 * text.length);
  });

  test.each([
    [[[0, 0, 0], [1, 1, 1]], 'b00.'],
    [[[0.5, -0.5, 0], [1.25, 3, 1]], 'b20.'],
    [[[0.001, 0, 0], [0, 0, 0.3]], 'b31.'],
    [[[-6, 6, 9], [6, -6, 0]], 'b00.'],
    [[[1234567.123456, -0.000001, 0.5], [0, 0, -2.25]], 'b62.'], // regression labels too
  ])('fewest decimals that give every value back: %j', (points, prefix) => {
    const text = encodePoints(points);
    expect(text.startsWith(prefix)).toBe(true);
    expect(decodeField('points', text).value).toEqual(points);
  });

  test('values no 6 decimals write exactly keep the old text form: a link never moves a point', () => {
    const points = [[0.1234567, 1e-9, 0], [1e300, 0, 1]];
    const text = encodePoints(points);
    expect(text).toBe('0.1234567_1e-9_0~1e+300_0_1');
    expect(decodeField('points', text).value).toEqual(points);
  });

  test('old x1_x2_label~ links still read', () => {
    expect(decodeField('points', '1.5_-2_0~0.25_0.003_1').value).toEqual([[1.5, -2, 0], [0.25, 0.003, 1]]);
    const { state, notices } = parseQuery('dataset=custom&points=1_2_0~3_4_1');
    expect(notices).toEqual([]);
    expect(state.config.points).toEqual([[1, 2, 0], [3, 4, 1]]);
  });

  test.each([
    ['b70.AAAA'], ['b20.AA*A'], ['b20.A'], ['b20.gA'], ['b20.AA='], ['b.AAA'], ['b2.AAAA'], ['b20'], ['b20.gICAgICAgIAB'], ['b20.AAAAAA'],
  ])('malformed compact text %s: a notice naming points, no throw', (text) => {
    const result = decodeField('points', text);
    expect(result.error).toMatch(/^points: not a valid compact point list/);
    const { state, notices } = parseQuery(`dataset=custom&points=${text}&hidden=3`);
    expect(notices.some((n) => n.startsWith('points'))).toBe(true);
    expect(state.config.hidden).toEqual([3]);
  });

  test('the URL round trip keeps custom points exactly', () => {
    const state = withConfig(defaultState(), { dataset: 'custom', problem: 'multiclass', points: clickedPoints(300, 7, 4) }).state;
    const query = serializeState(state);
    expect(query).toMatch(/points=b20\./);
    expect(parseQuery(`#${query}`)).toEqual({ state, notices: [] });
  });
});

describe('a link stays under 8 KB', () => {
  const LINK_LIMIT = 8192;
  // A long origin and path for the page, generous for a tutorial host.
  const PAGE = `https://${'tutorials.example-university.org'}/${'courses/deep-learning-101/chapter-04/'.repeat(3)}index.html#`;

  test('the largest state with the most points a link allows', () => {
    // Every field at its longest text, everything hidden and locked, every flag changed.
    const config = {};
    for (const name of FIELD_NAMES) {
      const field = FIELDS[name];
      if (field.kind === 'number') config[name] = field.min + (field.max - field.min) * 0.123456789012345678;
      if (field.kind === 'int') config[name] = Math.floor(field.max) - 1;
    }
    Object.assign(config, {
      hidden: Array(MAX_HIDDEN_LAYERS).fill(MAX_UNITS),
      activation: Array.from({ length: MAX_HIDDEN_LAYERS }, (_, i) => ['leaky-relu', 'softplus'][i % 2]),
      features: FIELDS.features.values.slice(), dataset: 'custom', problem: 'multiclass', binaryHead: 'sigmoid-bce',
      init: 'xavier-uniform', optimizer: 'momentum', schedule: 'exponential', nesterov: true, preluPerUnit: true,
    });
    // The longest lesson id among lessons that hide and lock nothing themselves, so the link names every control.
    const lesson = PRESETS.filter((p) => !p.ui?.hide?.length && !p.ui?.lock?.length).reduce((a, b) => (a.id.length >= b.id.length ? a : b));
    // The most points under the budget (a binary search on the count).
    const all = clickedPoints(2000, 3, 10);
    let [fits, tooMany] = [0, all.length];
    while (tooMany - fits > 1) {
      const middle = Math.floor((fits + tooMany) / 2);
      if (encodePoints(all.slice(0, middle)).length <= LINK_POINTS_MAX_CHARS) fits = middle;
      else tooMany = middle;
    }
    const points = all.slice(0, fits);
    config.points = points;
    const base = withConfig(defaultState(), config);
    expect(base.error).toBeNull();
    const controls = [...FIELD_NAMES, ...PANEL_CONTROLS];
    const ui = { ...base.state.ui, lesson: lesson.id, hide: controls, lock: controls, discretize: true, showTest: true, autoplay: false, embed: true, build: 'scalar', speed: '0.5', view: 'network+diagnostics', theme: 'light', collapse: [...UI_FLAGS.collapse.values], regions: true };
    expect(Object.keys(UI_FLAGS).every((flag) => ui[flag] !== UI_FLAGS[flag].default)).toBe(true);
    const state = { config: base.state.config, ui };
    const link = PAGE + serializeState(state, PRESETS);
    expect(linkOmitsPoints(state)).toBe(0);
    if (process.env.SHOW_LINK_SIZES) console.log(`${points.length} points, ${encodePoints(points).length} characters of points, link ${link.length}`);
    expect(link.length).toBeLessThan(LINK_LIMIT);
    // Clicked anywhere in the plot with 10 classes, that is still 700 points or more.
    expect(points.length).toBeGreaterThanOrEqual(700);
  });

  test('beyond the budget the link leaves the points out, says how many, and the rest survives', () => {
    const points = clickedPoints(5000, 11);
    const state = withConfig(defaultState(), { dataset: 'custom', points, hidden: [6, 6], learningRate: 0.1 }).state;
    expect(linkOmitsPoints(state)).toBe(5000);
    const query = serializeState(state);
    expect(query.length).toBeLessThan(200);
    expect(query).toContain('points=omitted.5000');
    const { state: back, notices } = parseQuery(query);
    expect(notices).toEqual(['points: the link leaves out its 5000 custom points (more than a link holds); load them from a points CSV']);
    expect(back.config.hidden).toEqual([6, 6]);
    expect(back.config.learningRate).toBe(0.1);
    expect(back.config.dataset).toBe('circle');
    expect(linkOmitsPoints(defaultState())).toBe(0);
  });
});

test('a notice quotes an excerpt of a 100 KB value, never all of it', () => {
  const { state, notices } = parseQuery(`dataset=${'x'.repeat(100 * 1024)}&hidden=3`);
  expect(notices).toHaveLength(1);
  expect(notices[0].startsWith('dataset: "xxx')).toBe(true);
  expect(notices[0].length).toBeLessThanOrEqual(200);
  // The schema quotes a string by its first 60 bytes (as the core does), so the value never arrives whole.
  expect(notices[0].match(/x+/)[0].length).toBeLessThan(60);
  expect(state.config.hidden).toEqual([3]);
});

test('a name given twice: the last value counts, and a notice says so', () => {
  for (const query of ['dataset=NaN&dataset=xor', 'dataset=spiral&dataset=xor', '#dataset=moons&dataset=xor']) {
    const { state, notices } = parseQuery(`${query}&hidden=3`);
    expect(notices).toContain('dataset: given more than once; the last value counts');
    expect(state.config.dataset).toBe('xor');
    expect(state.config.hidden).toEqual([3]);
  }
  expect(parseQuery('hide=data&hide=run').notices).toEqual([]);
  expect(parseQuery(locationParams('?hidden=2', '#hidden=3')).notices).toEqual(['hidden: given more than once; the last value counts']);
});

test('thousands of bad parameters: at most 10 notices, one per parameter for a long hide list', () => {
  const hide = parseQuery(`hide=${Array.from({ length: 10000 }, (_, i) => `x${i}`).join(',')},data&hidden=3`);
  expect(hide.notices).toEqual(['hide: 10000 unknown controls ignored ("x0", "x1", "x2", ...)']);
  expect(hide.state.ui.hide).toEqual(['data']);
  const many = parseQuery(`${Array.from({ length: 5000 }, (_, i) => `bogus${i}=1`).join('&')}&hidden=3`);
  expect(many.notices).toHaveLength(10);
  expect(many.notices[9]).toBe('and 4991 more problems in the link, not listed');
  expect(many.state.config.hidden).toEqual([3]);
  const lessons = parseQuery('lesson=nope&lesson=relu-spiral', PRESETS);
  expect(lessons.notices).toEqual(['lesson: given more than once; the last value counts']);
  expect(lessons.state.ui.lesson).toBe('relu-spiral');
});
