// Issue #15, "Draw a digit": with dataset=digits a canvas beside the test
// digits takes a drawing (synthetic pointer events), reduces it to 8x8 and
// shows the live network's prediction, its ten probabilities and the hidden
// units that fire; a test digit loaded instead gets the prediction the digits
// grid shows for it. Hidden for the other datasets.
import { jest } from '@jest/globals';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './helpers/page-server.js';
import { waitReady } from './helpers/browser.js';
import { useServedPage } from './helpers/served-page.js';

const WAIT = { timeout: 120000 };
jest.setTimeout(300000);
const SHOTS = join(repoRoot, process.env.RELU_UPDATE_SCREENSHOTS === '1' ? 'docs/screenshots' : 'build/screenshots');
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 360, height: 740 };
const TEST_DIGITS = 898;
const TRAINED = 'dataset=digits&hidden=32&optimizer=adam&learningRate=0.003&batchSize=32&autoplay=false';

const served = useServedPage();
beforeAll(() => mkdirSync(SHOTS, { recursive: true }));

async function open(fragment, viewport = DESKTOP) {
  const page = await served.open(`index.html#${fragment}`, viewport);
  await waitReady(page);
  return page;
}

/** Trains until the confusion matrix says more than 85% right, then pauses. */
async function trained(viewport, extra = '') {
  const page = await open(TRAINED + extra, viewport);
  await page.waitForFunction((total) => Number(document.querySelector('.digits-confusion')?.dataset.total) === total, TEST_DIGITS, WAIT);
  await page.evaluate(() => window.reluPlayground.play());
  await page.waitForFunction((floor) => Number(document.querySelector('.digits-confusion')?.dataset.correct) > floor, 0.85 * TEST_DIGITS, WAIT);
  await page.evaluate(() => window.reluPlayground.pause());
  await page.waitForFunction(() => window.reluPlayground.getState().playing === false, null, WAIT);
  return page;
}

/** Waits until the panel has answered its latest drawing; returns what it shows. */
async function answer(page) {
  await page.waitForFunction(() => {
    const panel = document.querySelector('.draw-digit');
    return panel.dataset.answered === panel.dataset.version && panel.dataset.state !== 'asking';
  }, null, WAIT);
  return page.evaluate(() => {
    const panel = document.querySelector('.draw-digit');
    return {
      state: panel.dataset.state,
      predicted: panel.dataset.predicted,
      probabilities: panel.dataset.probabilities ? JSON.parse(panel.dataset.probabilities) : [],
      shown: panel.querySelector('.draw-predicted')?.textContent ?? null,
      bars: [...panel.querySelectorAll('.draw-bar')].map((bar) => bar.textContent),
      layers: [...panel.querySelectorAll('.draw-layer-caption')].map((caption) => caption.textContent),
    };
  });
}

/** A vertical stroke down the middle of the canvas, as a mouse draws it. */
async function drawOne(page) {
  // Wholly in view, so the pointer lands where it is measured: scrolled again
  // while the page's frames still move the layout (or a smooth scroll runs).
  await page.waitForFunction(() => {
    const canvas = document.querySelector('.draw-canvas');
    const { top, bottom } = canvas.getBoundingClientRect();
    if (top >= 0 && bottom <= window.innerHeight) return true;
    canvas.scrollIntoView({ block: 'center', behavior: 'instant' });
    return false;
  }, null, WAIT);
  const box = await page.$eval('.draw-canvas', (canvas) => {
    const { left, top, width, height } = canvas.getBoundingClientRect();
    return { left, top, width, height };
  });
  const x = box.left + box.width / 2;
  await page.mouse.move(x, box.top + box.height * 0.15);
  await page.mouse.down();
  await page.mouse.move(x + 2, box.top + box.height * 0.5, { steps: 4 });
  await page.mouse.move(x + 4, box.top + box.height * 0.85, { steps: 4 });
  await page.mouse.up();
}

