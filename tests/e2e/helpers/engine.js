// The browser engine an end-to-end run drives, picked by ENGINE=chromium|firefox
// (chromium when unset). Tests see one API either way: Playwright's, as far as
// the suite uses it. Chromium is driven by playwright-core as it is; Firefox
// (Debian's firefox-esr, over WebDriver BiDi) by puppeteer-core, behind the
// twin classes below, which translate the differences:
// - waitForFunction(fn, arg, options): Puppeteer takes (fn, options, ...args).
// - locators (locator, getByLabel, getByRole) are resolved in the page by the
//   small matcher in LOCATE below, retried until they find something.
// - downloads: Firefox has no download event over BiDi; the page's blob
//   downloads (an <a download> clicked) are recorded in the page instead.
// - a test that needs a response changed or refused does it in the server
//   (serveStatic's overrides), which serves both engines alike.
// - media preferences (prefers-color-scheme, prefers-reduced-motion): Firefox
//   has no emulation over BiDi, so emulateMedia answers the page's own
//   matchMedia() (which is how the page reads both) through MEDIA_SHIM.
// - screenshots go into a firefox/ folder beside the path asked for, so the
//   committed (Chromium) pictures in docs/screenshots are never replaced.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';

export const ENGINES = ['chromium', 'firefox'];
/** The engine this run drives. */
export const ENGINE = process.env.ENGINE || 'chromium';
if (!ENGINES.includes(ENGINE)) throw new Error(`ENGINE=${ENGINE}: the end-to-end tests run in ${ENGINES.join(' or ')}`);

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];
export const DEFAULT_VIEWPORT = { width: 1280, height: 900 };
/** How long a locator action waits for its element (Playwright's default). */
const ACTION_TIMEOUT_MS = 30000;

/** Launches the engine with a fresh profile: {context, engine, close()}; context.newPage() opens pages. */
export async function launchEngine() {
  return ENGINE === 'firefox' ? launchFirefox() : launchChromium();
}

