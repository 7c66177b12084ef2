import type { Verdict } from '../../core/grading/compare.ts';
import type { DatabaseFiles, GraderProtocol, LakeFolders } from '../../core/grading/grader-protocol.ts';
import type { Lesson } from '../../core/lessons/schema.ts';
import type { Step } from '../../core/lessons/step-kinds.ts';
import { WorkerConnection } from '../../core/worker/connection.ts';
import type { WorkerPort } from '../../core/worker/envelope.ts';
import { domWorkerPort } from '../worker/dom-endpoint.ts';

/** A check that took longer than this is stopped: the answer probably never ends. */
export const GRADE_TIME_LIMIT_MS = 15_000;

/** Raised when a check ran past the time limit (the worker was replaced). */
export class GradeTimeoutError extends Error {}

/** Raised for a check that was cancelled. */
export class GradeCancelledError extends Error {}

/** Options; tests pass a worker factory (Node worker_threads, scripts/lib/node-sql-worker.ts) and a shorter limit. */
export interface GraderClientOptions {
  createWorker?: () => WorkerPort;
  timeLimitMs?: number;
}

/** A check on its way: the verdict, with the id to cancel it by. */
export type GradeOperation = Promise<Verdict> & { readonly id: number };

function defaultWorker(): WorkerPort {
  return domWorkerPort(new Worker(new URL('./grader.worker.ts', import.meta.url), { type: 'module' }));
}

/**
 * Sends answers to the grader worker over the shared worker envelope: checks queue and run one at
 * a time, each with its own time limit counted from when it starts. A check that runs too long
 * (or is cancelled while it runs) costs only itself: the worker is replaced and the checks queued
 * behind it carry on in the new one.
 */
export class GraderClient {
  private readonly createWorker: () => WorkerPort;
  private readonly timeLimitMs: number;
  private conn: WorkerConnection<GraderProtocol> | null = null;

  /** The worker starts with the first check. */
  constructor(opts: GraderClientOptions = {}) {
    this.createWorker = opts.createWorker ?? defaultWorker;
    this.timeLimitMs = opts.timeLimitMs ?? GRADE_TIME_LIMIT_MS;
  }

  /** Grades an answer; rejects with GradeTimeoutError when it runs longer than the limit (the client's unless given). */
  grade(lesson: Lesson, step: Step, answer: unknown, databases: DatabaseFiles[], lakes: LakeFolders[] = [], timeLimitMs = this.timeLimitMs): GradeOperation {
    const conn = this.ensure();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const operation = conn.start(
      { action: 'grade', lesson, step, answer, databases, lakes },
      {
        onStart: () => {
          timer = setTimeout(() => {
            if (conn.runningId !== operation.id) return;
            const seconds = timeLimitMs / 1000;
            conn.replaceWorker(this.createWorker(), new GradeTimeoutError(`checking took longer than ${seconds} s`));
          }, timeLimitMs);
        },
      },
    );
    const result = operation.result.finally(() => clearTimeout(timer));
    return Object.assign(result, { id: operation.id });
  }

  /** Cancels a check by id: a queued one is dropped; the running one is stopped by replacing the worker. */
  cancel(id: number): void {
    const conn = this.conn;
    if (!conn) return;
    const reason = new GradeCancelledError('checking was cancelled');
    if (conn.cancel(id, reason) === 'running') conn.replaceWorker(this.createWorker(), reason);
  }

  /** Terminates the worker; checks in flight reject. */
  dispose(): void {
    this.conn?.kill(new GradeCancelledError('the grader was closed'));
    this.conn = null;
  }

  private ensure(): WorkerConnection<GraderProtocol> {
    if (this.conn && !this.conn.dead) return this.conn;
    const conn = new WorkerConnection<GraderProtocol>(this.createWorker(), { crashMessage: 'The grader stopped' });
    // A crash costs the check that caused it, like a timeout; the queue carries on in a new worker.
    conn.onCrash = (error) => conn.replaceWorker(this.createWorker(), error);
    this.conn = conn;
    return conn;
  }
}
