// The npm package, as someone else installs it (issue #11 §3 "Package"):
// `npm pack` of this repository, installed offline into a fresh folder, then
//   (a) `import { createTrainer } from 'relu-playground'` trains under Node;
//   (b) a fresh Vite app that imports the element builds and trains in Chromium;
//   (c) a plain HTML page with an import map trains in Chromium.
// The tarball has no runtime dependencies, so `npm install --offline` needs no
// registry; Vite and the browser driver are the repository's own devDependencies.
import { jest } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, removeDir, serveStatic, wasmBuilt } from '../e2e/helpers/page-server.js';
import { launchBrowser, openPage } from '../e2e/helpers/browser.js';

jest.setTimeout(120000);
const WAIT = { timeout: 60000 };

let work;
let app;
let tarball;
let browser;
const servers = [];

function run(command, args, cwd) {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_update_notifier: 'false' } });
}

beforeAll(async () => {
  if (!wasmBuilt()) throw new Error('wasm-build/dist is missing: run `npm run build:wasm` before the package tests');
  work = mkdtempSync(join(tmpdir(), 'relu-package-'));
  // npm pack runs the prepack script (the page build into web/dist) first.
  const [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], repoRoot));
  tarball = join(work, packed.filename);
  app = join(work, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'tutorial-app', private: true, type: 'module' }));
  run('npm', ['install', tarball, '--offline', '--no-audit', '--no-fund', '--cache', join(work, 'npm-cache')], app);
  browser = await launchBrowser();
}, 300000);

afterAll(async () => {
  await browser?.close();
  for (const server of servers) await server.close();
  removeDir(work);
});

test('the tarball holds the element, its types, the core and the Node API, and no sources of the page it does not need', () => {
  const installed = join(app, 'node_modules/relu-playground');
  const has = (path) => readdirSync(join(installed, path));
  expect(has('web/dist/embed')).toContain('relu-playground.js');
  expect(has('web/embed')).toEqual(['index.d.ts']);
  expect(has('web/dist/wasm').sort()).toEqual(['relu-core-scalar.mjs', 'relu-core-scalar.wasm', 'relu-core-simd.mjs', 'relu-core-simd.wasm']);
  expect(has('wasm-build/dist')).toContain('relu-core-simd.wasm');
  expect(has('web')).not.toContain('ui');
  expect(readdirSync(installed)).not.toContain('cpp');
});

test('(a) under Node: createTrainer from the installed package trains', () => {
  writeFileSync(join(app, 'train.mjs'), `import { createTrainer } from 'relu-playground';
const trainer = await createTrainer({ dataset: 'xor', hidden: [8], activation: 'relu', learningRate: 0.1, seed: 3 });
trainer.evaluate();
const before = trainer.metrics().trainLoss;
const progress = trainer.stepEpochs(40);
trainer.evaluate();
console.log(JSON.stringify({ build: trainer.build, step: progress.step, before, after: trainer.metrics().trainLoss }));
trainer.delete();
`);
  const result = JSON.parse(run(process.execPath, ['train.mjs'], app));
  expect(['simd', 'scalar']).toContain(result.build);
  expect(result.step).toBeGreaterThan(0);
  expect(result.after).toBeLessThan(result.before * 0.8);
});

/** Waits until the element's step counter moves twice: it trains, not just shows a number. */
async function expectTraining(page) {
  const stepOf = () => Number.parseFloat(document.querySelector('relu-playground')?.shadowRoot?.querySelector('[data-stat="step"]')?.textContent);
  await page.waitForFunction(`(${stepOf})() > 10`, null, WAIT);
  const first = await page.evaluate(`(${stepOf})()`);
  await page.waitForFunction(`(${stepOf})() > ${first}`, null, WAIT);
  expect(page.errors).toEqual([]);
}

test('(b) a fresh Vite app that imports the element builds, and trains in Chromium', async () => {
  const vite = join(app, 'vite-app');
  mkdirSync(join(vite, 'public'), { recursive: true });
  writeFileSync(join(vite, 'index.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Vite app</title>
<link rel="icon" href="data:,"><script type="module" src="./main.js"></script></head>
<body><relu-playground config="hidden=4,4"></relu-playground></body></html>`);
  writeFileSync(join(vite, 'main.js'), "import 'relu-playground/element';\n");
  // As docs/EMBEDDING.md says: the core is served from the app's wasm/ folder.
  cpSync(join(app, 'node_modules/relu-playground/web/dist/wasm'), join(vite, 'public/wasm'), { recursive: true });
  run(process.execPath, [join(repoRoot, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], vite);
  const server = await serveStatic(join(vite, 'dist'));
  servers.push(server);
  const page = await openPage(browser.context, server.url);
  await expectTraining(page);
  await page.close();
});

test('(c) a plain HTML page with an import map runs the installed element', async () => {
  writeFileSync(join(app, 'importmap.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Import map</title>
<link rel="icon" href="data:,">
<script type="importmap">{"imports": {"relu-playground/element": "./node_modules/relu-playground/web/dist/embed/relu-playground.js"}}</script>
<script type="module">import 'relu-playground/element';</script></head>
<body><relu-playground config="hidden=4,4"></relu-playground></body></html>`);
  const server = await serveStatic(app);
  servers.push(server);
  const page = await openPage(browser.context, `${server.url}importmap.html`);
  await expectTraining(page);
  await page.close();
});
