// Issue #15, lessons on real data: a digits lesson's link opens its preset
// on the digits (the digits view, the lesson's summary, the menu showing it),
// and the Lessons menu lists every digits lesson.
import { jest } from '@jest/globals';
import { join } from 'node:path';
import { useViewPage, SHOTS, DESKTOP, PHONE } from './helpers/views.js';
import { PRESETS } from '../../web/shared/presets.js';

const WAIT = { timeout: 120000 };
jest.setTimeout(240000);
const LESSON = 'digits-prelu-spiral';

const { open } = useViewPage();

test('a digits lesson link opens its preset on the digits, with its summary, and trains', async () => {
  const preset = PRESETS.find((p) => p.id === LESSON);
  const page = await open(`lesson=${LESSON}&autoplay=false`);
  const state = await page.evaluate(() => window.reluPlayground.getState());
  expect(state.ui.lesson).toBe(LESSON);
  expect(state.config).toMatchObject({ dataset: 'digits', problem: 'multiclass', hidden: preset.config.hidden, activation: 'prelu', seed: preset.config.seed });
  expect(await page.$eval('.lesson-summary', (p) => p.textContent)).toBe(preset.summary);
  expect(await page.$eval('.digits-view', (view) => view.hidden)).toBe(false);
  // The untrained network's first pass fills the confusion matrix with every test digit.
  await page.waitForFunction(() => Number(document.querySelector('.digits-confusion')?.dataset.total) === 898, null, WAIT);
});

test('the Lessons menu lists every digits lesson by its own title', async () => {
  const page = await open('autoplay=false');
  const listed = await page.$$eval('[data-control="lessons"] option', (options) => options.map((o) => [o.value, o.textContent]));
  const digits = PRESETS.filter((p) => p.config.dataset === 'digits');
  expect(digits.length).toBeGreaterThanOrEqual(6);
  for (const preset of digits) expect(listed).toContainEqual([preset.id, preset.title]);
});

test.each([['desktop', DESKTOP], ['phone', PHONE]])('screenshot of a digits lesson (%s)', async (name, viewport) => {
  const page = await open(`lesson=${LESSON}`, viewport);
  // Trained a while, so the diagnostics show the slopes moved from 0.25.
  await page.waitForFunction(() => (window.reluPlayground.getState().progress?.epoch ?? 0) >= 5, null, WAIT);
  await page.evaluate(() => window.reluPlayground.pause());
  await page.waitForFunction(() => window.reluPlayground.getState().playing === false, null, WAIT);
  await page.evaluate(() => document.querySelector('[data-control="lessons"]').scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: join(SHOTS, `digits-lesson-${name}.png`) });
});
