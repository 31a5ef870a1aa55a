// Lessons on real data (issue #15): the lessons whose claims are about
// training rather than geometry, rerun on the handwritten digits (64 pixel
// inputs, ten classes, 899 training and 898 test images at the default
// trainRatio). Each starts from the digits version of the plane lesson's
// preset (web/shared/presets.js: digits-<plane id>, the same network with
// only the data changed) and reuses the plane lesson's declared cases and its
// exported measure and report functions (given digitsConfig for presetConfig),
// so the two differ only where this file's SETTINGS and sentences say.
//
// The plane lessons train on 250 points in batches of 10 (25 steps an epoch);
// the digits have 899 training images (90 steps). Epochs here are the plane
// lesson's divided by 3.6 and rounded up, so both take about as many steps.

import { hiddenLayers, initRecord, lastRecord, runJobs } from '../lib/probe.mjs';
import { presetConfig } from '../lib/presets.mjs';
import { csv, fmt, markdownTable, percent, spread } from '../lib/report.mjs';
import { geometricMean, mean, seedRange, summarize } from '../lib/stats.mjs';
import { PALETTE, chart, panels } from '../lib/plot.mjs';
import { measureOverfit, overfitReport, sparsities, sparsityPage, zerosProfile } from './02-sparsity.mjs';
import { CASES as GRADIENT_CASES, gradientReport, measureGradientNorms } from './03-vanishing-gradients.mjs';
import { INITS } from './04-init-depth.mjs';
import { ACTIVATIONS, RATES as DEAD_RATES, fateCells, measureRates, rateChart, runFates } from './05-dead-relus.mjs';
import { CLIPS, RATES as EXPLODING_RATES, measureRescue, measureSweep, median, outcome, reportedCauses } from './07-exploding.mjs';
import { measureSlopes, slopeReport } from './08-prelu.mjs';

/** What differs from each plane lesson, in one place (epochs as explained above). */
export const SETTINGS = Object.freeze({
  sparsity: { preset: 'relu-spiral', epochs: 60, overfitTrainRatio: 0.1, overfitEpochs: 220 },
  vanishingGradients: {},
  // 540 steps (the plane's count) leave even He near 0.35 on ten classes: 20 epochs show where each init goes.
  initDepth: { epochs: 20, evalEvery: 2, inits: ['he-normal', 'xavier-normal', 'playground'], trained: ['he-normal', 'xavier-normal'] },
  deadRelus: { epochs: 30, checkpoint: 3 },
  exploding: { preset: 'exploding-lr', epochs: 15, rescueRate: 0.03, trainedAccuracy: 0.8 },
  prelu: { preset: 'prelu-spiral', epochs: 60, evalEvery: 6 },
});

/** The digits version of plane preset `planeId`, with `changes`. */
export const digitsConfig = (planeId, changes = {}) => presetConfig(`digits-${planeId}`, changes);
const digitsPreset = (planeId) => `digits-${planeId}`;
const sumOver = (layers, pick) => layers.reduce((sum, l) => sum + pick(l), 0);
const DATA = 'Handwritten digits (64 inputs, 10 classes, 899 training and 898 test images)';

