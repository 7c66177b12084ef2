import type { ExtractPreview } from '../../../core/pipeline/extract.ts';
import type { BackfillAnswer, PipelineProgress, PipelineStatus, RunAnswer } from '../../../core/pipeline/protocol.ts';
import type { ReconcileReport } from '../../../core/pipeline/reconcile.ts';
import type { IdempotencyReport, PipelineProblem, RunEvent, RunRecord, TaskLog } from '../../../core/pipeline/runner.ts';
import type { Pipeline } from '../../../core/pipeline/schema.ts';
import type { ExecResult } from '../../../core/sql/protocol.ts';

/*
 * What the pipeline workbench asks of the pipeline engine. The engine runs in a Web Worker
 * (renderer/workbench/pipeline-client.ts, owned by the engine's authors); this interface is the
 * workbench's only door to it (engine-client.ts binds it), so the screen never blocks the main
 * thread and tests can bind their own.
 */

export type { BackfillAnswer, ExtractPreview, IdempotencyReport, PipelineProblem, ReconcileReport, RunAnswer, RunEvent, RunRecord, TaskLog, PipelineProgress, PipelineStatus };

/** Listeners of a long call: task state changes and extract progress, and the call's share done. */
export interface EngineCallbacks {
  onEvent?: (event: RunEvent) => void;
  onProgress?: (progress: PipelineProgress) => void;
}

/** The pipeline engine, as the workbench uses it. Every call runs off the main thread; each names the pipeline it is for. */
export interface PipelineEngine {
  /** Runs every task in dependency order on a fresh copy of the pipeline's database. */
  runAll(key: string, p: Pipeline, ds: string, cb: EngineCallbacks): Promise<RunAnswer>;
  /** Runs one task on the database as the last run left it. */
  runTask(key: string, p: Pipeline, task: string, ds: string, cb: EngineCallbacks): Promise<RunAnswer>;
  /** Clears a task and runs it again with everything downstream, keeping upstream results. */
  rerunFrom(key: string, p: Pipeline, task: string, ds: string, cb: EngineCallbacks): Promise<RunAnswer>;
  /** One run per day from `from` to `to` (inclusive), in order; a cancel answers with the days that finished and the day it stopped. */
  backfill(key: string, p: Pipeline, from: string, to: string, cb: EngineCallbacks): Promise<BackfillAnswer>;
  /** Runs a task twice with the same ds and diffs the tables it writes. */
  idempotency(key: string, p: Pipeline, task: string, ds: string): Promise<IdempotencyReport>;
  /** The pipeline's reconciliations for ds, after a run. */
  reconcile(key: string, p: Pipeline, ds: string): Promise<ReconcileReport[]>;
  /** The columns, first rows and quarantined lines an extract task would load (nothing is written). */
  preview(key: string, p: Pipeline, task: string, ds: string): Promise<ExtractPreview>;
  /** Runs SQL on the pipeline's working database (to inspect its tables). */
  query(key: string, p: Pipeline, sql: string, maxRows: number): Promise<ExecResult>;
  /** Task states, unrecorded tables and every run the engine kept (after a cancelled backfill, the days it finished). */
  status(key: string, p: Pipeline): Promise<PipelineStatus & { runs: RunRecord[] }>;
  /** Stops the work in progress. */
  cancel(): void;
}
