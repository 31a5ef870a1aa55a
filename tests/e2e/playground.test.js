// End to end: the built page in Debian's headless chromium. Every wait is for
// a condition (with generous timeouts for a loaded 2-core machine), never for
// a fixed time.
import { jest } from '@jest/globals';
import { join } from 'node:path';
import { useViewPage, SHOTS } from './helpers/views.js';
import { waitReady, readStat, canvasStats, clickFirstLayerLink } from './helpers/browser.js';

const WAIT = { timeout: 90000 };
// The project's testTimeout in jest.config.js is not applied per project by Jest 30.
jest.setTimeout(180000);
// No console errors and no uncaught exceptions on any page a test opened (checked after each test).
const { served } = useViewPage();

const open = (query = '', viewport) => served.open(`index.html${query}`, viewport);

test.each([
  ['', 'true', /SIMD128/], // the page loads the core and reports SIMD128 in use
  ['&build=scalar', 'false', /scalar/], // the URL can force the scalar build, and the page says so
])('the core loads (query %j) and reports its build', async (extra, simd, text) => {
  const page = await open(`?autoplay=false${extra}`);
  await waitReady(page);
  const build = await page.$eval('[data-stat="build"]', (node) => ({ text: node.textContent, simd: node.dataset.simd }));
  expect(build.simd).toBe(simd);
  expect(build.text).toMatch(text);
});

test('pressing play lowers the loss', async () => {
  const page = await open('?autoplay=false&dataset=circle&hidden=8,8&learningRate=0.03&seed=3');
  await waitReady(page);
  await page.waitForFunction(() => Number.isFinite(Number.parseFloat(document.querySelector('[data-stat="trainLoss"]').textContent)), null, WAIT);
  const before = await readStat(page, 'trainLoss');
  expect(await readStat(page, 'step')).toBe(0);
  await page.click('[data-action="play"]');
  await page.waitForFunction(
    (initial) => {
      const loss = Number.parseFloat(document.querySelector('[data-stat="trainLoss"]').textContent);
      const step = Number.parseInt(document.querySelector('[data-stat="step"]').textContent, 10);
      return step > 200 && loss < initial * 0.6;
    },
    before, WAIT,
  );
  expect(await page.getAttribute('[data-action="play"]', 'aria-pressed')).toBe('true');
  await page.click('[data-action="play"]'); // pause
  await page.waitForFunction(() => document.querySelector('[data-action="play"]').getAttribute('aria-pressed') === 'false', null, WAIT);
});

async function networkHashChanges(page, change) {
  const before = (await canvasStats(page, '.network-canvas')).hash;
  await change();
  await page.waitForFunction(async (old) => {
    const canvas = document.querySelector('.network-canvas');
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let hash = 0;
    for (let i = 0; i < data.length; i += 4) hash = (hash * 31 + data[i] + 7 * data[i + 1] + 13 * data[i + 2] + 17 * data[i + 3]) >>> 0;
    return hash !== old;
  }, before, WAIT);
}

test('changing the activation, the initialisation or the learning rate changes what is shown', async () => {
  const page = await open('?autoplay=false&hidden=4,4&seed=5');
  await waitReady(page);
  const activation = page.getByLabel('Activation (all layers)');
  await networkHashChanges(page, () => activation.selectOption('tanh'));
  expect(page.url()).toMatch(/activation=tanh/);
  await networkHashChanges(page, () => page.getByLabel('Weights').selectOption('xavier-uniform'));
  expect(page.url()).toMatch(/init=xavier-uniform/);

  // Learning rate: applies from the next step, without a reset (the step count goes on).
  await page.click('[data-action="step"]');
  await page.waitForFunction(() => document.querySelector('[data-stat="step"]').textContent === '1', null, WAIT);
  const rate = page.getByRole('spinbutton', { name: 'Learning rate' });
  await rate.fill('0.3');
  await rate.press('Enter');
  await page.waitForFunction(() => /learningRate=0.3/.test(window.location.hash), null, WAIT);
  await page.click('[data-action="step"]');
  await page.waitForFunction(() => document.querySelector('[data-stat="step"]').textContent === '2', null, WAIT);
  await page.waitForFunction(() => document.querySelector('[data-stat="learningRate"]').textContent === '0.3', null, WAIT);
  const slider = await page.getByRole('slider', { name: /Learning rate/ }).inputValue();
  expect(Number(slider)).toBeGreaterThan(0);
});

