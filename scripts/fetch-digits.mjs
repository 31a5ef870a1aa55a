#!/usr/bin/env node
// Writes data/digits/digits.bin, the handwritten digits the core embeds, from
// Debian's python3-sklearn package: the .deb is fetched with `apt-get download`
// and unpacked with `dpkg -x` into a temporary folder (nothing is installed),
// and sklearn/datasets/data/digits.csv.gz is read from it. Run it only to
// refresh the shipped file; the build reads data/digits/digits.bin alone.
//
// digits.bin: 1,797 records of 65 bytes, in the CSV's order: the 64 pixels of
// an 8x8 image, row by row, each 0..16, then the label 0..9. Deterministic:
// the same package gives the same bytes, and data/digits/digits.bin.sha256
// records them (tests/js/data/digits-data.test.js checks it).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

export const DIGIT_COUNT = 1797;
export const DIGIT_PIXELS = 64;
export const RECORD_BYTES = DIGIT_PIXELS + 1;

/** The CSV's rows (64 pixels then the label) as digits.bin's bytes; throws naming the bad row. */
export function digitsCsvToBytes(csvText) {
  const rows = csvText.split('\n').filter((line) => line.trim() !== '');
  if (rows.length !== DIGIT_COUNT) throw new Error(`digits.csv: ${rows.length} rows, expected ${DIGIT_COUNT}`);
  const bytes = new Uint8Array(rows.length * RECORD_BYTES);
  rows.forEach((row, r) => {
    const values = row.split(',').map(Number);
    if (values.length !== RECORD_BYTES) throw new Error(`digits.csv row ${r + 1}: ${values.length} values, expected ${RECORD_BYTES}`);
    values.forEach((value, c) => {
      const max = c < DIGIT_PIXELS ? 16 : 9;
      if (!Number.isInteger(value) || value < 0 || value > max) {
        throw new Error(`digits.csv row ${r + 1}, column ${c + 1}: ${value} is not a whole number in [0, ${max}]`);
      }
      bytes[r * RECORD_BYTES + c] = value;
    });
  });
  return bytes;
}

function main() {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const work = mkdtempSync(join(tmpdir(), 'relu-digits-'));
  try {
    execFileSync('apt-get', ['download', 'python3-sklearn'], { cwd: work, stdio: 'inherit' });
    const deb = readdirSync(work).find((name) => name.endsWith('.deb'));
    if (!deb) throw new Error('apt-get download gave no .deb');
    execFileSync('dpkg', ['-x', deb, 'unpacked'], { cwd: work, stdio: 'inherit' });
    const data = join(work, 'unpacked/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz');
    const bytes = digitsCsvToBytes(gunzipSync(readFileSync(data)).toString('ascii'));
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    writeFileSync(join(root, 'data/digits/digits.bin'), bytes);
    writeFileSync(join(root, 'data/digits/digits.bin.sha256'), `${sha256}  digits.bin\n`);
    console.log(`data/digits/digits.bin: ${bytes.length} bytes from ${deb}, sha256 ${sha256}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
