import type { Database, SqlJsStatic, SqlValue, Statement } from 'sql.js';
import { CsvParser, type CsvRow } from './csv.ts';
import { IMPORT_PROBLEM_LIMIT, type ImportProblem, type ImportResult, type ImportSpec } from './protocol.ts';
import { hasSqliteHeader } from './sqlite-file.ts';

/**
 * Imports streamed into the open database: CSV and JSON lines become a new table as their bytes
 * arrive (the engine never holds the whole text); a SQLite file is gathered, then its tables,
 * indexes and views are copied in (not its triggers: they would run on the learner's own writes). Everything happens inside one savepoint, so a failed or
 * abandoned import leaves the database as it was. Lines that cannot be imported are reported
 * with their line numbers.
 */

/** Rows read before a CSV table is created, to choose each column's type from its values. */
const CSV_SAMPLE_ROWS = 500;

const SAVEPOINT = '__datalit_import';
const ATTACHED = '__datalit_import_file';

const INTEGER = /^[+-]?(0|[1-9][0-9]*)$/;
const REAL = /^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/;

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** What the engine lends an import. */
export interface ImportHost {
  db: Database;
  sql: SqlJsStatic;
  /** True when main already has a table, view, index or trigger of this name. */
  exists(name: string): boolean;
  /** Checks a schema statement from an imported file as learner SQL is checked; returns the refusal's text or null. */
  refuse(sql: string): string | null;
}

/** One import in progress. */
export interface ImportSession {
  /** Takes the next bytes of the source. */
  write(bytes: Uint8Array): void;
  /** Ends the source: commits and says what was imported. */
  finish(): ImportResult;
  /** Gives up: the database is left as before the import. */
  abort(): void;
}

/** Names for a header: blanks become column_N, repeats get _2, _3 (SQLite compares column names without case). */
function columnNames(header: (string | null)[]): string[] {
  const seen = new Set<string>();
  return header.map((raw, i) => {
    const base = raw === null || raw.trim() === '' ? `column_${i + 1}` : raw.trim();
    let name = base;
    for (let n = 2; seen.has(name.toLowerCase()); n++) name = `${base}_${n}`;
    seen.add(name.toLowerCase());
    return name;
  });
}

/** INTEGER or REAL when every value in the sample reads as one (leading zeros keep a column TEXT: they are codes). */
function columnType(values: (string | null)[]): string {
  const present = values.filter((v): v is string => v !== null);
  if (present.length === 0) return 'TEXT';
  if (present.every((v) => INTEGER.test(v))) return 'INTEGER';
  if (present.every((v) => REAL.test(v) && !/^[+-]?0[0-9]/.test(v))) return 'REAL';
  return 'TEXT';
}

abstract class SessionBase implements ImportSession {
  protected readonly host: ImportHost;
  protected readonly spec: ImportSpec;
  protected rows = 0;
  protected bytes = 0;
  protected readonly tables: string[] = [];
  private readonly problems: ImportProblem[] = [];
  private problemCount = 0;
  private open = true;
  private began = false;

  constructor(host: ImportHost, spec: ImportSpec) {
    this.host = host;
    this.spec = spec;
  }

  write(bytes: Uint8Array): void {
    this.bytes += bytes.byteLength;
    this.guarded(() => this.take(bytes));
  }

  finish(): ImportResult {
    this.guarded(() => {
      this.end();
      if (this.began) this.host.db.exec(`RELEASE ${SAVEPOINT}`);
    });
    this.open = false;
    this.release();
    return {
      tables: [...this.tables],
      rows: this.rows,
      problems: [...this.problems],
      problemCount: this.problemCount,
      bytes: this.bytes,
      wrote: true,
    };
  }

  abort(): void {
    if (!this.open) return;
    this.open = false;
    try {
      if (this.began) this.host.db.exec(`ROLLBACK TO ${SAVEPOINT}; RELEASE ${SAVEPOINT}`);
    } catch {
      // The savepoint is already gone (SQLite rolled back on its own): nothing of the import is left.
    } finally {
      this.release();
    }
  }

  /** Opens the savepoint everything the import writes goes into. */
  protected begin(): void {
    this.host.db.exec(`SAVEPOINT ${SAVEPOINT}`);
    this.began = true;
  }

  protected report(problem: ImportProblem): void {
    this.problemCount++;
    if (this.problems.length < IMPORT_PROBLEM_LIMIT) this.problems.push(problem);
  }

  /** Frees prepared statements and other resources (after the savepoint has ended). */
  protected abstract release(): void;
  protected abstract take(bytes: Uint8Array): void;
  protected abstract end(): void;

  private guarded(work: () => void): void {
    try {
      work();
    } catch (e) {
      this.abort();
      throw e;
    }
  }
}

/** Text formats: bytes decoded as UTF-8 (a BOM is dropped) across chunk boundaries. */
abstract class TextSession extends SessionBase {
  private readonly decoder = new TextDecoder('utf-8');

  protected take(bytes: Uint8Array): void {
    this.text(this.decoder.decode(bytes, { stream: true }));
  }

