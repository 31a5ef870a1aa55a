// Lesson 7: too large a learning rate makes the loss run away; the trainer
// stops when the loss or the weights blow up (or turn non-finite), says why
// and returns to a checkpoint from before; a lower rate then carries on from
// there, and gradient clipping keeps training finite from the start.

import { lastRecord, runJobs } from '../lib/probe.mjs';
import { presetConfig } from '../lib/presets.mjs';
import { csv, fmt, markdownTable } from '../lib/report.mjs';
import { quantile, seedRange } from '../lib/stats.mjs';
import { PALETTE, chart, panels } from '../lib/plot.mjs';

export const RATES = [0.01, 0.03, 0.1, 0.3, 1, 3];
export const CLIPS = [0, 0.1];
const PRESET = 'exploding-lr';
export const TRAINED_LOSS = 0.01;  // a constant output scores about 0.13 on this data
const RESCUE_RATE = 0.03;

export function outcome(record) {
  return { diverged: record.diverged, cause: record.divergedCause ?? null, step: record.divergedAtStep ?? null, testLoss: record.testLoss };
}

/** The median, or NaN for no values. */
export const median = (values) => (values.length ? quantile(values, 0.5) : NaN);

/**
 * Every clip (outer) and rate (inner) for seeds 1..seeds: `outcomeOf` of each
 * run's last record. `configOf(changes)` makes the config (plane or digits).
 */
export async function measureSweep(configOf, { seeds, epochs, rates, clips }, outcomeOf) {
  const sweep = [];
  for (const clipNorm of clips) {
    for (const learningRate of rates) {
      const results = await runJobs(seedRange(seeds).map((seed) => ({
        config: configOf({ seed, learningRate, clipNorm }), phases: [{ epochs }],
      })));
      sweep.push({ clipNorm, learningRate, seeds: results.map((r) => outcomeOf(lastRecord(r))) });
    }
  }
  return sweep;
}

/** At the preset's rate, then `epochs` more at `rescueRate` from the checkpoint the trainer returned to after a divergence. */
export const measureRescue = (configOf, { seeds, epochs, rescueRate }) => runJobs(seedRange(seeds).map((seed) => ({
  config: configOf({ seed }), phases: [{ epochs }, { epochs, set: { learningRate: rescueRate } }],
})));

/** The kinds of divergence the trainer reported in a sweep, with a count and an example each. */
export function reportedCauses(sweep) {
  // "loss exploded: 4.8e+05 > 7.3e+04 at step 2" is of the kind "loss exploded"; "loss is inf at step 4" of "loss is inf".
  const causeKind = (cause) => cause.replace(/ at step \d+$/, '').replace(/:.*$/, '');
  const reported = sweep.flatMap((c) => c.seeds).filter((s) => s.cause);
  return [...new Set(reported.map((s) => causeKind(s.cause)))].map((kind) => ({
    kind, count: reported.filter((s) => causeKind(s.cause) === kind).length,
    example: reported.find((s) => causeKind(s.cause) === kind).cause,
  }));
}

