import type { ExtractPreview } from '../../core/pipeline/extract.ts';
import type { BackfillAnswer, PipelineProgress, PipelineProtocol, PipelineStatus, RunAnswer } from '../../core/pipeline/protocol.ts';
import type { ReconcileReport } from '../../core/pipeline/reconcile.ts';
import type { IdempotencyReport, PipelineProblem, RunEvent, RunRecord } from '../../core/pipeline/runner.ts';
import type { ExtractTask, Pipeline } from '../../core/pipeline/schema.ts';
import type { ExecResult } from '../../core/sql/protocol.ts';
import { WorkerConnection, type Operation } from '../../core/worker/connection.ts';
import type { WorkerPort } from '../../core/worker/envelope.ts';
import { domWorkerPort } from '../worker/dom-endpoint.ts';

/**
 * The UI's handle on the pipeline worker (renderer/workbench/pipeline.worker.ts), which keeps one
 * pipeline's working database between calls. Every call is queued and answered in order.
 *
 *   const client = new PipelineClient();                 // starts the worker
 *   await client.open(pipeline, databaseBytes, datasetsUrl);
 *       // databaseBytes: the target database's file (fetchDatasetBytes); datasetsUrl: absolute URL
 *       // of the served datasets folder, e.g. new URL('datasets/', document.baseURI).href
 *       // → { bundledNames, problems }  (problems: duplicate ids, unknown tasks, a cycle naming its tasks, …)
 *   await client.setPipeline(pipeline);                  // after an edit → { states, unrecordedTables, problems }
 *   const op = client.run(ds, { onEvent, onProgress }); // all tasks on a fresh copy → RunAnswer { run, states, unrecordedTables }
 *   client.runTask(taskId, ds, opts);                    // one task on the current database → RunAnswer
 *   client.rerun(taskId, ds, opts);                      // clear it and everything downstream, run them → RunAnswer
 *   client.backfill(from, to, opts);                     // one run per day → BackfillAnswer { runs, cancelledDay, days, states, … }
 *   client.idempotency(taskId, ds);                      // run twice, diff what it writes → IdempotencyReport
 *   client.reconcile(ds);                                // the pipeline's reconcile[] → ReconcileReport[]
 *   client.preview(extractTask, ds, { rows, lines });   // what an extract would load → ExtractPreview
 *   client.query(sql, maxRows);                          // inspect tables → ExecResult (as SqlClient.exec)
 *   client.exportDatabase();                             // the working database's file → Uint8Array
 *   client.status();                                     // { states, unrecordedTables, runs }
 *   await client.cancel(op.id);                          // see below
 *   client.onRestart((reason) => …);                     // the worker was replaced: working database fresh, states pending
 *   client.dispose();
 *
 * Events: `onEvent` gets each task state change (`{ type: 'task', task, state, log }`) and an
 * extract's byte progress (`{ type: 'progress', task, progress }`) as they happen; `onProgress`
 * gets the run's share done (tasks, or days in a backfill).
 *
 * Cancel: a queued call is dropped (it rejects with PipelineCancelledError). The running one is
 * asked to stop between batches of rows and between statements: a run then answers normally with
 * `run.state === 'cancelled'` (the task that was running is rolled back and marked failed with
 * the error 'Cancelled'), a backfill answers with the days it finished and `cancelledDay` (even
 * when the worker had to be replaced to stop it); other calls reject. A statement that does not stop within
 * CANCEL_GRACE_MS is stopped by terminating the worker: a fresh one is started and the pipeline
 * reopened on a fresh copy of its database (onRestart listeners are told).
 */

/** How long a running call may take to stop by itself before its worker is terminated. */
export const CANCEL_GRACE_MS = 1500;

/** A call's answer, with the id to cancel it by. */
export type PipelineOperation<T> = Promise<T> & { readonly id: number };

/** The rejection of a call that was cancelled (or lost when the worker had to be replaced). */
export class PipelineCancelledError extends Error {
  constructor(message = 'Cancelled') {
    super(message);
    this.name = 'PipelineCancelledError';
  }
}

/** Listeners of a long call. */
export interface RunCallbacks {
  /** Each task state change and extract progress, as it happens. */
  onEvent?: (event: RunEvent) => void;
  /** The call's share done: tasks finished of the run's tasks, or days of a backfill. */
  onProgress?: (progress: PipelineProgress) => void;
}

