// CSV in and out: custom data points from a file, and the run's metrics.
// Pure: text in, values out.

import { MAX_CLASSES, MAX_SAMPLES } from '../shared/schema.js';
import { DOMAIN } from '../shared/protocol.js';
import { quoted } from '../shared/excerpt.js';
import { FLOAT32_MAX } from '../shared/limits.js';
import { NUMBER_TEXT } from '../shared/number-text.js';

const SEPARATOR = /[,;\t]/;
const COLUMNS = ['x1', 'x2', 'label'];

/**
 * Splits one line at commas, semicolons or tabs; a cell may be in double
 * quotes ("" inside is a quote). Keeps the first 4 cells and counts the rest,
 * so a hostile line costs one pass. Returns {cells, count} or {error}.
 */
function splitRow(line) {
  const cells = [];
  let count = 0;
  let i = 0;
  for (;;) {
    while (line[i] === ' ') i++;
    let cell;
    if (line[i] === '"') {
      cell = '';
      i++;
      for (;;) {
        const close = line.indexOf('"', i);
        if (close < 0) return { error: `column ${count + 1}: a quoted cell is not closed (a cell cannot span lines)` };
        cell += line.slice(i, close);
        i = close + 1;
        if (line[i] !== '"') break;
        cell += '"';
        i++;
      }
      while (line[i] === ' ') i++;
      if (i < line.length && !SEPARATOR.test(line[i])) {
        return { error: `column ${count + 1}: text after a quoted cell's closing quote` };
      }
    } else {
      const rest = line.slice(i).search(SEPARATOR);
      const end = rest < 0 ? line.length : i + rest;
      cell = line.slice(i, end);
      i = end;
    }
    count++;
    if (cells.length < 4) cells.push(cell.trim());
    if (i >= line.length) return { cells, count };
    i++; // the separator
  }
}

function allowedValues(column, problem) {
  if (column !== 'label') return `a decimal number in [-${DOMAIN}, ${DOMAIN}]`;
  if (problem === 'regression') return `a finite number within ±${FLOAT32_MAX.toPrecision(2)}`;
  return `a whole number in [0, ${problem === 'binary' ? 1 : MAX_CLASSES - 1}]`;
}

// Why a cell that looks like a number to a person is not one here.
function notANumberHint(cell) {
  if (/^[-+]?(nan|inf(inity)?)$/i.test(cell)) return '; NaN and infinities are not allowed';
  const foreign = cell.match(/[^\x20-\x7e]/u);
  if (foreign) {
    const code = `U+${foreign[0].codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    if (/[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/u.test(foreign[0])) return `; ${code} looks like a minus sign but is not '-'`;
    if (/\p{Nd}/u.test(foreign[0])) return `; ${code} is a digit of another script: use 0-9`;
    return `; ${code} is not part of a number`;
  }
  if (/^[-+]?\d+,\d+$/.test(cell)) return "; use '.' for decimals";
  return '';
}

/**
 * Parses "x1,x2,label" rows (comma, semicolon or tab; cells optionally in
 * double quotes; an optional header line; blank lines and # comments
 * skipped; CRLF, LF or CR line ends; a leading BOM ignored). Labels must be
 * class indices unless the problem is regression. Returns {points} or
 * {error}, where the error names the line, the column and what is allowed,
 * and quotes at most a short excerpt of the file.
 */
export function parsePointsCsv(text, problem = 'binary') {
  const source = String(text).replace(/^\uFEFF/, '');
  if (source.trim() === '') return { error: 'the file is empty; expected rows of x1,x2,label' };
  const nul = source.indexOf('\0');
  if (nul >= 0) {
    const lineNo = source.slice(0, nul).split(/\r\n|\n|\r/).length;
    return { error: `line ${lineNo}: the file contains NUL bytes: it is not text, or it is UTF-16 without a byte-order mark (save it as UTF-8 CSV)` };
  }
  const lines = source.split(/\r\n|\n|\r/);
  const points = [];
  let sawData = false;
  const maxLabel = problem === 'binary' ? 1 : MAX_CLASSES - 1;
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = lines[i].trim();
    if (line === '' || line.startsWith('#')) continue;
    const row = splitRow(line);
    if (row.error) return { error: `line ${lineNo}, ${row.error}` };
    const { cells, count } = row;
    const numeric = cells.map((c) => NUMBER_TEXT.test(c));
    if (!sawData && !numeric.some(Boolean)) {
      sawData = true; // a header such as "x1,x2,label"
      continue;
    }
    sawData = true;
    if (count !== 3) {
      return { error: `line ${lineNo}: expected 3 columns (x1, x2, label), got ${count}` };
    }
    const bad = numeric.indexOf(false);
    if (bad >= 0) {
      const column = COLUMNS[bad];
      return {
        error: `line ${lineNo}: ${column} ${quoted(cells[bad])} is not a number (column ${bad + 1}: ${allowedValues(column, problem)}${notANumberHint(cells[bad])})`,
      };
    }
    // + 0 turns -0 into 0, which every encoding of the points writes alike.
    const [x1, x2, label] = cells.map((c) => Number(c) + 0);
    for (const [k, v] of [[0, x1], [1, x2]]) {
      if (!(Math.abs(v) <= DOMAIN)) {
        return { error: `line ${lineNo}: ${COLUMNS[k]} ${quoted(cells[k])} is outside the plotted square [-${DOMAIN}, ${DOMAIN}] (column ${k + 1})` };
      }
    }
    if (problem !== 'regression' && (!Number.isInteger(label) || label < 0 || label > maxLabel)) {
      const more = problem === 'binary' && Number.isInteger(label) && label > 1 && label < MAX_CLASSES
        ? '; for more classes, choose the multiclass problem first' : '';
      return { error: `line ${lineNo}: label ${quoted(cells[2])} must be a whole number in [0, ${maxLabel}] for a ${problem} problem (column 3${more})` };
    }
    if (!Number.isFinite(Math.fround(label))) {
      return { error: `line ${lineNo}: label ${quoted(cells[2])} is too large (column 3: ${allowedValues('label', problem)})` };
    }
    points.push([x1, x2, label]);
    if (points.length > MAX_SAMPLES) {
      return { error: `line ${lineNo}: more than ${MAX_SAMPLES} points (the core's limit: at most ${MAX_SAMPLES.toLocaleString('en')} rows)` };
    }
  }
  if (points.length < 2) return { error: `the file has ${points.length} data rows; at least 2 are needed` };
  return { points };
}

/** The points as CSV text, with a header (the format parsePointsCsv reads). */
export function pointsToCsv(points) {
  return ['x1,x2,label', ...points.map((p) => p.join(','))].join('\n') + '\n';
}

function formatCell(value) {
  if (value === null || value === undefined || Number.isNaN(value)) return '';
  return String(value);
}

/** Rows of named columns as CSV text: columns = [{name, values}], equal lengths. */
export function columnsToCsv(columns) {
  const header = columns.map((c) => c.name).join(',');
  const length = columns.length ? columns[0].values.length : 0;
  const rows = [];
  for (let i = 0; i < length; i++) rows.push(columns.map((c) => formatCell(c.values[i])).join(','));
  return [header, ...rows].join('\n') + '\n';
}
