// The built page, the iframe embed and the <relu-playground> element under a
// strict Content-Security-Policy (issue #10, item 9): each trains, and no
// directive is violated anywhere — not in the documents, their shadow roots,
// the iframe, nor the training worker.
//
// Violations are caught three ways: the `securitypolicyviolation` event in
// every document, the browser's console (Chromium: "Refused to ...", Firefox:
// "Content-Security-Policy: ..."), and a Report-Only
// copy of the same policy whose reports the server collects (the only way
// to hear about the worker, whose own script gets the policy from its headers).
import { jest } from '@jest/globals';
import { useServedPage } from './helpers/served-page.js';

export const POLICY = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' blob:; worker-src 'self' blob:";
const REPORT_PATH = '/__csp-report';
const WAIT = { timeout: 90000 };
jest.setTimeout(180000);

// Host pages written into the build: no inline script or style, as a strict tutorial site would have.
const HOSTS = {
  'csp-iframe.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>iframe host</title>
<link rel="icon" href="host-icon.svg"></head><body>
<iframe title="ReLU Playground" width="1000" height="700" src="index.html?embed=true&hide=exports&lock=hidden&hidden=4,4"></iframe>
</body></html>`,
  'csp-element.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>element host</title>
<link rel="icon" href="host-icon.svg">
<script type="module" src="embed/relu-playground.js"></script></head><body>
<relu-playground config="hidden=4,4&hide=exports&lock=hidden" wasm-base="wasm/"></relu-playground>
</body></html>`,
  'host-icon.svg': '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" fill="#0877bd"/></svg>',
};

const served = useServedPage({
  headers: {
    'Content-Security-Policy': POLICY,
    'Content-Security-Policy-Report-Only': `${POLICY}; report-uri ${REPORT_PATH}`,
  },
  reportPath: REPORT_PATH,
  hostPages: HOSTS,
});

// In every document and frame, before any of the page's own script.
beforeAll(() => served.context.addInitScript(() => {
  window.cspViolations = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    window.cspViolations.push(`${event.effectiveDirective} blocked ${event.blockedURI || '(inline)'} at ${event.sourceFile}:${event.lineNumber}`);
  });
}));

async function open(path) {
  served.server.reports.length = 0;
  return served.open(path);
}

const SENTINEL = 'http://sentinel.invalid/csp-sentinel.png';
const notSentinel = (text) => !text.includes('sentinel.invalid');

/**
 * Everything the three detectors heard, for one page and its frames. Reports
 * travel asynchronously, so it first provokes one known violation (an image
 * from a host the policy does not allow) and waits for its report: any
 * earlier one has arrived by then. The sentinel is left out of the result.
 */
async function violations(page) {
  await page.evaluate((src) => { new Image().src = src; }, SENTINEL);
  const heard = () => served.server.reports.some((r) => !notSentinel(r['csp-report']?.['blocked-uri'] ?? ''));
  for (let waited = 0; !heard() && waited < 10000; waited += 50) await new Promise((done) => setTimeout(done, 50));
  if (!heard()) throw new Error('the sentinel violation was never reported: the report detector is not working');
  // The console's word on it (enforced and report-only) may come after the report (Firefox): wait for it too,
  // briefly, before it is left out.
  const logged = () => page.errors.filter((text) => !notSentinel(text)).length >= 2;
  for (let waited = 0; !logged() && waited < 2000; waited += 50) await new Promise((done) => setTimeout(done, 50));
  page.errors = page.errors.filter(notSentinel);
  const events = [];
  for (const frame of page.frames()) events.push(...await frame.evaluate(() => window.cspViolations ?? []));
  return {
    events: events.filter(notSentinel),
    console: page.errors.filter((text) => /Content.Security.Policy|Refused to/i.test(text)),
    reports: served.server.reports.map((r) => `${r['csp-report']?.['violated-directive']} ${r['csp-report']?.['blocked-uri']}`).filter(notSentinel),
  };
}

const NONE = { events: [], console: [], reports: [] };

async function trains(frame, rootSelector) {
  const stepOf = (root) => {
    const host = root ? document.querySelector(root)?.shadowRoot : document;
    return Number.parseInt(host?.querySelector('[data-stat="step"]')?.textContent, 10);
  };
  await frame.waitForFunction(stepOf, rootSelector, WAIT);
  const first = await frame.evaluate(stepOf, rootSelector);
  await frame.waitForFunction(([root, from]) => {
    const host = root ? document.querySelector(root)?.shadowRoot : document;
    return Number.parseInt(host?.querySelector('[data-stat="step"]')?.textContent, 10) > from + 50;
  }, [rootSelector, Number.isFinite(first) ? first : 0], WAIT);
}

test('the page trains under the policy, styled, and saves a PNG, with no violation', async () => {
  const page = await open('index.html?hidden=4,4');
  await trains(page.mainFrame(), null);
  // The stylesheets applied (a <style> would have been refused, leaving the page unstyled).
  expect(await page.$eval('.relu-playground', (node) => getComputedStyle(node).getPropertyValue('--accent').trim())).toBe('#0877bd');
  expect(await page.$eval('.relu-playground', (node) => node.style.visibility)).toBe('');
  const download = page.waitForEvent('download');
  await page.click('[data-action="png-boundary"]');
  expect((await download).suggestedFilename()).toBe('relu-playground-boundary.png');
  expect(await violations(page)).toEqual(NONE);
});

test('the iframe embed trains under the policy with no violation', async () => {
  const page = await open('csp-iframe.html');
  const frame = await (await page.waitForSelector('iframe')).contentFrame();
  await trains(frame, null);
  expect(await frame.$eval('[data-control="hidden"]', (node) => node.inert)).toBe(true);
  expect(await violations(page)).toEqual(NONE);
});

test('the <relu-playground> element trains under the policy with no violation', async () => {
  const page = await open('csp-element.html');
  await trains(page.mainFrame(), 'relu-playground');
  const styled = await page.evaluate(() => {
    const root = document.querySelector('relu-playground').shadowRoot;
    return getComputedStyle(root.querySelector('.relu-playground')).getPropertyValue('--accent').trim();
  });
  expect(styled).toBe('#0877bd');
  expect(await violations(page)).toEqual(NONE);
});

test('the embedding demo (element and iframe side by side) loads with no violation', async () => {
  const page = await open('embed/demo.html');
  await page.waitForFunction(() => document.querySelector('relu-playground')?.shadowRoot?.querySelector('.relu-playground[data-ready="true"]'), null, WAIT);
  const frame = await (await page.waitForSelector('iframe')).contentFrame();
  await page.locator('iframe').scrollIntoViewIfNeeded(); // it loads lazily
  await frame.waitForSelector('.relu-playground[data-ready="true"]', WAIT);
  expect(await violations(page)).toEqual(NONE);
});

test('the detectors do catch a violation (an injected <style>)', async () => {
  const page = await open('index.html?autoplay=false');
  await page.evaluate(() => {
    const style = document.createElement('style');
    style.textContent = 'body { color: red; }';
    document.head.append(style);
  });
  await page.waitForFunction(() => window.cspViolations.length > 0, null, WAIT);
  const found = await violations(page);
  expect(found.events.join('\n')).toMatch(/style-src-elem blocked inline/);
  expect(found.console.join('\n')).toMatch(/style-src 'self'/); // each engine words it its own way
  expect(found.reports.join('\n')).toMatch(/style-src-elem inline/);
  page.errors.length = 0; // the violations this test provoked are the expected ones
});
