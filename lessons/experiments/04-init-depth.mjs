// Lesson 4: thirty ReLU layers of 32 units. The initialisation decides whether
// the signal survives the depth (He), fades (Xavier) or blows up (U(-0.5,0.5));
// zero initialisation makes every unit of a layer the same, for good.

import { hiddenLayers, initRecord, lastRecord, runJobs } from '../lib/probe.mjs';
import { presetConfig } from '../lib/presets.mjs';
import { csv, fmt, markdownTable, spread } from '../lib/report.mjs';
import { geometricMean, mean, seedRange, summarize } from '../lib/stats.mjs';
import { PALETTE, chart, panels } from '../lib/plot.mjs';

export const INITS = [
  { init: 'he-normal', label: 'He', color: PALETTE.he },
  { init: 'xavier-normal', label: 'Xavier', color: PALETTE.xavier },
  { init: 'playground', label: 'U(-0.5, 0.5)', color: PALETTE.playground },
  { init: 'zeros', label: 'zeros', color: PALETTE.zeros },
];
const TRAINED = ['he-normal', 'xavier-normal'];
const BASE = 'he-depth-30';
const SYMMETRY = 'zero-init-symmetry';
const GRID = 32;

// Variance of each hidden layer's pre-activations over the training set.
const preVariances = (record) => hiddenLayers(record).map((l) => l.preStd ** 2);

