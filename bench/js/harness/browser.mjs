// Runs the bench page in Debian's headless Chromium through playwright-core
// and collects its results.
import { chromium } from 'playwright-core';
import { serve } from './server.mjs';

export const CHROMIUM_PATH = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * options: {smoke, only: metric id prefixes|null, impls: string[]|null, paths: {...}}
 * (paths: URLs of the bench's artefacts, relative to the repository root).
 * Resolves to {results, checks, errors, userAgent}.
 */
export async function runInChromium(root, options, log) {
  const server = await serve(root);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  try {
    const page = await browser.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') log(`[chromium] ${message.text()}`);
      else if (message.text().startsWith('bench:')) log(message.text().slice(7));
    });
    page.on('pageerror', (error) => log(`[chromium] ${error.message}`));
    await page.goto(`${server.origin}/bench/js/browser/index.html`);
    await page.waitForFunction(() => typeof window.runBench === 'function', null, { timeout: 30000 });
    const outcome = await page.evaluate((opts) => window.runBench(opts), options);
    return { ...outcome, userAgent: await page.evaluate(() => navigator.userAgent), version: browser.version() };
  } finally {
    await browser.close();
    await server.close();
  }
}
