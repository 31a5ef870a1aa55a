// Measures the page's own frame-rate and steps/s meters on the 6x8 ReLU
// spiral (the lesson `relu-spiral`, default speed) in headless chromium, and
// the snapshot round trip and drawing times the page reports (getStats()).
//
//   node tests/e2e/tools/measure-frame-rate.mjs [query] [seconds]
//
// In compare mode (a query with b.<field> or compare=true) it reports run B's
// frame rate and steps/s too. With RELU_COMPARE_RATIO=1 it measures the
// query's run A alone, then opens B as a copy of A (setState({compare: true}))
// in the same page and measures again, and prints both and their ratio.
//
// It also splits each snapshot round trip into: waiting for the worker (the
// request sits behind a training slice), the worker's work, and the way back
// (the reply waits for the page's main thread), from timestamps taken by
// wrappers around the Worker's messages (timeOrigin-based, so comparable).
//
// Not a test: speed depends on the machine; this prints figures for reports.
// RELU_PAGE_DIR=<folder> measures an already built page (e.g. an older
// commit's, to compare) instead of building this one.
import { readdirSync, readFileSync } from 'node:fs';
import { buildPage, serveStatic, removeDir } from '../helpers/page-server.js';
import { launchBrowser, waitReady } from '../helpers/browser.js';

const query = process.argv[2] ?? '?lesson=relu-spiral';
const seconds = Number(process.argv[3] ?? 10);
const outDir = process.env.RELU_PAGE_DIR ?? await buildPage();
const server = await serveStatic(outDir);
const browser = await launchBrowser();

// Page side: when each snapshot request left and its reply arrived.
function tracePage() {
  const clock = () => performance.timeOrigin + performance.now();
  window.snapshotTrace = new Map();
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => {
        const entry = window.snapshotTrace.get(event.data?.id);
        if (entry) entry.back = clock();
      }, { capture: true });
    }

    postMessage(message, ...rest) {
      if (message?.type === 'snapshot') window.snapshotTrace.set(message.id, { sent: clock() });
      return super.postMessage(message, ...rest);
    }
  };
}

// Worker side: when each request arrived (after any training slice in
// progress: a worker runs one task at a time) and, as the first task after
// it, when the snapshot's synchronous work had ended. (Playwright evaluates
// in a separate JS world, so wrapping self.postMessage would not be seen.)
function traceWorker() {
  const clock = () => performance.timeOrigin + performance.now();
  self.snapshotTrace = new Map();
  const channel = new MessageChannel();
  const waiting = [];
  channel.port1.onmessage = () => { const entry = waiting.shift(); if (entry) entry.replied = clock(); };
  self.addEventListener('message', (event) => {
    if (event.data?.type !== 'snapshot') return;
    const entry = { received: clock() };
    self.snapshotTrace.set(event.data.id, entry);
    waiting.push(entry);
    channel.port2.postMessage(null);
  }, { capture: true });
}

// CPU time (ms) of every chromium thread of this browser (found by its
// profile folder), by thread name, from /proc: unlike wall-clock durations it
// does not count the time a busy machine keeps a thread waiting.
function threadCpu(profile) {
  const ticks = {};
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let tasks;
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(profile)) continue;
      tasks = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    const type = /--type=([\w-]+)/.exec(readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' '))?.[1] ?? 'browser';
    for (const tid of tasks) {
      try {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replace(/\d+$/, '');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const key = `${type}:${name}`;
        ticks[key] = (ticks[key] ?? 0) + Number(fields[11]) + Number(fields[12]);
      } catch {
        // the thread ended
      }
    }
  }
  return ticks;
}

function cpuPerSecond(before, after, seconds) {
  const perSecond = {};
  for (const [key, value] of Object.entries(after)) {
    const ms = ((value - (before[key] ?? 0)) * 10) / seconds; // 100 ticks per second
    if (ms >= 5) perSecond[key] = Math.round(ms);
  }
  return Object.fromEntries(Object.entries(perSecond).sort((a, b) => b[1] - a[1]));
}

async function breakdown(page) {
  const pageSide = await page.evaluate(() => [...window.snapshotTrace].filter(([, e]) => e.back));
  const workerSide = new Map(await page.workers()[0].evaluate(() => [...self.snapshotTrace]));
  const parts = { wait: [], work: [], back: [] };
  for (const [id, { sent, back }] of pageSide) {
    const w = workerSide.get(id);
    if (!w?.replied) continue;
    parts.wait.push(w.received - sent);
    parts.work.push(w.replied - w.received);
    parts.back.push(back - w.replied);
  }
  const stats = (values) => {
    const sorted = values.sort((a, b) => a - b);
    const at = (q) => Math.round(sorted[Math.floor(q * (sorted.length - 1))] * 10) / 10;
    return { median: at(0.5), p90: at(0.9) };
  };
  return Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, stats(v)]));
}

