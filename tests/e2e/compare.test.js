// Issue #13 §3 and the `c` key of §7: compare mode. A b.<field> link opens
// runs A and B side by side (two workers), both train in lockstep, the loss
// chart overlays them, the public API reads and changes B, a bad b. field is
// dropped with a notice, `c` toggles B, and a comparison lesson opens with B.
import { jest } from '@jest/globals';
import { join } from 'node:path';
import { canvasStats } from './helpers/browser.js';
import { useViewPage, SHOTS, DESKTOP, PHONE } from './helpers/views.js';

const WAIT = { timeout: 90000 };
jest.setTimeout(180000);

const { open } = useViewPage();

const state = (page) => page.evaluate(() => window.reluPlayground.getState());
const comparing = (page) => page.evaluate(() => document.querySelector('.relu-playground').dataset.compare === 'true');

test('a b. link opens two plots that both train; the loss chart has both runs; getState().compare is B', async () => {
  const page = await open('lesson=relu-spiral-sgd&b.activation=leaky-relu&b.learningRate=0.3');
  expect(await comparing(page)).toBe(true);
  // Both runs past step 50, and B's metrics in: each worker trained.
  await page.waitForFunction(() => {
    const s = window.reluPlayground.getState();
    return s.progress?.step > 50 && s.compare?.progress?.step > 50 && s.compare.metrics !== null;
  }, null, WAIT);
  const s = await state(page);
  expect(s.compare.config).toEqual({ ...s.config, activation: 'leaky-relu', learningRate: 0.3 });
  expect(s.config.activation).toBe('relu');
  // Two output plots, each drawn.
  expect(await page.$$eval('.boundary-host:not([hidden]) .boundary-canvas', (list) => list.length)).toBe(2);
  const b = await canvasStats(page, '.compare-b-host .boundary-canvas');
  expect(b.colours).toBeGreaterThan(4);
  // The overlaid loss chart names A's and B's series.
  const legend = await page.$eval('.chart-compare-loss', (figure) => figure.textContent);
  for (const label of ['A train', 'A test', 'B train', 'B test']) expect(legend).toContain(label);
  // The diagnostics side by side, one row per layer.
  await page.waitForFunction(() => document.querySelectorAll('.compare-table tbody tr').length === 4, null, WAIT);
  // Lockstep: paused, the two runs settle on the same step.
  await page.evaluate(() => window.reluPlayground.pause());
  await page.waitForFunction(() => {
    const now = window.reluPlayground.getState();
    return now.progress.step === now.compare.progress.step;
  }, null, WAIT);
  // The link keeps B.
  expect(await page.evaluate(() => window.location.hash)).toContain('b.activation=leaky-relu');
});

test('setState({\'b.learningRate\': 0.5}) changes B only; compare: false ends B', async () => {
  const page = await open('lesson=relu-spiral-sgd&compare=true&autoplay=false');
  await page.waitForFunction(() => window.reluPlayground.getState().compare?.progress, null, WAIT);
  const before = await state(page);
  expect(before.compare.config).toEqual(before.config);
  const after = await page.evaluate(() => window.reluPlayground.setState({ 'b.learningRate': 0.5 }));
  expect(after.compare.config.learningRate).toBe(0.5);
  expect(after.config.learningRate).toBe(before.config.learningRate);
  expect(await page.evaluate(() => window.location.hash)).toContain('b.learningRate=0.5');
  // A bad B value is refused with its b. name, and nothing changes.
  const refused = await page.evaluate(() => window.reluPlayground.setState({ 'b.learningRate': 99 }).then(() => null, (e) => ({ message: e.message, field: e.field })));
  expect(refused.field).toBe('b.learningRate');
  expect(refused.message).toMatch(/^b\.learningRate: /);
  expect((await state(page)).compare.config.learningRate).toBe(0.5);
  const shared = await page.evaluate(() => window.reluPlayground.setState('b.seed=3').then(() => null, (e) => e.field));
  expect(shared).toBe('b.seed');
  const ended = await page.evaluate(() => window.reluPlayground.setState({ compare: false }));
  expect(ended.compare).toBeUndefined();
  await page.waitForFunction(() => !document.querySelector('.compare-b-host') && document.querySelectorAll('.boundary-canvas').length === 1, null, WAIT);
});

