// Issue #13 §5: the Regions toggle on the output plot. The plane is coloured
// by linear region, the count under the plot is the one getState() reports
// for the same step, the link keeps the toggle, and a smooth activation gets
// the clear status instead of a count.
import { jest } from '@jest/globals';
import { join } from 'node:path';
import { useViewPage, SHOTS, DESKTOP, PHONE } from './helpers/views.js';

const WAIT = { timeout: 90000 };
jest.setTimeout(180000);

const { open } = useViewPage();

/**
 * Waits until the caption shows the regions of the step the controller last heard of,
 * past `afterStep` (a step request resolves before its snapshot arrives), and returns both.
 */
async function settledRegions(page, afterStep = -1) {
  await page.waitForFunction((after) => {
    const state = window.reluPlayground.getState();
    const caption = document.querySelector('.regions-count');
    return state.regions && state.progress && state.progress.step > after && state.regions.step === state.progress.step &&
      caption && caption.dataset.count === String(state.regions.count);
  }, afterStep, WAIT);
  return page.evaluate(() => ({
    state: window.reluPlayground.getState().regions,
    caption: document.querySelector('.regions-count').textContent,
  }));
}

/** Distinct colours of the output plot's heatmap canvas. */
function heatmapColours(page) {
  return page.$eval('.boundary-canvas', (canvas) => {
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    const colours = new Set();
    for (let i = 0; i < data.length; i += 4) colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
    return colours.size;
  });
}

test('the toggle colours the plane by region, shows the count getState() reports, and the link keeps it', async () => {
  const page = await open('dataset=spiral&hidden=8,8&activation=relu&seed=1&autoplay=false');
  expect(await page.evaluate(() => window.reluPlayground.getState().regions)).toBeNull();
  expect(await page.$eval('.regions-panel', (panel) => panel.hidden)).toBe(true);
  await page.click('[data-control="regions"] input');
  await page.waitForFunction(() => window.location.hash.includes('regions=true'), null, WAIT);

  const first = await settledRegions(page);
  expect(first.state.count).toBeGreaterThan(1);
  expect(first.caption).toBe(`${first.state.count} linear regions on the grid`);
  expect(await page.$eval('.regions-hint', (p) => p.textContent)).toContain('Dashed: where each first-layer unit turns on or off.');
  // One colour per region: the plane shows the patterns, not the output.
  const colours = await heatmapColours(page);
  expect(colours).toBeGreaterThan(1);
  expect(colours).toBeLessThanOrEqual(first.state.count);

  // Training moves the regions; the count follows, step for step.
  await page.evaluate(() => window.reluPlayground.step({ epochs: 20 }));
  const trained = await settledRegions(page, first.state.step);
  expect(trained.state.step).toBeGreaterThan(first.state.step);
  expect(trained.caption).toBe(`${trained.state.count} linear regions on the grid`);

  // The link opens with the toggle on.
  const hash = await page.evaluate(() => window.location.hash.slice(1));
  const again = await open(hash);
  expect(await again.$eval('[data-control="regions"] input', (box) => box.checked)).toBe(true);
  const reopened = await settledRegions(again);
  expect(reopened.state.count).toBeGreaterThan(1);

  // Off again: the plane shows the output and getState() no regions.
  await again.click('[data-control="regions"] input');
  await again.waitForFunction(() => !window.location.hash.includes('regions=true') &&
    window.reluPlayground.getState().regions === null, null, WAIT);
  expect(await again.$eval('.regions-panel', (panel) => panel.hidden)).toBe(true);
});

test('a sigmoid network says why there are no regions', async () => {
  const page = await open('hidden=4&activation=sigmoid&regions=true&autoplay=false');
  await page.waitForFunction(() => window.reluPlayground.getState().regions?.error, null, WAIT);
  const state = await page.evaluate(() => window.reluPlayground.getState().regions);
  expect(state).toMatchObject({
    count: 0,
    error: 'regions need piecewise-linear activations (linear, relu, leaky-relu, prelu); hidden layer 1 is sigmoid',
  });
  await page.waitForFunction(() => document.querySelector('.regions-count')?.textContent.startsWith('No regions'), null, WAIT);
  expect(await page.$eval('.regions-count', (p) => p.textContent)).toBe(`No regions: ${state.error}.`);
  // The output heatmap is still drawn: many shades, not one colour per region.
  expect(await heatmapColours(page)).toBeGreaterThan(8);
});

test.each([['desktop', DESKTOP], ['phone', PHONE]])('screenshot of the regions view (%s)', async (name, viewport) => {
  const page = await open('lesson=relu-spiral&regions=true&autoplay=false', viewport);
  await page.evaluate(() => window.reluPlayground.step({ epochs: 60 }));
  const { state } = await settledRegions(page);
  expect(state.count).toBeGreaterThan(1);
  await page.evaluate(() => document.querySelector('.boundary-host').closest('section').scrollIntoView({ block: 'start' }));
  // The count and its note once widened the plot's column past a phone's screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
  await page.screenshot({ path: join(SHOTS, `regions-${name}.png`) });
});
