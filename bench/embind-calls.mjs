// The cost of one call from JS into the core through Embind, for one or more
// builds of the core: e.g. with and without -sDYNAMIC_EXECUTION=0, whose
// invokers are generic closures instead of generated functions.
//
//   node bench/embind-calls.mjs [distDir ...]   (default: wasm-build/dist)
//
// Each figure is the best of 5 runs, in ns per call, on a 3-layer network of
// 4 and 2 units (so the call itself, not the work, dominates).
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createTrainer } from '../web/api/index.js';

const dirs = process.argv.length > 2 ? process.argv.slice(2) : ['wasm-build/dist'];

function bestNsPerCall(n, fn) {
  for (let i = 0; i < n / 10; i++) fn(); // warm up the JIT
  let best = Infinity;
  for (let run = 0; run < 5; run++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i++) fn();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / n);
  }
  return Math.round(best);
}

for (const dir of dirs) {
  const wasmBaseUrl = pathToFileURL(`${resolve(dir)}/`).href;
  const trainer = await createTrainer({ hidden: [4, 2], numSamples: 100, seed: 1 }, { build: 'simd', wasmBaseUrl });
  const figures = {
    'progress()': bestNsPerCall(20000, () => trainer.progress()),
    'step(1)': bestNsPerCall(20000, () => trainer.step(1)),
    'params()': bestNsPerCall(20000, () => trainer.params()),
    'metrics()': bestNsPerCall(5000, () => trainer.metrics()),
  };
  trainer.delete();
  console.log(`${dir}: ${Object.entries(figures).map(([name, ns]) => `${name} ${ns} ns`).join(', ')}`);
}
