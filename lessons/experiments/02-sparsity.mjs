// Lesson 2: with zero biases and a symmetric init, about half of a ReLU
// layer's outputs are exactly zero; we report the figure after training too,
// and test the article's "sparsity reduces overfitting" against Leaky ReLU.

import { hiddenLayers, initRecord, lastRecord, runJobs } from '../lib/probe.mjs';
import { presetConfig } from '../lib/presets.mjs';
import { csv, fmt, markdownTable, spread } from '../lib/report.mjs';
import { mean, seedRange, summarize } from '../lib/stats.mjs';
import { PALETTE, chart, panels } from '../lib/plot.mjs';

const PRESET = 'relu-spiral';
// Fewer, noisier points: a setting where a 6x8 network can overfit.
const OVERFIT = { noise: 30, numSamples: 200 };

export const sparsities = (record) => hiddenLayers(record).map((l) => l.sparsity);

/**
 * ReLU against Leaky ReLU (slope 0.01) in a setting where the network can
 * overfit: per activation and seed, the final train and test accuracy and the
 * mean share of zeros. `configOf(changes)` makes the config with that
 * setting; 0 seeds skip the comparison.
 */
export async function measureOverfit(configOf, seeds, epochs) {
  const overfit = {};
  for (const activation of seeds ? ['relu', 'leaky-relu'] : []) {
    const results = await runJobs(seedRange(seeds).map((seed) => ({
      config: configOf({ seed, activation, leakySlope: 0.01 }), phases: [{ epochs }],
    })));
    overfit[activation] = results.map((r) => {
      const last = lastRecord(r);
      return { train: last.trainAccuracy, test: last.testAccuracy, sparsity: mean(sparsities(last)) };
    });
  }
  return overfit;
}

const column = (perSeed, l) => perSeed.map((s) => s[l]);

/** The chart of the share of zeros per hidden layer: for each [perSeed, color, name, dash?] of `bands`, a min–max band and a line through the means. */
export function zerosProfile(bands) {
  const layers = bands[0][0][0].length;
  const band = (perSeed, color, name, dash) => [
    { kind: 'band', color, band: Array.from({ length: layers }, (_, l) => [l + 1, Math.min(...column(perSeed, l)), Math.max(...column(perSeed, l))]) },
    { kind: 'line', color, name, dash, markers: true, points: Array.from({ length: layers }, (_, l) => [l + 1, mean(column(perSeed, l))]) },
  ];
  return chart({
    title: 'Share of exactly-zero activations per layer (mean, min–max band)', width: 560, height: 380,
    x: { label: 'hidden layer', min: 0.8, max: layers + 0.2, ticks: Array.from({ length: layers }, (_, l) => l + 1) },
    y: { label: 'fraction of activations == 0', min: 0, max: 1 },
    series: bands.flatMap((b) => band(...b)),
  });
}

/**
 * ReLU against Leaky ReLU where the network can overfit (measure's `overfit`):
 * the page's section (`setting` says where, then the table and the paired
 * gaps) and the chart of gaps titled `title`.
 */
export function overfitReport(overfit, setting, title) {
  const gap = (runs) => runs.map((r) => r.train - r.test);
  const relu = overfit.relu;
  const leaky = overfit['leaky-relu'];
  const table = markdownTable(['activation', 'zeros (mean over layers)', 'train accuracy', 'test accuracy', 'train − test gap'],
    [['relu', relu], ['leaky-relu 0.01', leaky]].map(([name, runs]) => [name,
      spread(summarize(runs.map((r) => r.sparsity))), spread(summarize(runs.map((r) => r.train))),
      spread(summarize(runs.map((r) => r.test))), spread(summarize(gap(runs)))]));
  const paired = summarize(relu.map((r, i) => (r.train - r.test) - (leaky[i].train - leaky[i].test)));
  const gaps = chart({
    title, width: 360, height: 380,
    x: { label: '', min: -0.5, max: 1.5, ticks: [0, 1], tickLabels: ['relu', 'leaky 0.01'] },
    y: { label: 'train − test accuracy', min: 0 },
    series: [{ kind: 'points', color: PALETTE.relu, jitter: 50, points: gap(relu).map((g) => [0, g]) },
      { kind: 'points', color: PALETTE.leaky, jitter: 50, points: gap(leaky).map((g) => [1, g]) }],
    legend: false,
  });
  const markdown = ['## Does sparsity reduce overfitting?', '', setting, '', table, '',
    `Paired by seed (same data, same initial weights), ReLU's gap minus Leaky ReLU's: ${spread(paired)}.`].join('\n');
  return { markdown, chart: gaps };
}

