// CSV in and out: custom data points from a file, and the run's metrics.
// Pure: text in, values out.

import { MAX_CLASSES, MAX_SAMPLES } from '../shared/schema.js';
import { DOMAIN } from '../shared/protocol.js';

const NUMBER_TEXT = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

function splitRow(line) {
  return line.split(/[,;\t]/).map((cell) => cell.trim());
}

/**
 * Parses "x1,x2,label" rows (comma, semicolon or tab; an optional header
 * line; blank lines and # comments skipped). Labels must be class indices
 * unless the problem is regression. Returns {points} or {error} where the
 * error names the line and the problem.
 */
export function parsePointsCsv(text, problem = 'binary') {
  const lines = String(text).split(/\r\n|\n|\r/);
  const points = [];
  let sawData = false;
  const maxLabel = problem === 'binary' ? 1 : MAX_CLASSES - 1;
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = lines[i].trim();
    if (line === '' || line.startsWith('#')) continue;
    const cells = splitRow(line);
    const numeric = cells.map((c) => NUMBER_TEXT.test(c));
    if (!sawData && !numeric.some(Boolean)) {
      sawData = true; // a header such as "x1,x2,label"
      continue;
    }
    sawData = true;
    if (cells.length !== 3) {
      return { error: `line ${lineNo}: expected 3 columns (x1, x2, label), got ${cells.length}` };
    }
    const bad = numeric.indexOf(false);
    if (bad >= 0) {
      const column = ['x1', 'x2', 'label'][bad];
      return { error: `line ${lineNo}: ${column} ${JSON.stringify(cells[bad])} is not a number` };
    }
    const [x1, x2, label] = cells.map(Number);
    for (const [name, v] of [['x1', x1], ['x2', x2]]) {
      if (Math.abs(v) > DOMAIN) {
        return { error: `line ${lineNo}: ${name} = ${v} is outside the plotted square [-${DOMAIN}, ${DOMAIN}]` };
      }
    }
    if (problem !== 'regression' && (!Number.isInteger(label) || label < 0 || label > maxLabel)) {
      return { error: `line ${lineNo}: label ${cells[2]} must be a whole number in [0, ${maxLabel}] for a ${problem} problem` };
    }
    if (!Number.isFinite(label)) return { error: `line ${lineNo}: label ${cells[2]} is not finite` };
    points.push([x1, x2, label]);
    if (points.length > MAX_SAMPLES) {
      return { error: `line ${lineNo}: more than ${MAX_SAMPLES} points (the core's limit)` };
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
