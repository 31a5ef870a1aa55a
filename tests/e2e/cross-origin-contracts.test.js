// The contracts added since the first cross-origin tests, across origins: a
// tutorial on a second loopback origin (helpers/cross-origin-server.js)
// embeds the playground served by the first, by iframe (the postMessage door,
// connectPlayground) and by the <relu-playground> element loaded from the
// playground's origin. Each sets the link flags collapse=, regions=,
// b.<field>= and compare= through the frame's link or the element's config
// attribute and through setState (dataset=digits too), reads them back in
// getState() (ui.collapse, ui.regions, regions, timeline, compare), and gets
// an error naming the field for a bad value.
import { jest } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeDir } from './helpers/page-server.js';
import { serveWithHeaders } from './helpers/cross-origin-server.js';
import { openPage } from './helpers/browser.js';
import { useServedPage } from './helpers/served-page.js';

const WAIT = { timeout: 90000 };
jest.setTimeout(240000);

// The playground's origin serves its files with CORS, as a deployment must for the element on other sites.
const served = useServedPage({ headers: { 'Access-Control-Allow-Origin': '*' } });
let hostDir;
let host; // the tutorial's origin: another port

const FLAGS = 'autoplay=false&hidden=3&collapse=network,diagnostics&regions=true&b.learningRate=0.3';

beforeAll(async () => {
  const playground = served.url.replace(/\/$/, '');
  hostDir = mkdtempSync(join(tmpdir(), 'relu-contracts-'));
  host = await serveWithHeaders(hostDir, () => ({}));
  expect(host.origin).not.toBe(new URL(served.url).origin);
  const page = (title, body, script) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<link rel="icon" href="data:,"><script type="module" src="${script}"></script></head><body>${body}</body></html>`;
  // Both pages give the test one driver, window.api: {getState(), setState(patch)}, both async, and window.shown() for the element's text.
  const frameSrc = (fragment) => `${playground}/index.html#${fragment}&origins=${host.origin}`;
  writeFileSync(join(hostDir, 'frame.js'), `import { connectPlayground } from '${playground}/embed/relu-playground.js';
window.api = connectPlayground(document.querySelector('iframe'), { origin: '${playground}' });
`);
  writeFileSync(join(hostDir, 'frame-flags.html'), page('frame', `<iframe title="lesson" style="width:1000px;height:600px" src="${frameSrc(FLAGS)}"></iframe>`, 'frame.js'));
  writeFileSync(join(hostDir, 'frame-plain.html'), page('frame', `<iframe title="lesson" style="width:1000px;height:600px" src="${frameSrc('autoplay=false&hidden=3')}"></iframe>`, 'frame.js'));
  writeFileSync(join(hostDir, 'frame-bad.html'), page('frame', `<iframe title="lesson" style="width:1000px;height:600px" src="${frameSrc('autoplay=false&hidden=3&collapse=sidebar&b.learningRate=99&regions=true')}"></iframe>`, 'frame.js'));
  writeFileSync(join(hostDir, 'element.js'), `import '${playground}/embed/relu-playground.js';
const element = document.querySelector('relu-playground');
const ready = new Promise((resolve) => element.addEventListener('ready', resolve, { once: true }));
window.api = { getState: () => ready.then(() => element.getState()), setState: (patch) => element.setState(patch), step: (amount) => element.step(amount) };
window.shown = () => element.shadowRoot?.textContent ?? '';
`);
  writeFileSync(join(hostDir, 'element-flags.html'), page('element', `<relu-playground config="${FLAGS}"></relu-playground>`, 'element.js'));
  writeFileSync(join(hostDir, 'element-plain.html'), page('element', '<relu-playground config="autoplay=false&hidden=3"></relu-playground>', 'element.js'));
  writeFileSync(join(hostDir, 'element-bad.html'), page('element', '<relu-playground config="autoplay=false&hidden=3&collapse=sidebar&b.learningRate=99&regions=true"></relu-playground>', 'element.js'));
}, 300000);

afterAll(async () => {
  await host?.close();
  removeDir(hostDir);
});

async function open(name) {
  const page = await openPage(served.context, `${host.url}${name}.html`);
  served.pages.push(page);
  // The driver answers once the playground has mounted (the frame: once connected).
  await page.waitForFunction(() => window.api !== undefined, null, WAIT);
  await page.evaluate(() => window.api.getState());
  return page;
}

const state = (page) => page.evaluate(() => window.api.getState());

