// The cross-library check: every implementation starts from the same weights
// on the same data, so their losses must agree. This is what makes the
// speed comparison one of equal work (it asserts results, never timing).
//
// checks: {implId: {W1: {before, after}, ...}} for one environment, where
// before/after are the losses before and after CHECK_STEPS steps.
//   W1/W2: [train, test]. The core splits the same points its own way (it
//          shuffles a custom dataset from its seed), so for it only the
//          mean over both halves (equal sizes: the loss over all points) is
//          comparable, and only before training: it also draws its own
//          sample order. The JS libraries share the split and the order.
//   W3:    [loss on the first batch]; every implementation uses the same order.
//   D1:    [train, test] over each whole set. Every library gets the core's
//          split (workloads/digits.mjs), so both halves are compared before
//          training; after the first steps, only those sharing the order.

const TOLERANCE = 2e-3; // relative: float32 sums in different orders, a few SGD steps

const close = (a, b) => Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));
const mean = (values) => values.reduce((s, v) => s + v, 0) / values.length;
const SHARES_SPLIT_AND_ORDER = new Set(['tfjs-wasm', 'tfjs-cpu', 'convnetjs', 'layers-simd']);

/** Returns a list of disagreement messages (empty when all agree). */
export function crossCheck(envName, checks) {
  const problems = [];
  for (const workload of ['W1', 'W2', 'W3', 'D1']) {
    const entries = Object.entries(checks).filter(([, c]) => c?.[workload]).map(([impl, c]) => [impl, c[workload]]);
    if (entries.length < 2) continue;
    const compare = (what, pick, impls) => {
      const picked = entries.filter(([impl]) => impls(impl)).map(([impl, c]) => [impl, pick(c)]);
      if (picked.length < 2) return;
      const [refImpl, ref] = picked[0];
      for (const [impl, value] of picked.slice(1)) {
        if (!close(value, ref)) {
          problems.push(`${envName} ${workload} ${what}: ${impl} ${value} vs ${refImpl} ${ref}`);
        }
      }
    };
    const all = () => true;
    if (workload === 'W3') {
      compare('loss before training', (c) => c.before[0], all);
      compare(`loss after the first steps`, (c) => c.after[0], all);
    } else if (workload === 'D1') {
      for (const [i, half] of ['train', 'test'].entries()) {
        compare(`${half} loss before training`, (c) => c.before[i], all);
        compare(`${half} loss after the first steps`, (c) => c.after[i], (impl) => SHARES_SPLIT_AND_ORDER.has(impl));
      }
    } else {
      compare('loss over all points before training', (c) => mean(c.before), all);
      for (const [i, half] of ['train', 'test'].entries()) {
        compare(`${half} loss after the first steps`, (c) => c.after[i], (impl) => SHARES_SPLIT_AND_ORDER.has(impl));
      }
    }
  }
  return problems;
}