/** Options; tests pass a Node worker (scripts/lib/node-pipeline-worker.ts). */
export interface PipelineClientOptions {
  createWorker?: () => WorkerPort;
  /** Overrides CANCEL_GRACE_MS (tests). */
  cancelGraceMs?: number;
}

function defaultWorker(): WorkerPort {
  return domWorkerPort(new Worker(new URL('./pipeline.worker.ts', import.meta.url), { type: 'module' }));
}

interface OpenArgs {
  pipeline: Pipeline;
  databaseBytes: Uint8Array;
  datasets: string;
}

/** Typed client for the pipeline worker. */
export class PipelineClient {
  private readonly createWorker: () => WorkerPort;
  private readonly graceMs: number;
  private port: WorkerPort;
  private readonly conn: WorkerConnection<PipelineProtocol>;
  private openArgs: OpenArgs | null = null;
  private readonly settled = new Map<number, Promise<void>>();
  private readonly restartListeners = new Set<(reason: string) => void>();
  private disposed = false;
  /** Calls the caller asked to cancel (a backfill then answers with its finished days rather than rejecting). */
  private readonly cancelAsked = new Set<number>();

  /** Starts the worker. */
  constructor(options: PipelineClientOptions = {}) {
    this.createWorker = options.createWorker ?? defaultWorker;
    this.graceMs = options.cancelGraceMs ?? CANCEL_GRACE_MS;
    this.port = this.createWorker();
    this.conn = new WorkerConnection<PipelineProtocol>(this.port, { crashMessage: 'The pipeline engine stopped' });
    this.conn.onCrash = (error) => this.restart(error.message);
  }

  /** Opens a pipeline on a fresh copy of its target database. */
  open(pipeline: Pipeline, databaseBytes: Uint8Array, datasetsUrl: string): PipelineOperation<{ bundledNames: string[]; problems: PipelineProblem[] }> {
    this.openArgs = { pipeline, databaseBytes, datasets: datasetsUrl };
    return this.operation(this.conn.start({ action: 'open', pipeline, databaseBytes, datasets: datasetsUrl }));
  }

  /** Replaces the pipeline after an edit; the database and the states of remaining tasks are kept. */
  setPipeline(pipeline: Pipeline): PipelineOperation<PipelineStatus & { problems: PipelineProblem[] }> {
    if (this.openArgs) this.openArgs = { ...this.openArgs, pipeline };
    return this.operation(this.conn.start({ action: 'set-pipeline', pipeline }));
  }

  /** Runs every task in dependency order on a fresh copy of the database. */
  run(ds: string, callbacks: RunCallbacks = {}): PipelineOperation<RunAnswer> {
    return this.operation(this.conn.start({ action: 'run', ds }, this.progressOf(callbacks)));
  }

  /** Runs one task on the current database. */
  runTask(task: string, ds: string, callbacks: RunCallbacks = {}): PipelineOperation<RunAnswer> {
    return this.operation(this.conn.start({ action: 'run-task', task, ds }, this.progressOf(callbacks)));
  }

  /** Clears a task and everything downstream of it and runs them again (upstream successes kept). */
  rerun(task: string, ds: string, callbacks: RunCallbacks = {}): PipelineOperation<RunAnswer> {
    return this.operation(this.conn.start({ action: 'rerun', task, ds }, this.progressOf(callbacks)));
  }

  /**
   * One run per day from `from` to `to` on a fresh copy of the database. A cancel never rejects
   * it once it has started: it answers with the days that finished and the day that was stopped.
   */
  backfill(from: string, to: string, callbacks: RunCallbacks = {}): PipelineOperation<BackfillAnswer> {
    const finished: BackfillAnswer['runs'] = [];
    let day: string | null = null;
    let days = 0;
    const op = this.conn.start(
      { action: 'backfill', from, to },
      this.progressOf({
        onEvent: callbacks.onEvent,
        onProgress: (p) => {
          if (p.day) {
            days = p.day.total;
            day = p.day.label ?? day;
          }
          if (p.dayRun) finished.push(p.dayRun);
          callbacks.onProgress?.(p);
        },
      }),
    );
    const result = op.result.catch((e: unknown): BackfillAnswer => {
      // Stopped by replacing the worker: the finished days came in with the progress; the fresh worker has nothing pending.
      if (!(e instanceof PipelineCancelledError) || !this.cancelAsked.has(op.id) || day === null) throw e;
      return { runs: finished, cancelledDay: day, days, restarted: true, states: {}, unrecordedTables: [] };
    });
    return this.operation({ id: op.id, result });
  }

