// Lesson 1: without an activation, stacked layers are one linear map and
// cannot separate xor or the circle; one hidden ReLU layer can.

import { lastRecord, runJobs } from '../lib/probe.mjs';
import { presetConfig } from '../lib/presets.mjs';
import { csv, fmt, markdownTable, spread } from '../lib/report.mjs';
import { seedRange, summarize } from '../lib/stats.mjs';
import { PALETTE, chart, decisionMap, panels } from '../lib/plot.mjs';

// The presets use a sigmoid + cross-entropy head; the last case is the page's
// default tanh + squared-error head, whose saturation can stall a run.
const CASES = [
  { preset: 'linear-xor', dataset: 'xor', activation: 'linear', head: 'sigmoid-bce' },
  { preset: 'relu-xor', dataset: 'xor', activation: 'relu', head: 'sigmoid-bce' },
  { preset: 'linear-circle', dataset: 'circle', activation: 'linear', head: 'sigmoid-bce' },
  { preset: 'relu-circle', dataset: 'circle', activation: 'relu', head: 'sigmoid-bce' },
  { preset: 'relu-xor', dataset: 'xor', activation: 'relu', head: 'tanh-mse' },
];
const MAPPED = 4;  // decision maps of the first four
const GRID = 40;

export default {
  name: 'nonlinearity',
  number: 1,
  title: 'Non-linearity: a linear network cannot fit xor or the circle',
  presets: CASES.map((c) => c.preset),

  async measure({ seeds = 20, epochs = 100 } = {}) {
    const seedList = seedRange(seeds);
    const jobs = CASES.flatMap((c) => seedList.map((seed) => ({
      config: presetConfig(c.preset, { seed, binaryHead: c.head }),
      phases: [{ epochs }],
      // The decision map of the preset's own seed, for the plot.
      probes: seed === seedList[0] ? { outputGrid: GRID, trainPoints: true } : {},
    })));
    const results = await runJobs(jobs);
    return {
      seeds, epochs,
      cases: CASES.map((c, i) => {
        const own = results.slice(i * seeds, (i + 1) * seeds);
        return {
          ...c,
          trainAccuracy: own.map((r) => lastRecord(r).trainAccuracy),
          testAccuracy: own.map((r) => lastRecord(r).testAccuracy),
          grid: lastRecord(own[0]).outputGrid,
          points: own[0].trainPoints,
        };
      }),
    };
  },

  render(data) {
    const header = ['preset', 'dataset', 'hidden activation', 'output head', 'train accuracy', 'test accuracy'];
    const rows = data.cases.map((c) => [c.preset, c.dataset, c.activation, c.head,
      spread(summarize(c.trainAccuracy)), spread(summarize(c.testAccuracy))]);
    const csvRows = data.cases.flatMap((c) => c.testAccuracy.map((acc, i) => [c.preset, c.dataset, c.activation, c.head, i + 1, c.trainAccuracy[i], acc]));
    const mapped = data.cases.slice(0, MAPPED);
    const maps = mapped.map((c) => decisionMap({
      title: `${c.activation}, ${c.dataset} (seed 1)`, grid: c.grid, n: GRID, points: c.points, size: 200,
    }));
    const strip = chart({
      title: `Test accuracy after ${data.epochs} epochs, ${data.seeds} seeds`, width: 832, height: 280,
      x: { label: '', min: -0.5, max: data.cases.length - 0.5, ticks: data.cases.map((_, i) => i),
        tickLabels: data.cases.map((c) => `${c.activation} ${c.dataset}${c.head === 'tanh-mse' ? ' (tanh-MSE)' : ''}`) },
      y: { label: 'test accuracy', min: 0.2, max: 1 },
      series: data.cases.map((c, i) => ({
        kind: 'points', color: c.activation !== 'relu' ? PALETTE.linear : c.head === 'tanh-mse' ? PALETTE.tanh : PALETTE.relu, jitter: 40,
        points: c.testAccuracy.map((acc) => [i, acc]),
      })),
      legend: false,
    });
    return {
      markdown: [
        markdownTable(header, rows),
        '',
        `Mean ± standard deviation (min – max) over seeds 1–${data.seeds}, after ${data.epochs} epochs of SGD. ` +
          'One hidden layer of 8 units, sigmoid + cross-entropy head unless the row says tanh-mse. ' +
          `Best linear test accuracy: ${fmt(Math.max(...data.cases.filter((c) => c.activation === 'linear').flatMap((c) => c.testAccuracy)))}; ` +
          `worst ReLU test accuracy with the cross-entropy head: ${fmt(Math.min(...data.cases.filter((c) => c.activation === 'relu' && c.head === 'sigmoid-bce').flatMap((c) => c.testAccuracy)))}. ` +
          'With the tanh + squared-error head some ReLU runs stall near 0.72: on about half of the plane their output is exactly ±1 in float, so the misclassified points there send almost no gradient (the loss moves in the fourth digit over 250 more epochs).',
      ].join('\n'),
      csv: csv(['preset', 'dataset', 'activation', 'head', 'seed', 'trainAccuracy', 'testAccuracy'], csvRows),
      figure: panels([panels(maps, { columns: 4 }), strip], { columns: 1, title: 'Lesson 1: linear vs one ReLU layer' }),
    };
  },
};
