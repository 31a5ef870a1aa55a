// The Digits tile brings a network that can learn the digits, but only in
// place of the plane's default one: a network the link or the user chose stays
// (web/shared/dataset-fields.js; the rule itself is unit-tested there).
import { jest } from '@jest/globals';
import { waitReady } from './helpers/browser.js';
import { useServedPage } from './helpers/served-page.js';

jest.setTimeout(240000);
const WAIT = { timeout: 120000 };
const served = useServedPage();

async function pickDigits(fragment) {
  const page = await served.open(`index.html#${fragment}`, { width: 1280, height: 800 });
  await waitReady(page);
  await page.click('.dataset-picker input[value="digits"] + canvas');
  await page.waitForFunction(() => window.reluPlayground.getState().config.dataset === 'digits', null, WAIT);
  return page.evaluate(() => window.reluPlayground.getState().config);
}

test('over the default network, the Digits tile brings one hidden layer of 32 and the multiclass problem', async () => {
  const config = await pickDigits('autoplay=false');
  expect(config.hidden).toEqual([32]);
  expect(config.problem).toBe('multiclass');
});

test('a network given in the link stays when the Digits tile is picked', async () => {
  const config = await pickDigits('autoplay=false&hidden=8,3');
  expect(config.hidden).toEqual([8, 3]);
  expect(config.problem).toBe('multiclass');
});
