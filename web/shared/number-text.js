// Plain decimal number text, as links and CSV files write numbers. Number('')
// is 0 and Number(' 1 ') is 1, so only this form counts as a number. The
// pattern is unambiguous (no two ways to split a run of digits), so a 100 KB
// value of digits fails in one linear pass, not quadratic backtracking.
export const NUMBER_TEXT = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?$/i;

/** The number `text` spells, or NaN when it is not plain number text. */
export function parseNumberText(text) {
  return NUMBER_TEXT.test(text) ? Number(text) : NaN;
}
