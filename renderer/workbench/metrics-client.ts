/**
 * The UI's handle on the analytics worker. Everything runs in the worker; this file only fetches a
 * bundled database once, queues requests and cancels them. The app has ONE of these
 * (sharedMetricsClient()): the KPI registry, the dashboards and the Experiments screen share its
 * worker, so the 6 MB warehouse is held once, not once per screen.
 *
 * API (for the registry, dashboard and experiments screens):
 *
 *   const client = sharedMetricsClient();                       // tests: new MetricsClient({ createWorker, databaseBytes })
 *   const op = client.runSeries('hanbit-warehouse', [            // one round trip for a whole dashboard
 *     { key: 'tile-1', sql: metric.sql, grain: 'week', range: { from: '2025-01-01', to: '2025-12-31' } },
 *   ], { onProgress: (done, total) => …, signal });
 *   op.id;                                                      // the operation's id (-1 until posted)
 *   const batch = await op;                                     // SeriesBatch: results[] in request order, each
 *                                                               //   { key, ok: true, rows: {period, value, series?}[],
 *                                                               //     sql (rendered), cached, truncated } or
 *                                                               //   { key, ok: false, error: { code: 'template' | 'sql'
 *                                                               //     | 'columns', message, line?, columns? }, sql | null };
 *                                                               //   elapsedMs (in the worker), cacheHits, roundTripMs
 *   await client.query('hanbit-warehouse', 'select …', 1000, { signal });  // ExecResult (the SQL worker's shape), read-only
 *   await client.audit(metric, 'month', schema, { signal });    // MetricAudit (node-sql-parser runs in the worker)
 *   client.cancel();                                            // EVERY user's work: the worker is replaced and queued
 *                                                               //   requests dropped (tests; screens abort their own signal)
 *   client.dispose();
 *
 * Aborting `signal` cancels that one operation and nobody else's: dropped if it is still queued,
 * else the worker is replaced and the requests queued behind it (other screens' too) run on the
 * fresh worker, which reopens their databases. The worker caches series by (database, rendered
 * SQL): after a filter change only the tiles whose query changed run again.
 */
import type { MetricAudit, TableColumns } from '../../core/metrics/audit.ts';
import type { Grain, Metric } from '../../core/metrics/schema.ts';
import type { BatchResult, SeriesRequest } from '../../core/metrics/series.ts';
import { NOT_OPEN, type MetricsProtocol } from '../../core/metrics/worker-dispatch.ts';
import type { ExecResult } from '../../core/sql/protocol.ts';
import { WorkerConnection, type Operation } from '../../core/worker/connection.ts';
import type { RequestBody } from '../../core/worker/envelope.ts';
import type { WorkerPort } from '../../core/worker/envelope.ts';
import { catalogDatabaseBytes } from '../sql/dataset-cache.ts';
import { domWorkerPort } from '../worker/dom-endpoint.ts';

export type { MetricAudit, TableColumns } from '../../core/metrics/audit.ts';
export type { BatchResult, SeriesError, SeriesErrorCode, SeriesPoint, SeriesRequest, SeriesResult } from '../../core/metrics/series.ts';

/** A batch's answer with the time from posting to answer on the caller's side. */
export interface SeriesBatch extends BatchResult {
  roundTripMs: number;
}

/** The rejection of an operation (or one queued behind it) that was cancelled. */
export class MetricsCancelledError extends Error {
  constructor(message = 'Cancelled') {
    super(message);
    this.name = 'MetricsCancelledError';
  }
}

/** Options; tests pass a Node worker factory and their own database bytes. */
export interface MetricsClientOptions {
  createWorker?: () => WorkerPort;
  /** The bytes of a catalog database by id (default: the app's catalog and dataset cache). */
  databaseBytes?: (id: string) => Promise<Uint8Array>;
}

/** Options of one operation. */
export interface MetricsRunOptions {
  /** Series done of the total (batches only). */
  onProgress?: (done: number, total: number) => void;
  /** Aborting it cancels this operation. */
  signal?: AbortSignal;
}

/** An operation's answer with the id it runs under. */
export type MetricsOperation<T> = Promise<T> & { readonly id: number };

function defaultWorker(): WorkerPort {
  return domWorkerPort(new Worker(new URL('./metrics.worker.ts', import.meta.url), { type: 'module' }));
}

type Action = keyof MetricsProtocol & string;

/** How many times a request reopens its database after the worker under it was replaced. */
const MAX_REOPENS = 3;

/** Typed client for the analytics worker. */
export class MetricsClient {
  private readonly createWorker: () => WorkerPort;
  private readonly databaseBytes: (id: string) => Promise<Uint8Array>;
  private conn: WorkerConnection<MetricsProtocol>;
  private readonly bytes = new Map<string, Promise<Uint8Array>>();
  /** Databases opened on the current worker (a replaced worker starts with none). */
  private opened = new Set<string>();
  /** Why the last opening of a database failed, until it is opened again. */
  private readonly openFailures = new Map<string, Error>();
  /** Bumped by cancel(): an operation still fetching its database stops before it is posted. */
  private cancels = 0;

  /** Starts the worker. */
  constructor(opts: MetricsClientOptions = {}) {
    this.createWorker = opts.createWorker ?? defaultWorker;
    this.databaseBytes = opts.databaseBytes ?? catalogDatabaseBytes;
    this.conn = this.connect();
  }

  private connect(): WorkerConnection<MetricsProtocol> {
    const conn = new WorkerConnection<MetricsProtocol>(this.createWorker(), { crashMessage: 'The analytics worker stopped' });
    conn.onCrash = (error) => {
      conn.kill(error);
      this.opened = new Set();
      this.conn = this.connect();
    };
    return conn;
  }

