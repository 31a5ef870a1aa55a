// A page and a worker from different builds (one of them cached): the page
// refuses the worker's `ready` and says to reload, naming both versions.
import { jest } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useViewPage, SHOTS, DESKTOP, PHONE } from './helpers/views.js';
import { openPage } from './helpers/browser.js';
import { PROTOCOL_VERSION } from '../../web/shared/protocol.js';

jest.setTimeout(180000);
const { served } = useViewPage({ checkErrors: false });

test('a worker that names another protocol version in ready: the page says to reload', async () => {
  // The built worker, made to announce the next version: its `ready` event is the only object ending in `protocol:<v>}`
  // besides the client's INIT defaults, which the worker never uses.
  const assets = readdirSync(join(served.dir, 'assets'));
  const workerFile = assets.find((name) => /^training\.worker.*\.js$/.test(name));
  expect(workerFile).toBeDefined();
  const original = readFileSync(join(served.dir, 'assets', workerFile), 'utf8');
  const patched = original.replace(/protocol:([A-Za-z_$][\w$]*|\d+)\}/g, `protocol:${PROTOCOL_VERSION + 1}}`);
  expect(patched).not.toBe(original);
  served.server.override(new RegExp(`/assets/${workerFile.replace(/[.$]/g, '\\$&')}$`), { contentType: 'text/javascript', body: patched });

  const query = '?autoplay=false&seed=7&hidden=3,2&learningRate=0.1';
  const page = await openPage(served.context, `${served.url}index.html${query}`);
  const message = `the page speaks version ${PROTOCOL_VERSION} of the worker protocol and the worker version ${PROTOCOL_VERSION + 1}`;
  await page.waitForFunction((text) => document.querySelector('.notices')?.textContent.includes(text), message, { timeout: 60000 });
  const notices = await page.locator('.notice').allTextContents();
  expect(notices).toEqual([`protocol: ${message}; reload the page so that both come from the same build×`]);
  // Not the link's fault: every setting in it is still in the page's address.
  const fragment = new URLSearchParams(new URL(page.url()).hash.slice(1));
  for (const [name, value] of new URLSearchParams(query)) expect({ name, value: fragment.get(name) }).toEqual({ name, value });
  expect(page.errors).toEqual([]);
  for (const [suffix, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
    await page.setViewportSize(viewport);
    await page.locator('.notices').scrollIntoViewIfNeeded();
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    await page.screenshot({ path: join(SHOTS, `notice-protocol-version-${suffix}.png`) });
  }
  await page.close();
});
