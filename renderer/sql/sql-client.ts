import type { ExecResult, ImportFormat, ImportResult, ImportTextOptions, SchemaObject, SqlProtocol, WorkerResults } from '../../core/sql/protocol.ts';
import { chunksOf, WorkerConnection, type ByteSource, type Operation } from '../../core/worker/connection.ts';
import type { Progress, WorkerPort } from '../../core/worker/envelope.ts';
import { domWorkerPort } from '../worker/dom-endpoint.ts';
import { fetchDatasetBytes } from './dataset-cache.ts';
import { batchKind, createdNames } from './write-mirror.ts';

/**
 * The UI's handle on the SQL worker. Cancel terminates the busy worker and promotes a standby
 * worker that already holds the learner's current state, so cancel → ready does not grow with
 * the database (an open of a 200 MB file takes seconds; promoting a standby, milliseconds).
 *
 * How the standbys keep up: the state is the last snapshot (or the bundled bytes) plus a log of the batches
 * that wrote since. A batch that writes and gives the same database wherever it runs (no clock,
 * no random(), no transaction control: renderer/sql/write-mirror.ts) is replayed in every
 * standby the moment the active worker answers it, so a standby is behind by at most that one
 * batch (its own run time, whatever the database's size), and the active worker never stops to
 * export the database. Any other write is snapshotted in the active worker at once (queued at
 * the front, as before) and every standby reopens that snapshot as soon as it arrives; a cancel
 * in that window waits for the reopen, the one case that still grows with the database. Each
 * replay is checked against the active worker's outcome (error, rows, changes); a standby that
 * ends differently is dropped and the active worker snapshots instead. Two standbys are kept,
 * so two cancels in a row both promote a ready one; a fresh one is opened behind them. Once the
 * log would take seconds to replay, one standby exports a snapshot at idle so it stays short (it
 * is what reopening the database after switching away, or a third cancel in a row, replays).
 *
 * Chosen by measurement (`npm run bench -- --only=cancel`, 205 MB database, Node workers on a
 * loaded 2-core machine): reopening a snapshot took 1.1–4.5 s and exporting one 0.6–1.3 s, so
 * any design that reopens or exports after a write misses 250 ms; cancel → the learner's table
 * answers went from medians of 0.5–10.5 s (spare reopened after each snapshot) to 46–79 ms.
 *
 * The price is memory and a second core: each standby holds a full copy of the open database,
 * and replays run beside the learner's next query. If no state can be restored (a snapshot that
 * no longer opens, a replay that no longer matches) the bundled data is opened and the loss is
 * announced through onSnapshotLost, never silent. Every operation carries an id: cancelling a
 * queued one drops it without touching the worker.
 */

/** An operation's answer, with the id to cancel it by. */
export type SqlOperation<T> = Promise<T> & { readonly id: number };

/** Options of an import. */
export interface ImportOptions {
  format: ImportFormat;
  /** The new table (CSV, JSON lines); a SQLite file brings its own tables. */
  table: string;
  /** Bytes processed of the total, in order, ending at the total. */
  onProgress?: (progress: Progress) => void;
  /** Size of the pieces a byte array is sent in (a Blob is sent as it is read). */
  chunkBytes?: number;
}

/** A bundled database: its id and the URL of its .sqlite file (fetched once, then cached). */
export interface DatabaseSource {
  id: string;
  url: string;
  /** The file's SHA-256 from the catalog: the key of its copy in the web app's dataset cache. */
  sha256?: string;
}

/** What the client is doing: idle, running a request, or bringing a fresh worker up after cancel/reset. */
export type SqlClientState = 'idle' | 'busy' | 'restoring';

/** The rejection of a request that was cancelled (or queued behind one that was). */
export class QueryCancelledError extends Error {
  constructor(message = 'Query cancelled') {
    super(message);
    this.name = 'QueryCancelledError';
  }
}

/** Options; tests and the benchmark pass a worker factory (Node worker_threads, scripts/lib/node-sql-worker.ts). */
export interface SqlClientOptions {
  createWorker?: () => WorkerPort;
}

