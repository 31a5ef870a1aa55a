// Screenshots of what the page shows for a refused file, for docs/screenshots:
// a bad points CSV (the message under "Your points"), an over-size model
// file and a model the core refuses (the notices), and the weight editor's
// message, on a 1280x800 desktop and a 360x740 phone.
//
//   node tests/e2e/tools/screenshot-file-errors.mjs [out-dir = docs/screenshots]
import { mkdirSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPage, serveStatic, removeDir, repoRoot } from '../helpers/page-server.js';
import { launchBrowser, openPage, waitReady } from '../helpers/browser.js';
import { MODEL_FILE_MAX_BYTES } from '../../../web/shared/limits.js';

const out = process.argv[2] ?? join(repoRoot, 'docs/screenshots');
mkdirSync(out, { recursive: true });
const files = mkdtempSync(join(tmpdir(), 'relu-shots-'));
const tooBig = join(files, 'weights-backup.json');
writeFileSync(tooBig, Buffer.alloc(MODEL_FILE_MAX_BYTES + 12345, ' '));

const outDir = await buildPage();
const server = await serveStatic(outDir);
const browser = await launchBrowser();
try {
  for (const [device, viewport] of [['desktop', { width: 1280, height: 800 }], ['phone', { width: 360, height: 740 }]]) {
    const page = await openPage(browser.context, `${server.url}index.html?autoplay=false&hidden=3&seed=5`, viewport);
    await waitReady(page);
    // A CSV with a look-alike minus sign on line 3.
    await page.locator('input[type="file"][accept^=".csv"]').setInputFiles({
      name: 'survey-points.csv', mimeType: 'text/csv', buffer: Buffer.from('x1,x2,label\n1.5,2,0\n\u22122.25,1,1\n'),
    });
    await page.waitForFunction(() => /U\+2212/.test(document.querySelector('.custom-data').textContent));
    await page.locator('.custom-data').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(out, `file-csv-error-${device}.png`) });

    // An over-size model file, then one whose parameter count does not fit its network.
    const model = JSON.parse(await page.evaluate(() => window.reluPlayground.client.exportModel()));
    model.params.pop();
    await page.locator('input[type="file"][accept^=".json"]').setInputFiles(tooBig);
    await page.waitForFunction(() => /Nothing was read/.test(document.querySelector('.notices').textContent));
    await page.evaluate(() => document.querySelector('.notices').scrollIntoView());
    await page.screenshot({ path: join(out, `file-model-too-big-${device}.png`) });
    await page.locator('input[type="file"][accept^=".json"]').setInputFiles({
      name: 'model-from-friend.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(model)),
    });
    await page.waitForFunction(() => /params has/.test(document.querySelector('.notices').textContent));
    await page.screenshot({ path: join(out, `file-model-refused-${device}.png`) });

    // The weight editor with text it cannot read.
    await page.getByRole('button', { name: 'Edit a weight…' }).click();
    await page.getByLabel('Weight layer (1 = first hidden layer)').fill('1');
    await page.getByLabel('From unit').fill('2');
    await page.getByLabel('To unit').fill('1');
    await page.getByRole('spinbutton', { name: 'Weight value' }).pressSequentially('1e-');
    await page.getByRole('button', { name: 'Set', exact: true }).click();
    await page.waitForFunction(() => /enter a number/.test(document.querySelector('.weight-editor').textContent));
    await page.locator('.weight-editor').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(out, `weight-editor-error-${device}.png`) });
    if (page.errors.length) console.error(page.errors);
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
  removeDir(outDir);
  rmSync(files, { recursive: true, force: true });
}
console.log(`screenshots in ${out}`);
