// The digits tiles' part of a snapshot: each deeper drawn unit's most exciting
// test digit looked up through the plan, and nothing before the first pass.
import { digitTilesPlan } from '../../../web/shared/digit-tiles.js';
import { digitUnitsReport, digitUnitsBuffers } from '../../../web/worker/digit-units.js';

const layers = [
  { inputs: 64, outputs: 3, weightOffset: 0 },
  { inputs: 3, outputs: 2, weightOffset: 300 },
  { inputs: 2, outputs: 10, weightOffset: 400 },
];
// Three test points: images 7, 30 and 4 with labels 1, 9 and 4.
const testPoints = new Float32Array([7, 0, 1, 30, 0, 9, 4, 0, 4]);
const pixelsOf = (index) => new Float32Array(64).fill(index / 100);

test('each slot takes its unit\'s test point, label, activation and image', () => {
  const plan = digitTilesPlan(layers, 2); // slots: layer 1 units 0, 1 (nodes 3, 4); layer 2 units 0, 1 (nodes 5, 6)
  const samples = new Int32Array(15).fill(0);
  const activations = new Float32Array(15);
  samples[4] = 1; activations[4] = 2.5;
  samples[6] = 2; activations[6] = 0.75;
  samples[3] = 0; activations[3] = 1.25;
  const weights = new Float32Array(64 * 2);
  const report = digitUnitsReport({ plan, weights, top: { samples, activations }, testPoints, pixelsOf });
  expect(report.rows).toBe(2);
  expect(report.weights).toBe(weights);
  expect([...report.excited.samples]).toEqual([0, 1, 0, 2]);
  expect([...report.excited.labels]).toEqual([1, 9, 1, 4]);
  expect([...report.excited.activations]).toEqual([1.25, 2.5, 0, 0.75]);
  expect(report.excited.pixels[64]).toBeCloseTo(0.3); // slot 1: image 30
  expect(report.excited.pixels[3 * 64]).toBeCloseTo(0.04); // slot 3: image 4
  expect(digitUnitsBuffers(report)).toHaveLength(5);
});

test('before the first pass every slot says none', () => {
  const plan = digitTilesPlan(layers, 16);
  const report = digitUnitsReport({
    plan, weights: new Float32Array(0), top: { samples: new Int32Array(0), activations: new Float32Array(0) }, testPoints, pixelsOf,
  });
  expect(report.excited.count).toBe(12);
  expect([...report.excited.samples].every((s) => s === -1)).toBe(true);
  expect([...report.excited.activations].every(Number.isNaN)).toBe(true);
});
