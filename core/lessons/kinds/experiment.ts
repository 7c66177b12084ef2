import {
  gradeExperiment,
  plannedRatio,
  readoutOf,
  referenceArms,
  type ExperimentGradeAnswer,
  type ExperimentGradeSpec,
} from '../../grading/experiment-grader.ts';
import { formatMessage } from '../../grading/messages.ts';
import { runOnFreshCopy, finalResult } from '../../grading/engine.ts';
import { defineStepKind, type DefinitionFindings, type LessonDefaults, type StepCheckContext } from '../step-kind.ts';
import { ExperimentAnswerSchema, ExperimentStepSchema, type ExperimentStep } from './decision-schemas.ts';
import { checkDatabase, merge, unknownNameError } from './sql-checks.ts';
import { jsonAnswerFromText } from './workbench-refs.ts';

/**
 * An experiment step: the learner writes the query returning one row per arm (`variant`, `users`,
 * `conversions`), reads the readout computed from their numbers, makes the call and picks its
 * reasons (core/grading/experiment-grader.ts). The command-line answer is JSON:
 * `{ "sql": "…", "decision": "ship", "reasons": ["significant", "srm-ok"] }`.
 *
 *   { "kind": "experiment", "id": "call-it", …, "experiment": "checkout-button-2025",
 *     "database": "hanbit-experiments", "starter": "…", "solution": "SELECT variant, count(*) AS users, …",
 *     "decision": "ship", "reasons": [{ "id": "significant", "label": {…}, "correct": true }, …],
 *     "alpha"?: 0.05, "mde"?: 0.02,
 *     "knownWrong": [{ "decision": "dont-ship", "expect": ["decision-wrong"] }, { "sql": "…", "expect": ["arm-double-counted"] }] }
 */

/** The grading spec of an experiment step within its lesson. */
export function experimentSpec(step: ExperimentStep, lesson: LessonDefaults): ExperimentGradeSpec {
  return {
    database: step.database ?? lesson.dataset,
    experiment: step.experiment,
    solution: step.solution,
    decision: step.decision,
    reasons: step.reasons,
    alpha: step.alpha,
    mde: step.mde,
    knownWrong: step.knownWrong,
  };
}

/** The ids of the reasons that are right. */
export function correctReasons(step: Pick<ExperimentStep, 'reasons'>): string[] {
  return step.reasons.filter((r) => r.correct).map((r) => r.id);
}

function checkReasons(step: ExperimentStep, found: DefinitionFindings): void {
  const ids = step.reasons.map((r) => r.id);
  ids.forEach((id, i) => {
    if (ids.indexOf(id) !== i) found.problems.push(`reason id '${id}' is listed twice`);
  });
  if (!step.reasons.some((r) => r.correct)) found.problems.push('no reason is marked correct');
  if (!step.reasons.some((r) => !r.correct)) found.problems.push('every reason is correct: add wrong ones to choose from');
  for (const r of step.reasons) {
    if (!r.correct && !r.explanation) found.problems.push(`the wrong reason '${r.id}' needs an explanation (ko and en)`);
  }
  step.knownWrong.forEach((k, i) => {
    if (k.sql === undefined && k.decision === undefined && k.reasons === undefined)
      found.problems.push(`known-wrong answer ${i + 1} gives none of sql, decision, reasons`);
    for (const id of k.reasons ?? [])
      if (!ids.includes(id)) found.problems.push(`known-wrong answer ${i + 1} names unknown reason '${id}'`);
  });
}

