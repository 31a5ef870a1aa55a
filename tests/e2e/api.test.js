// The public API (issue #11 §2) in the browser: the mountPlayground() handle
// (window.reluPlayground on the page) and the <relu-playground> element's
// methods and events, held to web/embed/index.d.ts.
import { jest } from '@jest/globals';
import { openPage, waitReady } from './helpers/browser.js';
import { useServedPage } from './helpers/served-page.js';
import { readDts } from '../js/helpers/dts.js';

const WAIT = { timeout: 90000 };
jest.setTimeout(180000);
const dts = readDts(new URL('../../web/embed/index.d.ts', import.meta.url));

// A tutorial page: the element, and a module that records its events before it mounts.
const API_HOST_JS = `import './embed/relu-playground.js';
window.seen = [];
const element = document.querySelector('relu-playground');
for (const type of ['ready', 'progress', 'diverged', 'statechange', 'error', 'resize']) {
  element.addEventListener(type, (event) => window.seen.push({ type, detail: event.detail, at: performance.now() }));
}
`;
const API_HOST_HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>API host</title>
<link rel="icon" href="data:,"><script type="module" src="api-host.js"></script></head><body>
<relu-playground config="autoplay=false&hidden=3&lock=noise"></relu-playground>
</body></html>`;

// The same server under another host name is another origin: the tutorial's.
const tutorialOriginOf = (url) => url.replace('127.0.0.1', 'localhost').replace(/\/$/, '');

/** The tutorial on the other origin: two iframes of the playground, one listing it in origins=, one not. */
function tutorialPages(url) {
  const tutorial = tutorialOriginOf(url);
  const playground = `${url}index.html#autoplay=false&hidden=3`;
  return {
    'tutorial.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Tutorial</title>
<link rel="icon" href="data:,"><script type="module" src="tutorial.js"></script></head><body>
<iframe id="listed" title="listed" width="900" height="700" src="${playground}&origins=${tutorial}"></iframe>
<iframe id="unlisted" title="unlisted" width="900" height="700" src="${playground}&origins=https://elsewhere.example"></iframe>
</body></html>`,
    'tutorial.js': `window.log = [];
const frames = { listed: document.getElementById('listed'), unlisted: document.getElementById('unlisted') };
window.addEventListener('message', (event) => {
  if (event.data?.['relu-playground'] !== 1) return;
  const from = Object.keys(frames).find((name) => frames[name].contentWindow === event.source);
  window.log.push({ from, origin: event.origin, data: event.data });
});
window.ask = (name, id, method, params) => frames[name].contentWindow.postMessage({ 'relu-playground': 1, id, method, params }, '*');
`,
  };
}

const served = useServedPage({
  hostPages: ({ url }) => ({ 'api-host.js': API_HOST_JS, 'api-host.html': API_HOST_HTML, ...tutorialPages(url) }),
});
let tutorialOrigin;
beforeAll(() => {
  tutorialOrigin = tutorialOriginOf(served.url);
});

async function open(path) {
  const page = await served.open(path);
  await waitReady(page);
  return page;
}

const refusal = (page, script) => page.evaluate((code) => new Function(`return (${code})`)()
  .then(() => null, (error) => ({ message: error.message, field: error.field })), script);

test('the handle has the declared members, and its methods drive the worker', async () => {
  const page = await open('index.html?autoplay=false&hidden=3&lock=noise');
  const declared = [...dts.members('interface', 'PlaygroundHandle'), ...dts.members('interface', 'PlaygroundApi')].sort();
  expect(await page.evaluate(() => Object.keys(window.reluPlayground).sort())).toEqual(declared);

  const applied = await page.evaluate(() => window.reluPlayground.setState({ learningRate: 0.5, discretize: true }));
  expect(applied.config.learningRate).toBe(0.5);
  expect(applied.ui.discretize).toBe(true);
  // The worker has it, the controls and the link show it.
  const model = JSON.parse(await page.evaluate(() => window.reluPlayground.client.exportModel()));
  expect(model.config.learningRate).toBe(0.5);
  expect(await page.evaluate(() => window.location.hash)).toMatch(/learningRate=0\.5/);

  expect(await refusal(page, 'window.reluPlayground.setState({ learningRate: 99 })')).toMatchObject({ field: 'learningRate', message: expect.stringMatching(/range/) });
  expect(await refusal(page, 'window.reluPlayground.setState("noise=5")')).toMatchObject({ field: 'noise', message: expect.stringMatching(/locked/) });
  expect(await refusal(page, 'window.reluPlayground.loadLesson("no-such-lesson")')).toMatchObject({ field: 'lesson' });

  expect(await page.evaluate(() => window.reluPlayground.step({ steps: 25 }))).toMatchObject({ step: 25 });
  await page.waitForFunction(() => window.reluPlayground.getState().progress?.step === 25, null, WAIT);
  await page.evaluate(() => window.reluPlayground.reset());
  await page.waitForFunction(() => window.reluPlayground.getState().progress?.step === 0, null, WAIT);
});

test('the element: declared methods, events as CustomEvents, progress at most ~4 a second', async () => {
  const page = await open('api-host.html');
  const methods = await page.evaluate(() => Object.getOwnPropertyNames(customElements.get('relu-playground').prototype)
    .filter((name) => !['constructor', 'connectedCallback', 'disconnectedCallback', 'attributeChangedCallback'].includes(name)));
  const statics = await page.evaluate(() => Object.getOwnPropertyNames(customElements.get('relu-playground'))
    .filter((name) => !['length', 'name', 'prototype', 'observedAttributes'].includes(name)));
  const declared = dts.members('class', 'ReluPlaygroundElement').filter((name) => name !== 'addEventListener');
  expect([...methods, ...statics].sort()).toEqual(declared);

  await page.waitForFunction(() => window.seen.some((e) => e.type === 'ready'), null, WAIT);
  const element = 'document.querySelector("relu-playground")';
  expect(await page.evaluate(`${element}.setState("learningRate=0.3").then((s) => s.config.learningRate)`)).toBe(0.3);
  expect(await refusal(page, `${element}.setState({ noise: 5 })`)).toMatchObject({ field: 'noise' });
  expect(await page.evaluate(`${element}.getState().config.noise`)).toBe(0);

  await page.evaluate(`${element}.play()`);
  await page.waitForTimeout(2000);
  await page.evaluate(`${element}.pause()`);
  const seen = await page.evaluate(() => window.seen);
  const progress = seen.filter((e) => e.type === 'progress');
  const playing = progress.filter((e) => e.detail.playing);
  // About 2 s of training at 4 a second, each later than the one before.
  expect(playing.length).toBeGreaterThanOrEqual(3);
  expect(playing.length).toBeLessThanOrEqual(11);
  for (let i = 1; i < playing.length; i++) expect(playing[i].detail.step).toBeGreaterThanOrEqual(playing[i - 1].detail.step);
  expect(seen.some((e) => e.type === 'statechange' && e.detail.config.learningRate === 0.3)).toBe(true);
  expect(seen.find((e) => e.type === 'resize').detail.height).toBeGreaterThan(200);
  expect(await page.evaluate(`${element}.getState().playing`)).toBe(false);
});

test('an iframe on another origin answers the origin its link lists, and ignores the others', async () => {
  const page = await openPage(served.context, `${tutorialOrigin}/tutorial.html`);
  served.pages.push(page);
  const reply = (id) => page.waitForFunction((want) => window.log.find((m) => m.data.id === want)?.data, id, WAIT).then((h) => h.jsonValue());
  await page.waitForFunction(() => window.log.some((m) => m.from === 'listed' && m.data.event === 'ready'), null, WAIT);

  await page.evaluate(() => window.ask('listed', 1, 'setState', { learningRate: 0.5 }));
  expect((await reply(1)).result.config.learningRate).toBe(0.5);
  await page.evaluate(() => window.ask('listed', 2, 'setState', 'learningRate=99'));
  expect((await reply(2)).error).toMatchObject({ field: 'learningRate', message: expect.stringMatching(/range/) });
  await page.evaluate(() => window.ask('listed', 3, 'play'));
  expect(await reply(3)).toEqual({ 'relu-playground': 1, id: 3 });
  await page.waitForFunction(() => window.log.some((m) => m.data.event === 'progress' && m.data.data.step > 0), null, WAIT);

  // The frame whose link lists another origin: no reply, no event, no training.
  const unlisted = page.frames().find((frame) => frame.url().includes('elsewhere.example'));
  await unlisted.waitForFunction(() => document.querySelector('.relu-playground[data-ready="true"]'), null, WAIT);
  await page.evaluate(() => window.ask('unlisted', 4, 'play'));
  await page.waitForTimeout(1500);
  const log = await page.evaluate(() => window.log);
  expect(log.filter((m) => m.from === 'unlisted')).toEqual([]);
  expect(new Set(log.map((m) => m.origin))).toEqual(new Set([new URL(served.url).origin]));
  expect(await unlisted.evaluate(() => window.reluPlayground.getState().playing)).toBe(false);
});