test('the URL round-trips: controls show it and serialise back to it', async () => {
  const query = 'dataset=xor&noise=10&features=x1,x2,x1x2&hidden=5,3&activation=relu,tanh&init=he-uniform'
    + '&optimizer=adam&learningRate=0.005&l2=0.001&discretize=true&autoplay=false';
  const page = await open(`?${query}`);
  await waitReady(page);
  expect(await page.getByLabel('Optimiser').inputValue()).toBe('adam');
  expect(await page.getByLabel('Weights').inputValue()).toBe('he-uniform');
  expect(await page.getByRole('spinbutton', { name: 'Learning rate' }).inputValue()).toBe('0.005');
  expect(await page.getByLabel('Activation of layer 2').inputValue()).toBe('tanh');
  expect(await page.getByLabel('Units in layer 1', { exact: true }).inputValue()).toBe('5');
  expect(await page.getByLabel('Noise').inputValue()).toBe('10');
  expect(await page.locator('input[value="xor"]').isChecked()).toBe(true);
  expect(await page.getByLabel('x1·x2').isChecked()).toBe(true);
  expect(await page.getByLabel('Discretize output').isChecked()).toBe(true);
  const back = await page.evaluate(() => window.reluPlayground.getQuery());
  expect(new URLSearchParams(back)).toEqual(new URLSearchParams(query));
  // The old ?query link is rewritten in place: the state now lives in the fragment.
  expect(new URL(page.url()).search).toBe('');
  expect(new URLSearchParams(new URL(page.url()).hash.slice(1))).toEqual(new URLSearchParams(query));

  // Back and forward walk through edits.
  await page.getByLabel('Optimiser').selectOption('rmsprop');
  await page.waitForFunction(() => /optimizer=rmsprop/.test(window.location.hash), null, WAIT);
  await page.goBack();
  await page.waitForFunction(() => document.querySelector('.relu-playground').querySelectorAll('select').length > 0
    && /optimizer=adam/.test(window.location.hash), null, WAIT);
  await page.waitForFunction(() => [...document.querySelectorAll('select')].some((s) => s.value === 'adam'), null, WAIT);
  expect(await page.getByLabel('Optimiser').inputValue()).toBe('adam');
  await page.goForward();
  await page.waitForFunction(() => [...document.querySelectorAll('select')].some((s) => s.value === 'rmsprop'), null, WAIT);
});

test('a malformed URL falls back per field and says so', async () => {
  const page = await open('?learningRate=banana&hidden=3,x&dataset=spiral&autoplay=false');
  await waitReady(page);
  const notices = await page.locator('.notice').allTextContents();
  expect(notices.join('\n')).toMatch(/learningRate: "banana" is not a number/);
  expect(notices.join('\n')).toMatch(/hidden: "x" is not a layer size/);
  // The good field is kept, the bad ones are the defaults.
  expect(await page.locator('input[value="spiral"]').isChecked()).toBe(true);
  expect(await page.getByRole('spinbutton', { name: 'Learning rate' }).inputValue()).toBe('0.03');
});

