/**
 * The UI's handle on the governance worker (quality checks, and the lineage and masked-view
 * actions their owners add). Everything runs in the worker; this file only fetches a bundled
 * database once, opens a private copy of it in the worker when a request needs it, queues requests
 * and cancels them. The app has ONE of these (sharedGovernanceClient()).
 *
 * API (for the governance screen and the lesson player):
 *
 *   const client = sharedGovernanceClient();                     // tests: new GovernanceClient({ createWorker, databaseBytes, datasetsUrl })
 *   await client.open('hanbit-prod');                            // optional: requests open what they need
 *   const run = await client.quality(yaml, { asOf: '2025-03-01', signal });  // QualityRun (core/governance/types.ts)
 *   const history = await client.history(yaml, { onProgress: (done, total) => …, signal });  // QualityHistory
 *   client.cancel();                                             // every user's work (tests); screens abort their own signal
 *
 * Databases are opened on demand: a request that reaches a database the worker has not opened fails
 * with NOT_OPEN naming it; the client opens it (a copy of the bundled bytes) and sends the request
 * again. Aborting `signal` cancels that one operation: dropped if still queued, else the worker is
 * replaced (a running SQLite statement cannot be interrupted) and requests queued behind it run on
 * the fresh worker, reopening their databases.
 *
 * Adding an action (lineage, pii-mask): declare it in core/governance/worker-dispatch.ts, then add a
 * method here that calls `this.run({ action: '…', … }, options, ['database-id', …])`.
 */
import { notOpenDatabase, type GovernanceProtocol } from '../../core/governance/worker-dispatch.ts';
import type { QualityHistory, QualityRun } from '../../core/governance/types.ts';
import type { LineageGraph } from '../../core/governance/types.ts';
import type { LineageInputs } from '../../core/governance/lineage-inputs.ts';
import type { MaskCheckDetail, MaskCheckOptions } from '../../core/governance/mask.ts';
import type { ExecResult } from '../../core/sql/protocol.ts';
import { WorkerConnection, type Operation } from '../../core/worker/connection.ts';
import type { Progress, RequestBody, WorkerPort } from '../../core/worker/envelope.ts';
import { catalogDatabaseBytes } from '../sql/dataset-cache.ts';
import { domWorkerPort } from '../worker/dom-endpoint.ts';

export type { QualityHistory, QualityRun } from '../../core/governance/types.ts';

/** The rejection of an operation (or one queued behind it) that was cancelled. */
export class GovernanceCancelledError extends Error {
  constructor(message = 'Cancelled') {
    super(message);
    this.name = 'GovernanceCancelledError';
  }
}

/** Options; tests pass a Node worker factory, their own database bytes and a lake folder. */
export interface GovernanceClientOptions {
  createWorker?: () => WorkerPort;
  /** The bytes of a catalog database by id (default: the app's catalog and dataset cache). */
  databaseBytes?: (id: string) => Promise<Uint8Array>;
  /** The served datasets folder (the lake is under it): default `datasets/` of the page, absolute. */
  datasetsUrl?: string;
}

/** Options of one operation. */
export interface GovernanceRunOptions {
  /** Units done of the total (a run and the history: checks done), and what runs now when the worker says (a run: the source or check). */
  onProgress?: (done: number, total: number, current?: Progress['current']) => void;
  /** Aborting it cancels this operation. */
  signal?: AbortSignal;
}

/** An operation's answer with the id it runs under. */
export type GovernanceOperation<T> = Promise<T> & { readonly id: number };

function defaultWorker(): WorkerPort {
  return domWorkerPort(new Worker(new URL('./governance.worker.ts', import.meta.url), { type: 'module' }));
}

function defaultDatasetsUrl(): string {
  return typeof document !== 'undefined' ? new URL('datasets/', document.baseURI).href : 'datasets/';
}

type Action = keyof GovernanceProtocol & string;

/** How many databases one request may open on demand (and reopen after a replaced worker) before it gives up. */
const MAX_OPENS = 8;

