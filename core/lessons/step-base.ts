import { z } from 'zod';
import { MESSAGE_CODES, type MessageCode } from '../grading/messages.ts';
import { LocalizedSchema, NonBlankSchema } from './localized.ts';

/** Building blocks every step kind's schema is made of, so the kinds stay alike. */

/** Lesson, step, objective and choice ids: lowercase words joined by single dashes. */
export const IdSchema = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase letters and digits joined by single dashes');

/** SQL text that is not blank. */
export const SqlSchema = NonBlankSchema;

/** A grader message code a known-wrong answer must get. */
export const MessageCodeSchema = z.enum(MESSAGE_CODES as [MessageCode, ...MessageCode[]]);

/** The hint ladder: at least two, from a nudge to a near-solution. */
export const HintsSchema = z.array(LocalizedSchema).min(2, 'needs at least two hints, from a nudge to a near-solution');

/** Numeric tolerance; both bounds default to floating-point noise (1e-9). */
export const ToleranceSchema = z
  .strictObject({ absolute: z.number().nonnegative().default(1e-9), relative: z.number().nonnegative().default(1e-9) })
  .default({ absolute: 1e-9, relative: 1e-9 });

/** Fields every step has: read steps may teach before any objective is practised. */
export const StepBaseShape = {
  id: IdSchema,
  title: LocalizedSchema,
  /** Ids of the lesson objectives this step practises. */
  objectives: z.array(IdSchema).default([]),
};

/** Fields every auto-checked step has. */
export const GradedStepShape = {
  ...StepBaseShape,
  objectives: z.array(IdSchema).min(1, 'a checked step practises at least one objective'),
  /** The task, shown under the step's prose. A query step's prompt names every required column alias. */
  prompt: LocalizedSchema,
  hints: HintsSchema,
};

/** Which database and starting state a step runs on. */
export const DatabaseShape = {
  /** Catalog id of the database; defaults to the lesson's dataset. */
  database: IdSchema.optional(),
  /** SQL run on a fresh copy of the database before any answer: the step's starting state. */
  setup: SqlSchema.optional(),
};

/**
 * A wrong answer the lesson expects, the message codes it must get, and the lesson's own feedback
 * for it. The checker grades it as an answer: it must fail with every code in `expect`, and, when
 * it has feedback, get that feedback (usually listed in `expect` as 'known-mistake' too).
 */
export function knownWrongSchema<T extends z.ZodRawShape>(answerShape: T) {
  return z.strictObject({
    ...answerShape,
    /** Codes the grader must report for it (all of them). */
    expect: z.array(MessageCodeSchema).min(1),
    /**
     * Added as a 'known-mistake' message, after the generic ones, when a learner's wrong answer is
     * the same mistake: a query step's result equals this answer's result; a build step's targets
     * equal the ones this answer leaves behind (kind, columns, rows); a number equals this value
     * (or the value this query computes) within the tolerance; a choice step's set equals this one.
     * The first matching known-wrong answer wins.
     */
    feedback: LocalizedSchema.optional(),
  });
}

/** The fields of a step answered with SQL: the starter (must not pass), the solution, known mistakes. */
export const SqlStepShape = {
  /** What the editor holds when the step opens; it must not pass. */
  starter: z.string(),
  /** The reference solution. */
  solution: SqlSchema,
  knownWrong: z.array(knownWrongSchema({ sql: SqlSchema })).min(1, 'list at least one known-wrong answer with the message it must get'),
};
