// The shipped digits file (data/digits/digits.bin) is the source the core
// embeds: its bytes must be those recorded, and its shape what the core reads.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { digitsCsvToBytes, DIGIT_COUNT, DIGIT_PIXELS, RECORD_BYTES } from '../../../scripts/fetch-digits.mjs';

const folder = fileURLToPath(new URL('../../../data/digits/', import.meta.url));
const bytes = readFileSync(`${folder}digits.bin`);

test('digits.bin matches its recorded SHA-256', () => {
  const recorded = readFileSync(`${folder}digits.bin.sha256`, 'utf8').split(/\s+/)[0];
  expect(recorded).toMatch(/^[0-9a-f]{64}$/);
  expect(createHash('sha256').update(bytes).digest('hex')).toBe(recorded);
});

test('digits.bin holds 1,797 images of 64 pixels in 0..16 and a label in 0..9', () => {
  expect(bytes.length).toBe(DIGIT_COUNT * RECORD_BYTES);
  const counts = new Array(10).fill(0);
  for (let r = 0; r < DIGIT_COUNT; r++) {
    const record = bytes.subarray(r * RECORD_BYTES, (r + 1) * RECORD_BYTES);
    expect(Math.max(...record.subarray(0, DIGIT_PIXELS))).toBeLessThanOrEqual(16);
    const label = record[DIGIT_PIXELS];
    expect(label).toBeLessThanOrEqual(9);
    counts[label] += 1;
  }
  expect(counts).toEqual([178, 182, 177, 183, 181, 182, 181, 179, 174, 180]);
});

test('the first record is the CSV first row (a 0)', () => {
  // scikit-learn's first image, as its digits.csv.gz holds it.
  const firstRow = '0,0,5,13,9,1,0,0,0,0,13,15,10,15,5,0,0,3,15,2,0,11,8,0,0,4,12,0,0,8,8,0,0,5,8,0,0,9,8,0,0,4,11,0,1,12,7,0,0,2,14,5,10,12,0,0,0,0,6,13,10,0,0,0,0';
  expect([...bytes.subarray(0, RECORD_BYTES)]).toEqual(firstRow.split(',').map(Number));
});

describe('digitsCsvToBytes refuses what is not the digits, naming the place', () => {
  const row = `${new Array(64).fill(0).join(',')},3`;
  const csv = (rows) => rows.join('\n');
  test('wrong row count', () => {
    expect(() => digitsCsvToBytes(csv([row]))).toThrow('1 rows, expected 1797');
  });
  test('a pixel above 16', () => {
    const rows = new Array(DIGIT_COUNT).fill(row);
    rows[5] = `17,${row.slice(2)}`;
    expect(() => digitsCsvToBytes(csv(rows))).toThrow('row 6, column 1: 17 is not a whole number in [0, 16]');
  });
  test('a label above 9', () => {
    const rows = new Array(DIGIT_COUNT).fill(row);
    rows[0] = `${new Array(64).fill(0).join(',')},10`;
    expect(() => digitsCsvToBytes(csv(rows))).toThrow('row 1, column 65: 10 is not a whole number in [0, 9]');
  });
  test('a good file converts byte for byte', () => {
    const out = digitsCsvToBytes(csv(new Array(DIGIT_COUNT).fill(row)));
    expect(out.length).toBe(DIGIT_COUNT * RECORD_BYTES);
    expect(out[RECORD_BYTES - 1]).toBe(3);
  });
});