  /** Runs a task twice for ds and diffs the tables it writes; the database is left as it was. */
  idempotency(task: string, ds: string): PipelineOperation<IdempotencyReport> {
    return this.operation(this.conn.start({ action: 'idempotency', task, ds }));
  }

  /** The pipeline's reconciliations for ds. */
  reconcile(ds: string): PipelineOperation<ReconcileReport[]> {
    return this.operation(this.conn.start({ action: 'reconcile', ds }));
  }

  /** What an extract task would load for ds (nothing is written). */
  preview(extract: Pick<ExtractTask, 'path' | 'source'>, ds: string, limits: { rows?: number; lines?: number } = {}): PipelineOperation<ExtractPreview> {
    return this.operation(this.conn.start({ action: 'preview', extract, ds, rows: limits.rows, lines: limits.lines }));
  }

  /** Runs SQL on the working database under the sandbox rules (for inspecting tables). */
  query(sql: string, maxRows: number): PipelineOperation<ExecResult> {
    return this.operation(this.conn.start({ action: 'query', sql, maxRows }));
  }

  /** The working database's file. */
  exportDatabase(): PipelineOperation<Uint8Array> {
    return this.operation(this.conn.start({ action: 'export' }));
  }

  /** Task states, unrecorded tables and the run history. */
  status(): PipelineOperation<PipelineStatus & { runs: RunRecord[] }> {
    return this.operation(this.conn.start({ action: 'status' }));
  }

  /**
   * Cancels a call (the running one without an id). Resolves once it has stopped: by itself
   * between batches, or, after the grace time, by replacing the worker.
   */
  async cancel(id?: number): Promise<void> {
    const target = id ?? this.conn.runningId;
    if (target === null || this.disposed) return;
    if (this.conn.cancel(target, new PipelineCancelledError()) !== 'running') return;
    this.cancelAsked.add(target);
    this.port.postMessage({ cancel: target });
    const settled = this.settled.get(target) ?? Promise.resolve();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stopped = await Promise.race([
      settled.then(() => true),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), this.graceMs);
      }),
    ]);
    clearTimeout(timer);
    if (!stopped && this.conn.runningId === target) this.restart('The statement did not stop, so the pipeline engine was restarted');
  }

  /** Subscribes to worker restarts (after a forced cancel or a crash); returns the unsubscribe function. */
  onRestart(listener: (reason: string) => void): () => void {
    this.restartListeners.add(listener);
    return () => {
      this.restartListeners.delete(listener);
    };
  }

  /** Terminates the worker; pending calls reject. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.conn.kill(new Error('The pipeline client was disposed'));
    this.restartListeners.clear();
  }

  /** Replaces the worker: the running call rejects, queued ones move on after the pipeline is reopened. */
  private restart(reason: string): void {
    if (this.disposed) return;
    this.port = this.createWorker();
    this.conn.replaceWorker(this.port, new PipelineCancelledError(reason));
    const args = this.openArgs;
    if (args) {
      const reopened = this.conn.start({ action: 'open', ...args }, { front: true });
      reopened.result.catch(() => undefined);
    }
    for (const listener of this.restartListeners) listener(reason);
  }

  private progressOf(callbacks: RunCallbacks): { onProgress: (p: { done: number; total: number }) => void } {
    return {
      onProgress: (p) => {
        const progress = p as PipelineProgress;
        if (progress.event) callbacks.onEvent?.(progress.event);
        callbacks.onProgress?.(progress);
      },
    };
  }

  private operation<T>(op: Operation<T>): PipelineOperation<T> {
    const done = op.result.then(
      () => undefined,
      () => undefined,
    );
    this.settled.set(op.id, done);
    void done.then(() => {
      this.settled.delete(op.id);
      this.cancelAsked.delete(op.id);
    });
    return Object.assign(op.result, { id: op.id });
  }
}
