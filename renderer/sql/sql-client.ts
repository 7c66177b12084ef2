import type { ExecResult, ImportFormat, ImportResult, SchemaObject, SqlProtocol, WorkerResults } from '../../core/sql/protocol.ts';
import { chunksOf, WorkerConnection, type ByteSource, type Operation } from '../../core/worker/connection.ts';
import type { Progress, WorkerPort } from '../../core/worker/envelope.ts';
import { domWorkerPort } from '../worker/dom-endpoint.ts';
import { fetchDatasetBytes } from './dataset-cache.ts';

/**
 * The UI's handle on the SQL worker. Cancel terminates the busy worker and promotes a spare one
 * that already has the learner's current state open, so cancel → ready does not grow with the
 * database: snapshots are taken (in the worker, transferred here) after every batch that wrote (or
 * import), never after read-only queries, and each one is opened in the spare at idle time. The
 * price is memory: the spare holds a second copy of the open database (two workers × up to 200 MB
 * on the desktop). Every operation carries an id: cancelling a queued one drops it without touching the worker.
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

interface DatabaseState {
  bundledNames: string[] | undefined;
  /** The learner's state of this database after their last write (null: still the bundled bytes). */
  snapshot: Uint8Array | null;
  /** The learner's own tables and views in that snapshot. */
  ownTables: string[];
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

/** What the spare worker has open, or is opening: the bytes it was sent and the answer of that open. */
interface SpareState {
  conn: Connection;
  bytes: Uint8Array;
  id: number;
  opened: Promise<void>;
}

