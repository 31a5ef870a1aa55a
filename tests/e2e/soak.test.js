// The page's soak in CI: a round through every lesson while training, then
// two more (a quarter of a second each, about half a minute in all), with
// the JS heap, DOM nodes and listeners checked for growth (tools/soak.mjs;
// run `node tests/e2e/tools/soak.mjs --minutes 10` for the long one).
import { jest } from '@jest/globals';
import { useServedPage } from './helpers/served-page.js';
import { ENGINE } from './helpers/browser.js';
import { TOLERANCE, judge, runSoak } from './tools/soak.mjs';

jest.setTimeout(300000);
const served = useServedPage({ checkErrors: false });

test('the judge fails growth past the tolerance and passes noise', () => {
  const base = { heapUsed: 10 * 2 ** 20, nodes: 1000, listeners: 200 };
  expect(judge(base, { heapUsed: base.heapUsed * TOLERANCE.heapFactor, nodes: 1040, listeners: 205 })).toEqual([]);
  const failures = judge(base, { heapUsed: 20 * 2 ** 20, nodes: 2000, listeners: 200 });
  expect(failures).toHaveLength(2);
  expect(failures[0]).toMatch(/^JS heap grew from 10\.0 MiB to 20\.0 MiB/);
  expect(failures[1]).toMatch(/^nodes grew from 1000 to 2000/);
});

// The heap, node and listener counts come over Chrome's DevTools Protocol, which Firefox does not speak.
const needsCdp = ENGINE === 'chromium' ? test : test.skip;
const whyNot = ENGINE === 'chromium' ? '' : ` (skipped in ${ENGINE}: heap and listener counts need Chromium's DevTools Protocol)`;

needsCdp(`two rounds of lesson switches while training: no growing heap or DOM, no errors${whyNot}`, async () => {
  const result = await runSoak({
    context: served.context, url: served.url, minutes: 0, switchSeconds: 0.25, minRounds: 2,
    log: process.env.SOAK_LOG ? (s) => console.log(JSON.stringify(s)) : undefined,
  });
  // A sample before, and after each of at least two rounds through every lesson.
  expect(result.samples.length).toBeGreaterThanOrEqual(3);
  expect(result.samples.at(-1).lessonsShown).toBeGreaterThanOrEqual(2 * result.lessons + 1);
  expect(result.failures).toEqual([]);
});
