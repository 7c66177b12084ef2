import { z } from 'zod';
import { expectedNumber, gradeNumber, type NumberGradeSpec } from '../../grading/number-grader.ts';
import { LocalizedSchema } from '../localized.ts';
import { DatabaseShape, GradedStepShape, knownWrongSchema, SqlSchema, ToleranceSchema } from '../step-base.ts';
import { defineStepKind, type DefinitionFindings, type LessonDefaults, type StepCheckContext } from '../step-kind.ts';
import { checkDatabase, merge, unknownNameError } from './sql-checks.ts';

/** A number step: compute a value (in the sandbox) and type it in; equal within a tolerance. */

/** A number step as written in lesson.json. */
export const NumberStepSchema = z.strictObject({
  kind: z.literal('number'),
  ...GradedStepShape,
  /** The expected value: a constant, or a query returning one numeric cell (computed on the visible data). */
  solution: z.union([z.strictObject({ value: z.number() }), z.strictObject({ sql: SqlSchema })]),
  /** Unit shown next to the input (원, %, orders …). */
  unit: LocalizedSchema.optional(),
  /** A query the learner may start from (optional). */
  starter: z.string().optional(),
  knownWrong: z.array(knownWrongSchema({ value: z.number() })).default([]),
  grading: z.strictObject({ tolerance: ToleranceSchema, ...DatabaseShape }).default({ tolerance: { absolute: 1e-9, relative: 1e-9 } }),
});

/** A number step. */
export type NumberStep = z.output<typeof NumberStepSchema>;

/** The typed value, as text (the grader reads "1,234.5" too). */
export const NumberAnswerSchema = z.strictObject({ text: z.string() });

function spec(step: NumberStep, lesson: LessonDefaults): NumberGradeSpec {
  const { database, setup, tolerance } = step.grading;
  return { database: database ?? lesson.dataset, setup, solution: step.solution, tolerance, knownWrong: step.knownWrong };
}

function answerText(expected: ReturnType<typeof expectedNumber>): string {
  return 'value' in expected ? String(expected.value) : '';
}

function checkNumber(step: NumberStep, ctx: StepCheckContext): DefinitionFindings {
  const s = spec(step, ctx.lesson);
  const usesDatabase = 'sql' in step.solution || (step.starter ?? '').trim() !== '';
  const base = usesDatabase ? checkDatabase(ctx, s.database, s.setup) : { problems: [], warnings: [] };
  if (base.problems.length > 0) return base;
  const found: DefinitionFindings = { problems: [], warnings: [] };
  const expected = expectedNumber(s, ctx);
  if ('message' in expected) found.problems.push(`the reference value cannot be computed (${expected.message.code})`);
  if (step.starter && step.starter.trim() !== '') {
    const unknown = unknownNameError(ctx, s.database, s.setup, step.starter);
    if (unknown) found.problems.push(`the starter names something the database lacks: ${unknown}`);
  }
  return merge(base, found);
}

/** The number step kind. */
export const numberStep = defineStepKind({
  kind: 'number',
  schema: NumberStepSchema,
  gradable: true,
  answerSchema: NumberAnswerSchema,
  answerDescription: 'a number',
  answerFromText: (text) => ({ text }),
  grade: (step, answer, ctx) => gradeNumber(spec(step, ctx.lesson), answer.text, ctx),
  samples: (step, ctx) => ({
    // The constant or computed value is graded through the same path as a typed answer.
    solution: { text: answerText(expectedNumber(spec(step, ctx.lesson), ctx)) },
    starter: { text: '' },
    knownWrong: step.knownWrong.map((k) => ({ answer: { text: String(k.value) }, expect: k.expect, feedback: k.feedback })),
  }),
  databases: (step, lesson) => ('sql' in step.solution || step.starter ? [step.grading.database ?? lesson.dataset] : []),
  checkDefinition: (step, ctx) => checkNumber(step, ctx),
});
