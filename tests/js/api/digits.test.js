// The digits dataset through the JS API, in both builds: its images, the test
// predictions behind the page's confusion matrix, and the refusals.
import { readFileSync } from 'node:fs';
import { createTrainer } from '../../../web/api/index.js';
import { DIGIT_COUNT, DIGIT_PIXELS } from '../../../web/shared/config-fields.js';
import { BUILD_NAMES, requireBuilds, thrown } from './builds.js';

requireBuilds();

const DIGITS = { dataset: 'digits', problem: 'multiclass', hidden: [16], optimizer: 'adam', learningRate: 0.01, batchSize: 32, seed: 4 };
const file = readFileSync(new URL('../../../data/digits/digits.bin', import.meta.url));

describe.each(BUILD_NAMES)('%s build', (build) => {
  test('digitPixels is the shipped file scaled to [0, 1]', async () => {
    const trainer = await createTrainer(DIGITS, { build });
    try {
      for (const index of [0, 1000, DIGIT_COUNT - 1]) {
        const expected = [...file.subarray(index * 65, index * 65 + DIGIT_PIXELS)].map((v) => v / 16);
        expect([...trainer.digitPixels(index)]).toEqual(expected);
      }
      expect(thrown(() => trainer.digitPixels(DIGIT_COUNT)).field).toBe('index');
      expect(thrown(() => trainer.digitPixels(-1)).message).toMatch(/^index: -1 is not a whole number in \[0, 1796\]/);
    } finally {
      trainer.delete();
    }
  });

  test('test predictions are one per test digit and agree with the test accuracy', async () => {
    const trainer = await createTrainer(DIGITS, { build });
    try {
      expect(trainer.layers()[0].inputs).toBe(64);
      expect(trainer.testPredictions()).toHaveLength(0);
      trainer.stepEpochs(2);
      trainer.evaluate();
      const predictions = trainer.testPredictions();
      const { test } = trainer.points();
      expect(predictions).toHaveLength(test.length / 3);
      let correct = 0;
      predictions.forEach((p, i) => { correct += p === test[3 * i + 2] ? 1 : 0; });
      expect(correct / predictions.length).toBeCloseTo(trainer.metrics().testAccuracy, 10);
      expect(trainer.metrics().testAccuracy).toBeGreaterThan(0.5);
      // No plane: a grid is refused, naming the dataset.
      expect(thrown(() => trainer.evalGrid(8)).message).toMatch(/^dataset: "digits" has 64 inputs/);
    } finally {
      trainer.delete();
    }
  });
});

test('a binary problem on digits is refused naming problem', async () => {
  const error = await createTrainer({ ...DIGITS, problem: 'binary' }).then(() => null, (e) => e);
  expect(error.field).toBe('problem');
  expect(error.message).toContain('multiclass');
});
