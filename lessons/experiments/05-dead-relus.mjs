// Lesson 5: sweep the learning rate on the spiral. Past some rate a large
// share of ReLU units end up zero on every training sample and stay so; Leaky
// ReLU and PReLU units in the same state still get a gradient.

import { hiddenLayers, runJobs } from '../lib/probe.mjs';
import { presetConfig } from '../lib/presets.mjs';
import { csv, fmt, markdownTable, percent, spread } from '../lib/report.mjs';
import { mean, seedRange, summarize } from '../lib/stats.mjs';
import { PALETTE, chart, panels } from '../lib/plot.mjs';

export const RATES = [0.01, 0.03, 0.1, 0.3, 1];
export const ACTIVATIONS = [
  { activation: 'relu', label: 'ReLU', preset: 'dead-relu-high-lr', color: PALETTE.relu },
  { activation: 'leaky-relu', label: 'Leaky ReLU 0.05', preset: 'leaky-relu-high-lr', color: PALETTE.leaky },
  { activation: 'prelu', label: 'PReLU', preset: 'prelu-high-lr', color: PALETTE.prelu },
];

const offUnits = (record) => record.offMasks.flat();

/** From one run's records: the share of units off at the end, and how many of those off at `checkpoint` came back. */
export function unitFates(records, checkpoint) {
  const early = records.find((r) => r.epoch === checkpoint);
  const last = records[records.length - 1];
  const offEarly = offUnits(early);
  const offLast = offUnits(last);
  const wereOff = offEarly.filter(Boolean).length;
  const cameBack = offEarly.filter((off, i) => off && !offLast[i]).length;
  return { offShare: offLast.filter(Boolean).length / offLast.length, wereOff, cameBack };
}

/** A run's fates (unitFates at `checkpoint`), final accuracies, dead units and PReLU slopes. */
export const runFates = (records, checkpoint) => {
  const last = records[records.length - 1];
  return {
    ...unitFates(records, checkpoint),
    trainAccuracy: last.trainAccuracy,
    testAccuracy: last.testAccuracy,
    deadUnits: hiddenLayers(last).reduce((sum, l) => sum + l.deadUnits, 0),
    slopes: hiddenLayers(last).flatMap((l) => l.preluSlopes ?? []),
  };
};

/**
 * Each of `activations` (in ACTIVATIONS' order) at each rate, seeds 1..seeds,
 * evaluated every `checkpoint` epochs with the off masks: per seed,
 * `fatesOf(records, checkpoint)`. `configOf(preset, changes)` makes the config.
 */
export async function measureRates(configOf, { seeds, epochs, checkpoint, rates, activations }, fatesOf) {
  const runs = [];
  for (const { activation, preset } of ACTIVATIONS.filter((a) => activations.includes(a.activation))) {
    for (const learningRate of rates) {
      const results = await runJobs(seedRange(seeds).map((seed) => ({
        config: configOf(preset, { seed, learningRate }),
        phases: [{ epochs, evalEvery: checkpoint }],
        probes: { offMasks: true },
      })));
      runs.push({ activation, learningRate, seeds: results.map((r) => fatesOf(r.records, checkpoint)) });
    }
  }
  return runs;
}

/** One run's (activation and rate) table cells that both tables share: its label, the units that came back, and the range of PReLU slopes. */
export function fateCells(run) {
  const wereOff = run.seeds.reduce((s, r) => s + r.wereOff, 0);
  const cameBack = run.seeds.reduce((s, r) => s + r.cameBack, 0);
  const slopes = run.seeds.flatMap((r) => r.slopes);
  return {
    activation: ACTIVATIONS.find((a) => a.activation === run.activation).label,
    cameBack: `${cameBack} of ${wereOff} (${percent(wereOff ? cameBack / wereOff : NaN)})`,
    slopes: slopes.length ? `${fmt(Math.min(...slopes), 2)} – ${fmt(Math.max(...slopes), 2)}` : '',
  };
}

