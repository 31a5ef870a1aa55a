// Which of the data panel's controls apply to a dataset: the handwritten
// digits are a fixed set of images, so noise, the sample count, the input
// features and the point editor (all about points in the plane) do not. Their
// values stay in the config and the address, for when a plane dataset comes
// back. Pure: a config in, flags and words out.

import { DIGIT_CLASSES, DIGIT_COUNT, DIGIT_PIXELS } from '../../shared/config-fields.js';
import { trainCount } from '../../shared/cost.js';

/** The controls that only points in the plane use, by their data-control names. */
export const PLANE_ONLY_CONTROLS = Object.freeze(['noise', 'numSamples', 'features', 'customData']);

/** Whether `control` applies to the config's dataset. */
export function controlApplies(control, dataset) {
  return dataset !== 'digits' || !PLANE_ONLY_CONTROLS.includes(control);
}

const count = (n) => n.toLocaleString('en-US');

/** What the digits are and how the training share splits them; null for any other dataset. */
export function dataDescription({ dataset, trainRatio }) {
  if (dataset !== 'digits') return null;
  const side = Math.round(Math.sqrt(DIGIT_PIXELS));
  const train = trainCount(DIGIT_COUNT, trainRatio);
  return `${count(DIGIT_COUNT)} handwritten digits, ${side}×${side} pixels each, ${DIGIT_CLASSES} classes: ` +
    `${count(train)} to train on, ${count(DIGIT_COUNT - train)} to test (the training share). ` +
    'Noise, samples, input features and your points are for points in the plane: they are hidden here and keep their values.';
}

/** The fold's summary: the settings it holds for the dataset. */
export function moreSummary(dataset) {
  return dataset === 'digits'
    ? 'More: training share, batch size, seed'
    : 'More: noise, samples, batch size, seed, input features, your points';
}
