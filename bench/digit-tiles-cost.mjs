// What the digits diagram's tiles cost: a full pass (evaluate(), which now
// also keeps each unit's most exciting test digit) and the snapshot's tiles
// part (digitUnitsReport: the first layer's drawn weights, the core's
// per-unit argmax and the chosen digits' pixels), in ms per call, on the
// page's SIMD build under Node. Usage: node bench/digit-tiles-cost.mjs [hidden, e.g. 64,32]
import { createTrainer } from '../web/api/index.js';
import { digitTilesPlan } from '../web/shared/digit-tiles.js';
import { digitUnitsReport } from '../web/worker/digit-units.js';

const hidden = (process.argv[2] ?? '16,8').split(',').map(Number);
const trainer = await createTrainer({ dataset: 'digits', problem: 'multiclass', hidden }, { build: 'simd' });
trainer.stepEpochs(1);

function perCall(fn, minMs = 1000) {
  fn(); // warm
  let calls = 0;
  const start = performance.now();
  while (performance.now() - start < minMs) { fn(); calls += 1; }
  return (performance.now() - start) / calls;
}

const evaluateMs = perCall(() => trainer.evaluate());
const plan = digitTilesPlan(trainer.layers(), 16);
const reportMs = perCall(() => digitUnitsReport({
  plan, weights: trainer.paramRanges(plan.weightRanges), top: trainer.testTopUnits(), testPoints: trainer.points().test,
  pixelsOf: (index) => trainer.digitPixels(index),
}));
console.log(JSON.stringify({ hidden, evaluateMs: +evaluateMs.toFixed(3), tilesReportMs: +reportMs.toFixed(3) }));
trainer.delete();
