// Timing: every figure is the median over repeated runs, with the min-max.
// Runs in Node and in the page (performance.now() exists in both).
//
// A measured operation is `runOps(k)`, which performs the operation k times
// (so a WASM kernel can loop inside WASM, and JS libraries loop in JS).
// Calibration picks k so that a repetition lasts at least `minRepMs`,
// warm-up repetitions let JITs and caches settle, then `reps` repetitions are
// timed. Each repetition yields one time per operation.

// Warm-up runs at least warmupMinMs and until a repetition is no longer
// clearly faster than the one before (the JIT has finished optimising: V8
// compiles hot WASM functions with its optimising tier on a background
// thread, which on a busy 2-core machine can take long enough that a fixed
// single warm-up repetition timed some runs in the baseline tier, 2-3x
// slower), up to warmupMaxMs.
export const MODES = Object.freeze({
  full: { reps: 7, warmupMinMs: 250, warmupMaxMs: 3000, minRepMs: 60, maxInner: 1 << 20 },
  // Every workload once, to prove the harness works: no timing is meaningful.
  smoke: { reps: 1, warmupMinMs: 0, warmupMaxMs: 0, minRepMs: 0, maxInner: 1 },
});

/** Times runOps; returns {msPerOp: number[] (one per repetition), inner}. */
export async function measure(runOps, mode) {
  const { count, ms } = await calibrate(runOps, mode);
  const inner = Math.min(mode.maxInner, Math.max(1, Math.ceil((count * mode.minRepMs) / Math.max(ms, 1e-3))));
  await warmUp(runOps, inner, mode);
  const msPerOp = [];
  for (let i = 0; i < mode.reps; i++) {
    const start = performance.now();
    await runOps(inner);
    msPerOp.push((performance.now() - start) / inner);
  }
  return { msPerOp, inner };
}

async function warmUp(runOps, inner, mode) {
  if (mode.warmupMaxMs <= 0) return;
  const begin = performance.now();
  let previous = Infinity;
  for (;;) {
    const start = performance.now();
    await runOps(inner);
    const end = performance.now();
    const settled = end - start > 0.95 * previous;
    previous = end - start;
    if (end - begin >= mode.warmupMaxMs || (settled && end - begin >= mode.warmupMinMs)) return;
  }
}

// Doubles the count until a call lasts a quarter of a repetition: browsers
// round performance.now() to 0.1 ms, too coarse to time one short call.
async function calibrate(runOps, mode) {
  for (let count = 1; ; count *= 2) {
    const start = performance.now();
    await runOps(count);
    const ms = performance.now() - start;
    if (ms >= mode.minRepMs / 4 || count >= mode.maxInner) return { count, ms };
  }
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Turns per-operation times into the reported figure. `work` is what one
 * operation does in the unit's numerator (samples, bytes/1e9, flops/1e9);
 * without it the figure is the time itself in ms (lower is better).
 */
export function summarise(msPerOp, work) {
  if (work === undefined) {
    return { value: median(msPerOp), min: Math.min(...msPerOp), max: Math.max(...msPerOp), reps: msPerOp.length };
  }
  const rates = msPerOp.map((ms) => work / (ms / 1000));
  return { value: median(rates), min: Math.min(...rates), max: Math.max(...rates), reps: rates.length };
}
