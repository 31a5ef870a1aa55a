// The lifecycle in Chromium (issue #11 §3): six widgets on one tutorial page,
// only the ones in view load and train, scrolling moves the training; a hidden
// tab stops it; prefers-reduced-motion holds autoplay back. Steps are read
// from the worker itself (a cheap snapshot), not from the page's drawing,
// which stops out of view anyway.
import { jest } from '@jest/globals';
import { openPage, waitReady, readStat } from './helpers/browser.js';
import { useServedPage } from './helpers/served-page.js';
import { emulateReducedMotion, setTabHidden } from './helpers/emulation.js';

const WAIT = { timeout: 90000 };
const WIDGETS = 6;
// Far enough apart that, with one widget in a 900 px viewport, no other is within one viewport of it.
const GAP_PX = 2500;
jest.setTimeout(240000);

const served = useServedPage({ hostPages: sixWidgetsPage });

// The host page: six widgets, each more than one viewport from the next.
function sixWidgetsPage() {
  const widgets = Array.from({ length: WIDGETS }, (_, i) => `<section style="margin-bottom:${GAP_PX}px"><h2>Lesson ${i + 1}</h2>
<relu-playground config="hidden=3&seed=${i + 1}"></relu-playground></section>`).join('\n');
  const sixHtml = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Six lessons</title>
<link rel="icon" href="data:,"><script type="module" src="six.js"></script></head><body>${widgets}</body></html>`;
  // The worker's own step (null while it has not started): the truth, whatever is drawn.
  const sixJs = `import './embed/relu-playground.js';
const widgets = () => [...document.querySelectorAll('relu-playground')];
window.workerSteps = () => Promise.all(widgets().map(async (element) => {
  const client = element.playground?.client;
  if (!client?.started) return null;
  return (await client.snapshot({ evaluate: false })).step;
}));
window.showWidget = (i) => widgets()[i].scrollIntoView({ block: 'start' });
window.widget = (i) => widgets()[i];
`;
  return { 'six.html': sixHtml, 'six.js': sixJs };
}

async function open(path, { before } = {}) {
  const page = await openPage(served.context, 'about:blank');
  served.pages.push(page);
  if (before) await before(page);
  await page.goto(`${served.url}${path}`);
  return page;
}

const steps = (page) => page.evaluate(() => window.workerSteps());
const pause = (page, ms) => page.evaluate((wait) => new Promise((resolve) => { setTimeout(resolve, wait); }), ms);

/** Waits until widget i's worker has trained past `from` steps. */
function waitTraining(page, i, from = 0) {
  return page.waitForFunction(async ([index, past]) => ((await window.workerSteps())[index] ?? -1) > past, [i, from], WAIT);
}

/** Steps of each widget over `ms`: [before, after] pairs. */
async function over(page, ms) {
  const before = await steps(page);
  await pause(page, ms);
  const after = await steps(page);
  return before.map((step, i) => [step, after[i]]);
}

test('six widgets: only the one in view loads and trains; scrolling moves the training', async () => {
  const page = await open('six.html');
  await waitTraining(page, 0, 20);
  let moves = await over(page, 1500);
  expect(moves[0][1]).toBeGreaterThan(moves[0][0]);
  // The others have not even started a worker.
  expect(moves.slice(1)).toEqual(Array(WIDGETS - 1).fill([null, null]));

  await page.evaluate(() => window.showWidget(3));
  await waitTraining(page, 3, 20);
  await pause(page, 300); // the pause reaches the first widget's worker
  moves = await over(page, 1500);
  expect(moves[0][1]).toBe(moves[0][0]); // scrolled away: stopped
  expect(moves[3][1]).toBeGreaterThan(moves[3][0]);
  expect([moves[1], moves[2], moves[4], moves[5]]).toEqual(Array(4).fill([null, null]));
  // Stopped by the scroll, not by anyone: it still wants to play, and resumes on return.
  expect(await page.evaluate(() => window.widget(0).getState().playing)).toBe(true);

  await page.evaluate(() => window.showWidget(0));
  await pause(page, 300);
  moves = await over(page, 1500);
  expect(moves[0][1]).toBeGreaterThan(moves[0][0]);
  expect(moves[3][1]).toBe(moves[3][0]);
});

test('a widget paused by the API stays paused when it comes back into view', async () => {
  const page = await open('six.html');
  await waitTraining(page, 0, 5);
  await page.evaluate(() => window.widget(0).pause());
  await page.evaluate(() => window.showWidget(2));
  await page.evaluate(() => window.showWidget(0));
  await pause(page, 300);
  const moves = await over(page, 1500);
  expect(moves[0][1]).toBe(moves[0][0]);
  expect(await page.evaluate(() => window.widget(0).getState().playing)).toBe(false);
});

test('a hidden tab stops training; it resumes when the tab is shown again', async () => {
  const page = await open('six.html');
  await waitTraining(page, 0, 20);
  await setTabHidden(page, true);
  await pause(page, 300);
  let moves = await over(page, 1500);
  expect(moves[0][1]).toBe(moves[0][0]);
  await setTabHidden(page, false);
  await pause(page, 300);
  moves = await over(page, 1500);
  expect(moves[0][1]).toBeGreaterThan(moves[0][0]);
});

test('prefers-reduced-motion: nothing trains until Play is pressed, and a notice says why', async () => {
  const page = await open('index.html#hidden=3', { before: emulateReducedMotion });
  await waitReady(page);
  await pause(page, 1500);
  expect(await readStat(page, 'step')).toBe(0);
  expect(await page.evaluate(() => window.reluPlayground.getState().playing)).toBe(false);
  expect(await page.$eval('[data-action="play"]', (button) => [button.textContent, button.getBoundingClientRect().height > 0])).toEqual(['Play', true]);
  expect(await page.$$eval('.notice', (nodes) => nodes.map((n) => n.textContent).join(' '))).toMatch(/reduced motion/);
  await page.click('[data-action="play"]');
  await page.waitForFunction(() => window.reluPlayground.getState().progress?.step > 0, null, WAIT);
});
