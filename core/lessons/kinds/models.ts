import { z } from 'zod';
import { gradeModels, referenceFailures, type ModelsGradeSpec } from '../../grading/models-grader.ts';
import { buildModelsForGrading } from '../../grading/models-run.ts';
import type { ModelProjectFiles } from '../../models/project.ts';
import { NonBlankSchema } from '../localized.ts';
import { DatabaseShape, GradedStepShape, knownWrongSchema, SqlSchema, ToleranceSchema } from '../step-base.ts';
import { defineStepKind, type DefinitionFindings, type LessonDefaults, type StepCheckContext } from '../step-kind.ts';
import { BuildTargetSchema } from './build.ts';
import { gradeOrLessonError, jsonAnswerFromText, projectOf, ProjectRefSchema, resolveProjectRef } from './workbench-refs.ts';

/**
 * A models step: the learner writes dbt-style models, YAML and tests in the model workbench. The
 * answer is the project's files ({ files: { path: text } }; a project folder or zip for
 * `npm run grade`, read by the caller). Graded: the project builds, the tests pass (all, or the
 * named ones), and the target models hold the reference project's rows, on the visible database
 * and on the hidden variant.
 *
 * In lesson.json (projects as paths under lessons/ or inline, see workbench-refs.ts):
 *   { "kind": "models", …, "starter": <project>, "solution": <project>,
 *     "knownWrong": [{ "project": <project>, "expect": ["test-failed"], "feedback"? }],
 *     "grading": { "targets": [{ "name": "fct_orders", "kind": "table" }], "tests"?: "all" | ["unique_…"],
 *                  "select"?: "+fct_orders", "database"?, "setup"?, "variant"?: true, "tolerance"?,
 *                  "catches"?: { "test": "not_null_stg_customers_email", "problem": "prod-null-emails",
 *                                "fix"?: "UPDATE customers SET email = … WHERE email IS NULL" } } }
 * `catches` makes it a data-test step: the named test (named as dbt names it) must fail on the
 * data as shipped, on exactly the rows the reference's test flags (the checker proves that this is
 * the manifest's count for `problem`), and pass once `fix` has run on the database.
 */

/** A models step as written in lesson.json. */
export const ModelsStepSchema = z.strictObject({
  kind: z.literal('models'),
  ...GradedStepShape,
  /** What the workbench holds when the step opens; it must not pass. */
  starter: ProjectRefSchema,
  /** The reference project. */
  solution: ProjectRefSchema,
  knownWrong: z.array(knownWrongSchema({ project: ProjectRefSchema })).min(1, 'list at least one known-wrong project with the message it must get'),
  grading: z.strictObject({
    /** Models (usually marts) whose rows must equal the reference's; types are not compared unless asked (a SELECT decides them). */
    targets: z.array(BuildTargetSchema.extend({ types: z.boolean().default(false) })).default([]),
    tolerance: ToleranceSchema,
    /** Tests that must pass: every test of the learner's project, or the named ones. */
    tests: z.union([z.literal('all'), z.array(NonBlankSchema)]).default('all'),
    /** A dbt-style selection to build ('+fct_orders'); everything by default. */
    select: NonBlankSchema.optional(),
    ...DatabaseShape,
    catches: z
      .strictObject({
        /** The test that must catch the problem, as the build names it. */
        test: NonBlankSchema,
        /** The planted problem's id in the dataset manifest (plantedProblems). */
        problem: NonBlankSchema,
        /** SQL on the database that removes the problem; the test must pass afterwards. */
        fix: SqlSchema.optional(),
      })
      .optional(),
    /** Also grade on the hidden variant database. */
    variant: z.boolean().default(true),
    /** Why the step needs no variant, when `variant` is false. */
    note: NonBlankSchema.optional(),
  }),
});

/** A models step. */
export type ModelsStep = z.output<typeof ModelsStepSchema>;

function resolved(step: ModelsStep, which: 'solution' | 'starter'): ModelProjectFiles {
  const p = projectOf(step[which]);
  // load.ts resolves every folder before a step reaches grading; a path here is a loader bug.
  if (!p) throw new Error(`the ${which} of step '${step.id}' was not loaded (still a path)`);
  return p;
}

