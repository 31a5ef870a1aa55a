// Property-based fuzzing of the points CSV parser: any text in, a clear
// answer out; what it accepts, the schema and the core accept too.
import fc from 'fast-check';
import { parsePointsCsv, pointsToCsv } from '../../../web/ui/csv.js';
import { checkField, validateConfig, MAX_CLASSES, MAX_SAMPLES } from '../../../web/shared/schema.js';
import { DOMAIN } from '../../../web/shared/protocol.js';
import { createTrainer } from '../../../web/api/index.js';
import { requireBuilds } from '../api/builds.js';

requireBuilds();

// A fixed seed keeps CI deterministic; FC_SEED=... replays or explores.
const SEED = Number(process.env.FC_SEED ?? 20261203);
const RUNS = Number(process.env.FC_RUNS ?? 300);
const settings = (runs = RUNS) => ({ seed: SEED, numRuns: runs });
const PROBLEMS = ['binary', 'multiclass', 'regression'];
const MAX_MESSAGE = 300;
// What a message must never carry raw: controls, bidi overrides and isolates.
const RAW_HIDDEN = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

// Text built from the pieces a CSV is made of, so runs reach past the first cell.
const csvPiece = fc.oneof(
  fc.constantFrom(',', ';', '\t', '\n', '\r\n', '\r', '"', '""', ' ', '#', '\uFEFF', '\u0000', '-', '+', '.', 'e', 'E',
    'x1,x2,label', 'NaN', 'Infinity', '1e39', '1e400', '-0', '\u2212', '\uFF11', '\u202E', '\uD800'),
  fc.integer({ min: -12, max: 12 }).map(String),
  fc.double({ noNaN: false }).map(String),
  fc.string({ unit: 'binary', maxLength: 4 }),
);
const csvLike = fc.array(csvPiece, { maxLength: 60 }).map((pieces) => pieces.join(''));
// Rows of cells, so that runs reach the checks on values and row counts too.
const cellText = fc.oneof(
  fc.integer({ min: -12, max: 12 }).map(String),
  fc.double().map(String),
  fc.constantFrom('', 'NaN', '-Infinity', '1e39', '-1e39', '3.4028235e38', '3.4028236e38', '1e-50', '-0', '0x1', '1,5', '１', '\u22121', ' 1 '),
  fc.string({ unit: 'binary', maxLength: 3 }),
).chain((cell) => fc.constantFrom(cell, `"${cell}"`, `"${cell.replaceAll('"', '""')}"`));
const rowText = fc.tuple(fc.array(cellText, { minLength: 1, maxLength: 4 }), fc.constantFrom(',', ';', '\t'))
  .map(([cells, separator]) => cells.join(separator));
const rowsText = fc.tuple(
  fc.constantFrom('', 'x1,x2,label', '\uFEFFx1;x2;label', '# comment'),
  fc.array(rowText, { maxLength: 8 }),
  fc.constantFrom('\n', '\r\n', '\r'),
).map(([header, rows, end]) => [header, ...rows].join(end));
const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), csvLike, rowsText);

function labelAllowed(label, problem) {
  if (problem === 'regression') return Number.isFinite(Math.fround(label));
  return Number.isInteger(label) && label >= 0 && label <= (problem === 'binary' ? 1 : MAX_CLASSES - 1);
}

function checkAnswer(result, problem) {
  const keys = Object.keys(result).sort();
  if (result.error !== undefined) {
    expect(keys).toEqual(['error']);
    expect(typeof result.error).toBe('string');
    expect(result.error.length).toBeGreaterThan(0);
    expect(result.error.length).toBeLessThanOrEqual(MAX_MESSAGE);
    expect(result.error).not.toMatch(RAW_HIDDEN);
    return;
  }
  expect(keys).toEqual(['points']);
  const { points } = result;
  expect(checkField('points', points)).toBeNull();
  expect(points.length).toBeGreaterThanOrEqual(2);
  expect(points.length).toBeLessThanOrEqual(MAX_SAMPLES);
  for (const [x1, x2, label] of points) {
    expect(Math.abs(x1)).toBeLessThanOrEqual(DOMAIN);
    expect(Math.abs(x2)).toBeLessThanOrEqual(DOMAIN);
    expect(labelAllowed(label, problem)).toBe(true);
  }
  expect(validateConfig({ dataset: 'custom', problem, points }).errors).toEqual([]);
}

test('any text: never throws; points the schema accepts, or one short escaped message', () => {
  fc.assert(fc.property(anyText, fc.constantFrom(...PROBLEMS), (text, problem) => {
    checkAnswer(parsePointsCsv(text, problem), problem);
  }), settings(2000));
});

const coordinate = fc.double({ min: -DOMAIN, max: DOMAIN, noNaN: true }).map((v) => v + 0);
const labelFor = {
  binary: fc.integer({ min: 0, max: 1 }),
  multiclass: fc.integer({ min: 0, max: MAX_CLASSES - 1 }),
  regression: fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true, min: -3.4e38, max: 3.4e38 }).map((v) => v + 0), fc.integer()),
};
const pointsFor = (problem) => fc.array(fc.tuple(coordinate, coordinate, labelFor[problem]), { minLength: 2, maxLength: 50 });
const problemAndPoints = fc.constantFrom(...PROBLEMS).chain((problem) => pointsFor(problem).map((points) => ({ problem, points })));

test('valid points round-trip through pointsToCsv exactly', () => {
  fc.assert(fc.property(problemAndPoints, ({ problem, points }) => {
    expect(parsePointsCsv(pointsToCsv(points), problem)).toEqual({ points });
  }), settings());
});

// One edit at a random place: insert, delete or replace a piece.
const mutated = problemAndPoints.chain(({ problem, points }) => {
  const text = pointsToCsv(points);
  return fc.array(fc.tuple(fc.nat(text.length), fc.nat(4), csvPiece), { minLength: 1, maxLength: 4 }).map((edits) => {
    let out = text;
    for (const [at, remove, insert] of edits) out = out.slice(0, at) + insert + out.slice(at + remove);
    return { problem, text: out };
  });
});

// Valid rows with a few cells swapped for hostile ones: every row but those stays valid.
const cellSwapped = problemAndPoints.chain(({ problem, points }) => fc.array(
  fc.tuple(fc.nat(points.length - 1), fc.nat(2), cellText), { minLength: 1, maxLength: 3 },
).map((swaps) => {
  const rows = points.map((p) => p.map(String));
  for (const [row, column, cell] of swaps) rows[row][column] = cell;
  return { problem, text: rows.map((r) => r.join(',')).join('\n') };
}));

describe('against the core', () => {
  let trainer;
  beforeAll(async () => {
    trainer = await createTrainer({ hidden: [2], numSamples: 10 });
  });
  afterAll(() => trainer?.delete());

  // Whatever the parser accepts from a mutated file, the core accepts as the custom dataset.
  test('mutated valid files: an error, or points the core takes', () => {
    fc.assert(fc.property(fc.oneof(mutated, cellSwapped), ({ problem, text }) => {
      const result = parsePointsCsv(text, problem);
      checkAnswer(result, problem);
      if (result.points) {
        expect(() => trainer.configure({ dataset: 'custom', problem, points: result.points })).not.toThrow();
      }
    }), settings());
  });
});
