// Views for small frames and the light and dark themes (issue #11 §3): each
// named view shows its panels inside a 640x480 frame and a 360x740 phone; an
// embedded lesson opens on its own view; the theme follows
// prefers-color-scheme unless theme= says otherwise, on the page and on its
// canvases; text keeps a 4.5:1 contrast in both themes.
import { jest } from '@jest/globals';
import { join } from 'node:path';
import { openPage, waitReady, emulateColorScheme } from './helpers/browser.js';
import { useViewPage, SHOTS, DESKTOP, PHONE } from './helpers/views.js';
import { lowContrastTexts } from './helpers/contrast.js';
import { VIEWS, VIEW_NAMES, PANELS } from '../../web/ui/view-layouts.js';
import { PRESETS } from '../../web/shared/presets.js';

jest.setTimeout(240000);
const WAIT = { timeout: 90000 };
const FRAME = { width: 640, height: 480 };
// A lesson whose text is about each view (the first that names it).
const LESSON_OF = Object.fromEntries(VIEW_NAMES.map((view) => [view, PRESETS.find((p) => p.view === view)?.id ?? 'relu-spiral']));

// A tutorial page: a lesson in a 640x480 iframe and in the element, neither naming a view.
const VIEWS_HOST = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>views host</title>
<link rel="icon" href="data:,"><script type="module" src="embed/relu-playground.js"></script></head><body>
<iframe id="frame" title="lesson" width="640" height="480" src="index.html#lesson=sigmoid-vanishing&autoplay=false"></iframe>
<relu-playground id="element" config="lesson=dead-relu-high-lr&autoplay=false"></relu-playground>
<relu-playground id="themed" config="autoplay=false&hidden=3" view="boundary" theme="dark"></relu-playground>
<relu-playground id="bad" config="autoplay=false&hidden=3" view="sidebar"></relu-playground>
</body></html>`;

const { served } = useViewPage({ hostPages: { 'views-host.html': VIEWS_HOST } });

/** Trains 1,000 steps or more, pauses, and waits until the charts and the per-layer table show it. */
async function trainAndSettle(page) {
  await page.evaluate(() => window.reluPlayground.play());
  await page.waitForFunction(() => window.reluPlayground.getState().progress?.step >= 1000, null, WAIT);
  await page.evaluate(() => window.reluPlayground.pause());
  await page.waitForFunction(() => document.querySelector('[data-stat="step"]').textContent === String(window.reluPlayground.getState().progress.step)
    && document.querySelectorAll('.diag-table tbody tr').length > 1
    && document.querySelector('.network-canvas')?.height > 0, null, WAIT);
}

async function open(query, viewport, { scheme } = {}) {
  const page = await openPage(served.context, 'about:blank', viewport);
  served.pages.push(page);
  if (scheme) await emulateColorScheme(page, scheme);
  await page.goto(`${served.url}index.html${query}`);
  await waitReady(page);
  return page;
}

/** Each section the view shows first: its box, and whether the window scrolls sideways. */
function viewBoxes(page) {
  return page.evaluate(() => {
    const shell = document.querySelector('.relu-playground');
    const sections = [...shell.querySelectorAll('section.in-view')].map((node) => {
      const r = node.getBoundingClientRect();
      return { section: node.dataset.control, part: node.dataset.viewPart ?? null, order: Number(node.style.order), left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    });
    return { view: shell.dataset.view, sections, scrollWidth: document.documentElement.scrollWidth, scrollY: window.scrollY };
  });
}

describe('views', () => {
  const smallViews = VIEW_NAMES.filter((view) => view !== 'full');
  const cases = smallViews.flatMap((view) => [[view, 'frame', FRAME], [view, 'phone', PHONE]]);

  test.each(cases)('%s at the %s size shows its panels inside the viewport, in order', async (view, size, viewport) => {
    const page = await open(`#lesson=${LESSON_OF[view]}&view=${view}&autoplay=false`, viewport);
    // Measured once trained a little: the charts have their curves and legends, the table its rows.
    await trainAndSettle(page);
    const boxes = await viewBoxes(page);
    expect(boxes.view).toBe(view);
    const wanted = VIEWS[view].panels.map((name) => ({ section: PANELS[name].section, part: PANELS[name].part ?? null }));
    expect(boxes.sections.sort((a, b) => a.order - b.order).map(({ section, part }) => ({ section, part }))).toEqual(wanted);
    for (const box of boxes.sections) {
      expect([box.section, box.left >= 0, box.top >= 0, box.right <= viewport.width, box.bottom <= viewport.height])
        .toEqual([box.section, true, true, true, true]);
    }
    // The second panel is beside the first (a frame) or below it (a phone), never above.
    const [first, second] = boxes.sections;
    if (second) expect(second.left > first.left || second.top >= first.bottom).toBe(true);
    expect(boxes.scrollWidth).toBeLessThanOrEqual(viewport.width);
    await page.screenshot({ path: join(SHOTS, `view-${view.replace('+', '-')}-${size}.png`) });
  });

  test('the full view is the stand-alone page\'s default, also with a lesson', async () => {
    const page = await open('#lesson=sigmoid-vanishing&autoplay=false', DESKTOP);
    expect((await viewBoxes(page)).view).toBe('full');
  });

  test('an unknown view: a notice naming the field and the allowed values; the rest of the link kept', async () => {
    const page = await open('#lesson=relu-xor&view=sidebar&learningRate=0.1&autoplay=false', PHONE);
    const notices = await page.$eval('.notices', (node) => node.textContent);
    expect(notices).toContain('view: "sidebar" is not one of auto, full, boundary, boundary+loss, boundary+gradients, network+diagnostics');
    const state = await page.evaluate(() => window.reluPlayground.getState());
    expect([state.ui.view, state.ui.lesson, state.config.learningRate]).toEqual(['auto', 'relu-xor', 0.1]);
  });

  test('setState changes the view and the link follows', async () => {
    const page = await open('#lesson=relu-xor&autoplay=false', FRAME);
    await page.evaluate(() => window.reluPlayground.setState({ view: 'boundary+loss' }));
    await page.waitForFunction(() => document.querySelector('.relu-playground').dataset.view === 'boundary+loss', null, WAIT);
    expect(await page.evaluate(() => window.location.hash)).toContain('view=boundary+loss');
    const refused = await page.evaluate(() => window.reluPlayground.setState({ view: 'nope' }).then(() => null, (e) => ({ message: e.message, field: e.field })));
    expect(refused).toEqual({ field: 'view', message: expect.stringContaining('is not one of auto, full') });
  });

  test('an embedded lesson opens on its own view: in an iframe and in the element; attributes set view and theme', async () => {
    const page = await served.open('views-host.html', { width: 1000, height: 2400 });
    const frame = page.frames().find((f) => f.url().includes('lesson=sigmoid-vanishing'));
    await frame.waitForFunction(() => document.querySelector('.relu-playground')?.dataset.ready === 'true', null, WAIT);
    expect(await frame.evaluate(() => document.querySelector('.relu-playground').dataset.view)).toBe('boundary+gradients');
    // A widget loads its core only near the viewport (lifecycle.js): each is brought into view first.
    const shellOf = (id) => page.$eval(`#${id}`, (host) => host.scrollIntoView()).then(() => page.waitForFunction((name) => document.getElementById(name).shadowRoot?.querySelector('.relu-playground[data-ready="true"]'), id, WAIT))
      .then(() => page.$eval(`#${id}`, (host) => ({ ...host.shadowRoot.querySelector('.relu-playground').dataset, notices: host.shadowRoot.querySelector('.notices').textContent })));
    expect((await shellOf('element')).view).toBe('network+diagnostics');
    const themed = await shellOf('themed');
    expect([themed.view, themed.theme]).toEqual(['boundary', 'dark']);
    const bad = await shellOf('bad');
    expect(bad.view).toBe('full');
    expect(bad.notices).toContain('view attribute: view: "sidebar" is not one of auto, full');
    // A changed attribute applies at once.
    await page.$eval('#themed', (host) => host.setAttribute('theme', 'light'));
    await page.waitForFunction(() => document.getElementById('themed').shadowRoot.querySelector('.relu-playground').dataset.theme === 'light', null, WAIT);
  });
});

