import { z } from 'zod';
import { compareResults, hasTopLevelOrderBy } from '../../grading/compare.ts';
import { gradeQuery, type QueryGradeSpec } from '../../grading/query-grader.ts';
import { NonBlankSchema } from '../localized.ts';
import { DatabaseShape, GradedStepShape, SqlStepShape, ToleranceSchema } from '../step-base.ts';
import { defineStepKind, type DefinitionFindings, type LessonDefaults, type StepCheckContext } from '../step-kind.ts';
import { tiesQuery } from './order-ties.ts';
import { checkDatabase, checkSqlSamples, merge, resultOn, sqlAnswerParts } from './sql-checks.ts';

/** A query step: write a SELECT whose result is compared with the reference's. */

/** How a query step's result is compared, and where it runs. */
export const QueryGradingSchema = z
  .strictObject({
    /** Rows must come in the reference's order; the answer then needs ORDER BY. */
    ordered: z.boolean().default(false),
    /** Required column aliases (case-insensitive), or 'all' of the reference's columns. */
    columns: z.union([z.literal('all'), z.array(NonBlankSchema).min(1)]).default('all'),
    extraColumns: z.enum(['allow', 'forbid']).default('forbid'),
    tolerance: ToleranceSchema,
    ...DatabaseShape,
  })
  .default({ ordered: false, columns: 'all', extraColumns: 'forbid', tolerance: { absolute: 1e-9, relative: 1e-9 } });

/** A query step as written in lesson.json. */
export const QueryStepSchema = z.strictObject({
  kind: z.literal('query'),
  ...GradedStepShape,
  ...SqlStepShape,
  grading: QueryGradingSchema,
});

/** A query step. */
export type QueryStep = z.output<typeof QueryStepSchema>;

/** The answer to a SQL step: the editor's text. */
export { SqlAnswerSchema } from './sql-checks.ts';

/** The grading spec of a query step within its lesson. */
export function querySpec(step: QueryStep, lesson: LessonDefaults): QueryGradeSpec {
  const { database, setup, ...options } = step.grading;
  return { database: database ?? lesson.dataset, setup, solution: step.solution, options, knownWrong: step.knownWrong };
}

function checkQuery(step: QueryStep, ctx: StepCheckContext): DefinitionFindings {
  const spec = querySpec(step, ctx.lesson);
  const base = checkDatabase(ctx, spec.database, spec.setup);
  if (base.problems.length > 0) return base;
  const found: DefinitionFindings = { problems: [], warnings: [] };
  const reference = resultOn(ctx, spec.database, spec.setup, step.solution);
  if (typeof reference === 'string') {
    found.problems.push(`the reference solution fails: ${reference}`);
    return merge(base, found);
  }
  const names = reference.columns.map((c) => c.name.toLowerCase());
  const duplicated = names.filter((n, i) => names.indexOf(n) !== i);
  if (duplicated.length > 0) found.problems.push(`the reference returns duplicate column names: ${duplicated.join(', ')}`);
  const required = spec.options.columns === 'all' ? reference.columns.map((c) => c.name) : [...spec.options.columns];
  for (const column of required) {
    if (!names.includes(column.toLowerCase()))
      found.problems.push(
        `grading.columns names '${column}' but the reference returns only ${reference.columns.map((c) => c.name).join(', ')}`,
      );
    for (const lang of ['ko', 'en'] as const) {
      if (!step.prompt[lang].toLowerCase().includes(column.toLowerCase()))
        found.problems.push(`the ${lang} prompt does not name the required column '${column}'`);
    }
  }
  if (spec.options.ordered) {
    if (!hasTopLevelOrderBy(step.solution)) found.problems.push('the step is ordered but the reference has no ORDER BY');
    const ties = tiesQuery(
      step.solution,
      reference.columns.map((c) => c.name),
    );
    const tied = ties === null ? null : resultOn(ctx, spec.database, spec.setup, ties);
    if (tied !== null && typeof tied !== 'string' && tied.rowCount > 0) {
      found.problems.push(
        `the reference ORDER BY leaves ties (${tied.rowCount} group(s) of different rows with equal sort keys): add a unique key to ORDER BY`,
      );
    } else if (tied === null || typeof tied === 'string') {
      // The terms name something outside the result: fall back to SQLite reversing unordered scans.
      const reversed = resultOn(ctx, spec.database, spec.setup, `PRAGMA reverse_unordered_selects = ON;\n${step.solution}`);
      if (typeof reversed !== 'string' && !compareResults(reference, reversed, spec.options).pass) {
        found.problems.push(
          'the reference ORDER BY leaves ties: rows come out in another order when SQLite reverses unordered scans; add a unique key to ORDER BY',
        );
      }
    }
  }
  if (checkSqlSamples(step, spec, ctx, found)) {
    const variant = resultOn(ctx, spec.database, spec.setup, step.solution, 'variant');
    if (typeof variant === 'string') found.problems.push(`the reference solution fails on the hidden variant: ${variant}`);
  }
  return merge(base, found);
}

/** The query step kind. */
export const queryStep = defineStepKind({
  kind: 'query',
  schema: QueryStepSchema,
  gradable: true,
  ...sqlAnswerParts<QueryStep>(),
  grade: (step, answer, ctx) => gradeQuery(querySpec(step, ctx.lesson), answer.sql, ctx),
  checkDefinition: (step, ctx) => checkQuery(step, ctx),
});
