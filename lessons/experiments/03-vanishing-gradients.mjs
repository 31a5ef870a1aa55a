// Lesson 3: per-layer gradient norms at initialisation in ten layers. With
// sigmoid they shrink layer after layer towards the input; with ReLU and He
// they stay within a small factor. Tanh and ReLU with Xavier are the controls
// that tell which part of the fix is the activation and which the init.

import { lastRecord, runJobs } from '../lib/probe.mjs';
import { presetConfig } from '../lib/presets.mjs';
import { csv, fmt, markdownTable } from '../lib/report.mjs';
import { geometricMean, seedRange, summarize } from '../lib/stats.mjs';
import { PALETTE, chart } from '../lib/plot.mjs';

// One full-batch step: its gradient is the gradient at the initial weights.
const FULL_BATCH = { batchSize: 20000 };
export const CASES = [
  { label: 'sigmoid, Xavier', preset: 'sigmoid-vanishing', changes: {}, color: PALETTE.sigmoid },
  { label: 'ReLU, He', preset: 'relu-he-10-layers', changes: {}, color: PALETTE.relu },
  { label: 'ReLU, Xavier', preset: 'relu-he-10-layers', changes: { init: 'xavier-normal' }, color: PALETTE.xavier, dash: '6 3' },
  { label: 'tanh, Xavier', preset: 'sigmoid-vanishing', changes: { activation: 'tanh' }, color: PALETTE.tanh, dash: '2 3' },
];

/**
 * Each of CASES with its gradient norms, per seed and weight layer (the 10
 * hidden layers, then the output layer). `configOf(preset, changes)` makes a
 * run's config: the plane preset, or its digits version.
 */
export async function measureGradientNorms(configOf, seeds) {
  const cases = [];
  for (const c of CASES) {
    const results = await runJobs(seedRange(seeds).map((seed) => ({
      config: configOf(c.preset, { seed, ...c.changes, ...FULL_BATCH }), phases: [{ epochs: 1 }],
    })));
    cases.push({ ...c, gradNorms: results.map((r) => lastRecord(r).layers.map((l) => l.gradNorm)) });
  }
  return cases;
}

/**
 * From measured cases: the layer 1 / layer 10 table, the per-seed CSV and the
 * figure (per layer, the geometric mean and the min–max band) titled `title`,
 * its x axis labelled `xLabel`.
 */
export function gradientReport(cases, title, xLabel) {
  const layerCount = cases[0].gradNorms[0].length;
  const lastHidden = layerCount - 2;
  // How much smaller the first layer's gradient is than the last hidden layer's, per seed.
  const ratios = (c) => c.gradNorms.map((norms) => norms[0] / norms[lastHidden]);
  const rows = cases.map((c) => {
    const logs = summarize(ratios(c).map(Math.log10));
    return [c.label, fmt(geometricMean(ratios(c)), 2), `${fmt(logs.mean, 2)} ± ${fmt(logs.std, 2)} (${fmt(logs.min, 2)} – ${fmt(logs.max, 2)})`,
      fmt(geometricMean(c.gradNorms.map((n) => n[0])), 2), fmt(geometricMean(c.gradNorms.map((n) => n[lastHidden])), 2)];
  });
  const table = markdownTable(['network', 'layer 1 / layer 10 (geometric mean)', 'log10 of that ratio: mean ± std (min – max)',
    '‖∇W‖ layer 1', '‖∇W‖ layer 10'], rows);
  const series = cases.flatMap((c) => [
    { kind: 'band', color: c.color, band: Array.from({ length: layerCount }, (_, l) => [l + 1, Math.min(...c.gradNorms.map((n) => n[l])), Math.max(...c.gradNorms.map((n) => n[l]))]) },
    { kind: 'line', name: c.label, color: c.color, dash: c.dash, markers: true, points: Array.from({ length: layerCount }, (_, l) => [l + 1, geometricMean(c.gradNorms.map((n) => n[l]))]) },
  ]);
  const perSeed = csv(['network', 'seed', 'layer', 'gradNorm'], cases.flatMap((c) => c.gradNorms.flatMap((norms, seed) => norms.map((n, l) => [c.label, seed + 1, l + 1, n]))));
  const figure = chart({
    title, width: 760, height: 460,
    x: { label: xLabel, min: 0.7, max: layerCount + 0.3, ticks: Array.from({ length: layerCount }, (_, l) => l + 1) },
    y: { label: '‖dL/dW‖ of the full-batch gradient', log: true },
    series,
  });
  return { table, csv: perSeed, figure };
}

export default {
  name: 'vanishing-gradients',
  number: 3,
  title: 'Vanishing gradients: sigmoid against ReLU + He in ten layers',
  presets: ['sigmoid-vanishing', 'relu-he-10-layers'],

  async measure({ seeds = 20 } = {}) {
    return { seeds, cases: await measureGradientNorms(presetConfig, seeds) };
  },

  render(data) {
    const report = gradientReport(data.cases, `Lesson 3: gradient norm per layer at initialisation (${data.seeds} seeds, geometric mean and min–max)`,
      'weight layer (1 = next to the input, 11 = output)');
    return {
      markdown: [
        `Ten hidden layers of 8 units on the circle; the norm of each weight layer's gradient over the full training set at the initial weights. ` +
          `Seeds 1–${data.seeds}. Presets \`sigmoid-vanishing\` and \`relu-he-10-layers\` (measured with one full-batch step); ` +
          'ReLU with Xavier and tanh with Xavier are controls.',
        '',
        report.table,
      ].join('\n'),
      csv: report.csv,
      figure: report.figure,
    };
  },
};