export default {
  name: 'exploding',
  number: 7,
  title: 'Learning rate and exploding loss',
  presets: ['exploding-lr', 'exploding-lr-clipped'],

  async measure({ seeds = 20, epochs = 50, rates = RATES, clips = CLIPS } = {}) {
    const sweep = await measureSweep((changes) => presetConfig(PRESET, changes), { seeds, epochs, rates, clips }, outcome);
    // After the divergence at the preset's rate, lower the rate and carry on from the checkpoint the trainer returned to.
    const rescued = await measureRescue((changes) => presetConfig(PRESET, changes), { seeds, epochs, rescueRate: RESCUE_RATE });
    const continued = rescued.map((r) => {
      const firstStop = r.records.find((x) => x.diverged);
      return {
        divergedFirst: Boolean(firstStop), restoredStep: firstStop?.step ?? null, lossAtStop: firstStop?.trainLoss ?? null,
        end: outcome(lastRecord(r)),
      };
    });
    return { seeds, epochs, rescueRate: RESCUE_RATE, presetRate: presetConfig(PRESET).learningRate, sweep, continued };
  },

  render(data) {
    const rows = data.sweep.map((cell) => {
      const finite = cell.seeds.filter((s) => !s.diverged).map((s) => s.testLoss);
      const divergedSteps = cell.seeds.filter((s) => s.diverged).map((s) => s.step);
      return [cell.clipNorm ? `clip ${cell.clipNorm}` : 'off', cell.learningRate,
        `${divergedSteps.length} of ${cell.seeds.length}`,
        divergedSteps.length ? `${Math.min(...divergedSteps)} / ${median(divergedSteps)} / ${Math.max(...divergedSteps)}` : '',
        fmt(median(finite), 2), `${finite.filter((l) => l < TRAINED_LOSS).length} of ${cell.seeds.length}`];
    });
    const table = markdownTable(['gradient clipping', 'learning rate', 'diverged', 'step detected: min / median / max',
      'median test loss of the finite runs', `test loss < ${TRAINED_LOSS}`], rows);
    const causes = reportedCauses(data.sweep);
    const stopped = data.continued.filter((c) => c.divergedFirst);
    const recovered = stopped.filter((c) => !c.end.diverged && c.end.testLoss < TRAINED_LOSS).length;
    const stopLosses = stopped.map((c) => c.lossAtStop).filter(Number.isFinite);
    const restoredSteps = stopped.map((c) => c.restoredStep).filter(Number.isFinite);
    const span = (values, unit) => (Math.min(...values) === Math.max(...values)
      ? `${unit} ${values[0]}` : `${unit} ${Math.min(...values)} to ${Math.max(...values)}`);
    const endLosses = stopped.map((c) => c.end.testLoss).filter(Number.isFinite);

    const palette = { 0: PALETTE.relu, 0.1: PALETTE.xavier };
    const lossSeries = data.sweep.map((cell) => ({
      kind: 'points', color: palette[cell.clipNorm] ?? PALETTE.zeros, jitter: 14, radius: 2.5,
      points: cell.seeds.filter((s) => !s.diverged).map((s) => [cell.learningRate, s.testLoss]),
    }));
    const medians = [...new Set(data.sweep.map((c) => c.clipNorm))].map((clipNorm) => ({
      kind: 'line', name: clipNorm ? `clip ${clipNorm} (median)` : 'no clipping (median)', color: palette[clipNorm] ?? PALETTE.zeros,
      points: data.sweep.filter((c) => c.clipNorm === clipNorm).map((c) => [c.learningRate, median(c.seeds.filter((s) => !s.diverged).map((s) => s.testLoss))]),
    }));
    const xAxis = { label: 'learning rate (SGD)', log: true, min: 0.007, max: 4.5, ticks: RATES, tickLabels: RATES.map(String) };
    const losses = chart({
      title: `Test loss after ${data.epochs} epochs (runs not stopped)`, width: 480, height: 380,
      x: xAxis, y: { label: 'test loss (MSE)', log: true }, series: [...lossSeries, ...medians],
    });
    const divergedBars = chart({
      title: 'Runs stopped by the divergence check', width: 400, height: 380,
      x: xAxis, y: { label: `diverged (of ${data.seeds} seeds)`, min: 0, max: data.seeds },
      series: [...new Set(data.sweep.map((c) => c.clipNorm))].map((clipNorm, i) => ({
        kind: 'bars', barWidth: 10, name: clipNorm ? `clip ${clipNorm}` : 'no clipping', color: palette[clipNorm] ?? PALETTE.zeros,
        points: data.sweep.filter((c) => c.clipNorm === clipNorm).map((c) => [c.learningRate * (i ? 1.12 : 0.89), c.seeds.filter((s) => s.diverged).length]),
      })),
    });
    const csvRows = data.sweep.flatMap((cell) => cell.seeds.map((s, i) => [cell.clipNorm, cell.learningRate, i + 1, s.diverged, s.step ?? '', s.cause ?? '', s.testLoss]));
    return {
      markdown: [
        `Preset \`${PRESET}\` (regression on reg-plane, two ReLU layers of 8, plain SGD, batches of 10) at each rate, with and without ` +
          `clipping the gradient norm to 0.1 (preset \`exploding-lr-clipped\`), ${data.epochs} epochs, seeds 1–${data.seeds}. ` +
          `Predicting a constant scores a test loss of about 0.13.`,
        '',
        table,
        '',
        `Causes reported by the trainer: ${causes.map((c) => `${c.kind} (${c.count} runs, e.g. "${c.example}")`).join('; ')}.`,
        '',
        `## Lowering the rate after the divergence`,
        '',
        `At learning rate ${data.presetRate} without clipping, ${stopped.length} of ${data.seeds} runs diverged. ` +
          (restoredSteps.length ? `The trainer returned each to the older of its two latest epoch checkpoints (${span(restoredSteps, 'step')}), ` +
            `whose training loss was ${fmt(Math.min(...stopLosses), 2)} to ${fmt(Math.max(...stopLosses), 2)}` +
            (restoredSteps.every((step) => step === 0) ? ': every blow-up came within the first epoch, so that checkpoint is the initial weights. ' : '. ') : '') +
          `Carrying on from there at learning rate ${data.rescueRate} for ${data.epochs} more epochs, ${recovered} of ${stopped.length} reached a test loss below ${TRAINED_LOSS}` +
          (endLosses.length ? ` (median ${fmt(median(endLosses), 2)}, worst ${fmt(Math.max(...endLosses), 2)})` : '') +
          `. Starting again (Reset) at ${data.rescueRate} is the row above.`,
      ].join('\n'),
      csv: csv(['clipNorm', 'learningRate', 'seed', 'diverged', 'divergedAtStep', 'cause', 'testLoss'], csvRows),
      figure: panels([losses, divergedBars], { title: 'Lesson 7: too large a learning rate, and gradient clipping' }),
    };
  },
};
