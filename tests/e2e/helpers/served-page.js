// The set-up every end-to-end file shares, in one place: the built page
// (with the file's own host pages written into it) served over HTTP, a browser
// of the run's engine (engine.js), pages whose errors are collected, and all of
// it closed again. Register it at the top of a test file:
//
//   const served = useServedPage({ headers, reportPath, hostPages });
//   test('...', async () => { const page = await served.open('index.html?hidden=3'); ... });
//
// served.url, .dir, .server (requested, reports, override), .browser and
// .context are set before the first test. Pages from served.open() are closed
// after each test, which then fails if any of them logged an error, unless
// the file asks for {checkErrors: false}.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildPage, serveStatic, removeDir, wasmBuilt } from './page-server.js';
import { launchBrowser, openPage } from './browser.js';

/** Time for a build copy and a browser start on a busy two-core machine. */
const SETUP_TIMEOUT_MS = 300000;

/**
 * options.headers, options.reportPath: for serveStatic.
 * options.hostPages: {fileName: text}, or a function of `served` (its url is
 *   known by then) returning one: written into the served folder.
 * options.checkErrors: after each test, expect no page to have logged an error (default true).
 */
export function useServedPage({ headers = {}, reportPath = null, hostPages = {}, checkErrors = true } = {}) {
  const served = {
    dir: null, server: null, url: null, browser: null, context: null,
    /** Pages open now, closed after the test. */
    pages: [],
    /** Opens `path` (relative to the served root) in a new page, collecting its errors. */
    async open(path, viewport) {
      const page = await openPage(served.context, `${served.url}${path}`, viewport);
      served.pages.push(page);
      return page;
    },
  };

  beforeAll(async () => {
    if (!wasmBuilt()) throw new Error('wasm-build/dist is missing: run `npm run build:wasm` before the e2e tests');
    served.dir = await buildPage();
    served.server = await serveStatic(served.dir, { headers, reportPath });
    served.url = served.server.url;
    const pages = typeof hostPages === 'function' ? hostPages(served) : hostPages;
    for (const [name, text] of Object.entries(pages)) writeFileSync(join(served.dir, name), text);
    served.browser = await launchBrowser();
    served.context = served.browser.context;
  }, SETUP_TIMEOUT_MS);

  afterEach(async () => {
    const errors = [];
    for (const page of served.pages.splice(0)) {
      errors.push(...page.errors);
      await page.close();
    }
    if (checkErrors) expect(errors).toEqual([]);
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await served.browser?.close();
    await served.server?.close();
    removeDir(served.dir);
  });

  return served;
}