test('the canvases are not blank', async () => {
  const page = await open('?autoplay=false&dataset=xor&hidden=4,2&seed=2');
  await waitReady(page);
  await page.click('[data-action="play"]');
  await page.waitForFunction(() => Number.parseInt(document.querySelector('[data-stat="step"]').textContent, 10) > 100, null, WAIT);
  await page.click('[data-action="play"]');
  const boundary = await canvasStats(page, '.boundary-canvas');
  expect(boundary.colours).toBeGreaterThan(20);
  expect(boundary.inked).toBeGreaterThan(0.5);
  const network = await canvasStats(page, '.network-canvas');
  expect(network.colours).toBeGreaterThan(20);
  expect(network.inked).toBeGreaterThan(0.05);
  // The uPlot loss chart drew a line.
  const chart = await canvasStats(page, '.charts-host canvas');
  expect(chart.colours).toBeGreaterThan(2);
  // Dataset thumbnails are drawn.
  const thumb = await canvasStats(page, '.dataset-option canvas');
  expect(thumb.colours).toBeGreaterThan(1);
  // The first layer's activation histogram: bars in several bins, the zero bin
  // drawn apart (dark, not blue), and the figures in its accessible name.
  await page.waitForFunction(() => Number(document.querySelector('.diag-table canvas.histogram')?.dataset.total) > 0, null, WAIT);
  const histogram = await page.$eval('.diag-table canvas.histogram', (canvas) => {
    const { width, height } = canvas;
    const data = canvas.getContext('2d').getImageData(0, 0, width, height).data;
    const ratio = width / canvas.getBoundingClientRect().width;
    const kinds = [];
    // Bins are 4 CSS px apart after a 2 px pad, bars in the top 34 px: look down the middle of each bar.
    for (let bin = 0; bin < 40; bin++) {
      const x = Math.round((2 + bin * 4 + 1) * ratio);
      let kind = 'empty';
      for (let y = 0; y < 34 * ratio && kind === 'empty'; y++) {
        const i = (Math.floor(y) * width + x) * 4;
        if (data[i + 3] < 200) continue;
        if (data[i + 2] > 150 && data[i] < 60) kind = 'blue';
        else if (data[i] < 60 && data[i + 1] < 60 && data[i + 2] < 60) kind = 'dark';
      }
      kinds.push(kind);
    }
    return { kinds, label: canvas.getAttribute('aria-label'), title: canvas.title };
  });
  expect(histogram.kinds.filter((k) => k === 'blue').length).toBeGreaterThanOrEqual(3);
  expect(histogram.kinds[20]).toBe('dark'); // [0, 0.2): where a ReLU's exact zeros pile up
  expect(histogram.kinds.filter((k) => k === 'dark')).toHaveLength(1);
  expect(histogram.label).toMatch(/^Activations of layer 1: \d+% in the bin at 0 \[0, 0\.2\), \d+% below it, \d+% above it/);
  expect(histogram.title).toBe(histogram.label);
});

test('hide and lock parameters focus the page (TF Playground style)', async () => {
  const page = await open('?autoplay=false&hide=data,exports&learningRate_lock=true&embed=true');
  await waitReady(page);
  expect(await page.locator('[data-control="data"]').isHidden()).toBe(true);
  expect(await page.locator('[data-control="exports"]').isHidden()).toBe(true);
  expect(await page.locator('[data-control="learningRate"]').evaluate((node) => node.inert)).toBe(true);
  expect(await page.locator('h1').isHidden()).toBe(true);
});

test('clicking the plot adds custom points; a bad CSV names the line and keeps the data', async () => {
  const page = await open('?autoplay=false&dataset=circle&numSamples=50');
  await waitReady(page);
  const box = await page.locator('.boundary-canvas').boundingBox();
  await page.mouse.click(box.x + box.width * 0.25, box.y + box.height * 0.25);
  await page.waitForFunction(() => /dataset=custom/.test(window.location.hash), null, WAIT);
  const points = await page.evaluate(() => window.reluPlayground.getState().config.points.length);
  expect(points).toBe(51);
  await page.locator('input[type="file"][accept^=".csv"]').setInputFiles({
    name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('x1,x2,label\n1,2,0\n3,oops,1\n'),
  });
  await page.waitForFunction(() => /line 3: x2 "oops" is not a number/.test(document.querySelector('.custom-data').textContent), null, WAIT);
  expect(await page.evaluate(() => window.reluPlayground.getState().config.points.length)).toBe(51);
});

