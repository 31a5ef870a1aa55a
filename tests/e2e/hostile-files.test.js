// End to end: hostile files through the page's real file inputs (points CSV
// and model JSON) in headless Chromium and Firefox. For each file the page stays up,
// shows the reason or loads it, keeps everything else the user had (custom
// points, learning rate, the model's weights) and still trains.
//
// The files are generated here. One page walks the whole table: a file
// that is refused changes nothing, so each case starts from the state the
// previous one left, which the test tracks.
import { jest } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeDir } from './helpers/page-server.js';
import { useServedPage } from './helpers/served-page.js';
import { openPage, waitReady, waitForPage } from './helpers/browser.js';
import { CSV_FILE_MAX_BYTES, MODEL_FILE_MAX_BYTES } from '../../web/shared/limits.js';
import { EXCERPT_MAX_CHARS, MESSAGE_MAX_CHARS, quoted } from '../../web/shared/excerpt.js';

const WAIT = { timeout: 90000 };
jest.setTimeout(240000);
const served = useServedPage({ checkErrors: false });
let fileDir;

beforeAll(() => {
  fileDir = mkdtempSync(join(tmpdir(), 'relu-hostile-files-'));
});

afterAll(() => removeDir(fileDir));

// --- Files --------------------------------------------------------------------

const text = (s) => Buffer.from(s, 'utf8');
function utf16(s, littleEndian, bom = true) {
  const body = Buffer.from(s, 'utf16le');
  if (!littleEndian) body.swap16();
  if (!bom) return body;
  return Buffer.concat([Buffer.from(littleEndian ? [0xff, 0xfe] : [0xfe, 0xff]), body]);
}
// Deterministic bytes (a linear congruential generator), so a failure replays.
function garbage(length, seed) {
  const bytes = Buffer.alloc(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    bytes[i] = x >>> 24;
  }
  return bytes;
}
// The start of a real PNG: signature and an IHDR chunk for a 1x1 image.
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4180000000049454e44ae426082', 'hex');
// Written to disk: Playwright refuses in-memory buffers over 50 MB, and a path lets
// Chromium report the size without the test holding the bytes twice.
function bigFile(name, size, fill) {
  const path = join(fileDir, name);
  writeFileSync(path, Buffer.alloc(size, fill));
  return path;
}

const BASE_POINTS = [[-2, -2, 0], [-1.5, 2, 1], [2, -1.25, 0], [2.5, 2.5, 1], [0, 0.5, 1], [-3, 0, 0]];
const pointsCsv = (points, end = '\n') => ['x1,x2,label', ...points.map((p) => p.join(','))].join(end) + end;
const NEW_POINTS = [[1, 1, 1], [-1, -1, 0], [0.5, -0.5, 1]];

