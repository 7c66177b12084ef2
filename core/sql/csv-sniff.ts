import { CsvParser, type CsvRow } from './csv.ts';
import type { ImportColumnType, ImportDelimiter, ImportEncoding, ImportFormat } from './protocol.ts';

/**
 * Guessing how a learner's text file is written, from its first bytes only (the import dialog
 * reads about 64 KB, never the whole file): what the bytes are (text, gzip, or a binary that only
 * has a text file's name), the encoding, the delimiter, whether the first row is a header, and
 * each column's type. The SQL worker uses the same checks on the stream, so what the preview
 * promises is what the import does.
 */

/** How many bytes the import dialog reads for its preview. */
export const PREVIEW_BYTES = 64 * 1024;

/** Rows of a preview (and of the type guess). */
export const PREVIEW_ROWS = 50;

/** Delimiters tried, in the order a tie goes to. */
export const DELIMITERS: readonly ImportDelimiter[] = [',', ';', '\t', '|'];

/** Encodings offered. */
export const ENCODINGS: readonly ImportEncoding[] = ['utf-8', 'utf-16le', 'utf-16be', 'euc-kr'];

/** Column types offered. */
export const COLUMN_TYPES: readonly ImportColumnType[] = ['INTEGER', 'REAL', 'TEXT', 'DATE'];

/** File names the import takes (a .gz of any of them too). */
export const IMPORT_EXTENSIONS = ['.csv', '.tsv', '.txt', '.jsonl', '.ndjson', '.json'] as const;

/** What a binary file is, when its first bytes say so. */
export type BinaryKind = 'png' | 'jpeg' | 'gif' | 'pdf' | 'zip' | 'sqlite' | 'binary';

/** What the first bytes are: text, gzip-compressed, or a binary file. */
export type ByteKind = { kind: 'text' } | { kind: 'gzip' } | { kind: 'binary'; what: BinaryKind };

const MAGIC: [BinaryKind, number[]][] = [
  ['png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['jpeg', [0xff, 0xd8, 0xff]],
  ['gif', [0x47, 0x49, 0x46, 0x38]],
  ['pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ['zip', [0x50, 0x4b, 0x03, 0x04]],
  ['zip', [0x50, 0x4b, 0x05, 0x06]],
  ['sqlite', [...'SQLite format 3'].map((c) => c.charCodeAt(0)).concat(0)],
];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

/** The encoding a byte-order mark names, or null. */
export function bomEncoding(bytes: Uint8Array): ImportEncoding | null {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return 'utf-8';
  if (startsWith(bytes, [0xff, 0xfe])) return 'utf-16le';
  if (startsWith(bytes, [0xfe, 0xff])) return 'utf-16be';
  return null;
}

/**
 * What the first bytes are. A known magic number names the binary; otherwise a NUL byte, or many
 * control characters, outside UTF-16 text means the file is not text at all.
 */
export function byteKind(bytes: Uint8Array): ByteKind {
  if (startsWith(bytes, [0x1f, 0x8b])) return { kind: 'gzip' };
  for (const [what, magic] of MAGIC) if (startsWith(bytes, magic)) return { kind: 'binary', what };
  const bom = bomEncoding(bytes);
  if (bom === 'utf-16le' || bom === 'utf-16be') return { kind: 'text' };
  let control = 0;
  const n = Math.min(bytes.length, PREVIEW_BYTES);
  for (let i = 0; i < n; i++) {
    const b = bytes[i] as number;
    if (b === 0) return { kind: 'binary', what: 'binary' };
    // Tab, LF, FF, CR and ESC occur in text files; the other C0 controls hardly ever.
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d && b !== 0x1b) control++;
  }
  return n > 0 && control / n > 0.05 ? { kind: 'binary', what: 'binary' } : { kind: 'text' };
}

/** Drops the bytes of a UTF-8 character cut off at the end of a sample. */
function wholeUtf8(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  // Step back over continuation bytes (10xxxxxx) to the lead byte of the last character.
  let i = end - 1;
  while (i >= 0 && i > end - 4 && ((bytes[i] as number) & 0xc0) === 0x80) i--;
  if (i >= 0) {
    const lead = bytes[i] as number;
    const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
    if (end - i < need) end = i;
  }
  return bytes.subarray(0, end);
}

/**
 * The encoding of text bytes: a BOM decides; else UTF-8 when the bytes are valid UTF-8, else
 * EUC-KR (CP949, Korean Excel's "CSV") when they decode as that, else UTF-8 with replacements.
 * `complete`: the bytes are the whole file (otherwise a character cut at the end is forgiven).
 */
export function detectEncoding(bytes: Uint8Array, complete = false): ImportEncoding {
  const bom = bomEncoding(bytes);
  if (bom) return bom;
  const sample = complete ? bytes : wholeUtf8(bytes);
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample);
    return 'utf-8';
  } catch {
    try {
      // A two-byte EUC-KR character may be cut at the end of a sample: stream mode leaves it pending.
      new TextDecoder('euc-kr', { fatal: true }).decode(bytes, { stream: !complete });
      return 'euc-kr';
    } catch {
      return 'utf-8';
    }
  }
}

