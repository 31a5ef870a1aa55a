// The tutorial (web/tutorial, issue #12) in the browser: nine live widgets,
// one per lesson; only the one in view trains; every "try this" button and
// every scroll step changes its widget as getState() reports; reduced motion
// trains nothing until a button is pressed; axe finds nothing; screenshots.
// Steps are read from the worker itself where "stopped" is asserted (the
// page draws nothing out of view, so the drawing cannot tell).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { openPage, waitForPage, waitReady, emulateColorScheme } from './helpers/browser.js';
import { useViewPage, SHOTS, DESKTOP, PHONE } from './helpers/views.js';
import { emulateReducedMotion } from './helpers/emulation.js';
import { SECTIONS, SCROLL_STEPS } from '../../web/tutorial/sections.js';
import { PRESETS } from '../../web/shared/presets.js';

jest.setTimeout(300000);

const WAIT = { timeout: 90000 };
const PATH = 'tutorial/index.html';
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const { served } = useViewPage();

async function open(viewport, { before } = {}) {
  const page = await openPage(served.context, 'about:blank', viewport);
  served.pages.push(page);
  if (before) await before(page);
  await page.goto(`${served.url}${PATH}`);
  // Test helpers in the page: the widgets by section, the worker's own step, a frame counter.
  await page.evaluate(() => {
    window.widgetOf = (id) => document.querySelector(`relu-playground[data-section="${id}"]`);
    window.workerStep = async (id) => {
      const client = window.widgetOf(id).playground?.client;
      if (!client?.started) return null;
      return (await client.snapshot({ evaluate: false })).step;
    };
    window.inView = (id) => {
      const box = window.widgetOf(id).getBoundingClientRect();
      return box.bottom > 0 && box.top < window.innerHeight;
    };
    // A diverging lesson goes back to its step-0 checkpoint: its 'diverged' event shows it trained.
    window.diverged = new Set();
    for (const widget of document.querySelectorAll('relu-playground')) {
      widget.addEventListener('diverged', () => window.diverged.add(widget.dataset.section));
    }
    window.trained = (id) => window.widgetOf(id).getState()?.progress?.step > 0 || window.diverged.has(id);
    window.frames = 0;
    const count = () => { window.frames += 1; requestAnimationFrame(count); };
    requestAnimationFrame(count);
  });
  return page;
}

const stateOf = (page, id) => page.evaluate((section) => window.widgetOf(section).getState(), id);

/** Waits until `count` more animation frames have been drawn: the page's clock, not a timer. */
async function waitFrames(page, count) {
  const from = await page.evaluate(() => window.frames);
  await page.waitForFunction((target) => window.frames >= target, from + count, WAIT);
}

/** Whether each field of `patch` has that value in the widget's config (one activation name stands for every layer). */
function patchHolds(state, patch) {
  const same = (actual, expected) => {
    if (Array.isArray(expected)) return Array.isArray(actual) && actual.length === expected.length && expected.every((v, i) => same(actual[i], v));
    if (Array.isArray(actual)) return actual.length > 0 && actual.every((v) => same(v, expected));
    return Object.is(actual, expected);
  };
  return Object.entries(patch).every(([name, value]) => same(state?.config?.[name], value));
}

test('nine live widgets, one per lesson of the tutorial, and no console error', async () => {
  const page = await open(DESKTOP);
  await waitForPage(page, 'every widget mounted', () => [...document.querySelectorAll('relu-playground')].every((w) => w.getState()), null, WAIT);
  const lessons = await page.$$eval('relu-playground', (widgets) => widgets.map((w) => [w.dataset.section, w.getState().ui.lesson]));
  expect(lessons).toEqual(SECTIONS.map((section) => [section.id, section.lesson]));
  expect(new Set(lessons.map(([, lesson]) => lesson)).size).toBe(9);
  for (const [, lesson] of lessons) expect(PRESETS.some((preset) => preset.id === lesson)).toBe(true);
  // One run each: the comparison lessons' run B stays off (compare=false), the text's buttons change run A.
  expect(await page.$$eval('relu-playground', (widgets) => widgets.filter((w) => w.getState().compare).map((w) => w.dataset.section))).toEqual([]);
  // Widgets far from the viewport have not started a worker yet: they load as they approach.
  expect(await page.evaluate(() => window.workerStep('cost'))).toBeNull();
});