/** The page's colours as drawn: the panel background and the output plane's mean luminance (0-255). */
function drawnColours(page) {
  return page.evaluate(() => {
    const shell = document.querySelector('.relu-playground');
    const panel = getComputedStyle(shell.querySelector('.panel')).backgroundColor;
    const canvas = shell.querySelector('.network-canvas');
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let sum = 0;
    let count = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] === 0) continue;
      sum += 0.2126 * data[i] + 0.7152 * data[i + 1] + 0.0722 * data[i + 2];
      count++;
    }
    return { theme: shell.dataset.theme, panel, canvasLuminance: count ? sum / count : NaN };
  });
}

describe('themes', () => {
  const QUERY = '#lesson=relu-spiral&autoplay=false';
  const settle = trainAndSettle;

  test('the browser\'s dark preference gives the dark theme, on the page and its canvases; theme=light overrides it', async () => {
    const dark = await open(QUERY, DESKTOP, { scheme: 'dark' });
    await settle(dark);
    const light = await open(QUERY, DESKTOP, { scheme: 'light' });
    await settle(light);
    const darkColours = await drawnColours(dark);
    const lightColours = await drawnColours(light);
    expect([darkColours.theme, lightColours.theme]).toEqual(['dark', 'light']);
    expect(darkColours.panel).toBe('rgb(30, 34, 39)');
    expect(lightColours.panel).toBe('rgb(255, 255, 255)');
    expect(darkColours.canvasLuminance).toBeLessThan(lightColours.canvasLuminance - 40);
    const overridden = await open(`${QUERY}&theme=light`, DESKTOP, { scheme: 'dark' });
    expect((await drawnColours(overridden)).theme).toBe('light');
  });

  test('theme=dark without a preference; a change of the preference is followed while theme=auto', async () => {
    const page = await open(`${QUERY}&theme=dark`, PHONE, { scheme: 'light' });
    expect((await drawnColours(page)).theme).toBe('dark');
    const auto = await open(QUERY, PHONE, { scheme: 'light' });
    expect((await drawnColours(auto)).theme).toBe('light');
    await emulateColorScheme(auto, 'dark');
    await auto.waitForFunction(() => document.querySelector('.relu-playground').dataset.theme === 'dark', null, WAIT);
  });

  test.each(['light', 'dark'])('%s: every visible text has WCAG AA contrast, and screenshots', async (theme) => {
    for (const [size, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
      const page = await open(`${QUERY}&theme=${theme}`, viewport);
      await settle(page);
      expect(await page.evaluate(lowContrastTexts)).toEqual([]);
      await page.screenshot({ path: join(SHOTS, `theme-${theme}-${size}.png`) });
      // The check sees a faint text when there is one (a grey a third of the way from the panel colour).
      await page.evaluate(() => {
        const panel = document.querySelector('.relu-playground .panel');
        const faint = document.createElement('span');
        faint.textContent = 'faint planted text';
        faint.style.color = getComputedStyle(panel).backgroundColor === 'rgb(255, 255, 255)' ? '#bbbbbb' : '#4a4f55';
        panel.prepend(faint);
      });
      expect((await page.evaluate(lowContrastTexts)).map((failure) => failure.text)).toEqual(['faint planted text']);
    }
    // A small view, with its notices and the lesson header below.
    const framed = await open(`#lesson=dead-relu-high-lr&view=network+diagnostics&theme=${theme}&autoplay=false`, FRAME);
    await settle(framed);
    expect(await framed.evaluate(lowContrastTexts)).toEqual([]);
  });
});
