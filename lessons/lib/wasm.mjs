// The page's WebAssembly builds of the core, driven through the JS API
// (web/api) under Node, for the figures that should come from what the page
// runs rather than from the native build.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createTrainer } from '../../web/api/index.js';
import { ROOT } from './probe.mjs';

export const WASM_BUILDS = ['simd', 'scalar'];
const DIST = join(ROOT, 'wasm-build/dist');

/** The builds present in wasm-build/dist (`npm run build:wasm` makes them). */
export const availableWasmBuilds = () => WASM_BUILDS.filter((build) => existsSync(join(DIST, `relu-core-${build}.wasm`)));

/** A trainer of `config` on one WebAssembly build; delete() it when done. */
export const wasmTrainer = (config, build) => createTrainer(config, { build });

/** Median wall time of `steps` mini-batch steps, in microseconds per step, after one warm-up run. */
export async function wasmStepMicros(config, build, { steps, repeats }) {
  const trainer = await wasmTrainer(config, build);
  try {
    trainer.step(steps);
    const micros = [];
    for (let r = 0; r < repeats; r++) {
      const start = performance.now();
      trainer.step(steps);
      micros.push(((performance.now() - start) * 1000) / steps);
    }
    micros.sort((a, b) => a - b);
    return micros[Math.floor(micros.length / 2)];
  } finally {
    trainer.delete();
  }
}
