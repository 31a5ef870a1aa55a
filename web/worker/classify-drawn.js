// The draw panel's question: what does the network make of this one input (a
// drawn digit's 64 pixels)? Only digits have inputs a person can draw.
import { requestError } from './request-checks.js';

/** {predicted, probabilities, activations} for `input` on `trainer`, or a refusal naming dataset (or input, from the core). */
export function classifyDrawn(trainer, input) {
  const { dataset } = trainer.config;
  if (dataset !== 'digits') {
    throw requestError('dataset', `dataset: classify takes a drawn digit and needs dataset "digits", not ${JSON.stringify(dataset)}`);
  }
  const { outputs, activations, predicted } = trainer.classify(input);
  return { predicted, probabilities: outputs, activations };
}