// [name, bytes or {path}, expected message (RegExp), or the points the file loads]
function csvCases() {
  const longCell = `1,2,0\n${'7'.repeat(100000)}x,1,1\n`;
  return [
    ['c-empty.csv', text(''), /the file is empty/],
    ['c-blank-lines.csv', text('\n\r\n  \n'), /the file is empty/],
    ['c-header-only.csv', text('x1,x2,label\n'), /the file has 0 data rows; at least 2 are needed/],
    ['c-one-row.csv', text('x1,x2,label\n1,1,1\n'), /the file has 1 data rows/],
    ['c-garbage.csv', garbage(3000, 7), /line \d+/],
    ['c-png.csv', PNG, /line \d+/],
    ['c-nul.csv', text('x1,x2,label\n1,1\u00000,1\n1,1,0\n'), /line 2: the file contains NUL bytes/],
    ['c-utf16le-no-bom.csv', utf16(pointsCsv(NEW_POINTS), true, false), /line 1: the file contains NUL bytes: .*UTF-16 without a byte-order mark/],
    ['c-nan.csv', text('1,1,0\nNaN,1,1\n'), /line 2: x1 "NaN" is not a number \(column 1: a decimal number in \[-6, 6\]; NaN and infinities are not allowed\)/],
    ['c-infinity.csv', text('1,1,0\n1,Infinity,1\n'), /line 2: x2 "Infinity" is not a number/],
    ['c-1e39.csv', text('1,1,0\n1e39,1,1\n'), /line 2: x1 "1e39" is outside the plotted square \[-6, 6\] \(column 1\)/],
    ['c-1e400.csv', text('1,1,0\n1,-1e400,1\n'), /line 2: x2 "-1e400" is outside the plotted square/],
    ['c-20001-rows.csv', text(Array.from({ length: 20001 }, (_, i) => `0.5,0.5,${i % 2}`).join('\n')), /line 20001: more than 20000 points/],
    ['c-extra-column.csv', text('1,1,0\n1,1,1,1\n'), /line 2: expected 3 columns \(x1, x2, label\), got 4/],
    ['c-missing-column.csv', text('1,1,0\n1,1\n'), /line 2: expected 3 columns \(x1, x2, label\), got 2/],
    ['c-unicode-minus.csv', text('1,1,0\n\u22121,1,1\n'), /line 2: x1 "−1" is not a number .*U\+2212 looks like a minus sign/],
    ['c-fullwidth.csv', text('1,1,0\n1,\uFF11,1\n'), /line 2: x2 "１" is not a number .*U\+FF11 is a digit of another script/],
    ['c-decimal-comma.csv', text('1,1,0\n"1,5",1,1\n'), /line 2: x1 "1,5" is not a number .*use '\.' for decimals/],
    ['c-unclosed-quote.csv', text('1,1,0\n"1,1,1\n'), /line 2, column 1: a quoted cell is not closed/],
    ['c-label-2.csv', text('1,1,0\n1,1,2\n'), /line 2: label "2" must be a whole number in \[0, 1\] for a binary problem \(column 3; for more classes, choose the multiclass problem first\)/],
    ['c-label-half.csv', text('1,1,0\n1,1,0.5\n'), /line 2: label "0.5" must be a whole number in \[0, 1\]/],
    ['c-label-negative.csv', text('1,1,0\n1,1,-1\n'), /line 2: label "-1" must be a whole number/],
    ['c-label-empty.csv', text('1,1,0\n1,1,\n'), /line 2: label "" is not a number/],
    ['c-long-cell.csv', text(longCell), new RegExp(`line 2: x1 "7{${EXCERPT_MAX_CHARS - 1}}…" is not a number`)],
    ['c-bidi.csv', text('1,1,0\n1,\u202E1,1\n'), /line 2: x2 "\\u\{202E\}1" is not a number/],
    [`c-\u202Egpj.${'x'.repeat(300)}.csv`, text('1,1,0\n'), /^"c-\\u\{202E\}gpj\.x+…": the file has 1 data rows/],
    ['c-too-big.csv', { path: bigFile('c-too-big.csv', CSV_FILE_MAX_BYTES + 1, '1') },
      /"c-too-big\.csv" is 4,194,305 bytes; a points CSV may be at most 4,194,304 bytes \(enough for 20,000 rows\)\. Nothing was read\./],
    // Files that load: encodings, line ends, quotes and -0.
    ['c-utf16le.csv', utf16(pointsCsv(NEW_POINTS, '\r\n'), true), NEW_POINTS],
    ['c-utf16be.csv', utf16(pointsCsv(BASE_POINTS), false), BASE_POINTS],
    ['c-bom-crlf.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), text(pointsCsv(NEW_POINTS, '\r\n'))]), NEW_POINTS],
    ['c-cr-only.csv', text(pointsCsv(BASE_POINTS, '\r')), BASE_POINTS],
    ['c-quoted-semicolons.csv', text('"x1";"x2";"label"\n"1";"1";"1"\n"-1" ; "-1" ; "0"\n0.5;-0.5;1\n'), NEW_POINTS],
    ['c-minus-zero.csv', text('-0,-0,0\n1,-0.0,1\n'), [[0, 0, 0], [1, 0, 1]]],
    ['c-base.csv', text(pointsCsv(BASE_POINTS)), BASE_POINTS],
  ];
}

// Model files made from the page's own export of its current model.
function modelCases(exported) {
  const good = JSON.parse(exported);
  const json = (value) => text(JSON.stringify(value));
  const withConfig = (patch) => json({ ...good, config: { ...good.config, ...patch } });
  const paramsText = (first) => text(exported.replace(/"params":\[[^,\]]*/, `"params":[${first}`));
  const configText = (inner) => text(exported.replace(/"config":\{/, `"config":{${inner},`));
  // A JSON text with `raw` written where the value RAW stands.
  const RAW = '\u0000raw';
  const withRaw = (patch, raw) => text(JSON.stringify({ ...good, ...patch }).replace(JSON.stringify(RAW), raw));
  const n = good.params.length;
  return [
    ['m-empty.json', text(''), /"m-empty\.json": model JSON: not valid JSON/],
    ['m-whitespace.json', text(' \n\t '), /not valid JSON/],
    ['m-garbage.json', garbage(5000, 11), /not valid JSON/],
    ['m-png.json', PNG, /not valid JSON/],
    ['m-utf16le-no-bom.json', utf16(exported, true, false), /not valid JSON/],
    ['m-truncated-half.json', text(exported.slice(0, exported.length >> 1)), /not valid JSON/],
    ['m-truncated-end.json', text(exported.slice(0, -1)), /not valid JSON/],
    ['m-trailing-comma.json', text(exported.replace(/\]\}$/, '],}')), /not valid JSON/],
    ['m-array.json', text('[]'), /model JSON: expected an object/],
    ['m-null.json', text('null'), /model JSON: expected an object/],
    ['m-number.json', text('42'), /model JSON: expected an object/],
    ['m-wrong-format.json', json({ ...good, format: 'tfjs-layers-model' }), /format must be "relu-playground-model"/],
    ['m-no-format.json', json({ ...good, format: undefined }), /format must be "relu-playground-model"/],
    ['m-long-format.json', json({ ...good, format: 'f'.repeat(100000) }), /format must be "relu-playground-model"/],
    ['m-version-2.json', json({ ...good, version: 2 }), /version must be 1/],
    ['m-version-string.json', json({ ...good, version: '1' }), /version must be 1/],
    ['m-version-float.json', text(exported.replace('"version":1', '"version":1.5')), /version must be 1/],
    ['m-step-negative.json', json({ ...good, step: -1 }), /step must be a whole number in \[0, 100000000000\]/],
    ['m-step-float.json', json({ ...good, step: 1e300 }), /step must be a whole number in \[0, 100000000000\]/],
    ['m-step-2p64.json', text(exported.replace(/"step":\d+/, '"step":18446744073709551616')), /step must be a whole number in \[0, 100000000000\]/],
    ['m-params-missing.json', json({ ...good, params: undefined }), /params must be an array/],
    ['m-params-object.json', json({ ...good, params: { 0: 1 } }), /params must be an array/],
    ['m-params-short.json', json({ ...good, params: good.params.slice(1) }), new RegExp(`params has ${n - 1} values, the config's network has ${n}`)],
    ['m-params-long.json', json({ ...good, params: [...good.params, 0] }), new RegExp(`params has ${n + 1} values`)],
    ['m-params-million.json', text(exported.replace(/"params":\[.*\]/, `"params":[${new Array(1e6).fill(0).join(',')}]`)), /params has 1000000 values|more than [\d,]+ JSON values/],
    ['m-params-nan.json', paramsText('NaN'), /not valid JSON/],
    ['m-params-1e400.json', paramsText('1e400'), /model JSON: /],
    ['m-params-1e39.json', paramsText('1e39'), /params\[0\].*finite/],
    ['m-params-null.json', paramsText('null'), /params\[0\]/],
    ['m-params-nested.json', paramsText('[0.5]'), /params\[0\]/],
    ['m-params-long-string.json', paramsText(JSON.stringify('\u202E'.repeat(10) + 'x'.repeat(100000))), /params\[0\]/],
    // The worker's schema check refuses these before the core sees them.
    ['m-config-array-bomb.json', withRaw({ config: { ...good.config, points: RAW } }, `${'['.repeat(100000)}${']'.repeat(100000)}`), /points\[0\]|nest|deep|depth/i],
    ['m-config-object-bomb.json', configText(`"x":${'{"a":'.repeat(50000)}1${'}'.repeat(50000)}`), /unknown config field|nest|deep|depth/i],
    ['m-config-missing.json', json({ ...good, config: undefined }), /config must be an object/],
    ['m-config-array.json', json({ ...good, config: [] }), /config/],
    ['m-config-proto.json', configText('"__proto__":{"learningRate":5}'), /__proto__/],
    ['m-config-constructor.json', configText('"constructor":"x"'), /constructor/],
    ['m-config-tostring.json', configText('"toString":1'), /toString/],
    ['m-config-unknown.json', withConfig({ colour: 'blue' }), /colour/],
    ['m-config-bad-value.json', withConfig({ hidden: [0] }), /hidden\[0\]/],
    ['m-config-bad-lr.json', withConfig({ learningRate: 1e400 }), /learningRate/],
    ['m-config-point-1e39.json', withConfig({ points: [[0, 0, 0], [1e39, 1, 1]] }), /points\[1\]/],
    ['m-config-big-network.json', withConfig({ hidden: [1024, 1024, 1024] }), /params has \d+ values, the config's network has 2\d{6}/],
    ['m-too-big.json', { path: bigFile('m-too-big.json', MODEL_FILE_MAX_BYTES + 1, ' ') },
      /"m-too-big\.json" is 67,108,865 bytes; a model JSON may be at most 67,108,864 bytes \(enough for about 4 million parameters\)\. Nothing was read\./],
  ];
}

// --- The page -----------------------------------------------------------------

const pageState = (page) => page.evaluate(() => {
  const { config } = window.reluPlayground.getState();
  return { config: JSON.parse(JSON.stringify(config)), ready: Boolean(document.querySelector('.relu-playground[data-ready="true"] .boundary-canvas')) };
});
const exportModel = (page) => page.evaluate(() => window.reluPlayground.client.exportModel());
const stepCount = (page) => page.$eval('[data-stat="step"]', (node) => Number.parseInt(node.textContent, 10));

async function chooseFile(page, accept, name, file) {
  const input = page.locator(`input[type="file"][accept^="${accept}"]`);
  await input.setInputFiles(file.path ? file.path : { name, mimeType: 'application/octet-stream', buffer: file });
}

// Each case's wait is its own: its notices are dismissed as a reader does (the
// notice list keeps its own book, so a node removed behind its back would be
// updated out of sight when the same key comes again).
async function dismissNotices(page) {
  await page.$$eval('.notices .notice .dismiss', (buttons) => buttons.forEach((button) => button.click()));
  await page.waitForFunction(() => document.querySelectorAll('.notices .notice').length === 0, null, WAIT);
}

// The message a file got: the CSV status line, or the notices for a model.
async function waitForMessage(page, where, fileLabel) {
  const handle = await page.waitForFunction(({ selector, label }) => {
    const found = [...document.querySelectorAll(selector)].map((node) => node.textContent).find((t) => t.includes(label));
    return found ?? false;
  }, { selector: where, label: fileLabel }, WAIT);
  return handle.jsonValue();
}

// A step still trains: the step counter moves by one. After a model loads, the
// counter shows the old step until the next frame: pass the loaded model's step
// so the count starts from what the core holds, not from a stale frame.
async function stillTrains(page, loadedStep) {
  if (loadedStep !== undefined) {
    await waitForPage(page, `the step counter to show the loaded model's step ${loadedStep}`,
      (want) => Number.parseInt(document.querySelector('[data-stat="step"]').textContent, 10) === want, loadedStep, WAIT);
  }
  const before = await stepCount(page);
  await page.click('[data-action="step"]');
  await waitForPage(page, `the step counter to go from ${before} to ${before + 1}`,
    (from) => Number.parseInt(document.querySelector('[data-stat="step"]').textContent, 10) === from + 1, before, WAIT);
}

// How a message names the file (its quoted, escaped excerpt).
const label = (name) => quoted(name);
// What no message may carry raw: controls and bidi overrides or isolates.
const RAW_HIDDEN = /[\u0000-\u0008\u000b-\u001f\u202a-\u202e\u2066-\u2069]/;

async function openWithCustomPoints() {
  const page = await openPage(served.context, `${served.url}index.html?autoplay=false&hidden=3&seed=5&learningRate=0.0123`);
  await waitReady(page);
  await chooseFile(page, '.csv', 'c-base.csv', text(pointsCsv(BASE_POINTS)));
  await page.waitForFunction(() => window.reluPlayground.getState().config.points.length === 6, null, WAIT);
  return page;
}

test('50+ hostile CSV and model files: each is refused with its reason or loaded, and nothing else is lost', async () => {
  const page = await openWithCustomPoints();
  let expectedPoints = BASE_POINTS;
  const seen = [];

  for (const [name, file, expected] of csvCases()) {
    const before = await pageState(page);
    await chooseFile(page, '.csv', name, file);
    const message = await waitForMessage(page, '.custom-data [role="status"]', label(name));
    expect(message).not.toMatch(RAW_HIDDEN);
    const after = await pageState(page);
    expect(after.ready).toBe(true);
    if (expected instanceof RegExp) {
      expect({ name, message }).toEqual({ name, message: expect.stringMatching(expected) });
      expect(message).toMatch(/Your previous data are kept\.$/);
      expect(after.config).toEqual(before.config);
    } else {
      expect({ name, message }).toEqual({ name, message: expect.stringMatching(`${expected.length} points loaded`) });
      await page.waitForFunction((want) => JSON.stringify(window.reluPlayground.getState().config.points) === want, JSON.stringify(expected), WAIT);
      expectedPoints = expected;
    }
    const { config } = await pageState(page);
    expect({ name, points: config.points, learningRate: config.learningRate, dataset: config.dataset })
      .toEqual({ name, points: expectedPoints, learningRate: 0.0123, dataset: 'custom' });
    seen.push(name);
    // The page clears the message only when the next file arrives: make each case's wait its own.
    await page.$eval('.custom-data [role="status"]', (node) => { node.textContent = ''; });
  }
  await stillTrains(page);

  for (const [name, file, expected] of modelCases(await exportModel(page))) {
    const before = { state: await pageState(page), model: await exportModel(page) };
    await chooseFile(page, '.json', name, file);
    const message = await waitForMessage(page, '.notices .notice', label(name));
    expect({ name, message }).toEqual({ name, message: expect.stringMatching(expected) });
    expect(message).toMatch(/The current model is kept\.×?$/);
    expect(message).not.toMatch(RAW_HIDDEN);
    expect(message.length).toBeLessThan(MESSAGE_MAX_CHARS + 120);
    const after = { state: await pageState(page), model: await exportModel(page) };
    expect(after.state.ready).toBe(true);
    // Config, custom points, learning rate and every weight as they were.
    expect(after.state.config).toEqual(before.state.config);
    expect(after.model).toBe(before.model);
    await stillTrains(page);
    seen.push(name);
    await dismissNotices(page);
  }

  // A model that loads, after all that: the export of another network, with a BOM and as UTF-16.
  const otherPage = await openPage(served.context, `${served.url}index.html?autoplay=false&hidden=5,2&activation=tanh&learningRate=0.5&seed=5`);
  await waitReady(otherPage);
  const otherExport = await exportModel(otherPage);
  await otherPage.close();
  for (const [name, bytes] of [
    ['m-ok-utf16.json', utf16(otherExport, true)],
    ['m-ok-bom.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), text(otherExport)])],
  ]) {
    await chooseFile(page, '.json', name, bytes);
    const message = await waitForMessage(page, '.notices .notice', label(name));
    expect(message).toMatch(/model loaded/);
    await page.waitForFunction(() => window.reluPlayground.getState().config.learningRate === 0.5, null, WAIT);
    expect(JSON.parse(await exportModel(page)).params).toEqual(JSON.parse(otherExport).params);
    await stillTrains(page, JSON.parse(otherExport).step);
    seen.push(name);
    await dismissNotices(page);
  }

  expect(seen.length).toBeGreaterThanOrEqual(50);
  expect(page.errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
  await page.close();
});

// These fail until ImportJson checks nesting depth and the step's range
// (the core-hardening branch): 200 KB of brackets in place of a parameter
// overflow the stack in the core's recursive dump(), and a step of 2^62 is
// taken and overflows the epoch arithmetic (a negative epoch).
test('a nested-array bomb in params and a huge step are refused and nothing is lost', async () => {
  const page = await openWithCustomPoints();
  const exported = await exportModel(page);
  const bomb = (depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
  const cases = [
    // In place of the first parameter, so the count is right and the core quotes the value.
    ['b-params-arrays.json', exported.replace(/"params":\[[^,\]]*/, `"params":[${bomb(100000)}`), /nest|deep|depth/i],
    ['b-step-2p62.json', exported.replace(/"step":\d+/, `"step":${2n ** 62n}`), /step/],
  ];
  for (const [name, json, expected] of cases) {
    const before = { state: await pageState(page), model: await exportModel(page) };
    await chooseFile(page, '.json', name, text(json));
    const message = await waitForMessage(page, '.notices .notice', label(name));
    expect({ name, message }).toEqual({ name, message: expect.stringMatching(expected) });
    expect(message).toMatch(/The current model is kept\.×?$/);
    expect(message.length).toBeLessThan(MESSAGE_MAX_CHARS + 120);
    const after = { state: await pageState(page), model: await exportModel(page) };
    expect(after.state.config).toEqual(before.state.config);
    expect(after.model).toBe(before.model);
    await stillTrains(page);
    await dismissNotices(page);
  }
  expect(page.errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
  await page.close();
});

// A sibling input: the weight editor's number boxes take typed text.
test('the weight editor refuses empty, unreadable and out-of-range text, and no weight changes', async () => {
  const page = await openPage(served.context, `${served.url}index.html?autoplay=false&hidden=3&seed=4`);
  await waitReady(page);
  const before = await exportModel(page);
  await page.getByRole('button', { name: 'Edit a weight…' }).click();
  const box = {
    layer: page.getByLabel('Weight layer (1 = first hidden layer)'),
    from: page.getByLabel('From unit'),
    to: page.getByLabel('To unit'),
    value: page.getByRole('spinbutton', { name: 'Weight value' }),
  };
  const status = page.locator('.weight-editor [role="status"]');
  const submit = async (values, typed) => {
    for (const [name, v] of Object.entries(values)) await box[name].fill(v);
    // Text a number box cannot read: Chromium keeps it shown but hands over ''.
    if (typed) {
      await box.value.fill('');
      await box.value.pressSequentially(typed);
    }
    await page.evaluate(() => { document.querySelector('.weight-editor [role="status"]').textContent = ''; });
    await page.getByRole('button', { name: 'Set', exact: true }).click();
    await page.waitForFunction(() => document.querySelector('.weight-editor [role="status"]').textContent !== '', null, WAIT);
    return status.textContent();
  };
  const ok = { layer: '1', from: '1', to: '1' };
  expect(await submit({ ...ok, value: '' })).toBe('weight: enter a number, such as -0.5 or 2');
  expect(await submit(ok, '1e-')).toBe('weight: enter a number, such as -0.5 or 2');
  expect(await submit(ok, '--2')).toBe('weight: enter a number, such as -0.5 or 2');
  expect(await submit({ ...ok, value: '1e39' })).toBe('weight: "1e39" is outside the range ±3.4e+38 a weight can hold');
  expect(await submit({ ...ok, value: `1${'0'.repeat(300)}` })).toMatch(/^weight: "10{38}…" is outside the range/);
  expect(await submit({ layer: '', from: '1', to: '1', value: '1' })).toMatch(/^layer: enter a whole number from 1/);
  expect(await submit({ layer: '1', from: '0', to: '1', value: '1' })).toMatch(/^from unit: enter a whole number from 1/);
  expect(await submit({ layer: '1', from: '1', to: '1.5', value: '1' })).toMatch(/^to unit: enter a whole number from 1/);
  expect(await exportModel(page)).toBe(before);
  // A good value still goes through.
  expect(await submit({ ...ok, value: '0.75' })).toBe('Set to 0.75.');
  expect(JSON.parse(await exportModel(page)).params[0]).toBeCloseTo(0.75, 6);
  expect(page.errors).toEqual([]);
  await page.close();
});

// A file dropped on the playground goes through the same checks as a chosen
// one, locks included; the page never lets the browser open it instead.
async function dropFile(page, name, content, type) {
  return page.evaluate(({ name, content, type }) => {
    const data = new DataTransfer();
    data.items.add(new File([content], name, { type }));
    const target = document.querySelector('.relu-playground');
    const over = new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true });
    target.dispatchEvent(over);
    const drop = new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true });
    target.dispatchEvent(drop);
    return { overPrevented: over.defaultPrevented, dropPrevented: drop.defaultPrevented };
  }, { name, content, type });
}

test('a dropped CSV or model file is loaded like a chosen one, and a lock refuses it', async () => {
  const page = await openWithCustomPoints();
  const points = [[1, 1, 0], [2, 2, 1], [-1, 0.5, 1]];
  expect(await dropFile(page, 'dropped.csv', pointsCsv(points), 'text/csv')).toEqual({ overPrevented: true, dropPrevented: true });
  await page.waitForFunction((want) => JSON.stringify(window.reluPlayground.getState().config.points) === want, JSON.stringify(points), WAIT);

  // A model file takes the model path: its refusal says the current model is kept.
  await dropFile(page, 'dropped.json', '{"format":"something else"}', 'application/json');
  const message = await waitForMessage(page, '.notices .notice', label('dropped.json'));
  expect(message).toMatch(/format must be "relu-playground-model".*The current model is kept\./);
  await dismissNotices(page);
  await page.close();

  const locked = await openPage(served.context, `${served.url}index.html#autoplay=false&hidden=3&seed=5&lock=customData`);
  await waitReady(locked);
  const before = await pageState(locked);
  await dropFile(locked, 'locked.csv', pointsCsv(points), 'text/csv');
  await locked.waitForFunction(() => /locked/.test(document.querySelector('.notices')?.textContent ?? ''), null, WAIT);
  expect((await pageState(locked)).config).toEqual(before.config);
  expect(locked.errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
  await locked.close();
});
