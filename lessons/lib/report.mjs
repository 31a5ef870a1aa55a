// Tables for docs/lessons/: markdown for reading, CSV for reuse.

/** A markdown table from a header row and rows of cells. */
export function markdownTable(header, rows) {
  const line = (cells) => `| ${cells.map((c) => String(c).replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function csvCell(value) {
  const text = value === null || value === undefined || (typeof value === 'number' && !Number.isFinite(value)) ? '' : String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV text from a header row and rows of values (non-finite numbers left empty). */
export function csv(header, rows) {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\n') + '\n';
}

/** A number with `digits` significant digits, or "–" when not finite. */
export function fmt(value, digits = 3) {
  if (!Number.isFinite(value)) return '–';
  if (value !== 0 && (Math.abs(value) < 1e-3 || Math.abs(value) >= 1e5)) return value.toExponential(digits - 1);
  return String(Number(value.toPrecision(digits)));
}

/** "mean ± std (min – max)" of a summarize() result. */
export function spread(s, digits = 3) {
  if (!s.n) return '–';
  return `${fmt(s.mean, digits)} ± ${fmt(s.std, 2)} (${fmt(s.min, digits)} – ${fmt(s.max, digits)})`;
}

export const percent = (fraction, digits = 0) => (Number.isFinite(fraction) ? `${(fraction * 100).toFixed(digits)}%` : '–');