async function launchChromium() {
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'relu-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS, viewport: DEFAULT_VIEWPORT,
  });
  return {
    engine: 'chromium',
    context,
    profile,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

async function launchFirefox() {
  const { default: puppeteer } = await import('puppeteer-core');
  const browser = await puppeteer.launch({
    browser: 'firefox', executablePath: '/usr/bin/firefox-esr', headless: true, defaultViewport: DEFAULT_VIEWPORT,
    // A 30 Hz display: the page must not assume 60 frames a second (readers' screens
    // run at 30 to 144), and drawing half as often cuts Firefox's CPU by 40% on two
    // cores shared with Chromium's run and the compilers (the worker's training is
    // paced by its own clock, so the steps per second stay the same).
    extraPrefsFirefox: { 'layout.frame_rate': 30 },
  });
  const context = new FirefoxContext(await browser.createBrowserContext());
  return {
    engine: 'firefox',
    context,
    async close() {
      await browser.close();
      context.removeFiles();
    },
  };
}

// --- Firefox: a Playwright-shaped context and page over Puppeteer --------------

/**
 * Installed in every Firefox document before the page's scripts: matchMedia()
 * answers the preferences emulateMedia() sets (window.__emulatedMedia.set) and
 * fires 'change' on the lists whose answer changed; any other query, or a
 * preference not set, is the browser's own.
 */
function MEDIA_SHIM() {
  const nativeMatchMedia = window.matchMedia.bind(window);
  const preferences = {};
  const lists = [];
  const emulated = (query) => {
    const match = /^\s*\(\s*(prefers-[a-z-]+)\s*:\s*([a-z-]+)\s*\)\s*$/.exec(query);
    return match && Object.hasOwn(preferences, match[1]) ? preferences[match[1]] === match[2] : null;
  };
  window.matchMedia = (query) => {
    const real = nativeMatchMedia(query);
    const listeners = new Set();
    const list = {
      media: real.media,
      onchange: null,
      get matches() { return emulated(query) ?? real.matches; },
      addEventListener(type, listener) { if (type === 'change') listeners.add(listener); },
      removeEventListener(type, listener) { if (type === 'change') listeners.delete(listener); },
      addListener(listener) { listeners.add(listener); },
      removeListener(listener) { listeners.delete(listener); },
      dispatchEvent() { return true; },
    };
    let last = list.matches;
    const notify = () => {
      if (list.matches === last) return;
      last = list.matches;
      const event = { type: 'change', matches: last, media: list.media };
      for (const listener of listeners) listener(event);
      list.onchange?.(event);
    };
    real.addEventListener('change', notify);
    lists.push(notify);
    return list;
  };
  window.__emulatedMedia = {
    set(features) {
      Object.assign(preferences, features);
      for (const notify of lists) notify();
    },
  };
}

class FirefoxContext {
  constructor(context) {
    this.raw = context;
    this.initScripts = [];
    this.listeners = { request: [] };
    this.fileDir = mkdtempSync(join(tmpdir(), 'relu-firefox-files-'));
  }

  /** A script run in every document (and frame) of the pages opened afterwards, before the page's own. */
  async addInitScript(fn) {
    this.initScripts.push(fn);
  }

  on(event, listener) {
    if (!this.listeners[event]) throw new Error(`context.on('${event}') has no Firefox twin`);
    this.listeners[event].push(listener);
  }

  route() {
    throw new Error('context.route has no Firefox twin: change the response in the server (serveStatic overrides)');
  }

  async newPage() {
    // A window of its own, as each Playwright page is: a second tab in one window would be a
    // background tab, whose animation frames Firefox holds back (pages open at once would starve).
    const raw = await this.raw.newPage({ type: 'window' });
    await raw.evaluateOnNewDocument(RECORD_DOWNLOADS);
    await raw.evaluateOnNewDocument(MEDIA_SHIM);
    for (const script of this.initScripts) await raw.evaluateOnNewDocument(script);
    raw.on('request', (request) => { for (const listener of this.listeners.request) listener(request); });
    return new FirefoxPage(raw, this);
  }

  removeFiles() {
    rmSync(this.fileDir, { recursive: true, force: true });
  }
}

/** In the page: remembers each blob made into a URL, and records a click on an <a download> as a download. */
function RECORD_DOWNLOADS() {
  const blobs = new Map();
  const makeUrl = URL.createObjectURL;
  URL.createObjectURL = function createObjectURL(object) {
    const url = makeUrl.call(URL, object);
    if (object instanceof Blob) blobs.set(url, object);
    return url;
  };
  window.__e2eDownloads = [];
  const click = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function recordDownload() {
    if (!this.hasAttribute('download')) return click.call(this);
    const blob = blobs.get(this.href);
    const entry = { name: this.download, bytes: null };
    window.__e2eDownloads.push(entry);
    const read = blob ? blob.arrayBuffer() : fetch(this.href).then((response) => response.arrayBuffer());
    read.then((buffer) => {
      let binary = '';
      const view = new Uint8Array(buffer);
      for (let i = 0; i < view.length; i += 0x8000) binary += String.fromCharCode(...view.subarray(i, i + 0x8000));
      entry.bytes = btoa(binary);
    });
    return undefined;
  };
}

/** The in-page matcher behind locators: the elements a chain of steps finds, in document order. */
function LOCATE(steps) {
  const root = document;
  const normal = (text) => (text ?? '').replace(/\s+/g, ' ').trim();
  const matches = (text, want) => {
    const value = normal(text);
    if (want.regex) return new RegExp(want.regex.source, want.regex.flags).test(value);
    return want.exact ? value === want.text : value.toLowerCase().includes(normal(want.text).toLowerCase());
  };
  const ownText = (node) => {
    const copy = node.cloneNode(true);
    for (const control of copy.querySelectorAll('input, select, textarea, button')) control.remove();
    return copy.textContent;
  };
  const byIds = (node, attribute) => (node.getAttribute(attribute) ?? '').split(/\s+/).filter(Boolean)
    .map((id) => node.ownerDocument.getElementById(id)?.textContent ?? '').join(' ');
  const labels = (node) => {
    const found = [];
    if (node.hasAttribute('aria-labelledby')) found.push(byIds(node, 'aria-labelledby'));
    if (node.hasAttribute('aria-label')) found.push(node.getAttribute('aria-label'));
    for (const label of node.labels ?? []) found.push(ownText(label));
    return found;
  };
  const IMPLICIT = {
    button: 'button, input[type="button"], input[type="submit"], input[type="reset"]',
    spinbutton: 'input[type="number"]',
    slider: 'input[type="range"]',
    checkbox: 'input[type="checkbox"]',
    radio: 'input[type="radio"]',
    combobox: 'select:not([multiple]):not([size])',
    listbox: 'select[multiple], select[size]',
    textbox: 'textarea, input:not([type]), input[type="text"], input[type="search"], input[type="email"], input[type="url"]',
    link: 'a[href]',
    status: 'output',
  };
  const visible = (node) => node.getClientRects().length > 0 && getComputedStyle(node).visibility !== 'hidden';
  const nameOf = (node) => {
    const named = labels(node).map(normal).filter(Boolean);
    if (named.length) return named[0];
    if (node.matches('button, a, [role="button"], [role="link"]')) return node.textContent;
    return node.getAttribute('title') ?? node.getAttribute('placeholder') ?? '';
  };
  // Scopes and their open shadow roots, as Playwright's CSS engine sees through them.
  const query = (scope, css) => {
    const found = [...scope.querySelectorAll(css)];
    for (const node of scope.querySelectorAll('*')) if (node.shadowRoot) found.push(...query(node.shadowRoot, css));
    return found;
  };
  const all = (scope) => query(scope, '*');
  let found = [root];
  for (const step of steps) {
    const next = [];
    for (const scope of found) {
      let candidates;
      if (step.css) candidates = query(scope, step.css);
      else if (step.label) candidates = all(scope).filter((node) => labels(node).some((text) => matches(text, step.label)));
      else {
        const css = [`[role="${step.role}"]`, IMPLICIT[step.role]].filter(Boolean).join(', ');
        candidates = query(scope, css)
          .filter((node) => (node.getAttribute('role') ?? step.role) === step.role && visible(node))
          .filter((node) => !step.name || matches(nameOf(node), step.name));
      }
      if (step.has) candidates = candidates.filter((node) => node.querySelector(step.has));
      if (step.hasText) candidates = candidates.filter((node) => normal(node.textContent).includes(normal(step.hasText)));
      for (const node of candidates) if (!next.includes(node)) next.push(node);
    }
    found = next;
  }
  return found;
}

const textMatcher = (text, exact = false) => (text instanceof RegExp
  ? { regex: { source: text.source, flags: text.flags } }
  : { text: String(text), exact });

class FirefoxLocator {
  constructor(scope, steps) {
    this.scope = scope; // a FirefoxFrame
    this.steps = steps;
  }

  locator(css, options = {}) {
    return new FirefoxLocator(this.scope, [...this.steps, cssStep(css, options)]);
  }

  getByLabel(text, { exact = false } = {}) {
    return new FirefoxLocator(this.scope, [...this.steps, { label: textMatcher(text, exact) }]);
  }

  getByRole(role, { name, exact = false } = {}) {
    return new FirefoxLocator(this.scope, [...this.steps, { role, name: name === undefined ? null : textMatcher(name, exact) }]);
  }

  /** Every element found now (puppeteer handles). */
  async handles() {
    const array = await this.scope.raw.evaluateHandle(LOCATE, this.steps);
    const properties = await array.getProperties();
    await array.dispose();
    return [...properties.values()].map((handle) => handle.asElement()).filter(Boolean);
  }

  /** The first element, once there is one (as a Playwright action waits for it). */
  async first(timeout = ACTION_TIMEOUT_MS) {
    const until = Date.now() + timeout;
    for (;;) {
      const [handle] = await this.handles();
      if (handle) return handle;
      if (Date.now() > until) throw new Error(`no element for locator ${JSON.stringify(this.steps)} within ${timeout} ms`);
      await sleep(100);
    }
  }

  async count() { return (await this.handles()).length; }
  async click(options) { await clickChecked(await this.first(), options); }
  async evaluate(fn, arg) { return (await this.first()).evaluate(fn, arg); }
  async boundingBox() { return (await this.first()).boundingBox(); }
  async textContent() { return this.evaluate((node) => node.textContent); }
  async inputValue() { return this.evaluate((node) => node.value); }
  async isChecked() { return this.evaluate((node) => node.checked); }
  async allTextContents() { return Promise.all((await this.handles()).map((handle) => handle.evaluate((node) => node.textContent))); }

  async isHidden() {
    const [handle] = await this.handles();
    if (!handle) return true;
    return handle.evaluate((node) => node.getClientRects().length === 0 || getComputedStyle(node).visibility === 'hidden');
  }

  async scrollIntoViewIfNeeded() {
    await this.evaluate((node) => node.scrollIntoView({ block: 'nearest', inline: 'nearest' }));
  }

  /** Playwright's fill: the value replaced as typed text, one input event; no change until Enter or blur. */
  async fill(value) {
    const handle = await this.first();
    await handle.evaluate((node) => {
      node.focus();
      node.value = '';
      node.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    });
    if (value !== '') await handle.type(String(value));
  }

  async pressSequentially(text) { await (await this.first()).type(String(text)); }
  async press(key) { await (await this.first()).press(key); }

  /** Chooses the option whose value or label is `value`, as a user would (input and change events). */
  async selectOption(value) {
    const chosen = await this.evaluate((select, wanted) => {
      const option = [...select.options].find((o) => o.value === wanted) ?? [...select.options].find((o) => o.label === wanted);
      if (!option) return null;
      select.value = option.value;
      select.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      select.dispatchEvent(new Event('change', { bubbles: true }));
      return option.value;
    }, String(value));
    if (chosen === null) throw new Error(`selectOption: no option ${JSON.stringify(value)}`);
    return [chosen];
  }

  /**
   * A path (uploaded from disk), or Playwright's {name, mimeType, buffer}: made into a File in the
   * page, as Playwright does, since its name may be one no file system takes (too long, any bytes).
   */
  async setInputFiles(file) {
    const handle = await this.first();
    if (typeof file === 'string') {
      await handle.uploadFile(file);
      return;
    }
    await handle.evaluate((input, { name, type, base64 }) => {
      const binary = atob(base64);
      const bytes = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], name, { type }));
      input.files = transfer.files;
      input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      input.dispatchEvent(new Event('change', { bubbles: true }));
    }, { name: file.name, type: file.mimeType ?? '', base64: Buffer.from(file.buffer).toString('base64') });
  }
}

