// The hostile-URL table (issue #10) and how a row is judged, shared by the
// first loads (hostile-urls.test.js, both engines) and the walk through every
// row (hostile-url-table.test.js, Chromium): every config field with inherited
// names, NaN, ±Infinity, 1e400, -0, an empty value, a repeated key, a 100 KB
// value and Unicode look-alikes (in the value and in the name); prototype names
// as parameters, unknown panels in hide/lock.
import { expect } from '@jest/globals';
import { parseQuery } from '../../../web/ui/state.js';
import { FIELD_NAMES } from '../../../web/shared/schema.js';

// A valid value other than the default, per field: what a repeated key ends with.
const GOOD = {
  seed: '7', dataset: 'xor', numSamples: '200', noise: '5', trainRatio: '0.6', features: 'x1,x2,x1x2',
  points: '0_0_0~1_1_1', problem: 'multiclass', binaryHead: 'sigmoid-bce', hidden: '5,5', activation: 'tanh',
  leakySlope: '0.2', eluAlpha: '0.5', preluInit: '0.1', preluPerUnit: 'true', init: 'xavier-normal', initScale: '2',
  biasInit: '0.1', optimizer: 'adam', learningRate: '0.1', batchSize: '20', momentum: '0.5', nesterov: 'true',
  beta1: '0.8', beta2: '0.99', epsilon: '1e-7', rmsDecay: '0.8', l1: '0.001', l2: '0.001', clipNorm: '5',
  schedule: 'cosine', decaySteps: '500', decayRate: '0.8',
};

// Latin letters and digits swapped for Cyrillic and fullwidth look-alikes.
const LOOKALIKE = { a: 'а', e: 'е', o: 'о', p: 'р', c: 'с', x: 'х', y: 'у', i: 'і', s: 'ѕ' };
function lookalike(text) {
  const swapped = text.replace(/[aeopcxyis]/, (c) => LOOKALIKE[c]);
  return swapped !== text ? swapped : text.replace(/\d/, (d) => String.fromCharCode(0xff10 + Number(d)));
}

export const BIG = '9'.repeat(100 * 1024);

// Each variant: the value's text and whether the link must bring a notice
// naming the field (null: it depends on the field's range, e.g. -0).
export const VARIANTS = {
  inherited: () => ({ text: 'constructor', notice: true }),
  nan: () => ({ text: 'NaN', notice: true }),
  infinity: () => ({ text: 'Infinity', notice: true }),
  minusInfinity: () => ({ text: '-Infinity', notice: true }),
  overflow: () => ({ text: '1e400', notice: true }),
  minusZero: () => ({ text: '-0', notice: null }),
  empty: (name) => ({ text: '', notice: ['hidden', 'points'].includes(name) ? null : true }),
  repeated: (name) => ({ text: 'NaN', then: GOOD[name], notice: true }),
  big: () => ({ text: BIG, notice: true }),
  lookalikeValue: (name) => ({ text: lookalike(GOOD[name]), notice: true }),
  lookalikeName: (name) => ({ key: lookalike(name), text: GOOD[name], notice: true }),
};

