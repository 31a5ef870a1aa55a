// Measures what the replay timeline costs on a long run: the 6x8 ReLU
// spiral (lesson relu-spiral, speed auto) played in headless chromium to
// 10^5 steps, then the worker's checkpoint bytes (getState().timeline, the
// worker's own count) and the JS heaps of the page and of the worker
// (performance.memory, Chromium only; no garbage collection is forced, so
// the heaps include garbage not yet collected).
//
//   node tests/e2e/tools/measure-timeline-memory.mjs [steps] [query]
//
// Not a test (the budget itself is asserted in tests/js/worker/timeline.test.js):
// this prints figures for reports.
import { buildPage, serveStatic, removeDir } from '../helpers/page-server.js';
import { launchBrowser, waitReady } from '../helpers/browser.js';

const steps = Number(process.argv[2] ?? 100_000);
const query = process.argv[3] ?? 'lesson=relu-spiral&autoplay=false&speed=auto';
const outDir = await buildPage();
const server = await serveStatic(outDir);
const browser = await launchBrowser();
const mib = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

try {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${server.url}index.html#${query}`);
  await waitReady(page);
  const heaps = async () => ({
    page: await page.evaluate(() => performance.memory?.usedJSHeapSize ?? NaN),
    worker: await page.workers()[0]?.evaluate(() => self.performance.memory?.usedJSHeapSize ?? NaN).catch(() => NaN) ?? NaN,
  });
  const before = await heaps();
  const started = Date.now();
  await page.evaluate(() => window.reluPlayground.play());
  await page.waitForFunction((n) => (window.reluPlayground.getState().progress?.step ?? 0) >= n, steps, { timeout: 3_600_000, polling: 500 });
  await page.evaluate(() => window.reluPlayground.pause());
  // The timeline reply after the pause: the present is the step training stopped at.
  await page.waitForFunction(() => {
    const { timeline, progress } = window.reluPlayground.getState();
    return timeline.present === progress.step;
  }, null, { timeout: 60_000 });
  const timeline = await page.evaluate(() => window.reluPlayground.getState().timeline);
  const after = await heaps();
  console.log(`trained to step ${timeline.present} in ${((Date.now() - started) / 1000).toFixed(0)} s (${query})`);
  console.log(`timeline: ${timeline.kept} checkpoints, ${timeline.bytes.toLocaleString('en')} bytes (${mib(timeline.bytes)}) of ${mib(timeline.maxBytes)}; marks: ${timeline.marks.map((m) => `${m.kind}@${m.step}`).join(', ')}`);
  console.log(`JS heap, page:   ${mib(before.page)} at the start, ${mib(after.page)} after`);
  console.log(`JS heap, worker: ${mib(before.worker)} at the start, ${mib(after.worker)} after`);
  await page.close();
} finally {
  await browser.close();
  await server.close();
  removeDir(outDir);
}
