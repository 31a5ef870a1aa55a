// axe-core's WCAG 2.1 A/AA rules over the page as readers meet it: the
// stand-alone page in both themes at desktop and phone width, each small view
// in a 640x480 frame, the keyboard help open, and the dear-network gate.
// Serious and critical findings fail; the rest are listed in the failure text
// of the test that found them, so nothing is silently waived.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { jest } from '@jest/globals';
import { useServedPage } from './helpers/served-page.js';
import { waitReady } from './helpers/browser.js';
import { VIEWS } from '../../web/ui/view-layouts.js';

jest.setTimeout(240000);

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 360, height: 740 };
const FRAME = { width: 640, height: 480 };
const BLOCKING = ['serious', 'critical'];

const served = useServedPage();

/** axe's violations on the page now: [{id, impact, help, targets}]. */
async function axeViolations(page) {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  });
}

async function expectAccessible(path, viewport, prepare = async () => {}) {
  const page = await served.open(path, viewport);
  await waitReady(page);
  await prepare(page);
  const violations = await axeViolations(page);
  expect({ path, viewport, blocking: violations.filter((v) => BLOCKING.includes(v.impact)) })
    .toEqual({ path, viewport, blocking: [] });
  return violations;
}

const cases = [];
for (const theme of ['light', 'dark']) {
  for (const [size, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
    cases.push([`the page, ${theme} theme, ${size}`, `index.html#lesson=relu-spiral&autoplay=false&theme=${theme}`, viewport]);
  }
}
for (const view of Object.keys(VIEWS).filter((name) => name !== 'full')) {
  cases.push([`view=${view} in a 640x480 frame, dark`, `index.html#embed=true&autoplay=false&theme=dark&view=${encodeURIComponent(view)}`, FRAME]);
}

test.each(cases)('%s: no serious or critical axe violation', async (_name, path, viewport) => {
  await expectAccessible(path, viewport);
});

test('the keyboard help dialog open: no serious or critical axe violation', async () => {
  await expectAccessible('index.html#autoplay=false', DESKTOP, async (page) => {
    await page.click('.shortcut-opener');
    await page.waitForFunction(() => document.querySelector('dialog.shortcut-help')?.open === true, null, { timeout: 10000 });
  });
});

test('the gate of a dear network: no serious or critical axe violation', async () => {
  const page = await served.open(`index.html#hidden=${Array(64).fill(1024).join(',')}`, DESKTOP);
  await page.waitForSelector('.cost-gate:not([hidden])', { timeout: 60000 });
  const violations = await axeViolations(page);
  expect(violations.filter((v) => BLOCKING.includes(v.impact))).toEqual([]);
});
