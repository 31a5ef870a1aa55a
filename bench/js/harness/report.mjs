// The results table (medians with min-max), the target ratios of issue #5
// and the cross-library loss check, as text (terminal) or Markdown.
import { METRICS } from '../workloads/suite.mjs';

export const COLUMNS = Object.freeze([
  { impl: 'relu-simd', title: 'ours SIMD128' },
  { impl: 'relu-scalar', title: 'ours scalar' },
  { impl: 'native', title: 'ours native' },
  { impl: 'tfjs-wasm', title: 'TF.js wasm' },
  { impl: 'tfjs-cpu', title: 'TF.js cpu' },
  { impl: 'convnetjs', title: 'ConvNetJS' },
  { impl: 'eigen-sse2', title: 'Eigen SSE2' },
  { impl: 'eigen-avx2', title: 'Eigen AVX2' },
  { impl: 'layers-simd', title: 'ours SIMD128 layers only' },
]);
const ENVS = Object.freeze([{ env: 'node', title: 'Node' }, { env: 'chromium', title: 'Chromium' }]);
const NATIVE_IMPLS = new Set(['native', 'eigen-sse2', 'eigen-avx2']);

/** 3 significant digits with a k/M/G suffix. */
export function compact(value) {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  for (const [scale, suffix] of [[1e9, 'G'], [1e6, 'M'], [1e3, 'k']]) {
    if (abs >= scale) return `${(value / scale).toPrecision(3)}${suffix}`;
  }
  return abs >= 0.01 || abs === 0 ? value.toPrecision(3) : value.toExponential(2);
}

const cell = (r) => (r ? `${compact(r.value)} [${compact(r.min)}–${compact(r.max)}]` : '');

function find(results, impl, env, metric) {
  // Native figures have no JS environment: they stand beside both rows.
  return results.find((r) => r.impl === impl && r.metric === metric && (NATIVE_IMPLS.has(impl) || r.env === env));
}

/** Rows of the results table: one per metric and environment that has a figure. */
export function tableRows(results) {
  const rows = [];
  for (const metric of METRICS) {
    for (const { env, title } of ENVS) {
      const jsFigures = COLUMNS.filter((c) => !NATIVE_IMPLS.has(c.impl)).map((c) => find(results, c.impl, env, metric.id));
      if (!jsFigures.some(Boolean)) continue;
      rows.push([metric.label, title, metric.unit,
        ...COLUMNS.map((c) => cell(find(results, c.impl, env, metric.id)))]);
    }
  }
  return rows;
}

const HEADER = ['workload', 'env', 'unit', ...COLUMNS.map((c) => c.title)];

export function formatTable(rows, markdown) {
  if (markdown) {
    const line = (cells) => `| ${cells.join(' | ')} |`;
    return [line(HEADER), line(HEADER.map(() => '---')), ...rows.map(line)].join('\n');
  }
  const widths = HEADER.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [line(HEADER), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

// Each target is a ratio a/b (of medians) that must reach `atLeast`. For
// times (ms) a faster `a` means a larger b/a, so time ratios are inverted.
const TARGETS = [
  { label: 'W1 training vs ConvNetJS', metric: 'W1.train', a: 'relu-simd', b: 'convnetjs', atLeast: 10 },
  { label: 'W1 training vs TF.js wasm', metric: 'W1.train', a: 'relu-simd', b: 'tfjs-wasm', atLeast: 100 },
  { label: 'W1 heatmap (every neuron) vs ConvNetJS output-only', metric: 'W1.heatmapAll', a: 'relu-simd',
    bMetric: 'W1.heatmapOutput', b: 'convnetjs', atLeast: 30 },
  { label: 'W1 heatmap (every neuron) vs TF.js wasm output-only', metric: 'W1.heatmapAll', a: 'relu-simd',
    bMetric: 'W1.heatmapOutput', b: 'tfjs-wasm', atLeast: 1 },
  { label: 'W2 training vs TF.js wasm', metric: 'W2.train', a: 'relu-simd', b: 'tfjs-wasm', atLeast: 10 },
  { label: 'W3 training vs TF.js wasm', metric: 'W3.train', a: 'relu-simd', b: 'tfjs-wasm', atLeast: 4 },
  // Issue #15 names no ratio: W2's goal (a batch of 32 through layers of a
  // few hundred units, where TF.js's per-op overhead shows) and W1's.
  { label: 'D1 digits training vs TF.js wasm', metric: 'D1.train', a: 'relu-simd', b: 'tfjs-wasm', atLeast: 10 },
  { label: 'D1 digits training vs ConvNetJS', metric: 'D1.train', a: 'relu-simd', b: 'convnetjs', atLeast: 10 },
  { label: 'K1 fwd 4K: SIMD128 vs scalar build', metric: 'K1.fwd.4K', a: 'relu-simd', b: 'relu-scalar', atLeast: 3 },
  { label: 'K1 bwd 4K: SIMD128 vs scalar build', metric: 'K1.bwd.4K', a: 'relu-simd', b: 'relu-scalar', atLeast: 3 },
  { label: 'K1 fwd 1M vs TF.js wasm', metric: 'K1.fwd.1M', a: 'relu-simd', b: 'tfjs-wasm', atLeast: 1 },
  { label: 'K1 bwd 1M vs TF.js wasm', metric: 'K1.bwd.1M', a: 'relu-simd', b: 'tfjs-wasm', atLeast: 1 },
  ...METRICS.filter((m) => m.gemm).map((m) => ({
    label: `${m.label} vs native Eigen SSE2`, metric: m.id, a: 'relu-simd', b: 'eigen-sse2', atLeast: 0.8,
  })),
];

/** Every target in every environment that has both figures: {label, env, ratio, atLeast, met}. */
export function evaluateTargets(results) {
  const out = [];
  for (const target of TARGETS) {
    for (const { env, title } of ENVS) {
      const a = find(results, target.a, env, target.metric);
      const b = find(results, target.b, env, target.bMetric ?? target.metric);
      if (!a || !b) continue;
      const ratio = a.unit === 'ms' ? b.value / a.value : a.value / b.value;
      out.push({ label: target.label, env: title, ratio, atLeast: target.atLeast, met: ratio >= target.atLeast });
    }
  }
  return out;
}

export function formatTargets(targets, markdown) {
  const rows = targets.map((t) => [t.label, t.env, `${t.ratio.toPrecision(3)}×`, `≥ ${t.atLeast}×`, t.met ? 'met' : 'NOT met']);
  const header = ['target', 'env', 'ratio', 'goal', ''];
  if (markdown) {
    const line = (cells) => `| ${cells.join(' | ')} |`;
    return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  return [header, ...rows].map((r) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()).join('\n');
}