/** Typed client for the governance worker. */
export class GovernanceClient {
  private readonly createWorker: () => WorkerPort;
  private readonly databaseBytes: (id: string) => Promise<Uint8Array>;
  /** The served datasets folder, sent with requests that read the lake. */
  readonly datasetsUrl: string;
  private conn: WorkerConnection<GovernanceProtocol>;
  private readonly bytes = new Map<string, Promise<Uint8Array>>();
  /** Databases opened (or queued to open) on the current worker; a replaced worker starts with none. */
  private opened = new Set<string>();
  /** Bumped by cancel(): an operation still fetching a database stops before it is posted. */
  private cancels = 0;

  /** Starts the worker. */
  constructor(opts: GovernanceClientOptions = {}) {
    this.createWorker = opts.createWorker ?? defaultWorker;
    this.databaseBytes = opts.databaseBytes ?? catalogDatabaseBytes;
    this.datasetsUrl = opts.datasetsUrl ?? defaultDatasetsUrl();
    this.conn = this.connect();
  }

  private connect(): WorkerConnection<GovernanceProtocol> {
    const conn = new WorkerConnection<GovernanceProtocol>(this.createWorker(), { crashMessage: 'The governance worker stopped' });
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

  /** Opens a private copy of the database on the current worker unless it is open there already. */
  private async ensureOpen(database: string, cancels: number): Promise<void> {
    if (this.opened.has(database)) return;
    // A copy: the bundled bytes stay as they are for the next opening, whatever the worker writes.
    const bytes = (await this.fetchBytes(database)).slice();
    if (cancels !== this.cancels) throw new GovernanceCancelledError();
    if (this.opened.has(database)) return;
    this.opened.add(database);
    await this.conn.request({ action: 'open', database, bytes }, { transfer: [bytes.buffer as ArrayBuffer] }).catch((e: unknown) => {
      this.opened.delete(database);
      throw e;
    });
  }

  /**
   * Runs one request; `databases` are opened first, and any other database the worker finds it
   * needs (NOT_OPEN) is opened and the request sent again. For the actions of every owner.
   */
  protected run<A extends Action>(
    body: RequestBody<GovernanceProtocol, A>,
    options: GovernanceRunOptions = {},
    databases: string[] = [],
  ): GovernanceOperation<GovernanceProtocol[A]['result']> {
    let opId = -1;
    const cancels = this.cancels;
    const { signal } = options;
    const needed = [...databases];
    /** Databases a check file names that the catalog does not have: the worker reports them as the file's problems. */
    const unavailable: string[] = [];
    const go = async (): Promise<GovernanceProtocol[A]['result']> => {
      for (let attempt = 0; ; attempt++) {
        if (signal?.aborted) throw new GovernanceCancelledError();
        for (const database of [...needed]) {
          try {
            await this.ensureOpen(database, cancels);
          } catch (e) {
            const canReport = (body.action === 'quality' || body.action === 'history') && !databases.includes(database);
            if (e instanceof GovernanceCancelledError || !canReport) throw e;
            needed.splice(needed.indexOf(database), 1);
            unavailable.push(database);
            Object.assign(body, { unavailable: [...unavailable] });
          }
        }
        if (cancels !== this.cancels || signal?.aborted) throw new GovernanceCancelledError();
        const op: Operation<GovernanceProtocol[A]['result']> = this.conn.start(body, {
          ...(options.onProgress ? { onProgress: (p) => options.onProgress?.(p.done, p.total, p.current) } : {}),
        });
        opId = op.id;
        const abort = (): void => this.cancelOne(op.id);
        signal?.addEventListener('abort', abort, { once: true });
        try {
          return await op.result;
        } catch (e) {
          const missing = e instanceof Error ? notOpenDatabase(e.message) : null;
          if (missing !== null && attempt < MAX_OPENS) {
            // Not open on this worker (first use, or a fresh worker after a cancel): open it and ask again.
            this.opened.delete(missing);
            if (!needed.includes(missing)) needed.push(missing);
            continue;
          }
          throw e;
        } finally {
          signal?.removeEventListener('abort', abort);
        }
      }
    };
    const promise = go() as GovernanceOperation<GovernanceProtocol[A]['result']>;
    Object.defineProperty(promise, 'id', { get: () => opId });
    return promise;
  }

  /** Opens a bundled database in the worker (requests also open what they need on their own). */
  async open(database: string): Promise<void> {
    await this.ensureOpen(database, this.cancels);
  }

  // ---------------------------------------------------------------- quality (owner: quality)

  /** Runs a check file on the bundled data (and lake), optionally as of a simulated day; progress per check (n of N, the check running). */
  quality(yaml: string, options: GovernanceRunOptions & { asOf?: string | null } = {}): GovernanceOperation<QualityRun> {
    return this.run({ action: 'quality', yaml, asOf: options.asOf ?? null, datasets: this.datasetsUrl }, options);
  }

  /** Every check of the file on every simulated day, with progress (checks done) and cancel. */
  history(yaml: string, options: GovernanceRunOptions = {}): GovernanceOperation<QualityHistory> {
    return this.run({ action: 'history', yaml, datasets: this.datasetsUrl }, options);
  }

  // ---------------------------------------------------------------- lineage (owner: lineage)

  /** The lineage graph of the inputs (see renderer/workbench/lineage-inputs.ts), with the views of the named databases the worker has open. */
  lineage(inputs: LineageInputs, options: GovernanceRunOptions & { viewDatabases?: string[] } = {}): GovernanceOperation<LineageGraph> {
    return this.run({ action: 'lineage', inputs, viewDatabases: options.viewDatabases ?? [] }, options);
  }

  // ---------------------------------------------------------------- masked views (owner: pii-mask)

  /**
   * Runs the learner's SQL (CREATE VIEW …) on the worker's private copy of `database` with pseudonym()
   * under the workspace key; `reset` first drops what the learner made there, so a view can be rewritten.
   */
  maskQuery(
    database: string,
    sql: string,
    key: string,
    options: GovernanceRunOptions & { reset?: boolean; maxRows?: number } = {},
  ): GovernanceOperation<ExecResult> {
    return this.run(
      { action: 'mask-query', database, sql, key, reset: options.reset ?? false, maxRows: options.maxRows ?? 1000 },
      options,
      [database],
    );
  }

  /** Checks a view 'mask-query' made (no direct identifier by lineage or value, keyed ids, rows reconcile, k). */
  maskCheck(database: string, check: MaskCheckOptions, options: GovernanceRunOptions = {}): GovernanceOperation<MaskCheckDetail> {
    return this.run({ action: 'mask-check', database, ...check }, options, [database]);
  }

  private cancelOne(id: number): void {
    const reason = new GovernanceCancelledError();
    if (this.conn.cancel(id, reason) === 'running') {
      this.opened = new Set();
      this.conn.replaceWorker(this.createWorker(), reason);
    }
  }

  /** Stops the running operation at once (the worker is replaced) and drops queued ones: every user's. */
  cancel(): void {
    const reason = new GovernanceCancelledError();
    this.cancels++;
    this.conn.dropQueued(reason);
    if (!this.conn.idle) {
      this.opened = new Set();
      this.conn.replaceWorker(this.createWorker(), reason);
    }
  }

  /** Stops the worker for good. */
  dispose(): void {
    this.conn.kill(new GovernanceCancelledError('The governance client was disposed'));
  }
}

let shared: GovernanceClient | null = null;
let sharedOptions: GovernanceClientOptions = {};

/** The app's one governance client, started on first use. */
export function sharedGovernanceClient(): GovernanceClient {
  shared ??= new GovernanceClient(sharedOptions);
  return shared;
}

/** Sets how the shared client is made (tests and Node pass a worker factory, database bytes, a lake folder); disposes the current one. */
export function configureSharedGovernanceClient(options: GovernanceClientOptions): void {
  shared?.dispose();
  shared = null;
  sharedOptions = options;
}