/**
 * The page: `intro` (the setting), the zeros `table`, the test accuracy after
 * training, the overfitting section; the CSV; the figure (zeros `profile`,
 * overfitting gaps) titled `title`.
 */
export const sparsityPage = ({ intro, table, testAccuracy, overfitting, csvText, profile, title }) => ({
  markdown: [intro, '', table, '', `Test accuracy after training: ${spread(summarize(testAccuracy))}.`, '', overfitting.markdown].join('\n'),
  csv: csvText,
  figure: panels([profile, overfitting.chart], { title }),
});

export default {
  name: 'sparsity',
  number: 2,
  title: 'Sparsity: half of a ReLU layer is exactly zero at initialisation',
  presets: [PRESET],

  // overfitSeeds: 0 skips the overfitting comparison (the tests do not assert on it).
  async measure({ seeds = 20, epochs = 200, overfitSeeds = seeds, overfitEpochs = 400 } = {}) {
    const seedList = seedRange(seeds);
    const trained = await runJobs(seedList.map((seed) => ({ config: presetConfig(PRESET, { seed }), phases: [{ epochs }] })));
    const biased = await runJobs(seedList.map((seed) => ({ config: presetConfig(PRESET, { seed, biasInit: 0.5 }) })));
    const overfit = await measureOverfit((changes) => presetConfig(PRESET, { ...changes, ...OVERFIT }), overfitSeeds, overfitEpochs);
    return {
      seeds, epochs, overfitSeeds, overfitEpochs,
      atInit: trained.map((r) => sparsities(initRecord(r))),
      afterTraining: trained.map((r) => sparsities(lastRecord(r))),
      deadAfterTraining: trained.map((r) => hiddenLayers(lastRecord(r)).map((l) => l.deadUnits)),
      testAccuracy: trained.map((r) => lastRecord(r).testAccuracy),
      biasedAtInit: biased.map((r) => sparsities(initRecord(r))),
      overfit,
    };
  },

  render(data) {
    const layers = data.atInit[0].length;
    const rows = [];
    for (let l = 0; l < layers; l++) {
      rows.push([l + 1, spread(summarize(column(data.atInit, l))), spread(summarize(column(data.afterTraining, l))),
        fmt(mean(column(data.deadAfterTraining, l)), 2), spread(summarize(column(data.biasedAtInit, l)))]);
    }
    const allInit = summarize(data.atInit.map(mean));
    const allTrained = summarize(data.afterTraining.map(mean));
    const deadTotal = mean(data.deadAfterTraining.map((d) => d.reduce((a, b) => a + b, 0)));
    rows.push(['all', spread(allInit), spread(allTrained), `${fmt(deadTotal, 2)} of ${8 * layers}`,
      spread(summarize(data.biasedAtInit.map(mean)))]);
    const table = markdownTable(['hidden layer', 'zeros at init', `zeros after ${data.epochs} epochs`, 'dead units after (of 8)', 'zeros at init, biasInit 0.5'], rows);

    const overfitting = overfitReport(data.overfit,
      `The same network on ${OVERFIT.numSamples} points with noise ${OVERFIT.noise}, ${data.overfitEpochs} epochs, ReLU against Leaky ReLU (slope 0.01, no exact zeros):`,
      `Overfitting (noisy spiral, ${data.overfitEpochs} epochs)`);

    const profile = zerosProfile([[data.atInit, PALETTE.relu, 'at init, bias 0'], [data.afterTraining, PALETTE.prelu, `after ${data.epochs} epochs`],
      [data.biasedAtInit, PALETTE.zeros, 'at init, bias 0.5', '5 3']]);
    const csvRows = [];
    data.atInit.forEach((s, seed) => s.forEach((v, l) => csvRows.push([seed + 1, l + 1, v, data.afterTraining[seed][l], data.deadAfterTraining[seed][l], data.biasedAtInit[seed][l]])));
    return sparsityPage({
      intro: `Preset \`${PRESET}\` (6 ReLU layers of 8, He normal, zero biases), seeds 1–${data.seeds}; mean ± std (min – max).`,
      table, testAccuracy: data.testAccuracy, overfitting,
      csvText: csv(['seed', 'layer', 'zerosAtInit', 'zerosAfterTraining', 'deadUnitsAfterTraining', 'zerosAtInitBias0.5'], csvRows),
      profile, title: 'Lesson 2: ReLU sparsity',
    });
  },
};
