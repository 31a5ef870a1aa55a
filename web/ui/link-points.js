// Custom points in a link: the compact form, the old text form, and the
// marker a link holds instead of points too many to carry. Pure; web/ui/state.js
// uses it for the `points` parameter.
//
// "b<d><e>.<base64url>": coordinates times 10^d and labels times 10^e (d, e in
// 0..6: the fewest decimals that give every value back exactly; clicks round
// coordinates to 2, classes are whole), as zig-zag varints: x1 and x2 as
// deltas from the previous point (clicks are often near each other), the
// label as is. At most 5 bytes (6.7 characters) a point clicked in the plot
// with a class label, against about 15 for the old "x1_x2_label~" text.
// Values that no 6 decimals represent exactly keep the old text form: a link
// never moves a point.

import { parseNumberText } from '../shared/number-text.js';

const COMPACT_PREFIX = 'b';
const MAX_DECIMALS = 6;
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64URL_VALUE = new Map([...B64URL].map((c, i) => [c, i]));

function base64url(bytes) {
  let text = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let k = 0; k < chars; k++) text += B64URL[(n >> (18 - 6 * k)) & 63];
  }
  return text;
}

/** Bytes of base64url text (no padding), or null when it is not base64url. */
function fromBase64url(text) {
  if (text.length % 4 === 1) return null;
  const bytes = new Uint8Array(Math.floor((text.length * 6) / 8));
  let bits = 0;
  let value = 0;
  let at = 0;
  for (const c of text) {
    const digit = B64URL_VALUE.get(c);
    if (digit === undefined) return null;
    value = ((value << 6) | digit) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[at++] = (value >> bits) & 0xff;
    }
  }
  return bytes;
}

// Integers up to 2^53 in magnitude: arithmetic, not 32-bit bit operations.
function pushVarint(bytes, integer) {
  let n = integer >= 0 ? integer * 2 : -integer * 2 - 1; // zig-zag
  while (n >= 128) {
    bytes.push((n % 128) + 128);
    n = Math.floor(n / 128);
  }
  bytes.push(n);
}

const MAX_VARINT_BYTES = 8; // 56 bits: more than any 2^53 integer needs

function readVarints(bytes) {
  const values = [];
  let n = 0;
  let scale = 1;
  let length = 0;
  for (const byte of bytes) {
    n += (byte % 128) * scale;
    scale *= 128;
    if (++length > MAX_VARINT_BYTES) return null;
    if (byte < 128) {
      values.push(n % 2 === 0 ? n / 2 : -(n + 1) / 2);
      n = 0;
      scale = 1;
      length = 0;
    }
  }
  return length === 0 ? values : null; // a varint cut short
}

/** The fewest decimals (0..6) that write every value exactly, or -1. */
function decimalsFor(values) {
  for (let d = 0; d <= MAX_DECIMALS; d++) {
    const scale = 10 ** d;
    const exact = values.every((v) => Math.abs(v * scale) <= Number.MAX_SAFE_INTEGER / 2 && Math.round(v * scale) / scale === v);
    if (exact) return d;
  }
  return -1;
}

function encodePointsText(points) {
  // String(): the shortest text that reads back to the same double.
  return points.map(([x1, x2, label]) => `${String(x1)}_${String(x2)}_${String(label)}`).join('~');
}

/** Custom points as link text: compact when they allow it (see above). */
export function encodePoints(points) {
  if (points.length === 0) return '';
  const decimals = decimalsFor(points.flatMap(([x1, x2]) => [x1, x2]));
  const labelDecimals = decimalsFor(points.map(([, , label]) => label));
  if (decimals < 0 || labelDecimals < 0) return encodePointsText(points);
  const scale = 10 ** decimals;
  const labelScale = 10 ** labelDecimals;
  const bytes = [];
  let previous = [0, 0];
  for (const [x1, x2, label] of points) {
    const current = [Math.round(x1 * scale), Math.round(x2 * scale)];
    pushVarint(bytes, current[0] - previous[0]);
    pushVarint(bytes, current[1] - previous[1]);
    pushVarint(bytes, Math.round(label * labelScale));
    previous = current;
  }
  return `${COMPACT_PREFIX}${decimals}${labelDecimals}.${base64url(bytes)}`;
}

function decodeCompactPoints(text) {
  const match = /^b([0-6])([0-6])\.([A-Za-z0-9_-]*)$/.exec(text);
  const bytes = match && fromBase64url(match[3]);
  const values = bytes && readVarints(bytes);
  if (!values || values.length % 3 !== 0) {
    return { error: 'points: not a valid compact point list (expected b<decimals 0-6><label decimals 0-6>.<base64url data>)' };
  }
  const scale = 10 ** Number(match[1]);
  const labelScale = 10 ** Number(match[2]);
  const points = [];
  let x1 = 0;
  let x2 = 0;
  for (let i = 0; i < values.length; i += 3) {
    x1 += values[i];
    x2 += values[i + 1];
    points.push([x1 / scale, x2 / scale, values[i + 2] / labelScale]);
  }
  return { value: points };
}

// Beyond this the points stay out of the link (see linkOmitsPoints), so a
// whole link stays under 8 KB: the smallest request-line limit of common
// servers, which old ?links still meet, and a size chats and mail carry.
// The rest of the state takes at most ~2.9 KB (every field at its longest,
// everything hidden and locked: tests/js/ui/state.test.js), which leaves
// 5,000 characters: 780 points clicked anywhere in the plot (class labels).
export const LINK_POINTS_MAX_CHARS = 5000;
const OMITTED = /^omitted\.(\d{1,6})$/;

/** How many custom points a link of `state` leaves out (0: it holds them all). */
export function linkOmitsPoints(state) {
  const { points } = state.config;
  return encodePoints(points).length > LINK_POINTS_MAX_CHARS ? points.length : 0;
}

/**
 * Decodes the link text of the `points` parameter: {value} or {error}
 * (with `omitted: true` when the link left its points out on purpose).
 */
export function decodePoints(text) {
  if (text === '') return { value: [] };
  if (text.startsWith(COMPACT_PREFIX)) return decodeCompactPoints(text);
  const omitted = OMITTED.exec(text);
  if (omitted) {
    return { error: `points: the link leaves out its ${omitted[1]} custom points (more than a link holds); load them from a points CSV`, omitted: true };
  }
  const value = text.split('~').map((p) => p.split('_').map(parseNumberText));
  const bad = value.findIndex((p) => p.length !== 3 || p.some(Number.isNaN));
  return bad >= 0 ? { error: `points[${bad}]: expected x1_x2_label numbers` } : { value };
}
