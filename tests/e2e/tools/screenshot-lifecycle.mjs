// Screenshots of what the lifecycle shows, for docs/screenshots: the page
// under prefers-reduced-motion (paused, the notice saying why, the Play
// button), and a tutorial page that drives an iframe with connectPlayground
// (the frame sized to its content), on a 1280x800 desktop and a 360x740 phone.
//
//   node tests/e2e/tools/screenshot-lifecycle.mjs [out-dir = docs/screenshots]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildPage, serveStatic, removeDir, repoRoot } from '../helpers/page-server.js';
import { launchBrowser, openPage, waitReady } from '../helpers/browser.js';
import { emulateReducedMotion } from '../helpers/emulation.js';

const out = process.argv[2] ?? join(repoRoot, 'docs/screenshots');
mkdirSync(out, { recursive: true });
const outDir = await buildPage();
const playgroundServer = await serveStatic(outDir);
const tutorialServer = await serveStatic(outDir);
const playgroundOrigin = playgroundServer.url.replace(/\/$/, '');
writeFileSync(join(outDir, 'tutorial.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Tutorial</title>
<link rel="icon" href="data:,"><script type="module" src="tutorial.js"></script></head>
<body style="margin:0 auto;max-width:1000px;padding:0 12px;font:16px/1.5 sans-serif">
<h1 style="font-size:1.4em">Dead ReLUs</h1>
<p>Set the learning rate to 1 and watch units die. <button id="go" type="button">Learning rate 1, then 200 steps</button> <span id="status"></span></p>
<iframe id="pg" title="ReLU playground" style="width:100%;height:300px;border:1px solid #ccc;display:block"
  src="${playgroundOrigin}/index.html#embed=true&autoplay=false&hidden=4&hide=exports&origins=${tutorialServer.url.replace(/\/$/, '')}"></iframe>
</body></html>`);
writeFileSync(join(outDir, 'tutorial.js'), `import { connectPlayground } from './embed/relu-playground.js';
const playground = connectPlayground(document.getElementById('pg'), { origin: '${playgroundOrigin}' });
const status = document.getElementById('status');
window.done = false;
document.getElementById('go').addEventListener('click', async () => {
  try {
    await playground.setState({ learningRate: 1 });
    const { step } = await playground.step({ steps: 200 });
    status.textContent = 'at step ' + step;
  } catch (error) {
    status.textContent = error.field + ': ' + error.message;
  }
  window.done = true;
});
`);
const browser = await launchBrowser();
try {
  for (const [device, viewport] of [['desktop', { width: 1280, height: 800 }], ['phone', { width: 360, height: 740 }]]) {
    const page = await openPage(browser.context, 'about:blank', viewport);
    await emulateReducedMotion(page);
    await page.goto(`${playgroundServer.url}index.html#hidden=4,4&seed=5`);
    await waitReady(page);
    await page.waitForFunction(() => /reduced motion/.test(document.querySelector('.notices').textContent));
    await page.screenshot({ path: join(out, `reduced-motion-${device}.png`) });
    await page.close();

    const tutorial = await openPage(browser.context, `${tutorialServer.url}tutorial.html`, viewport);
    await tutorial.click('#go');
    await tutorial.waitForFunction(() => window.done, null, { timeout: 90000 });
    await tutorial.waitForFunction(() => document.getElementById('pg').getBoundingClientRect().height > 400, null, { timeout: 90000 });
    await new Promise((resolve) => { setTimeout(resolve, 1500); }); // the frame draws its last snapshot
    await tutorial.screenshot({ path: join(out, `connect-playground-${device}.png`) });
    await tutorial.close();
  }
} finally {
  await browser.close();
  await playgroundServer.close();
  await tutorialServer.close();
  removeDir(outDir);
}