  protected end(): void {
    this.text(this.decoder.decode());
    this.done();
  }

  protected abstract text(piece: string): void;
  protected abstract done(): void;
}

class CsvSession extends TextSession {
  private readonly parser = new CsvParser();
  private readonly table: string;
  private header: string[] | null = null;
  private sample: CsvRow[] = [];
  private insert: Statement | null = null;

  constructor(host: ImportHost, spec: ImportSpec) {
    super(host, spec);
    this.table = spec.table.trim();
    this.begin();
  }

  protected text(piece: string): void {
    for (const row of this.parser.push(piece)) this.row(row);
  }

  protected done(): void {
    const { rows, unclosedQuoteLine } = this.parser.finish();
    for (const row of rows) this.row(row);
    if (unclosedQuoteLine !== null) this.report({ line: unclosedQuoteLine, code: 'csv-unclosed-quote' });
    if (!this.header) throw new Error('The file has no header line to name the columns.');
    this.create();
  }

  protected release(): void {
    this.insert?.free();
    this.insert = null;
  }

  private row(row: CsvRow): void {
    if (!this.header) {
      this.header = columnNames(row.fields);
      return;
    }
    if (row.fields.length !== this.header.length) {
      this.report({ line: row.line, code: 'csv-field-count', expected: this.header.length, found: row.fields.length });
      return;
    }
    if (!this.insert) {
      this.sample.push(row);
      if (this.sample.length >= CSV_SAMPLE_ROWS) this.create();
      return;
    }
    this.put(row);
  }

  /** Creates the table with types chosen from the sample, then inserts the sample. */
  private create(): void {
    if (this.insert || !this.header) return;
    const header = this.header;
    const columns = header.map((name, i) => `${quoteIdent(name)} ${columnType(this.sample.map((r) => r.fields[i] ?? null))}`);
    this.host.db.exec(`CREATE TABLE main.${quoteIdent(this.table)} (${columns.join(', ')})`);
    this.tables.push(this.table);
    this.insert = this.host.db.prepare(`INSERT INTO main.${quoteIdent(this.table)} VALUES (${header.map(() => '?').join(', ')})`);
    for (const row of this.sample.splice(0)) this.put(row);
  }

  private put(row: CsvRow): void {
    // Column affinity turns "42" into 42 in an INTEGER column and leaves text that is not a number as it is.
    (this.insert as Statement).run(row.fields);
    this.rows++;
  }
}

/** A JSON value as a cell: booleans as 1/0, objects and arrays as their JSON text. */
function cellOf(value: unknown): SqlValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number' || typeof value === 'string') return value;
  return JSON.stringify(value);
}

function jsonType(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? 'INTEGER' : 'REAL';
  if (typeof value === 'boolean') return 'INTEGER';
  return 'TEXT';
}

class JsonLinesSession extends TextSession {
  private readonly table: string;
  private partial = '';
  private line = 0;
  /** Columns in the order their keys first appeared; keys compare without case, as SQLite's column names do. */
  private readonly columns: string[] = [];
  private readonly index = new Map<string, number>();
  private insert: Statement | null = null;
  private created = false;

  constructor(host: ImportHost, spec: ImportSpec) {
    super(host, spec);
    this.table = spec.table.trim();
    this.begin();
  }

  protected text(piece: string): void {
    const lines = (this.partial + piece).split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) this.one(line);
  }

  protected done(): void {
    if (this.partial !== '') this.one(this.partial);
    this.partial = '';
    if (!this.created) throw new Error('The file has no JSON object to import.');
  }

  protected release(): void {
    this.insert?.free();
    this.insert = null;
  }

  private one(raw: string): void {
    this.line++;
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (text.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(this.line === 1 ? text.replace(/^\uFEFF/, '') : text);
    } catch (e) {
      this.report({ line: this.line, code: 'json-invalid', detail: e instanceof Error ? e.message : String(e) });
      return;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      this.report({ line: this.line, code: 'json-not-object' });
      return;
    }
    const entries = Object.entries(value as Record<string, unknown>);
    this.addColumns(entries);
    const cells = new Array<SqlValue>(this.columns.length).fill(null);
    for (const [key, v] of entries) cells[this.index.get(this.keyOf(key)) as number] = cellOf(v);
    (this.insert as Statement).run(cells);
    this.rows++;
  }

  private keyOf(key: string): string {
    return (key === '' ? '(blank)' : key).toLowerCase();
  }

  /** Creates the table on the first object, adds a column for each key seen later (the union of keys). */
  private addColumns(entries: [string, unknown][]): void {
    const added: string[] = [];
    for (const [key, value] of entries) {
      const k = this.keyOf(key);
      if (this.index.has(k)) continue;
      const name = key === '' ? `column_${this.columns.length + 1}` : key;
      this.index.set(k, this.columns.length);
      this.columns.push(name);
      added.push(`${quoteIdent(name)} ${jsonType(value)}`);
    }
    const table = `main.${quoteIdent(this.table)}`;
    if (!this.created) {
      // An object with no keys still makes a row: the table then starts with one placeholder-free column set.
      if (added.length === 0) return this.createEmpty(table);
      this.host.db.exec(`CREATE TABLE ${table} (${added.join(', ')})`);
      this.tables.push(this.table);
      this.created = true;
    } else if (added.length > 0) {
      for (const column of added) this.host.db.exec(`ALTER TABLE ${table} ADD COLUMN ${column}`);
    } else if (this.insert) {
      return;
    }
    this.insert?.free();
    this.insert = this.host.db.prepare(`INSERT INTO ${table} VALUES (${this.columns.map(() => '?').join(', ')})`);
  }

  private createEmpty(table: string): void {
    // `{}` as the first line: a table needs a column, so the row is counted once one exists.
    this.index.set('(blank)', 0);
    this.columns.push('column_1');
    this.host.db.exec(`CREATE TABLE ${table} (column_1 TEXT)`);
    this.tables.push(this.table);
    this.created = true;
    this.insert = this.host.db.prepare(`INSERT INTO ${table} VALUES (?)`);
  }
}

