// Runs every workload on every implementation it is given, in one
// environment (Node or the page), and returns the raw results. The same
// module runs in both: the environment only says how to load each library.
import { measure, summarise } from '../harness/stats.mjs';
import { G1_CASES, K1_SIZES, withDigits, workloads } from './spec.mjs';

/**
 * The metrics, in table order. `work(w)` is what one operation does, in the
 * unit's numerator; absent, the figure is a time (ms, lower is better).
 */
export const METRICS = Object.freeze([
  { id: 'W1.train', label: 'W1 training', unit: 'samples/s', work: (w) => w.W1.batch },
  { id: 'W1.heatmapAll', label: 'W1 heatmap, every neuron', unit: 'ms' },
  { id: 'W1.heatmapOutput', label: 'W1 heatmap, output only', unit: 'ms' },
  { id: 'W1.frame', label: 'W1 frame (epoch+loss+heatmap)', unit: 'ms' },
  { id: 'W2.train', label: 'W2 training', unit: 'samples/s', work: (w) => w.W2.batch },
  { id: 'W3.train', label: 'W3 training', unit: 'samples/s', work: (w) => w.W3.batch },
  { id: 'D1.train', label: 'D1 digits training', unit: 'samples/s', work: (w) => w.D1.batch },
  // Loss and accuracy over the train and test sets (1,797 images), what the
  // page needs each frame; the core's pass also gathers its layer statistics.
  { id: 'D1.eval', label: 'D1 digits evaluation, both sets', unit: 'ms' },
  ...K1_SIZES.flatMap(({ label, n }) => [
    // ReLU forward reads x and writes y; backward reads x and dy and writes dx.
    { id: `K1.fwd.${label}`, label: `K1 ReLU fwd ${label}`, unit: 'GB/s', work: () => (8 * n) / 1e9, n },
    { id: `K1.bwd.${label}`, label: `K1 ReLU bwd ${label}`, unit: 'GB/s', work: () => (12 * n) / 1e9, n },
  ]),
  ...G1_CASES.map((c, i) => ({
    id: `G1.${i}`, label: `G1 ${c.name}`, unit: 'GFLOP/s', work: () => (2 * c.m * c.n * c.k) / 1e9, gemm: c,
  })),
]);

export const metricById = (id) => METRICS.find((m) => m.id === id);

/**
 * Measures the workloads an implementation supports.
 *   impl: {id, env, open: async () => sessions}, where sessions has optional
 *         w1/w2/w3(workload), k1(n), g1(case) factories and close().
 *   only: optional predicate on metric ids.
 *   digits: async () => readDigitsSplit()'s {train, test} (D1's images);
 *         absent, or resolving to null, leaves D1 out.
 * Returns {results, checks}: one result per metric measured, and the losses
 * seen before and after a fixed number of steps (for the cross-library check).
 */
export async function runImplementation(impl, mode, { only = () => true, log = () => {}, digits } = {}) {
  const data = workloads();
  const results = [];
  const checks = {};
  const sessions = await impl.open();
  const record = async (metricId, runOps, extra = {}) => {
    const metric = metricById(metricId);
    if (!only(metricId)) return;
    const { msPerOp, inner } = await measure(runOps, mode);
    const work = metric.work ? metric.work(data) : undefined;
    const figure = { impl: impl.id, env: impl.env, variant: sessions.variant, metric: metricId,
      unit: metric.unit, ...summarise(msPerOp, work), inner, ...extra };
    results.push(figure);
    log(figure);
  };
  const loop = (fn) => (k) => { for (let i = 0; i < k; i++) fn(); };

  for (const name of ['W1', 'W2', 'W3', 'D1']) {
    const factory = sessions[name.toLowerCase()];
    const wanted = METRICS.some((m) => m.id.startsWith(`${name}.`) && only(m.id));
    if (!factory || !wanted) continue;
    const split = name === 'D1' ? await digits?.() : null;
    if (name === 'D1' && !split) continue; // no core build to read the images from
    const session = await factory(split ? withDigits(data.D1, split) : data[name]);
    if (!session) continue;
    // Same weights and (for the JS libraries) the same samples: these losses
    // must agree across libraries, which run.mjs checks.
    if (session.loss) checks[name] = { before: session.loss() };
    if (session.loss) {
      session.trainSteps(CHECK_STEPS);
      checks[name].after = session.loss();
    }
    await record(`${name}.train`, (k) => session.trainSteps(k));
    if (session.heatmapAll) await record('W1.heatmapAll', loop(session.heatmapAll));
    if (session.heatmapOutput) await record('W1.heatmapOutput', loop(session.heatmapOutput));
    if (session.frame) await record('W1.frame', loop(session.frame));
    if (session.evaluate && name === 'D1') await record('D1.eval', loop(session.evaluate));
    session.close();
  }

  if (sessions.k1) {
    for (const { label, n } of K1_SIZES) {
      if (!only(`K1.fwd.${label}`) && !only(`K1.bwd.${label}`)) continue;
      const session = await sessions.k1(n);
      await record(`K1.fwd.${label}`, (k) => session.forward(k));
      if (session.backward) await record(`K1.bwd.${label}`, (k) => session.backward(k));
      session.close();
    }
  }

  if (sessions.g1) {
    for (const [i, c] of G1_CASES.entries()) {
      if (!only(`G1.${i}`)) continue;
      const session = await sessions.g1(c);
      if (!session) continue;
      await record(`G1.${i}`, (k) => session.run(k));
      session.close();
    }
  }
  if (sessions.close) sessions.close();
  return { results, checks };
}

// Steps taken from the shared initial weights before comparing losses.
export const CHECK_STEPS = 3;