/** setState's refusal, as {field, message}, or null when it applied. */
const refusal = (page, patch) => page.evaluate((p) => window.api.setState(p).then(() => null, (error) => ({ field: error.field, message: error.message })), patch);

/** Waits until getState() satisfies `predicate` (a function's source, run in the page on the state). */
function waitForState(page, predicate) {
  return page.waitForFunction((source) => window.api.getState().then((s) => Boolean(s && new Function('s', `return (${source})(s)`)(s))), predicate, WAIT);
}

describe.each(['frame', 'element'])('by %s from another origin', (embedding) => {
  test('the link flags come through: collapse, regions, b.<field>; getState has regions, timeline and compare', async () => {
    const page = await open(`${embedding}-flags`);
    const first = await state(page);
    expect(first.ui.collapse).toEqual(['network', 'diagnostics']);
    expect(first.ui.regions).toBe(true);
    // Run B starts once A's core is in; then A and B are stepped together (lockstep).
    await waitForState(page, '(s) => s.compare && s.compare.progress !== null');
    await page.evaluate(() => window.api.step({ steps: 20 }));
    await waitForState(page, '(s) => s.progress?.step >= 20 && s.regions?.step === s.progress.step && s.timeline?.present >= 20');
    const s = await state(page);
    expect(s.compare.config).toEqual({ ...s.config, learningRate: 0.3 });
    expect(Number.isInteger(s.regions.count) && s.regions.count >= 1).toBe(true);
    expect(s.timeline).toMatchObject({ scrubbing: false, step: s.timeline.present });
    expect(s.timeline.steps).toContain(0);
  });

  test('setState sets the same: collapse, regions, b.<field>, compare, and dataset=digits', async () => {
    const page = await open(`${embedding}-plain`);
    expect((await state(page)).compare).toBeUndefined();
    const applied = await page.evaluate(() => window.api.setState({ collapse: ['diagnostics'], regions: true, 'b.learningRate': 0.5 }));
    expect(applied.ui).toMatchObject({ collapse: ['diagnostics'], regions: true });
    await waitForState(page, '(s) => s.compare?.config.learningRate === 0.5 && s.regions !== null');
    // A query string is read as a link is.
    await page.evaluate(() => window.api.setState('compare=false&collapse=network'));
    await waitForState(page, '(s) => s.compare === undefined && s.ui.collapse.join() === "network"');
    await page.evaluate(() => window.api.setState({ compare: true }));
    await waitForState(page, '(s) => s.compare?.config.learningRate === s.config.learningRate');
    await page.evaluate(() => window.api.setState({ compare: false, dataset: 'digits', problem: 'multiclass' }));
    await waitForState(page, '(s) => s.config.dataset === "digits" && s.compare === undefined');
    const s = await state(page);
    expect(s.config.problem).toBe('multiclass');
    expect(s.ui.regions).toBe(true); // the flag is kept; digits has no plane to colour
  });

  test('a bad value is refused naming its field, and nothing of it applies', async () => {
    const page = await open(`${embedding}-plain`);
    const before = await state(page);
    const cases = [
      [{ collapse: ['sidebar'] }, 'collapse'],
      [{ collapse: 'network' }, 'collapse'],
      [{ regions: 'yes' }, 'regions'],
      [{ 'b.learningRate': 99 }, 'b.learningRate'],
      [{ 'b.seed': 3 }, 'b.seed'],
      [{ compare: 'maybe' }, 'compare'],
      [{ dataset: 'letters' }, 'dataset'],
      [{ dataset: 'digits' }, 'problem'], // binary cannot learn 10 classes
    ];
    for (const [patch, field] of cases) {
      const refused = await refusal(page, patch);
      expect(refused?.field).toBe(field);
      expect(refused.message).toContain(field);
    }
    const after = await state(page);
    expect(after.ui).toEqual(before.ui);
    expect(after.config).toEqual(before.config);
    expect(after.compare).toBeUndefined();
  });

  test('bad flags in the link or attribute are dropped, and the rest is kept', async () => {
    const page = await open(`${embedding}-bad`);
    const s = await state(page);
    expect(s.ui.collapse).toEqual([]);
    expect(s.compare.config).toEqual(s.config); // b.learningRate=99 dropped: B is a copy of A
    expect(s.ui.regions).toBe(true);
    expect(s.config.hidden).toEqual([3]);
    if (embedding === 'element') {
      // The element's notices are in its shadow root, readable by the host: each names its field.
      await page.waitForFunction(() => window.shown().includes('collapse') && window.shown().includes('b.learningRate'), null, WAIT);
    }
  });
});
