import type { Database, SqlJsStatic, SqlValue, Statement } from 'sql.js';
import type {
  Cell,
  ColumnInfo,
  ExecResult,
  ImportResult,
  ImportSpec,
  ResultSet,
  SchemaObject,
  SqlErrorInfo,
  SqlGuidance,
  WorkerResults,
} from './protocol.ts';
import { CsvWriter, type CsvCell } from './csv.ts';
import { startImport, type ImportSession } from './import.ts';
import { locateError, statementSpan, type ErrorSpan } from './error-position.ts';
import { checkStatement, type GuardContext, type Refusal } from './statement-guard.ts';
import { firstStatementEnd, tokenizeSql, type SqlToken } from './sql-tokens.ts';
import { lineColumnAt } from './text-position.ts';
import { registerPseudonym, keyBytes } from '../governance/mask-pseudonym.ts';

/**
 * The SQL engine behind the worker protocol: sql.js with the sandbox's rules. Pure (no DOM, no
 * worker globals), so the worker and Node tests run the same code against real sql.js.
 */

const MIB = 1024 * 1024;

/** Ceilings that turn a runaway statement into an SQLite error instead of a dead worker. */
export const SAFETY_LIMITS = {
  /** sqlite3_hard_heap_limit64: everything SQLite allocates in the wasm heap (page cache, sorter, hash tables). */
  heapBytes: 1024 * MIB,
  /** main database size (max_page_count); its pages live in the worker's in-memory file system. */
  mainBytes: 1024 * MIB,
  /** temp database size (max_page_count): a huge TEMP table stops here with "database or disk is full". */
  tempBytes: 512 * MIB,
} as const;

/**
 * Pragmas every open applies before the learner's first statement (the learner's own PRAGMAs
 * are refused by the statement guard). Chosen by `node scripts/bench-pragmas.ts` on 1M rows:
 * - journal_mode MEMORY, synchronous OFF: the database lives in the worker's memory file system,
 *   so a journal file and fsync there protect nothing a crash would not lose anyway; a memory
 *   journal keeps ROLLBACK working (OFF would not). Writes only; reads are unchanged.
 * - temp_store FILE (1, explicit): MEMORY made the sorter behind GROUP BY / ORDER BY 2–3× slower in
 *   this sql.js build (GROUP BY event over 1M rows 1.0 s → 2.6–3.5 s, measured interleaved), and
 *   temp.max_page_count already bounds temp tables.
 * - cache_size −2000 KiB (SQLite's default, explicit): a cache sized to the database (−70 MiB) or
 *   sqliteviz's 64 MiB did not win reliably here (pages are a memcpy away in MEMFS) and doubles
 *   the wasm heap a large database takes.
 */
export const ENGINE_PRAGMAS = {
  journalMode: 'memory',
  synchronous: 0,
  tempStore: 1,
  cacheSize: -2000,
} as const;

/** The temp view used to read declared types; never touches the main schema. */
const PROBE_VIEW = '__datalit_decltype_probe';

/** Statements whose text can sit behind CREATE VIEW … AS, so their declared types can be probed. */
const QUERY_HEADS = new Set(['SELECT', 'WITH', 'VALUES']);

/** sql.js's Statement.get accepts a config its type definitions do not declare. */
interface BigIntStatement {
  get(params: null, config: { useBigInt: boolean }): (SqlValue | bigint)[];
}

/** A prepared statement, the characters of its text it took, and how to free it. */
interface PreparedFirst {
  stmt: Statement;
  consumed: number;
  release: () => void;
}

interface ChangeMarker {
  totalChanges: number;
  schemaVersion: number;
}

/**
 * A failure outside SQLite (a JS allocation failure or wasm trap unwound through SQLite's C
 * stack): the connection can no longer be trusted, so the worker must be replaced.
 */
export class EngineFault extends Error {
  constructor(cause: Error) {
    super(`The SQL engine failed (${cause.name}: ${cause.message})`, { cause });
    this.name = 'EngineFault';
  }
}

