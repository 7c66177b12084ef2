import { hanbitCatalogueSource } from '../../governance/pii-hanbit.ts';
import { maskColumnsFor } from '../../governance/pii.ts';
import { formatMessage } from '../../grading/messages.ts';
import { gradeMaskedView, maskRun, type MaskedViewGradeSpec } from '../../grading/masked-view-grader.ts';
import { defineStepKind, type DefinitionFindings, type LessonDefaults, type StepCheckContext } from '../step-kind.ts';
import { MaskedViewAnswerSchema, MaskedViewStepSchema, type MaskedViewStep } from './governance-schemas.ts';
import { checkDatabase, checkSqlSamples, merge, resultOn } from './sql-checks.ts';

/**
 * A masked-view step: the learner writes CREATE VIEW <view> for analysts (pseudonymised ids, no
 * direct identifiers, generalised quasi-identifiers); graded by the masked-view check on a fresh
 * copy of the step's database with pseudonym() registered, then on the hidden variant
 * (core/grading/masked-view-grader.ts). What is a direct identifier, a person key or a
 * quasi-identifier comes from the data dictionary (the PII catalogue). The answer is the SQL text.
 *
 *   { "kind": "masked-view", "id": "customers-masked", …, "database": "hanbit-prod", "view": "customers_masked",
 *     "base": "customers", "quasi": ["age_band", "region"], "minK": 5, "starter": "…", "solution": "CREATE VIEW …",
 *     "knownWrong": [{ "sql": "CREATE VIEW customers_masked AS SELECT customer_id, …", "expect": ["mask-raw-id"] }] }
 *
 * The check parses SQL (node-sql-parser), which must never load on the renderer's main thread: the
 * grader imports it lazily, so this kind grades asynchronously.
 */

/** The grading spec of a masked-view step within its lesson. */
export function maskedViewSpec(step: MaskedViewStep, lesson: LessonDefaults): MaskedViewGradeSpec {
  const database = step.database ?? lesson.dataset;
  return {
    database,
    setup: step.setup,
    solution: step.solution,
    view: step.view,
    base: step.base,
    quasi: step.quasi,
    minK: step.minK,
    columns: maskColumnsFor(hanbitCatalogueSource(), database, step.base),
    knownWrong: step.knownWrong,
  };
}

async function checkMaskedViewStep(step: MaskedViewStep, ctx: StepCheckContext): Promise<DefinitionFindings> {
  const spec = maskedViewSpec(step, ctx.lesson);
  const base = checkDatabase(ctx, spec.database, spec.setup);
  if (base.problems.length > 0) return base;
  const found: DefinitionFindings = { problems: [], warnings: [] };
  if (spec.columns.directColumns.length === 0)
    found.problems.push(`the PII catalogue lists no direct identifier in database '${spec.database}': there is nothing to mask`);
  if (spec.columns.idColumns.length === 0)
    found.warnings.push(`base table '${step.base}' has no person key (customer_id, user_id …): no id must be pseudonymised`);
  const counted = resultOn(ctx, spec.database, spec.setup, `SELECT count(*) FROM "${step.base.replace(/"/g, '""')}"`);
  if (typeof counted === 'string') found.problems.push(`base table '${step.base}' cannot be read: ${counted}`);
  for (const lang of ['ko', 'en'] as const) {
    const prompt = step.prompt[lang].toLowerCase();
    if (!prompt.includes(step.view.toLowerCase())) found.problems.push(`the ${lang} prompt does not name the view '${step.view}'`);
    for (const q of step.quasi)
      if (!prompt.includes(q.toLowerCase())) found.problems.push(`the ${lang} prompt does not name the quasi-identifier column '${q}'`);
  }
  if (!/\bcreate\s+view\b/i.test(step.solution)) found.problems.push('the reference solution does not CREATE VIEW');
  const hasVariant = checkSqlSamples(step, spec, ctx, found);
  for (const copy of hasVariant ? (['visible', 'variant'] as const) : (['visible'] as const)) {
    const run = await maskRun(spec, ctx, copy, step.solution);
    const where = copy === 'visible' ? '' : ' on the hidden variant';
    if ('failure' in run) found.problems.push(`the reference solution fails${where}: ${formatMessage(run.failure, 'en')}`);
    else if (run.messages.length > 0)
      found.problems.push(`the reference solution does not pass the check${where}: ${run.messages.map((m) => formatMessage(m, 'en')).join(' ')}`);
    else if (run.check.quasi.length === 0) found.problems.push(`the reference view has none of the quasi-identifier columns${where}`);
  }
  return merge(base, found);
}

/** The masked-view step kind. */
export const maskedViewStep = defineStepKind({
  kind: 'masked-view',
  schema: MaskedViewStepSchema,
  gradable: true,
  asynchronous: true,
  answerSchema: MaskedViewAnswerSchema,
  answerDescription: 'SQL text',
  answerFromText: (text) => ({ sql: text }),
  grade: (step, answer, ctx) => gradeMaskedView(maskedViewSpec(step, ctx.lesson), answer.sql, ctx),
  samples: (step) => ({
    solution: { sql: step.solution },
    starter: { sql: step.starter },
    knownWrong: step.knownWrong.map((k) => ({ answer: { sql: k.sql }, expect: k.expect, feedback: k.feedback })),
  }),
  databases: (step, lesson) => [step.database ?? lesson.dataset],
  checkDefinition: (step, ctx) => checkMaskedViewStep(step, ctx),
});