function checkExperiment(step: ExperimentStep, ctx: StepCheckContext): DefinitionFindings {
  const spec = experimentSpec(step, ctx.lesson);
  const base = checkDatabase(ctx, spec.database, undefined);
  if (base.problems.length > 0) return base;
  const found: DefinitionFindings = { problems: [], warnings: [] };
  checkReasons(step, found);
  const known = ['experiments', 'exp_experiments'].some((table) => {
    const outcome = runOnFreshCopy(
      ctx,
      spec.database,
      'visible',
      undefined,
      `SELECT 1 FROM ${table} WHERE experiment_id = '${step.experiment.replaceAll("'", "''")}'`,
    );
    return outcome.ok && (finalResult(outcome.results)?.rows.length ?? 0) > 0;
  });
  if (!known) found.problems.push(`experiment '${step.experiment}' is not in the database's experiments table`);
  const ratio = plannedRatio(spec, ctx);
  for (const copy of ['visible', 'variant'] as const) {
    if (copy === 'variant' && !ctx.databases.bytes(spec.database, 'variant')) {
      found.warnings.push(`database '${spec.database}' has no hidden variant: hard-coded answers cannot be caught`);
      continue;
    }
    const arms = referenceArms(spec, ctx, copy);
    if ('messages' in arms) {
      found.problems.push(`the reference fails on the ${copy} data: ${arms.messages.map((m) => formatMessage(m, 'en')).join(' ')}`);
      continue;
    }
    const read = readoutOf(spec, arms, ratio);
    if (read === null) {
      found.problems.push(`the reference's counts on the ${copy} data cannot be read (an empty arm, conversions above users)`);
      continue;
    }
    const recommended = read.recommendation.decision;
    if (recommended !== step.decision) {
      const numbers = `control ${arms.control.conversions}/${arms.control.users}, treatment ${arms.treatment.conversions}/${arms.treatment.users}, SRM p = ${read.srm.pValue.toPrecision(3)}${read.effect ? `, effect p = ${read.effect.pValue.toPrecision(3)}` : ''}`;
      // The call is made on what the learner sees, so it is graded on the lesson's data; the hidden
      // variant only re-runs the counts (to catch hard-coded numbers). A different reading there is
      // printed, not refused: another draw of a modest real effect may miss significance.
      if (copy === 'visible')
        found.problems.push(`decision is '${step.decision}' but the readout of the reference's numbers recommends '${recommended}' (${numbers})`);
      else
        found.warnings.push(
          `on the hidden variant the reference's numbers read '${recommended}', not '${step.decision}' (${numbers}); the call is graded on the lesson's data, the variant checks the counts`,
        );
    }
  }
  if (step.starter.trim() !== '') {
    const unknown = unknownNameError(ctx, spec.database, undefined, step.starter);
    if (unknown) found.problems.push(`the starter names something the database lacks: ${unknown}`);
  }
  step.knownWrong.forEach((k, i) => {
    if (k.sql === undefined || k.expect.includes('sql-error')) return;
    const unknown = unknownNameError(ctx, spec.database, undefined, k.sql);
    if (unknown) found.problems.push(`known-wrong answer ${i + 1} names something the database lacks: ${unknown}`);
  });
  return merge(base, found);
}

/** The experiment step kind. */
export const experimentStep = defineStepKind({
  kind: 'experiment',
  schema: ExperimentStepSchema,
  gradable: true,
  answerSchema: ExperimentAnswerSchema,
  answerDescription: 'JSON { "sql": "…", "decision": "ship" | "dont-ship" | "keep-running" | "invalid", "reasons": ["…"] }',
  answerFromText: (text) => jsonAnswerFromText(text) as ExperimentGradeAnswer,
  grade: (step, answer, ctx) => gradeExperiment(experimentSpec(step, ctx.lesson), answer, ctx),
  samples: (step) => ({
    solution: { sql: step.solution, decision: step.decision, reasons: correctReasons(step) },
    starter: { sql: step.starter, decision: null, reasons: [] },
    knownWrong: step.knownWrong.map((k) => ({
      answer: { sql: k.sql ?? step.solution, decision: k.decision ?? step.decision, reasons: k.reasons ?? correctReasons(step) },
      expect: k.expect,
      feedback: k.feedback,
    })),
  }),
  databases: (step, lesson) => [step.database ?? lesson.dataset],
  checkDefinition: (step, ctx) => checkExperiment(step, ctx),
});