// ---------------------------------------------------------------- sparsity
const sparsity = {
  name: 'digits-sparsity',
  number: 2,
  title: 'Sparsity on handwritten digits',
  presets: [digitsPreset(SETTINGS.sparsity.preset)],
  planeLesson: 'sparsity',

  async measure({ seeds = 20, epochs = SETTINGS.sparsity.epochs, overfitSeeds = seeds, overfitEpochs = SETTINGS.sparsity.overfitEpochs } = {}) {
    const { preset, overfitTrainRatio } = SETTINGS.sparsity;
    const trained = await runJobs(seedRange(seeds).map((seed) => ({ config: digitsConfig(preset, { seed }), phases: [{ epochs }] })));
    const overfit = await measureOverfit((changes) => digitsConfig(preset, { ...changes, trainRatio: overfitTrainRatio }), overfitSeeds, overfitEpochs);
    return {
      seeds, epochs, overfitSeeds, overfitEpochs, overfitTrainRatio,
      atInit: trained.map((r) => sparsities(initRecord(r))),
      afterTraining: trained.map((r) => sparsities(lastRecord(r))),
      deadAtInit: trained.map((r) => hiddenLayers(initRecord(r)).map((l) => l.deadUnits)),
      deadAfterTraining: trained.map((r) => hiddenLayers(lastRecord(r)).map((l) => l.deadUnits)),
      testAccuracy: trained.map((r) => lastRecord(r).testAccuracy),
      overfit,
    };
  },

  render(data) {
    const layers = data.atInit[0].length;
    const column = (perSeed, l) => perSeed.map((s) => s[l]);
    const rows = Array.from({ length: layers }, (_, l) => [l + 1, spread(summarize(column(data.atInit, l))), fmt(mean(column(data.deadAtInit, l)), 2),
      spread(summarize(column(data.afterTraining, l))), fmt(mean(column(data.deadAfterTraining, l)), 2)]);
    const total = (perSeed) => fmt(mean(perSeed.map((d) => d.reduce((a, b) => a + b, 0))), 2);
    rows.push(['all', spread(summarize(data.atInit.map(mean))), `${total(data.deadAtInit)} of ${8 * layers}`,
      spread(summarize(data.afterTraining.map(mean))), `${total(data.deadAfterTraining)} of ${8 * layers}`]);
    const table = markdownTable(['hidden layer', 'zeros at init', 'dead units at init (of 8)', `zeros after ${data.epochs} epochs`, 'dead units after (of 8)'], rows);
    const overfitting = overfitReport(data.overfit,
      `The same network trained on ${percent(data.overfitTrainRatio)} of the images (\`trainRatio: ${data.overfitTrainRatio}\`, tested on the rest), ` +
        `${data.overfitEpochs} epochs, ReLU against Leaky ReLU (slope 0.01, no exact zeros), seeds 1–${data.overfitSeeds}:`,
      `Overfitting (${percent(data.overfitTrainRatio)} of the images to train)`);
    const profile = zerosProfile([[data.atInit, PALETTE.relu, 'at init'], [data.afterTraining, PALETTE.prelu, `after ${data.epochs} epochs`]]);
    const csvRows = [];
    data.atInit.forEach((s, seed) => s.forEach((v, l) => csvRows.push([seed + 1, l + 1, v, data.deadAtInit[seed][l], data.afterTraining[seed][l], data.deadAfterTraining[seed][l]])));
    return sparsityPage({
      intro: `${DATA}. Preset \`digits-${SETTINGS.sparsity.preset}\` (6 ReLU layers of 8, He normal, zero biases, Adam 0.003, batches of 10), ` +
        `seeds 1–${data.seeds}; mean ± std (min – max). A dead unit is zero on every training image.`,
      table, testAccuracy: data.testAccuracy, overfitting,
      csvText: csv(['seed', 'layer', 'zerosAtInit', 'deadUnitsAtInit', 'zerosAfterTraining', 'deadUnitsAfterTraining'], csvRows),
      profile, title: 'Lesson 2 on digits: ReLU sparsity',
    });
  },
};

