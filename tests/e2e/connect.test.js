// connectPlayground (web/embed/connect.js) in Chromium with two local
// origins: a tutorial page on one server drives an iframe of the playground
// served by another (another port), whose link lists the tutorial in
// origins=; the iframe's height follows its content; a Pym.js parent gets
// its height message; a frame that does not list the tutorial never answers.
import { jest } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from './helpers/page-server.js';
import { openPage } from './helpers/browser.js';
import { useServedPage } from './helpers/served-page.js';

const WAIT = { timeout: 90000 };
jest.setTimeout(240000);

const served = useServedPage(); // the playground's origin
let tutorialServer; // the same files on another port: another origin
let playgroundOrigin;

beforeAll(async () => {
  tutorialServer = await serveStatic(served.dir);
  playgroundOrigin = served.url.replace(/\/$/, '');
  const tutorialOrigin = tutorialServer.url.replace(/\/$/, '');
  const frame = `${playgroundOrigin}/index.html`;
  writeFileSync(join(served.dir, 'connect.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Tutorial</title>
<link rel="icon" href="data:,"><script type="module" src="connect.js"></script>
<script>
// As a Pym parent does, listening before its frame loads (a module script would run too late for the first heights).
window.pymMessages = [];
window.addEventListener('message', (event) => {
  if (typeof event.data === 'string' && event.data.startsWith('pym')) window.pymMessages.push({ origin: event.origin, data: event.data });
});
</script></head><body style="margin:0">
<iframe id="listed" title="listed" style="width:1000px;height:300px;border:0;display:block" src="${frame}#autoplay=false&hidden=3&origins=${tutorialOrigin}"></iframe>
<!-- Below the fold, where a browser may not render it: its height has to come all the same. -->
<iframe id="pym" title="pym" style="width:600px;height:200px;border:0;display:block;margin-top:3000px" src="${frame}?initialWidth=600&childId=lesson-2&parentTitle=Tutorial&parentUrl=${encodeURIComponent(`${tutorialOrigin}/connect.html`)}#autoplay=false&hidden=3"></iframe>
<iframe id="unlisted" title="unlisted" style="width:600px;height:200px;border:0;display:block" src="${frame}#autoplay=false&hidden=3&origins=https://elsewhere.example"></iframe>
</body></html>`);
  writeFileSync(join(served.dir, 'connect.js'), `import { connectPlayground } from './embed/relu-playground.js';
const frame = (id) => document.getElementById(id);
window.resizes = [];
window.playground = connectPlayground(frame('listed'), { origin: '${playgroundOrigin}' });
window.playground.on('resize', ({ height }) => window.resizes.push(height));
window.unlisted = connectPlayground(frame('unlisted'), { origin: '${playgroundOrigin}', timeoutMs: 5000 });
window.unlistedAnswer = window.unlisted.play().then(() => 'answered', (error) => ({ message: error.message, field: error.field }));
window.frameHeight = (id) => frame(id).getBoundingClientRect().height;
`);
});

afterAll(() => tutorialServer?.close());

async function open() {
  const page = await openPage(served.context, `${tutorialServer.url}connect.html`);
  served.pages.push(page);
  await page.evaluate(() => window.playground.connected);
  return page;
}

const refusal = (page, script) => page.evaluate((code) => new Function(`return (${code})`)()
  .then(() => null, (error) => ({ message: error.message, field: error.field })), script);

test('the tutorial drives the frame on the other origin: state, steps, refusals', async () => {
  const page = await open();
  const applied = await page.evaluate(() => window.playground.setState({ learningRate: 0.5 }));
  expect(applied.config.learningRate).toBe(0.5);
  expect(await page.evaluate(() => window.playground.step({ steps: 25 }))).toMatchObject({ step: 25 });
  await page.waitForFunction(() => window.playground.getState().then((state) => state.progress?.step === 25), null, WAIT);
  expect(await refusal(page, 'window.playground.setState({ learningRate: 99 })')).toMatchObject({ field: 'learningRate', message: expect.stringMatching(/range/) });
  expect(await page.evaluate(() => window.playground.getState().then((state) => state.config.learningRate))).toBe(0.5);
});

test('the iframe\'s height follows its content, also when a narrower frame reflows it', async () => {
  const page = await open();
  // Sized from 300 px to the content's height, as the frame reports it.
  await page.waitForFunction(() => window.resizes.length > 0 && window.frameHeight('listed') === window.resizes.at(-1), null, WAIT);
  const wide = await page.evaluate(() => window.frameHeight('listed'));
  expect(wide).toBeGreaterThan(300);
  // A phone-width frame stacks the panels: taller content, a taller frame.
  await page.evaluate(() => { document.getElementById('listed').style.width = '360px'; });
  await page.waitForFunction((before) => window.frameHeight('listed') > before * 1.2 && window.frameHeight('listed') === window.resizes.at(-1), wide, WAIT);
});

test('a Pym.js parent gets the height message; a frame that does not list the tutorial never answers', async () => {
  const page = await open();
  await page.waitForFunction(() => window.pymMessages.length > 0, null, WAIT);
  const messages = await page.evaluate(() => window.pymMessages);
  for (const message of messages) expect(message).toEqual({ origin: playgroundOrigin, data: expect.stringMatching(/^pymxPYMxlesson-2xPYMxheightxPYMx[1-9]\d*$/) });
  // Only the Pym-framed page speaks Pym.
  expect(new Set(messages.map((m) => m.data.split('xPYMx')[1]))).toEqual(new Set(['lesson-2']));
  expect(await page.evaluate(() => window.unlistedAnswer)).toEqual({ field: 'origin', message: expect.stringMatching(/origins=/) });
});
