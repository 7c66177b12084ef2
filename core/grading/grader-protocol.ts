import type { Lesson } from '../lessons/schema.ts';
import type { Step } from '../lessons/step-kinds.ts';
import type { RequestOf } from '../worker/envelope.ts';
import type { Verdict } from './compare.ts';

/**
 * The grader worker's protocol, on the same envelope as the SQL worker (core/worker/envelope.ts):
 * one `grade` request per check, answered by a verdict or an error text.
 */

/** Where the grader finds a database's bytes: the visible file and the hidden variant. */
export interface DatabaseFiles {
  id: string;
  url: string;
  variantUrl: string | null;
}

/** The grader's actions. */
export type GraderProtocol = {
  grade: { request: { lesson: Lesson; step: Step; answer: unknown; databases: DatabaseFiles[] }; result: Verdict };
};

/** A grading request as it crosses to the worker. */
export type GradeRequest = RequestOf<GraderProtocol>;
