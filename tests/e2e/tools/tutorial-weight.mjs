// The tutorial's page weight (issue #12), in Debian's Chromium: bytes sent by
// the server (1) before the first widget has trained a step, the reader
// having scrolled straight to it, and (2) in total, after scrolling through
// every section until each widget has trained. Counted at the server, so the
// worker's own fetches (its script, the core's .mjs and .wasm) are included
// whichever thread asked. Files are served uncompressed, with
// `Cache-Control: max-age=3600` as a static host would (so widgets after the
// first reuse the cached core); the gzip size of the same bytes is printed too.
//
//   node tests/e2e/tools/tutorial-weight.mjs
//
// RELU_PAGE_DIR=<a built page> skips the vite build.
import { createServer } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildPage, removeDir } from '../helpers/page-server.js';
import { launchBrowser } from '../helpers/browser.js';

const MIME = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css',
  '.wasm': 'application/wasm', '.png': 'image/png', '.svg': 'image/svg+xml',
};
const WAIT = { timeout: 120000 };

const ownBuild = !process.env.RELU_PAGE_DIR;
const dir = resolve(process.env.RELU_PAGE_DIR ?? await buildPage());

/** A static server that logs every response's path and body size. */
function countingServer() {
  const sent = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = normalize(join(dir, path));
    if (file !== dir && !file.startsWith(dir + sep)) return res.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return res.writeHead(404).end();
    const body = readFileSync(file);
    sent.push({ path, bytes: body.length, gzip: gzipSync(body).length });
    res.writeHead(200, { 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'max-age=3600' }).end(body);
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done({ server, sent, url: `http://127.0.0.1:${server.address().port}/` })));
}

const total = (list) => list.reduce((sum, { bytes, gzip }) => ({ bytes: sum.bytes + bytes, gzip: sum.gzip + gzip }), { bytes: 0, gzip: 0 });
const kib = (n) => `${(n / 1024).toFixed(0)} KiB`;
function report(title, list) {
  const { bytes, gzip } = total(list);
  console.log(`${title}: ${list.length} responses, ${kib(bytes)} as served (${bytes} bytes), ${kib(gzip)} if gzipped`);
  for (const { path, bytes: size } of list) console.log(`  ${String(size).padStart(8)}  ${path}`);
}

const { server, sent, url } = await countingServer();
const browser = await launchBrowser();
try {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${url}tutorial/index.html`);
  await page.evaluate(() => {
    window.diverged = new Set();
    for (const w of document.querySelectorAll('relu-playground')) w.addEventListener('diverged', () => window.diverged.add(w.dataset.section));
  });
  const sections = await page.$$eval('relu-playground', (widgets) => widgets.map((w) => w.dataset.section));
  const trainInView = async (id) => {
    await page.evaluate((section) => document.querySelector(`relu-playground[data-section="${section}"]`).scrollIntoView({ block: 'start' }), id);
    await page.waitForFunction((section) => {
      const widget = document.querySelector(`relu-playground[data-section="${section}"]`);
      return widget.getState()?.progress?.step > 0 || window.diverged.has(section);
    }, id, WAIT);
  };
  await trainInView(sections[0]);
  report('Before the first widget trains (scrolled straight to it)', sent.slice());
  for (const id of sections.slice(1)) await trainInView(id);
  report('In total (every section scrolled to, every widget trained)', sent.slice());
} finally {
  await browser.close();
  server.close();
  if (ownBuild) removeDir(dir);
}