export default {
  name: 'init-depth',
  number: 4,
  title: 'Initialisation and depth: He, Xavier, U(-0.5, 0.5) and zeros in 30 ReLU layers',
  presets: ['he-depth-30', 'xavier-depth-30', 'playground-depth-30', SYMMETRY],

  async measure({ seeds = 20, trainSeeds = seeds, epochs = 20, evalEvery = 2 } = {}) {
    const atInit = {};
    for (const { init } of INITS) {
      const results = await runJobs(seedRange(seeds).map((seed) => ({
        config: presetConfig(BASE, { seed, init }), probes: { unitSpread: true, outputRange: GRID },
      })));
      atInit[init] = results.map((r) => {
        const record = initRecord(r);
        return { variances: preVariances(record), unitSpread: Math.max(...record.unitSpread), constant: record.outputRange === 0 };
      });
    }
    const training = {};
    for (const init of TRAINED) {
      const results = await runJobs(seedRange(trainSeeds).map((seed) => ({
        config: presetConfig(BASE, { seed, init }), phases: [{ epochs, evalEvery }],
      })));
      training[init] = results.map((r) => r.records.map((x) => [x.epoch, x.trainAccuracy]));
    }
    // Zero init in a small sigmoid net, where gradients do flow: against He, same net.
    const symmetry = {};
    for (const init of ['zeros', 'he-normal']) {
      const results = await runJobs(seedRange(seeds).map((seed) => ({
        config: presetConfig(SYMMETRY, { seed, init }), phases: [{ epochs: 50 }], probes: { unitSpread: true },
      })));
      symmetry[init] = results.map((r) => ({
        unitSpread: Math.max(...lastRecord(r).unitSpread),
        weightNorm: hiddenLayers(lastRecord(r)).reduce((sum, l) => sum + l.weightNorm, 0),
        trainAccuracy: lastRecord(r).trainAccuracy,
      }));
    }
    return { seeds, trainSeeds, epochs, atInit, training, symmetry };
  },

  render(data) {
    const layers = data.atInit['he-normal'][0].variances.length;
    const ratio = (v) => v[layers - 1] / v[0];
    const initRows = INITS.map(({ init, label }) => {
      const runs = data.atInit[init];
      const ratios = runs.map((r) => ratio(r.variances));
      const finite = ratios.filter((r) => Number.isFinite(r) && r > 0);
      const logs = summarize(finite.map(Math.log10));
      return [label,
        finite.length ? fmt(geometricMean(finite), 2) : 'undefined (0/0)',
        finite.length ? fmt(mean(finite), 2) : '–',
        finite.length ? `${fmt(logs.mean, 2)} ± ${fmt(logs.std, 2)} (${fmt(logs.min, 2)} – ${fmt(logs.max, 2)})` : '–',
        `${runs.filter((r) => r.constant).length} of ${runs.length}`,
        fmt(Math.min(...runs.map((r) => r.unitSpread)), 2)];
    });
    const initTable = markdownTable(['init', 'Var(layer 30) / Var(layer 1), geometric mean', 'arithmetic mean',
      'log10 ratio: mean ± std (min – max)', 'constant output at init', 'smallest unit spread'], initRows);

    const finalAccuracy = (init) => summarize(data.training[init].map((curve) => curve[curve.length - 1][1]));
    const trainTable = markdownTable(['init', `train accuracy after ${data.epochs} epochs`, 'seeds above 0.9'],
      TRAINED.map((init) => [INITS.find((i) => i.init === init).label, spread(finalAccuracy(init)),
        `${data.training[init].filter((c) => c[c.length - 1][1] > 0.9).length} of ${data.training[init].length}`]));
    const symmetryTable = markdownTable(['init', 'largest difference between units of a layer', 'sum of hidden ‖W‖', 'train accuracy'],
      ['zeros', 'he-normal'].map((init) => [init, spread(summarize(data.symmetry[init].map((r) => r.unitSpread))),
        spread(summarize(data.symmetry[init].map((r) => r.weightNorm))), spread(summarize(data.symmetry[init].map((r) => r.trainAccuracy)))]));

    const varianceSeries = INITS.filter(({ init }) => init !== 'zeros').flatMap(({ init, label, color }) => {
      const runs = data.atInit[init];
      const at = (l) => runs.map((r) => r.variances[l] / r.variances[0]);
      return [
        { kind: 'band', color, band: Array.from({ length: layers }, (_, l) => [l + 1, Math.min(...at(l)), Math.max(...at(l))]) },
        { kind: 'line', color, name: label, points: Array.from({ length: layers }, (_, l) => [l + 1, geometricMean(at(l))]) },
      ];
    });
    const variance = chart({
      title: 'Pre-activation variance relative to layer 1, at init', width: 520, height: 400,
      x: { label: 'hidden layer', min: 1, max: layers },
      y: { label: 'Var(layer l) / Var(layer 1)', log: true },
      series: varianceSeries,
    });
    const trainSeries = TRAINED.flatMap((init) => {
      const { label, color } = INITS.find((i) => i.init === init);
      const curves = data.training[init];
      const epochsAxis = curves[0].map(([e]) => e);
      const at = (k) => curves.map((c) => c[k][1]);
      return [
        { kind: 'band', color, band: epochsAxis.map((e, k) => [e, Math.min(...at(k)), Math.max(...at(k))]) },
        { kind: 'line', color, name: label, markers: true, points: epochsAxis.map((e, k) => [e, mean(at(k))]) },
      ];
    });
    const training = chart({
      title: `Training (SGD, lr 0.01), ${data.trainSeeds} seeds`, width: 420, height: 400,
      x: { label: 'epoch', min: 0, max: data.epochs },
      y: { label: 'train accuracy (mean, min–max)', min: 0.3, max: 1 },
      series: trainSeries,
    });
    const csvRows = INITS.flatMap(({ init }) => data.atInit[init].flatMap((r, seed) => r.variances.map((v, l) => [init, seed + 1, l + 1, v])));
    return {
      markdown: [
        `Preset \`${BASE}\` (30 ReLU layers of 32 units on the circle) with each init, seeds 1–${data.seeds}. ` +
          'The variance is that of the pre-activations over the training set, at the initial weights.',
        '',
        initTable,
        '',
        `Training the same network for ${data.epochs} epochs (SGD, learning rate 0.01, seeds 1–${data.trainSeeds}):`,
        '',
        trainTable,
        '',
        `## Zero initialisation: identical units`,
        '',
        `Preset \`${SYMMETRY}\` (two sigmoid layers of 8 units; sigmoid(0) = 0.5, so gradients do flow) after 50 epochs, against He on the same net. ` +
          '"Difference between units" is the largest gap between two units\' incoming weights and biases in any hidden layer.',
        '',
        symmetryTable,
      ].join('\n'),
      csv: csv(['init', 'seed', 'layer', 'preVariance'], csvRows),
      figure: panels([variance, training], { title: 'Lesson 4: initialisation in 30 ReLU layers of 32 units' }),
    };
  },
};
