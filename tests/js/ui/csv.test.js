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

  const X_RANGE = 'a decimal number in \\[-6, 6\\]';
  test.each([
    ['1,2,0\n3,4', 'binary', /^line 2: expected 3 columns \(x1, x2, label\), got 2$/],
    ['x1,x2,label\n1,2,0\n1,abc,1', 'binary', new RegExp(`^line 3: x2 "abc" is not a number \\(column 2: ${X_RANGE}\\)$`)],
    ['1,2,0\n1,2,2', 'binary', /^line 2: label "2" must be a whole number in \[0, 1\] for a binary problem \(column 3; for more classes, choose the multiclass problem first\)$/],
    ['1,2,0\n1,2,0.5', 'multiclass', /^line 2: label "0.5" must be a whole number in \[0, 9\] for a multiclass problem \(column 3\)$/],
    ['1,2,0\n1,2,10', 'multiclass', /^line 2: label "10" must be/],
    ['1,2,0\n7,2,1', 'binary', /^line 2: x1 "7" is outside the plotted square \[-6, 6\] \(column 1\)$/],
    ['1,2,0', 'binary', /^the file has 1 data rows; at least 2 are needed$/],
    ['', 'binary', /^the file is empty/],
    ['\uFEFF \r\n\t\n', 'binary', /^the file is empty/],
    ['x1,x2,label\n', 'binary', /^the file has 0 data rows/],
    ['x1,x2,label\n# only a comment\n', 'binary', /^the file has 0 data rows/],
    ['1,2,0\n1,2,', 'binary', /^line 2: label "" is not a number \(column 3: a whole number in \[0, 1\]\)$/],
    ['1,2,0,5\n1,2,1', 'binary', /^line 1: expected 3 columns \(x1, x2, label\), got 4$/],
    ['1,2,0\n1,2,1,', 'binary', /^line 2: expected 3 columns .*got 4$/],
    ['1,2,0\nfoo,bar,baz', 'binary', /^line 2: x1 "foo" is not a number/],
    // Non-finite numbers, in words and by overflow.
    ['1,2,0\nNaN,1,1', 'binary', /^line 2: x1 "NaN" is not a number \(column 1: .*; NaN and infinities are not allowed\)$/],
    ['1,2,0\n1,-Infinity,1', 'binary', /^line 2: x2 "-Infinity" is not a number .*NaN and infinities/],
    ['1,2,0\n1e400,1,1', 'binary', /^line 2: x1 "1e400" is outside the plotted square/],
    ['1,2,0\n1e39,1,1', 'regression', /^line 2: x1 "1e39" is outside the plotted square/],
    // The core stores labels as float32: beyond its range a label would be infinite there.
    ['1,2,0\n1,1,1e39', 'regression', /^line 2: label "1e39" is too large \(column 3: a finite number within ±3.4e\+38\)$/],
    ['1,2,0\n1,1,-1e400', 'regression', /^line 2: label "-1e400" is too large/],
    ['1,2,0\n1,1,Infinity', 'regression', /^line 2: label "Infinity" is not a number \(column 3: a finite number within ±3.4e\+38; NaN and/],
    // Characters that look like numbers to a person.
    ['1,2,0\n\u22121,1,1', 'binary', /^line 2: x1 "−1" is not a number \(column 1: .*; U\+2212 looks like a minus sign but is not '-'/],
    ['1,2,0\n1,\uFF12,1', 'binary', /^line 2: x2 "２" is not a number .*U\+FF12 is a digit of another script: use 0-9/],
    ['1;2;0\n1;2,5;1', 'binary', /^line 2: expected 3 columns/],
    ['1,2,0\n1,"2,5",1', 'binary', /^line 2: x2 "2,5" is not a number .*use '\.' for decimals/],
    // Quotes that do not close, or text after them.
    ['1,2,0\n1,"2,1', 'binary', /^line 2, column 2: a quoted cell is not closed/],
    ['1,2,0\n1,"2"x,1', 'binary', /^line 2, column 2: text after a quoted cell's closing quote$/],
    // Binary files and UTF-16 read as UTF-8 carry NUL bytes.
    ['1,2,0\n1,2\u0000,1', 'binary', /^line 2: the file contains NUL bytes/],
    ['x\u00001\u0000,\u0000', 'binary', /^line 1: the file contains NUL bytes: .*UTF-16/],
    // Control and bidi characters in a quoted cell are escaped, never shown raw.
    ['1,2,0\n1,a\u202Eb\u0007,1', 'binary', /^line 2: x2 "a\\u\{202E\}b\\u\{0007\}" is not a number/],
  ])('%j (%s) -> error', (text, problem, message) => {
    const result = parsePointsCsv(text, problem);
    expect(result.points).toBeUndefined();
    expect(result.error).toMatch(message);
  });

  test('a message quotes at most 40 characters of a huge cell', () => {
    const { error } = parsePointsCsv(`1,2,0\n${'9'.repeat(100000)}x,1,1`);
    expect(error).toMatch(/^line 2: x1 "9{39}…" is not a number/);
    expect(error.length).toBeLessThan(200);
  });

  test('line ends: CRLF, LF and CR alone, and a leading BOM', () => {
    const expected = { points: [[1, 2, 0], [3, 4, 1]] };
    expect(parsePointsCsv('\uFEFFx1,x2,label\r\n1,2,0\r\n3,4,1\r\n')).toEqual(expected);
    expect(parsePointsCsv('x1,x2,label\r1,2,0\r3,4,1\r')).toEqual(expected);
    expect(parsePointsCsv('1,2,0\n3,4,1')).toEqual(expected);
    // A CR-only file names the right line.
    expect(parsePointsCsv('1,2,0\r3,4,1\rx,4,1').error).toMatch(/^line 3: x1 "x"/);
  });

  test('quoted cells, spaces and a quoted header', () => {
    const text = '"x1","x2","label"\n"1" , "2","0"\n 3 ;"4"; 1 \n"-0.5","+.5","1"';
    expect(parsePointsCsv(text)).toEqual({ points: [[1, 2, 0], [3, 4, 1], [-0.5, 0.5, 1]] });
  });

  test('-0 is read as 0, as every encoding of the points writes it', () => {
    const { points } = parsePointsCsv('-0,-0.0,0\n1,1,-0', 'binary');
    expect(points.flat().every((v) => Object.is(v, 0) || v === 1)).toBe(true);
    expect(points).toEqual([[0, 0, 0], [1, 1, 0]]);
  });

  test('labels follow the problem: class indices, or any float32-finite number for regression', () => {
    expect(parsePointsCsv('0,0,0\n1,1,9', 'multiclass').points).toEqual([[0, 0, 0], [1, 1, 9]]);
    expect(parsePointsCsv('0,0,-1e38\n1,1,3.4028235e38', 'regression').points).toEqual([[0, 0, -1e38], [1, 1, 3.4028235e38]]);
  });

  test('too many rows is refused; exactly 20,000 are read', () => {
    const rows = Array.from({ length: 20001 }, (_, i) => `0,0,${i % 2}`);
    expect(parsePointsCsv(rows.join('\n')).error).toMatch(/^line 20001: more than 20000 points \(the core's limit: at most 20,000 rows\)$/);
    expect(parsePointsCsv(['x1,x2,label', ...rows.slice(1)].join('\n')).points).toHaveLength(20000);
  });
});

describe('columnsToCsv', () => {
  test('writes a header and rows, non-finite cells empty', () => {
    const csv = columnsToCsv([{ name: 'step', values: [1, 2] }, { name: 'loss', values: [0.5, NaN] }]);
    expect(csv).toBe('step,loss\n1,0.5\n2,\n');
  });
});
