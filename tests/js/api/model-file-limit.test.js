// The page lets a model file through up to MODEL_FILE_MAX_BYTES
// (web/shared/limits.js); the core must not refuse a file of that size for
// its size alone, or the page's limit would promise what the core breaks.
import { MODEL_FILE_MAX_BYTES } from '../../../web/shared/limits.js';
import { createTrainer } from '../../../web/api/index.js';
import { requireBuilds } from './builds.js';

requireBuilds();

test('a valid model file padded to exactly the page limit is imported by the core', async () => {
  const trainer = await createTrainer({ hidden: [3], seed: 2 });
  try {
    const exported = trainer.exportJson();
    trainer.step(5);
    // Whitespace is valid JSON anywhere between tokens: pad before the closing brace.
    const padded = `${exported.slice(0, -1)}${' '.repeat(MODEL_FILE_MAX_BYTES - exported.length)}}`;
    expect(Buffer.byteLength(padded)).toBe(MODEL_FILE_MAX_BYTES);
    trainer.importJson(padded);
    expect(trainer.exportJson()).toBe(exported);
  } finally {
    trainer.delete();
  }
});
