import type { Verdict } from '../../core/grading/compare.ts';
import type { Lesson } from '../../core/lessons/schema.ts';
import type { Step } from '../../core/lessons/step-kinds.ts';
import type { DatabaseFiles, GradeRequest, GradeResponse } from './protocol.ts';

/** A check that took longer than this is stopped: the answer probably never ends. */
export const GRADE_TIME_LIMIT_MS = 15_000;

/** Raised when a check ran past the time limit (the worker was replaced). */
export class GradeTimeoutError extends Error {}

/** Sends answers to the grader worker, one at a time, with a time limit. */
export class GraderClient {
  private worker: Worker | null = null;
  private seq = 0;

  private ensure(): Worker {
    this.worker ??= new Worker(new URL('./grader.worker.ts', import.meta.url), { type: 'module' });
    return this.worker;
  }

  /** Grades an answer; rejects with GradeTimeoutError when it runs too long. */
  grade(lesson: Lesson, step: Step, answer: unknown, databases: DatabaseFiles[]): Promise<Verdict> {
    const worker = this.ensure();
    const id = ++this.seq;
    return new Promise<Verdict>((resolve, reject) => {
      const timer = setTimeout(() => {
        worker.terminate();
        if (this.worker === worker) this.worker = null;
        reject(new GradeTimeoutError(`checking took longer than ${GRADE_TIME_LIMIT_MS / 1000} s`));
      }, GRADE_TIME_LIMIT_MS);
      const onMessage = (event: MessageEvent<GradeResponse>) => {
        if (event.data.id !== id) return;
        clearTimeout(timer);
        worker.removeEventListener('message', onMessage);
        if (event.data.ok) resolve(event.data.verdict);
        else reject(new Error(event.data.error));
      };
      worker.addEventListener('message', onMessage);
      const request: GradeRequest = { id, lesson, step, answer, databases };
      worker.postMessage(request);
    });
  }
}
