// JSON text crosses into the core as a std::string, which Embind 3.1.6 copies
// into the heap with a malloc it does not check: the JS API refuses text
// longer than the core reads before it crosses. The limits in
// web/shared/limits.js are held to the core's (kConfigJsonLimits,
// kModelJsonLimits), and the byte count to Node's own UTF-8 encoder.
import fc from 'fast-check';
import { createTrainer } from '../../../web/api/index.js';
import { loadCore } from '../../../web/api/loader.js';
import {
  CONFIG_JSON_MAX_BYTES, MODEL_FILE_MAX_BYTES, MODEL_JSON_MAX_BYTES, textTooLong, utf8Length,
} from '../../../web/shared/limits.js';
import { requireBuilds } from './builds.js';

requireBuilds();

test.each(['simd', 'scalar'])('the limits are the %s core\'s', async (build) => {
  const core = await loadCore(build, {});
  expect(core.jsonTextLimits()).toEqual({ config: CONFIG_JSON_MAX_BYTES, model: MODEL_JSON_MAX_BYTES });
  // A model file the page reads fits what the core reads.
  expect(MODEL_FILE_MAX_BYTES).toBeLessThanOrEqual(MODEL_JSON_MAX_BYTES);
});

test('utf8Length counts the bytes Node\'s encoder writes, for any text', () => {
  fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => utf8Length(text) === Buffer.byteLength(text, 'utf8')), { numRuns: 2000 });
  fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (text) => utf8Length(text) === Buffer.byteLength(text, 'utf8')), { numRuns: 2000 });
  expect(utf8Length('\uD800')).toBe(3); // a lone surrogate becomes U+FFFD
  expect(utf8Length('😀')).toBe(4);
});

test('textTooLong names the field and the limit, only past the limit', () => {
  expect(textTooLong('json', 'the model text', 'x'.repeat(10), 10)).toBeNull();
  expect(textTooLong('json', 'the model text', 'é'.repeat(5), 10)).toBeNull(); // 10 bytes
  expect(textTooLong('json', 'the model text', 'é'.repeat(6), 10)).toBe('json: the model text is 12 bytes, more than the 10 the core reads');
  expect(textTooLong('config', "the config's JSON", '€'.repeat(4), 11)).toBe("config: the config's JSON is 12 bytes, more than the 11 the core reads");
});

test('export and import through the heap buffer round-trip a trained model', async () => {
  const trainer = await createTrainer({ hidden: [5, 4], seed: 3, activation: 'prelu' });
  const copy = await createTrainer({ hidden: [2], seed: 9 });
  try {
    trainer.step(20);
    const text = trainer.exportJson();
    expect(JSON.parse(text).params).toHaveLength(trainer.paramCount);
    copy.importJson(text);
    expect(Array.from(copy.params())).toEqual(Array.from(trainer.params()));
    expect(copy.exportJson()).toBe(text);
  } finally {
    trainer.delete();
    copy.delete();
  }
});