// ---------------------------------------------------------------- vanishing gradients
const vanishingGradients = {
  name: 'digits-vanishing-gradients',
  number: 3,
  title: 'Vanishing gradients on handwritten digits: sigmoid against ReLU + He in ten layers',
  presets: [...new Set(GRADIENT_CASES.map((c) => digitsPreset(c.preset)))],
  planeLesson: 'vanishing-gradients',

  async measure({ seeds = 20 } = {}) {
    return { seeds, cases: await measureGradientNorms(digitsConfig, seeds) };
  },

  render(data) {
    const report = gradientReport(data.cases, `Lesson 3 on digits: gradient norm per layer at initialisation (${data.seeds} seeds, geometric mean and min–max)`,
      'weight layer (1 = next to the 64 pixels, 11 = output)');
    return {
      markdown: [
        `${DATA}. Ten hidden layers of 8 units; the norm of each weight layer's gradient over the full training set at the initial weights ` +
          `(one full-batch step). Seeds 1–${data.seeds}. Presets ${this.presets.map((p) => `\`${p}\``).join(' and ')}; ` +
          'ReLU with Xavier and tanh with Xavier are controls, as on the plane.',
        '',
        report.table,
      ].join('\n'),
      csv: report.csv,
      figure: report.figure,
    };
  },
};

// ---------------------------------------------------------------- initialisation and depth
const preVariances = (record) => hiddenLayers(record).map((l) => l.preStd ** 2);
const initLabel = (init) => INITS.find((i) => i.init === init);

const initDepth = {
  name: 'digits-init-depth',
  number: 4,
  title: 'Initialisation and depth on handwritten digits: He, Xavier and U(-0.5, 0.5) in 30 ReLU layers',
  presets: ['digits-he-depth-30', 'digits-xavier-depth-30'],
  planeLesson: 'init-depth',

  async measure({ seeds = 20, trainSeeds = seeds, epochs = SETTINGS.initDepth.epochs, evalEvery = SETTINGS.initDepth.evalEvery } = {}) {
    const atInit = {};
    for (const init of SETTINGS.initDepth.inits) {
      const results = await runJobs(seedRange(seeds).map((seed) => ({ config: digitsConfig('he-depth-30', { seed, init }) })));
      atInit[init] = results.map((r) => preVariances(initRecord(r)));
    }
    const training = {};
    const diverged = {};
    for (const init of SETTINGS.initDepth.trained) {
      const results = await runJobs(seedRange(trainSeeds).map((seed) => ({
        config: digitsConfig('he-depth-30', { seed, init }), phases: [{ epochs, evalEvery }],
      })));
      training[init] = results.map((r) => r.records.filter((x) => !x.diverged).map((x) => [x.epoch, x.trainAccuracy, x.testAccuracy]));
      diverged[init] = results.map((r) => r.records.some((x) => x.diverged));
    }
    return { seeds, trainSeeds, epochs, atInit, training, diverged };
  },

  render(data) {
    const inits = Object.keys(data.atInit);
    const layers = data.atInit[inits[0]][0].length;
    const initRows = inits.map((init) => {
      const ratios = data.atInit[init].map((v) => v[layers - 1] / v[0]);
      const logs = summarize(ratios.map(Math.log10));
      return [initLabel(init).label, fmt(geometricMean(ratios), 2), fmt(mean(ratios), 2),
        `${fmt(logs.mean, 2)} ± ${fmt(logs.std, 2)} (${fmt(logs.min, 2)} – ${fmt(logs.max, 2)})`];
    });
    const initTable = markdownTable(['init', 'Var(layer 30) / Var(layer 1), geometric mean', 'arithmetic mean', 'log10 ratio: mean ± std (min – max)'], initRows);
    const trained = Object.keys(data.training);
    // A run stopped by the divergence check is left out of the accuracies (its last curve point is its checkpoint's).
    const kept = (init) => data.training[init].filter((_, i) => !data.diverged[init][i]);
    const final = (init, k) => kept(init).map((curve) => curve[curve.length - 1][k]);
    const chance = 0.1;
    const trainTable = markdownTable(['init', 'diverged (left out)', `train accuracy after ${data.epochs} epochs`, `test accuracy after ${data.epochs} epochs`, 'seeds above 0.9 (train)', 'seeds at chance (train < 0.2)'],
      trained.map((init) => [initLabel(init).label, `${data.diverged[init].filter(Boolean).length} of ${data.training[init].length}`,
        spread(summarize(final(init, 1))), spread(summarize(final(init, 2))),
        `${final(init, 1).filter((a) => a > 0.9).length} of ${data.training[init].length}`,
        `${final(init, 1).filter((a) => a < 2 * chance).length} of ${data.training[init].length}`]));

    const variance = chart({
      title: 'Pre-activation variance relative to layer 1, at init', width: 520, height: 400,
      x: { label: 'hidden layer', min: 1, max: layers },
      y: { label: 'Var(layer l) / Var(layer 1)', log: true },
      series: inits.flatMap((init) => {
        const { label, color } = initLabel(init);
        const at = (l) => data.atInit[init].map((v) => v[l] / v[0]);
        return [
          { kind: 'band', color, band: Array.from({ length: layers }, (_, l) => [l + 1, Math.min(...at(l)), Math.max(...at(l))]) },
          { kind: 'line', color, name: label, points: Array.from({ length: layers }, (_, l) => [l + 1, geometricMean(at(l))]) },
        ];
      }),
    });
    const training = chart({
      title: `Training (SGD, lr 0.01), ${data.trainSeeds} seeds`, width: 420, height: 400,
      x: { label: 'epoch', min: 0, max: data.epochs },
      y: { label: 'train accuracy (mean, min–max)', min: 0, max: 1 },
      series: trained.flatMap((init) => {
        const { label, color } = initLabel(init);
        const curves = kept(init);
        const at = (k) => curves.map((c) => c[k][1]);
        const epochsAxis = curves[0].map(([e]) => e);
        return [
          { kind: 'band', color, band: epochsAxis.map((e, k) => [e, Math.min(...at(k)), Math.max(...at(k))]) },
          { kind: 'line', color, name: label, markers: true, points: epochsAxis.map((e, k) => [e, mean(at(k))]) },
        ];
      }),
    });
    return {
      markdown: [
        `${DATA}. Preset \`digits-he-depth-30\` (30 ReLU layers of 32 units) with each init, seeds 1–${data.seeds}. ` +
          'The variance is that of the pre-activations over the training set, at the initial weights.',
        '',
        initTable,
        '',
        `Training the same network for ${data.epochs} epochs (SGD, learning rate 0.01, batches of 10, seeds 1–${data.trainSeeds}; chance is 0.1):`,
        '',
        trainTable,
      ].join('\n'),
      csv: csv(['init', 'seed', 'layer', 'preVariance'], inits.flatMap((init) => data.atInit[init].flatMap((v, seed) => v.map((x, l) => [init, seed + 1, l + 1, x])))),
      figure: panels([variance, training], { title: 'Lesson 4 on digits: initialisation in 30 ReLU layers of 32 units' }),
    };
  },
};

