// The figures the confirm panel shows, and the drawn-parameter plan the
// diagram reads its weights through. Pure functions: no DOM.
import { costRows } from '../../../web/ui/components/cost-gate.js';
import { estimateCost, needsConfirmation } from '../../../web/shared/cost.js';
import { drawnBiasIndex, drawnParamsPlan, drawnWeightIndex } from '../../../web/shared/drawn-params.js';
import { weightIndex } from '../../../web/ui/network-layout.js';
import { defaultConfig } from '../../../web/shared/schema.js';

test('the panel states parameters, memory against the limit, work and time per step', () => {
  const cost = estimateCost({ ...defaultConfig(), hidden: Array(64).fill(1024) });
  const rows = Object.fromEntries(costRows(cost));
  expect(rows.Parameters).toBe(cost.paramCount.toLocaleString('en'));
  expect(rows.Memory).toBe(`${Math.ceil(cost.bytes / 2 ** 20).toLocaleString('en')} MiB (the limit is 1,536 MiB)`);
  expect(cost.bytes).toBeGreaterThan(1400 * 2 ** 20);
  expect(rows['Work per step']).toMatch(/^\d+(\.\d)? GFLOP \(batch of 10\)$/);
  expect(rows['Time per step']).toMatch(/^about \d+(\.\d)? (ms|s)$/);
  expect(needsConfirmation(cost)).toBe(true);
});

test('the drawn plan keeps the first units of each layer, in a compact block', () => {
  // 3 inputs -> 5 units -> 2 outputs, drawing 2 units a layer.
  const layers = [
    { inputs: 3, outputs: 5, weightOffset: 0, biasOffset: 15 },
    { inputs: 5, outputs: 2, weightOffset: 20, biasOffset: 30 },
  ];
  const plan = drawnParamsPlan(layers, 2);
  // Layer 0: columns 0 and 1, rows 0-1 of each (strided), then 2 biases.
  // Layer 1: all its rows are drawn, so columns 0-1 are one stretch.
  expect(plan.ranges).toEqual([0, 2, 5, 2, 15, 2, 20, 4, 30, 2]);
  expect(plan.count).toBe(12);
  const whole = Float32Array.from({ length: 32 }, (_, i) => i);
  const compact = [];
  for (let i = 0; i < plan.ranges.length; i += 2) compact.push(...whole.subarray(plan.ranges[i], plan.ranges[i] + plan.ranges[i + 1]));
  for (let l = 0; l < 2; l++) {
    for (let to = 0; to < 2; to++) {
      for (let from = 0; from < 2; from++) {
        expect(compact[drawnWeightIndex(plan, l, to, from)]).toBe(whole[weightIndex(layers[l], to, from)]);
      }
      expect(compact[drawnBiasIndex(plan, l, to)]).toBe(whole[layers[l].biasOffset + to]);
    }
  }
  expect(drawnWeightIndex(plan, 0, 2, 0)).toBe(-1); // unit 2 is not drawn
  expect(drawnWeightIndex(plan, 2, 0, 0)).toBe(-1);
});
