import type { ExecResult } from '../sql/protocol.ts';
import type { Progress, RequestOf } from '../worker/envelope.ts';
import type { ProgressInfo } from './control.ts';
import type { ExtractPreview } from './extract.ts';
import type { ReconcileReport } from './reconcile.ts';
import type { IdempotencyReport, PipelineProblem, RunEvent, RunRecord } from './runner.ts';
import type { ExtractTask, Pipeline, TaskState } from './schema.ts';

/**
 * The pipeline worker's protocol (on the shared envelope, core/worker/envelope.ts). The worker
 * keeps one pipeline's working database between requests. Long requests report progress whose
 * `event` carries task state changes as they happen; a cancel is a `{ cancel: id }` message the
 * worker reads between batches and statements (see pipeline-client.ts).
 */

/** Where things stand after a request that ran tasks. */
export interface PipelineStatus {
  states: Record<string, TaskState>;
  /** Tables written by this pipeline's runs so far that have no owner and purpose record. */
  unrecordedTables: string[];
}

/** A run's answer. */
export interface RunAnswer extends PipelineStatus {
  run: RunRecord;
}

/** Progress of a pipeline request: done/total (tasks of the run, or days of a backfill), and what just happened. */
export interface PipelineProgress extends Progress {
  /** A task changed state, or an extract reported its bytes. */
  event?: RunEvent;
  /** In a backfill: which day of how many. */
  day?: ProgressInfo;
  /** In a backfill: a day's run has ended (so a backfill stopped by restarting the worker still knows its finished days). */
  dayRun?: RunRecord;
}

/**
 * A backfill's answer. A cancel does not reject it: the days that finished are kept, and the day
 * the cancel stopped is named.
 */
export interface BackfillAnswer extends PipelineStatus {
  /** One run per day that ran, oldest first; after a cooperative cancel the last is that day's run, state 'cancelled'. */
  runs: RunRecord[];
  /** The day a cancel stopped, or null when the backfill ran to its end. */
  cancelledDay: string | null;
  /** Days in the range asked for. */
  days: number;
  /** The engine had to be restarted to stop (its working database is a fresh copy). */
  restarted?: boolean;
}

/** The message that asks the worker to stop the request with this id between two batches. */
export interface CancelMessage {
  cancel: number;
}

/** True for a cancel message. */
export function isCancelMessage(data: unknown): data is CancelMessage {
  return typeof data === 'object' && data !== null && 'cancel' in data && typeof (data as CancelMessage).cancel === 'number';
}

/** The pipeline worker's actions. */
export type PipelineProtocol = {
  /**
   * Takes a pipeline and its target database's bytes; `datasets` is where the lake is (the served
   * datasets folder's absolute URL in the app, a folder in Node). Opens a fresh copy.
   */
  open: {
    request: { pipeline: Pipeline; databaseBytes: Uint8Array; datasets: string };
    result: { bundledNames: string[]; problems: PipelineProblem[] };
  };
  /** The learner edited the pipeline: keeps the database and the states of tasks that remain. */
  'set-pipeline': { request: { pipeline: Pipeline }; result: PipelineStatus & { problems: PipelineProblem[] } };
  run: { request: { ds: string }; result: RunAnswer };
  'run-task': { request: { task: string; ds: string }; result: RunAnswer };
  rerun: { request: { task: string; ds: string }; result: RunAnswer };
  backfill: { request: { from: string; to: string }; result: BackfillAnswer };
  idempotency: { request: { task: string; ds: string }; result: IdempotencyReport };
  reconcile: { request: { ds: string }; result: ReconcileReport[] };
  preview: { request: { extract: Pick<ExtractTask, 'path' | 'source'>; ds: string; rows?: number; lines?: number }; result: ExtractPreview };
  /** A SELECT (or any statement the sandbox allows) on the working database; same shape as the SQL worker's exec. */
  query: { request: { sql: string; maxRows: number }; result: ExecResult };
  /** The working database's file. */
  export: { request: Record<never, never>; result: Uint8Array };
  status: { request: Record<never, never>; result: PipelineStatus & { runs: RunRecord[] } };
};

/** A request as it crosses to the pipeline worker. */
export type PipelineRequest = RequestOf<PipelineProtocol>;
