import type { Lesson } from '../lessons/schema.ts';
import { stepKindOf, type Step } from '../lessons/step-kinds.ts';
import type { Verdict } from './compare.ts';
import type { GradeContext } from './engine.ts';
import { message } from './messages.ts';

/** Grades any step through its kind in the registry: the one entry point the UI and the tools use. */

/** Grades an answer (as the renderer sends it) to a step of a lesson. */
export function gradeStep(lesson: Lesson, step: Step, answer: unknown, ctx: GradeContext): Verdict {
  const kind = stepKindOf(step);
  const parsed = kind.answerSchema.safeParse(answer);
  if (!parsed.success)
    return { pass: false, messages: [message('bad-answer', { expected: kind.answerDescription })], expected: null, actual: null };
  return kind.grade(step, parsed.data, { ...ctx, lesson });
}

/** Reads an answer from a file's text for the step's kind (SQL, choice ids, a number). */
export function answerFromText(step: Step, text: string): unknown {
  return stepKindOf(step).answerFromText(text);
}

/** Grades an answer given as text, as the command-line grader does. */
export function gradeStepText(lesson: Lesson, step: Step, text: string, ctx: GradeContext): Verdict {
  return gradeStep(lesson, step, answerFromText(step, text), ctx);
}

/** The database ids a step runs on, so a caller can load their bytes before grading. */
export function stepDatabases(lesson: Lesson, step: Step): string[] {
  return stepKindOf(step).databases(step, lesson);
}
