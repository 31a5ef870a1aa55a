// Lesson 1, second experiment: how many linear pieces a ReLU network cuts the
// plane into, at initialisation and after training, for the same 32 hidden
// units arranged 1x32, 2x16, 4x8 and 8x4. Counted by the core's grid pass
// (Trainer::EvalGrid with GridRegions): distinct on/off patterns of the hidden
// units over a GRID x GRID grid of [-6, 6]^2.

import { initRecord, lastRecord, runJobs } from '../lib/probe.mjs';
import { presetConfig } from '../lib/presets.mjs';
import { csv, fmt, markdownTable, spread } from '../lib/report.mjs';
import { seedRange, summarize } from '../lib/stats.mjs';
import { PALETTE, chart } from '../lib/plot.mjs';

const SHAPES = [[32], [16, 16], [8, 8, 8, 8], [4, 4, 4, 4, 4, 4, 4, 4]];
const GRID = 200; // 40,000 pixels: regions narrower than a pixel (0.06) are missed
const INPUTS = 2;

const shapeName = (hidden) => `${hidden.length}x${hidden[0]}`;

function binomial(n, k) {
  let value = 1;
  for (let i = 1; i <= k; i += 1) value = (value * (n - i + 1)) / i;
  return value;
}

/**
 * The most regions known to be reachable: for one layer, the arrangement of
 * n lines in general position, 1 + n + C(n, 2) (exact); deeper, the lower
 * bound on the maximum of Montufar et al. (2014, Theorem 4) for L layers of
 * n >= n0 units on n0 inputs: floor(n/n0)^(n0 (L-1)) * sum_{j<=n0} C(n, j).
 */
export function maximalRegions(hidden, inputs = INPUTS) {
  const n = hidden[0];
  const last = Array.from({ length: inputs + 1 }, (_, j) => binomial(n, j)).reduce((a, b) => a + b, 0);
  return Math.floor(n / inputs) ** (inputs * (hidden.length - 1)) * last;
}

export default {
  name: 'regions',
  number: 1,
  title: 'Linear regions over depth at a fixed number of units',
  presets: ['relu-spiral'],

  async measure({ seeds = 20, epochs = 100 } = {}) {
    const seedList = seedRange(seeds);
    const jobs = SHAPES.flatMap((hidden) => seedList.map((seed) => ({
      config: presetConfig('relu-spiral', { seed, hidden }),
      phases: [{ epochs }],
      probes: { regions: GRID },
    })));
    const results = await runJobs(jobs);
    return {
      seeds, epochs, grid: GRID,
      shapes: SHAPES.map((hidden, i) => {
        const own = results.slice(i * seeds, (i + 1) * seeds);
        return {
          hidden,
          atInit: own.map((r) => initRecord(r).regions),
          trained: own.map((r) => lastRecord(r).regions),
          testAccuracy: own.map((r) => lastRecord(r).testAccuracy),
        };
      }),
    };
  },

  render(data) {
    const header = ['hidden layers', 'regions at initialisation', 'regions after training', 'test accuracy',
      'most regions reachable (Montufar et al.)'];
    const rows = data.shapes.map((s) => [shapeName(s.hidden), spread(summarize(s.atInit)), spread(summarize(s.trained)),
      spread(summarize(s.testAccuracy)), `${s.hidden.length === 1 ? '' : '≥ '}${maximalRegions(s.hidden).toLocaleString('en')}`]);
    const csvRows = data.shapes.flatMap((s) => s.atInit.map((init, i) => [shapeName(s.hidden), i + 1, init, s.trained[i], s.testAccuracy[i]]));
    const figure = chart({
      title: `Linear regions on a ${data.grid}x${data.grid} grid, 32 ReLU units, ${data.seeds} seeds`, width: 640, height: 360,
      x: { label: 'hidden layers x units', min: -0.5, max: SHAPES.length - 0.5, ticks: SHAPES.map((_, i) => i), tickLabels: SHAPES.map(shapeName) },
      y: { label: 'regions on the grid', min: 0 },
      series: [
        { name: 'at initialisation', kind: 'points', color: PALETTE.linear, jitter: 30,
          points: data.shapes.flatMap((s, i) => s.atInit.map((v) => [i - 0.15, v])) },
        { name: `after ${data.epochs} epochs`, kind: 'points', color: PALETTE.relu, jitter: 30,
          points: data.shapes.flatMap((s, i) => s.trained.map((v) => [i + 0.15, v])) },
      ],
    });
    const means = data.shapes.map((s) => summarize(s.trained).mean);
    return {
      markdown: [
        markdownTable(header, rows),
        '',
        `Mean ± standard deviation (min – max) over seeds 1–${data.seeds}: the preset \`relu-spiral\` (He init, Adam, ` +
          `learning rate 0.003) with its hidden layers replaced, ${data.epochs} epochs. Regions are the distinct on/off ` +
          `patterns of the 32 hidden units over the pixel centres of a ${data.grid}x${data.grid} grid of [-6, 6]²; a region ` +
          'narrower than a pixel is missed, so these are lower bounds on the plane\'s count. ' +
          'Every bias starts at 0 (`biasInit`), so at initialisation each unit\'s boundary passes through the origin and ' +
          'the regions are wedges around it: one layer of 32 lines gives at most 64. ' +
          `After training the mean counts range from ${fmt(Math.min(...means))} to ${fmt(Math.max(...means))}, a factor of ` +
          `${fmt(Math.max(...means) / Math.min(...means))}, while the most reachable grows by a factor of ` +
          `${fmt(maximalRegions(SHAPES[3]) / maximalRegions(SHAPES[0]))} from 1x32 to 8x4.`,
      ].join('\n'),
      csv: csv(['shape', 'seed', 'regionsAtInit', 'regionsTrained', 'testAccuracy'], csvRows),
      figure,
    };
  },
};
