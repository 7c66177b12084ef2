import type { Database, SqlJsStatic, SqlValue, Statement } from 'sql.js';
import { Gunzip } from 'fflate';
import { CsvParser, type CsvRow } from './csv.ts';
import { byteKind, columnNames, declaredType, inferColumnType } from './csv-sniff.ts';
import {
  IMPORT_PROBLEM_LIMIT,
  ImportRefusal,
  type ImportColumnType,
  type ImportProblem,
  type ImportResult,
  type ImportSpec,
} from './protocol.ts';
import { hasSqliteHeader } from './sqlite-file.ts';

/**
 * Imports streamed into the open database: CSV and JSON lines become a new table as their bytes
 * arrive (the engine never holds the whole text); a SQLite file is gathered, then its tables,
 * indexes and views are copied in (not its triggers: they would run on the learner's own writes). Everything happens inside one savepoint, so a failed or
 * abandoned import leaves the database as it was. Lines that cannot be imported are reported
 * with their line numbers. Text sources are checked as they arrive: a gzip-compressed one is
 * unpacked (and refused when cut short), and bytes that are not text are refused before a row is written.
 */

/** Rows read before a CSV table is created, to choose each column's type from its values. */
const CSV_SAMPLE_ROWS = 500;

const SAVEPOINT = '__datalit_import';
const ATTACHED = '__datalit_import_file';

/** Bytes held back at the start of a text source until what it is (gzip, text, binary) can be told. */
const HEAD_BYTES = 4096;

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
  /** Takes the next bytes of the source; returns the rows inserted so far. */
  write(bytes: Uint8Array): number;
  /** Ends the source: commits and says what was imported. */
  finish(): ImportResult;
  /** Gives up: the database is left as before the import. */
  abort(): void;
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

  write(bytes: Uint8Array): number {
    this.bytes += bytes.byteLength;
    this.guarded(() => this.take(bytes));
    return this.rows;
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

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.byteLength === 0) return b;
  const out = new Uint8Array(a.byteLength + b.byteLength);
  out.set(a);
  out.set(b, a.byteLength);
  return out;
}

/**
 * Text formats: a gzip-compressed source is unpacked as it streams (known by its first bytes,
 * whatever its name); the text is checked for binary bytes, then decoded in the chosen encoding
 * (a BOM is dropped) across chunk boundaries.
 */
abstract class TextSession extends SessionBase {
  private readonly decoder: TextDecoder;
  private readonly utf16: boolean;
  /** Raw bytes held until gzip or not can be told (null once decided). */
  private rawHead: Uint8Array | null = new Uint8Array(0);
  /** Text bytes held until binary or not can be told (null once decided). */
  private textHead: Uint8Array | null = new Uint8Array(0);
  private gunzip: Gunzip | null = null;
  private compressedBytes = 0;
  /** Output of the current gzip member, to compare with its trailer's size field. */
  private memberBytes = 0;
  /** The last 8 compressed bytes: a gzip member's trailer (CRC-32, then the size mod 2^32). */
  private trailer = new Uint8Array(0);

  constructor(host: ImportHost, spec: ImportSpec) {
    super(host, spec);
    const encoding = spec.options?.encoding ?? 'utf-8';
    this.utf16 = encoding === 'utf-16le' || encoding === 'utf-16be';
    this.decoder = new TextDecoder(encoding);
  }

  protected take(bytes: Uint8Array): void {
    if (this.rawHead === null) return this.raw(bytes);
    this.rawHead = concat(this.rawHead, bytes);
    if (this.rawHead.byteLength >= HEAD_BYTES) this.decideRaw();
  }

  protected end(): void {
    if (this.rawHead !== null) this.decideRaw();
    if (this.gunzip) this.endGzip();
    if (this.textHead !== null) this.decideText();
    this.text(this.decoder.decode());
    this.done();
  }

  protected abstract text(piece: string): void;
  protected abstract done(): void;

  private decideRaw(): void {
    const head = this.rawHead as Uint8Array;
    this.rawHead = null;
    if (head[0] === 0x1f && head[1] === 0x8b) {
      const gunzip = new Gunzip((chunk) => {
        this.memberBytes += chunk.byteLength;
        this.plain(chunk);
      });
      gunzip.onmember = () => {
        this.memberBytes = 0;
      };
      this.gunzip = gunzip;
    }
    this.raw(head);
  }

  private raw(bytes: Uint8Array): void {
    if (!this.gunzip) return this.plain(bytes);
    this.compressedBytes += bytes.byteLength;
    this.trailer = concat(this.trailer, bytes.subarray(Math.max(0, bytes.byteLength - 8))).slice(-8);
    try {
      this.gunzip.push(bytes, false);
    } catch (e) {
      if (e instanceof ImportRefusal) throw e;
      throw new ImportRefusal('gzip-corrupt', `The gzip data is damaged: ${e instanceof Error ? e.message : String(e)}.`);
    }
  }

  private endGzip(): void {
    const gunzip = this.gunzip as Gunzip;
    const truncated = (): ImportRefusal =>
      new ImportRefusal('gzip-truncated', 'The gzip file ends too early: it was cut off (an unfinished download or copy).');
    try {
      gunzip.push(new Uint8Array(0), true);
    } catch (e) {
      if (e instanceof ImportRefusal) throw e;
      if (e instanceof Error && /unexpected EOF/i.test(e.message)) throw truncated();
      throw new ImportRefusal('gzip-corrupt', `The gzip data is damaged: ${e instanceof Error ? e.message : String(e)}.`);
    }
    // fflate ends quietly when only the trailer is missing: its size field must match what came out.
    const t = this.trailer;
    const size =
      t.byteLength === 8 ? ((t[4] as number) | ((t[5] as number) << 8) | ((t[6] as number) << 16) | ((t[7] as number) << 24)) >>> 0 : -1;
    if (this.compressedBytes < 18 || size !== this.memberBytes % 2 ** 32) throw truncated();
  }

