// "Embed this" (issue #12): the dialog turns the page's state into an iframe
// snippet and a <relu-playground> snippet. Each snippet, pasted into a page on
// a second local origin (another port), must give a widget that trains, with
// the same state and the lock chosen in the dialog in force. Also: the dialog
// is a labelled modal that Esc closes (focus back on its button), axe finds
// nothing in it (WCAG 2.1 A and AA, both themes), and Copy either fills the clipboard or selects the text.
import { jest } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeDir, serveStatic } from './helpers/page-server.js';
import { openPage, waitForPage, waitReady } from './helpers/browser.js';
import { useViewPage, SHOTS, DESKTOP, PHONE } from './helpers/views.js';

jest.setTimeout(240000);
const WAIT = { timeout: 90000 };
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

// The playground's origin serves its files with CORS, as a deployment must for the element on other sites.
const { served } = useViewPage({ headers: { 'Access-Control-Allow-Origin': '*' } });
let hostDir;
let host; // the tutorial's origin: another port

beforeAll(async () => {
  hostDir = mkdtempSync(join(tmpdir(), 'relu-embed-host-'));
  host = await serveStatic(hostDir);
  expect(new URL(host.url).origin).not.toBe(new URL(served.url).origin);
});

afterAll(async () => {
  await host?.close();
  removeDir(hostDir);
});

// A lesson, a learning rate and hidden layers of the reader's own; paused, so the page is still.
const START = 'index.html#lesson=dead-relu-high-lr&learningRate=0.7&hidden=5,3&autoplay=false';

async function openDialog(path = START, viewport = DESKTOP) {
  const page = await served.open(path, viewport);
  await waitReady(page);
  await page.click('[data-action="embed-open"]');
  await waitForPage(page, 'the embed dialog to open', () => document.querySelector('dialog.embed-dialog')?.open === true, null, WAIT);
  return page;
}

const snippet = (page, kind) => page.$eval(`[data-snippet="${kind}"]`, (area) => area.value);

