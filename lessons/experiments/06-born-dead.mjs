// Lesson 6: how likely a ReLU network is to be a constant function before any
// training, by depth and width (Lu, Shin, Su & Karniadakis 2019).

import { initRecord, runJobs } from '../lib/probe.mjs';
import { presetConfig } from '../lib/presets.mjs';
import { csv, fmt, markdownTable } from '../lib/report.mjs';
import { seedRange } from '../lib/stats.mjs';
import { PALETTE, chart, heatmap, panels } from '../lib/plot.mjs';

export const DEPTHS = [1, 2, 4, 8, 16, 32, 64];
export const WIDTHS = [2, 3, 4, 8];
const PRESET = 'born-dead';
// Constant over this grid of the plane counts as born dead. The data play no
// part, so a small data set keeps the thousands of networks cheap.
const GRID = 32;
const SMALL_DATA = { numSamples: 40 };

/** Share of seeds whose network is constant at initialisation, per width and depth. */
export async function bornDeadShare({ widths, depths, seeds }) {
  const cells = [];
  for (const width of widths) {
    for (const depth of depths) {
      const results = await runJobs(seedRange(seeds).map((seed) => ({
        config: presetConfig(PRESET, { seed, hidden: Array(depth).fill(width), ...SMALL_DATA }),
        probes: { outputRange: GRID },
      })));
      const dead = results.filter((r) => initRecord(r).outputRange === 0).length;
      cells.push({ width, depth, dead, seeds });
    }
  }
  return cells;
}

const standardError = (p, n) => Math.sqrt((p * (1 - p)) / n);

export default {
  name: 'born-dead',
  number: 6,
  title: 'Born dead: narrow deep ReLU networks that are constant at initialisation',
  presets: [PRESET],

  async measure({ seeds = 500, widths = WIDTHS, depths = DEPTHS } = {}) {
    return { seeds, widths, depths, cells: await bornDeadShare({ widths, depths, seeds }) };
  },

  render(data) {
    const share = (width, depth) => {
      const cell = data.cells.find((c) => c.width === width && c.depth === depth);
      return cell.dead / cell.seeds;
    };
    const rows = data.widths.map((w) => [`width ${w}`, ...data.depths.map((d) => {
      const p = share(w, d);
      return `${fmt(p, 2)} ± ${fmt(standardError(p, data.seeds), 1)}`;
    })]);
    const table = markdownTable(['', ...data.depths.map((d) => `depth ${d}`)], rows);
    const map = heatmap({
      title: `Share of networks constant at init (${data.seeds} seeds per cell)`,
      rows: data.widths.map((w) => String(w)), cols: data.depths.map(String),
      values: data.widths.map((w) => data.depths.map((d) => share(w, d))),
      rowLabel: 'units per layer', colLabel: 'hidden layers',
    });
    const colors = [PALETTE.relu, PALETTE.prelu, PALETTE.leaky, PALETTE.xavier];
    const curves = chart({
      title: 'By depth (± 2 standard errors)', width: 460, height: 340,
      x: { label: 'hidden layers', log: true, min: 0.8, max: 80, ticks: data.depths, tickLabels: data.depths.map(String) },
      y: { label: 'P(constant at init)', min: 0, max: 1 },
      series: data.widths.flatMap((w, i) => [
        { kind: 'band', color: colors[i % colors.length], band: data.depths.map((d) => {
          const p = share(w, d);
          const e = 2 * standardError(p, data.seeds);
          return [d, Math.max(0, p - e), Math.min(1, p + e)];
        }) },
        { kind: 'line', color: colors[i % colors.length], name: `width ${w}`, markers: true, points: data.depths.map((d) => [d, share(w, d)]) },
      ]),
    });
    return {
      markdown: [
        `ReLU networks of the preset \`${PRESET}\`'s kind (He normal weights, zero biases, two inputs) with every depth and width, ` +
          `seeds 1–${data.seeds} per cell. A network counts as born dead when its output is exactly the same on all ${GRID}×${GRID} points of a grid over the plane: ` +
          'then some layer is zero for every input, and no gradient reaches the layers below it. Share ± one binomial standard error:',
        '',
        table,
      ].join('\n'),
      csv: csv(['width', 'depth', 'seeds', 'constantAtInit'], data.cells.map((c) => [c.width, c.depth, c.seeds, c.dead])),
      figure: panels([map, curves], { title: 'Lesson 6: born dead' }),
    };
  },
};