/** A batch replayed in the standbys, with what it did in the active worker (a replay must do the same). */
interface LogEntry {
  version: number;
  sql: string;
  outcome: string;
  /** Its run time in the active worker: about what replaying it costs. */
  elapsedMs: number;
}

interface DatabaseState {
  bundledNames: string[] | undefined;
  /** The learner's state of this database at their last snapshot (null: still the bundled bytes). */
  snapshot: Uint8Array | null;
  /** The learner's own tables and views in that snapshot. */
  ownTables: string[];
  /** Batches that wrote since the snapshot: snapshot (or bundled bytes) + log = the learner's state. */
  log: LogEntry[];
}

/**
 * The learner's saved state of a database could not be opened again, so the bundled data was
 * opened instead: which of their tables and views were lost, and SQLite's reason.
 */
export interface SnapshotLoss {
  databaseId: string;
  tables: string[];
  reason: string;
}

function defaultWorker(): WorkerPort {
  return domWorkerPort(new Worker(new URL('./sql.worker.ts', import.meta.url), { type: 'module' }));
}

/** A Blob's bytes as they are read, without holding the whole file. */
async function* blobChunks(blob: Blob): AsyncGenerator<Uint8Array> {
  const reader = blob.stream().getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

type Connection = WorkerConnection<SqlProtocol>;

/** A standby worker: the state version it holds (or is on its way to) and the answer of getting there. */
interface Standby {
  conn: Connection;
  /** Current when equal to SqlClient's version; -1 before its first open. */
  version: number;
  /** Settles when the standby holds `version`; rejects if it cannot (it is then dropped). */
  ready: Promise<void>;
  /** True while it exports a snapshot for the log (a cancel then prefers another standby). */
  exporting: boolean;
}

/** Standby workers kept beside the active one: two, so two cancels in a row each promote a ready one. */
const STANDBY_COUNT = 2;

/** After a restore, the next standby starts this much later: a worker starting up competes with the learner's next query. */
const SPARE_RESTART_DELAY_MS = 300;

/** The log is folded into a snapshot this long after the last write, at idle (an export of a large database takes a while). */
const COMPACT_DELAY_MS = 2000;

/**
 * ...but only once replaying it would take longer than this (or it is this many batches long):
 * a standby exporting a 200 MB database is busy for seconds, and a second cancel in that time
 * would wait for it, so short logs (the usual few CREATE TABLE AS of a lesson) are just kept.
 */
const COMPACT_AFTER_MS = 3000;
const COMPACT_AFTER_ENTRIES = 50;

/** A replay in a standby ended unlike the learner's batch in the active worker. */
class ReplayMismatchError extends Error {
  constructor() {
    super('A replayed statement did not end as it did for the learner');
    this.name = 'ReplayMismatchError';
  }
}

/** What a batch did, compared between the active worker and a replay: the error, and each statement's rows and changes. */
function outcomeOf(result: ExecResult): string {
  return JSON.stringify([result.error?.message ?? null, result.results.map((r) => [r.rowCount, r.changes])]);
}

/** Runs a task after `delayMs`, when the UI thread is idle (Node has no requestIdleCallback: the delay alone); returns a canceller. */
function whenIdle(task: () => void, delayMs = 0): () => void {
  let idle: number | null = null;
  const timer = setTimeout(() => {
    if (typeof globalThis.requestIdleCallback === 'function') idle = globalThis.requestIdleCallback(task, { timeout: 500 });
    else task();
  }, delayMs);
  return () => {
    clearTimeout(timer);
    if (idle !== null) globalThis.cancelIdleCallback(idle);
  };
}

/** Typed client for the SQL worker: open, exec, cancel, reset, schema, CSV export. */
export class SqlClient {
  private readonly createWorker: () => WorkerPort;
  private active: Connection;
  /** Workers holding (or on their way to) the learner's current state; restore() promotes one. */
  private standbys: Standby[] = [];
  private cancelStandbySync: (() => void) | null = null;
  private cancelCompaction: (() => void) | null = null;
  private source: DatabaseSource | null = null;
  private readonly bytes = new Map<string, Promise<Uint8Array>>();
  private readonly bundledBytes = new Map<string, Uint8Array>();
  private readonly databases = new Map<string, DatabaseState>();
  /** Bumped whenever the open database is replaced, so a late snapshot of the old one is dropped. */
  private epoch = 0;
  /** Bumped on every change of the state a restore must bring back (open, reset, a write, a snapshot). */
  private version = 0;
  /** A state version no standby could open (a damaged snapshot): not retried; a cancel then says what is lost. */
  private unloadableVersion = -1;
  /** The active worker may be inside the learner's transaction: its writes are snapshotted, not replayed. */
  private inTransaction = false;
  private running = 0;
  private restoring: Promise<void> | null = null;
  /** The id of the latest snapshot request, until it answers. */
  private snapshotting: number | null = null;
  private state: SqlClientState = 'idle';
  private readonly listeners = new Set<(state: SqlClientState) => void>();
  private readonly lossListeners = new Set<(loss: SnapshotLoss) => void>();
  private disposed = false;
  /** The workspace key pseudonym(value) is registered with in every worker (null until the learner has one). */
  private pseudonymKey: string | null = null;

  /** Starts the first worker; the standbys start after the first database is open, off the critical path. */
  constructor(opts: SqlClientOptions = {}) {
    this.createWorker = opts.createWorker ?? defaultWorker;
    this.active = this.connect();
  }

  /** True unless idle. */
  get busy(): boolean {
    return this.state !== 'idle';
  }

  /** Opens a bundled database (or the learner's last state of it, kept until reset()). */
  open(source: DatabaseSource): Promise<void> {
    return this.track(this.openSource(source));
  }

  /**
   * Opens a database from its file's bytes (a learner's own file) under `id`, replacing the open
   * one; cancel and reset come back to these bytes, as to a bundled database's.
   */
  openBytes(id: string, bytes: Uint8Array): Promise<void> {
    this.bytes.set(id, Promise.resolve(bytes));
    this.bundledBytes.set(id, bytes);
    // A file opened again under the same id is a new file: no snapshot of the old one applies.
    this.databases.delete(id);
    return this.track(this.openSource({ id, url: '' }));
  }

  /** Runs one or many statements; results before an error are kept in the ExecResult. */
  exec(sql: string, opts: { maxRows: number }): SqlOperation<ExecResult> {
    return this.operation(this.active.start({ action: 'exec', sql, maxRows: opts.maxRows }, { onAnswer: this.afterExec(sql) }));
  }

  /**
   * Streams a CSV, JSON lines or SQLite file into the open database (transferred in chunks, never
   * copied whole into the worker at once); lines that could not be imported come back with their
   * line numbers. Cancel it like a query.
   */
  importData(source: Uint8Array | Blob, opts: ImportOptions): SqlOperation<ImportResult> {
    const stream: ByteSource = source instanceof Uint8Array ? chunksOf(source, opts.chunkBytes) : blobChunks(source);
    const totalBytes = source instanceof Uint8Array ? source.byteLength : source.size;
    return this.operation(
      this.active.start(
        { action: 'import', format: opts.format, table: opts.table, totalBytes },
        { stream, onProgress: opts.onProgress, onAnswer: this.snapshotAfterWrite() },
      ),
    );
  }

  /**
   * Cancels. With an id: a queued operation is dropped and the running one left alone; the
   * running one (or, without an id, whatever runs) is stopped by terminating its worker,
   * promoting a standby and restoring the learner's state.
   */
  async cancel(id?: number): Promise<void> {
    if (id !== undefined && this.active.cancel(id, new QueryCancelledError()) !== 'running') return;
    if (this.restoring) return this.restoring;
    if (this.active.idle) return;
    if (id === undefined && this.snapshotting !== null && this.active.runningId === this.snapshotting) {
      // The snapshot of the learner's last write is running and what they meant to stop is queued
      // behind it: drop the queue and let the snapshot finish, or that write would be lost.
      this.active.dropQueued(new QueryCancelledError());
      return;
    }
    return this.restore(new QueryCancelledError());
  }

  /** Returns the current database to its bundled bytes, dropping the learner's changes. */
  async reset(): Promise<void> {
    if (this.restoring) await this.restoring.catch(() => undefined);
    const source = this.source;
    if (!source) return;
    const state = this.databaseState(source.id);
    state.snapshot = null;
    state.ownTables = [];
    state.log = [];
    this.epoch++;
    this.version++;
    if (!this.active.idle) {
      await this.restore(new QueryCancelledError('Query cancelled by reset'));
      return;
    }
    const bytes = this.bundledBytes.get(source.id);
    if (!bytes) return;
    const conn = this.active;
    this.inTransaction = false;
    this.restoring = conn
      .request({ action: 'open', bytes, bundledNames: state.bundledNames })
      .then(() => undefined)
      .finally(() => this.restoreDone(0));
    this.updateState();
    return this.restoring;
  }

  /** Tables and views of the open database. */
  schema(): SqlOperation<SchemaObject[]> {
    return this.operation(this.active.start({ action: 'schema' }));
  }

  /** One statement's full result as CSV text (with a BOM; see core/sql/csv.ts). */
  exportCsv(sql: string): SqlOperation<string> {
    return this.operation(this.active.start({ action: 'export-csv', sql }));
  }

  /**
   * Registers pseudonym(value) under the workspace key (64 hex) in the engine, now and in every
   * worker started later (the standbys, a fresh one after a cancel), so the learner's masked views run
   * in the sandbox and the lesson editor as in the Masked views tab.
   */
  setPseudonymKey(key: string | null): Promise<void> {
    this.pseudonymKey = key;
    const live = [this.active, ...this.standbys.map((s) => s.conn)].filter((c) => !c.dead);
    return Promise.all(live.map((c) => c.request({ action: 'pseudonym-key', key }))).then(() => undefined);
  }

  /**
   * The direct identifiers the results of `sql` show (the editor's PII warning), worked out in the
   * worker from their lineage over the open database. Not tracked as a run: the engine stays idle.
   */
  piiWarnings(sql: string, direct: Record<string, string[]>, masked: string[]): Promise<WorkerResults['pii-warnings']> {
    return this.active.request({ action: 'pii-warnings', sql, direct, masked });
  }

  /**
   * Resolves once every standby holds the current state, as after a learner's pause (the
   * benchmark waits on it before timing a plain cancel); at once after dispose().
   */
  async standbysReady(): Promise<void> {
    for (;;) {
      if (this.disposed) return;
      const { standbys, version } = this;
      if (!this.restoring && standbys.length === STANDBY_COUNT && standbys.every((s) => s.version === version)) {
        const settled = await Promise.all(standbys.map((s) => s.ready)).then(
          () => true,
          () => false,
        );
        if (settled && this.version === version && this.standbys.every((s) => s.version === version)) return;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Subscribes to state changes; returns the unsubscribe function. */
  onStateChange(listener: (state: SqlClientState) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Subscribes to snapshot losses (never silent: the UI tells the learner); returns the unsubscribe function. */
  onSnapshotLost(listener: (loss: SnapshotLoss) => void): () => void {
    this.lossListeners.add(listener);
    return () => {
      this.lossListeners.delete(listener);
    };
  }

  /** Terminates every worker; pending requests reject. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.cancelStandbySync?.();
    this.cancelStandbySync = null;
    this.cancelCompaction?.();
    this.cancelCompaction = null;
    const reason = new Error('The SQL client was disposed');
    this.active.kill(reason);
    for (const s of this.standbys.splice(0)) s.conn.kill(reason);
    this.listeners.clear();
    this.lossListeners.clear();
  }

  private async openSource(source: DatabaseSource): Promise<void> {
    const bundled = await this.loadBytes(source);
    this.epoch++;
    this.version++;
    this.source = source;
    this.inTransaction = false;
    const db = this.databaseState(source.id);
    const conn = this.active;
    let result: WorkerResults['open'];
    try {
      result = await this.loadState(conn, db, bundled);
    } catch (e) {
      if ((!db.snapshot && db.log.length === 0) || e instanceof QueryCancelledError) throw e;
      // A state that no longer opens must not lock the learner out of the dataset, and the loss is said out loud.
      const loss = this.dropSnapshot(source.id, e);
      result = await conn.request({ action: 'open', bytes: bundled, bundledNames: db.bundledNames });
      this.announceLoss(loss);
    }
    db.bundledNames ??= result.bundledNames;
    // The first standby starts now so its sql.js compiles while the learner reads (the second
    // when the first holds the state: two compiling at once would slow the learner's first query).
    this.ensureStandbys(1);
    this.scheduleStandbySync();
  }

  /**
   * Opens the learner's state of a database in a worker: the last snapshot (or the bundled
   * bytes), then the log replayed on it, all queued at once so nothing can run in between.
   */
  private loadState(conn: Connection, db: DatabaseState, bundled: Uint8Array): Promise<WorkerResults['open']> {
    const opened = conn.request({ action: 'open', bytes: db.snapshot ?? bundled, bundledNames: db.bundledNames });
    const replays = db.log.map((entry) => this.replayOn(conn, entry));
    return Promise.all([opened, ...replays]).then(([result]) => result);
  }

  /** Queues one logged batch on a worker; rejects unless it ends as it did for the learner. */
  private replayOn(conn: Connection, entry: LogEntry): Promise<void> {
    return conn.request({ action: 'exec', sql: entry.sql, maxRows: 0 }).then((result) => {
      if (outcomeOf(result) !== entry.outcome) throw new ReplayMismatchError();
    });
  }

  /**
   * The answer hook of an exec: a batch that wrote is replayed in the standbys when it can be
   * (write-mirror.ts), otherwise snapshotted at the front of the queue before the next request
   * is posted, so a runaway query that follows cannot stand between the write and its snapshot.
   */
  private afterExec(sql: string): (result: ExecResult) => void {
    const conn = this.active;
    const epoch = this.epoch;
    const sourceId = this.source?.id;
    return (result) => {
      if (conn !== this.active || epoch !== this.epoch || sourceId === undefined) return;
      const kind = batchKind(sql);
      if (kind.transaction) this.inTransaction = true;
      // `wrote` stays true until a snapshot: a batch that only reads has nothing to replay.
      if (!result.wrote || (!kind.writes && !kind.transaction)) return;
      if (kind.replayable && !this.inTransaction) this.logWrite(sourceId, sql, result);
      else this.takeSnapshot(conn, sourceId, epoch);
    };
  }

  /**
   * The answer hook of a request that may write (imports): queues a snapshot at the front before
   * the next request is posted, so a runaway query that follows cannot stand between the write and its snapshot.
   */
  private snapshotAfterWrite(): (result: { wrote: boolean }) => void {
    const conn = this.active;
    const epoch = this.epoch;
    const sourceId = this.source?.id;
    return (result) => {
      if (result.wrote && sourceId !== undefined) this.takeSnapshot(conn, sourceId, epoch);
    };
  }

  /** Logs a replayable write and replays it at once in every standby that holds the state before it. */
  private logWrite(sourceId: string, sql: string, result: ExecResult): void {
    const db = this.databaseState(sourceId);
    const entry: LogEntry = { version: ++this.version, sql, outcome: outcomeOf(result), elapsedMs: result.elapsedMs };
    db.log.push(entry);
    for (const s of this.standbys) {
      if (s.version !== entry.version - 1) continue; // stale: its resync replays the log
      const replay = this.replayOn(s.conn, entry);
      this.setStandbyTarget(
        s,
        entry.version,
        Promise.all([s.ready, replay]).then(() => undefined),
      );
    }
    this.scheduleCompaction();
  }

  private operation<T>(operation: Operation<T>): SqlOperation<T> {
    return Object.assign(this.track(operation.result), { id: operation.id });
  }

  private connect(): Connection {
    const conn: Connection = new WorkerConnection<SqlProtocol>(this.createWorker(), { crashMessage: 'The SQL engine stopped' });
    // A new worker knows no key: the first thing it hears is the workspace key (requests run in order).
    if (this.pseudonymKey) void conn.request({ action: 'pseudonym-key', key: this.pseudonymKey }).catch(() => undefined);
    conn.onCrash = (error) => {
      if (conn === this.active && !this.restoring && !this.disposed) {
        // The app recovers like a cancel, so the UI treats it as one (with the reason in the message).
        const reason = new QueryCancelledError(
          `${error.message}. The query was stopped and your tables were restored from the last saved state.`,
        );
        void this.restore(reason).catch(() => undefined);
        return;
      }
      conn.kill(error);
      const before = this.standbys.length;
      this.standbys = this.standbys.filter((s) => s.conn !== conn);
      if (this.standbys.length < before) this.scheduleStandbySync(SPARE_RESTART_DELAY_MS);
    };
    return conn;
  }

  /** Starts standby workers up to `count` (they compile sql.js and wait, holding nothing yet). */
  private ensureStandbys(count = STANDBY_COUNT): void {
    if (this.disposed) return;
    this.standbys = this.standbys.filter((s) => !s.conn.dead);
    while (this.standbys.length < count) {
      this.standbys.push({ conn: this.connect(), version: -1, ready: Promise.resolve(), exporting: false });
    }
  }

  /** Brings the standbys up to the current state when the UI is next idle (never on the path of a query's answer). */
  private scheduleStandbySync(delayMs = 0): void {
    if (this.disposed || this.cancelStandbySync) return;
    this.cancelStandbySync = whenIdle(() => {
      this.cancelStandbySync = null;
      this.syncStandbys();
    }, delayMs);
  }

  /**
   * Reopens the current state in the first standby that does not hold it, dropping what it
   * still had queued; the next one follows when that one is ready, so two large opens never
   * compete with each other and the learner's queries for both cores.
   */
  private syncStandbys(): void {
    if (this.disposed || this.restoring) return;
    const source = this.source;
    const bundled = source ? this.bundledBytes.get(source.id) : undefined;
    if (!source || !bundled) return;
    if (this.unloadableVersion === this.version) return;
    this.standbys = this.standbys.filter((s) => !s.conn.dead);
    // A new standby is started only once the others hold the state, one large open at a time.
    if (this.standbys.every((s) => s.version === this.version && s.conn.idle)) {
      this.ensureStandbys(Math.min(STANDBY_COUNT, this.standbys.length + 1));
    }
    const stale = this.standbys.find((s) => s.version !== this.version);
    if (!stale) return;
    stale.conn.dropQueued(new QueryCancelledError('Superseded by a newer state'));
    const target = this.version;
    const ready = this.loadState(stale.conn, this.databaseState(source.id), bundled).then(() => undefined);
    this.setStandbyTarget(stale, target, ready);
    void ready.then(
      () => {
        this.scheduleStandbySync();
        if (this.databaseState(source.id).log.length > 0) this.scheduleCompaction();
      },
      () => this.scheduleStandbySync(SPARE_RESTART_DELAY_MS),
    );
  }

  /** Records where a standby is heading; if it cannot get there it is dropped (and replaced at idle). */
  private setStandbyTarget(s: Standby, version: number, ready: Promise<void>): void {
    s.version = version;
    s.ready = ready;
    ready.then(
      () => {
        // Ready and idle: the next standby may start now.
        if (s.ready === ready && this.standbys.length < STANDBY_COUNT) this.scheduleStandbySync();
      },
      () => undefined,
    );
    ready.catch((e: unknown) => {
      if (s.ready !== ready || !this.standbys.includes(s)) return; // superseded or promoted meanwhile
      this.standbys = this.standbys.filter((x) => x !== s);
      s.conn.kill(e instanceof Error ? e : new Error(String(e)));
      // A replay that ends otherwise than for the learner: the state is taken from the active worker instead.
      if (e instanceof ReplayMismatchError && this.source) this.takeSnapshot(this.active, this.source.id, this.epoch);
      else if (version === this.version) this.unloadableVersion = version;
      this.scheduleStandbySync(SPARE_RESTART_DELAY_MS);
    });
  }

  /**
   * At idle, once the log is long, a standby that holds the current state (never the only one)
   * exports it, and the log up to that state is dropped: reopening the database, or a third
   * cancel in a row, then replays little.
   */
  private scheduleCompaction(): void {
    this.cancelCompaction?.();
    this.cancelCompaction = whenIdle(() => {
      this.cancelCompaction = null;
      const source = this.source;
      if (this.disposed || this.restoring || !source) return;
      const db = this.databaseState(source.id);
      const current = this.standbys.filter((s) => s.version === this.version && !s.exporting);
      const s = current.at(-1);
      const replayMs = db.log.reduce((sum, e) => sum + e.elapsedMs, 0);
      if (!s || current.length < 2 || (replayMs < COMPACT_AFTER_MS && db.log.length < COMPACT_AFTER_ENTRIES)) return;
      const epoch = this.epoch;
      const version = s.version;
      s.exporting = true;
      s.conn
        .request({ action: 'snapshot' })
        .then(({ bytes, ownTables }) => {
          if (epoch !== this.epoch) return;
          const first = db.log[0];
          // A snapshot taken in the active worker since is newer: keep it.
          if (!first || first.version > version) return;
          db.snapshot = bytes;
          db.ownTables = ownTables;
          db.log = db.log.filter((e) => e.version > version);
        })
        .catch(() => undefined)
        .finally(() => {
          s.exporting = false;
        });
    }, COMPACT_DELAY_MS);
  }

  private databaseState(id: string): DatabaseState {
    let db = this.databases.get(id);
    if (!db) {
      db = { bundledNames: undefined, snapshot: null, ownTables: [], log: [] };
      this.databases.set(id, db);
    }
    return db;
  }

  private loadBytes(source: DatabaseSource): Promise<Uint8Array> {
    let pending = this.bytes.get(source.id);
    if (!pending) {
      pending = fetchDatasetBytes(source).then((bytes) => {
        this.bundledBytes.set(source.id, bytes);
        return bytes;
      });
      pending.catch(() => this.bytes.delete(source.id));
      this.bytes.set(source.id, pending);
    }
    return pending;
  }

  private takeSnapshot(conn: Connection, sourceId: string, epoch: number): void {
    if (conn.dead) return;
    const op = conn.start({ action: 'snapshot' }, { front: true });
    this.snapshotting = op.id;
    const done = (): void => {
      if (this.snapshotting === op.id) this.snapshotting = null;
    };
    op.result
      .finally(done)
      .then(({ bytes, ownTables }) => {
        if (epoch !== this.epoch) return;
        const db = this.databaseState(sourceId);
        db.snapshot = bytes;
        db.ownTables = ownTables;
        // The snapshot holds every logged write before it.
        db.log = [];
        if (conn === this.active) this.inTransaction = false;
        if (this.source?.id !== sourceId) return;
        this.version++;
        // Reopened at once, not at idle: until a standby holds it, a cancel waits for that open.
        this.cancelStandbySync?.();
        this.cancelStandbySync = null;
        this.syncStandbys();
      })
      // Fails inside an open transaction: the standbys keep the state before it, as a cancel would.
      .catch(() => {
        if (conn === this.active) this.inTransaction = true;
      });
  }

  /**
   * Swaps in a standby that holds the current state (promoting it costs nothing more; one still
   * replaying the last write is waited for). Without one, the last snapshot and the log are
   * opened in an idle standby or a new worker. Either is queued on the new worker before the old
   * one is killed, so requests made from the rejection handlers (say, refreshing the schema) run
   * after the restore.
   */
  private restore(reason: Error): Promise<void> {
    const old = this.active;
    this.cancelStandbySync?.();
    this.cancelStandbySync = null;
    this.cancelCompaction?.();
    this.cancelCompaction = null;
    this.standbys = this.standbys.filter((s) => !s.conn.dead);
    const current = this.standbys.filter((s) => s.version === this.version);
    const held = current.find((s) => !s.exporting) ?? current[0] ?? null;
    const fallback = held ? null : (this.standbys.find((s) => s.conn.idle) ?? null);
    const chosen = held ?? fallback;
    if (chosen) this.standbys = this.standbys.filter((s) => s !== chosen);
    const next = chosen?.conn ?? this.connect();
    this.active = next;
    this.inTransaction = false;
    const source = this.source;
    const db = source ? this.databaseState(source.id) : null;
    const bundled = source ? this.bundledBytes.get(source.id) : undefined;
    const ready = (): Promise<void> => {
      if (held) return held.ready;
      if (!db || !bundled) return Promise.resolve();
      return this.loadState(next, db, bundled).then(() => undefined);
    };
    const opening = ready().catch(async (e: unknown) => {
      if (!source || !db || !bundled || (!db.snapshot && db.log.length === 0)) throw e;
      const loss = this.dropSnapshot(source.id, e);
      this.version++;
      // Whatever the worker still had queued on the way to the lost state is dropped first.
      next.dropQueued(new QueryCancelledError('Superseded by a newer state'));
      await next.request({ action: 'open', bytes: bundled, bundledNames: db.bundledNames });
      this.announceLoss(loss);
    });
    this.restoring = opening.finally(() => this.restoreDone(SPARE_RESTART_DELAY_MS));
    this.updateState();
    old.kill(reason);
    return this.restoring;
  }

  /** Forgets a state that would not open; returns what the learner lost with it. */
  private dropSnapshot(databaseId: string, error: unknown): SnapshotLoss {
    const db = this.databaseState(databaseId);
    const tables = [...new Set([...db.ownTables, ...db.log.flatMap((e) => createdNames(e.sql))])];
    const reason = error instanceof Error ? error.message : String(error);
    db.snapshot = null;
    db.ownTables = [];
    db.log = [];
    return { databaseId, tables, reason };
  }

  private announceLoss(loss: SnapshotLoss): void {
    for (const listener of this.lossListeners) listener(loss);
  }

  private restoreDone(standbyDelayMs: number): void {
    this.restoring = null;
    this.updateState();
    this.scheduleStandbySync(standbyDelayMs);
  }

  private async track<T>(promise: Promise<T>): Promise<T> {
    this.running++;
    this.updateState();
    try {
      return await promise;
    } finally {
      this.running--;
      this.updateState();
    }
  }

  private updateState(): void {
    const next: SqlClientState = this.restoring ? 'restoring' : this.running > 0 ? 'busy' : 'idle';
    if (next === this.state) return;
    this.state = next;
    for (const listener of this.listeners) listener(next);
  }

  /**
   * importData with the import dialog's reading options (encoding, delimiter, header row, column
   * types); the bytes stream the same way and it cancels the same way.
   */
  importWith(
    source: Uint8Array | Blob,
    spec: { format: ImportFormat; table: string; options?: ImportTextOptions },
    opts: Pick<ImportOptions, 'onProgress' | 'chunkBytes'> = {},
  ): SqlOperation<ImportResult> {
    const stream: ByteSource = source instanceof Uint8Array ? chunksOf(source, opts.chunkBytes) : blobChunks(source);
    const totalBytes = source instanceof Uint8Array ? source.byteLength : source.size;
    const request = { action: 'import' as const, format: spec.format, table: spec.table, totalBytes, ...(spec.options ? { options: spec.options } : {}) };
    return this.operation(this.active.start(request, { stream, onProgress: opts.onProgress, onAnswer: this.snapshotAfterWrite() }));
  }

  /** The open database as a SQLite file, the learner's own tables in it ("Export database"). */
  exportDatabase(): SqlOperation<Uint8Array> {
    const op = this.active.start({ action: 'snapshot' });
    return Object.assign(this.track(op.result.then((v) => v.bytes)), { id: op.id });
  }
}
