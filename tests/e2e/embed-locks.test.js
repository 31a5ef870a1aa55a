// What an embedder fixes stays fixed (issue #10, items 6 and 7): hidden and
// locked controls are a floor that lessons add to, every input path honours a
// lock, and the core's script loads only from the page's origin unless the
// page's own script allows another.
import { jest } from '@jest/globals';
import { join } from 'node:path';
import { waitReady, clickFirstLayerLink } from './helpers/browser.js';
import { useViewPage, SHOTS, DESKTOP, PHONE } from './helpers/views.js';
import { PRESETS } from '../../web/shared/presets.js';
import { CONTROL_PARENTS } from '../../web/ui/state.js';

const WAIT = { timeout: 90000 };
jest.setTimeout(180000);

// A CDN serving the core to other origins sends CORS headers; so does this server.
const { served } = useViewPage({
  headers: { 'Access-Control-Allow-Origin': '*' },
  hostPages: ({ url }) => {
    const other = otherOriginOf(url);
    return {
      'wasm-base-host.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>wasm-base</title>
<link rel="icon" href="host-icon.svg"><script type="module" src="embed/relu-playground.js"></script></head><body>
<relu-playground config="autoplay=false&hidden=3" wasm-base="${other}/wasm/"></relu-playground>
</body></html>`,
      // A page whose own module allows the origin as it imports the element: the element never refuses.
      'wasm-base-allow.js': `import { ReluPlaygroundElement } from './embed/relu-playground.js';
ReluPlaygroundElement.allowWasmOrigins(['${other}']);
`,
      'wasm-base-allowed.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>wasm-base allowed</title>
<link rel="icon" href="host-icon.svg"><script type="module" src="wasm-base-allow.js"></script></head><body>
<relu-playground config="autoplay=false&hidden=3" wasm-base="${other}/wasm/"></relu-playground>
</body></html>`,
      'host-icon.svg': '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" fill="#0877bd"/></svg>',
    };
  },
});
// The same server under another host name: another origin.
function otherOriginOf(url) {
  return url.replace('127.0.0.1', 'localhost').replace(/\/$/, '');
}
let server;
let browser;
let otherOrigin;
beforeAll(() => {
  server = served.server;
  browser = served.browser;
  otherOrigin = otherOriginOf(served.url);
});
const pages = served.pages;

async function open(query, viewport) {
  const page = await served.open(`index.html${query}`, viewport);
  await waitReady(page);
  return page;
}

const getState = (page) => page.evaluate(() => window.reluPlayground.getState());
const noticeText = (page) => page.$eval('.notices', (node) => node.textContent);
const waitNotice = (page, pattern) => page.waitForFunction((source) => new RegExp(source).test(document.querySelector('.notices').textContent), pattern.source, WAIT);
// The step the worker is at: the client answers in order, so anything sent before has been applied.
const workerStep = (page) => page.evaluate(() => window.reluPlayground.client.snapshot({ evaluate: false }).then((s) => s.step));