/** After a restore, the next spare starts this much later: a worker starting up competes with the learner's next query. */
const SPARE_RESTART_DELAY_MS = 300;

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
  private spare: Connection | null = null;
  /** The state open in the spare; restore() swaps it in without reopening when it is the current one. */
  private spareHolds: SpareState | null = null;
  private cancelSpareSync: (() => void) | null = null;
  private source: DatabaseSource | null = null;
  private readonly bytes = new Map<string, Promise<Uint8Array>>();
  private readonly bundledBytes = new Map<string, Uint8Array>();
  private readonly databases = new Map<string, DatabaseState>();
  /** Bumped whenever the open database is replaced, so a late snapshot of the old one is dropped. */
  private epoch = 0;
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

  /** Starts the first worker; the spare starts after the first database is open, off the critical path. */
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
    return this.operation(this.active.start({ action: 'exec', sql, maxRows: opts.maxRows }, { onAnswer: this.snapshotAfterWrite() }));
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
   * promoting the spare and restoring the last snapshot.
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
    this.epoch++;
    if (!this.active.idle) {
      await this.restore(new QueryCancelledError('Query cancelled by reset'));
      return;
    }
    const bytes = this.bundledBytes.get(source.id);
    if (!bytes) return;
    const conn = this.active;
    const db = this.databaseState(source.id);
    this.restoring = conn
      .request({ action: 'open', bytes, bundledNames: db.bundledNames })
      .then(() => undefined)
      .finally(() => this.restoreDone());
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
   * worker started later (the spare, a fresh one after a cancel), so the learner's masked views run
   * in the sandbox and the lesson editor as in the Masked views tab.
   */
  setPseudonymKey(key: string | null): Promise<void> {
    this.pseudonymKey = key;
    const live = [this.active, this.spare].filter((c): c is Connection => !!c && !c.dead);
    return Promise.all(live.map((c) => c.request({ action: 'pseudonym-key', key }))).then(() => undefined);
  }

  /**
   * The direct identifiers the results of `sql` show (the editor's PII warning), worked out in the
   * worker from their lineage over the open database. Not tracked as a run: the engine stays idle.
   */
  piiWarnings(sql: string, direct: Record<string, string[]>, masked: string[]): Promise<WorkerResults['pii-warnings']> {
    return this.active.request({ action: 'pii-warnings', sql, direct, masked });
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

  /** Terminates both workers; pending requests reject. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.cancelSpareSync?.();
    this.cancelSpareSync = null;
    const reason = new Error('The SQL client was disposed');
    this.active.kill(reason);
    this.spare?.kill(reason);
    this.spare = null;
    this.listeners.clear();
    this.lossListeners.clear();
  }

  private async openSource(source: DatabaseSource): Promise<void> {
    const bundled = await this.loadBytes(source);
    this.epoch++;
    this.source = source;
    const db = this.databaseState(source.id);
    const conn = this.active;
    const open = (bytes: Uint8Array): Promise<WorkerResults['open']> =>
      conn.request({ action: 'open', bytes, bundledNames: db.bundledNames });
    let result: WorkerResults['open'];
    try {
      result = await open(db.snapshot ?? bundled);
    } catch (e) {
      if (!db.snapshot || e instanceof QueryCancelledError) throw e;
      // A snapshot that no longer opens must not lock the learner out of the dataset, and the loss is said out loud.
      const loss = this.dropSnapshot(source.id, e);
      result = await open(bundled);
      this.announceLoss(loss);
    }
    db.bundledNames ??= result.bundledNames;
    this.ensureSpare();
    this.scheduleSpareSync();
  }

  /**
   * The answer hook of a request that may write: queues a snapshot at the front before the next
   * request is posted, so a runaway query that follows cannot stand between the write and its snapshot.
   */
  private snapshotAfterWrite(): (result: { wrote: boolean }) => void {
    const conn = this.active;
    const epoch = this.epoch;
    const sourceId = this.source?.id;
    return (result) => {
      if (result.wrote && sourceId !== undefined) this.takeSnapshot(conn, sourceId, epoch);
    };
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
      if (conn === this.spare) this.spare = null;
      if (this.spareHolds?.conn === conn) this.spareHolds = null;
    };
    return conn;
  }

  private ensureSpare(): void {
    if (!this.disposed && (!this.spare || this.spare.dead)) this.spare = this.connect();
  }

  /** The bytes a restore would open now: the learner's last snapshot, else the bundled database. */
  private currentBytes(): Uint8Array | undefined {
    const source = this.source;
    if (!source) return undefined;
    return this.databaseState(source.id).snapshot ?? this.bundledBytes.get(source.id);
  }

  /** Opens the current state in the spare when the UI is next idle (never on the path of a query's answer). */
  private scheduleSpareSync(delayMs = 0): void {
    if (this.disposed || this.cancelSpareSync) return;
    this.cancelSpareSync = whenIdle(() => {
      this.cancelSpareSync = null;
      this.syncSpare();
    }, delayMs);
  }

  /**
   * Sends the current state to the spare, unless it already holds it. An older open still queued
   * there is dropped; one already running finishes first (the worker runs one request at a time).
   */
  private syncSpare(): void {
    if (this.disposed || this.restoring) return;
    this.ensureSpare();
    const spare = this.spare;
    const bytes = this.currentBytes();
    const source = this.source;
    if (!spare || !bytes || !source) return;
    const held = this.spareHolds;
    if (held?.conn === spare && held.bytes === bytes) return;
    if (held?.conn === spare) spare.cancel(held.id, new QueryCancelledError('Superseded by a newer state'));
    const op = spare.start({ action: 'open', bytes, bundledNames: this.databaseState(source.id).bundledNames });
    const opened = op.result.then(() => undefined);
    // A failed open is handled when the spare is promoted (restore() reports the loss then).
    opened.catch(() => undefined);
    this.spareHolds = { conn: spare, bytes, id: op.id, opened };
  }

  private databaseState(id: string): DatabaseState {
    let db = this.databases.get(id);
    if (!db) {
      db = { bundledNames: undefined, snapshot: null, ownTables: [] };
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
        if (this.source?.id === sourceId) this.scheduleSpareSync();
      })
      // Fails inside an open transaction: the engine keeps reporting `wrote` until one succeeds.
      .catch(() => undefined);
  }

  /**
   * Swaps in the spare worker (or a new one). When the spare already holds the last snapshot (or
   * is opening it) nothing is reopened; otherwise the snapshot is opened in it. Either open is
   * queued on the new worker before the old one is killed, so requests made from the rejection
   * handlers (say, refreshing the schema) run after the restore.
   */
  private restore(reason: Error): Promise<void> {
    const old = this.active;
    this.cancelSpareSync?.();
    this.cancelSpareSync = null;
    const spare = this.spare && !this.spare.dead ? this.spare : null;
    const next = spare ?? this.connect();
    const held = spare && this.spareHolds?.conn === spare ? this.spareHolds : null;
    this.spare = null;
    this.spareHolds = null;
    this.active = next;
    const source = this.source;
    const db = source ? this.databaseState(source.id) : null;
    const bundled = source ? this.bundledBytes.get(source.id) : undefined;
    const bytes = db?.snapshot ?? bundled;
    const open = (b: Uint8Array): Promise<void> =>
      next.request({ action: 'open', bytes: b, bundledNames: db?.bundledNames }).then(() => undefined);
    const ready = (b: Uint8Array): Promise<void> => {
      if (held?.bytes === b) return held.opened;
      // An older state still queued in the spare is dropped; the current one opens after whatever runs.
      if (held) next.cancel(held.id, new QueryCancelledError('Superseded by a newer state'));
      return open(b);
    };
    const opening = !bytes
      ? Promise.resolve()
      : ready(bytes).catch(async (e: unknown) => {
          if (!source || !db?.snapshot || !bundled) throw e;
          const loss = this.dropSnapshot(source.id, e);
          await open(bundled);
          this.announceLoss(loss);
        });
    this.restoring = opening.finally(() => this.restoreDone());
    this.updateState();
    old.kill(reason);
    return this.restoring;
  }

  /** Forgets a snapshot that would not open; returns what the learner lost with it. */
  private dropSnapshot(databaseId: string, error: unknown): SnapshotLoss {
    const db = this.databaseState(databaseId);
    const loss = { databaseId, tables: [...db.ownTables], reason: error instanceof Error ? error.message : String(error) };
    db.snapshot = null;
    db.ownTables = [];
    return loss;
  }

  private announceLoss(loss: SnapshotLoss): void {
    for (const listener of this.lossListeners) listener(loss);
  }

  private restoreDone(): void {
    this.restoring = null;
    this.updateState();
    this.scheduleSpareSync(SPARE_RESTART_DELAY_MS);
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
}
