import type { Lesson } from '../lessons/schema.ts';
import { stepKindOf, type Step } from '../lessons/step-kinds.ts';
import type { Verdict } from './compare.ts';
import type { GradeContext } from './engine.ts';
import { message } from './messages.ts';

/**
 * Grades any step through its kind in the registry: the one entry point the UI and the tools use.
 * SQL kinds grade synchronously; pipeline and models steps run an engine and answer with a
 * promise, so the worker and the tools call gradeStepAsync, which takes every kind.
 */

/** Raised by the synchronous entry point for a kind that grades asynchronously. */
export class AsyncGradingError extends Error {}

function graded(lesson: Lesson, step: Step, answer: unknown, ctx: GradeContext): Verdict | Promise<Verdict> {
  const kind = stepKindOf(step);
  const parsed = kind.answerSchema.safeParse(answer);
  if (!parsed.success)
    return { pass: false, messages: [message('bad-answer', { expected: kind.answerDescription })], expected: null, actual: null };
  return kind.grade(step, parsed.data, { ...ctx, lesson });
}

/** Grades an answer (as the renderer sends it) to a step of a SQL, choice or number kind. */
export function gradeStep(lesson: Lesson, step: Step, answer: unknown, ctx: GradeContext): Verdict {
  const refused = (): AsyncGradingError => new AsyncGradingError(`'${step.kind}' steps grade asynchronously: use gradeStepAsync`);
  // Refused before grading starts: a grading left running would reopen the shared engine under the next one.
  if (stepKindOf(step).asynchronous === true) throw refused();
  const verdict = graded(lesson, step, answer, ctx);
  if (verdict instanceof Promise) {
    // The promise is observed so a failure is not reported as unhandled.
    verdict.catch(() => {});
    throw refused();
  }
  return verdict;
}

/** Grades an answer to a step of any kind. */
export async function gradeStepAsync(lesson: Lesson, step: Step, answer: unknown, ctx: GradeContext): Promise<Verdict> {
  return graded(lesson, step, answer, ctx);
}

/** Reads an answer from a file's text for the step's kind (SQL, choice ids, a number, a pipeline's JSON). */
export function answerFromText(step: Step, text: string): unknown {
  return stepKindOf(step).answerFromText(text);
}

/** Grades an answer given as text (SQL, choice and number kinds). */
export function gradeStepText(lesson: Lesson, step: Step, text: string, ctx: GradeContext): Verdict {
  return gradeStep(lesson, step, answerFromText(step, text), ctx);
}

/** Grades an answer given as text to a step of any kind, as the command-line grader does. */
export function gradeStepTextAsync(lesson: Lesson, step: Step, text: string, ctx: GradeContext): Promise<Verdict> {
  return gradeStepAsync(lesson, step, answerFromText(step, text), ctx);
}

/** The database ids a step runs on, so a caller can load their bytes before grading. */
export function stepDatabases(lesson: Lesson, step: Step): string[] {
  return stepKindOf(step).databases(step, lesson);
}
