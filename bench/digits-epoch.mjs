#!/usr/bin/env node
// What one epoch and one evaluation of the digits cost in the core, on the
// networks the page gives them (the Digits tile's hidden [32], and the
// plane's default [4, 2]) at the page's other defaults (batch 10, trainRatio
// 0.5: 90 steps an epoch). Beside tests/e2e/tools/measure-epochs-per-frame.mjs
// it tells whether the page's epochs per frame are bound by training or by
// its pacing and drawing. Medians of 15 timings of 5 epochs (and of 15 passes).
//
//   node bench/digits-epoch.mjs [simd|scalar]
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createTrainer } from '../web/api/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const build = process.argv[2] ?? 'simd';
if (!['simd', 'scalar'].includes(build)) {
  console.error('usage: bench/digits-epoch.mjs [simd|scalar]');
  process.exit(2);
}
const wasmBaseUrl = `${pathToFileURL(join(root, 'wasm-build', 'dist')).href}/`;
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];

for (const hidden of [[32], [4, 2]]) {
  const trainer = await createTrainer({ dataset: 'digits', problem: 'multiclass', hidden }, { build, wasmBaseUrl });
  trainer.stepEpochs(20); // past the optimising tier's compile
  const epochMs = [];
  const evaluateMs = [];
  for (let r = 0; r < 15; r++) {
    let start = performance.now();
    trainer.stepEpochs(5);
    epochMs.push((performance.now() - start) / 5);
    start = performance.now();
    trainer.evaluate();
    evaluateMs.push(performance.now() - start);
  }
  console.log(`${build} hidden ${JSON.stringify(hidden)}: epoch ${median(epochMs).toFixed(2)} ms, evaluate ${median(evaluateMs).toFixed(2)} ms`);
  trainer.delete();
}
