import Papa from 'papaparse';
import { hasSqliteHeader } from '../sql/sqlite-file.ts';
import type { SqlEngine } from '../sql/engine.ts';

/**
 * A pack's datasets become SQLite databases the lessons query: a SQLite file is checked to be
 * one (its header, then SQLite reading its schema); a CSV or JSON lines file is checked to be
 * text of that shape and loaded into one table with detected column types.
 */

/** The formats a dataset file may have, by its extension. */
export type DatasetFormat = 'sqlite' | 'csv' | 'jsonl';

/** The format a dataset's file name claims. */
export function formatOf(file: string): DatasetFormat | null {
  const lower = file.toLowerCase();
  if (/\.(sqlite|sqlite3|db)$/.test(lower)) return 'sqlite';
  if (lower.endsWith('.csv')) return 'csv';
  if (/\.(jsonl|ndjson)$/.test(lower)) return 'jsonl';
  return null;
}

/** The name people know the format by, for messages. */
export const FORMAT_NAMES: Record<DatasetFormat, string> = { sqlite: 'SQLite', csv: 'CSV', jsonl: 'JSON lines' };

/** The default table of a CSV or JSON lines file: its name without extension, as a SQL identifier. */
export function defaultTableName(file: string): string {
  const stem = (file.split('/').pop() ?? file).replace(/\.[^.]+$/, '');
  const name = stem.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[A-Za-z_]/.test(name) ? name : `t_${name}`;
}

/** A dataset turned into a SQLite database, or why it is not what it claims. */
export type DatasetOutcome = { ok: true; bytes: Uint8Array; tables: string[] } | { ok: false; detail: string };

type Cell = string | number | null;

const quoteId = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Text decoded strictly: a binary file given a text extension fails here. */
function decodeText(bytes: Uint8Array): string | null {
  if (bytes.includes(0)) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return null;
  }
}

/** The column type every non-empty value fits: INTEGER, REAL or TEXT. */
function columnType(values: readonly Cell[]): 'INTEGER' | 'REAL' | 'TEXT' {
  let type: 'INTEGER' | 'REAL' = 'INTEGER';
  for (const v of values) {
    if (v === null || v === '') continue;
    if (typeof v === 'number') {
      if (!Number.isInteger(v)) type = 'REAL';
      continue;
    }
    if (/^-?\d{1,15}$/.test(v)) continue;
    if (/^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(v)) type = 'REAL';
    else return 'TEXT';
  }
  return type;
}

function cellValue(v: Cell, type: 'INTEGER' | 'REAL' | 'TEXT'): Cell {
  if (v === null || v === '') return null;
  if (type === 'TEXT') return typeof v === 'number' ? String(v) : v;
  return typeof v === 'number' ? v : Number(v);
}

/** Builds a one-table database from columns and rows on the engine (which is left holding it). */
function tableDatabase(engine: SqlEngine, table: string, columns: string[], rows: Cell[][]): Uint8Array {
  engine.open(new Uint8Array(0));
  const db = engine.database();
  const types = columns.map((_, i) => columnType(rows.map((r) => r[i] ?? null)));
  db.run(`CREATE TABLE ${quoteId(table)} (${columns.map((c, i) => `${quoteId(c)} ${types[i]}`).join(', ')})`);
  const insert = db.prepare(`INSERT INTO ${quoteId(table)} VALUES (${columns.map(() => '?').join(', ')})`);
  db.run('BEGIN');
  try {
    for (const row of rows) insert.run(columns.map((_, i) => cellValue(row[i] ?? null, types[i]!)));
    db.run('COMMIT');
  } finally {
    insert.free();
  }
  return engine.snapshot();
}

function csvDataset(engine: SqlEngine, bytes: Uint8Array, table: string): DatasetOutcome {
  const text = decodeText(bytes);
  if (text === null) return { ok: false, detail: 'the file is not UTF-8 text' };
  const parsed = Papa.parse<string[]>(text.trimEnd(), { skipEmptyLines: 'greedy' });
  const quoteError = parsed.errors.find((e) => e.type === 'Quotes');
  if (quoteError) return { ok: false, detail: `row ${(quoteError.row ?? 0) + 1}: ${quoteError.message}` };
  const [header, ...rows] = parsed.data;
  if (!header || header.length === 0 || header.every((h) => h.trim() === '')) return { ok: false, detail: 'it has no header row' };
  const columns = header.map((h, i) => h.trim() || `column_${i + 1}`);
  if (new Set(columns.map((c) => c.toLowerCase())).size !== columns.length) return { ok: false, detail: 'two columns have the same name' };
  const ragged = rows.findIndex((r) => r.length !== columns.length);
  if (ragged >= 0) return { ok: false, detail: `row ${ragged + 2} has ${rows[ragged]!.length} fields, the header ${columns.length}` };
  return { ok: true, bytes: tableDatabase(engine, table, columns, rows), tables: [table] };
}

function jsonlDataset(engine: SqlEngine, bytes: Uint8Array, table: string): DatasetOutcome {
  const text = decodeText(bytes);
  if (text === null) return { ok: false, detail: 'the file is not UTF-8 text' };
  const records: Record<string, unknown>[] = [];
  const lines = text.split(/\r?\n/);
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      return { ok: false, detail: `line ${i + 1} is not JSON` };
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, detail: `line ${i + 1} is not a JSON object` };
    records.push(value as Record<string, unknown>);
  }
  if (records.length === 0) return { ok: false, detail: 'it has no records' };
  const columns = [...new Set(records.flatMap((r) => Object.keys(r)))];
  const rows = records.map((r) =>
    columns.map((c): Cell => {
      const v = r[c];
      if (v === undefined || v === null) return null;
      if (typeof v === 'number' || typeof v === 'string') return v;
      if (typeof v === 'boolean') return v ? 1 : 0;
      return JSON.stringify(v);
    }),
  );
  return { ok: true, bytes: tableDatabase(engine, table, columns, rows), tables: [table] };
}

function sqliteDataset(engine: SqlEngine, bytes: Uint8Array): DatasetOutcome {
  if (!hasSqliteHeader(bytes.subarray(0, 16))) return { ok: false, detail: 'its first bytes are not "SQLite format 3"' };
  try {
    engine.open(bytes);
    const tables = engine
      .schema()
      .filter((o) => o.type === 'table')
      .map((o) => o.name);
    return { ok: true, bytes, tables };
  } catch (e) {
    return { ok: false, detail: e instanceof Error ? e.message : String(e) };
  }
}

/** Checks a dataset file against its claimed format and returns it as SQLite bytes. */
export function datasetToSqlite(engine: SqlEngine, file: string, bytes: Uint8Array, table?: string): DatasetOutcome {
  const format = formatOf(file);
  if (format === 'sqlite') return sqliteDataset(engine, bytes);
  if (format === 'csv') return csvDataset(engine, bytes, table ?? defaultTableName(file));
  if (format === 'jsonl') return jsonlDataset(engine, bytes, table ?? defaultTableName(file));
  return { ok: false, detail: 'unknown dataset format' };
}
