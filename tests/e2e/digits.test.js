// Issue #15, the page's minimum: with dataset=digits the output panel shows
// test digits, a live confusion matrix and per-class accuracy instead of a
// plane; a bad combination is refused with a notice naming the field.
import { jest } from '@jest/globals';
import { join } from 'node:path';
import { useViewPage, SHOTS, DESKTOP, PHONE } from './helpers/views.js';

const WAIT = { timeout: 120000 };
jest.setTimeout(240000);
const TEST_DIGITS = 898; // 1,797 images, round(1797 * 0.5) = 899 of them to train on

const { open } = useViewPage();

/** The matrix as the page holds it: its total and diagonal, and the state's step. */
const matrix = (page) => page.evaluate(() => {
  const table = document.querySelector('.digits-confusion');
  return { total: Number(table?.dataset.total ?? -1), correct: Number(table?.dataset.correct ?? -1) };
});

test('dataset=digits trains: the confusion matrix covers the test set and its diagonal grows', async () => {
  // autoplay=false: "before" must be the untrained network, or a later frame may
  // show one digit fewer right than a frame the page had already trained to.
  const page = await open('dataset=digits&hidden=32&optimizer=adam&learningRate=0.003&batchSize=32&autoplay=false');
  const state = await page.evaluate(() => window.reluPlayground.getState());
  expect(state.config.dataset).toBe('digits');
  expect(state.config.problem).toBe('multiclass'); // digits brings it
  // Before training: the first full pass fills the matrix with the untrained network's guesses.
  await page.waitForFunction((total) => Number(document.querySelector('.digits-confusion')?.dataset.total) === total, TEST_DIGITS, WAIT);
  const before = await matrix(page);
  expect(before.correct).toBeLessThan(0.5 * TEST_DIGITS); // ten classes: an untrained net is near 10%
  expect(await page.$eval('.digits-view', (view) => view.hidden)).toBe(false);
  expect(await page.$eval('.boundary-stack', (stack) => getComputedStyle(stack).display)).toBe('none');
  expect(await page.$$eval('.digits-grid .digit', (items) => items.length)).toBe(40);
  await page.evaluate(() => window.reluPlayground.play());
  // Learning: far past the untrained count, on every test digit.
  await page.waitForFunction((floor) => {
    const table = document.querySelector('.digits-confusion');
    return Number(table?.dataset.total) === 898 && Number(table.dataset.correct) > floor;
  }, Math.max(before.correct, 0.8 * TEST_DIGITS), WAIT);
  await page.evaluate(() => window.reluPlayground.pause());
  await page.waitForFunction(() => window.reluPlayground.getState().playing === false, null, WAIT);
  const after = await matrix(page);
  expect(after.total).toBe(TEST_DIGITS);
  expect(after.correct).toBeGreaterThan(Math.max(before.correct, 0.5 * TEST_DIGITS));
  // Ten rows of ten counts and a per-class accuracy each; the counts add up to the total.
  const rows = await page.$$eval('.digits-confusion tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
  expect(rows).toHaveLength(10);
  const counted = rows.reduce((sum, row) => sum + row.slice(0, 10).reduce((s, cell) => s + Number(cell || 0), 0), 0);
  expect(counted).toBe(after.total);
  for (const row of rows) expect(row[10]).toMatch(/^\d+%$/);
  // Every shown digit has a predicted label.
  expect(await page.$$eval('.digits-grid .digit-label', (labels) => labels.every((l) => /^\d( \(\d\))?$/.test(l.textContent)))).toBe(true);
});

test('digits with a binary problem: a notice names the field, and the page still trains the rest', async () => {
  const page = await open('dataset=digits&problem=binary');
  const notices = await page.$$eval('.notice', (items) => items.map((n) => n.textContent));
  expect(notices.some((n) => n.includes('problem') && n.includes('multiclass'))).toBe(true);
  const state = await page.evaluate(() => window.reluPlayground.getState());
  expect(state.config.problem === 'multiclass' || state.config.dataset !== 'digits').toBe(true);
});

test.each([['desktop', DESKTOP], ['phone', PHONE]])('screenshot of the digits view (%s)', async (name, viewport) => {
  const page = await open('dataset=digits&hidden=64,32&optimizer=adam&learningRate=0.003&batchSize=32', viewport);
  await page.evaluate(() => window.reluPlayground.play());
  await page.waitForFunction(() => Number(document.querySelector('.digits-confusion')?.dataset.correct) > 780, null, WAIT);
  await page.evaluate(() => window.reluPlayground.pause());
  await page.waitForFunction(() => window.reluPlayground.getState().playing === false, null, WAIT);
  await page.evaluate(() => document.querySelector('.digits-view').scrollIntoView({ block: 'start' }));
  // The matrix fits its panel unscrolled, and nothing runs past the screen.
  const [shown, needed] = await page.$eval('.digits-matrix', (m) => [m.clientWidth, m.scrollWidth]);
  expect(needed).toBeLessThanOrEqual(shown);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
  await page.screenshot({ path: join(SHOTS, `digits-${name}.png`) });
  // The settings under the output can be reached: a tall digits view once stuck over them on a phone.
  const reachable = await page.evaluate(() => {
    const input = document.querySelector('section[data-control="hyper"] select');
    input.scrollIntoView({ block: 'center' });
    const box = input.getBoundingClientRect();
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return hit === input || input.contains(hit);
  });
  expect(reachable).toBe(true);
});

test('compare mode on digits: runs A and B each show their test digits and a confusion matrix over the whole test set', async () => {
  const page = await open('dataset=digits&hidden=16&optimizer=adam&learningRate=0.003&b.learningRate=0.03&autoplay=false');
  await page.evaluate(() => window.reluPlayground.step({ steps: 200 }));
  await page.waitForFunction((total) => {
    const tables = [...document.querySelectorAll('.digits-confusion')];
    return tables.length === 2 && tables.every((t) => Number(t.dataset.total) === total);
  }, TEST_DIGITS, WAIT);
  const views = await page.$$eval('section[data-control="boundary"] > .boundary-host', (hosts) => hosts.map((host) => ({
    b: host.classList.contains('compare-b-host'), digits: host.classList.contains('showing-digits'), shown: !host.querySelector('.digits-view').hidden,
  })));
  expect(views).toEqual([{ b: false, digits: true, shown: true }, { b: true, digits: true, shown: true }]);
  const state = await page.evaluate(() => window.reluPlayground.getState());
  expect(state.compare.config.learningRate).toBe(0.03);
  expect(state.compare.config.dataset).toBe('digits');
});
