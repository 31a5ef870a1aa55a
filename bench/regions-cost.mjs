#!/usr/bin/env node
// What the Regions toggle adds to a grid pass: the median of 21 one-shot
// evalGrid calls with hidden units, without and with `regions` (alternating,
// after one warm-up call of each, so a busy machine's slow spells hit both;
// the pattern
// hash of every hidden layer and the numbering of the distinct patterns),
// for the page's default-sized grid on the lesson networks and a wide one.
//
//   node bench/regions-cost.mjs [simd|scalar]
import { createTrainer } from '../web/api/index.js';

const build = process.argv[2] ?? 'simd';
const median = (times) => times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
const timed = (fn) => { const start = performance.now(); fn(); return performance.now() - start; };

for (const [hidden, n] of [[[8, 8, 8, 8, 8, 8], 64], [[8, 8, 8, 8, 8, 8], 128], [[256, 256, 256], 64]]) {
  const trainer = await createTrainer({ seed: 1, dataset: 'spiral', hidden }, { build });
  try {
    trainer.stepEpochs(5);
    const plainTimes = [];
    const regionTimes = [];
    for (let i = 0; i <= 21; i += 1) {
      const plainMs = timed(() => trainer.evalGrid(n, { hidden: true }));
      const regionsMs = timed(() => trainer.evalGrid(n, { hidden: true, regions: true }));
      if (i > 0) { plainTimes.push(plainMs); regionTimes.push(regionsMs); }
    }
    const plain = median(plainTimes);
    const withRegions = median(regionTimes);
    const { count } = trainer.gridRegions();
    console.log(`${hidden.length}x${hidden[0]}, ${n}x${n} grid (${build}): ${plain.toFixed(2)} ms without regions, ` +
      `${withRegions.toFixed(2)} ms with (+${(100 * (withRegions / plain - 1)).toFixed(0)}%), ${count} regions`);
  } finally {
    trainer.delete();
  }
}