/** Decodes a sample in an encoding (a BOM is dropped; a character cut at the end is left out unless `complete`). */
export function decodeSample(bytes: Uint8Array, encoding: ImportEncoding, complete = false): string {
  return new TextDecoder(encoding).decode(bytes, { stream: !complete });
}

/** Records of a sample: the last one only when the sample is the whole file (else it may be cut). */
export function parseSample(text: string, delimiter: ImportDelimiter, complete: boolean, limit = Infinity): CsvRow[] {
  const parser = new CsvParser(delimiter);
  const rows = parser.push(text);
  if (complete) rows.push(...parser.finish().rows);
  return rows.slice(0, limit);
}

/**
 * The delimiter that splits the sample's records most consistently into more than one field:
 * the share of records with the most common field count, then that count, then the order , ; tab |.
 */
export function sniffDelimiter(text: string, complete = false): ImportDelimiter {
  let best: { delimiter: ImportDelimiter; share: number; fields: number } | null = null;
  for (const delimiter of DELIMITERS) {
    const rows = parseSample(text, delimiter, complete, 200);
    if (rows.length === 0) continue;
    const counts = new Map<number, number>();
    for (const r of rows) counts.set(r.fields.length, (counts.get(r.fields.length) ?? 0) + 1);
    let fields = 1;
    let most = 0;
    for (const [n, c] of counts) if (c > most || (c === most && n > fields)) [fields, most] = [n, c];
    if (fields < 2) continue;
    const share = most / rows.length;
    if (!best || share > best.share + 1e-9 || (Math.abs(share - best.share) <= 1e-9 && fields > best.fields)) {
      best = { delimiter, share, fields };
    }
  }
  return best?.delimiter ?? ',';
}

const INTEGER = /^[+-]?(0|[1-9][0-9]*)$/;
const REAL = /^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/;
const DATE =
  /^[0-9]{4}([-/.])(0?[1-9]|1[0-2])\1(0?[1-9]|[12][0-9]|3[01])([ T]([01]?[0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]+)?)?(Z|[+-][0-9]{2}:?[0-9]{2})?)?$/;

/** The type one value reads as (null: no value). Leading zeros keep a number TEXT: they are codes (007, 02-123). */
export function valueType(value: string | null): ImportColumnType | null {
  if (value === null || value === '') return null;
  if (INTEGER.test(value)) return 'INTEGER';
  if (REAL.test(value) && !/^[+-]?0[0-9]/.test(value)) return 'REAL';
  if (DATE.test(value)) return 'DATE';
  return 'TEXT';
}

/** A column's type from its values: INTEGER, REAL or DATE when every value reads as one, else TEXT. */
export function inferColumnType(values: readonly (string | null)[]): ImportColumnType {
  let type: ImportColumnType | null = null;
  for (const v of values) {
    const t = valueType(v);
    if (t === null || t === type) continue;
    if (type === null) type = t;
    else if ((type === 'INTEGER' && t === 'REAL') || (type === 'REAL' && t === 'INTEGER')) type = 'REAL';
    else return 'TEXT';
  }
  return type ?? 'TEXT';
}

/** The SQLite type a column is created with (date-like text stays TEXT). */
export function declaredType(type: ImportColumnType): 'INTEGER' | 'REAL' | 'TEXT' {
  return type === 'DATE' ? 'TEXT' : type;
}

/**
 * Whether the first row names the columns: no when one of its values is a number or a date, or
 * repeats; yes when a column below it holds numbers or dates under a text value; otherwise yes
 * when its values are all present and distinct (most files have a header).
 */
export function sniffHeader(rows: readonly CsvRow[]): boolean {
  const first = rows[0]?.fields;
  if (!first) return true;
  const values = first.map((v) => (v ?? '').trim());
  if (values.some((v) => v !== '' && valueType(v) !== 'TEXT')) return false;
  if (new Set(values.map((v) => v.toLowerCase())).size !== values.length) return false;
  const rest = rows.slice(1);
  if (rest.length === 0) return true;
  const typedBelow = values.some((_, i) => inferColumnType(rest.map((r) => r.fields[i] ?? null)) !== 'TEXT');
  return typedBelow || values.every((v) => v !== '');
}

/** Column names for a header: blanks become column_N, repeats get _2, _3 (SQLite compares names without case). */
export function columnNames(header: readonly (string | null)[]): string[] {
  const seen = new Set<string>();
  return header.map((raw, i) => {
    const base = raw === null || raw.trim() === '' ? `column_${i + 1}` : raw.trim();
    let name = base;
    for (let n = 2; seen.has(name.toLowerCase()); n++) name = `${base}_${n}`;
    seen.add(name.toLowerCase());
    return name;
  });
}

/** A line of the preview that the import will skip, with why. */
export interface PreviewProblem {
  line: number;
  expected: number;
  found: number;
}

/** What the import dialog shows: the columns, their guessed types, the first rows, and lines that will be skipped. */
export interface ImportPreview {
  columns: string[];
  types: ImportColumnType[];
  rows: (string | null)[][];
  problems: PreviewProblem[];
}

