import { z } from 'zod';
import { gradeBuild, readTargets, type BuildGradeSpec } from '../../grading/build-grader.ts';
import { runOnFreshCopy } from '../../grading/engine.ts';
import { NonBlankSchema } from '../localized.ts';
import { DatabaseShape, GradedStepShape, SqlStepShape, ToleranceSchema } from '../step-base.ts';
import { defineStepKind, type DefinitionFindings, type LessonDefaults, type StepCheckContext } from '../step-kind.ts';
import { checkDatabase, checkSqlSamples, merge, sqlAnswerParts } from './sql-checks.ts';

/** A build step: create tables or views, or change data; graded by diffing the target tables. */

/** One table or view the answer must leave behind, and what of it is compared. */
export const BuildTargetSchema = z.strictObject({
  name: NonBlankSchema,
  kind: z.enum(['table', 'view', 'any']).default('any'),
  columns: z.union([z.literal('all'), z.array(NonBlankSchema).min(1)]).default('all'),
  extraColumns: z.enum(['allow', 'forbid']).default('forbid'),
  /** Compare declared type affinity (INTEGER, TEXT, REAL, NUMERIC, BLOB) of table columns. */
  types: z.boolean().default(true),
});

/** A build step as written in lesson.json. */
export const BuildStepSchema = z.strictObject({
  kind: z.literal('build'),
  ...GradedStepShape,
  /**
   * Known mistakes match a learner's answer when it leaves the same targets behind (same kind,
   * columns and rows), even where the step's rules fail it: a known-wrong CREATE TABLE where a
   * view is asked for (expect ["table-kind", "known-mistake"]) lets the feedback say why a view.
   */
  ...SqlStepShape,
  grading: z.strictObject({
    targets: z.array(BuildTargetSchema).min(1),
    tolerance: ToleranceSchema,
    ...DatabaseShape,
  }),
});

/** A build step. */
export type BuildStep = z.output<typeof BuildStepSchema>;

/** The grading spec of a build step within its lesson. */
export function buildSpec(step: BuildStep, lesson: LessonDefaults): BuildGradeSpec {
  const { database, setup, targets, tolerance } = step.grading;
  return { database: database ?? lesson.dataset, setup, solution: step.solution, targets, tolerance, knownWrong: step.knownWrong };
}

function checkBuild(step: BuildStep, ctx: StepCheckContext): DefinitionFindings {
  const spec = buildSpec(step, ctx.lesson);
  const base = checkDatabase(ctx, spec.database, spec.setup);
  if (base.problems.length > 0) return base;
  const found: DefinitionFindings = { problems: [], warnings: [] };
  const outcome = runOnFreshCopy(ctx, spec.database, 'visible', spec.setup, step.solution);
  if (!outcome.ok) {
    found.problems.push(`the reference solution fails: ${outcome.stage === 'database' ? outcome.database : outcome.error.message}`);
    return merge(base, found);
  }
  const state = readTargets(ctx, spec.targets);
  for (const target of spec.targets) {
    const table = state.get(target.name.toLowerCase());
    if (!table) {
      found.problems.push(`the reference solution does not create the target '${target.name}'`);
      continue;
    }
    if (target.kind !== 'any' && table.kind !== target.kind)
      found.problems.push(`the reference makes '${target.name}' a ${table.kind}, not a ${target.kind}`);
    if (target.columns !== 'all') {
      for (const column of target.columns) {
        if (!table.columns.some((c) => c.name.toLowerCase() === column.toLowerCase()))
          found.problems.push(`target '${target.name}' has no column '${column}' in the reference`);
      }
    }
    for (const lang of ['ko', 'en'] as const) {
      if (!step.prompt[lang].toLowerCase().includes(target.name.toLowerCase()))
        found.problems.push(`the ${lang} prompt does not name the target '${target.name}'`);
    }
  }
  if (checkSqlSamples(step, spec, ctx, found)) {
    const variant = runOnFreshCopy(ctx, spec.database, 'variant', spec.setup, step.solution);
    if (!variant.ok) found.problems.push('the reference solution fails on the hidden variant');
  }
  return merge(base, found);
}

/** The build step kind. */
export const buildStep = defineStepKind({
  kind: 'build',
  schema: BuildStepSchema,
  gradable: true,
  ...sqlAnswerParts<BuildStep>(),
  grade: (step, answer, ctx) => gradeBuild(buildSpec(step, ctx.lesson), answer.sql, ctx),
  checkDefinition: (step, ctx) => checkBuild(step, ctx),
});
