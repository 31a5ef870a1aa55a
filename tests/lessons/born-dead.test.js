// Lesson 6. 500-seed table (docs/lessons/06-born-dead.md), share constant at
// init: width 2 at depth 2/4/8/16: 0.054, 0.40, 0.80, 0.98; depth 8 at width
// 2/3/4/8: 0.80, 0.42, 0.13, 0.002. 200 seeds here: standard error <= 0.035.
import { bornDeadShare } from '../../lessons/experiments/06-born-dead.mjs';
import { initRecord, runJobs } from '../../lessons/lib/probe.mjs';
import { presetConfig } from '../../lessons/lib/presets.mjs';

const SEEDS = 200;
const share = (cells) => cells.map((c) => c.dead / c.seeds);

test('the chance of being born dead rises with depth', async () => {
  const p = share(await bornDeadShare({ widths: [2], depths: [1, 2, 4, 8, 16], seeds: SEEDS }));
  expect(p[0]).toBe(0);  // one layer: each unit is live on half the plane
  for (let i = 1; i < p.length; i++) expect(p[i]).toBeGreaterThan(p[i - 1] + 0.02);
  expect(p[4]).toBeGreaterThan(0.9);
});

test('and falls with width', async () => {
  const p = share(await bornDeadShare({ widths: [2, 3, 4, 8], depths: [8], seeds: SEEDS }));
  for (let i = 1; i < p.length; i++) expect(p[i]).toBeLessThan(p[i - 1] - 0.05);
  expect(p[3]).toBeLessThan(0.03);
});

test('the born-dead preset is constant at init and cannot learn', async () => {
  const [result] = await runJobs([{ config: presetConfig('born-dead'), phases: [{ epochs: 5 }], probes: { outputRange: 64 } }]);
  for (const record of result.records) expect(record.outputRange).toBe(0);
  expect(initRecord(result).layers.slice(0, -1).some((l) => l.deadUnits === l.units)).toBe(true);
});
