// Runs the native bench executables (bench/cpp/native) on the same workloads and
// data, and turns their per-repetition times into results like the JS ones.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { summarise } from './stats.mjs';
import { CHECK_STEPS, metricById } from '../workloads/suite.mjs';
import { G1_CASES, K1_SIZES, workloads } from '../workloads/spec.mjs';

function parseLines(stdout) {
  return stdout.split('\n').filter((line) => line.trim()).map((line) => JSON.parse(line));
}

function toResult(line, impl, variant, data) {
  const metric = metricById(line.metric);
  const work = metric.work ? metric.work(data) : undefined;
  return {
    impl, env: 'native', variant, metric: line.metric, unit: metric.unit,
    ...summarise(line.msPerOp, work), inner: line.inner,
  };
}

function cpuFlags() {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('flags'));
    return new Set((line ?? '').split(':')[1]?.trim().split(/\s+/) ?? []);
  } catch {
    return new Set();
  }
}

/** The core natively: W1/W2/D1 through relu::Trainer, W3 through its layer code, K1 through its kernels. */
export function runNativeCore(binDir, { smoke, only }) {
  const data = workloads();
  const spiralJob = (w, grid, evaluate = false) => ({
    workload: w.name, config: w.coreConfig, params: Array.from(w.params), grid, evaluate,
  });
  const w3 = data.W3;
  const job = {
    smoke,
    checkSteps: CHECK_STEPS,
    // D1 goes through the Trainer too: the core reads and splits the digits itself.
    spiral: [spiralJob(data.W1, data.W1.grid), spiralJob(data.W2, 0), spiralJob(data.D1, 0, true)]
      .filter((s) => only(`${s.workload}.train`)),
    classifier: only('W3.train') ? {
      inputs: w3.data.inputs, classes: w3.data.classes, count: w3.data.count, hidden: w3.hidden,
      batch: w3.batch, lr: w3.lr, params: Array.from(w3.params), x: Array.from(w3.data.x),
      labels: Array.from(w3.data.labels), order: Array.from(w3.order),
    } : null,
    k1: K1_SIZES.filter(({ label }) => only(`K1.fwd.${label}`)),
  };
  const stdout = execFileSync(join(binDir, 'relu-bench-native'), {
    input: JSON.stringify(job), maxBuffer: 64 << 20, stdio: ['pipe', 'pipe', 'pipe'],
  }).toString();
  const results = [];
  const checks = {};
  for (const line of parseLines(stdout)) {
    if (line.check) checks[line.check] = { before: line.before, after: line.after };
    else if (only(line.metric)) results.push(toResult(line, 'native', 'g++ -O3, scalar kernels, Eigen SSE2', data));
  }
  return { results, checks };
}

/** G1's ceiling: Eigen natively with SSE2 and with AVX2+FMA (skipped where the CPU lacks AVX2). */
export function runNativeGemm(binDir, { smoke, only }) {
  const data = workloads();
  const cases = G1_CASES.map((c, i) => ({ ...c, id: `G1.${i}` })).filter((c) => only(c.id));
  if (cases.length === 0) return { results: [], skipped: [] };
  const args = cases.map((c) => `${c.id}:${c.m},${c.k},${c.n},${c.trans}`);
  const results = [];
  const skipped = [];
  const flags = cpuFlags();
  for (const isa of ['sse2', 'avx2']) {
    if (isa === 'avx2' && !(flags.has('avx2') && flags.has('fma'))) {
      skipped.push('eigen-avx2: this CPU has no AVX2+FMA');
      continue;
    }
    const stdout = execFileSync(join(binDir, `relu-bench-gemm-${isa}`), smoke ? ['--smoke', ...args] : args,
      { stdio: ['ignore', 'pipe', 'pipe'] }).toString();
    const variant = isa === 'sse2' ? 'g++ -O3 -msse2' : 'g++ -O3 -mavx2 -mfma';
    for (const line of parseLines(stdout)) results.push(toResult(line, `eigen-${isa}`, variant, data));
  }
  return { results, skipped };
}