test('a bad b. field gives a notice naming it and its range; A and the other B fields are kept', async () => {
  const page = await open('learningRate=0.1&b.learningRate=99&b.init=xavier-normal&autoplay=false');
  const notices = await page.$$eval('.notice', (items) => items.map((item) => item.textContent));
  expect(notices.some((text) => /b\.learningRate: .*10/.test(text))).toBe(true);
  const s = await state(page);
  expect(s.config.learningRate).toBe(0.1);
  expect(s.compare.config.init).toBe('xavier-normal');
  expect(s.compare.config.learningRate).toBe(0.1);
});

test('c toggles compare mode, never while typing in a field', async () => {
  const page = await open('hidden=4&seed=3&autoplay=false');
  expect(await comparing(page)).toBe(false);
  await page.keyboard.press('c');
  await page.waitForFunction(() => window.reluPlayground.getState().compare?.progress, null, WAIT);
  expect(await comparing(page)).toBe(true);
  await page.evaluate(() => document.querySelector('[data-control="learningRate"] input').focus());
  await page.keyboard.press('c');
  expect((await state(page)).compare).toBeDefined();
  await page.evaluate(() => document.activeElement.blur());
  await page.keyboard.press('c');
  await page.waitForFunction(() => !window.reluPlayground.getState().compare, null, WAIT);
  expect(await comparing(page)).toBe(false);
  // The help dialog lists it.
  await page.keyboard.press('?');
  const help = await page.$eval('.shortcut-help', (dialog) => dialog.textContent);
  expect(help).toMatch(/c\s*Compare/);
});

test('a lesson whose claim is a comparison opens in compare mode, and the editor changes B', async () => {
  const page = await open('lesson=dead-relu-high-lr');
  expect(await comparing(page)).toBe(true);
  const s = await state(page);
  expect(s.compare.config.activation).toBe('leaky-relu');
  expect(s.config.activation).toBe('relu');
  // The editor marks the field B changes and shows A's value beside it.
  const marked = await page.$$eval('.compare-field.differs', (rows) => rows.map((row) => row.dataset.bField));
  expect(marked).toEqual(['activation']);
  await page.evaluate(() => {
    const input = document.querySelector('.compare-field[data-b-field="learningRate"] input');
    input.value = '0.1';
    input.dispatchEvent(new Event('change'));
  });
  await page.waitForFunction(() => window.reluPlayground.getState().compare.config.learningRate === 0.1, null, WAIT);
  expect((await state(page)).config.learningRate).toBe(1);
});

test.each([['desktop', DESKTOP], ['phone', PHONE]])('screenshot of compare mode (%s)', async (name, viewport) => {
  const page = await open('lesson=dead-relu-high-lr', viewport);
  await page.waitForFunction(() => {
    const s = window.reluPlayground.getState();
    return s.progress?.step > 400 && s.compare?.progress?.step > 400;
  }, null, WAIT);
  await page.evaluate(() => window.reluPlayground.pause());
  await page.waitForFunction(() => {
    const s = window.reluPlayground.getState();
    return !s.playing && s.progress.step === s.compare.progress.step;
  }, null, WAIT);
  // The charts and the table are drawn 4 times a second while playing: once more now that both stand still.
  await page.waitForFunction(() => {
    const s = window.reluPlayground.getState();
    const cells = [...document.querySelectorAll('.compare-table tbody tr:first-child td')].map((td) => td.textContent);
    return cells.length === 6 && document.querySelector('[data-stat="step"]').textContent.replace(/\D/g, '') === String(s.progress.step);
  }, null, WAIT);
  await page.evaluate(() => document.querySelector('.boundary-host').closest('section').scrollIntoView({ block: 'start' }));
  // Both outputs side by side inside the screen: on a phone they once ran 100 px past it.
  const boxes = await page.$$eval('section[data-control="boundary"] > .boundary-host', (hosts) => hosts.map((host) => host.getBoundingClientRect().toJSON()));
  expect(boxes).toHaveLength(2);
  for (const box of boxes) expect([box.left >= 0, box.right <= viewport.width, box.width > 100]).toEqual([true, true, true]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
  await page.screenshot({ path: join(SHOTS, `compare-${name}.png`) });
  await page.evaluate(() => document.querySelector('.chart-compare-loss').scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: join(SHOTS, `compare-charts-${name}.png`) });
  await page.evaluate(() => document.querySelector('.compare-table').scrollIntoView({ block: 'center' }));
  await page.screenshot({ path: join(SHOTS, `compare-table-${name}.png`) });
});
