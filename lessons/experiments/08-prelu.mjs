// Lesson 8: PReLU's negative slopes start at 0.25 and are learned with the
// weights; where do they end, layer by layer?

import { hiddenLayers, lastRecord, runJobs } from '../lib/probe.mjs';
import { presetConfig } from '../lib/presets.mjs';
import { csv, fmt, markdownTable, percent, spread } from '../lib/report.mjs';
import { mean, seedRange, summarize } from '../lib/stats.mjs';
import { chart, panels } from '../lib/plot.mjs';

const PRESET = 'prelu-spiral';
const LAYER_COLORS = ['#fdae61', '#f46d43', '#d73027', '#a50026', '#762a83', '#40004b'];

/** Per record: per hidden layer, the mean of its slopes (one per layer, or one per unit). */
const layerSlopes = (record) => hiddenLayers(record).map((l) => mean(l.preluSlopes));

/**
 * Per seed: the epochs evaluated, each hidden layer's mean slope at each of
 * them, every unit's slope at the end, and the test accuracy; with one slope
 * per layer, and (perUnit) again with one per unit. `configOf(changes)` makes
 * a run's config: the plane preset or its digits version.
 */
export async function measureSlopes(configOf, { seeds, epochs, evalEvery, perUnit }) {
  const run = async (changes) => {
    const results = await runJobs(seedRange(seeds).map((seed) => ({ config: configOf({ seed, ...changes }), phases: [{ epochs, evalEvery }] })));
    return results.map((r) => ({
      epochs: r.records.map((x) => x.epoch),
      slopes: r.records.map(layerSlopes),  // [record][layer]
      unitSlopes: hiddenLayers(lastRecord(r)).map((l) => l.preluSlopes),
      testAccuracy: lastRecord(r).testAccuracy,
    }));
  };
  return { perLayer: await run({}), perUnit: perUnit ? await run({ preluPerUnit: true }) : null };
}

/** The lesson's page from measured slopes: `intro` (the setting), the table of final slopes, the test accuracies, the two charts (trajectories, final strip) titled `title`, and the CSV. */
export function slopeReport(data, intro, title) {
  const layers = data.perLayer[0].slopes[0].length;
  const final = (runs, l) => runs.map((r) => r.slopes[r.slopes.length - 1][l]);
  const rows = Array.from({ length: layers }, (_, l) => {
    const end = final(data.perLayer, l);
    const units = data.perUnit ? data.perUnit.flatMap((r) => r.unitSlopes[l]) : [];
    return [l + 1, spread(summarize(end), 2), percent(end.filter((s) => s < 0).length / end.length),
      units.length ? spread(summarize(units), 2) : '–', units.length ? percent(units.filter((s) => s < 0).length / units.length) : '–'];
  });
  const table = markdownTable(['hidden layer', `slope after ${data.epochs} epochs (one per layer)`, 'negative',
    'slopes after, one per unit (all units)', 'negative'], rows);
  const testAccuracy = `Test accuracy: ${spread(summarize(data.perLayer.map((r) => r.testAccuracy)), 2)} (one slope per layer)` +
    (data.perUnit ? `, ${spread(summarize(data.perUnit.map((r) => r.testAccuracy)), 2)} (one per unit).` : '.');

  const epochsAxis = data.perLayer[0].epochs;
  const color = (l) => LAYER_COLORS[l % LAYER_COLORS.length];
  const trajectories = chart({
    title: 'Slope per layer during training (mean, min–max)', width: 520, height: 400,
    x: { label: 'epoch', min: 0, max: data.epochs },
    y: { label: 'PReLU slope' },
    series: Array.from({ length: layers }, (_, l) => {
      const at = (k) => data.perLayer.map((r) => r.slopes[k][l]);
      return [
        { kind: 'band', color: color(l), band: epochsAxis.map((e, k) => [e, Math.min(...at(k)), Math.max(...at(k))]) },
        { kind: 'line', color: color(l), name: `layer ${l + 1}`, points: epochsAxis.map((e, k) => [e, mean(at(k))]) },
      ];
    }).flat(),
  });
  const strip = chart({
    title: `Final slopes, ${data.seeds} seeds`, width: 380, height: 400,
    x: { label: 'hidden layer', min: 0.5, max: layers + 0.5, ticks: Array.from({ length: layers }, (_, l) => l + 1) },
    y: { label: 'PReLU slope after training' },
    series: [
      { kind: 'line', color: '#999', dash: '4 3', name: `start (${data.preluInit})`, points: [[0.5, data.preluInit], [layers + 0.5, data.preluInit]] },
      ...Array.from({ length: layers }, (_, l) => ({ kind: 'points', color: color(l), jitter: 30, points: final(data.perLayer, l).map((s) => [l + 1, s]) })),
    ],
  });
  const csvRows = data.perLayer.flatMap((r, seed) => r.slopes.flatMap((slopes, k) => slopes.map((s, l) => ['layer', seed + 1, r.epochs[k], l + 1, s])));
  data.perUnit?.forEach((r, seed) => r.unitSlopes.forEach((slopes, l) => slopes.forEach((s) => csvRows.push(['unit', seed + 1, data.epochs, l + 1, s]))));
  return {
    markdown: [intro, '', table, '', testAccuracy].join('\n'),
    csv: csv(['slopes', 'seed', 'epoch', 'layer', 'slope'], csvRows),
    figure: panels([trajectories, strip], { title }),
  };
}

export default {
  name: 'prelu',
  number: 8,
  title: 'PReLU: where the learned slopes go',
  presets: [PRESET],

  async measure({ seeds = 20, epochs = 200, evalEvery = 20, perUnit = true } = {}) {
    return {
      seeds, epochs,
      preluInit: presetConfig(PRESET).preluInit,
      ...await measureSlopes((changes) => presetConfig(PRESET, changes), { seeds, epochs, evalEvery, perUnit }),
    };
  },

  render(data) {
    const initial = (runs) => runs.flatMap((r) => r.slopes[0]);
    const startValues = [...new Set([...initial(data.perLayer), ...(data.perUnit ? initial(data.perUnit) : [])])];
    return slopeReport(data,
      `Preset \`${PRESET}\` (six PReLU layers of 8 units, Adam at 0.003, spiral), ${data.epochs} epochs, seeds 1–${data.seeds}; ` +
        `every slope starts at ${startValues.map((v) => fmt(v)).join(', ')} (checked on every seed). ` +
        'The per-unit columns rerun the same seeds with `preluPerUnit: true`.',
      'Lesson 8: learned PReLU slopes');
  },
};
