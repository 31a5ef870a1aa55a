// The digits diagram's tiles, put together for a snapshot (the plan is
// web/shared/digit-tiles.js): the first layer's drawn units' incoming weights,
// and for each deeper drawn unit the test digit that excites it most, from
// the core's last full pass (so it changes at the confusion matrix's cadence).
// Pure: the trainer's copies in, plain typed arrays out.

import { DIGIT_PIXELS } from '../shared/config-fields.js';

/**
 * plan: digitTilesPlan(layers, units); weights: the plan's weightRanges read
 * from the parameter block; top: the trainer's testTopUnits() ({samples,
 * activations}, empty before the first pass); testPoints: [x1, x2, label] per
 * test point (x1 is the image's index); pixelsOf(index): an image's pixels.
 * Returns {units, rows, weights: Float32Array [DIGIT_PIXELS x rows],
 * excited: {count, samples: Int32Array (test position, -1 before a pass),
 * labels: Int32Array (-1 likewise), activations: Float32Array (NaN likewise),
 * pixels: Float32Array [count x DIGIT_PIXELS] (zero likewise)}}.
 */
export function digitUnitsReport({ plan, weights, top, testPoints, pixelsOf }) {
  const count = plan.slots.length;
  const excited = {
    count,
    samples: new Int32Array(count).fill(-1),
    labels: new Int32Array(count).fill(-1),
    activations: new Float32Array(count).fill(Number.NaN),
    pixels: new Float32Array(count * DIGIT_PIXELS),
  };
  const testCount = Math.floor(testPoints.length / 3);
  plan.slots.forEach(({ node }, slot) => {
    const sample = node < top.samples.length ? top.samples[node] : -1;
    if (sample < 0 || sample >= testCount) return;
    excited.samples[slot] = sample;
    excited.labels[slot] = testPoints[3 * sample + 2];
    excited.activations[slot] = top.activations[node];
    excited.pixels.set(pixelsOf(testPoints[3 * sample]), slot * DIGIT_PIXELS);
  });
  return { units: plan.units, rows: plan.rows, weights, excited };
}

/** The report's buffers, to move rather than copy to the page. */
export function digitUnitsBuffers(report) {
  const { excited } = report;
  return [report.weights.buffer, excited.samples.buffer, excited.labels.buffer, excited.activations.buffer, excited.pixels.buffer];
}