function cssStep(css, { has, hasText } = {}) {
  const step = { css };
  if (has) {
    if (has.steps.length !== 1 || !has.steps[0].css) throw new Error('locator {has}: the Firefox twin takes one CSS locator');
    step.has = has.steps[0].css;
  }
  if (hasText !== undefined) step.hasText = hasText;
  return step;
}

/** How many times a click that the element did not get is tried again. */
const CLICK_ATTEMPTS = 3;

async function clickChecked(handle, options) {
  for (let attempt = 1; ; attempt++) {
    const token = await handle.evaluate((node) => {
      const mark = `c${Math.random()}`;
      const seen = (event) => {
        if (event.composedPath().includes(node)) window[mark] = true;
      };
      window.addEventListener('click', seen, { capture: true, once: true });
      return mark;
    });
    await handle.click(options);
    const got = await handle.evaluate((node, mark) => new Promise((resolve) => {
      const until = performance.now() + 1000;
      const check = () => (window[mark] || performance.now() > until ? resolve(Boolean(window[mark])) : setTimeout(check, 20));
      check();
    }), token);
    if (got) return;
    if (attempt >= CLICK_ATTEMPTS) throw new Error(`click: the element did not get the click in ${CLICK_ATTEMPTS} attempts`);
    console.warn(`click: the element did not get click ${attempt}; trying again`);
  }
}

