// D1 (bench/js/workloads): the libraries that are not the core must get the
// very images and split the core trains on, read through the core's JS API,
// and the harness must flag a library whose losses do not match.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as api from '../../../web/api/index.js';
import { readDigitsSplit, DIGIT_INPUTS } from '../../../bench/js/workloads/digits.mjs';
import { withDigits, workloads } from '../../../bench/js/workloads/spec.mjs';
import { crossCheck } from '../../../bench/js/harness/checks.mjs';
import { DIGIT_COUNT, RECORD_BYTES } from '../../../scripts/fetch-digits.mjs';

const dist = new URL('../../../wasm-build/dist/', import.meta.url).href;
const bytes = readFileSync(fileURLToPath(new URL('../../../data/digits/digits.bin', import.meta.url)));
const d1 = workloads().D1;
let split;

beforeAll(async () => {
  split = await readDigitsSplit(api, { build: 'simd', wasmBaseUrl: dist }, d1.coreConfig);
});

test('the split covers every image once, in the config\'s proportion', () => {
  expect(split.train.count).toBe(Math.round(DIGIT_COUNT * d1.trainRatio));
  expect(split.train.count + split.test.count).toBe(DIGIT_COUNT);
  expect(split.train.x.length).toBe(split.train.count * DIGIT_INPUTS);
  expect(split.test.labels.length).toBe(split.test.count);
});

test('each image is digits.bin\'s record, pixels scaled by 1/16, with its label', () => {
  // Match every image back to the shipped file: pixels and label must equal one record.
  const records = new Map();
  for (let r = 0; r < DIGIT_COUNT; r++) {
    const record = bytes.subarray(r * RECORD_BYTES, (r + 1) * RECORD_BYTES);
    const key = Array.from(record).join(',');
    records.set(key, (records.get(key) ?? 0) + 1);
  }
  for (const set of [split.train, split.test]) {
    for (let i = 0; i < set.count; i++) {
      const pixels = Array.from(set.x.subarray(i * DIGIT_INPUTS, (i + 1) * DIGIT_INPUTS), (v) => Math.round(v * 16));
      const key = [...pixels, set.labels[i]].join(',');
      expect(records.get(key)).toBeGreaterThan(0);
      records.set(key, records.get(key) - 1);
    }
  }
  expect([...records.values()].every((left) => left === 0)).toBe(true);
});

test('another seed splits differently (the split is the core\'s, not the file\'s order)', async () => {
  const other = await readDigitsSplit(api, { build: 'simd', wasmBaseUrl: dist }, { ...d1.coreConfig, seed: d1.coreConfig.seed + 1 });
  expect(Array.from(other.train.labels)).not.toEqual(Array.from(split.train.labels));
});

test('withDigits shapes D1 like W3, with the test set and a sample order over the train set', () => {
  const w = withDigits(d1, split);
  expect(w.data).toMatchObject({ inputs: 64, classes: 10, count: split.train.count });
  expect(w.test.count).toBe(split.test.count);
  expect(Math.max(...w.order)).toBe(split.train.count - 1);
  expect(w.params.length).toBe(64 * 128 + 128 + 128 * 64 + 64 + 64 * 10 + 10);
});

describe('crossCheck on D1', () => {
  const agreeing = { before: [2.5287, 2.5467], after: [2.3030, 2.3262] };
  test('agreeing libraries pass; the core is not held to the others\' sample order', () => {
    expect(crossCheck('node', {
      'relu-simd': { D1: { before: [2.5287, 2.5467], after: [2.34, 2.37] } },
      'tfjs-wasm': { D1: agreeing },
      convnetjs: { D1: agreeing },
    })).toEqual([]);
  });
  test('a test-set loss that differs before training is named', () => {
    const problems = crossCheck('node', {
      'relu-simd': { D1: agreeing },
      'tfjs-wasm': { D1: { ...agreeing, before: [2.5287, 2.61] } },
    });
    expect(problems).toEqual([expect.stringContaining('node D1 test loss before training: tfjs-wasm 2.61')]);
  });
  test('libraries sharing the order must agree after the first steps', () => {
    const problems = crossCheck('node', {
      'tfjs-wasm': { D1: agreeing },
      convnetjs: { D1: { ...agreeing, after: [2.40, 2.3262] } },
    });
    expect(problems).toEqual([expect.stringContaining('D1 train loss after the first steps: convnetjs 2.4')]);
  });
});