test('screenshots for the README (desktop and a 360 px phone) and the frame rate on the 6x8 spiral', async () => {
  // The committed README screenshots are refreshed only on request, so a test
  // run leaves the work tree clean: RELU_UPDATE_SCREENSHOTS=1 npm run test:e2e
  const page = await open('?lesson=relu-spiral', { width: 1280, height: 1000 });
  await waitReady(page);
  await page.waitForFunction(() => Number.parseInt(document.querySelector('[data-stat="step"]').textContent, 10) > 3000, null, WAIT);
  // Let the meter fill its window with frames of this network: wait for 3,000 more steps (2 s at the default speed).
  const startStep = await readStat(page, 'step');
  await page.waitForFunction((from) => Number.parseInt(document.querySelector('[data-stat="step"]').textContent, 10) > from + 3000, startStep, WAIT);
  const fps = await readStat(page, 'fps');
  const stepsPerSecond = await page.$eval('[data-stat="stepsPerSecond"]', (n) => Number(n.textContent.replace(/[^0-9.]/g, '')));
  console.log(`6x8 ReLU on the spiral at 1 epoch per frame, headless chromium: ${fps} fps, ${stepsPerSecond} steps/s`);
  expect(fps).toBeGreaterThan(0);
  await page.screenshot({ path: join(SHOTS, 'desktop.png'), fullPage: true });

  const phone = await open('?lesson=relu-spiral', { width: 360, height: 740 });
  await waitReady(phone);
  await phone.waitForFunction(() => Number.parseInt(document.querySelector('[data-stat="step"]').textContent, 10) > 1000, null, WAIT);
  // Nothing wider than the phone's screen.
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await phone.screenshot({ path: join(SHOTS, 'phone.png'), fullPage: false });
  await phone.screenshot({ path: join(SHOTS, 'phone-full.png'), fullPage: true });
});

test.each([1280, 360])('at %i px wide nothing a student reads is clipped', async (width) => {
  const page = await open('?lesson=relu-spiral&autoplay=false', { width, height: 900 });
  await waitReady(page);
  await page.waitForFunction(() => Number(document.querySelector('.diag-table canvas.histogram')?.dataset.total) > 0, null, WAIT);
  const clipped = await page.evaluate(() => {
    const problems = [];
    for (const select of document.querySelectorAll('.relu-playground select')) {
      if (!select.offsetParent) continue;
      const text = select.selectedOptions[0]?.text ?? '';
      // The width the engine itself gives a select of just this option (text, padding and its
      // own drop-down arrow, which differ between engines) must fit.
      const needed = document.createElement('select');
      needed.className = select.className;
      needed.style.cssText = 'position: absolute; width: auto; min-width: 0; max-width: none; visibility: hidden';
      needed.append(new Option(text));
      select.parentElement.append(needed);
      const width = needed.getBoundingClientRect().width;
      needed.remove();
      if (width > select.getBoundingClientRect().width + 0.5) problems.push(`select "${text}" is ${select.clientWidth} px wide, needs ${Math.ceil(width)}`);
    }
    // Every histogram lies inside the visible part of its scroll box and of the window.
    for (const canvas of document.querySelectorAll('.diag-table canvas.histogram')) {
      const box = canvas.closest('.table-scroll').getBoundingClientRect();
      const rect = canvas.getBoundingClientRect();
      if (rect.left < box.left || rect.right > box.right || rect.right > window.innerWidth) problems.push(`histogram ${canvas.getAttribute('aria-label').slice(0, 30)} is cut`);
    }
    // The explanation of the table wraps inside its panel.
    const note = document.querySelector('.diagnostics-host > p');
    if (note.scrollWidth > note.clientWidth) problems.push('the diagnostics note overflows');
    return problems;
  });
  expect(clipped).toEqual([]);
});

