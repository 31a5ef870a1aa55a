// Issue #13 §2, §6, §7: the marks on the network, the message that says what
// went wrong (with its lesson's link), and the keyboard shortcuts.
import { jest } from '@jest/globals';
import { join } from 'node:path';
import { readStat } from './helpers/browser.js';
import { useViewPage, SHOTS, DESKTOP, PHONE } from './helpers/views.js';

const WAIT = { timeout: 90000 };
jest.setTimeout(180000);

const { open } = useViewPage();

const playing = (page) => page.evaluate(() => window.reluPlayground.getState().playing);

describe('the ReLU spiral at learning rate 10', () => {
  test.each([['desktop', DESKTOP], ['phone', PHONE]])('says its units are dead, links the lesson and marks them (%s)', async (name, viewport) => {
    const page = await open('lesson=relu-spiral&learningRate=10', viewport);
    await page.waitForFunction(() => {
      const item = document.querySelector('.banner-health li[data-finding="dead"]');
      return item && !item.closest('.banner-health').hidden;
    }, null, WAIT);
    const message = await page.$eval('.banner-health li[data-finding="dead"]', (li) => li.textContent);
    expect(message).toMatch(/units in layer \d+.* dead .*no gradient reaches the layers below\. Lower the learning rate, or try Leaky ReLU\./);
    const href = await page.$eval('.banner-health a.health-lesson', (a) => a.getAttribute('href'));
    expect(href).toBe('#lesson=dead-relu-high-lr');
    // The diagram's caption explains the marks it draws, with the count.
    const caption = await page.$eval('.network-caption', (p) => p.textContent);
    expect(caption).toMatch(/× marks a dead unit \(0 on every training sample; \d+ in all\)/);
    expect(caption).toContain('a red frame marks the layer a message below is about');
    // The culprit frame is drawn: red pixels on the diagram's canvas.
    const red = await page.$eval('.network-canvas', (canvas) => {
      const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
      let count = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i] > 180 && data[i + 1] < 70 && data[i + 2] < 70) count++;
      return count;
    });
    expect(red).toBeGreaterThan(50);
    await page.evaluate(() => window.reluPlayground.pause());
    await page.evaluate(() => document.querySelector('.network-host').closest('section').scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: join(SHOTS, `health-dead-${name}.png`) });
  });
});

test.each([['desktop', DESKTOP], ['phone', PHONE]])('tanh at learning rate 3: saturated units are told and marked (%s)', async (name, viewport) => {
  const page = await open('dataset=spiral&hidden=8,8&activation=tanh&optimizer=sgd&learningRate=3&seed=1', viewport);
  await page.waitForFunction(() => document.querySelector('.banner-health li[data-finding="saturated"]'), null, WAIT);
  const message = await page.$eval('.banner-health li[data-finding="saturated"]', (li) => li.textContent);
  expect(message).toMatch(/\d of 8 units in layer \d are saturated/);
  expect(await page.$eval('.network-caption', (p) => p.textContent)).toMatch(/◥ marks a saturated unit \(within 2% of a limit of its activation on 95% of the samples; \d+ in all\)/);
  await page.evaluate(() => window.reluPlayground.pause());
  await page.evaluate(() => document.querySelector('.network-host').closest('section').scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: join(SHOTS, `health-saturated-${name}.png`) });
});

test('a healthy preset trains without a message; the gradient charts smooth on request', async () => {
  const page = await open('lesson=relu-spiral');
  await page.waitForFunction(() => Number.parseFloat(document.querySelector('[data-stat="epoch"]')?.textContent) > 30, null, WAIT);
  expect(await page.$eval('.banner-health', (node) => node.hidden)).toBe(true);
  expect(await page.$$eval('.banner-health li', (items) => items.length)).toBe(0);
  expect(await page.$$eval('.diag-chart .chart-title', (titles) => titles.map((t) => t.textContent)))
    .toEqual(['Gradient norm per layer (log scale)', 'Update-to-weight ratio ‖ΔW‖ / ‖W‖ per layer (log scale)']);
  await page.click('.diag-smooth input');
  await page.evaluate(() => window.reluPlayground.pause());
  await page.evaluate(() => document.querySelector('.diag-chart').scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: join(SHOTS, 'gradient-charts-smoothed-desktop.png') });
});

describe('keyboard', () => {
  test('Space plays and pauses, s steps, r resets', async () => {
    const page = await open('autoplay=false&hidden=4&seed=3');
    expect(await playing(page)).toBe(false);
    await page.keyboard.press('s');
    await page.waitForFunction(() => window.reluPlayground.getState().progress?.step === 1, null, WAIT);
    await page.keyboard.press(' ');
    await page.waitForFunction(() => window.reluPlayground.getState().playing, null, WAIT);
    await page.waitForFunction(() => window.reluPlayground.getState().progress?.step > 20, null, WAIT);
    await page.keyboard.press(' ');
    await page.waitForFunction(() => !window.reluPlayground.getState().playing, null, WAIT);
    await page.keyboard.press('r');
    await page.waitForFunction(() => window.reluPlayground.getState().progress?.step === 0, null, WAIT);
    expect(await readStat(page, 'step')).toBe(0);
  });

  test('no shortcut fires while typing in a field', async () => {
    const page = await open('autoplay=false&hidden=4&seed=3');
    await page.evaluate(() => document.querySelector('[data-control="learningRate"] input').focus());
    await page.keyboard.press('s');
    await page.keyboard.press(' ');
    await page.keyboard.press('r');
    await new Promise((resolve) => { setTimeout(resolve, 500); });
    const state = await page.evaluate(() => window.reluPlayground.getState());
    expect(state.playing).toBe(false);
    expect(state.progress?.step ?? 0).toBe(0);
  });

  test('a locked run refuses, with its notice', async () => {
    const page = await open('autoplay=false&hidden=4&seed=3&lock=run');
    await page.keyboard.press('s');
    await page.keyboard.press(' ');
    await page.waitForFunction(() => /run/i.test(document.querySelector('.notices')?.textContent ?? ''), null, WAIT);
    const state = await page.evaluate(() => window.reluPlayground.getState());
    expect(state.playing).toBe(false);
    expect(state.progress?.step ?? 0).toBe(0);
  });

  test('? opens the help, which keeps the focus and closes on Escape', async () => {
    const page = await open('autoplay=false&hidden=4&seed=3');
    await page.keyboard.press('?');
    await page.waitForFunction(() => document.querySelector('dialog.shortcut-help')?.open, null, WAIT);
    const rows = await page.$$eval('dialog.shortcut-help tr', (trs) => trs.map((tr) => tr.textContent));
    expect(rows).toEqual(expect.arrayContaining([expect.stringContaining('Space'), expect.stringContaining('Train one step')]));
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => Boolean(document.activeElement?.closest('dialog.shortcut-help')))).toBe(true);
    }
    await page.keyboard.press('s'); // behind the dialog: nothing
    await page.screenshot({ path: join(SHOTS, 'shortcuts-help-desktop.png') });
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('dialog.shortcut-help')?.open, null, WAIT);
    expect((await page.evaluate(() => window.reluPlayground.getState())).progress?.step ?? 0).toBe(0);
    // The footer's button is the visible way in.
    await page.click('button.shortcut-opener');
    await page.waitForFunction(() => document.querySelector('dialog.shortcut-help')?.open, null, WAIT);
    await page.click('dialog.shortcut-help button');
    await page.waitForFunction(() => !document.querySelector('dialog.shortcut-help')?.open, null, WAIT);
  });
});
