/**
 * RFC 4180 CSV: the writer for exported results and a streaming reader for imports. The one
 * place that decides the byte-order mark: Excel reads a BOM-less CSV as the system code page (CP949 on Korean Windows) and garbles Hangul,
 * so every export starts with U+FEFF, which becomes EF BB BF when the string is saved as UTF-8.
 */

/** The byte-order mark prepended to every CSV export (see the file comment for why). */
export const CSV_BOM = '\uFEFF';

/** Record separator required by RFC 4180. */
export const CSV_EOL = '\r\n';

/** A cell as the exporter receives it: SQLite integers arrive as bigint, REAL values as their SQLite text. */
export type CsvCell = string | number | bigint | null | Uint8Array;

const NEEDS_QUOTES = /[",\r\n]/;

function hex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out.toUpperCase();
}

/**
 * Formats a REAL the way SQLite does when SQL text is not available: 15 significant digits
 * when that round-trips, else 17; exponent form outside 1e-4..1e17; always a `.0` or exponent.
 */
export function formatSqliteReal(value: number): string {
  if (Number.isNaN(value)) return '';
  if (!Number.isFinite(value)) return value > 0 ? 'Inf' : '-Inf';
  if (value === 0) return '0.0';
  let digits = value.toPrecision(15);
  if (Number(digits) !== value) digits = value.toPrecision(17);
  const [mantissaRaw = '', expRaw] = Number(digits).toExponential().split('e');
  const exp = Number(expRaw);
  const sign = mantissaRaw.startsWith('-') ? '-' : '';
  const mantissa = mantissaRaw.replace('-', '');
  if (exp < -4 || exp >= 17) {
    const m = mantissa.includes('.') ? mantissa : `${mantissa}.0`;
    return `${sign}${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  const fixed = Math.abs(Number(digits)).toFixed(Math.max(0, (mantissa.split('.')[1]?.length ?? 0) - exp));
  return `${sign}${fixed.includes('.') ? fixed : `${fixed}.0`}`;
}

/** One field, quoted when it holds a comma, quote, CR or LF. NULL is an empty field. */
export function csvField(cell: CsvCell): string {
  if (cell === null) return '';
  if (typeof cell === 'bigint') return cell.toString();
  // Integers arrive as bigint, so a number here is a REAL.
  if (typeof cell === 'number') return formatSqliteReal(cell);
  if (cell instanceof Uint8Array) return hex(cell);
  return NEEDS_QUOTES.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** One CSV record without its line end. */
export function csvRecord(cells: readonly CsvCell[]): string {
  return cells.map(csvField).join(',');
}

/** Collects records into a BOM-prefixed, CRLF-terminated CSV document. */
export class CsvWriter {
  private readonly parts: string[] = [CSV_BOM];

  /** Appends one record (the header is just the first record). */
  add(cells: readonly CsvCell[]): void {
    this.parts.push(csvRecord(cells), CSV_EOL);
  }

  /** The finished document. */
  toString(): string {
    return this.parts.join('');
  }
}

/** One parsed record: the physical line it starts on (1-based) and its fields. */
export interface CsvRow {
  line: number;
  /** An empty unquoted field is null (no value); a quoted empty field ("") is an empty string. */
  fields: (string | null)[];
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;
const BOM = 0xfeff;

const START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
const QUOTE_SEEN = 3;

/**
 * A streaming RFC 4180 reader for imports: text arrives in pieces of any size (a record, a quoted
 * field or a CRLF may be cut anywhere), records come out with the line they start on, so a
 * malformed one can be reported where the learner finds it in their file. Quoted fields may hold
 * commas, quotes ("") and line breaks; CRLF, LF and lone CR all end a record; a leading BOM is
 * skipped; blank lines are skipped. Lenient where files in the wild are: a quote inside an
 * unquoted field, or text after a closing quote, is kept as text.
 */
export class CsvParser {
  /** The field separator's code (a comma unless the import chose `;`, tab or `|`). */
  private readonly delimiter: number;
  private state = START;
  private field = '';
  private quoted = false;
  private fields: (string | null)[] = [];
  private line = 1;
  private recordLine = 1;
  private prev = -1;
  private started = false;

  constructor(delimiter = ',') {
    this.delimiter = delimiter.charCodeAt(0) || COMMA;
  }

  /** Parses the next piece of text; returns the records it completed. */
  push(text: string): CsvRow[] {
    const out: CsvRow[] = [];
    let i = 0;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === BOM) i = 1;
    }
    // Start of a run of plain characters not yet appended to the field (appended as one slice).
    let run = -1;
    const flush = (end: number): void => {
      if (run >= 0) this.field += text.slice(run, end);
      run = -1;
    };
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      const crlf = c === LF && this.prev === CR;
      this.prev = c;
      if (this.state === QUOTED) {
        if (c === QUOTE) {
          flush(i);
          this.state = QUOTE_SEEN;
        } else {
          if (run < 0) run = i;
          if (c === CR || (c === LF && !crlf)) this.line++;
        }
        continue;
      }
      if (this.state === QUOTE_SEEN) {
        if (c === QUOTE) {
          this.field += '"';
          this.state = QUOTED;
          continue;
        }
        // That quote closed the field; whatever follows is read as in an unquoted field.
        this.state = UNQUOTED;
      }
      if (c === this.delimiter) {
        flush(i);
        this.endField();
        continue;
      }
      if (c === CR || c === LF) {
        // The LF of a CRLF: its CR already ended the record and counted the line.
        if (crlf) continue;
        flush(i);
        this.line++;
        this.endRecord(out);
        continue;
      }
      if (this.state === START) {
        if (c === QUOTE) {
          this.state = QUOTED;
          this.quoted = true;
          continue;
        }
        this.state = UNQUOTED;
      }
      if (run < 0) run = i;
    }
    flush(text.length);
    return out;
  }

  /**
   * Ends the input: returns the last record (a file need not end with a line break) and, when a
   * quoted field was never closed, the line that field's record starts on (the record is not returned).
   */
  finish(): { rows: CsvRow[]; unclosedQuoteLine: number | null } {
    if (this.state === QUOTED) {
      const line = this.recordLine;
      this.reset();
      return { rows: [], unclosedQuoteLine: line };
    }
    const rows: CsvRow[] = [];
    this.endRecord(rows);
    return { rows, unclosedQuoteLine: null };
  }

  private endField(): void {
    this.fields.push(this.quoted || this.field !== '' ? this.field : null);
    this.field = '';
    this.quoted = false;
    this.state = START;
  }

  private endRecord(out: CsvRow[]): void {
    const blank = this.fields.length === 0 && this.field === '' && !this.quoted && this.state === START;
    if (!blank) {
      this.endField();
      out.push({ line: this.recordLine, fields: this.fields });
    }
    this.fields = [];
    this.state = START;
    this.recordLine = this.line;
  }

  private reset(): void {
    this.fields = [];
    this.field = '';
    this.quoted = false;
    this.state = START;
  }
}
