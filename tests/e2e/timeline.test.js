// Issue #13 §4, the replay timeline: scrub back and the output plot and the
// figures show that step; Live returns to the present; Continue from here
// forks (the step goes back, training goes on from there); a divergence is
// marked. Every wait is on what getState() or the page reports.
import { jest } from '@jest/globals';
import { join } from 'node:path';
import { waitForPage } from './helpers/browser.js';
import { useViewPage, SHOTS, DESKTOP, PHONE } from './helpers/views.js';

const WAIT = { timeout: 90000 };
jest.setTimeout(240000);

const { open } = useViewPage();

const timeline = (page) => page.evaluate(() => window.reluPlayground.getState().timeline);

/** A hash of the output plot's pixels, in the page. */
const OUTPUT_HASH = () => {
  const canvas = document.querySelector('.boundary-canvas');
  const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
  let hash = 0;
  for (let i = 0; i < data.length; i++) hash = (hash * 31 + data[i]) >>> 0;
  return hash;
};

async function shoot(page, name, viewport) {
  await page.setViewportSize(viewport);
  await page.evaluate(() => document.querySelector('.timeline').scrollIntoView({ block: 'center' }));
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

test('scrub back, return live, and continue from an earlier step', async () => {
  // Slow enough (0.1 epoch a frame) that the forked run is seen below the old present.
  const page = await open('lesson=relu-spiral&autoplay=false&speed=0.1');
  for (let i = 0; i < 10; i++) await page.evaluate(() => window.reluPlayground.step({ steps: 400 }));
  await waitForPage(page, 'the timeline at step 4000', () => {
    const t = window.reluPlayground.getState().timeline;
    return t.present === 4000 && t.kept >= 11 && document.querySelector('[data-stat="step"]').textContent === '4000';
  }, null, WAIT);
  // The live picture at 4000: drawn by then (the step label and the plot come from the same frame).
  const liveHash = await page.evaluate(OUTPUT_HASH);
  const liveLoss = await page.$eval('[data-stat="trainLoss"]', (node) => node.textContent);
  const live = await timeline(page);
  expect(live).toMatchObject({ scrubbing: false, step: 4000, present: 4000 });
  expect(live.bytes).toBeGreaterThan(0);
  expect(live.bytes).toBeLessThanOrEqual(live.maxBytes);
  expect(await page.$eval('.timeline-track', (node) => node.getAttribute('aria-valuetext'))).toBe('step 4,000, the present');

  // Keyboard: Home, then two kept steps on.
  await page.evaluate(() => document.querySelector('.timeline-track').focus());
  await page.keyboard.press('Home');
  await waitForPage(page, 'step 0 shown', () => window.reluPlayground.getState().timeline.step === 0, null, WAIT);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  // The third kept step (a request of 400 steps may run in chunks, each leaving a checkpoint).
  const earlier = live.steps[2];
  expect(earlier).toBeGreaterThan(0);
  expect(earlier).toBeLessThan(4000);
  const words = earlier.toLocaleString('en');
  await waitForPage(page, `step ${earlier} shown`, (step) => {
    const t = window.reluPlayground.getState().timeline;
    return t.scrubbing && t.step === step && document.querySelector('[data-stat="step"]').textContent === String(step);
  }, earlier, WAIT);
  // The figures and the slider say so; the plot differs from the live one.
  expect(await page.$eval('.timeline-track', (node) => node.getAttribute('aria-valuetext'))).toBe(`step ${words} of 4,000`);
  expect(await page.$eval('.timeline-status', (node) => node.textContent)).toBe(`Showing step ${words} of 4,000 · training paused`);
  expect(await page.$eval('[data-stat="trainLoss"]', (node) => node.textContent)).not.toBe(liveLoss);
  expect(await page.evaluate(OUTPUT_HASH)).not.toBe(liveHash);
  await shoot(page, 'timeline-scrubbed-desktop', DESKTOP);
  await shoot(page, 'timeline-scrubbed-phone', PHONE);
  await page.setViewportSize(DESKTOP);

  // Live: the present again, pixel for pixel.
  await page.click('[data-action="timeline-live"]');
  await waitForPage(page, 'the present again', (hash) => {
    const t = window.reluPlayground.getState().timeline;
    const canvas = document.querySelector('.boundary-canvas');
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let now = 0;
    for (let i = 0; i < data.length; i++) now = (now * 31 + data[i]) >>> 0;
    return !t.scrubbing && t.step === 4000 && document.querySelector('[data-stat="step"]').textContent === '4000' && now === hash;
  }, liveHash, WAIT);
  expect(await page.evaluate(() => window.reluPlayground.getState().playing)).toBe(false);

  // The pointer: a click half-way along the slider shows the kept step nearest to the middle of the run.
  const box = await page.$eval('.timeline-track', (node) => {
    const { left, top, width, height } = node.getBoundingClientRect();
    return { left, top, width, height };
  });
  const middle = live.steps.reduce((best, step) => (Math.abs(step - 2000) < Math.abs(best - 2000) ? step : best));
  await page.mouse.click(box.left + box.width / 2, box.top + box.height / 2);
  await waitForPage(page, `step ${middle} shown after a click`, (step) => {
    const t = window.reluPlayground.getState().timeline;
    return t.scrubbing && t.step === step && document.querySelector('[data-stat="step"]').textContent === String(step);
  }, middle, WAIT);
  await page.click('[data-action="timeline-live"]');
  await waitForPage(page, 'live after the click', () => !window.reluPlayground.getState().timeline.scrubbing, null, WAIT);

  // Continue from there, after the confirmation.
  await page.evaluate(() => document.querySelector('.timeline-track').focus());
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await waitForPage(page, `step ${earlier} shown again`, (step) => window.reluPlayground.getState().timeline.step === step, earlier, WAIT);
  await page.click('[data-action="timeline-fork"]');
  expect(await page.$eval('.timeline-question', (node) => node.textContent))
    .toBe(`Continue from step ${words}? The ${(4000 - earlier).toLocaleString('en')} later steps and their loss history are dropped.`);
  await page.click('[data-action="timeline-fork-confirm"]');
  await waitForPage(page, `training on from ${earlier}, below the old present`, (step) => {
    const state = window.reluPlayground.getState();
    return state.playing && !state.timeline.scrubbing && state.progress.step > step && state.progress.step < 4000
      && state.timeline.marks.some((m) => m.kind === 'forked' && m.step === step);
  }, earlier, WAIT);
  await page.evaluate(() => window.reluPlayground.pause());
  const forked = await timeline(page);
  expect(forked.present).toBeLessThan(4000);
  expect(forked.marks.filter((m) => m.step > forked.present)).toEqual([]);
  await shoot(page, 'timeline-forked-desktop', DESKTOP);
});

test('digits: scrubbing back shows that step\'s test digits and confusion matrix, not an empty plane', async () => {
  const page = await open('dataset=digits&hidden=16&optimizer=adam&learningRate=0.003&autoplay=false');
  for (let i = 0; i < 3; i++) await page.evaluate(() => window.reluPlayground.step({ steps: 200 }));
  await waitForPage(page, 'the live matrix at step 600', () => {
    const table = document.querySelector('.digits-confusion');
    return window.reluPlayground.getState().timeline.present === 600 && document.querySelector('[data-stat="step"]').textContent === '600'
      && Number(table?.dataset.total) === 898;
  }, null, WAIT);
  const liveCorrect = await page.$eval('.digits-confusion', (table) => Number(table.dataset.correct));
  await page.evaluate(() => document.querySelector('.timeline-track').focus());
  await page.keyboard.press('Home');
  await waitForPage(page, 'step 0 shown', () => {
    const t = window.reluPlayground.getState().timeline;
    return t.scrubbing && t.step === 0 && document.querySelector('[data-stat="step"]').textContent === '0';
  }, null, WAIT);
  // The output panel still shows digits, now the untrained network's: far fewer right than at step 600.
  const past = await page.evaluate(() => ({
    showing: document.querySelector('.boundary-host').classList.contains('showing-digits'),
    hidden: document.querySelector('.digits-view').hidden,
    total: Number(document.querySelector('.digits-confusion').dataset.total),
    correct: Number(document.querySelector('.digits-confusion').dataset.correct),
  }));
  expect(past).toMatchObject({ showing: true, hidden: false, total: 898 });
  expect(past.correct).toBeLessThan(liveCorrect);
});

test('a divergence is marked on the timeline', async () => {
  const page = await open('lesson=exploding-lr');
  await waitForPage(page, 'the divergence mark', () => {
    const t = window.reluPlayground.getState().timeline;
    return t.marks.some((m) => m.kind === 'diverged') && document.querySelector('.timeline-mark.mark-diverged');
  }, null, WAIT);
  const { marks, present } = await timeline(page);
  const diverged = marks.find((m) => m.kind === 'diverged');
  expect(diverged.step).toBeGreaterThan(0);
  expect(marks).toContainEqual({ step: present, kind: 'restored' });
  const title = await page.$eval('.timeline-mark.mark-diverged', (node) => node.getAttribute('title'));
  expect(title).toMatch(new RegExp(`^diverged at step ${diverged.step.toLocaleString('en')} \\(.+\\)$`));
  await shoot(page, 'timeline-diverged-desktop', DESKTOP);
  await shoot(page, 'timeline-diverged-phone', PHONE);
});
