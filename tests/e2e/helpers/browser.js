// The browser of an end-to-end run (ENGINE=chromium|firefox, see engine.js),
// with a fresh profile per launch, and pages that collect their console errors
// and page errors in page.errors.
import { ENGINE, launchEngine } from './engine.js';

export { ENGINE };

/** {context, engine, close()}: context.newPage() opens a page with Playwright's API in either engine. */
export async function launchBrowser() {
  return launchEngine();
}

/** A new page whose console errors and uncaught exceptions are recorded in page.errors. */
export async function openPage(context, url, viewport) {
  const page = await context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  page.errors = [];
  page.on('response', (response) => { if (response.status() >= 400) page.errors.push(`http ${response.status()}: ${response.url()}`); });
  page.on('console', (message) => {
    if (message.type() === 'error') page.errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => page.errors.push(`pageerror: ${error.message}${process.env.E2E_STACKS ? error.stack : ''}`));
  await page.goto(url);
  return page;
}

/** Waits until the playground has loaded the core and drawn its first frame. */
export async function waitReady(page, timeout = 60000) {
  await page.waitForSelector('.relu-playground[data-ready="true"]', { timeout });
  await page.waitForFunction(() => document.querySelector('[data-stat="step"]')?.textContent !== '–', null, { timeout });
}

/** Reads a stat shown in the run bar, as a number (NaN when not a number). */
export function readStat(page, name) {
  return page.$eval(`[data-stat="${name}"]`, (node) => Number.parseFloat(node.textContent));
}

/**
 * What the playground shows now, for a failure message: the step counter, the
 * progress the controller last heard of, play and Step buttons, the notices
 * and page.errors. Never throws (a page that cannot answer says so).
 */
export async function describePage(page) {
  let shown;
  try {
    shown = await page.evaluate(() => {
      const text = (selector) => document.querySelector(selector)?.textContent ?? null;
      return {
        step: text('[data-stat="step"]'),
        progress: window.reluPlayground?.getState?.().progress ?? null,
        playing: document.querySelector('[data-action="play"]')?.getAttribute('aria-pressed') ?? null,
        stepButton: document.querySelector('[data-action="step"]')?.disabled ? 'disabled' : 'enabled',
        ready: document.querySelector('.relu-playground')?.dataset.ready ?? null,
        notices: [...document.querySelectorAll('.notice')].map((node) => node.textContent),
      };
    });
  } catch (error) {
    shown = { unreadable: String(error?.message ?? error) };
  }
  return JSON.stringify({ ...shown, errors: page.errors ?? [] }, null, 1);
}

/**
 * page.waitForFunction(fn, arg, options), whose timeout names what was awaited
 * (`what`) and what the page showed then (describePage), so that a failure,
 * a flaky one above all, explains itself.
 */
export async function waitForPage(page, what, fn, arg, options) {
  try {
    return await page.waitForFunction(fn, arg, options);
  } catch (error) {
    throw new Error(`waiting for ${what}: ${error.message.split('\n')[0]}\nthe page then: ${await describePage(page)}`);
  }
}

/**
 * Pixel statistics of a canvas: how many distinct colours (quantised), the
 * share of pixels that are not near-white, and a cheap hash of the pixels.
 */
export function canvasStats(page, selector) {
  return page.$eval(selector, (canvas) => {
    const { width, height } = canvas;
    const data = canvas.getContext('2d').getImageData(0, 0, width, height).data;
    const colours = new Set();
    let inked = 0;
    let hash = 0;
    for (let i = 0; i < data.length; i += 4) {
      const r = data[i];
      const g = data[i + 1];
      const b = data[i + 2];
      const a = data[i + 3];
      colours.add(((r >> 3) << 10) | ((g >> 3) << 5) | (b >> 3));
      if (a > 0 && (r < 235 || g < 235 || b < 235)) inked++;
      hash = (hash * 31 + r + 7 * g + 13 * b + 17 * a) >>> 0;
    }
    return { colours: colours.size, inked: inked / (width * height), hash, width, height };
  });
}

/**
 * Clicks a link of the network diagram between the inputs and the first hidden
 * layer: waits until one is drawn (an opaque pixel 30% across the link canvas)
 * and clicks it there.
 */
export async function clickFirstLayerLink(page, timeout = 90000) {
  const handle = await page.waitForFunction(() => {
    const canvas = document.querySelector('.network-links');
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    const rect = canvas.getBoundingClientRect();
    const ratio = canvas.width / rect.width;
    const x = Math.round(canvas.width * 0.3);
    for (let y = 0; y < canvas.height; y++) {
      if (data[(y * canvas.width + x) * 4 + 3] > 120) return { x: rect.left + x / ratio, y: rect.top + y / ratio + 1 };
    }
    return false;
  }, null, { timeout });
  const point = await handle.jsonValue();
  await page.mouse.click(point.x, point.y);
}

/**
 * Makes the page see prefers-color-scheme as `scheme` ('light' or 'dark').
 * (In Firefox the engine twin answers the page's matchMedia instead: engine.js, MEDIA_SHIM.)
 */
export async function emulateColorScheme(page, scheme) {
  await page.emulateMedia({ colorScheme: scheme });
}

/**
 * Runs `fn(arg)` in every document `page` loads from now on, before the
 * page's own scripts (Playwright's addInitScript; its Firefox twin is
 * puppeteer's evaluateOnNewDocument).
 */
export async function beforePageScripts(page, fn, arg) {
  await page.addInitScript(fn, arg);
}

/**
 * Makes the training worker refuse every `configure` request whose config
 * sets `field` to `value`, as the core refuses a config: the request never
 * reaches the worker (which keeps its state) and the page gets a failed reply
 * naming the field. The page cannot tell it from the core's own refusal.
 * Call before goto.
 */
export async function refuseConfigInWorker(page, { field, value, message }) {
  await beforePageScripts(page, ({ field: name, value: refused, message: text }) => {
    const NativeWorker = window.Worker;
    window.Worker = class extends NativeWorker {
      #listeners = [];
      addEventListener(type, listener, options) {
        if (type === 'message') this.#listeners.push(listener);
        super.addEventListener(type, listener, options);
      }
      postMessage(request, transfer) {
        const config = request?.type === 'configure' ? request.config : null;
        if (config && Object.hasOwn(config, name) && config[name] === refused) {
          const reply = { type: 'reply', id: request.id, ok: false, error: { message: text, field: name } };
          setTimeout(() => { for (const listener of this.#listeners) listener(new MessageEvent('message', { data: reply })); }, 0);
          return;
        }
        super.postMessage(request, transfer);
      }
    };
  }, { field, value, message });
}