try {
  const page = await browser.context.newPage();
  await page.addInitScript(tracePage);
  page.on('worker', (worker) => worker.evaluate(traceWorker).catch(() => {}));
  page.errors = [];
  page.on('console', (message) => { if (message.type() === 'error') page.errors.push(message.text()); });
  await page.setViewportSize({ width: 1280, height: 1000 });
  await page.goto(`${server.url}index.html${query}`);
  await waitReady(page, 120000);
  await page.waitForFunction(() => Number.parseInt(document.querySelector('[data-stat="step"]').textContent, 10) > 500, null, { timeout: 120000 });
  // The renderer main thread's own accounting (CDP Performance.getMetrics): busy time per second.
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const mainThread = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const before = await mainThread();
  const cpuBefore = threadCpu(browser.profile);
  const cpuStart = Date.now();
  const samples = [];
  for (let s = 0; s < seconds; s++) {
    // The display's own frame rate over the same second: what the page could reach at best.
    const rafFps = await page.evaluate(() => new Promise((done) => {
      let frames = 0;
      const start = performance.now();
      const tick = (now) => {
        frames += 1;
        if (now - start >= 1000) done(((frames - 1) * 1000) / (now - start));
        else requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    }));
    samples.push(await page.evaluate((raf) => {
      const stats = window.reluPlayground.getStats();
      const text = (name) => document.querySelector(`[data-stat="${name}"]`).textContent;
      return {
        fps: stats.fps,
        stepsPerSecond: Number(text('stepsPerSecond').replace(/[^0-9.]/g, '')),
        snapshotMs: stats.snapshotMs,
        renderMs: stats.renderMs,
        step: Number.parseInt(text('step'), 10),
        rafFps: raf,
        compareFps: stats.compare?.fps ?? null,
        compareStep: stats.compare?.step ?? null,
        at: performance.now(),
      };
    }, rafFps));
  }
  // B's steps a second over the whole measurement: from its step at the first and last samples.
  const compareStepsPerSecond = (list) => (list[0].compareStep === null ? null
    : Math.round(((list.at(-1).compareStep - list[0].compareStep) * 1000) / (list.at(-1).at - list[0].at)));
  const median = (key) => {
    const values = samples.map((s) => s[key]).sort((a, b) => a - b);
    return values[Math.floor(values.length / 2)];
  };
  const round = (v) => Math.round(v * 10) / 10;
  const after = await mainThread();
  const cpu = cpuPerSecond(cpuBefore, threadCpu(browser.profile), (Date.now() - cpuStart) / 1000);
  const span = after.Timestamp - before.Timestamp;
  const perSecond = (name) => round(((after[name] - before[name]) / span) * (name.endsWith('Duration') ? 1000 : 1));
  const main = Object.fromEntries(['TaskDuration', 'ScriptDuration', 'LayoutDuration', 'RecalcStyleDuration', 'LayoutCount', 'RecalcStyleCount']
    .map((name) => [name.replace('Duration', 'Ms'), perSecond(name)]));
  const compare = samples[0].compareFps === null ? {} : {
    compareFps: round(median('compareFps')), compareStepsPerSecond: compareStepsPerSecond(samples),
  };
  let ratio = {};
  if (process.env.RELU_COMPARE_RATIO === '1') {
    // The same page, now with B: A's and B's figures over as many seconds.
    await page.evaluate(() => window.reluPlayground.setState({ compare: true }));
    await page.waitForFunction(() => (window.reluPlayground.getStats().compare?.step ?? 0) > 500, null, { timeout: 120000 });
    const withB = [];
    for (let s = 0; s < seconds; s++) {
      await page.evaluate(() => new Promise((done) => { setTimeout(done, 1000); }));
      withB.push(await page.evaluate(() => {
        const stats = window.reluPlayground.getStats();
        const text = (name) => document.querySelector(`[data-stat="${name}"]`).textContent;
        // A's rate from its step too: the run bar says 0 steps/s at a moment the lockstep holds A.
        return { fps: stats.fps, compareFps: stats.compare.fps, compareStep: stats.compare.step, aStep: Number.parseInt(text('step').replace(/\D/g, ''), 10), at: performance.now() };
      }));
    }
    const med = (key) => withB.map((s) => s[key]).sort((a, b) => a - b)[Math.floor(withB.length / 2)];
    const alone = { fps: round(median('fps')), stepsPerSecond: Math.round(median('stepsPerSecond')) };
    const aStepsPerSecond = Math.round(((withB.at(-1).aStep - withB[0].aStep) * 1000) / (withB.at(-1).at - withB[0].at));
    const both = { aFps: round(med('fps')), bFps: round(med('compareFps')), aStepsPerSecond, bStepsPerSecond: compareStepsPerSecond(withB) };
    ratio = { alone, withB: both, ratio: { aFps: round(both.aFps / alone.fps * 100) / 100, bFps: round(both.bFps / alone.fps * 100) / 100, aStepsPerSecond: Math.round(both.aStepsPerSecond / alone.stepsPerSecond * 100) / 100 } };
  }
  console.log(JSON.stringify({
    query, seconds,
    ...compare, ...ratio,
    fps: round(median('fps')), rafFps: round(median('rafFps')), stepsPerSecond: Math.round(median('stepsPerSecond')),
    snapshotMs: round(median('snapshotMs')), renderMs: round(median('renderMs')),
    stepsDuring: samples.at(-1).step - samples[0].step,
    roundTripMs: await breakdown(page),
    mainThreadPerSecond: main,
    cpuMsPerSecond: cpu,
    errors: page.errors,
  }));
} finally {
  await browser.close();
  await server.close();
  if (!process.env.RELU_PAGE_DIR) removeDir(outDir);
}
