// Lesson 9: what an activation costs, as the native core measures it: the
// kernel alone (forward + backward per element) and a whole training step.
// A measurement for the table, never asserted: timings depend on the machine
// and its load.

import { runJobs } from '../lib/probe.mjs';
import { presetConfig } from '../lib/presets.mjs';
import { csv, fmt, markdownTable } from '../lib/report.mjs';
import { quantile } from '../lib/stats.mjs';
import { PALETTE, chart, panels } from '../lib/plot.mjs';
import { availableWasmBuilds, wasmStepMicros } from '../lib/wasm.mjs';

export const ACTIVATIONS = ['relu', 'leaky-relu', 'elu', 'gelu', 'tanh', 'sigmoid'];
const COLORS = { relu: PALETTE.relu, 'leaky-relu': PALETTE.leaky, elu: PALETTE.elu, gelu: PALETTE.gelu, tanh: PALETTE.tanh, sigmoid: PALETTE.sigmoid };
const NETWORKS = [
  { preset: 'activation-cost', label: '4 x 64 units, batch 64' },
  { preset: 'relu-spiral', label: '6 x 8 units, batch 10' },
];
const KERNEL_ELEMENTS = 1 << 16;

export default {
  name: 'cost',
  number: 9,
  title: 'Cost: time per step of ReLU against other activations',
  presets: ['activation-cost'],

  // Rounds interleave the activations, so a burst of load on the shared
  // machine hits all of them alike; each figure is the median over rounds.
  async measure({ rounds = 3, steps = 100, repeats = 3, wasmBuilds = availableWasmBuilds() } = {}) {
    const samples = [];
    for (let round = 0; round < rounds; round++) {
      const jobs = [];
      for (const activation of ACTIVATIONS) {
        jobs.push({ config: presetConfig('activation-cost', { activation }), kernelTime: { n: KERNEL_ELEMENTS, repeats: 50 }, kind: 'kernel', activation });
        for (const { preset } of NETWORKS) {
          jobs.push({ config: presetConfig(preset, { activation }), stepTime: { steps, repeats }, kind: preset, activation });
        }
      }
      const results = await runJobs(jobs.map(({ kind, activation, ...job }) => job));
      results.forEach((r, i) => samples.push({ kind: jobs[i].kind, activation: jobs[i].activation, value: r.kernelNanos ?? r.stepMicros }));
      for (const build of wasmBuilds) {
        for (const activation of ACTIVATIONS) {
          const value = await wasmStepMicros(presetConfig('activation-cost', { activation }), build, { steps, repeats });
          samples.push({ kind: `wasm-${build}`, activation, value });
        }
      }
    }
    return { rounds, steps, kernelElements: KERNEL_ELEMENTS, wasmBuilds, samples };
  },

  render(data) {
    const medianOf = (kind, activation) => quantile(data.samples.filter((s) => s.kind === kind && s.activation === activation).map((s) => s.value), 0.5);
    const rangeOf = (kind, activation) => {
      const values = data.samples.filter((s) => s.kind === kind && s.activation === activation).map((s) => s.value);
      return `${fmt(Math.min(...values), 2)} – ${fmt(Math.max(...values), 2)}`;
    };
    const wasmKinds = data.wasmBuilds.map((build) => ({ kind: `wasm-${build}`, label: `µs/step, ${NETWORKS[0].label}, WebAssembly ${build}` }));
    const columns = [
      { kind: 'kernel', label: 'kernel ns/element' },
      ...NETWORKS.map((n) => ({ kind: n.preset, label: `µs/step, ${n.label}, native` })),
      ...wasmKinds,
    ];
    const rows = ACTIVATIONS.map((activation) => [activation, ...columns.flatMap(({ kind }) => [
      `${fmt(medianOf(kind, activation), 3)} (${rangeOf(kind, activation)})`,
      `${fmt(medianOf(kind, activation) / medianOf(kind, 'relu'), 3)}×`,
    ])]);
    const table = markdownTable(['activation', ...columns.flatMap(({ label }) => [`${label} (range)`, 'vs ReLU'])], rows);
    const bars = (kind, title, label) => chart({
      title, width: 420, height: 340,
      x: { label: '', min: -0.6, max: ACTIVATIONS.length - 0.4, ticks: ACTIVATIONS.map((_, i) => i), tickLabels: ACTIVATIONS.map((a) => a.replace('-relu', '')) },
      y: { label, min: 0 },
      series: ACTIVATIONS.map((activation, i) => ({ kind: 'bars', barWidth: 30, color: COLORS[activation], points: [[i, medianOf(kind, activation) / medianOf(kind, 'relu')]] })),
      legend: false,
    });
    return {
      markdown: [
        `Median over ${data.rounds} interleaved rounds, range in brackets. Kernel: the native build's activation kernel (scalar C++), ` +
          `one forward and one backward pass over ${data.kernelElements} floats. ` +
          `Step: ${data.steps} mini-batch SGD steps of preset \`activation-cost\` and of \`relu-spiral\` with the activation swapped, ` +
          `natively and in the page's WebAssembly builds (${data.wasmBuilds.join(', ') || 'none found: run npm run build:wasm'}) under Node. ` +
          'These figures come from a shared 2-core machine and change from run to run; only their order of magnitude is the lesson.',
        '',
        table,
      ].join('\n'),
      csv: csv(['kind', 'activation', 'value'], data.samples.map((s) => [s.kind, s.activation, s.value])),
      figure: panels([
        bars('kernel', 'Activation kernel alone', 'time / ReLU time'),
        bars('activation-cost', NETWORKS[0].label, 'time per step / ReLU'),
        bars('relu-spiral', NETWORKS[1].label, 'time per step / ReLU'),
        ...wasmKinds.slice(0, 1).map(({ kind }) => bars(kind, `${NETWORKS[0].label}, WebAssembly ${kind.slice(5)}`, 'time per step / ReLU')),
      ], { columns: 2, title: 'Lesson 9: relative cost of activations (median)' }),
    };
  },
};