/** Playwright's CSS selectors see into open shadow roots (the <relu-playground> element's); Puppeteer's do with pierce/. */
const deep = (selector) => `pierce/${selector}`;

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/** What a page and its frames share: evaluation, waiting, locators. */
class FirefoxFrame {
  constructor(raw, context) {
    this.raw = raw; // a puppeteer Frame or Page
    this.context = context;
  }

  url() { return this.raw.url(); }
  evaluate(fn, arg) { return this.raw.evaluate(fn, arg); }
  evaluateHandle(fn, arg) { return this.raw.evaluateHandle(fn, arg); }
  $eval(selector, fn, arg) { return this.raw.$eval(deep(selector), fn, arg); }
  $$eval(selector, fn, arg) { return this.raw.$$eval(deep(selector), fn, arg); }
  $(selector) { return this.raw.$(deep(selector)); }
  $$(selector) { return this.raw.$$(deep(selector)); }

  /** Playwright's order (fn, arg, options); polled every animation frame as Playwright does. */
  waitForFunction(fn, arg, { timeout = ACTION_TIMEOUT_MS, polling = 'raf' } = {}) {
    return this.raw.waitForFunction(fn, { timeout, polling }, arg);
  }

  /** Playwright waits for a visible element by default; `state: 'attached'` for one that only exists. */
  async waitForSelector(selector, { timeout = ACTION_TIMEOUT_MS, state = 'visible' } = {}) {
    const handle = await this.raw.waitForSelector(deep(selector), { timeout, visible: state === 'visible', hidden: state === 'hidden' });
    return handle && wrapElement(handle, this.context);
  }

