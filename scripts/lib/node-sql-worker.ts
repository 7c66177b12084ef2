import type { WorkerPort } from '../../core/worker/envelope.ts';
import { createNodeWorker } from './node-worker.ts';

/**
 * Node only (tests and scripts), never imported by the app: the SQL worker protocol on a
 * worker_threads thread. Tests and `npm run bench` pass it to SqlClient so a runaway query really
 * blocks a thread and really gets terminated.
 */

/** Starts node-sql-worker-entry.ts (real sql.js + SqlEngine) on a thread. */
export function createNodeSqlWorker(): WorkerPort {
  return createNodeWorker(new URL('./node-sql-worker-entry.ts', import.meta.url));
}

/** Starts node-grader-worker-entry.ts (the grader on real sql.js) on a thread. */
export function createNodeGraderWorker(): WorkerPort {
  return createNodeWorker(new URL('./node-grader-worker-entry.ts', import.meta.url));
}
