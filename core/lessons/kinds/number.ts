import { z } from 'zod';
import { expectedNumber, gradeNumber, knownWrongNumber, type NumberGradeSpec } from '../../grading/number-grader.ts';
import { formatMessage, type Message } from '../../grading/messages.ts';
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
  /**
   * Known mistakes, each the value it gives: a constant (`value`), or a query that makes the
   * mistake on the data (`sql`, one numeric cell on the step's database, visible copy) for a value
   * that depends on the data, since answers must hold on the hidden variant too. A typed number
   * equal to it within the tolerance gets `feedback` as a 'known-mistake' message after the generic one.
   *   { "value": 3000, "expect": ["number-wrong", "known-mistake"], "feedback": { "ko": "…", "en": "…" } }
   *   { "sql": "SELECT count(*) FROM orders", "expect": ["number-wrong", "known-mistake"], "feedback": { … } }
   */
  knownWrong: z.array(z.union([knownWrongSchema({ value: z.number() }), knownWrongSchema({ sql: SqlSchema })])).default([]),
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

function answerText(value: ReturnType<typeof expectedNumber>): string {
  return 'value' in value ? String(value.value) : '';
}

/** True when the step runs SQL: a computed solution or known-wrong value, or a starter query. */
function usesDatabase(step: NumberStep): boolean {
  return 'sql' in step.solution || step.knownWrong.some((k) => 'sql' in k) || (step.starter ?? '').trim() !== '';
}

/** Why a value could not be computed, for the checker's report ('known-wrong answer 2: no such table: x'). */
function why(m: Message, what: string): string {
  return m.code === 'lesson-error' ? m.params.message : `${what}: ${formatMessage(m, 'en')}`;
}

function checkNumber(step: NumberStep, ctx: StepCheckContext): DefinitionFindings {
  const s = spec(step, ctx.lesson);
  const base = usesDatabase(step) ? checkDatabase(ctx, s.database, s.setup) : { problems: [], warnings: [] };
  if (base.problems.length > 0) return base;
  const found: DefinitionFindings = { problems: [], warnings: [] };
  const expected = expectedNumber(s, ctx);
  if ('message' in expected) found.problems.push(`the reference value cannot be computed (${expected.message.code})`);
  step.knownWrong.forEach((_k, i) => {
    const wrong = knownWrongNumber(s, i, ctx);
    if ('message' in wrong) found.problems.push(`the value cannot be computed: ${why(wrong.message, `known-wrong answer ${i + 1}`)}`);
  });
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
    // A known-wrong query stands for the value it computes: that is the answer a learner making the mistake types.
    knownWrong: step.knownWrong.map((k, i) => ({
      answer: { text: answerText(knownWrongNumber(spec(step, ctx.lesson), i, ctx)) },
      expect: k.expect,
      feedback: k.feedback,
    })),
  }),
  databases: (step, lesson) => (usesDatabase(step) ? [step.grading.database ?? lesson.dataset] : []),
  checkDefinition: (step, ctx) => checkNumber(step, ctx),
});