/** Loads test digit `index` of the sample as a keyboard user would pick it from the list. */
async function loadTest(page, index) {
  await page.evaluate((value) => {
    const select = document.querySelector('.draw-test');
    select.focus();
    select.value = String(value);
    select.dispatchEvent(new Event('change', { bubbles: true }));
  }, index);
}

test('a drawn 1 and a loaded test digit get the live network\'s prediction, probabilities and hidden units', async () => {
  const page = await trained(DESKTOP);
  expect(await page.$eval('.draw-digit', (panel) => panel.hidden)).toBe(false);
  expect(await page.$eval('.draw-canvas', (canvas) => getComputedStyle(canvas).touchAction)).toBe('none');
  expect((await answer(page)).state).toBe('empty');

  await drawOne(page);
  const drawn = await answer(page);
  expect(drawn.state).toBe('shown');
  expect(drawn.predicted).toMatch(/^\d$/);
  expect(drawn.shown).toBe(drawn.predicted);
  expect(drawn.probabilities).toHaveLength(10);
  expect(drawn.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
  expect(drawn.probabilities.indexOf(Math.max(...drawn.probabilities))).toBe(Number(drawn.predicted));
  // Every bar names its digit and its value in text.
  drawn.bars.forEach((text, digit) => expect(text).toMatch(new RegExp(`^${digit}\\d+(\\.\\d)?%$`)));
  expect(drawn.layers).toHaveLength(1);
  expect(drawn.layers[0]).toMatch(/^Hidden layer 1: \d+ of 32 units fire$/);
  // The stroke reached the 8x8 image as one column of ink in the middle.
  const seen = await page.$eval('.draw-seen', (canvas) => {
    const data = canvas.getContext('2d').getImageData(0, 0, 8, 8).data;
    return Array.from({ length: 8 }, (_, col) => Array.from({ length: 8 }, (_, row) => data[(row * 8 + col) * 4 + 3]).reduce((a, b) => a + b, 0));
  });
  expect(seen[3] + seen[4]).toBeGreaterThan(0);
  expect(seen[0] + seen[1] + seen[6] + seen[7]).toBe(0);

  // Test digits from the list: the panel's answer is the grid's prediction for each.
  const grid = await page.$$eval('.digits-grid .digit-label', (labels) => labels.map((label) => label.textContent.split(' ')[0]));
  for (const index of [0, 1, 2, 3, 4, 5]) {
    await loadTest(page, index);
    await page.waitForFunction((expected) => {
      const panel = document.querySelector('.draw-digit');
      return panel.dataset.answered === panel.dataset.version && panel.dataset.predicted === expected;
    }, grid[index], WAIT);
    const loaded = await answer(page);
    expect(loaded.predicted).toBe(grid[index]);
    expect(loaded.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
  }

  await page.click('.draw-clear');
  expect((await answer(page)).state).toBe('empty');
});

test('the draw panel is hidden for a dataset in the plane', async () => {
  const page = await open('dataset=spiral&autoplay=false');
  expect(await page.$eval('.draw-digit', (panel) => panel.hidden)).toBe(true);
});

test.each([['desktop', DESKTOP, ''], ['phone', PHONE, ''], ['phone-dark', PHONE, '&theme=dark']])('screenshot of the draw panel (%s)', async (name, viewport, extra) => {
  const page = await trained(viewport, extra);
  await drawOne(page);
  expect((await answer(page)).state).toBe('shown');
  await page.evaluate(() => document.querySelector('.draw-digit').scrollIntoView({ block: 'center', behavior: 'instant' }));
  // The panel fits the phone's width: nothing wider than the viewport.
  expect(await page.$eval('.draw-digit', (panel) => panel.getBoundingClientRect().right)).toBeLessThanOrEqual(viewport.width);
  await page.screenshot({ path: join(SHOTS, `draw-digit-${name}.png`) });
});
