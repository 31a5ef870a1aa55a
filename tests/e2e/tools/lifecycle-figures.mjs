// Figures for the lifecycle (issue #11 §3), in Debian's Chromium:
//  1. time from a <relu-playground> entering the viewport to its first trained
//     frame: cold (scrolled straight in from far away: worker, core download,
//     build, first steps) and warm (it came within one viewport first, so the
//     core was loaded, then it was scrolled in);
//  2. CPU time of the whole browser (every process and thread, from /proc)
//     with six widgets on a page, one in view versus all six in view, and an
//     idle blank page as the floor; one run, same browser.
//
//   node tests/e2e/tools/lifecycle-figures.mjs [seconds=10] [repeats=3]
//
// RELU_PAGE_DIR=<a built page> skips the vite build.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildPage, serveStatic, removeDir } from '../helpers/page-server.js';
import { launchBrowser } from '../helpers/browser.js';

const seconds = Number(process.argv[2] ?? 10);
const repeats = Number(process.argv[3] ?? 3);
const WIDGETS = 6;
const outDir = process.env.RELU_PAGE_DIR ?? await buildPage();

const widget = (i) => `<relu-playground config="hidden=3&seed=${i + 1}"></relu-playground>`;
const host = (body) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>figures</title>
<link rel="icon" href="data:,"><script type="module" src="figures.js"></script></head><body style="margin:0">${body}</body></html>`;
writeFileSync(join(outDir, 'far.html'), host(`<div style="height:6000px"></div>${widget(0)}<div style="height:3000px"></div>`));
writeFileSync(join(outDir, 'spaced.html'), host(Array.from({ length: WIDGETS }, (_, i) => `<section style="margin-bottom:2500px">${widget(i)}</section>`).join('')));
writeFileSync(join(outDir, 'packed.html'), host(Array.from({ length: WIDGETS }, (_, i) => `<section>${widget(i)}</section>`).join('')));
writeFileSync(join(outDir, 'blank.html'), '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>blank</title><link rel="icon" href="data:,"></head><body></body></html>');
writeFileSync(join(outDir, 'figures.js'), `import './embed/relu-playground.js';
const widgets = () => [...document.querySelectorAll('relu-playground')];
// When the first widget is first seen (the host's own observer, no margin), and its first trained frame after that.
window.timing = { enteredAt: null, trainedFrameAt: null, readyAt: null };
const first = widgets()[0];
first.addEventListener('ready', () => { window.timing.readyAt = performance.now(); });
new IntersectionObserver((entries) => {
  if (entries.some((e) => e.isIntersecting) && window.timing.enteredAt === null) window.timing.enteredAt = performance.now();
}).observe(first);
first.addEventListener('progress', (event) => {
  if (window.timing.enteredAt === null || window.timing.trainedFrameAt !== null || !(event.detail.step > 0)) return;
  requestAnimationFrame(() => { window.timing.trainedFrameAt ??= performance.now(); }); // drawn at the next frame
});
window.workerSteps = () => Promise.all(widgets().map(async (element) => {
  const client = element.playground?.client;
  return client?.started ? (await client.snapshot({ evaluate: false })).step : null;
}));
`);

// CPU ticks (1/100 s) of every process of this browser (its profile folder is on each command line).
function browserTicks(profile) {
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(profile)) continue;
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime + stime, all threads of the process
    } catch {
      // the process ended
    }
  }
  return ticks;
}

// CPU ticks of each dedicated worker thread of this browser (the training workers), by thread id.
function workerTicks(profile) {
  const ticks = new Map();
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(profile)) continue;
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        if (!stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')).startsWith('DedicatedWorker')) continue;
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        ticks.set(`${pid}/${tid}`, Number(fields[11]) + Number(fields[12]));
      }
    } catch {
      // the process or thread ended
    }
  }
  return ticks;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
const browser = await launchBrowser();
const server = await serveStatic(outDir);
const wait = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

async function open(path, viewport = { width: 1280, height: 900 }) {
  const page = await browser.context.newPage();
  await page.setViewportSize(viewport);
  await page.goto(`${server.url}${path}`);
  return page;
}

async function timeToTrainedFrame(warm) {
  const page = await open('far.html');
  await wait(1000); // the page settles; the widget is 6000 px away: nothing loads
  if (warm) {
    // Within one viewport below the fold: the core loads, nothing trains.
    await page.evaluate(() => window.scrollTo(0, document.querySelector('relu-playground').getBoundingClientRect().top - 900 * 1.5));
    await page.waitForFunction(() => window.timing.readyAt !== null, null, { timeout: 120000 });
    await wait(500);
  }
  await page.evaluate(() => document.querySelector('relu-playground').scrollIntoView({ block: 'start' }));
  await page.waitForFunction(() => window.timing.trainedFrameAt !== null, null, { timeout: 120000 }).catch(async (error) => {
    console.error(await page.evaluate(() => JSON.stringify({ timing: window.timing, y: window.scrollY, state: document.querySelector('relu-playground').getState() })));
    throw error;
  });
  const { enteredAt, trainedFrameAt } = await page.evaluate(() => window.timing);
  await page.close();
  return Math.round(trainedFrameAt - enteredAt);
}

async function cpuWhile(path, { viewport, trainingWidgets }) {
  const page = await open(path, viewport);
  if (trainingWidgets) {
    await page.waitForFunction((n) => window.workerSteps().then((steps) => steps.filter((s) => s > 20).length >= n), trainingWidgets, { timeout: 180000 });
  } else {
    await wait(2000);
  }
  await wait(1000);
  const stepsBefore = trainingWidgets ? await page.evaluate(() => window.workerSteps()) : [];
  const ticksBefore = browserTicks(browser.profile);
  const workersBefore = workerTicks(browser.profile);
  const started = Date.now();
  await wait(seconds * 1000);
  const ticks = browserTicks(browser.profile) - ticksBefore;
  const workersAfter = workerTicks(browser.profile);
  const elapsed = (Date.now() - started) / 1000;
  // Each worker thread's CPU over the window (ms/s): which widgets cost anything.
  const perWorker = [...workersAfter].map(([id, after]) => Math.round(((after - (workersBefore.get(id) ?? 0)) * 10) / elapsed))
    .sort((a, b) => b - a);
  const stepsAfter = trainingWidgets ? await page.evaluate(() => window.workerSteps()) : [];
  await page.close();
  return {
    cpuMsPerSecond: Math.round((ticks * 10) / elapsed),
    workerThreadsMsPerSecond: perWorker,
    widgetsTraining: stepsAfter.filter((s, i) => s !== null && s > stepsBefore[i]).length,
    widgetsStarted: stepsAfter.filter((s) => s !== null).length,
  };
}

try {
  const cold = [];
  const warm = [];
  for (let r = 0; r < repeats; r++) {
    cold.push(await timeToTrainedFrame(false));
    warm.push(await timeToTrainedFrame(true));
  }
  const idle = await cpuWhile('blank.html', {});
  const oneInView = await cpuWhile('spaced.html', { trainingWidgets: 1 });
  // All six in view: the same widgets without gaps, in a viewport tall enough to show them all.
  const probe = await open('packed.html');
  const packedHeight = await probe.evaluate(() => Math.ceil(document.body.scrollHeight));
  await probe.close();
  const sixInView = await cpuWhile('packed.html', { viewport: { width: 1280, height: packedHeight }, trainingWidgets: WIDGETS });
  console.log(JSON.stringify({
    seconds,
    enterToTrainedFrameMs: { cold: { median: median(cold), runs: cold }, warm: { median: median(warm), runs: warm } },
    cpuMsPerSecond: { idleBlankPage: idle.cpuMsPerSecond, oneInView, sixInView, packedViewportHeight: packedHeight },
    ratioSixToOne: Math.round((sixInView.cpuMsPerSecond / oneInView.cpuMsPerSecond) * 100) / 100,
  }, null, 1));
} finally {
  await browser.close();
  await server.close();
  if (!process.env.RELU_PAGE_DIR) removeDir(outDir);
}
