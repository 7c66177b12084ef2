/**
 * Small text helpers shared by the lake writer and the ETL: timestamps in UTC and KST, a CSV
 * reader that copes with a BOM, quotes and CRLF, and UTF-8 encoding.
 */

const KST_MS = 9 * 3_600_000;
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** UTF-8 bytes of a string. */
export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/** A string from UTF-8 bytes; a BOM, if any, is kept so readers can see it. */
export function fromUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

/** '2024-07-01T03:12:45.123Z' */
export function utcIso(ms: number): string {
  return new Date(ms).toISOString();
}

/** '2024-07-01 12:12:45' in Korea Standard Time, as the production database stores times. */
export function kstDateTime(ms: number): string {
  const s = new Date(ms + KST_MS).toISOString();
  return `${s.slice(0, 10)} ${s.slice(11, 19)}`;
}

/** '2024-07-01' in KST. */
export function kstDate(ms: number): string {
  return new Date(ms + KST_MS).toISOString().slice(0, 10);
}

/** '2024-07-01T12:12:45+09:00', as the search service logs times. */
export function kstIsoOffset(ms: number): string {
  return `${new Date(ms + KST_MS).toISOString().slice(0, 19)}+09:00`;
}

/** Quotes a CSV field when it needs it. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Parses CSV text (RFC 4180: quotes, doubled quotes, CRLF or LF); a leading BOM is dropped. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      rows.push(row);
      row = [];
    } else field += ch;
  }
  if (field.length > 0 || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