const finiteOf = (values) => values.filter(Number.isFinite);

/** `pick` of each seed against the learning rate, per activation: a line through the means and the min–max band, over the finite values (a diverged run has none). */
export function rateChart(runs, title, y, pick) {
  const series = ACTIVATIONS.flatMap(({ activation, label, color }) => {
    const own = runs.filter((r) => r.activation === activation && finiteOf(r.seeds.map(pick)).length);
    if (!own.length) return [];
    const values = (r) => finiteOf(r.seeds.map(pick));
    return [
      { kind: 'band', color, band: own.map((r) => [r.learningRate, Math.min(...values(r)), Math.max(...values(r))]) },
      { kind: 'line', color, name: label, markers: true, points: own.map((r) => [r.learningRate, mean(values(r))]) },
    ];
  });
  const xAxis = { label: 'learning rate (SGD)', log: true, min: 0.007, max: 1.4, ticks: RATES, tickLabels: RATES.map(String) };
  return chart({ title, width: 460, height: 380, x: xAxis, y, series });
}

export default {
  name: 'dead-relus',
  number: 5,
  title: 'Dead ReLUs and the learning rate',
  presets: ['dead-relu-high-lr', 'leaky-relu-high-lr', 'prelu-high-lr', 'relu-spiral-sgd'],

  async measure({ seeds = 20, epochs = 100, checkpoint = 10, rates = RATES, activations = ACTIVATIONS.map((a) => a.activation) } = {}) {
    const runs = await measureRates(presetConfig, { seeds, epochs, checkpoint, rates, activations }, runFates);
    return { seeds, epochs, checkpoint, runs };
  },

  render(data) {
    const rows = data.runs.map((run) => {
      const cells = fateCells(run);
      return [cells.activation, run.learningRate,
        spread(summarize(run.seeds.map((r) => r.offShare)), 2),
        cells.cameBack,
        spread(summarize(run.seeds.map((r) => r.trainAccuracy)), 2),
        cells.slopes];
    });
    const table = markdownTable(['activation', 'learning rate', `units off on every sample at epoch ${data.epochs}`,
      `units off at epoch ${data.checkpoint} that came back by ${data.epochs}`, `train accuracy at epoch ${data.epochs}`, 'PReLU slopes at the end'], rows);

    const off = rateChart(data.runs, `Units off on every training sample, epoch ${data.epochs}`,
      { label: 'share of hidden units (mean, min–max)', min: 0, max: 1 }, (r) => r.offShare);
    const accuracy = rateChart(data.runs, `Train accuracy, epoch ${data.epochs}`, { label: 'train accuracy (mean, min–max)', min: 0.4, max: 1 }, (r) => r.trainAccuracy);
    const csvRows = data.runs.flatMap((run) => run.seeds.map((r, i) => [run.activation, run.learningRate, i + 1, r.offShare, r.deadUnits, r.wereOff, r.cameBack, r.trainAccuracy, r.testAccuracy]));
    return {
      markdown: [
        `Spiral, three hidden layers of 8 units, He init, plain SGD with batches of 10, ${data.epochs} epochs, seeds 1–${data.seeds} ` +
          '(presets `dead-relu-high-lr`, `leaky-relu-high-lr`, `prelu-high-lr` at other rates). ' +
          'A unit is *off* when its pre-activation is ≤ 0 on every training sample: for ReLU that is a dead unit (zero output, zero gradient), ' +
          'for Leaky ReLU and PReLU the unit still passes its slope times the gradient.',
        '',
        table,
      ].join('\n'),
      csv: csv(['activation', 'learningRate', 'seed', 'offShare', 'deadUnits', 'offAtCheckpoint', 'cameBack', 'trainAccuracy', 'testAccuracy'], csvRows),
      figure: panels([off, accuracy], { title: 'Lesson 5: dead units against the learning rate (spiral, 3 x 8 units)' }),
    };
  },
};
