// How many training epochs the page runs per frame it draws, on a dataset's
// default network (issue #15: "at least one full epoch per frame on the
// default digits network"). Headless chromium (or ENGINE=firefox).
//
//   node tests/e2e/tools/measure-epochs-per-frame.mjs [query] [seconds]
//
// query defaults to '?dataset=digits' (what the Digits tile gives). Epochs
// come from getState().progress (the last drawn snapshot's), frames from
// getStats().fps (frames the page drew, over its last second) and the
// display's own requestAnimationFrame rate. Prints JSON:
//   epochsPerFrame       epochs/s over the window / median drawn fps
//   epochsPerWorkerFrame epochs/s / 60: the worker trains to a 60 Hz grid, so
//                        1 means it keeps up with the speed setting '1'
// Not a test: speed depends on the machine; this prints figures for reports.
// RELU_PAGE_DIR=<folder> measures an already built page instead of building this one.
import { buildPage, serveStatic, removeDir } from '../helpers/page-server.js';
import { launchBrowser, openPage, waitReady } from '../helpers/browser.js';

const query = process.argv[2] ?? '?dataset=digits';
const seconds = Number(process.argv[3] ?? 10);
const WARM_EPOCHS = 5; // past the first frames (core load, first snapshot)

const outDir = process.env.RELU_PAGE_DIR ?? await buildPage();
const server = await serveStatic(outDir);
const browser = await launchBrowser();

const sample = (page) => page.evaluate(() => new Promise((done) => {
  // One second of display frames, then the page's figures at that moment.
  let frames = 0;
  const start = performance.now();
  const tick = (now) => {
    frames += 1;
    if (now - start < 1000) {
      requestAnimationFrame(tick);
      return;
    }
    const { progress } = window.reluPlayground.getState();
    done({
      epoch: progress.epoch, step: progress.step, fps: window.reluPlayground.getStats().fps,
      rafFps: ((frames - 1) * 1000) / (now - start), at: performance.now(),
    });
  };
  requestAnimationFrame(tick);
}));

try {
  const page = await openPage(browser.context, `${server.url}index.html${query}`, { width: 1280, height: 800 });
  await waitReady(page, 120000);
  await page.waitForFunction((warm) => (window.reluPlayground.getState().progress?.epoch ?? 0) >= warm,
    WARM_EPOCHS, { timeout: 120000 });
  const { config, ui } = await page.evaluate(() => window.reluPlayground.getState());
  const samples = [];
  for (let s = 0; s <= seconds; s++) samples.push(await sample(page));
  const first = samples[0];
  const last = samples.at(-1);
  const span = (last.at - first.at) / 1000;
  const median = (key) => samples.slice(1).map((s) => s[key]).sort((a, b) => a - b)[Math.floor((samples.length - 1) / 2)];
  const epochsPerSecond = (last.epoch - first.epoch) / span;
  const round = (v, digits = 2) => Math.round(v * 10 ** digits) / 10 ** digits;
  console.log(JSON.stringify({
    query, seconds: round(span, 1), engine: browser.engine,
    dataset: config.dataset, hidden: config.hidden, batchSize: config.batchSize, trainRatio: config.trainRatio, speed: ui.speed,
    epochsPerSecond: round(epochsPerSecond, 1), stepsPerSecond: Math.round((last.step - first.step) / span),
    fps: round(median('fps'), 1), rafFps: round(median('rafFps'), 1),
    epochsPerFrame: round(epochsPerSecond / median('fps')), epochsPerWorkerFrame: round(epochsPerSecond / 60),
    errors: page.errors,
  }));
} finally {
  await browser.close();
  await server.close();
  if (!process.env.RELU_PAGE_DIR) removeDir(outDir);
}
