import { checkFileSize, decodeText, formatBytes, readTextFile } from '../../../web/ui/file-text.js';
import { CSV_FILE_MAX_BYTES, MODEL_FILE_MAX_BYTES } from '../../../web/shared/limits.js';

// A stand-in for a File whose size is reported without holding the bytes, so
// a test can offer a 64 MB file; reading it is recorded.
function fakeFile(name, size, bytes = new Uint8Array(0)) {
  const file = { name, size, reads: 0 };
  file.arrayBuffer = async () => { file.reads++; return bytes.buffer; };
  return file;
}

describe('file size limits', () => {
  test('a file at the limit may be read; one byte more is refused without reading', async () => {
    expect(checkFileSize(fakeFile('a.csv', CSV_FILE_MAX_BYTES), 'csv')).toBeNull();
    const big = fakeFile('a.csv', CSV_FILE_MAX_BYTES + 1);
    const result = await readTextFile(big, 'csv');
    expect(result.error).toBe('"a.csv" is 4,194,305 bytes; a points CSV may be at most 4,194,304 bytes (enough for 20,000 rows). Nothing was read.');
    expect(big.reads).toBe(0);
  });

  test('a model file names its size and the limit', () => {
    expect(checkFileSize(fakeFile('m.json', MODEL_FILE_MAX_BYTES), 'model')).toBeNull();
    expect(checkFileSize(fakeFile('m.json', 200 * 1024 * 1024), 'model'))
      .toBe('"m.json" is 200 MB; a model JSON may be at most 64 MB (enough for about 4 million parameters). Nothing was read.');
  });

  test('a hostile file name is quoted short and escaped', () => {
    const message = checkFileSize(fakeFile(`\u202Egpj.${'x'.repeat(300)}.csv`, 1e9), 'csv');
    expect(message).toMatch(/^"\\u\{202E\}gpj\.x+…" is 953\.7 MB;/);
    expect(message.length).toBeLessThan(200);
  });

  test('formatBytes', () => {
    expect(formatBytes(0)).toBe('0 bytes');
    expect(formatBytes(1023)).toBe('1,023 bytes');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(64 * 1024 * 1024)).toBe('64 MB');
  });
});

describe('decoding', () => {
  const utf16 = (text, littleEndian) => {
    const bytes = new Uint8Array(2 + 2 * text.length);
    bytes.set(littleEndian ? [0xff, 0xfe] : [0xfe, 0xff]);
    const view = new DataView(bytes.buffer);
    for (let i = 0; i < text.length; i++) view.setUint16(2 + 2 * i, text.charCodeAt(i), littleEndian);
    return bytes;
  };

  test('UTF-8, with or without a BOM', () => {
    expect(decodeText(new TextEncoder().encode('x1,x2\n−1'))).toBe('x1,x2\n−1');
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x31]))).toBe('1');
  });

  test('UTF-16 by its byte-order mark, both byte orders', () => {
    expect(decodeText(utf16('1\t2\t0\r\n', true))).toBe('1\t2\t0\r\n');
    expect(decodeText(utf16('1,2,0', false))).toBe('1,2,0');
  });

  test('invalid UTF-8 becomes U+FFFD rather than an exception', () => {
    expect(decodeText(new Uint8Array([0x31, 0xff, 0x32]))).toBe('1\uFFFD2');
  });

  test('a file that cannot be read is a message, not an exception', async () => {
    const file = { name: 'gone.csv', size: 10, arrayBuffer: async () => { throw Object.assign(new Error('x'), { name: 'NotReadableError' }); } };
    expect(await readTextFile(file, 'csv')).toEqual({ error: '"gone.csv" could not be read (NotReadableError): choose it again' });
  });
});
