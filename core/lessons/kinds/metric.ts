import { gradeMetric, metricSeries, type MetricGradeSpec } from '../../grading/metric-grader.ts';
import { formatMessage } from '../../grading/messages.ts';
import { followsGrain, renderMetricSql } from '../../metrics/render-sql.ts';
import { defineStepKind, type DefinitionFindings, type LessonDefaults, type StepCheckContext } from '../step-kind.ts';
import { MetricAnswerSchema, MetricStepSchema, type MetricStep } from './decision-schemas.ts';
import { checkDatabase, merge, unknownNameError } from './sql-checks.ts';

/**
 * A metric step: the learner writes a KPI's SQL template from its written definition (returning
 * `period` and `value`, grouped by `{{ period('col') }}`). Graded at every grain the step lists,
 * on the lesson's data and on the hidden variant (core/grading/metric-grader.ts).
 *
 *   { "kind": "metric", "id": "net-revenue", …, "metric": { "name": {…}, "definition": {…} },
 *     "grains": ["month", "week"], "range"?: { "from": "2025-01-01", "to": "2025-06-30" },
 *     "starter": "…", "solution": "SELECT {{ period('order_date') }} AS period, sum(…) AS value …",
 *     "knownWrong": [{ "sql": "…", "expect": ["metric-values-differ", "known-mistake"], "feedback": {…} }] }
 */

/** The grading spec of a metric step within its lesson. */
export function metricSpec(step: MetricStep, lesson: LessonDefaults): MetricGradeSpec {
  return {
    database: step.database ?? lesson.dataset,
    solution: step.solution,
    grains: step.grains,
    range: step.range,
    tolerance: step.tolerance,
    knownWrong: step.knownWrong,
  };
}

function checkMetric(step: MetricStep, ctx: StepCheckContext): DefinitionFindings {
  const spec = metricSpec(step, ctx.lesson);
  const base = checkDatabase(ctx, spec.database, undefined);
  if (base.problems.length > 0) return base;
  const found: DefinitionFindings = { problems: [], warnings: [] };
  for (const lang of ['ko', 'en'] as const) {
    if (!step.prompt[lang].toLowerCase().includes(step.metric.name[lang].toLowerCase()))
      found.problems.push(`the ${lang} prompt does not name the metric '${step.metric.name[lang]}'`);
  }
  const grains = new Set(step.grains);
  if (grains.size !== step.grains.length) found.problems.push('grains lists a grain twice');
  if (!followsGrain(step.solution)) found.problems.push("the reference does not follow the grain: group with {{ period('column') }}");
  for (const copy of ['visible', 'variant'] as const) {
    if (copy === 'variant' && !ctx.databases.bytes(spec.database, 'variant')) {
      found.warnings.push(`database '${spec.database}' has no hidden variant: hard-coded answers cannot be caught`);
      continue;
    }
    const got = metricSeries(ctx, spec.database, copy, step.solution, step.grains, step.range);
    if ('message' in got) {
      found.problems.push(`the reference fails on the ${copy} data: ${formatMessage(got.message, 'en')}`);
      continue;
    }
    for (const series of got.series) {
      if (series.rows.length === 0) found.problems.push(`the reference gives an empty series by ${series.grain} on the ${copy} data`);
    }
  }
  // The starter and known-wrong templates must name only what the database has (unless an error is their point).
  const snippets: [string, string, boolean][] = [
    ['the starter', step.starter, false],
    ...step.knownWrong.map((k, i): [string, string, boolean] => [
      `known-wrong answer ${i + 1}`,
      k.sql,
      k.expect.includes('sql-error') || k.expect.includes('metric-template-error'),
    ]),
  ];
  for (const [what, sql, errorExpected] of snippets) {
    if (errorExpected || sql.trim() === '') continue;
    let rendered: string;
    try {
      rendered = renderMetricSql(sql, step.grains[0] ?? 'month');
    } catch {
      continue;
    }
    const unknown = unknownNameError(ctx, spec.database, undefined, rendered);
    if (unknown) found.problems.push(`${what} names something the database lacks: ${unknown}`);
  }
  return merge(base, found);
}

/** The metric step kind. */
export const metricStep = defineStepKind({
  kind: 'metric',
  schema: MetricStepSchema,
  gradable: true,
  answerSchema: MetricAnswerSchema,
  answerDescription: 'a SQL template',
  answerFromText: (text) => ({ sql: text }),
  grade: (step, answer, ctx) => gradeMetric(metricSpec(step, ctx.lesson), answer.sql, ctx),
  samples: (step) => ({
    solution: { sql: step.solution },
    starter: { sql: step.starter },
    knownWrong: step.knownWrong.map((k) => ({ answer: { sql: k.sql }, expect: k.expect, feedback: k.feedback })),
  }),
  databases: (step, lesson) => [step.database ?? lesson.dataset],
  checkDefinition: (step, ctx) => checkMetric(step, ctx),
});
