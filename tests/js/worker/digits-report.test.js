import { digitsReport, digitsReportBuffers, DIGITS_SAMPLE_SIZE } from '../../../web/worker/digits-report.js';
import { perClassAccuracy, confusionCorrect } from '../../../web/ui/components/digits-view.js';
import { datasetEdit } from '../../../web/shared/dataset-fields.js';

// Test points as the core gives them for digits: [image index, 0, label].
function points(labels) {
  return Float32Array.from(labels.flatMap((label, i) => [100 + i, 0, label]));
}
const pixelsOf = (index) => new Float32Array(64).fill(index / 1000);

describe('digitsReport', () => {
  test('counts each test digit once in its row (true label) and column (prediction)', () => {
    const labels = [3, 3, 7, 0, 9];
    const report = digitsReport({ testPoints: points(labels), predictions: Int32Array.from([3, 8, 7, 0, 4]), pixelsOf });
    expect(report.total).toBe(5);
    expect(report.confusion.reduce((a, b) => a + b, 0)).toBe(5);
    expect(report.confusion[3 * 10 + 3]).toBe(1);
    expect(report.confusion[3 * 10 + 8]).toBe(1);
    expect(report.confusion[9 * 10 + 4]).toBe(1);
    expect(confusionCorrect(report.confusion, 10)).toBe(3);
  });

  test('before the first full pass: an empty matrix and no predictions, the sample still shown', () => {
    const report = digitsReport({ testPoints: points([1, 2]), predictions: new Int32Array(0), pixelsOf });
    expect(report.total).toBe(0);
    expect([...report.sample.predicted]).toEqual([-1, -1]);
    expect([...report.sample.labels]).toEqual([1, 2]);
  });

  test('the sample is the first test digits, with their images, at most DIGITS_SAMPLE_SIZE', () => {
    const labels = Array.from({ length: 100 }, (_, i) => i % 10);
    const report = digitsReport({ testPoints: points(labels), predictions: Int32Array.from(labels), pixelsOf });
    expect(report.sample.count).toBe(DIGITS_SAMPLE_SIZE);
    expect(report.sample.indices[5]).toBe(105);
    expect(report.sample.pixels[5 * 64]).toBeCloseTo(0.105);
    expect(report.sample.pixels.length).toBe(DIGITS_SAMPLE_SIZE * 64);
    expect(digitsReportBuffers(report)).toHaveLength(5);
  });
});

describe('perClassAccuracy', () => {
  test('is the diagonal over the row, NaN for an empty row', () => {
    const confusion = new Uint32Array(9);
    confusion[0] = 3; confusion[1] = 1; // class 0: 3 of 4
    confusion[4] = 2; // class 1: 2 of 2
    const rows = perClassAccuracy(confusion, 3);
    expect(rows[0]).toEqual({ correct: 3, total: 4, accuracy: 0.75 });
    expect(rows[1].accuracy).toBe(1);
    expect(rows[2].accuracy).toBeNaN();
  });
});

describe('datasetEdit', () => {
  test('digits brings the multiclass problem unless one is given', () => {
    expect(datasetEdit('digits', { hidden: [4, 2] })).toEqual({ dataset: 'digits', problem: 'multiclass' });
    expect(datasetEdit('digits', { problem: 'binary', hidden: [4, 2] })).toEqual({ dataset: 'digits' });
    expect(datasetEdit('spiral')).toEqual({ dataset: 'spiral' });
  });
});
