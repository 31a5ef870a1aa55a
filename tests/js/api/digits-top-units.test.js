// Each unit's most exciting test digit through the JS API, in both builds: the
// first layer's choice against relu(W x + b) worked out here from the
// parameters and the images, and nothing before the first evaluation.
import { createTrainer } from '../../../web/api/index.js';
import { DIGIT_PIXELS } from '../../../web/shared/config-fields.js';
import { BUILD_NAMES, requireBuilds } from './builds.js';

requireBuilds();

const CONFIG = { dataset: 'digits', problem: 'multiclass', hidden: [6, 4], optimizer: 'adam', learningRate: 0.01, batchSize: 32, seed: 9 };

describe.each(BUILD_NAMES)('%s build', (build) => {
  test('testTopUnits: per unit, the test digit with the largest activation', async () => {
    const trainer = await createTrainer(CONFIG, { build });
    try {
      expect(trainer.testTopUnits().samples).toHaveLength(0);
      trainer.stepEpochs(1);
      trainer.evaluate();
      const { samples, activations } = trainer.testTopUnits();
      expect(samples).toHaveLength(6 + 4 + 10);
      expect(activations).toHaveLength(samples.length);
      const test = trainer.points().test;
      const params = trainer.params();
      const first = trainer.layers()[0];
      const acts = Array.from({ length: 6 }, () => []);
      for (let i = 0; i < test.length / 3; i++) {
        const pixels = trainer.digitPixels(test[3 * i]);
        for (let u = 0; u < 6; u++) {
          let sum = params[first.biasOffset + u];
          for (let k = 0; k < DIGIT_PIXELS; k++) sum += params[first.weightOffset + k * 6 + u] * pixels[k];
          acts[u].push(Math.max(0, sum));
        }
      }
      for (let u = 0; u < 6; u++) {
        const best = Math.max(...acts[u]);
        expect(acts[u][samples[u]]).toBeCloseTo(best, 4); // float order may pick another of equal value
        expect(activations[u]).toBeCloseTo(best, 4);
      }
      for (const sample of samples) expect(sample >= 0 && sample < test.length / 3).toBe(true);
    } finally {
      trainer.delete();
    }
  });
});
