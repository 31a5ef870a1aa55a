// End to end: a link to a network past the cost thresholds (web/shared/cost.js)
// opens paused and unbuilt: the estimate shows, the core is not even fetched,
// and the network is built only when the user confirms. Waits are for
// conditions, never fixed times.
import { jest } from '@jest/globals';
import { join } from 'node:path';
import { useViewPage, SHOTS } from './helpers/views.js';
import { waitReady, readStat } from './helpers/browser.js';

const WAIT = { timeout: 90000 };
jest.setTimeout(240000);
const { served } = useViewPage();

// Every path any page or worker asks the server for, since the test's last open()
// (the server's log: a driver's request events miss a worker's fetches in some engines).
async function open(query, viewport) {
  served.server.requested.length = 0;
  const page = await served.open(`index.html${query}`, viewport);
  return page;
}

/** Resolves after n animation frames of the page. */
function frames(page, n) {
  return page.evaluate((count) => new Promise((resolve) => {
    let left = count;
    const tick = () => (--left <= 0 ? resolve() : requestAnimationFrame(tick));
    requestAnimationFrame(tick);
  }), n);
}

const WIDE = `?hidden=${Array(64).fill(1024).join(',')}`;
const gate = '.cost-gate:not([hidden])';

test('a link to 64 x 1024 opens unbuilt with the estimate, and fetches no core until asked', async () => {
  const page = await open(WIDE);
  await page.waitForSelector(gate, WAIT);
  const text = await page.$eval(gate, (node) => node.textContent);
  expect(text).toMatch(/not built yet/);
  expect(text).toMatch(/Parameters\s*66,128,897/); // 64 layers of 1024 units on 2 inputs
  expect(text).toMatch(/Memory\s*1,5\d\d MiB \(the limit is 1,536 MiB\)/);
  expect(text).toMatch(/Time per step/);
  expect(await page.$eval('.relu-playground', (node) => node.dataset.unbuilt)).toBe('true');
  expect(await page.$eval('.relu-playground', (node) => node.dataset.ready)).toBeUndefined();
  // Nothing allocated: the core was never even fetched (the worker asks for it on init).
  await frames(page, 10);
  expect(served.server.requested.filter((url) => /relu-core-.*\.(wasm|mjs)$/.test(url))).toEqual([]);
  // Play does not start an unbuilt network; it says why.
  await page.click('[data-action="play"]');
  await page.waitForFunction(() => /Build the network first/.test(document.querySelector('.notices').textContent), null, WAIT);

  // "Use a small network instead" keeps the link's other settings and builds a small one.
  await page.click(`${gate} [data-action="cancel"]`);
  await waitReady(page);
  expect(served.server.requested.some((url) => /relu-core-.*\.wasm$/.test(url))).toBe(true); // fetched now
  const state = await page.evaluate(() => window.reluPlayground.getState().config);
  expect(state.hidden).toEqual([4, 2]);
  expect(await page.$$(gate)).toHaveLength(0);
});

test('confirming builds the network, which trains and pauses at once', async () => {
  // ~1.3 GFLOP a step: past the FLOP threshold, small enough to build and train in a test.
  const page = await open('?hidden=1024,1024,1024&batchSize=100&numSamples=200&autoplay=true');
  await page.waitForSelector(gate, WAIT);
  expect(await page.$eval(gate, (node) => node.textContent)).toMatch(/Work per step\s*\d+(\.\d)? GFLOP/);
  await page.click(`${gate} [data-action="build"]`);
  await waitReady(page);
  expect(await readStat(page, 'step')).toBe(0);
  // A confirmed network opens paused even when the link says autoplay.
  expect(await page.getAttribute('[data-action="play"]', 'aria-pressed')).toBe('false');
  await page.click('[data-action="play"]');
  await page.waitForFunction(() => Number.parseInt(document.querySelector('[data-stat="step"]').textContent, 10) >= 1, null, WAIT);
  await page.click('[data-action="play"]'); // pause, mid-step most likely
  await page.waitForFunction(() => document.querySelector('[data-action="play"]').getAttribute('aria-pressed') === 'false', null, WAIT);
  // The counter shown may lag the worker by the one snapshot in flight (a pass of this network
  // is evaluated in pieces): it may move once more, and must then settle.
  let paused = await readStat(page, 'step');
  for (let tries = 0; tries < 20; tries++) {
    await frames(page, 10);
    const now = await readStat(page, 'step');
    if (now === paused) break;
    paused = now;
  }
  // Paused means the worker stopped: the step count stays put while the page keeps drawing.
  await frames(page, 30);
  expect(await readStat(page, 'step')).toBe(paused);
});

test('an edit past the threshold asks before rebuilding, and "keep" keeps the network running', async () => {
  const page = await open('?autoplay=false&hidden=8');
  await waitReady(page);
  await page.evaluate(() => window.reluPlayground.setQuery('autoplay=false&hidden=1024,1024,1024&batchSize=500'));
  await page.waitForSelector(gate, WAIT);
  expect(await page.$eval(gate, (node) => node.textContent)).toMatch(/The edited network is large/);
  await page.click(`${gate} [data-action="cancel"]`);
  await page.waitForFunction(() => window.reluPlayground.getState().config.hidden.join() === '8', null, WAIT);
  expect(await page.$$(gate)).toHaveLength(0);
});

test('screenshots of the confirm state (desktop 1280 x 800 and a 360 px phone)', async () => {
  const desktop = await open(WIDE, { width: 1280, height: 800 });
  await desktop.waitForSelector(gate, WAIT);
  await desktop.screenshot({ path: join(SHOTS, 'cost-gate-desktop.png') });
  const phone = await open(WIDE, { width: 360, height: 740 });
  await phone.waitForSelector(gate, WAIT);
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await phone.screenshot({ path: join(SHOTS, 'cost-gate-phone.png') });
});