/** The preview of a CSV sample read with the given delimiter and header choice. */
export function csvPreview(text: string, delimiter: ImportDelimiter, header: boolean, complete: boolean): ImportPreview {
  const records = parseSample(text, delimiter, complete, PREVIEW_ROWS + 1);
  const first = records[0];
  if (!first) return { columns: [], types: [], rows: [], problems: [] };
  const width = first.fields.length;
  const columns = header ? columnNames(first.fields) : first.fields.map((_, i) => `column_${i + 1}`);
  const data = header ? records.slice(1) : records.slice(0, PREVIEW_ROWS);
  const problems: PreviewProblem[] = [];
  const rows: (string | null)[][] = [];
  for (const r of data) {
    if (r.fields.length !== width) problems.push({ line: r.line, expected: width, found: r.fields.length });
    else rows.push(r.fields);
  }
  const types = columns.map((_, i) => inferColumnType(rows.map((r) => r[i] ?? null)));
  return { columns, types, rows, problems };
}

/** A JSON value's type as a column. */
function jsonValueType(value: unknown): ImportColumnType | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isInteger(value) ? 'INTEGER' : 'REAL';
  if (typeof value === 'boolean') return 'INTEGER';
  if (typeof value === 'string') return valueType(value) === 'DATE' ? 'DATE' : 'TEXT';
  return 'TEXT';
}

/** A JSON value as preview text. */
function jsonText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

/** The preview of a JSON lines sample: columns from the union of keys, in the order they first appear. */
export function jsonlPreview(text: string, complete: boolean): ImportPreview & { badLines: number[] } {
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  if (!complete) lines.pop();
  const columns: string[] = [];
  const index = new Map<string, number>();
  const objects: Record<string, unknown>[] = [];
  const badLines: number[] = [];
  for (let i = 0; i < lines.length && objects.length < PREVIEW_ROWS; i++) {
    const line = (lines[i] as string).trim();
    if (line === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      badLines.push(i + 1);
      continue;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      badLines.push(i + 1);
      continue;
    }
    for (const key of Object.keys(value)) {
      const k = (key === '' ? '(blank)' : key).toLowerCase();
      if (index.has(k)) continue;
      index.set(k, columns.length);
      columns.push(key === '' ? `column_${columns.length + 1}` : key);
    }
    objects.push(value as Record<string, unknown>);
  }
  const rows = objects.map((o) => {
    const cells = new Array<string | null>(columns.length).fill(null);
    for (const [key, v] of Object.entries(o)) cells[index.get((key === '' ? '(blank)' : key).toLowerCase()) as number] = jsonText(v);
    return cells;
  });
  const types = columns.map((name) => {
    let type: ImportColumnType | null = null;
    for (const o of objects) {
      const entry = Object.entries(o).find(([k]) => k.toLowerCase() === name.toLowerCase());
      const t = entry ? jsonValueType(entry[1]) : null;
      if (t === null || t === type) continue;
      if (type === null) type = t;
      else if ((type === 'INTEGER' && t === 'REAL') || (type === 'REAL' && t === 'INTEGER')) type = 'REAL';
      else type = 'TEXT';
    }
    return type ?? 'TEXT';
  });
  return { columns, types, rows, problems: [], badLines };
}

/** Whether a sample reads as JSON lines (its first non-blank line is a JSON object). */
export function looksLikeJsonLines(text: string): boolean {
  const first = text
    .replace(/^\uFEFF/, '')
    .split('\n')
    .find((l) => l.trim() !== '');
  if (!first) return false;
  try {
    const v: unknown = JSON.parse(first);
    return v !== null && typeof v === 'object' && !Array.isArray(v);
  } catch {
    return false;
  }
}

/** The format a file's name and text suggest (a .json that is one object per line is JSON lines). */
export function guessFormat(fileName: string, text: string): Exclude<ImportFormat, 'sqlite'> {
  const name = fileName.toLowerCase().replace(/\.gz$/, '');
  if (/\.(jsonl|ndjson|json)$/.test(name)) return 'jsonl';
  if (/\.(csv|tsv)$/.test(name)) return 'csv';
  return looksLikeJsonLines(text) ? 'jsonl' : 'csv';
}

/** Whether a file name is one the import takes (drop and picker). */
export function isImportFileName(fileName: string): boolean {
  const name = fileName.toLowerCase().replace(/\.gz$/, '');
  return IMPORT_EXTENSIONS.some((ext) => name.endsWith(ext));
}

/** A table name from a file name: letters (any script), digits and _ only; never empty, never sqlite_…, never starting with a digit. */
export function suggestTableName(fileName: string): string {
  const base = fileName
    .replace(/^.*[\\/]/, '')
    .replace(/\.gz$/i, '')
    .replace(/\.[^.]*$/, '');
  let name = base
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}_]+/gu, '_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '')
    .slice(0, 60);
  if (name === '') name = 'imported';
  if (/^[0-9]/.test(name)) name = `t_${name}`;
  if (name.toLowerCase().startsWith('sqlite_')) name = `imported_${name}`;
  return name;
}
