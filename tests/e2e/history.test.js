// The address and the core: back/forward (or an edited fragment) to settings
// the core refuses keeps the rest of that address, as a fresh link does; and
// a core that cannot start says so in the run bar, not "loading core…".
import { jest } from '@jest/globals';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveStatic, removeDir } from './helpers/page-server.js';
import { openPage, refuseConfigInWorker, waitReady } from './helpers/browser.js';
import { useViewPage, SHOTS, DESKTOP, PHONE } from './helpers/views.js';

const WAIT = { timeout: 90000 };
jest.setTimeout(180000);
// Each test checks its page's errors itself: the second expects the missing core's 404s.
const { served } = useViewPage({ checkErrors: false });

/**
 * The page as it is now, on a desktop (1280x800) and a phone (360x740), with
 * the run bar and the notices in view. Into docs/screenshots with
 * RELU_UPDATE_SCREENSHOTS=1, else build/screenshots.
 */
async function screenshots(page, name) {
  for (const [suffix, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
    await page.setViewportSize(viewport);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    await page.screenshot({ path: join(SHOTS, `${name}-${suffix}.png`) });
  }
}

const REFUSAL = 'learningRate: 0.7 is refused by this core (a test)';

test('back to a link the core refuses: only the refused field goes back, the rest of that link is kept', async () => {
  const page = await served.context.newPage();
  page.errors = [];
  page.on('pageerror', (error) => page.errors.push(error.message));
  try {
    await refuseConfigInWorker(page, { field: 'learningRate', value: 0.7, message: REFUSAL });
    // The first entry: a link the core takes.
    await page.goto(`${served.url}index.html#hidden=3&noise=5&autoplay=false`);
    await waitReady(page);
    // A second entry, pushed as a link followed in the page would be.
    await page.evaluate(() => { window.location.hash = 'hidden=6,2&noise=30&learningRate=0.7&autoplay=false'; });
    await page.waitForFunction(() => [...document.querySelectorAll('.notice')].some((n) => /refused/.test(n.textContent)), null, WAIT);
    const seen = await page.evaluate(() => ({
      config: window.reluPlayground.getState().config,
      hash: window.location.hash,
      notices: [...document.querySelectorAll('.notice')].map((n) => n.textContent),
    }));
    // The new link's other fields stay; learningRate alone is back to the default.
    expect(seen.config.hidden).toEqual([6, 2]);
    expect(seen.config.noise).toBe(30);
    expect(seen.config.learningRate).toBe(0.03);
    expect(seen.hash).toMatch(/hidden=6,2/);
    expect(seen.hash).not.toMatch(/learningRate=0\.7/);
    expect(seen.notices.filter((n) => n.includes(REFUSAL))).toHaveLength(1);
    expect(seen.notices.find((n) => n.includes(REFUSAL))).toMatch(/only learningRate changed; the rest of the link is kept/);
    await screenshots(page, 'history-refused-field');

    // Back to the first link, then forward to the refused one again: the same, by popstate.
    await page.evaluate(() => window.history.back());
    await page.waitForFunction(() => window.reluPlayground.getState().config.hidden.join() === '3', null, WAIT);
    await page.evaluate(() => window.history.forward());
    await page.waitForFunction(() => window.reluPlayground.getState().config.hidden.join() === '6,2', null, WAIT);
    const forward = await page.evaluate(() => window.reluPlayground.getState().config);
    expect(forward).toMatchObject({ hidden: [6, 2], noise: 30, learningRate: 0.03 });
    expect(page.errors).toEqual([]);
  } finally {
    await page.close();
  }
});

test('a core that fails to load: the run bar says so, and the notice gives the cause', async () => {
  // This test's own copy of the page, without the core's files: every request for them is a 404.
  const broken = mkdtempSync(join(tmpdir(), 'relu-page-nocore-'));
  cpSync(served.dir, broken, { recursive: true });
  const brokenServer = await serveStatic(broken);
  try {
    const wasmDir = join(broken, 'wasm');
    for (const name of readdirSync(wasmDir)) if (name.startsWith('relu-core-')) rmSync(join(wasmDir, name));
    const page = await openPage(served.context, `${brokenServer.url}index.html#hidden=3`);
    try {
      await page.waitForFunction(() => document.querySelectorAll('.notice-error').length > 0, null, WAIT);
      // The third entry of the run bar's meter names the build, or says how loading went.
      await page.waitForFunction(() => !/loading core/.test(document.querySelector('.meter').children[2].textContent), null, WAIT);
      const seen = await page.evaluate(() => ({
        status: document.querySelector('.meter').children[2].textContent,
        body: document.body.textContent,
        notices: [...document.querySelectorAll('.notice-error')].map((n) => n.textContent),
      }));
      expect(seen.body).not.toMatch(/loading core/);
      expect(seen.status).toMatch(/^core failed to start: /);
      expect(seen.notices.length).toBeGreaterThan(0);
      // Not the link's fault: its settings stay, and nothing says they were refused.
      expect(await page.evaluate(() => window.reluPlayground.getState().config.hidden)).toEqual([3]);
      expect(seen.body).not.toMatch(/refused these settings/);
      await screenshots(page, 'core-failed-status');
      // Only the missing core failed: no script error on the page.
      expect(page.errors.filter((e) => !/relu-core-|http 404|Failed to load resource/.test(e))).toEqual([]);
    } finally {
      await page.close();
    }
  } finally {
    await brokenServer.close();
    removeDir(broken);
  }
});