  private fetchBytes(database: string): Promise<Uint8Array> {
    let pending = this.bytes.get(database);
    if (!pending) {
      pending = this.databaseBytes(database);
      this.bytes.set(database, pending);
      pending.catch(() => this.bytes.delete(database));
    }
    return pending;
  }

  /** Queues the database's opening on the current worker unless it is open there already (or queued to be). */
  private async ensureOpen(database: string, cancels: number): Promise<void> {
    if (this.opened.has(database)) return;
    const bytes = (await this.fetchBytes(database)).slice();
    if (cancels !== this.cancels) throw new MetricsCancelledError();
    if (this.opened.has(database)) return;
    this.opened.add(database);
    this.openFailures.delete(database);
    // Not awaited: the request after it is queued behind it on the same worker.
    this.conn.request({ action: 'open', database, bytes }, { transfer: [bytes.buffer as ArrayBuffer] }).catch((e: unknown) => {
      this.opened.delete(database);
      if (!(e instanceof MetricsCancelledError)) this.openFailures.set(database, e instanceof Error ? e : new Error(String(e)));
    });
  }

  private operation<A extends Action, T>(
    database: string | null,
    body: RequestBody<MetricsProtocol, A>,
    options: MetricsRunOptions,
    finish: (value: MetricsProtocol[A]['result'], postedAt: number) => T,
  ): MetricsOperation<T> {
    let opId = -1;
    const cancels = this.cancels;
    const { signal } = options;
    const run = async (): Promise<T> => {
      for (let attempt = 0; ; attempt++) {
        if (signal?.aborted) throw new MetricsCancelledError();
        if (database !== null) await this.ensureOpen(database, cancels);
        if (cancels !== this.cancels || signal?.aborted) throw new MetricsCancelledError();
        let postedAt = performance.now();
        const op: Operation<MetricsProtocol[A]['result']> = this.conn.start(body, {
          onStart: () => (postedAt = performance.now()),
          ...(options.onProgress ? { onProgress: (p) => options.onProgress?.(p.done, p.total) } : {}),
        });
        opId = op.id;
        const abort = (): void => this.cancelOne(op.id);
        signal?.addEventListener('abort', abort, { once: true });
        try {
          return finish(await op.result, postedAt);
        } catch (e) {
          // Queued behind a cancelled operation, it reached a fresh worker that had not opened the database.
          // A database that could not be opened (not SQLite, say) fails with that reason, not "not open".
          // Other screens' cancels can replace the worker more than once while this one waits: a few reopenings.
          const notOpen = database !== null && e instanceof Error && e.message.startsWith(NOT_OPEN);
          const failed = database !== null ? this.openFailures.get(database) : undefined;
          if (failed && notOpen) throw failed;
          if (database !== null && notOpen && attempt < MAX_REOPENS) {
            this.opened.delete(database);
            continue;
          }
          throw e;
        } finally {
          signal?.removeEventListener('abort', abort);
        }
      }
    };
    const promise = run() as MetricsOperation<T>;
    Object.defineProperty(promise, 'id', { get: () => opId });
    return promise;
  }

  /** Runs a batch of metric series on a bundled database in one round trip. */
  runSeries(database: string, items: SeriesRequest[], options: MetricsRunOptions = {}): MetricsOperation<SeriesBatch> {
    return this.operation(database, { action: 'batch', database, items }, options, (value, postedAt) => ({
      ...value,
      roundTripMs: performance.now() - postedAt,
    }));
  }

  /** Runs a plain query (read-only) on a bundled database. */
  query(database: string, sql: string, maxRows = 1000, options: MetricsRunOptions = {}): MetricsOperation<ExecResult> {
    return this.operation(database, { action: 'query', database, sql, maxRows }, options, (value) => value);
  }

  /** A metric's audit trail (tables and columns its SQL reads at the grain), parsed in the worker. */
  audit(metric: Metric, grain: Grain, schema?: TableColumns, options: MetricsRunOptions = {}): MetricsOperation<MetricAudit> {
    return this.operation(null, { action: 'audit', metric, grain, ...(schema ? { schema } : {}) }, options, (value) => value);
  }

  private cancelOne(id: number): void {
    const reason = new MetricsCancelledError();
    if (this.conn.cancel(id, reason) === 'running') {
      this.opened = new Set();
      this.conn.replaceWorker(this.createWorker(), reason);
    }
  }

  /**
   * Stops the running operation at once (the worker is replaced) and drops queued ones: every
   * user's, so a screen on the shared client aborts its own requests' signals instead.
   */
  cancel(): void {
    const reason = new MetricsCancelledError();
    this.cancels++;
    this.conn.dropQueued(reason);
    if (!this.conn.idle) {
      this.opened = new Set();
      this.conn.replaceWorker(this.createWorker(), reason);
    }
  }

  /** Stops the worker for good. */
  dispose(): void {
    this.conn.kill(new MetricsCancelledError('The analytics client was disposed'));
  }
}

let shared: MetricsClient | null = null;
let sharedOptions: MetricsClientOptions = {};

/** The app's one analytics client (KPI registry, dashboards, experiments), started on first use. */
export function sharedMetricsClient(): MetricsClient {
  shared ??= new MetricsClient(sharedOptions);
  return shared;
}

/** Sets how the shared client is made (tests and Node pass a worker factory and database bytes); disposes the current one. */
export function configureSharedMetricsClient(options: MetricsClientOptions): void {
  shared?.dispose();
  shared = null;
  sharedOptions = options;
}