// ---------------------------------------------------------------- dead ReLUs
// On digits, Leaky ReLU and PReLU runs at high rates can blow up (lesson 7's
// check stops them) before or after the checkpoint: such a run counts as
// diverged, and its units and accuracy are left out of the other columns.
function fates(records, checkpoint) {
  const diverged = records.some((r) => r.diverged);
  if (diverged) return { diverged, offAtInit: NaN, offShare: NaN, wereOff: 0, cameBack: 0, trainAccuracy: NaN, testAccuracy: NaN, deadUnits: NaN, slopes: [] };
  return { diverged, ...runFates(records, checkpoint), offAtInit: mean(records[0].offMasks.flat().map(Number)) };
}
const deadRelus = {
  name: 'digits-dead-relus',
  number: 5,
  title: 'Dead ReLUs and the learning rate on handwritten digits',
  presets: ACTIVATIONS.map((a) => digitsPreset(a.preset)),
  planeLesson: 'dead-relus',

  async measure({ seeds = 20, epochs = SETTINGS.deadRelus.epochs, checkpoint = SETTINGS.deadRelus.checkpoint, rates = DEAD_RATES, activations = ACTIVATIONS.map((a) => a.activation) } = {}) {
    const runs = await measureRates(digitsConfig, { seeds, epochs, checkpoint, rates, activations }, fates);
    return { seeds, epochs, checkpoint, runs };
  },

  render(data) {
    const rows = data.runs.map((run) => {
      const cells = fateCells(run);
      return [cells.activation, run.learningRate, `${run.seeds.filter((r) => r.diverged).length} of ${run.seeds.length}`,
        spread(summarize(run.seeds.map((r) => r.offAtInit)), 2), spread(summarize(run.seeds.map((r) => r.offShare)), 2),
        cells.cameBack,
        spread(summarize(run.seeds.map((r) => r.trainAccuracy)), 2), spread(summarize(run.seeds.map((r) => r.testAccuracy)), 2),
        cells.slopes];
    });
    const table = markdownTable(['activation', 'learning rate', 'diverged (left out)', 'units off on every image at init', `units off on every image at epoch ${data.epochs}`,
      `units off at epoch ${data.checkpoint} that came back by ${data.epochs}`, `train accuracy at epoch ${data.epochs}`, 'test accuracy', 'PReLU slopes at the end'], rows);
    const off = rateChart(data.runs, `Units off on every training image, epoch ${data.epochs} (runs not stopped)`,
      { label: 'share of hidden units (mean, min–max)', min: 0, max: 1 }, (r) => r.offShare);
    const accuracy = rateChart(data.runs, `Train accuracy, epoch ${data.epochs}`, { label: 'train accuracy (mean, min–max)', min: 0, max: 1 }, (r) => r.trainAccuracy);
    return {
      markdown: [
        `${DATA}. Three hidden layers of 8 units, He init, plain SGD with batches of 10, ${data.epochs} epochs, seeds 1–${data.seeds} ` +
          `(presets ${this.presets.map((p) => `\`${p}\``).join(', ')} at other rates). ` +
          'A unit is *off* when its pre-activation is ≤ 0 on every training image: for ReLU that is a dead unit; ' +
          'Leaky ReLU and PReLU units in that state still pass their slope times the gradient. Chance is 0.1.',
        '',
        table,
      ].join('\n'),
      csv: csv(['activation', 'learningRate', 'seed', 'diverged', 'offAtInit', 'offShare', 'deadUnits', 'offAtCheckpoint', 'cameBack', 'trainAccuracy', 'testAccuracy'],
        data.runs.flatMap((run) => run.seeds.map((r, i) => [run.activation, run.learningRate, i + 1, r.diverged, r.offAtInit, r.offShare, r.deadUnits, r.wereOff, r.cameBack, r.trainAccuracy, r.testAccuracy]))),
      figure: panels([off, accuracy], { title: 'Lesson 5 on digits: dead units against the learning rate (3 x 8 units)' }),
    };
  },
};

// ---------------------------------------------------------------- exploding loss
// On digits a too-large step can also kill every unit instead of blowing up: the dead share tells the two apart.
const outcomeWithAccuracy = (record) => ({
  ...outcome(record), testAccuracy: record.testAccuracy,
  deadShare: sumOver(hiddenLayers(record), (l) => l.deadUnits) / sumOver(hiddenLayers(record), (l) => l.units),
});

const exploding = {
  name: 'digits-exploding',
  number: 7,
  title: 'Learning rate and exploding loss on handwritten digits',
  presets: ['digits-exploding-lr', 'digits-exploding-lr-clipped'],
  planeLesson: 'exploding',

  async measure({ seeds = 20, epochs = SETTINGS.exploding.epochs, rates = EXPLODING_RATES, clips = CLIPS } = {}) {
    const { preset, rescueRate } = SETTINGS.exploding;
    const configOf = (changes) => digitsConfig(preset, changes);
    const sweep = await measureSweep(configOf, { seeds, epochs, rates, clips }, outcomeWithAccuracy);
    const rescued = await measureRescue(configOf, { seeds, epochs, rescueRate });
    const continued = rescued.map((r) => ({ divergedFirst: r.records.some((x) => x.diverged), end: outcomeWithAccuracy(lastRecord(r)) }));
    return { seeds, epochs, rescueRate, presetRate: digitsConfig(preset).learningRate, sweep, continued };
  },

  render(data) {
    const { trainedAccuracy } = SETTINGS.exploding;
    const rows = data.sweep.map((cell) => {
      const finite = cell.seeds.filter((s) => !s.diverged);
      const steps = cell.seeds.filter((s) => s.diverged).map((s) => s.step);
      return [cell.clipNorm ? `clip ${cell.clipNorm}` : 'off', cell.learningRate, `${steps.length} of ${cell.seeds.length}`,
        steps.length ? `${Math.min(...steps)} / ${median(steps)} / ${Math.max(...steps)}` : '',
        fmt(median(finite.map((s) => s.testLoss)), 2), fmt(median(finite.map((s) => s.testAccuracy)), 3), percent(median(finite.map((s) => s.deadShare))),
        `${cell.seeds.filter((s) => !s.diverged && s.testAccuracy > trainedAccuracy).length} of ${cell.seeds.length}`];
    });
    const table = markdownTable(['gradient clipping', 'learning rate', 'diverged', 'step detected: min / median / max',
      'median test loss of the finite runs', 'median test accuracy of the finite runs', 'median share of dead units', `test accuracy > ${trainedAccuracy}`], rows);
    const causes = reportedCauses(data.sweep);
    const stopped = data.continued.filter((c) => c.divergedFirst);
    const recovered = stopped.filter((c) => !c.end.diverged && c.end.testAccuracy > trainedAccuracy).length;

    const palette = { 0: PALETTE.relu, 0.1: PALETTE.xavier };
    const clipsUsed = [...new Set(data.sweep.map((c) => c.clipNorm))];
    const xAxis = { label: 'learning rate (SGD)', log: true, min: 0.007, max: 4.5, ticks: EXPLODING_RATES, tickLabels: EXPLODING_RATES.map(String) };
    // Per rate, each run not stopped and the median for each clip.
    const sweepChart = (title, width, yLabel, pick) => chart({
      title, width, height: 380, x: xAxis, y: { label: yLabel, min: 0, max: 1 },
      series: [
        ...data.sweep.map((cell) => ({ kind: 'points', color: palette[cell.clipNorm] ?? PALETTE.zeros, jitter: 14, radius: 2.5,
          points: cell.seeds.filter((s) => !s.diverged).map((s) => [cell.learningRate, pick(s)]) })),
        ...clipsUsed.map((clipNorm) => ({ kind: 'line', name: clipNorm ? `clip ${clipNorm} (median)` : 'no clipping (median)', color: palette[clipNorm] ?? PALETTE.zeros,
          points: data.sweep.filter((c) => c.clipNorm === clipNorm).map((c) => [c.learningRate, median(c.seeds.filter((s) => !s.diverged).map(pick))])
            .filter(([, y]) => Number.isFinite(y)) })),
      ],
    });
    const accuracy = sweepChart(`Test accuracy after ${data.epochs} epochs (runs not stopped)`, 480, 'test accuracy', (s) => s.testAccuracy);
    // On the plane the second panel counted diverged runs; here none diverge, and what stops learning is dead units.
    const dead = sweepChart(`Hidden units dead after ${data.epochs} epochs (runs not stopped)`, 400, 'share of hidden units dead', (s) => s.deadShare);
    return {
      markdown: [
        `${DATA}. Preset \`digits-${SETTINGS.exploding.preset}\` (two ReLU layers of 8, softmax and cross-entropy, plain SGD, batches of 10) ` +
          `at each rate, with and without clipping the gradient norm to 0.1 (preset \`digits-exploding-lr-clipped\`), ${data.epochs} epochs, ` +
          `seeds 1–${data.seeds}. Chance is a test accuracy of 0.1 and a loss of ln 10 ≈ 2.3.`,
        '',
        table,
        '',
        causes.length ? `Causes reported by the trainer: ${causes.map((c) => `${c.kind} (${c.count} runs, e.g. "${c.example}")`).join('; ')}.` : 'No run was stopped.',
        '',
        '## Lowering the rate after the divergence',
        '',
        `At learning rate ${data.presetRate} without clipping, ${stopped.length} of ${data.seeds} runs diverged` +
          (stopped.length ? `. Carrying on from the checkpoint the trainer returned to at learning rate ${data.rescueRate} for ${data.epochs} more epochs, ` +
            `${recovered} of ${stopped.length} reached a test accuracy above ${trainedAccuracy}.` : ': there is nothing for a lower rate to rescue (see the dead units above).'),
      ].join('\n'),
      csv: csv(['clipNorm', 'learningRate', 'seed', 'diverged', 'divergedAtStep', 'cause', 'testLoss', 'testAccuracy', 'deadShare'],
        data.sweep.flatMap((cell) => cell.seeds.map((s, i) => [cell.clipNorm, cell.learningRate, i + 1, s.diverged, s.step ?? '', s.cause ?? '', s.testLoss, s.testAccuracy, s.deadShare]))),
      figure: panels([accuracy, dead], { title: 'Lesson 7 on digits: too large a learning rate, and gradient clipping' }),
    };
  },
};

