// Issue #15, what each unit looks for on digits: first-layer tiles draw the
// unit's 64 incoming weights as an 8x8 image, deeper tiles name the test digit
// that excites them most; the data panel hides the plane's fields for digits
// and shows them again, values kept, for a plane dataset.
import { jest } from '@jest/globals';
import { join } from 'node:path';
import { useViewPage, SHOTS, DESKTOP, PHONE } from './helpers/views.js';

const WAIT = { timeout: 120000 };
jest.setTimeout(240000);

const { open } = useViewPage();

/** What the diagram says it drew: its data attributes and its tiles' descriptions. */
const tiles = (page) => page.evaluate(() => {
  const canvas = document.querySelector('.network-canvas');
  return {
    weightTiles: Number(canvas.dataset.weightTiles ?? -1),
    weightColors: Number(canvas.dataset.weightColors ?? -1),
    digitTiles: Number(canvas.dataset.digitTiles ?? -1),
    words: [...document.querySelectorAll('.network-tiles li')].map((li) => li.textContent),
  };
});

/**
 * Trains a few epochs and waits until a full pass after them has reached the
 * page: the confusion matrix far past an untrained network's ~10% right, and
 * the diagram drawn from a snapshot with digits.
 */
async function trainALittle(page) {
  await page.evaluate(() => window.reluPlayground.step({ epochs: 3 }));
  await page.waitForFunction(() => Number(document.querySelector('.digits-confusion')?.dataset.correct) > 449
    && Number(document.querySelector('.network-canvas')?.dataset.digitTiles) > 0, null, WAIT);
}

test('first-layer tiles are 8x8 weight images, deeper tiles name the test digit that excites them most', async () => {
  const page = await open('dataset=digits&hidden=16,8&autoplay=false&optimizer=adam&learningRate=0.003');
  await page.waitForFunction(() => Number(document.querySelector('.network-canvas')?.dataset.weightTiles) === 16, null, WAIT);
  await trainALittle(page);
  const drawn = await tiles(page);
  expect(drawn.weightTiles).toBe(16);
  expect(drawn.weightColors).toBeGreaterThan(8); // a random 8x8 weight image, not a flat placeholder
  const first = drawn.words.filter((w) => w.includes('of layer 1:'));
  expect(first).toHaveLength(16);
  expect(first[2]).toBe('unit 3 of layer 1: its incoming weights as an 8x8 image');
  // Layer 2's 8 units and the 10 outputs: each names a digit, or says why it names none (dead).
  const deeper = drawn.words.filter((w) => !w.includes('of layer 1:'));
  expect(deeper).toHaveLength(18);
  for (const words of deeper) expect(words).toMatch(/the test digit that excites it most: a \d \(activation -?[\d.e+-]+\)$|dead \(zero on every training sample\)/);
  expect(deeper.filter((w) => w.startsWith('output')).every((w) => /excites it most: a \d/.test(w))).toBe(true);
  expect(drawn.digitTiles).toBe(deeper.filter((w) => /excites it most: a \d/.test(w)).length);
  // The caption gives the weights' one scale.
  expect(await page.$eval('.network-caption', (p) => p.textContent)).toMatch(/8×8 image.*one scale per layer, ±[\d.]+, so weak units look faint/);
});

test('the data panel hides noise and samples for digits and brings them back, values kept, for spiral', async () => {
  const page = await open('dataset=spiral&noise=20&numSamples=300&autoplay=false');
  // Laid out or not, with the data panel's "More" fold open.
  const shown = () => page.evaluate(() => {
    document.querySelector('.panel[data-control="data"] details.more-settings').open = true;
    return Object.fromEntries(['noise', 'numSamples', 'features', 'customData', 'batchSize']
      .map((name) => [name, document.querySelector(`.panel [data-control="${name}"]`).getClientRects().length > 0]));
  });
  expect(await shown()).toEqual({ noise: true, numSamples: true, features: true, customData: true, batchSize: true });
  await page.evaluate(() => window.reluPlayground.setState({ dataset: 'digits', problem: 'multiclass' }));
  await page.waitForFunction(() => window.reluPlayground.getState().config.dataset === 'digits', null, WAIT);
  await page.waitForFunction(() => !document.querySelector('.data-description')?.hidden, null, WAIT);
  expect(await shown()).toEqual({ noise: false, numSamples: false, features: false, customData: false, batchSize: true });
  expect(await page.$eval('.data-description', (p) => p.textContent)).toMatch(/^1,797 handwritten digits, 8×8 pixels each, 10 classes: 899 to train on, 898 to test/); // the default training share, 0.5
  // The hidden fields' values stay in the state and the address.
  let state = await page.evaluate(() => window.reluPlayground.getState());
  expect([state.config.noise, state.config.numSamples]).toEqual([20, 300]);
  await page.waitForFunction(() => /noise=20/.test(window.location.href) && /dataset=digits/.test(window.location.href), null, WAIT);
  await page.evaluate(() => window.reluPlayground.setState({ dataset: 'spiral', problem: 'binary' }));
  await page.waitForFunction(() => Boolean(document.querySelector('.data-description')?.hidden), null, WAIT);
  expect(await shown()).toEqual({ noise: true, numSamples: true, features: true, customData: true, batchSize: true });
  state = await page.evaluate(() => window.reluPlayground.getState());
  expect([state.config.noise, state.config.numSamples]).toEqual([20, 300]);
  expect(await page.$eval('.panel [data-control="noise"] input', (input) => Number(input.value))).toBe(20);
});

test.each([['desktop', DESKTOP], ['phone', PHONE]])('screenshot of the digits diagram (%s)', async (name, viewport) => {
  // On a phone the output panel (forty digits) stays in view above the rest: folded here, the diagram shows.
  const fold = name === 'phone' ? '&collapse=boundary' : '';
  const page = await open(`dataset=digits&hidden=16,8&autoplay=false&optimizer=adam&learningRate=0.003${fold}`, viewport);
  await trainALittle(page);
  await page.evaluate(() => document.querySelector('.network-canvas').scrollIntoView({ block: 'center' }));
  await page.screenshot({ path: join(SHOTS, `digits-tiles-${name}.png`) });
});