/** sql.js reports SQLite errors as plain Error; anything else came from below SQLite. */
function faultOf(e: unknown): EngineFault | null {
  if (e instanceof EngineFault) return e;
  return e instanceof Error && e.name !== 'Error' ? new EngineFault(e) : null;
}

function now(): number {
  return globalThis.performance.now();
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** What the learner can do about the two errors the safety limits produce. */
function explain(message: string): { message: string; guidance?: SqlGuidance } {
  const mb = (bytes: number): number => Math.round(bytes / MIB);
  if (message === 'database or disk is full') {
    return {
      message: `${message}: this sandbox keeps a database under ${mb(SAFETY_LIMITS.mainBytes)} MB (temporary tables under ${mb(SAFETY_LIMITS.tempBytes)} MB). Drop tables you no longer need, or use Reset.`,
      guidance: { code: 'disk-full', params: { mainMb: mb(SAFETY_LIMITS.mainBytes), tempMb: mb(SAFETY_LIMITS.tempBytes) } },
    };
  }
  if (message === 'out of memory') {
    return {
      message: `${message}: the query needed more than the ${mb(SAFETY_LIMITS.heapBytes)} MB this sandbox allows. Add a WHERE or LIMIT, or aggregate first.`,
      guidance: { code: 'out-of-memory', params: { heapMb: mb(SAFETY_LIMITS.heapBytes) } },
    };
  }
  return { message };
}

/** The body of a statement without leading comments and trailing `;`. */
function bodyOf(text: string, tokens: SqlToken[]): string {
  const span = statementSpan(tokens);
  return text.slice(span.start, span.end);
}

/** sql.js in one worker: open, run, describe, export and snapshot one database. */
export class SqlEngine {
  private readonly sql: SqlJsStatic;
  private db: Database | null = null;
  private marker: Statement | null = null;
  private bundled = new Set<string>();
  /** Committed changes not yet captured by snapshot(); reported as `wrote` until they are. */
  private unsnapshotted = false;
  /** The workspace key of pseudonym() (governance), registered on every database this engine opens. */
  private pseudonymKey: string | null = null;

  /** Takes the initialised sql.js module (initSqlJs() in the worker, or in Node tests). */
  constructor(sql: SqlJsStatic) {
    this.sql = sql;
  }

  /** Opens a database from its bytes; without bundledNames every table and view in it counts as bundled. */
  open(bytes: Uint8Array, bundledNames?: string[]): WorkerResults['open'] {
    this.close();
    const db = new this.sql.Database(bytes);
    try {
      // sql.js opens anything lazily; the first read is what rejects bytes that are not SQLite.
      db.exec('SELECT count(*) FROM main.sqlite_master');
    } catch (e) {
      db.close();
      throw new Error(`Cannot open the database: ${messageOf(e)}`, { cause: e });
    }
    this.db = db;
    this.applyEnginePragmas(db);
    this.applySafetyLimits(db);
    registerPseudonym(db, this.pseudonymKey);
    this.marker = db.prepare('SELECT total_changes(), (SELECT schema_version FROM pragma_schema_version)');
    const objects = this.listObjects(db);
    const names = bundledNames ?? objects.map((o) => o.name);
    this.bundled = new Set(names.map((n) => n.toLowerCase()));
    this.unsnapshotted = false;
    return { tables: objects.filter((o) => o.type === 'table').length, bundledNames: names };
  }

  /**
   * The open sql.js database, for the app's own bulk work (the pipeline's extract loads rows
   * through prepared statements, its checks read tables); learner SQL always goes through exec().
   */
  database(): Database {
    return this.requireDb();
  }

  /**
   * Sets the workspace key of `pseudonym(value)` (HMAC-SHA256, core/governance/mask-pseudonym.ts) on the
   * open database and every later one; null leaves the function failing with "no workspace key".
   */
  setPseudonymKey(keyHex: string | null): void {
    if (keyHex !== null) keyBytes(keyHex);
    this.pseudonymKey = keyHex;
    if (this.db) registerPseudonym(this.db, keyHex);
  }

  /** Closes the open database, if any. */
  close(): void {
    this.marker?.free();
    this.marker = null;
    this.db?.close();
    this.db = null;
  }

  /**
   * Runs one or many statements; stops at the first error and keeps the results before it.
   * SQLite applies many pragmas while it prepares a statement (even one with a trailing syntax
   * error), so each statement is cut from the text by the app's own tokenizer and checked by the
   * guard before SQLite sees a single character of it; only then is it prepared.
   */
  exec(sql: string, maxRows: number): ExecResult {
    this.requireDb();
    const started = now();
    const before = this.readMarker();
    const results: ResultSet[] = [];
    let error: SqlErrorInfo | null = null;
    const guard = this.guardContext();
    let tokens = tokenizeSql(sql);
    // Offsets of `tokens` are relative to `base` (the text is re-tokenized when SQLite ends a statement early).
    let base = 0;
    let t = 0;
    let index = 0;
    let last = before;
    while (t < tokens.length) {
      const first = tokens[t] as SqlToken;
      if (first.kind === 'semicolon') {
        t++;
        continue;
      }
      const endIndex = firstStatementEnd(tokens, t);
      const start = base + first.start;
      const end = endIndex < 0 ? sql.length : base + (tokens[endIndex] as SqlToken).end;
      const text = sql.slice(start, end);
      const refusal = checkStatement(tokenizeSql(text), guard);
      if (refusal) {
        error = this.describeError(refusal.message, sql, start, text, index, refusal);
        break;
      }
      let prepared: PreparedFirst | null;
      try {
        prepared = this.prepareFirst(text);
      } catch (e) {
        const fault = faultOf(e);
        if (fault) throw fault;
        error = this.describeError(messageOf(e), sql, start, text, index, null);
        break;
      }
      // The text SQLite took as one statement: all of it, unless the two tokenizers disagree.
      const consumed = prepared ? prepared.consumed : text.length;
      const ran = text.slice(0, consumed);
      if (prepared) {
        try {
          const ranTokens = tokenizeSql(ran);
          const result = this.runStatement(prepared.stmt, ran, ranTokens, index, maxRows, last);
          results.push(result.set);
          last = result.marker;
        } catch (e) {
          const fault = faultOf(e);
          if (fault) throw fault;
          error = this.describeError(messageOf(e), sql, start, ran, index, null);
          break;
        } finally {
          prepared.release();
        }
        index++;
      }
      if (consumed < text.length && tokenizeSql(text.slice(consumed)).length > 0) {
        // SQLite ended the statement before the app's tokenizer did: what is left goes through the guard as new text.
        base = start + consumed;
        tokens = tokenizeSql(sql.slice(base));
        t = 0;
      } else {
        t = endIndex < 0 ? tokens.length : endIndex + 1;
      }
    }
    const after = this.readMarker();
    const changed = after.totalChanges !== before.totalChanges || after.schemaVersion !== before.schemaVersion;
    this.unsnapshotted ||= changed;
    return { results, error, elapsedMs: now() - started, wrote: this.unsnapshotted };
  }

  /** Tables and views of the main database with their columns and (for tables) row counts. */
  schema(): SchemaObject[] {
    const db = this.requireDb();
    const info = db.prepare('SELECT name, type, "notnull", pk FROM pragma_table_info(?, \'main\')');
    try {
      return this.listObjects(db).map((o) => {
        const columns: SchemaObject['columns'] = [];
        try {
          info.bind([o.name]);
          while (info.step()) {
            const [name, type, notNull, pk] = info.get();
            columns.push({ name: String(name), type: String(type ?? ''), notNull: notNull === 1, primaryKey: Number(pk) > 0 });
          }
        } catch {
          // A view over a dropped table cannot list its columns; show it without them.
        } finally {
          info.reset();
        }
        let rowCount: number | null = null;
        if (o.type === 'table') {
          const counted = db.exec(`SELECT count(*) FROM main.${quoteIdent(o.name)}`);
          rowCount = Number(counted[0]?.values[0]?.[0] ?? 0);
        }
        return { name: o.name, type: o.type, bundled: this.bundled.has(o.name.toLowerCase()), rowCount, columns };
      });
    } finally {
      info.free();
    }
  }

  /** Runs a single statement to the end and returns its rows as CSV (see csv.ts for the format). */
  exportCsv(sql: string): string {
    const db = this.requireDb();
    const onlyOne = (): Error => new Error('Export runs one statement at a time: select just the query to export.');
    const all = tokenizeSql(sql);
    const startIndex = all.findIndex((tok) => tok.kind !== 'semicolon');
    if (startIndex < 0) throw new Error('This statement returns no rows to export.');
    const end = firstStatementEnd(all, startIndex);
    if (end >= 0 && all.slice(end).some((tok) => tok.kind !== 'semicolon')) throw onlyOne();
    const text = sql.slice((all[startIndex] as SqlToken).start);
    const tokens = tokenizeSql(text);
    const refusal = checkStatement(tokens, this.guardContext());
    if (refusal) throw new Error(refusal.message);
    const prepared = this.prepareFirst(text);
    if (!prepared) throw new Error('This statement returns no rows to export.');
    const stmt = prepared.stmt;
    let reader: Statement = stmt;
    try {
      if (tokenizeSql(text.slice(prepared.consumed)).some((tok) => tok.kind !== 'semicolon')) throw onlyOne();
      const columns = stmt.getColumnNames();
      if (columns.length === 0) throw new Error('This statement returns no rows to export.');
      const csv = new CsvWriter();
      csv.add(columns);
      // REAL values are printed by SQLite itself (CAST AS TEXT), so the file shows what the grid shows.
      const head = tokens[0];
      if (head && head.kind === 'word' && QUERY_HEADS.has(head.text.toUpperCase())) {
        const names = columns.map((_, i) => `c${i}`);
        const cells = names.map((c) => `CASE WHEN typeof(${c}) = 'real' THEN CAST(${c} AS TEXT) ELSE ${c} END`);
        try {
          reader = db.prepare(
            `WITH __datalit_export(${names.join(', ')}) AS (\n${bodyOf(text, tokens)}\n) SELECT ${cells.join(', ')} FROM __datalit_export`,
          );
        } catch {
          reader = stmt;
        }
      }
      while (reader.step()) csv.add((reader as unknown as BigIntStatement).get(null, { useBigInt: true }) as CsvCell[]);
      return csv.toString();
    } finally {
      if (reader !== stmt) reader.free();
      prepared.release();
    }
  }

  /** Names of the main database's tables and views that did not come with the bundled database. */
  ownTables(): string[] {
    return this.listObjects(this.requireDb())
      .map((o) => o.name)
      .filter((name) => !this.bundled.has(name.toLowerCase()));
  }

  /**
   * Starts streaming an import into the open database (see import.ts): write() its bytes, then
   * finish(). Its schema statements from a SQLite file pass the same guard as learner SQL.
   */
  startImport(spec: ImportSpec): ImportSession {
    const db = this.requireDb();
    const session = startImport(
      {
        db,
        sql: this.sql,
        exists: (name) => db.exec('SELECT 1 FROM main.sqlite_master WHERE name = ? COLLATE NOCASE', [name]).length > 0,
        refuse: (text) => checkStatement(tokenizeSql(text), this.guardContext())?.message ?? null,
      },
      spec,
    );
    return {
      write: (bytes) => session.write(bytes),
      finish: (): ImportResult => {
        const result = session.finish();
        this.unsnapshotted = true;
        return result;
      },
      abort: () => session.abort(),
    };
  }

  /**
   * The database file's bytes, with the connection left open. sql.js 1.16's Database.export()
   * copies pages with SQLite's backup API into a private in-memory file and does not close or
   * reopen the connection, so temp objects and prepared statements survive. It fails while the
   * learner holds an open transaction; `wrote` then stays true until a snapshot succeeds.
   */
  snapshot(): Uint8Array {
    const db = this.requireDb();
    const bytes = db.export();
    this.unsnapshotted = false;
    return bytes;
  }

  /**
   * Prepares the first statement SQLite finds in text the guard has passed. Returns how many
   * characters of the text that statement took, or null when SQLite found no statement at all.
   */
  private prepareFirst(text: string): PreparedFirst | null {
    const iterator = this.requireDb().iterateStatements(text);
    // sql.js frees the statement and its copy of the text in return(), which its types omit.
    const release = (): void => void (iterator as Iterator<Statement>).return?.();
    const next = iterator.next();
    if (next.done) {
      release();
      return null;
    }
    const consumed = text.length - iterator.getRemainingSQL().length;
    return { stmt: next.value, consumed, release };
  }

  private requireDb(): Database {
    if (!this.db) throw new Error('No database is open.');
    return this.db;
  }

  private applyEnginePragmas(db: Database): void {
    db.exec(`PRAGMA temp_store = ${ENGINE_PRAGMAS.tempStore}`);
    db.exec(`PRAGMA main.cache_size = ${ENGINE_PRAGMAS.cacheSize}`);
    db.exec(`PRAGMA main.journal_mode = ${ENGINE_PRAGMAS.journalMode}`);
    db.exec(`PRAGMA main.synchronous = ${ENGINE_PRAGMAS.synchronous}`);
  }

  /** The open database's engine pragmas as SQLite reports them (tests check every open path applies them). */
  enginePragmas(): { journalMode: string; synchronous: number; tempStore: number; cacheSize: number } {
    const db = this.requireDb();
    const one = (sql: string): SqlValue => db.exec(sql)[0]?.values[0]?.[0] ?? null;
    return {
      journalMode: String(one('PRAGMA main.journal_mode')),
      synchronous: Number(one('PRAGMA main.synchronous')),
      tempStore: Number(one('PRAGMA temp_store')),
      cacheSize: Number(one('PRAGMA main.cache_size')),
    };
  }

  private applySafetyLimits(db: Database): void {
    const one = (sql: string): number => Number(db.exec(sql)[0]?.values[0]?.[0] ?? 0);
    db.exec(`PRAGMA hard_heap_limit = ${SAFETY_LIMITS.heapBytes}`);
    // temp_store stays FILE (see ENGINE_PRAGMAS): temp.max_page_count bounds temp tables instead,
    // and a sorter spill that outgrows the JS heap is handled as an engine fault (see EngineFault).
    const pageSize = one('PRAGMA main.page_size') || 4096;
    const pages = one('PRAGMA main.page_count');
    db.exec(`PRAGMA main.max_page_count = ${Math.max(pages, Math.floor(SAFETY_LIMITS.mainBytes / pageSize))}`);
    const tempPageSize = one('PRAGMA temp.page_size') || 4096;
    db.exec(`PRAGMA temp.max_page_count = ${Math.floor(SAFETY_LIMITS.tempBytes / tempPageSize)}`);
  }

  private listObjects(db: Database): { name: string; type: 'table' | 'view' }[] {
    const rows = db.exec(
      "SELECT name, type FROM main.sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
    );
    return (rows[0]?.values ?? []).map(([name, type]) => ({ name: String(name), type: type === 'view' ? 'view' : 'table' }));
  }

  private guardContext(): GuardContext {
    const db = this.requireDb();
    return {
      isBundled: (name) => this.bundled.has(name.toLowerCase()),
      // Only a temp table or view shadows a main one: a temp index or trigger of that name does not.
      hasTempTable: (name) =>
        db.exec("SELECT 1 FROM temp.sqlite_master WHERE type IN ('table', 'view') AND name = ? COLLATE NOCASE", [name]).length > 0,
    };
  }

  private readMarker(): ChangeMarker {
    const marker = this.marker;
    if (!marker) throw new Error('No database is open.');
    try {
      marker.step();
      const [totalChanges, schemaVersion] = marker.get();
      return { totalChanges: Number(totalChanges), schemaVersion: Number(schemaVersion) };
    } finally {
      marker.reset();
    }
  }

  private runStatement(
    stmt: Statement,
    text: string,
    tokens: SqlToken[],
    statementIndex: number,
    maxRows: number,
    before: ChangeMarker,
  ): { set: ResultSet; marker: ChangeMarker } {
    const started = now();
    const names = stmt.getColumnNames();
    const declTypes = names.length > 0 ? this.declaredTypes(text, tokens, names.length) : [];
    const columns: ColumnInfo[] = names.map((name, i) => ({ name, declType: declTypes[i] ?? null }));
    const rows: Cell[][] = [];
    let rowCount = 0;
    // Step to the end to count every row, but copy only the first maxRows out of the wasm heap.
    while (stmt.step()) {
      if (rowCount < maxRows) rows.push(stmt.get());
      rowCount++;
    }
    const after = this.readMarker();
    // sqlite3_changes() keeps the last DML's count through later SELECTs; trust it only if this statement changed rows.
    const changes = after.totalChanges !== before.totalChanges ? this.requireDb().getRowsModified() : 0;
    const set: ResultSet = {
      statementIndex,
      sql: text.trim(),
      columns,
      rows,
      rowCount,
      truncated: rows.length < rowCount,
      changes,
      elapsedMs: now() - started,
    };
    return { set, marker: after };
  }

  /**
   * Declared column types. sql.js does not export sqlite3_column_decltype, but a view over the
   * same query carries them: CREATE TEMP VIEW, read temp.table_info, drop it. Only the temp
   * schema changes. Expressions have no declared type (null); a column without one reads as
   * its affinity name, and CAST(x AS T) reads as T (close to, not exactly, column_decltype).
   */
  private declaredTypes(text: string, tokens: SqlToken[], count: number): (string | null)[] {
    const db = this.requireDb();
    const head = tokens[0];
    const none = new Array<string | null>(count).fill(null);
    if (!head || head.kind !== 'word' || !QUERY_HEADS.has(head.text.toUpperCase())) return none;
    try {
      // prepare + step runs exactly one statement, where run() would run whatever follows too.
      const create = db.prepare(`CREATE TEMP VIEW ${PROBE_VIEW} AS\n${bodyOf(text, tokens)}\n`);
      try {
        create.step();
      } finally {
        create.free();
      }
    } catch {
      return none;
    }
    try {
      const rows = db.exec(`PRAGMA temp.table_info(${PROBE_VIEW})`)[0]?.values ?? [];
      if (rows.length !== count) return none;
      return rows.map((r) => {
        const type = r[2];
        return typeof type === 'string' && type !== '' ? type : null;
      });
    } catch {
      return none;
    } finally {
      db.run(`DROP VIEW IF EXISTS temp.${PROBE_VIEW}`);
    }
  }

  private describeError(
    message: string,
    submitted: string,
    stmtOffset: number,
    stmtText: string,
    statementIndex: number,
    refusal: Refusal | null,
  ): SqlErrorInfo {
    const tokens = tokenizeSql(stmtText);
    const span: ErrorSpan = refusal ?? locateError(message, stmtText, tokens, (prefix) => this.prepareError(prefix));
    const offset = stmtOffset + span.start;
    const { line, column } = lineColumnAt(submitted, offset);
    const explained = refusal ? { message, guidance: refusal.guidance } : explain(message);
    return { ...explained, line, column, offset, length: span.end - span.start, statementIndex };
  }

  /** The error locator's probe: prepares a prefix of a statement, never one the guard refuses. */
  private prepareError(text: string): string | null {
    if (checkStatement(tokenizeSql(text), this.guardContext())) return null;
    try {
      this.requireDb().prepare(text).free();
      return null;
    } catch (e) {
      return messageOf(e);
    }
  }
}
