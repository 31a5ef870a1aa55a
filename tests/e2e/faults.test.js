// A trap in the core, in the page: one notice, training goes on from the
// newest checkpoint; a fault that keeps coming back stops the core after three
// restarts and the page stays usable. Repeated notices show a count.
import { jest } from '@jest/globals';
import { join } from 'node:path';
import { useViewPage, SHOTS, DESKTOP, PHONE } from './helpers/views.js';
import { waitReady, readStat } from './helpers/browser.js';

const WAIT = { timeout: 90000 };
jest.setTimeout(180000);
const { served } = useViewPage();

async function open(query) {
  const page = await served.open(`index.html${query}`);
  await waitReady(page);
  return page;
}

const noticeTexts = (page) => page.locator('.notice').allTextContents();

/**
 * The page as it is now, on a desktop (1280x800) and on a phone (360x740),
 * scrolled to the notices. Into docs/screenshots with RELU_UPDATE_SCREENSHOTS=1,
 * else build/screenshots, as the README's screenshots.
 */
async function screenshots(page, name) {
  for (const [suffix, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
    await page.setViewportSize(viewport);
    await page.locator('.notices').scrollIntoViewIfNeeded();
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    await page.screenshot({ path: join(SHOTS, `${name}-${suffix}.png`) });
  }
}

/** Makes the page's core trap for real; resolves to the failed request's message. */
const injectFault = (page) => page.evaluate(() => window.reluPlayground.client.injectFault().then(() => 'no fault', (e) => e.message));

test('a trap restarts the core from the newest checkpoint with one notice, and training goes on', async () => {
  const page = await open('?autoplay=false&seed=5&hidden=4,3');
  await page.evaluate(() => window.reluPlayground.client.step({ steps: 250 }));
  const message = await injectFault(page);
  expect(message).toBe('The core stopped (a memory access out of bounds); restarted from step 250.');
  await page.waitForFunction(() => /restarted from step 250/.test(document.querySelector('.notices').textContent), null, WAIT);
  await page.waitForFunction(() => document.querySelector('[data-stat="step"]').textContent.replace(/\D/g, '') === '250', null, WAIT);
  const notices = await noticeTexts(page);
  expect(notices.filter((t) => /core stopped/.test(t))).toEqual(['The core stopped (a memory access out of bounds); restarted from step 250.×']);

  await screenshots(page, 'notice-restart');

  await page.click('[data-action="play"]');
  await page.waitForFunction(() => Number.parseInt(document.querySelector('[data-stat="step"]').textContent.replace(/\D/g, ''), 10) > 400, null, WAIT);
  await page.click('[data-action="play"]');
  expect(await readStat(page, 'trainLoss')).toBeGreaterThan(0);
});

test('a fault that keeps coming back stops the core after three restarts; the page stays alive and quiet', async () => {
  const page = await open('?autoplay=true&seed=5&hidden=4,3');
  const messages = [];
  for (let i = 0; i < 4; i++) messages.push(await injectFault(page));
  expect(messages.slice(0, 3).every((m) => /restarted from step \d+\.$/.test(m))).toBe(true);
  expect(messages[3]).toMatch(/again after 3 restarts in 10 s; it is not restarted again/);
  await page.waitForFunction(() => /not restarted again/.test(document.querySelector('.notices').textContent), null, WAIT);
  await page.waitForFunction(() => document.querySelector('[data-action="play"]').getAttribute('aria-pressed') === 'false', null, WAIT);
  // Two seconds of frames with a dead core: the snapshot loop backs off and
  // the failures add no notice; the one notice about the core stays.
  await page.waitForTimeout(2000);
  const notices = await noticeTexts(page);
  expect(notices.filter((t) => /core/.test(t))).toHaveLength(1);
  expect(notices.length).toBeLessThanOrEqual(5);
  // The controls still answer.
  await page.click('[data-action="play"]');
  await page.waitForFunction(() => document.querySelectorAll('.notice').length >= 1, null, WAIT);
});

test('the same notice many times is one line with a count', async () => {
  const page = await open('?autoplay=false');
  // Back/forward through a link with a bad field, twelve times: the page tells each time.
  await page.evaluate(() => {
    for (let i = 0; i < 12; i++) {
      window.history.pushState(null, '', `?autoplay=false&learningRate=banana&seed=${i % 2}`);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }
  });
  await page.waitForFunction(() => /\(×12\)/.test(document.querySelector('.notices').textContent), null, WAIT);
  const notices = await noticeTexts(page);
  expect(notices.filter((t) => /learningRate/.test(t))).toEqual([expect.stringMatching(/learningRate: "banana" is not a number.* \(×12\)×$/)]);
  await screenshots(page, 'notice-count');
});
