import type { Lesson } from '../lessons/schema.ts';
import type { Step } from '../lessons/step-kinds.ts';
import type { RequestOf } from '../worker/envelope.ts';
import type { Verdict } from './compare.ts';
import type { LakeFiles } from './lake-files.ts';

/**
 * The grader worker's protocol, on the same envelope as the SQL worker (core/worker/envelope.ts):
 * one `grade` request per check, answered by a verdict or an error text.
 */

/** Where the grader finds a database's bytes: the visible file and the hidden variant. */
export interface DatabaseFiles {
  id: string;
  url: string;
  variantUrl: string | null;
  /**
   * The visible copy's bytes, sent along when the worker has no URL it may fetch them from (a class
   * pack's dataset lives in IndexedDB; the CSP's connect-src 'self' refuses blob: and data: URLs).
   */
  bytes?: Uint8Array | undefined;
}

/** Where the grader finds a lake's files (pipeline steps): the visible copy and the hidden variant's. */
export interface LakeFolders {
  id: string;
  visible: LakeFiles;
  variant: LakeFiles | null;
}

/** The grader's actions. */
export type GraderProtocol = {
  grade: {
    request: { lesson: Lesson; step: Step; answer: unknown; databases: DatabaseFiles[]; lakes?: LakeFolders[] | undefined };
    result: Verdict;
  };
};

/** A grading request as it crosses to the worker. */
export type GradeRequest = RequestOf<GraderProtocol>;