  private plain(bytes: Uint8Array): void {
    if (this.textHead === null) return this.text(this.decoder.decode(bytes, { stream: true }));
    this.textHead = concat(this.textHead, bytes);
    if (this.textHead.byteLength >= HEAD_BYTES) this.decideText();
  }

  private decideText(): void {
    const head = this.textHead as Uint8Array;
    this.textHead = null;
    const kind = byteKind(head);
    // UTF-16 text is half NUL bytes: only its magic numbers can say it is not text.
    if (kind.kind === 'gzip' || (kind.kind === 'binary' && (!this.utf16 || kind.what !== 'binary'))) {
      const what = kind.kind === 'gzip' ? 'gzip' : kind.what;
      throw new ImportRefusal(
        'binary',
        `The file is not text: its bytes are those of ${what === 'binary' ? 'a binary file' : `a ${what} file`}.`,
      );
    }
    this.text(this.decoder.decode(head, { stream: true }));
  }
}

class CsvSession extends TextSession {
  private readonly parser: CsvParser;
  private readonly table: string;
  private readonly hasHeader: boolean;
  /** The learner's types, one per column; without them, types are chosen from the first rows. */
  private readonly types: ImportColumnType[] | null;
  private header: string[] | null = null;
  private sample: CsvRow[] = [];
  private insert: Statement | null = null;
  /** Inserts BATCH rows at a time (half the time of one statement per row in sql.js: fewer steps and resets). */
  private batchInsert: Statement | null = null;
  private batchRows = 1;
  private batch: (string | null)[] = [];
  private batched = 0;

  constructor(host: ImportHost, spec: ImportSpec) {
    super(host, spec);
    this.table = spec.table.trim();
    this.parser = new CsvParser(spec.options?.delimiter ?? ',');
    this.hasHeader = spec.options?.header ?? true;
    this.types = spec.options?.types && spec.options.types.length > 0 ? spec.options.types : null;
    this.begin();
  }

  protected text(piece: string): void {
    for (const row of this.parser.push(piece)) this.row(row);
  }

  protected done(): void {
    const { rows, unclosedQuoteLine } = this.parser.finish();
    for (const row of rows) this.row(row);
    if (unclosedQuoteLine !== null) this.report({ line: unclosedQuoteLine, code: 'csv-unclosed-quote' });
    if (!this.header) throw new ImportRefusal('no-header', 'The file has no line to take the columns from: it is empty.');
    this.create();
    this.flush();
  }

  protected release(): void {
    this.insert?.free();
    this.insert = null;
    this.batchInsert?.free();
    this.batchInsert = null;
  }

  private row(row: CsvRow): void {
    if (!this.header) {
      this.header = this.hasHeader ? columnNames(row.fields) : row.fields.map((_, i) => `column_${i + 1}`);
      if (this.types) this.create();
      if (this.hasHeader) return;
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
    const typeOf = (i: number): ImportColumnType => this.types?.[i] ?? inferColumnType(this.sample.map((r) => r.fields[i] ?? null));
    const columns = header.map((name, i) => `${quoteIdent(name)} ${declaredType(typeOf(i))}`);
    this.host.db.exec(`CREATE TABLE main.${quoteIdent(this.table)} (${columns.join(', ')})`);
    this.tables.push(this.table);
    const one = `(${header.map(() => '?').join(', ')})`;
    this.insert = this.host.db.prepare(`INSERT INTO main.${quoteIdent(this.table)} VALUES ${one}`);
    // Well under SQLite's limit of 32,766 bound values per statement.
    this.batchRows = Math.max(1, Math.min(100, Math.floor(30_000 / header.length)));
    if (this.batchRows > 1) {
      this.batchInsert = this.host.db.prepare(
        `INSERT INTO main.${quoteIdent(this.table)} VALUES ${Array(this.batchRows).fill(one).join(', ')}`,
      );
    }
    for (const row of this.sample.splice(0)) this.put(row);
  }

  private put(row: CsvRow): void {
    // Column affinity turns "42" into 42 in an INTEGER column and leaves text that is not a number as it is.
    this.rows++;
    if (!this.batchInsert) {
      (this.insert as Statement).run(row.fields);
      return;
    }
    for (const field of row.fields) this.batch.push(field);
    if (++this.batched === this.batchRows) {
      this.batchInsert.run(this.batch);
      this.batch = [];
      this.batched = 0;
    }
  }

  /** Inserts the rows still waiting for a full batch, one by one. */
  private flush(): void {
    const width = this.header?.length ?? 0;
    for (let i = 0; i < this.batched; i++) (this.insert as Statement).run(this.batch.slice(i * width, (i + 1) * width));
    this.batch = [];
    this.batched = 0;
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
    if (!this.created) throw new ImportRefusal('no-json', 'The file has no JSON object to import (one object per line).');
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
  if (name === '') throw new ImportRefusal('table-name', 'The import needs a name for its table.');
  if (name.toLowerCase().startsWith('sqlite_')) throw new ImportRefusal('table-name', `A table name cannot start with "sqlite_": ${name}`);
  if (host.exists(name))
    throw new ImportRefusal('table-exists', `A table named ${name} already exists: choose another name, or drop it first.`);
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