  /**
   * Clicks the element as a user would, and makes sure it got the click: Puppeteer clicks at
   * the point it measured, and a busy page may move or cover the element meanwhile (Playwright
   * checks the target and retries; so does this).
   */
  async click(selector, options) {
    const handle = await this.raw.waitForSelector(deep(selector), { visible: true, timeout: ACTION_TIMEOUT_MS });
    await clickChecked(handle, options);
  }

  async getAttribute(selector, name) {
    await this.raw.waitForSelector(deep(selector), { timeout: ACTION_TIMEOUT_MS });
    return this.raw.$eval(deep(selector), (node, attribute) => node.getAttribute(attribute), name);
  }

  async selectOption(selector, value) { return this.locator(selector).selectOption(value); }
  locator(css, options) { return new FirefoxLocator(this, [cssStep(css, options)]); }
  getByLabel(text, options) { return new FirefoxLocator(this, []).getByLabel(text, options); }
  getByRole(role, options) { return new FirefoxLocator(this, []).getByRole(role, options); }
}

/** An element handle whose contentFrame() is a frame of the same shape as the page. */
function wrapElement(handle, context) {
  return new Proxy(handle, {
    get(target, key) {
      if (key === 'contentFrame') return async () => new FirefoxFrame(await target.contentFrame(), context);
      const value = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

class FirefoxPage extends FirefoxFrame {
  constructor(raw, context) {
    super(raw, context);
    this.keyboard = raw.keyboard;
    this.mouse = raw.mouse;
    this.downloadsSeen = 0;
  }

  on(event, listener) {
    this.raw.on(event, listener);
    return this;
  }

  async goto(url, options) { return this.raw.goto(url, options); }
  goBack(options) { return this.raw.goBack(options); }
  goForward(options) { return this.raw.goForward(options); }
  close() { return this.raw.close(); }
  /** Into a firefox/ folder beside the path asked for: Chromium's pictures (the committed ones) stay as they are. */
  screenshot(options = {}) {
    if (!options.path) return this.raw.screenshot(options);
    const path = join(dirname(options.path), 'firefox', basename(options.path));
    mkdirSync(dirname(path), { recursive: true });
    return this.raw.screenshot({ ...options, path });
  }
  setViewportSize({ width, height }) { return this.raw.setViewport({ width, height }); }
  viewportSize() { return this.raw.viewport(); }
  waitForTimeout(ms) { return sleep(ms); }
  /** `fn(arg)` in every document this page loads from now on, before the page's own scripts. */
  addInitScript(fn, arg) { return this.raw.evaluateOnNewDocument(fn, arg); }
  /** Through MEDIA_SHIM: in the page now, and in every document it loads from now on. */
  async emulateMedia({ reducedMotion, colorScheme } = {}) {
    const features = {};
    if (reducedMotion) features['prefers-reduced-motion'] = reducedMotion;
    if (colorScheme) features['prefers-color-scheme'] = colorScheme;
    await this.raw.evaluateOnNewDocument((set) => window.__emulatedMedia.set(set), features);
    await this.raw.evaluate((set) => window.__emulatedMedia?.set(set), features);
  }

  mainFrame() { return new FirefoxFrame(this.raw.mainFrame(), this.context); }
  frames() { return this.raw.frames().map((frame) => new FirefoxFrame(frame, this.context)); }

  route() {
    throw new Error('page.route has no Firefox twin: change the response in the server (serveStatic overrides)');
  }

  /** 'download' only: the next file the page saves through an <a download>, as {suggestedFilename(), path()}. */
  async waitForEvent(event, options = {}) {
    if (event !== 'download') throw new Error(`page.waitForEvent('${event}') has no Firefox twin`);
    const timeout = typeof options === 'number' ? options : options.timeout ?? ACTION_TIMEOUT_MS;
    const index = this.downloadsSeen++;
    const handle = await this.raw.waitForFunction((i) => window.__e2eDownloads?.[i]?.bytes != null && window.__e2eDownloads[i],
      { timeout, polling: 100 }, index);
    const { name, bytes } = await handle.jsonValue();
    const dir = mkdtempSync(join(this.context.fileDir, 'download-'));
    const path = join(dir, name);
    writeFileSync(path, Buffer.from(bytes, 'base64'));
    return { suggestedFilename: () => name, path: async () => path };
  }
}
