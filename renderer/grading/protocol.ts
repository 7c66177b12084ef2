import type { Verdict } from '../../core/grading/compare.ts';
import type { Lesson } from '../../core/lessons/schema.ts';
import type { Step } from '../../core/lessons/step-kinds.ts';

/** Where the grader finds a database's bytes: the visible file and the hidden variant. */
export interface DatabaseFiles {
  id: string;
  url: string;
  variantUrl: string | null;
}

/** One grading job; the worker answers with a verdict or an error text. */
export interface GradeRequest {
  id: number;
  lesson: Lesson;
  step: Step;
  answer: unknown;
  databases: DatabaseFiles[];
}

/** The grader worker's answer. */
export type GradeResponse = { id: number; ok: true; verdict: Verdict } | { id: number; ok: false; error: string };
