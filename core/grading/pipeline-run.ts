import { PipelineRunner as Runner, type PipelineEngine, type RunRecord } from '../pipeline/runner.ts';
import type { GradingEngine } from './engine.ts';
import type { PipelineRunner, PipelineRunResult } from './pipeline-grader.ts';

/**
 * Binds the pipeline grader to the pipeline engine (core/pipeline/runner.ts), so the grader worker,
 * `npm run grade` and the lesson checker run pipelines exactly as the workbench does: tasks in
 * dependency order, each in a savepoint, the bundled tables protected.
 */

function isPipelineEngine(engine: GradingEngine): engine is GradingEngine & PipelineEngine {
  return typeof (engine as Partial<PipelineEngine>).database === 'function';
}

/** The tasks of a run as the grader reads them (a task the run never reached counts as not run). */
function outcome(record: RunRecord, taskIds: readonly string[]): PipelineRunResult {
  const logged = new Map(record.tasks.map((t) => [t.task, t]));
  return {
    ok: true,
    tasks: taskIds.map((id) => {
      const log = logged.get(id);
      const error = log?.error;
      // The line travels apart from the engine's words, so the feedback can say where in the learner's SQL it went wrong.
      return { id, state: log?.state ?? 'pending', error: error?.message ?? null, ...(error?.line !== undefined ? { line: error.line } : {}), ...(error?.in !== undefined ? { in: error.in } : {}) };
    }),
  };
}

/** Runs a pipeline for grading on a fresh copy of the database (see PipelineRunner). */
export const runPipelineForGrading: PipelineRunner = async (pipeline, { engine, lake, ds, databaseBytes, setup, runs }) => {
  if (!isPipelineEngine(engine)) throw new Error('the grading engine cannot run pipelines (it has no sql.js database)');
  let bytes = databaseBytes;
  if (setup !== undefined && setup.trim() !== '') {
    // The step's starting state becomes part of the copy the runner opens for its run.
    engine.open(databaseBytes);
    const prepared = engine.exec(setup, 0);
    if (prepared.error) throw new Error(`setup: ${prepared.error.message}`);
    bytes = engine.database().export();
  }
  const runner = new Runner({ engine, lake, pipeline, databaseBytes: bytes });
  const ids = pipeline.tasks.map((t) => t.id);
  let record: RunRecord;
  try {
    record = await runner.runAll(ds);
  } catch (e) {
    // Refused before any task ran: a cycle, an edge to a missing task, a duplicate id, a bundled target.
    return { ok: false, invalid: e instanceof Error ? e.message : String(e) };
  }
  if (runs === 1 || record.state !== 'success') return outcome(record, ids);
  // Again over the first run's output: every task that starts the graph is cleared with what follows it.
  const targets = new Set(pipeline.edges.map((e) => e.to));
  for (const root of ids.filter((id) => !targets.has(id))) {
    record = await runner.rerunFrom(root, ds);
    if (record.state !== 'success') break;
  }
  return outcome(record, ids);
};