/** Writes `body` into a page of the tutorial's origin and opens it there. */
async function openOnHost(name, body) {
  writeFileSync(join(hostDir, name), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A tutorial</title>
<link rel="icon" href="data:,"></head><body><h1>Dead ReLUs</h1>
${body}
</body></html>`);
  const page = await openPage(served.context, `${host.url}${name}`, DESKTOP);
  served.pages.push(page);
  return page;
}

test('both snippets, pasted on another origin, train with the same state and the chosen lock in force', async () => {
  const page = await openDialog();
  // The options, as a reader sets them: lock the learning rate, hide the files panel, a view, dark, autoplay on, the tutorial's origin.
  await page.click('.embed-controls summary');
  await page.click('[data-embed-control="lock:learningRate"]');
  await page.click('[data-embed-control="hide:exports"]');
  await page.selectOption('[data-embed="view"]', 'boundary+loss');
  await page.selectOption('[data-embed="theme"]', 'dark');
  await page.click('[data-embed="autoplay"]');
  await page.click('[data-embed="origins"]');
  await page.keyboard.type(host.url.replace(/\/$/, ''));
  await waitForPage(page, 'the snippets to follow the options', (origin) => {
    const link = document.querySelector('[data-snippet="iframe"]').value;
    return link.includes('lock=learningRate') && link.includes('hide=exports') && link.includes(encodeURIComponent(origin))
      && !link.includes('autoplay=false') && document.querySelector('[data-snippet="element"]').value.includes('theme="dark"');
  }, host.url.replace(/\/$/, ''), WAIT);
  const iframe = await snippet(page, 'iframe');
  const element = await snippet(page, 'element');
  const { config } = await page.evaluate(() => window.reluPlayground.getState());
  expect(config).toMatchObject({ learningRate: 0.7, hidden: [5, 3] });
  const expectedUi = { lesson: 'dead-relu-high-lr', view: 'boundary+loss', theme: 'dark', autoplay: true };
  const expectChosen = (ui) => {
    expect(ui).toMatchObject(expectedUi);
    expect(ui.lock).toContain('learningRate');
    expect(ui.hide).toContain('exports');
  };

  // The element, its script from the playground's origin.
  const withElement = await openOnHost('element.html', element);
  await waitForPage(withElement, 'the element to train', () => document.querySelector('relu-playground').getState()?.progress?.step > 0, null, WAIT);
  const elementState = await withElement.evaluate(() => document.querySelector('relu-playground').getState());
  expect(elementState.config).toEqual(config);
  expectChosen(elementState.ui);
  await waitForPage(withElement, 'the element to train on', (was) => document.querySelector('relu-playground').getState().progress.step > was,
    elementState.progress.step, WAIT);
  const elementRefusal = await withElement.evaluate(() => document.querySelector('relu-playground').setState({ learningRate: 0.1 })
    .then(() => null, (error) => ({ field: error.field, message: error.message })));
  expect(elementRefusal).toEqual({ field: 'learningRate', message: expect.stringContaining('locked') });
  // The control is shown locked, and the hidden panel is gone.
  expect(await withElement.evaluate(() => {
    const shadow = document.querySelector('relu-playground').shadowRoot;
    return { locked: shadow.querySelector('[data-control="learningRate"]').inert, hidden: shadow.querySelector('[data-control="exports"]').hidden };
  })).toEqual({ locked: true, hidden: true });

  // The iframe, driven from the tutorial's page by connectPlayground (its origins= lists the tutorial).
  const withFrame = await openOnHost('iframe.html', `${iframe}
<script type="module">
  import { connectPlayground } from '${served.url}embed/relu-playground.js';
  window.playground = connectPlayground(document.querySelector('iframe'));
  window.playground.on('progress', (progress) => { window.lastProgress = progress; });
</script>`);
  await withFrame.waitForFunction(() => window.playground, null, WAIT);
  await withFrame.evaluate(() => window.playground.connected);
  await waitForPage(withFrame, 'the frame to train', () => window.lastProgress?.step > 0, null, WAIT);
  const frameState = await withFrame.evaluate(() => window.playground.getState());
  expect(frameState.config).toEqual(config);
  expectChosen(frameState.ui);
  expect(frameState.ui).toMatchObject({ embed: true, origins: [host.url.replace(/\/$/, '')] });
  await waitForPage(withFrame, 'the frame to train on', (was) => window.lastProgress.step > was, frameState.progress.step, WAIT);
  const frameRefusal = await withFrame.evaluate(() => window.playground.setState({ learningRate: 0.1 })
    .then(() => null, (error) => ({ field: error.field, message: error.message })));
  expect(frameRefusal).toEqual({ field: 'learningRate', message: expect.stringContaining('locked') });
});

test('a modal, labelled dialog: focus inside, the page\'s keys quiet, Esc closes and focus returns to its button; axe finds nothing', async () => {
  const page = await openDialog();
  expect(await page.evaluate(() => {
    const dialog = document.querySelector('dialog.embed-dialog');
    return {
      label: document.getElementById(dialog.getAttribute('aria-labelledby'))?.textContent,
      focusInside: dialog.contains(document.activeElement),
      modal: dialog.matches(':modal'),
    };
  })).toEqual({ label: 'Embed this playground', focusInside: true, modal: true });
  // "s" would train a step behind the dialog: the key never reaches the page's shortcut handler
  // (on the document; a key event is dispatched before press() returns), and the step stays.
  const before = await page.evaluate(() => {
    window.keysOnPage = [];
    document.addEventListener('keydown', (event) => window.keysOnPage.push(event.key));
    return window.reluPlayground.getState().progress.step;
  });
  await page.keyboard.press('s');
  expect(await page.evaluate(() => window.keysOnPage)).toEqual([]);
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document.querySelector('dialog.embed-dialog'), { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  });
  expect(violations).toEqual([]);
  expect(await page.evaluate(() => window.reluPlayground.getState().progress.step)).toBe(before);
  await page.keyboard.press('Escape');
  // Closed, it leaves the page: none of its inputs stay behind to be found by label or tabbed to.
  await waitForPage(page, 'Esc to close the dialog and focus its button', () => document.querySelector('dialog.embed-dialog') === null
    && document.activeElement?.dataset.action === 'embed-open', null, WAIT);
  expect(await page.$$eval('[data-embed-control], [data-snippet]', (nodes) => nodes.length)).toBe(0);
});

test('in the dark theme too, with an error shown, axe finds nothing in the open dialog', async () => {
  const page = await openDialog(`${START}&theme=dark`);
  await page.click('.embed-controls summary');
  await page.click('[data-embed="origins"]');
  await page.keyboard.type('https://bad.example/'); // the error message shown too
  await waitForPage(page, 'the origins message', () => !document.querySelector('.embed-field .embed-error').hidden, null, WAIT);
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document.querySelector('dialog.embed-dialog'), { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  });
  expect(violations).toEqual([]);
});

test('Copy puts the snippet on the clipboard; where the browser refuses, it selects the text and says how to copy', async () => {
  const page = await openDialog();
  // The clipboard, as a browser that grants it: records what was written.
  await page.evaluate(() => {
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async (text) => { window.copied = text; } } });
  });
  await page.click('[data-copy="iframe"]');
  await waitForPage(page, 'the copied status', () => document.querySelector('.embed-status').textContent === 'Copied the iframe snippet.', null, WAIT);
  expect(await page.evaluate(() => window.copied)).toBe(await snippet(page, 'iframe'));
  expect(await page.$eval('.embed-status', (node) => node.getAttribute('aria-live'))).toBe('polite');
  // A browser that refuses (no permission, an insecure page).
  await page.evaluate(() => {
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) } });
  });
  await page.click('[data-copy="element"]');
  await waitForPage(page, 'the fallback status', () => /snippet is selected: press Ctrl\+C/.test(document.querySelector('.embed-status').textContent), null, WAIT);
  expect(await page.evaluate(() => {
    const area = document.querySelector('[data-snippet="element"]');
    return { focused: document.activeElement === area, selected: area.value.slice(area.selectionStart, area.selectionEnd) === area.value && area.value.length > 0 };
  })).toEqual({ focused: true, selected: true });
});

test('a bad origins entry is named beside the field and left out; the rest of the snippet stands', async () => {
  const page = await openDialog();
  await page.click('[data-embed="origins"]');
  await page.keyboard.type('https://ok.example, https://bad.example/path');
  await waitForPage(page, 'the origins message', () => !document.querySelector('.embed-field .embed-error').hidden, null, WAIT);
  const shown = await page.evaluate(() => {
    const input = document.querySelector('[data-embed="origins"]');
    const error = document.querySelector('.embed-field .embed-error');
    return { invalid: input.getAttribute('aria-invalid'), described: input.getAttribute('aria-describedby').split(' ').includes(error.id), text: error.textContent };
  });
  expect(shown).toEqual({ invalid: 'true', described: true, text: expect.stringMatching(/^origins: "https:\/\/bad\.example\/path" is not an origin.*Left out of the snippet\.$/) });
  const link = new URL((await snippet(page, 'iframe')).match(/src="([^"]*)"/)[1].replace(/&amp;/g, '&')).hash;
  expect(new URLSearchParams(link.slice(1)).get('origins')).toBe('https://ok.example');
  expect(new URLSearchParams(link.slice(1)).get('learningRate')).toBe('0.7');
});

test('the dialog shows the state at the moment it opens, not the one the page loaded with', async () => {
  const page = await served.open(START, DESKTOP);
  await waitReady(page);
  await page.evaluate(() => window.reluPlayground.setState({ learningRate: 0.25, discretize: true }));
  await page.click('[data-action="embed-open"]');
  await waitForPage(page, 'the embed dialog to open', () => document.querySelector('dialog.embed-dialog')?.open === true, null, WAIT);
  const link = new URLSearchParams((await snippet(page, 'element')).match(/config="([^"]*)"/)[1].replace(/&amp;/g, '&'));
  expect([link.get('learningRate'), link.get('discretize'), link.get('hidden')]).toEqual(['0.25', 'true', '5,3']);
});

test('an embedded page (embed=true) has no Embed button: its address is its host\'s business', async () => {
  const page = await served.open('index.html#embed=true&autoplay=false', DESKTOP);
  await waitReady(page);
  expect(await page.evaluate(() => document.querySelector('[data-action="embed-open"]'))).toBeNull();
});

test('screenshots of the Embed button and the open dialog, desktop and phone', async () => {
  for (const [name, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
    const closed = await served.open(START, viewport);
    await waitReady(closed);
    await closed.screenshot({ path: join(SHOTS, `embed-button-${name}.png`) });
    const page = await openDialog(START, viewport);
    await page.click('.embed-controls summary');
    await page.click('[data-embed-control="lock:learningRate"]');
    await page.selectOption('[data-embed="view"]', 'boundary+loss');
    // The click scrolled the dialog to the table; a reader opening it sees its top.
    await page.evaluate(() => { document.querySelector('dialog.embed-dialog').scrollTop = 0; });
    await page.waitForFunction(() => document.querySelector('dialog.embed-dialog').scrollTop === 0, null, WAIT);
    await page.screenshot({ path: join(SHOTS, `embed-dialog-${name}.png`) });
  }
});
