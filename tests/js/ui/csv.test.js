import { parsePointsCsv, pointsToCsv, columnsToCsv } from '../../../web/ui/csv.js';

describe('parsePointsCsv', () => {
  test('reads rows with a header, comments, blank lines and mixed separators', () => {
    const text = 'x1,x2,label\n# a comment\n1,2,0\n\n-3.5;4e-1;1\r\n0\t0\t1\n';
    expect(parsePointsCsv(text)).toEqual({ points: [[1, 2, 0], [-3.5, 0.4, 1], [0, 0, 1]] });
  });

  test('regression accepts any finite label', () => {
    expect(parsePointsCsv('0,0,-0.7\n1,1,2.5', 'regression').points).toEqual([[0, 0, -0.7], [1, 1, 2.5]]);
  });

  test('a round trip through pointsToCsv', () => {
    const points = [[1.25, -2, 1], [0, 3, 0]];
    expect(parsePointsCsv(pointsToCsv(points)).points).toEqual(points);
  });

  test.each([
    ['1,2,0\n3,4', 'binary', /^line 2: expected 3 columns \(x1, x2, label\), got 2$/],
    ['x1,x2,label\n1,2,0\n1,abc,1', 'binary', /^line 3: x2 "abc" is not a number$/],
    ['1,2,0\n1,2,2', 'binary', /^line 2: label 2 must be a whole number in \[0, 1\] for a binary problem$/],
    ['1,2,0\n1,2,0.5', 'multiclass', /^line 2: label 0.5 must be a whole number in \[0, 9\]/],
    ['1,2,0\n1,2,10', 'multiclass', /^line 2: label 10 must be/],
    ['1,2,0\n7,2,1', 'binary', /^line 2: x1 = 7 is outside the plotted square \[-6, 6\]$/],
    ['1,2,0', 'binary', /at least 2 are needed/],
    ['', 'binary', /the file has 0 data rows/],
    ['x1,x2,label\n', 'binary', /the file has 0 data rows/],
    ['1,2,0\n1,2,', 'binary', /^line 2: label "" is not a number$/],
    ['1,2,0,5\n1,2,1', 'binary', /^line 1: expected 3 columns/],
    ['1,2,0\nfoo,bar,baz', 'binary', /^line 2: x1 "foo" is not a number$/],
  ])('%j (%s) -> error', (text, problem, message) => {
    const result = parsePointsCsv(text, problem);
    expect(result.points).toBeUndefined();
    expect(result.error).toMatch(message);
  });

  test('too many rows is refused', () => {
    const text = Array.from({ length: 20001 }, (_, i) => `0,0,${i % 2}`).join('\n');
    expect(parsePointsCsv(text).error).toMatch(/^line 20001: more than 20000 points/);
  });
});

describe('columnsToCsv', () => {
  test('writes a header and rows, non-finite cells empty', () => {
    const csv = columnsToCsv([{ name: 'step', values: [1, 2] }, { name: 'loss', values: [0.5, NaN] }]);
    expect(csv).toBe('step,loss\n1,0.5\n2,\n');
  });
});
