// What the page draws for dataset "digits" instead of a plane: the confusion
// matrix of the test set and a fixed sample of test digits with their
// predictions. Pure: the trainer's copies in, plain typed arrays out.

import { DIGIT_CLASSES, DIGIT_PIXELS } from '../shared/config-fields.js';

/** Test digits shown with their predictions: the first of the (seeded, shuffled) test set. */
export const DIGITS_SAMPLE_SIZE = 40;

/**
 * testPoints: [x1, x2, label] per test point (x1 is the image's index);
 * predictions: the predicted class per test point (empty before the first
 * full pass); pixelsOf(index): the image's DIGIT_PIXELS values in [0, 1].
 * Returns {classes, total, confusion: Uint32Array [true x predicted], sample:
 * {count, indices: Int32Array, labels: Int32Array, predicted: Int32Array
 * (-1 before a pass), pixels: Float32Array [count x DIGIT_PIXELS]}}.
 */
export function digitsReport({ testPoints, predictions, pixelsOf, sampleSize = DIGITS_SAMPLE_SIZE }) {
  const count = Math.floor(testPoints.length / 3);
  const confusion = new Uint32Array(DIGIT_CLASSES * DIGIT_CLASSES);
  const evaluated = predictions.length === count;
  let total = 0;
  if (evaluated) {
    for (let i = 0; i < count; i++) {
      const label = testPoints[3 * i + 2];
      const predicted = predictions[i];
      if (predicted < 0 || predicted >= DIGIT_CLASSES) continue; // not a digit's class: not counted
      confusion[label * DIGIT_CLASSES + predicted] += 1;
      total += 1;
    }
  }
  const shown = Math.min(sampleSize, count);
  const sample = {
    count: shown,
    indices: new Int32Array(shown),
    labels: new Int32Array(shown),
    predicted: new Int32Array(shown).fill(-1),
    pixels: new Float32Array(shown * DIGIT_PIXELS),
  };
  for (let i = 0; i < shown; i++) {
    sample.indices[i] = testPoints[3 * i];
    sample.labels[i] = testPoints[3 * i + 2];
    if (evaluated) sample.predicted[i] = predictions[i];
    sample.pixels.set(pixelsOf(sample.indices[i]), i * DIGIT_PIXELS);
  }
  return { classes: DIGIT_CLASSES, total, confusion, sample };
}

/** The report's buffers, to move rather than copy to the page. */
export function digitsReportBuffers(report) {
  const { sample } = report;
  return [report.confusion.buffer, sample.indices.buffer, sample.labels.buffer, sample.predicted.buffer, sample.pixels.buffer];
}
