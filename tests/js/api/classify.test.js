// Trainer#classify in both builds: one input's forward pass gives the full
// pass's prediction for every test digit, with probabilities and each hidden
// layer's activations; refuses what is not an input of the network; and the
// page's scale of a drawn digit (DIGIT_MAX_VALUE) is the core's.
import { createTrainer } from '../../../web/api/index.js';
import { DIGIT_COUNT, DIGIT_MAX_VALUE, DIGIT_PIXELS } from '../../../web/shared/config-fields.js';
import { BUILD_NAMES, requireBuilds, thrown } from './builds.js';

requireBuilds();

const DIGITS = { dataset: 'digits', problem: 'multiclass', hidden: [20, 8], optimizer: 'adam', learningRate: 0.01, batchSize: 32, seed: 9 };

describe.each(BUILD_NAMES)('%s build', (build) => {
  test('each test digit classified alone gets the prediction of the full pass', async () => {
    const trainer = await createTrainer(DIGITS, { build });
    try {
      trainer.stepEpochs(2);
      trainer.evaluate();
      const predictions = trainer.testPredictions();
      const { test } = trainer.points();
      expect(predictions.length).toBe(test.length / 3);
      for (let i = 0; i < predictions.length; i++) {
        const { outputs, activations, predicted } = trainer.classify(trainer.digitPixels(test[3 * i]));
        expect(predicted).toBe(predictions[i]);
        expect(outputs).toBeInstanceOf(Float32Array);
        expect(outputs.length).toBe(10);
        expect(outputs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
        expect(outputs.indexOf(Math.max(...outputs))).toBe(predicted);
        expect(activations.map((layer) => layer.length)).toEqual([20, 8]);
      }
    } finally {
      trainer.delete();
    }
  });

  test('refuses a wrong length, a non-finite value or no list, naming input, and keeps working', async () => {
    const trainer = await createTrainer(DIGITS, { build });
    try {
      const short = thrown(() => trainer.classify(new Float32Array(63)));
      expect(short.field).toBe('input');
      expect(short.message).toBe('input: 63 values given, the network takes 64');
      const nan = new Float32Array(64);
      nan[5] = NaN;
      expect(thrown(() => trainer.classify(nan)).message).toMatch(/^input\[5\] is .*: every value must be finite$/);
      expect(thrown(() => trainer.classify('pixels')).field).toBe('input');
      expect(thrown(() => trainer.classify(new Float32Array(1e6))).field).toBe('input');
      expect(trainer.classify(new Float32Array(64)).outputs.length).toBe(10);
    } finally {
      trainer.delete();
    }
  });

  test('the core divides the file\'s pixels by DIGIT_MAX_VALUE, the scale the page draws with', async () => {
    const trainer = await createTrainer(DIGITS, { build });
    try {
      let largest = 0;
      for (let index = 0; index < DIGIT_COUNT; index += 50) {
        for (const value of trainer.digitPixels(index)) {
          const count = value * DIGIT_MAX_VALUE;
          expect(Number.isInteger(count)).toBe(true);
          largest = Math.max(largest, count);
        }
      }
      expect(largest).toBe(DIGIT_MAX_VALUE); // some pixel is full: 1 is DIGIT_MAX_VALUE of DIGIT_MAX_VALUE
      expect(trainer.digitPixels(0).length).toBe(DIGIT_PIXELS);
    } finally {
      trainer.delete();
    }
  });
});
