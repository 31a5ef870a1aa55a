// Quoting untrusted text (a CSV cell, a file name, a core message) in a
// message: short, and with every character that could hide or reorder the
// text around it written out as an escape.

/** The most characters of untrusted text a message quotes. */
export const EXCERPT_MAX_CHARS = 40;

/** The most characters of a message built elsewhere (the core's) that the page shows. */
export const MESSAGE_MAX_CHARS = 300;

// C0 and C1 controls, DEL, bidi marks, embeddings, overrides and isolates,
// zero-width characters, line and paragraph separators, the BOM, interlinear
// annotation marks, and lone surrogate halves.
const HIDDEN = /^(?:[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]|[\ud800-\udfff])$/;

function escapeHidden(char) {
  if (!HIDDEN.test(char)) return char;
  return `\\u{${char.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}}`;
}

function escapeQuoted(char) {
  if (char === '\\') return '\\\\';
  if (char === '"') return '\\"';
  return escapeHidden(char);
}

function clip(text, max, escapeChar) {
  const source = String(text);
  const pieces = [];
  let length = 0;
  // A code point is at most 2 UTF-16 units: 2 * (max + 1) units hold more than max characters.
  for (const char of source.slice(0, 2 * (max + 1))) {
    const piece = escapeChar(char);
    pieces.push(piece);
    length += piece.length;
    if (length > max) break;
  }
  if (length <= max) return pieces.join('');
  let out = '';
  for (const piece of pieces) {
    if (out.length + piece.length > max - 1) break;
    out += piece;
  }
  return `${out}…`;
}

/**
 * At most `max` characters of `text`, "…" included when clipped, escapes
 * counted in full and never cut. Reads only the start of a long text.
 */
export function excerpt(text, max = EXCERPT_MAX_CHARS) {
  return clip(text, max, escapeQuoted);
}

/**
 * A message from elsewhere (the core's, which may quote a file) made safe to
 * show: hidden characters escaped, at most `max` characters.
 */
export function safeMessage(text, max = MESSAGE_MAX_CHARS) {
  return clip(text, max, escapeHidden);
}

/** The excerpt in double quotes, as messages quote a value. */
export function quoted(text, max = EXCERPT_MAX_CHARS) {
  return `"${excerpt(text, max)}"`;
}
