/**
 * RFC 4180 CSV for exported results. The one place that decides the byte-order mark: Excel
 * reads a BOM-less CSV as the system code page (CP949 on Korean Windows) and garbles Hangul,
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