describe('locks are a floor', () => {
  test('the layout nests its controls as CONTROL_PARENTS says (the map the locks follow)', async () => {
    const page = await open('?autoplay=false');
    const nesting = await page.evaluate(() => [...document.querySelectorAll('[data-control]')].map((node) => [
      node.dataset.control, node.parentElement.closest('[data-control]')?.dataset.control ?? null,
    ]));
    expect(nesting.length).toBeGreaterThan(30);
    for (const [control, parent] of nesting) expect([control, parent]).toEqual([control, CONTROL_PARENTS[control] ?? null]);
  });

  test.each(['data', 'customData', 'dataset'])('a plot click adds no point and keeps the dataset under lock=%s', async (lock) => {
    const page = await open(`?autoplay=false&dataset=circle&numSamples=50&lock=${lock}`);
    const box = await page.locator('.boundary-overlay').boundingBox();
    await page.mouse.click(box.x + box.width * 0.25, box.y + box.height * 0.25);
    await waitNotice(page, new RegExp(`${lock}\\)? is locked on this page`));
    const { config } = await getState(page);
    expect([config.dataset, config.points.length]).toEqual(['circle', 0]);
  });

  test('a CSV of points is refused under lock=customData, and the data are kept', async () => {
    const page = await open('?autoplay=false&dataset=custom&points=1_1_0~2_2_1&lock=customData');
    await page.locator('input[type="file"][accept^=".csv"]').setInputFiles({
      name: 'more.csv', mimeType: 'text/csv', buffer: Buffer.from('x1,x2,label\n1,2,0\n3,4,1\n-1,-2,0\n'),
    });
    await waitNotice(page, /points \(in customData\) is locked on this page/);
    expect((await getState(page)).config.points).toEqual([[1, 1, 0], [2, 2, 1]]);
  });

  test('choosing lessons keeps the embedder\'s hidden and locked controls, adding and then dropping the lessons\' own', async () => {
    const locking = PRESETS.find((p) => p.ui?.lock?.length);
    const plain = PRESETS.find((p) => !p.ui);
    const page = await open('?autoplay=false&hide=regenerate&lock=exports');
    await page.getByLabel('Lessons').selectOption(locking.id);
    await page.waitForFunction((id) => window.reluPlayground.getState().ui.lesson === id, locking.id, WAIT);
    let { ui } = await getState(page);
    expect(ui.hide).toEqual(expect.arrayContaining(['regenerate', ...(locking.ui.hide ?? [])]));
    expect(ui.lock).toEqual(expect.arrayContaining(['exports', ...locking.ui.lock]));
    await page.getByLabel('Lessons').selectOption(plain.id);
    await page.waitForFunction((id) => window.reluPlayground.getState().ui.lesson === id, plain.id, WAIT);
    ({ ui } = await getState(page));
    expect([ui.hide, ui.lock]).toEqual([['regenerate'], ['exports']]);
    expect(await page.locator('[data-control="exports"]').evaluate((node) => node.inert)).toBe(true);
    expect(await page.locator('[data-control="regenerate"]').isHidden()).toBe(true);
    // The link keeps the floor too.
    expect(await page.evaluate(() => window.reluPlayground.getQuery())).toMatch(/hide=regenerate.*lock=exports/);
  });

  test('a lesson that would change a locked field cannot be chosen, even by a script', async () => {
    const page = await open('?autoplay=false&hidden=3&lock=hidden');
    const options = await page.$$eval('.lessons option', (list) => list.map((o) => ({ value: o.value, disabled: o.disabled })));
    expect(options.filter((o) => o.value).every((o) => o.disabled)).toBe(true); // no preset has one layer of 3
    expect(await page.locator('.lesson-locks').textContent()).toMatch(/would change what this page locks \(hidden\)/);
    await page.$eval('.lessons select', (select, id) => {
      select.value = id;
      select.dispatchEvent(new Event('change'));
    }, PRESETS[0].id);
    await waitNotice(page, /hidden is locked on this page/);
    const state = await getState(page);
    expect([state.ui.lesson, state.config.hidden]).toEqual([null, [3]]);
  });

  test('the weight editor stays closed under lock=weights; a link click says why', async () => {
    const page = await open('?autoplay=false&hidden=3&seed=4&lock=weights');
    await clickFirstLayerLink(page);
    await waitNotice(page, /weights is locked on this page/);
    expect(await page.locator('.weight-editor').isHidden()).toBe(true);
    expect(await page.locator('[data-control="weights"]').evaluate((node) => node.inert)).toBe(true);
  });

  test('a model file is refused when it would change a locked field or the weights', async () => {
    const source = await open('?autoplay=false&hidden=5&seed=2');
    const model = await source.evaluate(() => window.reluPlayground.client.exportModel());
    const file = { name: 'model.json', mimeType: 'application/json', buffer: Buffer.from(model) };

    const page = await open('?autoplay=false&hidden=3&lock=hidden');
    const before = await page.evaluate(() => window.reluPlayground.client.exportModel());
    await page.locator('input[type="file"][accept^=".json"]').setInputFiles(file);
    await waitNotice(page, /hidden is locked on this page/);
    expect((await getState(page)).config.hidden).toEqual([3]);
    expect(await page.evaluate(() => window.reluPlayground.client.exportModel())).toBe(before);

    const weights = await open('?autoplay=false&hidden=5&seed=7&lock=weights');
    await weights.locator('input[type="file"][accept^=".json"]').setInputFiles(file);
    await waitNotice(weights, /weights is locked on this page/);
    expect(JSON.parse(await weights.evaluate(() => window.reluPlayground.client.exportModel())).config.seed).toBe(7);
  });

  test('the network editor: a locked activation cannot change through the per-layer menus; a locked panel refuses script clicks', async () => {
    const page = await open('?autoplay=false&hidden=3,3&lock=hyper');
    await page.getByLabel('Activation of layer 2').selectOption('tanh');
    await waitNotice(page, /activation \(in hyper\) is locked on this page/);
    expect((await getState(page)).config.activation).toBe('relu');
    expect(await page.getByLabel('Activation of layer 2').inputValue()).toBe('relu');

    const panel = await open('?autoplay=false&hidden=3,3&lock=hidden');
    // inert stops the pointer and the keyboard; a script's click() still fires, and the page refuses it.
    await panel.getByLabel('Add a hidden layer').evaluate((button) => button.click());
    await waitNotice(panel, /hidden is locked on this page/);
    expect((await getState(panel)).config.hidden).toEqual([3, 3]);
  });

  test('run, step, reset, speed and the view toggles refuse under their locks', async () => {
    const page = await open('?autoplay=false&lock=run,boundary');
    for (const action of ['step', 'play', 'reset']) {
      await page.locator(`[data-action="${action}"]`).evaluate((button) => button.click());
    }
    await page.locator('[data-control="speed"] select').evaluate((select) => {
      select.value = '10';
      select.dispatchEvent(new Event('change'));
    });
    await page.locator('[data-control="discretize"] input').evaluate((box) => box.click());
    await waitNotice(page, /is locked on this page/);
    expect(await workerStep(page)).toBe(0);
    const { ui } = await getState(page);
    expect([ui.speed, ui.discretize]).toEqual(['1', false]);
    expect(await page.locator('[data-action="play"]').textContent()).toBe('Play');
    expect(await page.locator('[data-control="discretize"] input').isChecked()).toBe(false);
  });

  test('the keyboard never reaches a locked control (the page has no shortcuts that could bypass it)', async () => {
    const page = await open('?autoplay=false&lock=run,hidden,customData');
    const reached = new Set();
    for (let i = 0; i < 120; i++) {
      await page.keyboard.press('Tab');
      const where = await page.evaluate(() => {
        const node = document.activeElement;
        return { locked: Boolean(node?.closest('.locked')), label: node?.getAttribute('aria-label') ?? node?.textContent?.trim().slice(0, 20) ?? '' };
      });
      expect([where.label, where.locked]).toEqual([where.label, false]);
      reached.add(where.label);
      // Enter and Space on whatever has focus are the only keys the page acts on.
      if (where.label === 'Add a hidden layer') throw new Error('reached a locked button');
    }
    expect(reached.size).toBeGreaterThan(10); // Tab did move through the page
    expect((await getState(page)).config.hidden).toEqual([4, 2]);
  });

  test('screenshots: locked controls (desktop and phone)', async () => {
    const query = '?autoplay=false&embed=true&lesson=relu-spiral&lock=hidden,learningRate,run&hide=exports';
    const page = await open(query, DESKTOP);
    await page.screenshot({ path: join(SHOTS, 'locked-controls-desktop.png') });
    const phone = await open(query, PHONE);
    await phone.locator('[data-control="learningRate"]').scrollIntoViewIfNeeded();
    await phone.screenshot({ path: join(SHOTS, 'locked-controls-phone.png') });
    expect(await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  });
});

describe('wasm-base', () => {
  async function openHost(viewport, file = 'wasm-base-host.html') {
    const page = await browser.context.newPage();
    if (viewport) await page.setViewportSize(viewport);
    pages.push(page);
    page.requested = [];
    page.requestedOrigins = new Set();
    page.on('request', (request) => {
      page.requested.push(request.url());
      page.requestedOrigins.add(new URL(request.url()).origin);
    });
    page.errors = [];
    page.on('console', (message) => { if (message.type() === 'error') page.errors.push(`console: ${message.text()}`); });
    page.on('pageerror', (error) => page.errors.push(`pageerror: ${error.message}`));
    await page.goto(`${server.url}${file}`);
    return page;
  }
  const shadow = (page, fn) => page.evaluate(fn);

  test('another origin is refused with a message in the element, which still plays from its own core', async () => {
    const page = await openHost(DESKTOP);
    await page.waitForFunction(() => document.querySelector('relu-playground')?.shadowRoot?.querySelector('.relu-playground[data-ready="true"]'), null, WAIT);
    const message = await shadow(page, () => document.querySelector('relu-playground').shadowRoot.querySelector('.relu-playground-refused')?.textContent);
    expect(message).toContain(`wasm-base: ${otherOrigin}/wasm/ is not on this page's origin (${server.url.replace(/\/$/, '')})`);
    expect(message).toContain(`ReluPlaygroundElement.allowWasmOrigins(['${otherOrigin}'])`);
    expect(page.requestedOrigins.has(otherOrigin)).toBe(false);
    await page.screenshot({ path: join(SHOTS, 'wasm-base-refused-desktop.png') });
    const phone = await openHost(PHONE);
    await phone.waitForFunction(() => document.querySelector('relu-playground')?.shadowRoot?.querySelector('.relu-playground[data-ready="true"]'), null, WAIT);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await phone.screenshot({ path: join(SHOTS, 'wasm-base-refused-phone.png') });
  });

  test('allowed from the page\'s script, the element loads the core from that origin', async () => {
    const page = await openHost();
    await page.waitForFunction(() => document.querySelector('relu-playground')?.shadowRoot?.querySelector('.relu-playground-refused'), null, WAIT);
    // A bad entry throws and allows nothing.
    const thrown = await page.evaluate(() => {
      try {
        customElements.get('relu-playground').allowWasmOrigins(['*']);
        return null;
      } catch (error) {
        return error.message;
      }
    });
    expect(thrown).toMatch(/"\*" is not an http\(s\) origin/);
    await page.evaluate((origin) => customElements.get('relu-playground').allowWasmOrigins([origin]), otherOrigin);
    await page.waitForFunction(() => {
      const root = document.querySelector('relu-playground').shadowRoot;
      return !root.querySelector('.relu-playground-refused') && root.querySelector('.relu-playground[data-ready="true"]');
    }, null, WAIT);
    expect(page.requestedOrigins.has(otherOrigin)).toBe(true);
    // A new wasm-base is checked again.
    await page.evaluate(() => document.querySelector('relu-playground').setAttribute('wasm-base', 'https://cdn.invalid/wasm/'));
    await page.waitForFunction(() => /wasm-base: https:\/\/cdn\.invalid\/wasm\/ is not on this page's origin/
      .test(document.querySelector('relu-playground').shadowRoot.querySelector('.relu-playground-refused')?.textContent), null, WAIT);
    expect(page.requestedOrigins.has('https://cdn.invalid')).toBe(false);
  });

  test('a page module that allows the origin as it imports the element is never refused', async () => {
    const page = await openHost(undefined, 'wasm-base-allowed.html');
    await page.waitForFunction(() => document.querySelector('relu-playground')?.shadowRoot?.querySelector('.relu-playground[data-ready="true"]'), null, WAIT);
    expect(await page.evaluate(() => document.querySelector('relu-playground').shadowRoot.querySelector('.relu-playground-refused'))).toBeNull();
    // The core came from the allowed origin only: the playground's own copy was never fetched.
    expect(page.requested.filter((url) => url.startsWith(`${server.url}wasm/`))).toEqual([]);
    expect(page.requested.some((url) => url.startsWith(`${otherOrigin}/wasm/relu-core-`))).toBe(true);
  });

  test('mountPlayground\'s wasmBaseUrl and the worker\'s INIT refuse another origin too', async () => {
    const page = await open('?autoplay=false');
    const notice = await page.evaluate(async (base) => {
      const { mountPlayground } = await import('./embed/relu-playground.js');
      const host = document.createElement('div');
      document.body.append(host);
      const playground = mountPlayground(host, { query: 'autoplay=false', wasmBaseUrl: base });
      host.scrollIntoView(); // a mount loads its core near the viewport (lifecycle.js)
      await playground.ready;
      const text = host.querySelector('.notices').textContent;
      playground.destroy();
      return text;
    }, `${otherOrigin}/wasm/`);
    expect(notice).toContain(`wasmBaseUrl: ${otherOrigin}/wasm/ is not on this page's origin`);
    expect(notice).toContain(`mountPlayground(element, { allowedWasmOrigins: ['${otherOrigin}'] })`);
    const refused = await page.evaluate((base) => window.reluPlayground.client.init({ wasmBaseUrl: base }).then(() => null, (error) => ({ message: error.message, field: error.field })), `${otherOrigin}/wasm/`);
    expect(refused).toEqual({ field: 'wasmBaseUrl', message: expect.stringMatching(/^wasmBaseUrl: .* is not on this page's origin/) });
    // The playground the refused INIT was sent to still answers.
    expect(await workerStep(page)).toBe(0);
  });
});
