import { z } from 'zod';
import { gradePipeline, type PipelineGradeSpec } from '../../grading/pipeline-grader.ts';
import { runPipelineForGrading } from '../../grading/pipeline-run.ts';
import { PipelineSchema, type Pipeline } from '../../pipeline/schema.ts';
import { NonBlankSchema } from '../localized.ts';
import { DatabaseShape, GradedStepShape, IdSchema, knownWrongSchema, ToleranceSchema } from '../step-base.ts';
import { defineStepKind, type DefinitionFindings, type LessonDefaults, type StepCheckContext } from '../step-kind.ts';
import { BuildTargetSchema } from './build.ts';
import { gradeOrLessonError, jsonAnswerFromText, pipelineOf, PipelineRefSchema, resolvePipelineRef, type PipelineRef } from './workbench-refs.ts';

/**
 * A pipeline step: the learner builds a pipeline (extract from the lake, transform, load) in the
 * pipeline workbench; it is graded by the tables it leaves in the warehouse. The answer is the
 * saved pipeline itself (a `.pipeline.json` file for `npm run grade`).
 *
 * In lesson.json (pipelines inline, or paths under lessons/, see workbench-refs.ts):
 *   { "kind": "pipeline", "id", "title", "objectives", "prompt", "hints",
 *     "starter": <pipeline>, "solution": <pipeline>,
 *     "knownWrong": [{ "pipeline": <pipeline>, "expect": ["rows-missing"], "feedback"?: {ko, en} }],
 *     "grading": { "targets": [{ "name": "dim_customer" }], "database"?: "hanbit-warehouse-empty",
 *                  "lake"?: "hanbit", "ds"?: "2025-12-01", "otherDs"?: ["2025-12-02"],
 *                  "idempotent"?: false, "variant"?: true, "setup"?: "SQL", "tolerance"? } }
 * Both pipelines run on a fresh copy of `database` (the lesson's dataset by default) whatever
 * database the saved pipeline names, for `ds`, then for each of `otherDs`, twice when
 * `idempotent`, and on the hidden variant database and lake unless `variant` is false.
 */

/** A pipeline step as written in lesson.json. */
export const PipelineStepSchema = z.strictObject({
  kind: z.literal('pipeline'),
  ...GradedStepShape,
  /** What the workbench holds when the step opens; it must not pass. */
  starter: PipelineRefSchema,
  /** The reference pipeline. */
  solution: PipelineRefSchema,
  knownWrong: z
    .array(knownWrongSchema({ pipeline: PipelineRefSchema }))
    .min(1, 'list at least one known-wrong pipeline with the message it must get'),
  grading: z.strictObject({
    targets: z.array(BuildTargetSchema).min(1),
    tolerance: ToleranceSchema,
    ...DatabaseShape,
    /** Catalog id of the lake the extract tasks read. */
    lake: IdSchema.default('hanbit'),
    /** The logical date ({{ ds }}) the pipeline runs for. */
    ds: z.iso.date().optional(),
    /** Other dates it must be right for too (catches a date written into the SQL). */
    otherDs: z.array(z.iso.date()).default([]),
    /** Run the learner's pipeline twice: the second run must leave the same rows. */
    idempotent: z.boolean().default(false),
    /** Also grade on the hidden variant database and lake. */
    variant: z.boolean().default(true),
    /** Why the step needs no variant, when `variant` is false (the checker asks). */
    note: NonBlankSchema.optional(),
  }),
});

/** A pipeline step. */
export type PipelineStep = z.output<typeof PipelineStepSchema>;

function loaded(ref: PipelineRef, label: string): Pipeline {
  const p = pipelineOf(ref);
  // load.ts resolves every path before a step reaches grading; a path here is a loader bug.
  if (!p) throw new Error(`the ${label} pipeline was not loaded (still a path: ${String(ref)})`);
  return p;
}

function resolved(step: PipelineStep, which: 'solution' | 'starter'): Pipeline {
  return loaded(step[which], which);
}

/** The grading spec of a pipeline step within its lesson. */
export function pipelineSpec(step: PipelineStep, lesson: LessonDefaults): PipelineGradeSpec {
  const g = step.grading;
  return {
    database: g.database ?? lesson.dataset,
    setup: g.setup,
    lake: g.lake,
    ds: g.ds ?? null,
    otherDs: g.otherDs,
    idempotent: g.idempotent,
    variant: g.variant,
    reference: resolved(step, 'solution'),
    targets: g.targets,
    tolerance: g.tolerance,
    knownWrong: step.knownWrong.flatMap((k) => {
      const pipeline = pipelineOf(k.pipeline);
      return pipeline ? [{ pipeline, feedback: k.feedback }] : [];
    }),
  };
}

async function checkPipeline(step: PipelineStep, ctx: StepCheckContext): Promise<DefinitionFindings> {
  const found: DefinitionFindings = { problems: [], warnings: [] };
  const spec = pipelineSpec(step, ctx.lesson);
  if (!ctx.databaseIds.includes(spec.database)) {
    found.problems.push(`database '${spec.database}' is not in the dataset catalog`);
    return found;
  }
  if (!ctx.lakes?.reader(spec.lake, 'visible')) {
    found.problems.push(`the lake '${spec.lake}' is not available to the checker`);
    return found;
  }
  for (const target of spec.targets) {
    for (const lang of ['ko', 'en'] as const) {
      if (!step.prompt[lang].toLowerCase().includes(target.name.toLowerCase()))
        found.problems.push(`the ${lang} prompt does not name the target '${target.name}'`);
    }
  }
  if (spec.variant && !ctx.lakes.reader(spec.lake, 'variant'))
    found.warnings.push(`the lake '${spec.lake}' has no hidden variant: pipelines are graded on the visible lake only`);
  if (!spec.variant && !step.grading.note) found.problems.push('grading.variant is false: say why in grading.note');
  return found;
}

/** The pipeline step kind. */
export const pipelineStep = defineStepKind({
  kind: 'pipeline',
  schema: PipelineStepSchema,
  gradable: true,
  asynchronous: true,
  answerSchema: PipelineSchema,
  answerDescription: 'a saved pipeline (.pipeline.json)',
  answerFromText: jsonAnswerFromText,
  grade: (step, answer, ctx) => gradeOrLessonError(() => gradePipeline(pipelineSpec(step, ctx.lesson), answer as Pipeline, ctx, runPipelineForGrading)),
  samples: (step) => ({
    solution: resolved(step, 'solution'),
    starter: resolved(step, 'starter'),
    knownWrong: step.knownWrong.map((k, i) => ({ answer: loaded(k.pipeline, `knownWrong ${i + 1}`), expect: k.expect, feedback: k.feedback })),
  }),
  databases: (step, lesson) => [step.grading.database ?? lesson.dataset],
  checkDefinition: (step, ctx) => checkPipeline(step, ctx),
  resolveFiles: (step, assets) => {
    const problems: string[] = [];
    const take = <T>(r: { ref: T; problems: string[] }): T => {
      problems.push(...r.problems);
      return r.ref;
    };
    const next: PipelineStep = {
      ...step,
      starter: take(resolvePipelineRef(step.starter, assets, 'starter')),
      solution: take(resolvePipelineRef(step.solution, assets, 'solution')),
      knownWrong: step.knownWrong.map((k, i) => ({ ...k, pipeline: take(resolvePipelineRef(k.pipeline, assets, `knownWrong ${i + 1}`)) })),
    };
    return { step: next, problems };
  },
});
