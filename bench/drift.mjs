#!/usr/bin/env node
// Is this machine steady enough to benchmark? Times the same W1 training
// loop (the core's SIMD128 build through the JS API) every half second and
// prints the samples/s of each slice. On a steady machine the figures agree
// within a few per cent once the first slice (JIT warm-up) is past; on a
// shared virtual machine they can drift by a third with nothing else running,
// and every ratio of a bench run taken then carries that drift.
//
//   node --no-experimental-fetch bench/drift.mjs [seconds=6]
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTrainer } from '../web/api/index.js';
import { W1 } from './js/workloads/spec.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const seconds = Number(process.argv[2] ?? 6);
if (!(seconds > 0 && seconds <= 600)) {
  console.error(`drift.mjs: seconds must be in (0, 600], got ${process.argv[2]}`);
  process.exit(2);
}
const dist = join(root, 'wasm-build', 'dist');
// W1's network and hyperparameters on the core's own spiral (no shared data needed here).
const trainer = await createTrainer({
  seed: 1, dataset: 'spiral', numSamples: W1.points, trainRatio: 0.5, problem: 'binary', binaryHead: 'tanh-mse',
  hidden: [...W1.hidden], activation: 'relu', init: 'he-normal', optimizer: 'sgd', learningRate: W1.lr,
  batchSize: W1.batch,
}, { build: 'simd', wasmBinary: readFileSync(join(dist, 'relu-core-simd.wasm')) });

const slices = [];
for (let i = 0; i < seconds * 2; i++) {
  const start = performance.now();
  let steps = 0;
  while (performance.now() - start < 500) {
    trainer.step(500);
    steps += 500;
  }
  slices.push((steps * W1.batch) / ((performance.now() - start) / 1000));
}
trainer.delete();
const steady = slices.slice(1);
const spread = Math.max(...steady) / Math.min(...steady);
console.log(`W1 training, M samples/s per 0.5 s: ${slices.map((v) => (v / 1e6).toFixed(2)).join(' ')}`);
console.log(`max/min after the first slice: ${spread.toFixed(2)}x ${spread < 1.1 ? '(steady)' : '(drifting: ratios from a run now carry this)'}`);
