// Reading a file the user chose: its size is checked before a byte is read,
// and its text decoded as UTF-8, or as UTF-16 when it starts with that
// byte-order mark (spreadsheets save "Unicode text" so).

import { FILE_KINDS } from '../shared/limits.js';
import { quoted } from '../shared/excerpt.js';

/** "812 bytes", "3.2 KB", "64 MB" (1 KB = 1,024 bytes, as file managers count). */
export function formatBytes(bytes) {
  if (bytes < 1024) return `${bytes.toLocaleString('en')} bytes`;
  const [value, unit] = bytes < 1024 * 1024 ? [bytes / 1024, 'KB'] : [bytes / (1024 * 1024), 'MB'];
  return `${Number(value.toFixed(1)).toLocaleString('en')} ${unit}`;
}

/** The file's name as a message quotes it (a name is untrusted text too). */
export function fileLabel(file) {
  return quoted(file?.name ?? '');
}

/**
 * Null when the file may be read as `kind` ('csv' or 'model'), else a message
 * naming the file, its size and the limit.
 */
export function checkFileSize(file, kind) {
  const { maxBytes, noun, why } = FILE_KINDS[kind];
  if (file.size <= maxBytes) return null;
  let size = formatBytes(file.size);
  let limit = formatBytes(maxBytes);
  // Just over the limit both round alike: then say it in bytes.
  if (size === limit) [size, limit] = [`${file.size.toLocaleString('en')} bytes`, `${maxBytes.toLocaleString('en')} bytes`];
  return `${fileLabel(file)} is ${size}; ${noun} may be at most ${limit} (${why}). Nothing was read.`;
}

/** Decodes bytes: UTF-16 by its byte-order mark, else UTF-8 (a UTF-8 BOM is dropped). */
export function decodeText(bytes) {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let encoding = 'utf-8';
  if (view[0] === 0xff && view[1] === 0xfe) encoding = 'utf-16le';
  else if (view[0] === 0xfe && view[1] === 0xff) encoding = 'utf-16be';
  // Not fatal: a stray invalid byte becomes U+FFFD and the parser names where it is.
  return new TextDecoder(encoding).decode(view);
}

/** Resolves to {text} or {error}: the size is checked first, and a read failure is a message too. */
export async function readTextFile(file, kind) {
  const tooBig = checkFileSize(file, kind);
  if (tooBig) return { error: tooBig };
  try {
    return { text: decodeText(await file.arrayBuffer()) };
  } catch (error) {
    return { error: `${fileLabel(file)} could not be read (${error?.name ?? 'error'}): choose it again` };
  }
}
