import { z } from 'zod';
import { gradeChoice } from '../../grading/choice-grader.ts';
import { LocalizedSchema } from '../localized.ts';
import { DatabaseShape, GradedStepShape, IdSchema, knownWrongSchema } from '../step-base.ts';
import { defineStepKind, type DefinitionFindings, type StepCheckContext } from '../step-kind.ts';
import { checkDatabase, merge, unknownNameError } from './sql-checks.ts';
import { ChartSchema, checkChart } from './read.ts';

/** A choice step: pick one or more answers; every wrong answer carries its explanation. */

/** One answer to pick. */
export const ChoiceOptionSchema = z.strictObject({
  id: IdSchema,
  label: LocalizedSchema,
  correct: z.boolean(),
  /** Why this answer is wrong (required on wrong answers) or, on a right one, why it is right. */
  explanation: LocalizedSchema.optional(),
});

/** A choice step as written in lesson.json. */
export const ChoiceStepSchema = z
  .strictObject({
    kind: z.literal('choice'),
    ...GradedStepShape,
    /** More than one answer is right; the learner must pick all of them. */
    multiple: z.boolean().default(false),
    choices: z.array(ChoiceOptionSchema).min(2),
    /** Ask for a free-text reason the learner keeps (not graded). */
    reason: z.strictObject({ prompt: LocalizedSchema, required: z.boolean().default(false) }).optional(),
    /** A chart the question is about, drawn from the live data, so the step stands on its own (optional). */
    chart: ChartSchema.optional(),
    /** A query the learner may run to find the answer (optional). */
    starter: z.string().optional(),
    database: DatabaseShape.database,
    knownWrong: z.array(knownWrongSchema({ choices: z.array(IdSchema).min(1) })).default([]),
  })
  .superRefine((step, ctx) => {
    const ids = step.choices.map((c) => c.id);
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i) ctx.addIssue({ code: 'custom', path: ['choices', i, 'id'], message: `duplicate choice id '${id}'` });
    });
    const right = step.choices.filter((c) => c.correct).length;
    if (right === 0) ctx.addIssue({ code: 'custom', path: ['choices'], message: 'no choice is marked correct' });
    if (!step.multiple && right > 1)
      ctx.addIssue({ code: 'custom', path: ['choices'], message: 'several choices are correct but "multiple" is false' });
    step.choices.forEach((c, i) => {
      if (!c.correct && !c.explanation)
        ctx.addIssue({ code: 'custom', path: ['choices', i, 'explanation'], message: 'a wrong choice needs an explanation' });
    });
    step.knownWrong.forEach((k, i) => {
      for (const id of k.choices) {
        if (!ids.includes(id)) ctx.addIssue({ code: 'custom', path: ['knownWrong', i, 'choices'], message: `unknown choice id '${id}'` });
      }
    });
  });

/** A choice step. */
export type ChoiceStep = z.output<typeof ChoiceStepSchema>;

/** The picked choice ids and the learner's reason. */
export const ChoiceAnswerSchema = z.strictObject({ selected: z.array(z.string()), reason: z.string().optional() });

function spec(step: ChoiceStep) {
  return { choices: step.choices, reasonRequired: step.reason?.required ?? false, knownWrong: step.knownWrong };
}

function checkChoice(step: ChoiceStep, ctx: StepCheckContext): DefinitionFindings {
  const found: DefinitionFindings = { problems: [], warnings: [] };
  // Every wrong choice on its own must be rejected with its own explanation.
  for (const choice of step.choices.filter((c) => !c.correct)) {
    const verdict = gradeChoice(spec(step), { selected: [choice.id], reason: 'x' });
    if (verdict.pass || !verdict.messages.some((m) => m.code === 'wrong-choice' && m.params.choice === choice.id)) {
      found.problems.push(`picking the wrong choice '${choice.id}' does not give its explanation`);
    }
  }
  const withChart = step.chart ? merge(found, checkChart(step.chart, ctx)) : found;
  if (step.starter === undefined || step.starter.trim() === '') return withChart;
  const database = step.database ?? ctx.lesson.dataset;
  const base = checkDatabase(ctx, database, undefined);
  if (base.problems.length > 0) return merge(withChart, base);
  const unknown = unknownNameError(ctx, database, undefined, step.starter);
  if (unknown) withChart.problems.push(`the starter names something the database lacks: ${unknown}`);
  return merge(withChart, base);
}

/** The choice step kind. */
export const choiceStep = defineStepKind({
  kind: 'choice',
  schema: ChoiceStepSchema,
  gradable: true,
  answerSchema: ChoiceAnswerSchema,
  answerDescription: 'a list of choice ids',
  // First line: choice ids separated by commas or spaces; the rest is the reason.
  answerFromText: (text) => {
    const [first = '', ...rest] = text.split(/\r?\n/);
    const reason = rest.join('\n').trim();
    return { selected: first.split(/[\s,]+/).filter((s) => s !== ''), ...(reason ? { reason } : {}) };
  },
  grade: (step, answer) => gradeChoice(spec(step), answer),
  samples: (step) => ({
    solution: { selected: step.choices.filter((c) => c.correct).map((c) => c.id), reason: 'reference' },
    starter: { selected: [] },
    knownWrong: step.knownWrong.map((k) => ({ answer: { selected: k.choices, reason: 'known' }, expect: k.expect, feedback: k.feedback })),
  }),
  databases: (step, lesson) => [
    ...new Set([...(step.starter ? [step.database ?? lesson.dataset] : []), ...(step.chart ? [step.chart.database ?? lesson.dataset] : [])]),
  ],
  checkDefinition: (step, ctx) => checkChoice(step, ctx),
});