/** One row: the link's parameters, the field to name, the witness that must survive. */
export function rows() {
  const list = [];
  for (const name of FIELD_NAMES) {
    for (const [variant, make] of Object.entries(VARIANTS)) {
      const { key = name, text, then, notice } = make(name);
      const params = [[key, text]];
      if (then !== undefined) params.push([name, then]);
      list.push({ id: `${name} ${variant}`, field: key, params, notice, expectField: then === undefined ? null : [name, then] });
    }
  }
  for (const key of ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__']) {
    list.push({ id: `prototype key ${key}`, field: key, params: [[key, '1']], notice: true });
    list.push({ id: `prototype control ${key}_hide`, field: `${key}_hide`, params: [[`${key}_hide`, 'true']], notice: true });
    list.push({ id: `hide=${key}`, field: 'hide', params: [['hide', key]], notice: true });
    list.push({ id: `lesson=${key}`, field: 'lesson', params: [['lesson', key]], notice: true });
  }
  for (const panel of ['bogus', 'Run', 'ruп', 'data,nothing', 'lessons,__proto__', BIG.slice(0, 5000)]) {
    list.push({ id: `hide=${panel.slice(0, 20)}`, field: 'hide', params: [['hide', panel]], notice: true });
    list.push({ id: `lock=${panel.slice(0, 20)}`, field: 'lock', params: [['lock', panel]], notice: true });
  }
  // Run B is built unasked: a dear B is refused like any bad field; prototype names under b. too.
  list.push({ id: 'b.hidden past the cost gate', field: 'b.hidden', params: [['b.hidden', Array(64).fill(1024).join(',')]], notice: true });
  for (const key of ['b.__proto__', 'b.constructor', 'b.toString']) list.push({ id: `compare key ${key}`, field: key, params: [[key, '1']], notice: true });
  // Thousands of bad parameters: ten notices at most, not a tab frozen by thousands.
  list.push({ id: 'many unknown parameters', field: 'more problems', params: Array.from({ length: 2000 }, (_, i) => [`bogus${i}`, '1']), notice: true });
  list.push({ id: 'hide with 5000 unknown names', field: 'hide: 5000 unknown controls', params: [['hide', Array.from({ length: 5000 }, (_, i) => `p${i}`).join(',')]], notice: true });
  for (const [key, text] of [['speed', 'NaN'], ['build', 'constructor'], ['autoplay', '-0'], ['embed', 'ｔrue'], ['discretize', BIG]]) {
    list.push({ id: `flag ${key}=${text.slice(0, 12)}`, field: key, params: [[key, text]], notice: true });
  }
  return list;
}

/** The link's text for a row: its parameters, then the witness (a field that must survive). */
export function linkFor(row, index) {
  // The witness changes from row to row, so that every link changes something
  // for the worker to apply: the learning rate (live, no new network) mostly.
  const witness = row.id.startsWith('learningRate ')
    ? ['hidden', String((index % 7) + 2)]
    : ['learningRate', String(0.1 + (index % 7) / 100)];
  const params = [...row.params, witness];
  const text = params.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`).join('&');
  return { text, witness };
}

const expectedValue = (name, text) => parseQuery(`${encodeURIComponent(name)}=${encodeURIComponent(text)}`).state.config[name];

/** Reads what the page shows now: notices, the state, whether the layout is there. */
export function pageView(page) {
  return page.evaluate(() => ({
    notices: [...document.querySelectorAll('.notice')].map((n) => n.textContent),
    config: window.reluPlayground.getState().config,
    layout: [document.querySelector('.relu-playground')?.dataset.ready, document.querySelectorAll('.relu-playground .pg-main canvas').length > 0],
    step: Number.parseInt(document.querySelector('[data-stat="step"]')?.textContent ?? '', 10),
  }));
}

export function checkRow(row, witness, view, errors) {
  const context = `${row.id}: ${JSON.stringify(view.notices).slice(0, 400)}`;
  expect([context, errors]).toEqual([context, []]);
  expect([context, view.layout]).toEqual([context, ['true', true]]);
  const ignored = view.notices.filter((n) => n.startsWith('Ignored in the link: '));
  if (row.notice === true) expect([context, ignored.some((n) => n.includes(row.field))]).toEqual([context, true]);
  // A notice quotes an excerpt, never a whole 100 KB value, and a link brings at most ten.
  expect([context, view.notices.every((n) => n.length < 400)]).toEqual([context, true]);
  expect([context, ignored.length <= 10]).toEqual([context, true]);
  // Nothing the link did not break is named, and the core refused nothing.
  expect([context, view.notices.filter((n) => /refused/.test(n))]).toEqual([context, []]);
  const [name, text] = witness;
  expect([context, name, view.config[name]]).toEqual([context, name, expectedValue(name, text)]);
  if (row.expectField) {
    const [field, good] = row.expectField;
    expect([context, field, view.config[field]]).toEqual([context, field, expectedValue(field, good)]);
  }
}