test('scrolling to a section starts its widget, and the one scrolled past stops', async () => {
  const page = await open(DESKTOP);
  let previous = null;
  for (const { id } of SECTIONS) {
    await page.evaluate((section) => window.widgetOf(section).scrollIntoView({ block: 'start' }), id);
    await waitForPage(page, `${id}: its widget trains once in view`, (section) => window.trained(section), id, WAIT);
    if (previous) {
      expect(await page.evaluate((section) => window.inView(section), previous)).toBe(false);
      await waitFrames(page, 10); // the pause reaches the worker of the widget scrolled past
      const before = await page.evaluate((section) => window.workerStep(section), previous);
      const shown = (await stateOf(page, previous)).progress.step;
      await waitFrames(page, 30);
      expect(await page.evaluate((section) => window.workerStep(section), previous)).toBe(before);
      expect((await stateOf(page, previous)).progress.step).toBe(shown);
    }
    previous = id;
  }
});

test('every "try this" button and step button changes its widget as getState() reports', async () => {
  // At phone width the scroll steps are off (the widget cannot stay beside the text), so each click is the only change.
  const page = await open(PHONE);
  const buttons = await page.$$eval('.try-button, .step-button', (nodes) => nodes.map((node, index) => {
    node.dataset.testIndex = String(index);
    return { index, label: node.textContent, section: node.dataset.section, patch: JSON.parse(node.dataset.patch), play: node.dataset.play === 'true' };
  }));
  const expected = SECTIONS.reduce((sum, section) => sum + section.actions.length, 0) + SCROLL_STEPS.steps.length;
  expect(buttons.length).toBe(expected);
  for (const { index, label, section, patch, play } of buttons) {
    const selector = `[data-test-index="${index}"]`;
    await page.$eval(selector, (node) => node.scrollIntoView({ block: 'center' }));
    await waitForPage(page, `${section}: widget mounted`, (id) => window.widgetOf(id).getState() !== null, section, WAIT);
    const before = await stateOf(page, section);
    expect({ section, patch, alreadyThere: patchHolds(before, patch) }).toEqual({ section, patch, alreadyThere: false });
    await page.click(selector);
    await waitForPage(page, `${section}: ${JSON.stringify(patch)} applied`, ([id, fields, source]) => {
      // eslint-disable-next-line no-new-func
      const holds = new Function(`return (${source})`)();
      const state = window.widgetOf(id).getState();
      return holds(state, fields) && state.playing;
    }, [section, patch, patchHolds.toString()], WAIT);
    if (play) {
      // Only a widget in view trains: the button brings it back into view when it was off screen.
      await waitForPage(page, `${section}: in view and training after the button`, (id) => window.inView(id) && window.trained(id), section, WAIT);
      // The play holds: still playing once it has trained past where it was (a divergence of steps
      // from before the button once stopped it a frame after "playing" showed).
      const from = (await stateOf(page, section)).progress?.step ?? 0;
      await waitForPage(page, `${section}: still playing after more steps`, ([id, step]) => {
        const state = window.widgetOf(id).getState();
        return state.playing && (state.progress?.step ?? 0) > step;
      }, [section, from], WAIT);
    }
    // Screen readers hear what was done (a role=status line).
    await waitForPage(page, `${section}: the status names "${label}"`, ([id, text]) => document.querySelector(`#${id} .try-status`).textContent === `Done: ${text}.`, [section, label], WAIT);
  }
});

test('the dead-units widget follows the paragraph in the middle of the screen, down and back up', async () => {
  const page = await open(DESKTOP);
  const { section } = SCROLL_STEPS;
  const steps = await page.$$eval(`#${section} [data-step]`, (nodes) => nodes.map((node) => JSON.parse(node.querySelector('.step-button').dataset.patch)));
  expect(steps).toEqual(SCROLL_STEPS.steps.map((step) => step.patch));
  const order = [...steps.keys(), ...[...steps.keys()].reverse().slice(1)];
  for (const index of order) {
    await page.evaluate(([id, i]) => document.querySelector(`#${id} [data-step="${i}"]`).scrollIntoView({ block: 'center' }), [section, index]);
    await waitForPage(page, `step ${index} applied`, ([id, i, fields, source]) => {
      // eslint-disable-next-line no-new-func
      const holds = new Function(`return (${source})`)();
      const active = document.querySelector(`#${id} [data-step="${i}"]`).classList.contains('is-active');
      return active && holds(window.widgetOf(id).getState(), fields);
    }, [section, index, steps[index], patchHolds.toString()], WAIT);
    // The widget stays on screen beside the text (sticky).
    expect(await page.evaluate((id) => window.inView(id), section)).toBe(true);
  }
});

