import Papa from 'papaparse';
import type { ExtractTask } from './schema.ts';

/**
 * Reading one lake file's content into records, as they are: every value text (or NULL), nothing
 * cleaned. A line that cannot be read is never dropped: it comes out as a quarantined record with
 * its line number, the reason and its raw text. Used by the extract (extract.ts) and its preview.
 */

/** How a file is read (the extract task's `source`). */
export type ExtractSource = ExtractTask['source'];

/** A record of the file: its line (where it starts) and its values by column name. */
export interface ParsedRow {
  kind: 'row';
  line: number;
  values: Map<string, string | null>;
}

/** A line that could not be read, with why (in English: the quarantine table is data, not UI). */
export interface QuarantinedLine {
  kind: 'bad';
  line: number;
  reason: string;
  raw: string;
}

/** What parsing yields, in file order. `share` is how far into the file the record ends, 0..1. */
export type ParsedRecord = (ParsedRow | QuarantinedLine) & { share: number };

/** A physical line of the file, decoded. */
interface TextLine {
  line: number;
  text: string;
  /** How far into the file the line ends, 0..1 (for progress). */
  share: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
let eucKr: TextDecoder | null = null;

/** Decodes one line: UTF-8, or (auto) EUC-KR where UTF-8 is not valid, as older Korean exports are. */
function decodeLine(bytes: Uint8Array, encoding: 'auto' | 'utf-8' | 'euc-kr'): string {
  if (encoding === 'euc-kr') return (eucKr ??= new TextDecoder('euc-kr')).decode(bytes);
  try {
    return utf8.decode(bytes);
  } catch {
    // In 'utf-8' mode a bad byte becomes U+FFFD, as the learner would see it in any editor.
    if (encoding === 'utf-8') return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    return (eucKr ??= new TextDecoder('euc-kr')).decode(bytes);
  }
}

/**
 * The file's lines, decoded. A BOM at the start and a CR before each newline are dropped; the
 * empty text after a final newline is not a line. Valid UTF-8 (nearly every file) is decoded in
 * one go; otherwise line by line, since a newline byte never occurs inside a UTF-8 or EUC-KR
 * character, so each line can fall back to EUC-KR on its own.
 */
export function* textLines(bytes: Uint8Array, encoding: 'auto' | 'utf-8' | 'euc-kr' = 'auto'): Generator<TextLine> {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let whole: string | null = null;
  if (encoding !== 'euc-kr') {
    try {
      whole = utf8.decode(bytes.subarray(bom));
    } catch {
      whole = null;
    }
  }
  if (whole !== null) {
    let start = 0;
    let line = 1;
    while (start < whole.length) {
      let nl = whole.indexOf('\n', start);
      if (nl < 0) nl = whole.length;
      const stop = nl > start && whole.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      yield { line, text: whole.slice(start, stop), share: Math.min(1, (nl + 1) / whole.length) };
      line++;
      start = nl + 1;
    }
    return;
  }
  let start = bom;
  let line = 1;
  while (start < bytes.length) {
    let nl = bytes.indexOf(0x0a, start);
    const end = nl < 0 ? bytes.length : nl + 1;
    if (nl < 0) nl = bytes.length;
    const stop = nl > start && bytes[nl - 1] === 0x0d ? nl - 1 : nl;
    yield { line, text: decodeLine(bytes.subarray(start, stop), encoding), share: end / bytes.length };
    line++;
    start = end;
  }
}

/** A JSON value as the TEXT a staging column holds: strings as they are, objects and arrays as JSON text. */
function jsonCell(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value as number | boolean);
}

/** JSON lines: one object per line; its top-level keys become columns. */
function* jsonLines(bytes: Uint8Array): Generator<ParsedRecord> {
  for (const { line, text, share } of textLines(bytes, 'utf-8')) {
    if (text.trim() === '') {
      yield { kind: 'bad', line, reason: 'empty line', raw: text, share };
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      yield { kind: 'bad', line, reason: `invalid JSON: ${e instanceof Error ? e.message : String(e)}`, raw: text, share };
      continue;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      yield { kind: 'bad', line, reason: 'not a JSON object', raw: text, share };
      continue;
    }
    const values = new Map<string, string | null>();
    for (const [key, v] of Object.entries(value)) values.set(key, jsonCell(v));
    yield { kind: 'row', line, values, share };
  }
}

/** The delimiter a header line uses: the most frequent of `,`, `;` and tab outside quotes (`,` on a tie). */
export function guessDelimiter(header: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const c of header) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === ',' || c === ';' || c === '\t')) counts[c]++;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[','] && counts['\t'] > counts[';']) return '\t';
  return ',';
}

/** Header names as column names: trimmed, blanks become column_N, repeats (ignoring case, as SQLite does) get _2, _3. */
export function headerNames(header: string[]): string[] {
  const seen = new Set<string>();
  return header.map((raw, i) => {
    const base = raw.trim() === '' ? `column_${i + 1}` : raw.trim();
    let name = base;
    for (let n = 2; seen.has(name.toLowerCase()); n++) name = `${base}_${n}`;
    seen.add(name.toLowerCase());
    return name;
  });
}

