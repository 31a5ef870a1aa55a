// <relu-playground> on someone else's page, loaded from another origin the way
// a CDN serves it (issue #11 §3 "Cross-origin"): the built playground on one
// local server with `Access-Control-Allow-Origin: *`, a tutorial page on a
// second one (another port, so another origin) that loads the element's module
// from the first. It trains under the Content-Security-Policy docs/EMBEDDING.md
// gives host pages; when the CDN leaves out CORS, or the host's policy forbids
// blob: workers, the element says why inside itself and fires `error`.
import { jest } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPage, serveStatic, removeDir, wasmBuilt } from './helpers/page-server.js';
import { serveWithHeaders } from './helpers/cross-origin-server.js';
import { launchBrowser, openPage, waitReady } from './helpers/browser.js';
import { cspNeeds } from '../../web/shared/load-failure.js';

jest.setTimeout(180000);
const WAIT = { timeout: 90000 };

let buildDir;
let hostDir;
let cdn;
let hosts = [];
let browser;
// Which paths the CDN serves without CORS, per test.
let withoutCors = () => false;
// Other headers of the CDN's files, per test.
let cdnHeaders = () => ({});

beforeAll(async () => {
  if (!wasmBuilt()) throw new Error('wasm-build/dist is missing: run `npm run build:wasm` before the e2e tests');
  buildDir = await buildPage();
  cdn = await serveWithHeaders(buildDir, (path) => ({
    ...(withoutCors(path) ? {} : { 'Access-Control-Allow-Origin': '*' }), ...cdnHeaders(path),
  }));
  hostDir = mkdtempSync(join(tmpdir(), 'relu-host-'));
  // The tutorial's own script (no inline script: the host's policy is strict) records the element's events.
  writeFileSync(join(hostDir, 'record.js'), `window.heard = [];
const element = document.querySelector('relu-playground');
for (const type of ['ready', 'error']) element.addEventListener(type, (event) => window.heard.push({ type, detail: event.detail }));
`);
  writeFileSync(join(hostDir, 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" fill="#0877bd"/></svg>');
  writeFileSync(join(hostDir, 'tutorial.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A tutorial</title>
<link rel="icon" href="icon.svg">
<script type="module" src="record.js"></script>
<script type="module" src="${cdn.url}embed/relu-playground.js"></script>
</head><body><h1>Dead ReLUs</h1>
<relu-playground config="hidden=4,4&hide=exports"></relu-playground>
</body></html>`);
  browser = await launchBrowser();
}, 300000);

afterAll(async () => {
  await browser?.close();
  for (const host of hosts) await host.close();
  await cdn?.close();
  removeDir(buildDir);
  removeDir(hostDir);
});

/** The tutorial page on a server of its own, with `policy` as its Content-Security-Policy (none when null). */
async function openTutorial(policy) {
  const host = await serveStatic(hostDir, { headers: policy ? { 'Content-Security-Policy': policy } : {} });
  hosts.push(host);
  expect(new URL(host.url).origin).not.toBe(cdn.origin);
  const page = await openPage(browser.context, `${host.url}tutorial.html`);
  return page;
}

const shownStep = (page) => page.evaluate(() => Number.parseFloat(
  document.querySelector('relu-playground').shadowRoot?.querySelector('[data-stat="step"]')?.textContent));

async function waitForError(page) {
  await page.waitForFunction(() => window.heard?.some((e) => e.type === 'error'), null, WAIT);
  return page.evaluate(() => ({
    errors: window.heard.filter((e) => e.type === 'error').map((e) => e.detail),
    ready: window.heard.some((e) => e.type === 'ready'),
    shown: document.querySelector('relu-playground').shadowRoot.textContent,
  }));
}

test('from a CORS-serving origin, under the host policy the guide gives, the element trains', async () => {
  withoutCors = () => false;
  // The directives docs/EMBEDDING.md tells a host page to add, on top of its own 'self'.
  const policy = `default-src 'self'; ${cspNeeds(cdn.origin).replace(/(script-src|style-src|img-src) /g, "$1 'self' ")}`;
  const page = await openTutorial(policy);
  await page.waitForFunction(() => window.heard?.some((e) => e.type === 'ready'), null, WAIT);
  await page.waitForFunction(() => Number.parseFloat(
    document.querySelector('relu-playground').shadowRoot.querySelector('[data-stat="step"]')?.textContent) > 20, null, WAIT);
  const first = await shownStep(page);
  await page.waitForFunction((was) => Number.parseFloat(
    document.querySelector('relu-playground').shadowRoot.querySelector('[data-stat="step"]')?.textContent) > was, first, WAIT);
  const heard = await page.evaluate(() => window.heard);
  expect(heard.filter((e) => e.type === 'error')).toEqual([]);
  // The worker and the core came from the CDN, not the tutorial's server.
  expect(cdn.requests.some((p) => /^\/assets\/training\.worker-.*\.js$/.test(p))).toBe(true);
  expect(cdn.requests.some((p) => /^\/wasm\/relu-core-(simd|scalar)\.wasm$/.test(p))).toBe(true);
  expect(page.errors).toEqual([]);
  await page.close();
});

test('a CDN that leaves CORS off the worker: the element names CORS and fires error', async () => {
  withoutCors = (path) => path.startsWith('/assets/training.worker-');
  const page = await openTutorial(null);
  const { errors, ready, shown } = await waitForError(page);
  expect(ready).toBe(false);
  expect(errors).toHaveLength(1);
  expect(errors[0].field).toBe('worker');
  expect(errors[0].message).toMatch(/^The training worker did not start: .*Access-Control-Allow-Origin \(CORS\)/);
  expect(errors[0].message).toContain(`${cdn.url}assets/training.worker-`);
  expect(shown).toContain(errors[0].message);
  // And the run bar stops saying it is loading: it says what failed.
  expect(shown).toContain('core failed to start: The training worker did not start');
  await page.close();
});

test('a CDN that leaves CORS off the core: the element names the core\'s URL and CORS, and fires error', async () => {
  withoutCors = (path) => path.startsWith('/wasm/');
  const page = await openTutorial(null);
  const { errors, ready, shown } = await waitForError(page);
  expect(ready).toBe(false);
  expect(errors[0].message).toMatch(new RegExp(`cannot load the (simd|scalar) build of the core from ${cdn.url}wasm/relu-core-.*Access-Control-Allow-Origin \\(CORS\\)`));
  expect(shown).toContain(errors[0].message);
  await page.close();
});

test('a core missing from the CDN (404): the element says so and fires error', async () => {
  withoutCors = () => false;
  const page = await openTutorial(null);
  await page.close();
  // Ask for a build folder that lacks the core: the element's wasm-base on the CDN's origin.
  writeFileSync(join(hostDir, 'missing.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A tutorial</title>
<link rel="icon" href="icon.svg">
<script type="module" src="record.js"></script>
<script type="module" src="${cdn.url}embed/relu-playground.js"></script>
</head><body><relu-playground config="hidden=4,4" wasm-base="${cdn.url}no-such-folder/"></relu-playground></body></html>`);
  const missing = await openPage(browser.context, `${hosts.at(-1).url}missing.html`);
  const { errors, shown } = await waitForError(missing);
  expect(errors[0].message).toMatch(/no-such-folder\/relu-core-(simd|scalar)\.mjs answered HTTP 404/);
  expect(shown).toContain('HTTP 404');
  await missing.close();
});

test('a host policy that forbids blob: workers: the message names the Content-Security-Policy and worker-src blob:', async () => {
  withoutCors = () => false;
  const policy = `default-src 'self'; script-src 'self' ${cdn.origin} 'wasm-unsafe-eval'; style-src 'self' ${cdn.origin}; connect-src ${cdn.origin}; worker-src 'self' ${cdn.origin}`;
  const page = await openTutorial(policy);
  const { errors, ready, shown } = await waitForError(page);
  expect(ready).toBe(false);
  expect(errors[0].field).toBe('worker');
  expect(errors[0].message).toMatch(/^The training worker did not start: this page's Content-Security-Policy refused a blob: worker \(worker-src\)/);
  expect(errors[0].message).toContain(`worker-src blob: ${cdn.origin}`);
  expect(shown).toContain(errors[0].message);
  await page.close();
});

test('served by its own origin, the page starts its worker without a blob: its policy needs no worker-src blob:', async () => {
  withoutCors = () => false;
  const policy = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' blob:; worker-src 'self'";
  cdnHeaders = () => ({ 'Content-Security-Policy': policy });
  try {
    const page = await openPage(browser.context, `${cdn.url}index.html`);
    await waitReady(page);
    const first = await page.evaluate(() => Number.parseFloat(document.querySelector('[data-stat="step"]').textContent));
    await page.waitForFunction((was) => Number.parseFloat(document.querySelector('[data-stat="step"]').textContent) > was, first, WAIT);
    expect(page.errors).toEqual([]);
    await page.close();
  } finally {
    cdnHeaders = () => ({});
  }
});
