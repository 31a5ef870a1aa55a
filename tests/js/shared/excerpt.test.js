import { excerpt, quoted, safeMessage, EXCERPT_MAX_CHARS, MESSAGE_MAX_CHARS } from '../../../web/shared/excerpt.js';

describe('excerpt', () => {
  test('short text is kept as it is', () => {
    expect(excerpt('abc')).toBe('abc');
    expect(excerpt('x'.repeat(EXCERPT_MAX_CHARS))).toBe('x'.repeat(EXCERPT_MAX_CHARS));
  });

  test('long text is clipped to the limit, the ellipsis included', () => {
    expect(excerpt('x'.repeat(EXCERPT_MAX_CHARS + 1))).toBe(`${'x'.repeat(EXCERPT_MAX_CHARS - 1)}…`);
    expect(excerpt('y'.repeat(10_000_000))).toHaveLength(EXCERPT_MAX_CHARS);
  });

  test('controls, bidi overrides, zero-width characters and lone surrogates are escaped', () => {
    expect(excerpt('a\u202Eb\u0000c\u200Bd')).toBe('a\\u{202E}b\\u{0000}c\\u{200B}d');
    expect(excerpt('\u2066e\uFEFF\u0085')).toBe('\\u{2066}e\\u{FEFF}\\u{0085}');
    expect(excerpt('\uD800x')).toBe('\\u{D800}x');
    expect(excerpt('a\nb\r\tc')).toBe('a\\u{000A}b\\u{000D}\\u{0009}c');
  });

  test('an escape is never cut in half, nor a surrogate pair', () => {
    const escaped = excerpt(`${'x'.repeat(35)}\u202E${'y'.repeat(10)}`);
    expect(escaped).toBe(`${'x'.repeat(35)}…`);
    const emoji = excerpt('😀'.repeat(30));
    expect(emoji.endsWith('😀…')).toBe(true);
    expect(emoji.length).toBeLessThanOrEqual(EXCERPT_MAX_CHARS);
  });

  test('quotes and backslashes are escaped, so a quoted excerpt cannot fake its end', () => {
    expect(quoted('a"b\\c')).toBe('"a\\"b\\\\c"');
  });
});

describe('safeMessage', () => {
  test("keeps a message's quotes, escapes what hides text, and clips", () => {
    expect(safeMessage('model JSON: format must be "relu-playground-model"')).toBe('model JSON: format must be "relu-playground-model"');
    expect(safeMessage('params[0] is "\u202Eabc"')).toBe('params[0] is "\\u{202E}abc"');
    const long = safeMessage(`params[3] is "${'x'.repeat(100000)}"`);
    expect(long).toHaveLength(MESSAGE_MAX_CHARS);
    expect(long.endsWith('…')).toBe(true);
  });
});
