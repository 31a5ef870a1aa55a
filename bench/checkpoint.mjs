#!/usr/bin/env node
// What a restart checkpoint costs (web/worker/recovery.js): the time to take
// one (a copy of the parameters, the step, the config), the JS memory it
// holds, and the time to restore it on a fresh trainer (createTrainer, then
// the model JSON with those parameters), for networks up to and past
// CHECKPOINT_MAX_PARAMS. The worker takes one after each request that
// changes the model and at most every CHECKPOINT_EVERY_MS while playing.
//
//   node bench/checkpoint.mjs
import { createTrainer } from '../web/api/index.js';
import { CHECKPOINT_EVERY_MS, CHECKPOINT_MAX_PARAMS, createRecovery, restoreCheckpoint } from '../web/worker/recovery.js';

const NETWORKS = [[8, 8], [64, 64, 64], [256, 256], [512, 512], [700, 700], [1000, 1000]];
const REPEATS = 5;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

console.log(`checkpoint weights up to ${CHECKPOINT_MAX_PARAMS.toLocaleString('en')} parameters, at most every ${CHECKPOINT_EVERY_MS} ms while playing`);
console.log('hidden       params  kept MB  save ms  restore ms  share of play time');
for (const hidden of NETWORKS) {
  const trainer = await createTrainer({ seed: 1, numSamples: 200, hidden }, { build: 'simd' });
  trainer.step(5);
  const recovery = createRecovery({ now: () => performance.now() });
  const save = [];
  const restore = [];
  let bytes = 0;
  for (let i = 0; i < REPEATS; i++) {
    let start = performance.now();
    recovery.save(trainer, { build: 'simd' });
    save.push(performance.now() - start);
    bytes = recovery.checkpoint.params?.byteLength ?? 0;
    start = performance.now();
    const copy = await restoreCheckpoint(recovery.checkpoint, createTrainer);
    restore.push(performance.now() - start);
    copy.delete();
  }
  const saveMs = median(save);
  console.log(`${hidden.join('x').padEnd(10)} ${String(trainer.paramCount).padStart(8)}  ${(bytes / 1e6).toFixed(2).padStart(7)}  ` +
    `${saveMs.toFixed(2).padStart(7)}  ${median(restore).toFixed(2).padStart(10)}  ${(100 * saveMs / CHECKPOINT_EVERY_MS).toFixed(2).padStart(6)} %` +
    `${trainer.paramCount > CHECKPOINT_MAX_PARAMS ? '  (config only)' : ''}`);
  trainer.delete();
}