test('prefers-reduced-motion: a widget in view waits for the reader, then a button trains it', async () => {
  const page = await open(DESKTOP, { before: emulateReducedMotion });
  const [{ id, actions: [first] }] = SECTIONS;
  await page.evaluate((section) => window.widgetOf(section).scrollIntoView({ block: 'start' }), id);
  await waitForPage(page, 'the core loaded', async (section) => (await window.workerStep(section)) !== null, id, WAIT);
  await waitFrames(page, 30);
  expect(await page.evaluate((section) => window.workerStep(section), id)).toBe(0);
  expect((await stateOf(page, id)).playing).toBe(false);
  await page.click(`.try-button[data-section="${id}"]`);
  await waitForPage(page, 'trains after the button', (section) => window.widgetOf(section).getState().progress?.step > 0, id, WAIT);
  expect(patchHolds(await stateOf(page, id), first.patch)).toBe(true);
});

test.each([['light', DESKTOP, 'desktop'], ['dark', PHONE, 'phone']])('axe (WCAG 2 A and AA): no violation, %s theme, %s', async (scheme, viewport) => {
  const page = await open(viewport, { before: (p) => emulateColorScheme(p, scheme) });
  await waitForPage(page, 'theme applied', (theme) => document.documentElement.dataset.theme === theme
    && [...document.querySelectorAll('relu-playground')].every((w) => w.getState()?.ui.theme === theme), scheme, WAIT);
  // The first widget loaded and drawn, so its live content is checked too.
  await page.evaluate(() => document.querySelector('relu-playground').scrollIntoView({ block: 'start' }));
  await waitForPage(page, 'first widget trains', () => document.querySelector('relu-playground').getState().progress?.step > 0, null, WAIT);
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  });
  expect(violations).toEqual([]);
});

test.each([['light'], ['dark']])('screenshots, %s theme: desktop (the scroll steps) and phone (the first lesson)', async (scheme) => {
  const desktop = await open(DESKTOP, { before: (p) => emulateColorScheme(p, scheme) });
  await desktop.evaluate(() => document.querySelector('#dead-relus [data-step="1"]').scrollIntoView({ block: 'center' }));
  await waitForPage(desktop, 'step 2 applied and training', () => {
    const state = window.widgetOf('dead-relus').getState();
    return state?.config.learningRate === 1 && state.progress?.epoch >= 30;
  }, null, WAIT);
  await desktop.screenshot({ path: join(SHOTS, `tutorial-${scheme}-desktop.png`) });

  const phone = await open(PHONE, { before: (p) => emulateColorScheme(p, scheme) });
  await phone.evaluate(() => document.querySelector('#nonlinearity h2').scrollIntoView({ block: 'start' }));
  await phone.click('.try-button[data-section="nonlinearity"]');
  await waitForPage(phone, 'ReLU fitted xor', () => window.widgetOf('nonlinearity').getState()?.metrics?.trainAccuracy > 0.95, null, WAIT);
  await phone.evaluate(() => document.querySelector('#nonlinearity figure.widget').scrollIntoView({ block: 'start' }));
  await waitFrames(phone, 5);
  await phone.screenshot({ path: join(SHOTS, `tutorial-${scheme}-phone.png`) });
  // Nothing wider than a 360 px phone: the page never scrolls sideways.
  // (clientWidth: the viewport less a scrollbar, which Firefox draws.)
  const { scrollWidth, clientWidth } = await phone.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
  expect(clientWidth).toBeLessThanOrEqual(PHONE.width);
  expect(scrollWidth).toBe(clientWidth);
});

test('the playground page links to the tutorial from its header; an embedded page does not', async () => {
  for (const [size, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
    const page = await served.open('index.html#autoplay=false', viewport);
    await page.waitForSelector('.pg-header .tutorial-link', WAIT);
    await waitReady(page);
    await page.screenshot({ path: join(SHOTS, `tutorial-link-${size}.png`) });
    const href = await page.$eval('.pg-header .tutorial-link', (link) => link.href);
    expect(href).toBe(`${served.url}tutorial/index.html`);
  }
  const page = await served.open('index.html#autoplay=false');
  await waitReady(page);
  // The link's own click (it navigates): the engines' checked click waits for the event on a page that is gone.
  await page.evaluate(() => document.querySelector('.pg-header .tutorial-link').click());
  await waitForPage(page, 'the tutorial opened', () => document.querySelectorAll('relu-playground').length === 9, null, WAIT);
  const embedded = await served.open('index.html#embed=true&autoplay=false');
  await embedded.waitForSelector('.pg-header h1', { ...WAIT, state: 'attached' });
  expect(await embedded.$$eval('.tutorial-link', (links) => links.length)).toBe(0);
});
