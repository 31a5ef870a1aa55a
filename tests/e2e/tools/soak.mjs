// Soak of the page in headless Chromium: switches lessons in a loop while the
// network trains, and after each round of lessons samples the page's JS heap
// (after a forced garbage collection, through the DevTools protocol), its DOM
// nodes and event listeners. Fails when the last round has grown past the
// tolerance over the first.
//
//   node tests/e2e/tools/soak.mjs --minutes 10 [--switch-seconds 6]
//
// Prints one JSON line per sample and a summary; exits 1 on growth or on a
// console error. tests/e2e/soak.test.js runs a one-minute version in CI.
// (The worker's WASM memory is covered by tests/js/worker/soak.test.js.)
import { pathToFileURL } from 'node:url';
import { buildPage, serveStatic, removeDir } from '../helpers/page-server.js';
import { launchBrowser, openPage, waitReady } from '../helpers/browser.js';

/**
 * Growth allowed from the baseline to the end: the JS heap by 20 % plus 2 MB
 * (metric history is capped but a chart's buffers and V8's own caches settle
 * in steps), DOM nodes and listeners by 5 % plus 50 (a lesson's panel
 * differs in size from another's).
 */
export const TOLERANCE = Object.freeze({
  heapFactor: 1.2, heapBytes: 2 * 2 ** 20, nodeFactor: 1.05, nodes: 50,
});

/** Compares the end of a run with its baseline; returns the failures, as sentences. */
export function judge(baseline, final, tolerance = TOLERANCE) {
  const failures = [];
  const heapLimit = baseline.heapUsed * tolerance.heapFactor + tolerance.heapBytes;
  if (final.heapUsed > heapLimit) {
    failures.push(`JS heap grew from ${mib(baseline.heapUsed)} to ${mib(final.heapUsed)} (limit ${mib(heapLimit)})`);
  }
  for (const name of ['nodes', 'listeners']) {
    const limit = baseline[name] * tolerance.nodeFactor + tolerance.nodes;
    if (final[name] > limit) failures.push(`${name} grew from ${baseline[name]} to ${final[name]} (limit ${Math.round(limit)})`);
  }
  return failures;
}

function mib(bytes) {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

async function sample(page, cdp, startedAt, lessonsShown) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const counters = await cdp.send('Memory.getDOMCounters');
  const step = await page.$eval('[data-stat="step"]', (node) => Number.parseInt(node.textContent.replace(/\D/g, ''), 10));
  return {
    seconds: Math.round((Date.now() - startedAt) / 1000),
    heapUsed: usedSize,
    nodes: counters.nodes,
    listeners: counters.jsEventListeners,
    step,
    lessonsShown,
  };
}

/**
 * Runs the soak against a served page; resolves to {samples, baseline, final, failures, lessons}.
 * A round shows every lesson for switchSeconds while training, then goes back
 * to the first lesson and samples: like is compared with like, since a
 * lesson's network sets how many nodes the page has. Rounds go on until
 * `minutes` have passed, and at least minRounds. log(sample) sees each sample.
 */
export async function runSoak({ context, url, minutes, switchSeconds = 6, minRounds = 2, log = () => {} } = {}) {
  const page = await openPage(context, `${url}index.html?autoplay=true`);
  try {
    await waitReady(page);
    const cdp = await context.newCDPSession(page);
    const lessons = await page.$$eval('[data-control="lessons"] select option', (options) => options.map((o) => o.value).filter(Boolean));
    if (lessons.length === 0) throw new Error('no lessons in the menu');
    let shown = 0;
    async function show(lesson, seconds) {
      await page.selectOption('[data-control="lessons"] select', lesson);
      shown += 1;
      // Keep training through every lesson, as a visitor pressing play would.
      if (await page.getAttribute('[data-action="play"]', 'aria-pressed') !== 'true') await page.click('[data-action="play"]');
      await page.waitForTimeout(seconds * 1000);
    }
    const startedAt = Date.now();
    const endAt = startedAt + minutes * 60_000;
    const samples = [];
    const take = async () => {
      samples.push(await sample(page, cdp, startedAt, shown));
      log(samples.at(-1));
    };
    await show(lessons[0], switchSeconds);
    await take();
    for (let round = 1; round <= minRounds || Date.now() < endAt; round++) {
      for (const lesson of lessons.slice(1)) await show(lesson, switchSeconds);
      await show(lessons[0], switchSeconds);
      await take();
      if (page.errors.length > 0) break;
    }
    // Baseline: after the first round (every lesson's code, styles and
    // buffers exist from then on); end: after the last.
    const baseline = samples[1];
    const final = samples.at(-1);
    const failures = [...judge(baseline, final), ...page.errors.map((e) => `page error: ${e}`)];
    if (!samples.every((s) => s.step > 0)) failures.push('training did not run in every round');
    return { samples, baseline, final, failures, lessons: lessons.length };
  } finally {
    await page.close();
  }
}

function argument(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const minutes = argument('minutes', 10);
  const outDir = process.env.RELU_PAGE_DIR ?? await buildPage();
  const server = await serveStatic(outDir);
  const browser = await launchBrowser();
  let result;
  try {
    result = await runSoak({
      context: browser.context, url: server.url, minutes,
      switchSeconds: argument('switch-seconds', 6),
      log: (s) => console.log(JSON.stringify(s)),
    });
  } finally {
    await browser.close();
    await server.close();
    if (!process.env.RELU_PAGE_DIR) removeDir(outDir);
  }
  const { baseline, final, failures, samples } = result;
  console.log(`soak: ${minutes} min, ${samples.length - 1} rounds, ${samples.at(-1).lessonsShown} lesson switches over ` +
    `${result.lessons} lessons`);
  console.log(`JS heap ${mib(baseline.heapUsed)} -> ${mib(final.heapUsed)}, DOM nodes ${baseline.nodes} -> ${final.nodes}, ` +
    `listeners ${baseline.listeners} -> ${final.listeners}`);
  if (failures.length > 0) {
    console.log(`FAIL: ${failures.join('; ')}`);
    process.exitCode = 1;
  } else {
    console.log('ok: no growth beyond the tolerance');
  }
}