// ---------------------------------------------------------------- PReLU slopes
const prelu = {
  name: 'digits-prelu',
  number: 8,
  title: 'PReLU on handwritten digits: where the learned slopes go',
  presets: [digitsPreset(SETTINGS.prelu.preset)],
  planeLesson: 'prelu',

  async measure({ seeds = 20, epochs = SETTINGS.prelu.epochs, evalEvery = SETTINGS.prelu.evalEvery, perUnit = true } = {}) {
    return {
      seeds, epochs, preluInit: digitsConfig(SETTINGS.prelu.preset).preluInit,
      ...await measureSlopes((changes) => digitsConfig(SETTINGS.prelu.preset, changes), { seeds, epochs, evalEvery, perUnit }),
    };
  },

  render(data) {
    return slopeReport(data,
      `${DATA}. Preset \`digits-${SETTINGS.prelu.preset}\` (six PReLU layers of 8 units, Adam at 0.003, batches of 10), ${data.epochs} epochs, ` +
        `seeds 1–${data.seeds}; every slope starts at ${data.preluInit}. The per-unit columns rerun the same seeds with \`preluPerUnit: true\`.`,
      'Lesson 8 on digits: learned PReLU slopes');
  },
};

/** The digits lessons, in the order of their plane lessons. */
export const DIGITS_LESSONS = Object.freeze([sparsity, vanishingGradients, initDepth, deadRelus, exploding, prelu]);