/**
 * CSV with its quirks, parsed by papaparse: the delimiter guessed from the header, quoted fields
 * with newlines, and a row with the wrong number of fields quarantined (not padded or cut).
 */
function* csvRecords(bytes: Uint8Array, source: Extract<ExtractSource, { format: 'csv' }>): Generator<ParsedRecord> {
  const lines = [...textLines(bytes, source.encoding)];
  if (lines.length === 0) return;
  const text = lines.map((l) => l.text).join('\n');
  const delimiter = source.delimiter === 'auto' ? guessDelimiter(lines[0]?.text ?? '') : source.delimiter;
  // Line number of each character offset: the line of a record is where it starts.
  const lineStarts: number[] = [];
  let offset = 0;
  for (const l of lines) {
    lineStarts.push(offset);
    offset += l.text.length + 1;
  }
  const lineAt = (at: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] as number) <= at) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const parsed: { fields: string[]; start: number; end: number; unclosed: boolean }[] = [];
  let previous = 0;
  Papa.parse<string[]>(text, {
    delimiter,
    newline: '\n',
    quoteChar: '"',
    skipEmptyLines: false,
    step(results) {
      const end = results.meta.cursor;
      parsed.push({
        fields: results.data,
        start: previous,
        end,
        unclosed: results.errors.some((e) => e.code === 'MissingQuotes'),
      });
      previous = end;
    },
  });
  let header: string[] | null = null;
  for (const row of parsed) {
    const index = lineAt(row.start);
    const first = lines[index] as TextLine;
    const last = lines[lineAt(Math.max(row.start, row.end - 1))] as TextLine;
    const raw = text.slice(row.start, row.end).replace(/\n$/, '');
    if (row.unclosed) {
      yield { kind: 'bad', line: first.line, reason: 'a quoted field is not closed', raw, share: last.share };
      continue;
    }
    if (!header) {
      header = headerNames(row.fields);
      continue;
    }
    if (row.fields.length === 1 && row.fields[0] === '' && header.length > 1) {
      yield { kind: 'bad', line: first.line, reason: 'empty line', raw, share: last.share };
      continue;
    }
    if (row.fields.length !== header.length) {
      const reason = `expected ${header.length} fields, found ${row.fields.length}`;
      yield { kind: 'bad', line: first.line, reason, raw, share: last.share };
      continue;
    }
    const values = new Map<string, string | null>();
    header.forEach((name, i) => values.set(name, row.fields[i] ?? null));
    yield { kind: 'row', line: first.line, values, share: last.share };
  }
}

/** Names of a pattern's named groups, in order (lookbehinds `(?<=` and `(?<!` are not groups). */
export function groupNames(pattern: string): string[] {
  return [...jsPattern(pattern).matchAll(/\(\?<([A-Za-z_$][\w$]*)>/g)].map((m) => m[1] as string);
}

/** Python's named groups `(?P<name>…)` (what an Airflow task would use) written the JavaScript way. */
function jsPattern(pattern: string): string {
  return pattern.replace(/\(\?P</g, '(?<');
}

/** Compiles a regex source's pattern; the message says what is wrong with it. */
export function compilePattern(pattern: string): RegExp {
  let re: RegExp;
  try {
    // No 'u' flag: patterns written for other engines escape quotes and dashes (`\"`), which it refuses.
    re = new RegExp(jsPattern(pattern));
  } catch (e) {
    throw new Error(`the pattern is not a valid regular expression (${e instanceof Error ? e.message : String(e)})`, { cause: e });
  }
  if (groupNames(pattern).length === 0) throw new Error('the pattern has no named groups such as (?<status>\\d{3}): nothing would become a column');
  return re;
}

/** Lines split by a regular expression with named groups; a line it does not match is quarantined. */
function* regexLines(bytes: Uint8Array, pattern: string): Generator<ParsedRecord> {
  const re = compilePattern(pattern);
  const names = groupNames(pattern);
  for (const { line, text, share } of textLines(bytes, 'auto')) {
    const m = re.exec(text);
    if (!m) {
      yield { kind: 'bad', line, reason: text.trim() === '' ? 'empty line' : 'the line does not match the pattern', raw: text, share };
      continue;
    }
    const values = new Map<string, string | null>();
    for (const name of names) values.set(name, m.groups?.[name] ?? null);
    yield { kind: 'row', line, values, share };
  }
}

/** The records of one file's unpacked content, in file order. */
export function parseRecords(bytes: Uint8Array, source: ExtractSource): Generator<ParsedRecord> {
  switch (source.format) {
    case 'jsonl':
      return jsonLines(bytes);
    case 'csv':
      return csvRecords(bytes, source);
    case 'regex':
      return regexLines(bytes, source.pattern);
  }
}
