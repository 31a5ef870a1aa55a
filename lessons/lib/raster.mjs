// SVG to PNG through Debian's chromium (playwright-core drives it; no browser
// is downloaded). One browser serves every plot of a run.

import { chromium } from 'playwright-core';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

export async function openRasterizer({ executablePath = process.env.RELU_CHROMIUM ?? '/usr/bin/chromium' } = {}) {
  const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  return {
    /** Writes the SVG (a string with width/height attributes) as a PNG file. */
    async toPng(svg, path) {
      const width = Number(/width="(\d+(?:\.\d+)?)"/.exec(svg)?.[1] ?? 640);
      const height = Number(/height="(\d+(?:\.\d+)?)"/.exec(svg)?.[1] ?? 400);
      await page.setViewportSize({ width: Math.ceil(width), height: Math.ceil(height) });
      await page.setContent(`<!doctype html><html><body style="margin:0;background:#fff">${svg}</body></html>`);
      await page.screenshot({ path, clip: { x: 0, y: 0, width: Math.ceil(width), height: Math.ceil(height) } });
    },
    close: () => browser.close(),
  };
}
