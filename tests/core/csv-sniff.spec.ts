import { describe, expect, it } from 'vitest';
import {
  byteKind,
  csvPreview,
  decodeSample,
  detectEncoding,
  guessFormat,
  inferColumnType,
  jsonlPreview,
  parseSample,
  sniffDelimiter,
  sniffHeader,
  suggestTableName,
} from '../../core/sql/csv-sniff.ts';

/** "한글,값\n가나,1\n" in EUC-KR (CP949): what Korean Excel saves as "CSV". */
const EUC_KR = new Uint8Array([0xc7, 0xd1, 0xb1, 0xdb, 0x2c, 0xb0, 0xaa, 0x0a, 0xb0, 0xa1, 0xb3, 0xaa, 0x2c, 0x31, 0x0a]);

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('encoding', () => {
  it('reads a BOM: UTF-8, UTF-16 LE and BE', () => {
    expect(detectEncoding(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toBe('utf-8');
    expect(detectEncoding(new Uint8Array([0xff, 0xfe, 0x61, 0x00]))).toBe('utf-16le');
    expect(detectEncoding(new Uint8Array([0xfe, 0xff, 0x00, 0x61]))).toBe('utf-16be');
  });

  it('takes valid UTF-8 as UTF-8, even when the sample cuts a Hangul character in half', () => {
    const bytes = utf8('이름,도시\n김민준,서울\n');
    expect(detectEncoding(bytes, true)).toBe('utf-8');
    expect(detectEncoding(bytes.subarray(0, bytes.length - 2))).toBe('utf-8');
  });

  it('guesses EUC-KR (CP949) for Korean bytes that are not UTF-8, and decodes them', () => {
    expect(detectEncoding(EUC_KR, true)).toBe('euc-kr');
    expect(decodeSample(EUC_KR, 'euc-kr', true)).toBe('한글,값\n가나,1\n');
    // Cut inside a two-byte character: still EUC-KR, the half character left out.
    expect(detectEncoding(EUC_KR.subarray(0, 9))).toBe('euc-kr');
    expect(decodeSample(EUC_KR.subarray(0, 9), 'euc-kr')).toBe('한글,값\n');
  });

  it('decodes UTF-16 LE text with its BOM dropped', () => {
    const text = 'a;b\n1;2\n';
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) bytes[2 + i * 2] = text.charCodeAt(i);
    expect(byteKind(bytes)).toEqual({ kind: 'text' });
    expect(decodeSample(bytes, detectEncoding(bytes), true)).toBe(text);
  });
});

describe('what the bytes are', () => {
  it('names binaries that carry a text file name, and knows gzip and text', () => {
    expect(byteKind(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))).toEqual({ kind: 'binary', what: 'png' });
    expect(byteKind(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2]))).toEqual({ kind: 'binary', what: 'zip' });
    expect(byteKind(utf8('SQLite format 3\0rest'))).toEqual({ kind: 'binary', what: 'sqlite' });
    expect(byteKind(new Uint8Array([0x1f, 0x8b, 8, 0]))).toEqual({ kind: 'gzip' });
    expect(byteKind(new Uint8Array([0x41, 0x00, 0x42]))).toEqual({ kind: 'binary', what: 'binary' });
    expect(byteKind(utf8('id,name\r\n1,\t"x"\n'))).toEqual({ kind: 'text' });
  });
});

describe('delimiter', () => {
  it('finds , ; tab and | by how consistently they split the rows', () => {
    expect(sniffDelimiter('a,b,c\n1,2,3\n4,5,6\n')).toBe(',');
    expect(sniffDelimiter('name;price;note\nTea;1,50;hot, sweet\nCake;3,20;\n')).toBe(';');
    expect(sniffDelimiter('a\tb\n1\t2\n')).toBe('\t');
    expect(sniffDelimiter('a|b|c\n1|2|3\n')).toBe('|');
  });

  it('is not fooled by commas inside quoted fields', () => {
    expect(sniffDelimiter('id;text\n1;"a, b, c"\n2;"d, e"\n', true)).toBe(';');
  });

  it('falls back to a comma for one-column text', () => {
    expect(sniffDelimiter('word\nalpha\nbeta\n')).toBe(',');
  });
});

describe('header and types', () => {
  it('sees a header over numbers and dates, and none over a first row of numbers', () => {
    expect(sniffHeader(parseSample('id,day,name\n1,2025-01-02,Kim\n2,2025-01-03,Lee\n', ',', true))).toBe(true);
    expect(sniffHeader(parseSample('1,2025-01-02,Kim\n2,2025-01-03,Lee\n', ',', true))).toBe(false);
    // Repeated values are data, not names.
    expect(sniffHeader(parseSample('x,x\ny,z\n', ',', true))).toBe(false);
  });

  it('types columns: INTEGER, REAL, date-like text, TEXT; leading zeros stay codes', () => {
    expect(inferColumnType(['1', '-2', null, '30'])).toBe('INTEGER');
    expect(inferColumnType(['1', '2.5', '1e3'])).toBe('REAL');
    expect(inferColumnType(['2025-01-02', '2025-12-31 23:59:00', null])).toBe('DATE');
    expect(inferColumnType(['007', '012'])).toBe('TEXT');
    expect(inferColumnType(['1', 'two'])).toBe('TEXT');
    expect(inferColumnType([null, null])).toBe('TEXT');
  });

  it('previews the first rows with their types and names the lines that will be skipped', () => {
    const preview = csvPreview('id;amount;day\n1;9.5;2025-01-02\n2;3\n3;4;2025-01-04\n', ';', true, true);
    expect(preview.columns).toEqual(['id', 'amount', 'day']);
    expect(preview.types).toEqual(['INTEGER', 'REAL', 'DATE']);
    expect(preview.rows).toEqual([
      ['1', '9.5', '2025-01-02'],
      ['3', '4', '2025-01-04'],
    ]);
    expect(preview.problems).toEqual([{ line: 3, expected: 3, found: 2 }]);
    expect(csvPreview('1,2\n3,4\n', ',', false, true).columns).toEqual(['column_1', 'column_2']);
  });

  it('previews JSON lines: the union of keys, types from the values, bad lines by number', () => {
    const preview = jsonlPreview('{"id":1,"at":"2025-01-02"}\nnot json\n{"id":2,"score":1.5}\n', true);
    expect(preview.columns).toEqual(['id', 'at', 'score']);
    expect(preview.types).toEqual(['INTEGER', 'DATE', 'REAL']);
    expect(preview.rows).toEqual([
      ['1', '2025-01-02', null],
      ['2', null, '1.5'],
    ]);
    expect(preview.badLines).toEqual([2]);
  });
});

describe('names and formats', () => {
  it('suggests a table name from the file name', () => {
    expect(suggestTableName('Sales 2025 (final).csv')).toBe('Sales_2025_final');
    expect(suggestTableName('매출 현황.csv')).toBe('매출_현황');
    expect(suggestTableName('2025-orders.jsonl.gz')).toBe('t_2025_orders');
    expect(suggestTableName('sqlite_master.csv')).toBe('imported_sqlite_master');
    expect(suggestTableName('!!!.csv')).toBe('imported');
  });

  it('guesses JSON lines from the name or the first line', () => {
    expect(guessFormat('events.ndjson.gz', '')).toBe('jsonl');
    expect(guessFormat('data.txt', '{"a":1}\n')).toBe('jsonl');
    expect(guessFormat('data.txt', 'a,b\n')).toBe('csv');
  });
});
