import { parseCheckFile } from '../../governance/quality/format.ts';
import { gradeQuality, type QualityGradeSpec } from '../../grading/quality-grader.ts';
import { defineStepKind, type DefinitionFindings, type LessonDefaults, type StepCheckContext } from '../step-kind.ts';
import { QualityAnswerSchema, QualityStepSchema, type QualityAnswer, type QualityStep } from './governance-schemas.ts';
import { gradeOrLessonError } from './workbench-refs.ts';

/**
 * A quality step: the learner writes checks in the YAML check format (core/governance/quality:
 * SodaCL's metrics and dbt's tests) that catch the planted problems the step names, each with
 * exactly its count, without raising an alarm on healthy data; graded on the visible data and the
 * hidden variant (core/grading/quality-grader.ts). The command-line answer is the .yml file itself.
 *
 *   { "kind": "quality", "id": "catch-nulls", …, "database": "hanbit-prod",
 *     "starter": "checks for hanbit-prod.customers:\n  - row_count > 0\n", "solution": "…",
 *     "mustFind": [{ "problem": "prod-null-emails" }], "requireTypes": ["missing_count"],
 *     "knownWrong": [{ "yaml": "…", "expect": ["quality-problem-missed"] }] }
 *
 * `reference` (default `_reference/quality/hanbit-checks.yml`) is read when the lesson loads; its
 * checks named after planted problems give the counts on each copy of the data.
 */

/** Whether the reference field still holds a path (not yet replaced by the file's text). */
function isPath(reference: string): boolean {
  return !reference.includes('\n') && /\.ya?ml$/i.test(reference.trim());
}

function spec(step: QualityStep): QualityGradeSpec {
  if (isPath(step.reference)) throw new Error(`the quality step's reference '${step.reference}' was not read (load the lesson through parseLessonPack)`);
  return {
    mustFind: step.mustFind.map((m) => m.problem),
    requireTypes: step.requireTypes,
    asOf: step.asOf ?? null,
    reference: step.reference,
    variant: step.variant,
    knownWrong: step.knownWrong.map((k) => ({ yaml: k.yaml, feedback: k.feedback })),
  };
}

function databaseOf(step: QualityStep, lesson: LessonDefaults): string {
  return step.database ?? lesson.dataset;
}

async function checkQuality(step: QualityStep, ctx: StepCheckContext): Promise<DefinitionFindings> {
  const found: DefinitionFindings = { problems: [], warnings: [] };
  const database = databaseOf(step, ctx.lesson);
  if (!ctx.databaseIds.includes(database)) found.problems.push(`database '${database}' is not in the dataset catalog`);
  if (isPath(step.reference)) {
    found.problems.push(`the reference check file '${step.reference}' was not found`);
    return found;
  }
  const reference = parseCheckFile(step.reference);
  for (const p of reference.problems) found.problems.push(`the reference check file, line ${p.line}: ${p.message.en}`);
  if (step.mustFind.length === 0 && step.requireTypes.length === 0) found.problems.push('the step checks nothing: name problems in mustFind or types in requireTypes');
  for (const { problem } of step.mustFind) {
    const named = reference.checks.find((c) => c.id === problem);
    if (!named) found.problems.push(`the reference check file has no check named '${problem}' (mustFind)`);
    const planted = ctx.plantedProblems?.find((p) => p.id === problem);
    if (!ctx.plantedProblems) found.warnings.push('no dataset manifest: the planted problems were not compared');
    else if (!planted) found.problems.push(`mustFind '${problem}' is not a planted problem of the manifest`);
  }
  const solution = parseCheckFile(step.solution);
  for (const p of solution.problems) found.problems.push(`the solution, line ${p.line}: ${p.message.en}`);
  for (const t of step.requireTypes) if (!solution.checks.some((c) => c.type === t)) found.problems.push(`the solution uses no ${t} check (requireTypes)`);
  if (ctx.plantedProblems && step.mustFind.length > 0) {
    // The solution must pass on the visible data (tests/core/governance/quality-reference.spec.ts proves the reference's counts are the manifest's).
    const run = await gradeOrLessonError(() => gradeQuality({ ...spec(step), variant: false, knownWrong: [] }, { yaml: step.solution }, ctx, database));
    if (!run.pass) found.problems.push(`the solution does not pass on the visible data: ${JSON.stringify(run.messages).slice(0, 400)}`);
  }
  return found;
}

/** The quality step kind. */
export const qualityStep = defineStepKind({
  kind: 'quality',
  schema: QualityStepSchema,
  gradable: true,
  asynchronous: true,
  answerSchema: QualityAnswerSchema,
  answerDescription: 'a check file (.yml)',
  answerFromText: (text): QualityAnswer => ({ yaml: text }),
  grade: (step, answer, ctx) => gradeOrLessonError(() => gradeQuality(spec(step), answer, ctx, databaseOf(step, ctx.lesson))),
  samples: (step) => ({
    solution: { yaml: step.solution },
    starter: { yaml: step.starter },
    knownWrong: step.knownWrong.map((k) => ({ answer: { yaml: k.yaml }, expect: k.expect, feedback: k.feedback })),
  }),
  databases: (step, lesson) => [databaseOf(step, lesson)],
  checkDefinition: (step, ctx) => checkQuality(step, ctx),
  resolveFiles: (step, assets) => {
    if (!isPath(step.reference)) return { step, problems: [] };
    const text = assets.read(step.reference.trim());
    if (text === undefined) return { step, problems: [`reference: no file lessons/${step.reference}`] };
    return { step: { ...step, reference: text }, problems: [] };
  },
});