/** A SQLite file: gathered whole (SQLite reads it at random), then copied in through an internal ATTACH. */
class SqliteSession extends SessionBase {
  private buffer: Uint8Array;
  private length = 0;
  private source: Database | null = null;
  private attached = false;

  constructor(host: ImportHost, spec: ImportSpec) {
    super(host, spec);
    this.buffer = new Uint8Array(Math.max(0, spec.totalBytes));
  }

  protected take(bytes: Uint8Array): void {
    if (this.length + bytes.byteLength > this.buffer.byteLength) {
      const grown = new Uint8Array(Math.max(this.buffer.byteLength * 2, this.length + bytes.byteLength));
      grown.set(this.buffer.subarray(0, this.length));
      this.buffer = grown;
    }
    this.buffer.set(bytes, this.length);
    this.length += bytes.byteLength;
  }

  protected end(): void {
    const { db, sql } = this.host;
    const bytes = this.buffer.subarray(0, this.length);
    // The same check as opening a file: sql.js would take empty bytes as a new, empty database.
    if (!hasSqliteHeader(bytes)) throw new Error('This file is not a SQLite database: its first bytes are not "SQLite format 3".');
    const source = new sql.Database(bytes);
    this.source = source;
    let objects: { type: string; name: string; sql: string }[];
    try {
      objects = (
        source.exec(
          `SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
           AND type IN ('table', 'index', 'view') ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 ELSE 2 END, rowid`,
        )[0]?.values ?? []
      ).map(([type, name, text]) => ({ type: String(type), name: String(name), sql: String(text) }));
    } catch (e) {
      throw new Error(`This file is not a SQLite database SQLite can read: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
    const taken = objects.filter((o) => o.type !== 'index' && this.host.exists(o.name)).map((o) => o.name);
    if (taken.length > 0) throw new Error(`The database already has tables named ${taken.join(', ')}: drop or rename them first.`);
    // sql.js keeps each database in a file of its in-memory file system, named by Database#filename.
    const file = (source as unknown as { filename?: unknown }).filename;
    if (typeof file !== 'string') throw new Error('This version of sql.js cannot attach an imported file.');
    // SQLite attaches only outside a transaction; the copy itself then runs inside the savepoint.
    db.exec(`ATTACH '/${file.replace(/'/g, "''")}' AS ${ATTACHED}`);
    this.attached = true;
    this.begin();
    for (const o of objects) {
      const refusal = this.host.refuse(o.sql);
      if (refusal) throw new Error(`The file's ${o.type} ${o.name} cannot be imported: ${refusal}`);
      db.exec(o.sql);
      if (o.type === 'table') {
        db.exec(`INSERT INTO main.${quoteIdent(o.name)} SELECT * FROM ${ATTACHED}.${quoteIdent(o.name)}`);
        this.rows += db.getRowsModified();
      }
      if (o.type !== 'index') this.tables.push(o.name);
    }
  }

  protected release(): void {
    if (this.attached) this.host.db.exec(`DETACH ${ATTACHED}`);
    this.attached = false;
    this.source?.close();
    this.source = null;
  }
}

/** The new table of a CSV or JSON lines import must have a free name (checked before anything is written). */
function checkTableName(host: ImportHost, raw: string): void {
  const name = raw.trim();
  if (name === '') throw new Error('The import needs a name for its table.');
  if (name.toLowerCase().startsWith('sqlite_')) throw new Error(`A table name cannot start with "sqlite_": ${name}`);
  if (host.exists(name)) throw new Error(`A table named ${name} already exists: choose another name, or drop it first.`);
}

/** Starts an import of the given format into the host's database. */
export function startImport(host: ImportHost, spec: ImportSpec): ImportSession {
  if (spec.format !== 'sqlite') checkTableName(host, spec.table);
  switch (spec.format) {
    case 'csv':
      return new CsvSession(host, spec);
    case 'jsonl':
      return new JsonLinesSession(host, spec);
    case 'sqlite':
      return new SqliteSession(host, spec);
    default: {
      const unknown: never = spec.format;
      throw new Error(`Unknown import format: ${String(unknown)}`);
    }
  }
}