test('a regression whose loss explodes: no empty accuracy chart, the divergence banner, the loss axis still linear', async () => {
  const page = await open('?dataset=reg-plane&problem=regression&hidden=8,8&activation=relu&init=he-normal&optimizer=sgd&learningRate=3&batchSize=10&seed=1');
  await waitReady(page);
  await page.waitForSelector('.banner-diverged:not([hidden])', WAIT);
  expect(await page.locator('.chart', { hasText: 'Accuracy' }).isHidden()).toBe(true);
  expect(await page.locator('.banner-diverged').textContent()).toMatch(/^Training diverged at step \d+ \(loss exploded/);
  // The core stops the run at step 2, before the loss grows past 1e4x, and
  // goes back to the weights before the blow-up: nothing on the loss chart
  // calls for the log axis (chooseLogScale has its own unit tests).
  // The charts redraw at the next frame after the snapshot that says so: wait for it.
  const linear = await page.waitForFunction(
    () => [...document.querySelectorAll('.chart-title')].some((t) => t.textContent === 'Loss')
      && ![...document.querySelectorAll('.chart-title')].some((t) => t.textContent === 'Loss (log scale)'),
    null, { timeout: 5000 },
  ).then(() => true, () => false);
  expect(linear).toBe(true);
});

test("the divergence banner shows in the exploding lesson's own embedded view, whose diagnostics panel is out of sight", async () => {
  const page = await open('#lesson=exploding-lr&embed=true&view=boundary%2Bloss', { width: 640, height: 480 });
  await waitReady(page);
  await page.waitForSelector('.banner-diverged:not([hidden])', WAIT);
  expect(await page.$eval('section[data-control="diagnostics"]', (panel) => panel.getBoundingClientRect().top)).toBeGreaterThan(480);
  const box = await page.$eval('.banner-diverged', (banner) => { const r = banner.getBoundingClientRect(); return { top: r.top, bottom: r.bottom }; });
  expect(box.top).toBeGreaterThanOrEqual(0);
  expect(box.bottom).toBeLessThanOrEqual(480);
  await page.screenshot({ path: join(SHOTS, 'divergence-embed-640x480.png') });
  for (const [name, viewport] of [['desktop', { width: 1280, height: 800 }], ['phone', { width: 360, height: 740 }]]) {
    const full = await open('#lesson=exploding-lr', viewport);
    await waitReady(full);
    await full.waitForSelector('.banner-diverged:not([hidden])', WAIT);
    await full.screenshot({ path: join(SHOTS, `divergence-${name}.png`) });
  }
});

test('the <relu-playground> element mounts in its shadow root', async () => {
  const page = await served.open(`embed/demo.html`);
  await page.waitForFunction(() => document.querySelector('relu-playground')?.shadowRoot
    ?.querySelector('.relu-playground[data-ready="true"]'), null, WAIT);
  const query = await page.evaluate(() => document.querySelector('relu-playground').query);
  expect(query).toMatch(/lesson=dead-relu-high-lr/);
  expect(await page.evaluate(() => document.querySelector('relu-playground').shadowRoot.querySelector('[data-control="data"]').hidden)).toBe(true);
  // The demo page itself fits a 360 px phone (its code samples wrap).
  await page.setViewportSize({ width: 360, height: 740 });
  await page.waitForFunction(() => document.documentElement.scrollWidth <= window.innerWidth, null, WAIT);
});

test('saves the plot (PNG), the metrics (CSV) and the model (JSON), and loads a model back', async () => {
  const page = await open('?autoplay=false&hidden=3&seed=9');
  await waitReady(page);
  for (let i = 0; i < 3; i++) await page.click('[data-action="step"]');
  await page.waitForFunction(() => document.querySelector('[data-stat="step"]').textContent === '3', null, WAIT);

  const save = async (action) => {
    const [download] = await Promise.all([page.waitForEvent('download', WAIT), page.click(`[data-action="${action}"]`)]);
    const path = await download.path();
    const { readFileSync } = await import('node:fs');
    return { name: download.suggestedFilename(), bytes: readFileSync(path) };
  };
  const png = await save('png-boundary');
  expect(png.name).toBe('relu-playground-boundary.png');
  expect([...png.bytes.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');

  const csv = await save('csv-metrics');
  const lines = csv.bytes.toString().trim().split('\n');
  expect(lines[0]).toMatch(/^step,epoch,learningRate,batchLoss,trainLoss,testLoss/);
  expect(lines.length).toBeGreaterThanOrEqual(2);

  const model = await save('json-model');
  const json = JSON.parse(model.bytes.toString());
  expect(json.format).toBe('relu-playground-model');
  expect(json.config.hidden).toEqual([3]);

  // Change the network, then load the saved model: its config comes back.
  await page.getByLabel('Units in layer 1', { exact: true }).fill('5');
  await page.getByLabel('Units in layer 1', { exact: true }).press('Enter');
  await page.waitForFunction(() => /hidden=5/.test(window.location.hash), null, WAIT);
  await page.locator('input[type="file"][accept^=".json"]').setInputFiles({ name: 'model.json', mimeType: 'application/json', buffer: model.bytes });
  await page.waitForFunction(() => /model loaded/.test(document.querySelector('.notices').textContent), null, WAIT);
  await page.waitForFunction(() => /hidden=3/.test(window.location.hash), null, WAIT);
  expect(await page.getByLabel('Units in layer 1', { exact: true }).inputValue()).toBe('3');
});

test('keyboard: every control has a name, and Play is reachable with Tab', async () => {
  const page = await open('?autoplay=false');
  await waitReady(page);
  const unnamed = await page.evaluate(() => [...document.querySelectorAll('.relu-playground input, .relu-playground select, .relu-playground button')]
    .filter((node) => !node.closest('[hidden]') && node.type !== 'file')
    .filter((node) => !(node.labels?.length || node.getAttribute('aria-label') || node.getAttribute('aria-labelledby')
      || (node.tagName === 'BUTTON' && node.textContent.trim())))
    .map((node) => node.outerHTML.slice(0, 80)));
  expect(unnamed).toEqual([]);
  let reached = false;
  for (let i = 0; i < 12 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.dataset.action === 'play');
  }
  expect(reached).toBe(true);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => Number.parseInt(document.querySelector('[data-stat="step"]').textContent, 10) > 0, null, WAIT);
  expect(await page.getAttribute('[data-action="play"]', 'aria-pressed')).toBe('true');
});

test('editing a weight changes that weight in the model', async () => {
  const page = await open('?autoplay=false&hidden=3&seed=4');
  await waitReady(page);
  await page.getByRole('button', { name: 'Edit a weight…' }).click();
  await page.getByLabel('Weight layer (1 = first hidden layer)').fill('1');
  await page.getByLabel('From unit').fill('2');
  await page.getByLabel('To unit').fill('3');
  await page.getByRole('spinbutton', { name: 'Weight value' }).fill('2.5');
  await page.getByRole('button', { name: 'Set', exact: true }).click();
  await page.waitForFunction(() => /Set to 2.5/.test(document.querySelector('.weight-editor').textContent), null, WAIT);
  const model = JSON.parse(await page.evaluate(() => window.reluPlayground.client.exportModel()));
  // Layer 1 is 2 inputs -> 3 units, W column-major [3 x 2]: W[to=2, from=1] sits at 1 * 3 + 2.
  expect(model.params[5]).toBeCloseTo(2.5, 6);
  // An index outside the layer is refused with a message, and nothing breaks.
  await page.getByLabel('To unit').fill('9');
  await page.getByRole('button', { name: 'Set', exact: true }).click();
  await page.waitForFunction(() => /to/i.test(document.querySelector('.weight-editor [role="status"]').textContent)
    && !/Set to/.test(document.querySelector('.weight-editor [role="status"]').textContent), null, WAIT);
});

test('a large network gets a notice that it will be slow', async () => {
  const page = await open('?hidden=512,256&autoplay=false');
  await waitReady(page);
  await page.waitForFunction(() => /parameters: training and drawing will be slow/.test(document.querySelector('.notices').textContent), null, WAIT);
  expect(await page.locator('[data-control="hidden"] .warn').textContent()).toMatch(/Large network/);
});

test('clicking a link opens the weight editor on that weight', async () => {
  const page = await open('?autoplay=false&hidden=3&seed=4');
  await waitReady(page);
  // Paused, the links show the current weights.
  await clickFirstLayerLink(page);
  await page.waitForSelector('.weight-editor:not([hidden])', WAIT);
  const [layer, from, to, value] = await page.$$eval('.weight-editor input', (inputs) => inputs.map((i) => Number(i.value)));
  expect(layer).toBe(1);
  const model = JSON.parse(await page.evaluate(() => window.reluPlayground.client.exportModel()));
  expect(model.params[(from - 1) * 3 + (to - 1)]).toBeCloseTo(value, 3);
});

test('a ?lesson= link hides and locks what the lesson does, as the Lessons menu does', async () => {
  const { PRESETS } = await import('../../web/shared/presets.js');
  const lesson = PRESETS.find((p) => p.ui?.lock?.length || p.ui?.hide?.length);
  const flags = (page) => page.evaluate(({ hide, lock }) => ({
    hidden: hide.map((name) => document.querySelector(`[data-control="${name}"]`)?.hidden),
    locked: lock.map((name) => document.querySelector(`[data-control="${name}"]`)?.inert),
  }), { hide: lesson.ui.hide ?? [], lock: lesson.ui.lock ?? [] });
  const expected = { hidden: (lesson.ui.hide ?? []).map(() => true), locked: (lesson.ui.lock ?? []).map(() => true) };

  const linked = await open(`?lesson=${lesson.id}&autoplay=false`);
  await waitReady(linked);
  expect(await flags(linked)).toEqual(expected);
  // The link stays as short as it came.
  expect(await linked.evaluate(() => window.reluPlayground.getQuery())).toBe(`lesson=${lesson.id}&autoplay=false`);

  const menu = await open('?autoplay=false');
  await waitReady(menu);
  await menu.getByLabel('Lessons').selectOption(lesson.id);
  await menu.waitForFunction((id) => new URLSearchParams(window.location.hash.slice(1)).get('lesson') === id, lesson.id, WAIT);
  expect(await flags(menu)).toEqual(expected);
  expect(await menu.evaluate(() => window.reluPlayground.getState().ui))
    .toEqual(await linked.evaluate(() => window.reluPlayground.getState().ui));
});

test('the Lessons menu loads a preset into the controls and the URL', async () => {
  const page = await open('?autoplay=false');
  await waitReady(page);
  await page.getByLabel('Lessons').selectOption('sigmoid-vanishing');
  await page.waitForFunction(() => /lesson=sigmoid-vanishing/.test(window.location.hash), null, WAIT);
  expect(await page.getByLabel('Activation (all layers)').inputValue()).toBe('sigmoid');
  expect(await page.locator('.layer-row').count()).toBe(10);
  expect(await page.locator('.lesson-summary').textContent()).toMatch(/Ten sigmoid layers/);
  // It needed a new network, and the page said so.
  await page.waitForFunction(() => /New network/.test(document.querySelector('.notices').textContent), null, WAIT);
});

test('screenshot: the 30-layer diagram labels every few layers instead of overlapping them (fittingLabels has the unit tests)', async () => {
  const page = await open('#lesson=he-depth-30&autoplay=false', { width: 1280, height: 800 });
  await waitReady(page);
  await page.evaluate(() => window.reluPlayground.step({ steps: 50 }));
  await page.waitForFunction(() => window.reluPlayground.getState().progress.step >= 50, null, WAIT);
  const panel = await page.$('section[data-control="network"]');
  await panel.screenshot({ path: join(SHOTS, 'network-depth-30.png') });
});