/** The grading spec of a models step within its lesson. */
export function modelsSpec(step: ModelsStep, lesson: LessonDefaults): ModelsGradeSpec {
  const g = step.grading;
  return {
    database: g.database ?? lesson.dataset,
    setup: g.setup,
    select: g.select ?? null,
    reference: resolved(step, 'solution'),
    targets: g.targets,
    tolerance: g.tolerance,
    tests: g.tests,
    catches: g.catches ? { test: g.catches.test, fix: g.catches.fix } : undefined,
    variant: g.variant,
    knownWrong: step.knownWrong.flatMap((k) => {
      const project = projectOf(k.project);
      return project ? [{ project, feedback: k.feedback }] : [];
    }),
  };
}

async function checkModels(step: ModelsStep, ctx: StepCheckContext): Promise<DefinitionFindings> {
  const found: DefinitionFindings = { problems: [], warnings: [] };
  const spec = modelsSpec(step, ctx.lesson);
  if (!ctx.databaseIds.includes(spec.database)) {
    found.problems.push(`database '${spec.database}' is not in the dataset catalog`);
    return found;
  }
  if (spec.targets.length === 0 && !spec.catches && spec.tests !== 'all' && spec.tests.length === 0)
    found.problems.push('the step checks nothing: name targets, tests or a problem to catch');
  for (const target of spec.targets) {
    for (const lang of ['ko', 'en'] as const) {
      if (!step.prompt[lang].toLowerCase().includes(target.name.toLowerCase()))
        found.problems.push(`the ${lang} prompt does not name the target '${target.name}'`);
    }
  }
  const catches = step.grading.catches;
  if (catches) {
    const problem = ctx.plantedProblems?.find((p) => p.id === catches.problem);
    if (!ctx.plantedProblems) found.warnings.push('no dataset manifest: the planted problem counts were not compared');
    else if (!problem) found.problems.push(`catches.problem '${catches.problem}' is not a planted problem of the manifest`);
    else {
      const failures = await referenceFailures(spec, ctx, buildModelsForGrading, catches.test);
      if (typeof failures === 'string') found.problems.push(failures);
      else if (failures !== problem.count)
        found.problems.push(
          `the reference test ${catches.test} fails on ${failures} rows, but the manifest's problem '${problem.id}' has ${problem.count}`,
        );
    }
  }
  if (!spec.variant && !step.grading.note) found.problems.push('grading.variant is false: say why in grading.note');
  return found;
}

/** The models step kind. */
export const modelsStep = defineStepKind({
  kind: 'models',
  schema: ModelsStepSchema,
  gradable: true,
  asynchronous: true,
  // Only the files count: other keys a caller sends along (a reference's empty `remove`) are dropped.
  answerSchema: z.object({ files: z.record(z.string(), z.string()) }),
  answerDescription: 'a model project (its files)',
  answerFromText: jsonAnswerFromText,
  grade: (step, answer, ctx) => gradeOrLessonError(() => gradeModels(modelsSpec(step, ctx.lesson), answer as ModelProjectFiles, ctx, buildModelsForGrading)),
  samples: (step) => ({
    solution: resolved(step, 'solution'),
    starter: resolved(step, 'starter'),
    knownWrong: step.knownWrong.map((k) => ({ answer: projectOf(k.project) ?? { files: {} }, expect: k.expect, feedback: k.feedback })),
  }),
  databases: (step, lesson) => [step.grading.database ?? lesson.dataset],
  checkDefinition: (step, ctx) => checkModels(step, ctx),
  resolveFiles: (step, assets) => {
    const problems: string[] = [];
    const take = <T>(r: { ref: T; problems: string[] }): T => {
      problems.push(...r.problems);
      return r.ref;
    };
    const next: ModelsStep = {
      ...step,
      starter: take(resolveProjectRef(step.starter, assets, 'starter')),
      solution: take(resolveProjectRef(step.solution, assets, 'solution')),
      knownWrong: step.knownWrong.map((k, i) => ({ ...k, project: take(resolveProjectRef(k.project, assets, `knownWrong ${i + 1}`)) })),
    };
    return { step: next, problems };
  },
});
