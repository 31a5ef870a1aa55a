#!/usr/bin/env node
// What a training step costs on this machine's core, against what the cost
// model (web/shared/cost.js) predicts: for networks from small to past the
// page's thresholds, the FLOPs of a step, the steps per second and the
// FLOP/s the SIMD128 (or scalar) build sustains; then how long one
// stepWithin() piece takes at a few FLOP budgets. The thresholds and the
// assumed FLOP/s of web/shared/cost.js come from these figures.
//
//   node --no-experimental-fetch bench/step-cost.mjs [simd|scalar] [seconds per network = 1.5]
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTrainer } from '../web/api/index.js';
import { estimateCost } from '../web/shared/cost.js';
import { defaultConfig } from '../web/shared/schema.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const build = process.argv[2] ?? 'simd';
const seconds = Number(process.argv[3] ?? 1.5);
if (!['simd', 'scalar'].includes(build) || !(seconds > 0 && seconds <= 60)) {
  console.error('usage: bench/step-cost.mjs [simd|scalar] [seconds in (0, 60]]');
  process.exit(2);
}
const wasmBinary = readFileSync(join(root, 'wasm-build', 'dist', `relu-core-${build}.wasm`));

const NETWORKS = [
  { hidden: [8, 8], batchSize: 10 },
  { hidden: [64, 64], batchSize: 32 },
  { hidden: [256, 256], batchSize: 32 },
  { hidden: [512, 512, 512], batchSize: 64 },
  { hidden: [1024, 1024], batchSize: 100 },
  { hidden: [1024, 1024, 1024, 1024], batchSize: 250 },
];

function timeSteps(trainer, run) {
  const start = performance.now();
  let steps = 0;
  while (performance.now() - start < seconds * 1000) steps += run(trainer);
  return { steps, ms: performance.now() - start };
}

console.log(`build ${build}, ${seconds} s per network`);
console.log('hidden                  batch   params      MFLOP/step   steps/s    GFLOP/s');
for (const shape of NETWORKS) {
  const config = { ...defaultConfig(), seed: 1, numSamples: 1000, ...shape };
  const cost = estimateCost(config);
  const trainer = await createTrainer(config, { build, wasmBinary });
  trainer.step(1); // warm-up
  const { steps, ms } = timeSteps(trainer, (t) => { t.step(1); return 1; });
  const perSecond = (steps * 1000) / ms;
  console.log(`${JSON.stringify(shape.hidden).padEnd(24)}${String(cost.batchSize).padStart(5)}` +
    `${cost.paramCount.toLocaleString('en').padStart(11)}${(cost.stepFlops / 1e6).toFixed(2).padStart(13)}` +
    `${perSecond.toFixed(1).padStart(11)}${((perSecond * cost.stepFlops) / 1e9).toFixed(2).padStart(11)}`);
  trainer.delete();
}

console.log('\nstepWithin pieces of [1024 x 4] at batch 250:');
console.log('budget MFLOP   pieces/step   ms/piece (mean)   ms/piece (max)');
const config = { ...defaultConfig(), seed: 1, numSamples: 1000, hidden: [1024, 1024, 1024, 1024], batchSize: 250 };
const trainer = await createTrainer(config, { build, wasmBinary });
for (const budget of [1e6, 4e6, 1.6e7, 6.4e7]) {
  let pieces = 0;
  let worst = 0;
  const start = performance.now();
  for (let finished = false; !finished;) {
    const t0 = performance.now();
    finished = trainer.stepWithin(budget).finished;
    worst = Math.max(worst, performance.now() - t0);
    pieces += 1;
  }
  const ms = performance.now() - start;
  console.log(`${(budget / 1e6).toFixed(0).padStart(12)}${String(pieces).padStart(14)}${(ms / pieces).toFixed(2).padStart(18)}${worst.toFixed(2).padStart(17)}`);
}
trainer.delete();
