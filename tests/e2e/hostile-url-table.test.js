// The whole hostile-URL table (issue #10, helpers/hostile-links.js), at least
// 200 links, walked by one page per share of the rows through location.hash
// (the hashchange path a reader takes following a link to the same page). For
// each: rendered with no uncaught exception, the field named in a notice, the
// rest of the link kept, training. Chromium only (tests/e2e/engines.js): the
// rows exercise the page's own parsing; Firefox loads a sample of them fresh,
// in both link forms (hostile-urls.test.js), and follows edited fragments in
// history.test.js.
import { jest } from '@jest/globals';
import { useViewPage } from './helpers/views.js';
import { openPage, waitReady } from './helpers/browser.js';
import { FIELDS, FIELD_NAMES } from '../../web/shared/schema.js';
import { VARIANTS, rows, linkFor, checkRow } from './helpers/hostile-links.js';

jest.setTimeout(600000);

const { served } = useViewPage({ checkErrors: false });

/**
 * In the page: follows a link by setting location.hash, waits until the worker
 * has applied it (its notice) and training goes on (the worker's step count moves, or
 * the divergence banner gives the reason), then reads what the page shows.
 * One round trip a link keeps the walk through the table short.
 */
function followInPage(page, hash) {
  return page.evaluate(async (link) => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    const until = async (condition, ms) => {
      const end = performance.now() + ms;
      while (!condition()) {
        if (performance.now() > end) return false;
        await frame();
      }
      return true;
    };
    const play = document.querySelector('[data-action="play"]');
    if (play.getAttribute('aria-pressed') !== 'true') play.click(); // a divergence before paused it
    // Dismissed as a reader would, so the page's own notice bookkeeping sees it.
    for (const dismiss of document.querySelectorAll('.notice .dismiss')) dismiss.click();
    window.location.hash = link;
    const applied = await until(() => /New network|applies from the next step/.test(document.querySelector('.notices').textContent), 60000);
    // Asked of the worker itself, after the notice (its requests are answered in
    // order): the page's step display can still show the old network for a frame.
    const diverged = () => Boolean(document.querySelector('.banner-diverged:not([hidden])'));
    const client = window.reluPlayground.client;
    const progress = () => client.snapshot({ gridSize: 2, hidden: false, params: false, points: false, evaluate: false });
    // Moving on from one snapshot to the next, not past the first: steps of the
    // previous link that diverged put the core back to a checkpoint (an earlier
    // step) and the page plays on with this link's config.
    const first = await progress();
    let [before, last] = [first, first];
    const moved = () => last.step > before.step || last.diverged || diverged();
    const end = performance.now() + 60000;
    while (!moved() && performance.now() < end) {
      await frame();
      [before, last] = [last, await progress()];
    }
    const trains = moved();
    return {
      applied,
      trains,
      steps: [first.step, before.step, last.step, last.playing],
      notices: [...document.querySelectorAll('.notice')].map((n) => n.textContent),
      config: window.reluPlayground.getState().config,
      layout: [document.querySelector('.relu-playground')?.dataset.ready, document.querySelectorAll('.relu-playground .pg-main canvas').length > 0],
    };
  }, hash);
}

const table = rows();

test('the table is the size the issue asks for, and covers every field', () => {
  expect(table.length).toBeGreaterThanOrEqual(200);
  for (const name of FIELD_NAMES) expect(table.filter((r) => r.id.startsWith(`${name} `)).length).toBe(Object.keys(VARIANTS).length);
  expect(Object.keys(FIELDS)).toEqual(FIELD_NAMES);
});

// The whole table, one link after another, by changing location.hash: the
// rows split into WALK_PAGES runs, each walked by its own page at the same time.
const WALK_PAGES = 2;

async function walk(rows) {
  const page = await openPage(served.context, `${served.url}index.html#speed=auto`);
  try {
    await waitReady(page);
    for (const { row, index } of rows) {
      const { text, witness } = linkFor(row, index);
      const started = Date.now();
      const view = await followInPage(page, text);
      if (process.env.HOSTILE_ROWS) console.log(`${row.id}: ${Date.now() - started} ms`);
      const label = `${row.id}: steps ${JSON.stringify(view.steps)}, notices ${JSON.stringify(view.notices).slice(0, 600)}`;
      expect([label, view.applied, view.trains]).toEqual([label, true, true]);
      checkRow(row, witness, view, page.errors);
    }
  } finally {
    await page.close();
  }
}

test(`all ${table.length} links through hashchange: rendered, named, the rest kept, training`, async () => {
  const rows = table.map((row, index) => ({ row, index }))
    // To rerun some rows: HOSTILE_ROWS, a regular expression.
    .filter(({ row }) => !process.env.HOSTILE_ROWS || new RegExp(process.env.HOSTILE_ROWS).test(row.id));
  const share = Math.ceil(rows.length / WALK_PAGES);
  await Promise.all(Array.from({ length: WALK_PAGES }, (_, k) => walk(rows.slice(k * share, (k + 1) * share))));
});

