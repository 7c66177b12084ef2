import { z } from 'zod';
import { gradeCapstone, type CapstoneAnswer, type CapstoneGradeSpec, type CapstoneTileAnswer } from '../../grading/capstone-grader.ts';
import { runPipelineForGrading } from '../../grading/pipeline-run.ts';
import { followsGrain } from '../../metrics/render-sql.ts';
import { DateRangeSchema, GrainSchema, MetricIdSchema, MetricUnitSchema } from '../../metrics/schema.ts';
import { PipelineSchema, type Pipeline } from '../../pipeline/schema.ts';
import { LocalizedSchema } from '../localized.ts';
import { GradedStepShape, HintsSchema, IdSchema, knownWrongSchema, SqlSchema, ToleranceSchema } from '../step-base.ts';
import { defineStepKind, type DefinitionFindings, type LessonDefaults, type StepCheckContext } from '../step-kind.ts';
import { BuildTargetSchema } from './build.ts';
import { ChoiceOptionSchema } from './choice.ts';
import { gradeOrLessonError, jsonAnswerFromText, pipelineOf, PipelineRefSchema, resolvePipelineRef, type PipelineRef } from './workbench-refs.ts';

/**
 * A capstone step: one exercise graded end to end, from a raw lake file to a decision, in four
 * stages (core/grading/capstone-grader.ts): load the file with a pipeline, define a trusted KPI
 * over the loaded table, put it on a dashboard tile, and make the call the tile supports. The
 * answer is one object; `npm run grade` reads it as JSON:
 *   { "pipeline": <pipeline>, "metric": { "sql": "…" },
 *     "tile": { "kind": "chart", "metricId": "…", "grain": "week", "range": { "from", "to" }, "mark": "line" },
 *     "decision": { "choice": "…", "reasons": ["…"] } }
 *
 * In lesson.json each stage has its own prompt and hints (at least two), beside the step's own:
 *   { "kind": "capstone", "id", "title", "objectives", "prompt", "hints",
 *     "load": { "prompt", "hints", "starter": <pipeline>, "solution": <pipeline>, "targets": [{ "name": "events_clean" }],
 *               "database"?, "lake"?, "ds"?, "variant"?, "note"? },
 *     "kpi": { "prompt", "hints", "metric": { "id", "name", "definition", "unit"? }, "grains", "range"?, "starter", "solution" },
 *     "tile": { "prompt", "hints", "kinds": ["chart"], "grain": "week", "range": {…}, "starter": <tile> },
 *     "decision": { "prompt", "hints", "choices": [...], "reasons": [...] },
 *     "knownWrong": [{ "load"? | "kpi"? | "tile"? | "decision"?, "expect": [...], "feedback"? }] }
 * A known-wrong answer is the solution with the stages it names replaced.
 */

/** A stage's own task and hint ladder. */
const StageShape = { prompt: LocalizedSchema, hints: HintsSchema };

/** The tile as the learner sets it on the dashboard. */
export const CapstoneTileSchema = z.strictObject({
  kind: z.enum(['kpi', 'chart']),
  metricId: MetricIdSchema,
  grain: GrainSchema,
  range: DateRangeSchema,
  mark: z.enum(['line', 'bar', 'area']).default('line'),
});

/** The call and its reasons. */
export const CapstoneDecisionSchema = z.strictObject({ choice: z.string().nullable(), reasons: z.array(z.string()).default([]) });

/** A capstone step as written in lesson.json. */
export const CapstoneStepSchema = z.strictObject({
  kind: z.literal('capstone'),
  ...GradedStepShape,
  load: z.strictObject({
    ...StageShape,
    starter: PipelineRefSchema,
    solution: PipelineRefSchema,
    targets: z.array(BuildTargetSchema).min(1),
    tolerance: ToleranceSchema,
    /** The database the pipeline loads into (the lesson's dataset by default). */
    database: IdSchema.optional(),
    lake: IdSchema.default('hanbit'),
    ds: z.iso.date().optional(),
    variant: z.boolean().default(true),
    note: LocalizedSchema.optional(),
  }),
  kpi: z.strictObject({
    ...StageShape,
    metric: z.strictObject({ id: MetricIdSchema, name: LocalizedSchema, definition: LocalizedSchema, unit: MetricUnitSchema.default('count') }),
    grains: z.array(GrainSchema).min(1),
    range: DateRangeSchema.optional(),
    tolerance: ToleranceSchema,
    starter: z.string(),
    solution: SqlSchema,
  }),
  tile: z.strictObject({
    ...StageShape,
    /** The tile kinds that can show what the decision needs. */
    kinds: z.array(z.enum(['kpi', 'chart'])).min(1),
    grain: GrainSchema,
    range: DateRangeSchema,
    /** The tile the dashboard starts with. */
    starter: CapstoneTileSchema,
  }),
  decision: z.strictObject({
    ...StageShape,
    /** The calls to pick from: exactly one is right. */
    choices: z.array(ChoiceOptionSchema).min(2),
    /** The reasons to pick: all the right ones, none of the wrong. */
    reasons: z.array(ChoiceOptionSchema).min(2),
  }),
  knownWrong: z
    .array(
      knownWrongSchema({
        load: PipelineRefSchema.optional(),
        kpi: SqlSchema.optional(),
        tile: CapstoneTileSchema.optional(),
        decision: CapstoneDecisionSchema.optional(),
      }),
    )
    .min(1, 'list at least one known-wrong answer with the message it must get'),
});

/** A capstone step. */
export type CapstoneStep = z.output<typeof CapstoneStepSchema>;

/** The answer to a capstone step. */
export const CapstoneAnswerSchema = z.strictObject({
  pipeline: PipelineSchema,
  metric: z.strictObject({ sql: z.string() }),
  tile: CapstoneTileSchema,
  decision: CapstoneDecisionSchema,
});

function loaded(ref: PipelineRef, label: string): Pipeline {
  const p = pipelineOf(ref);
  if (!p) throw new Error(`the ${label} pipeline was not loaded (still a path: ${String(ref)})`);
  return p;
}

/** The right call and reasons of a capstone. */
function rightDecision(step: CapstoneStep): CapstoneAnswer['decision'] {
  return { choice: step.decision.choices.find((c) => c.correct)?.id ?? null, reasons: step.decision.reasons.filter((r) => r.correct).map((r) => r.id) };
}

/** The tile that passes: the asked kind, grain and range over the step's metric. */
export function solutionTile(step: CapstoneStep): CapstoneTileAnswer {
  return { kind: step.tile.kinds[0] ?? 'chart', metricId: step.kpi.metric.id, grain: step.tile.grain, range: step.tile.range, mark: 'line' };
}

/** The reference answer. */
export function capstoneSolution(step: CapstoneStep): CapstoneAnswer {
  return { pipeline: loaded(step.load.solution, 'solution'), metric: { sql: step.kpi.solution }, tile: solutionTile(step), decision: rightDecision(step) };
}

/** What the learner starts with: the starter pipeline and KPI, the starter tile, no call. */
export function capstoneStarter(step: CapstoneStep): CapstoneAnswer {
  return { pipeline: loaded(step.load.starter, 'starter'), metric: { sql: step.kpi.starter }, tile: step.tile.starter, decision: { choice: null, reasons: [] } };
}

type KnownWrong = CapstoneStep['knownWrong'][number];

/** A known-wrong answer: the solution with the stages it names replaced. */
function knownAnswer(step: CapstoneStep, k: KnownWrong, i: number): CapstoneAnswer {
  const base = capstoneSolution(step);
  return {
    pipeline: k.load !== undefined ? loaded(k.load, `knownWrong ${i + 1}`) : base.pipeline,
    metric: k.kpi !== undefined ? { sql: k.kpi } : base.metric,
    tile: k.tile ?? base.tile,
    decision: k.decision ?? base.decision,
  };
}

/** The grading spec of a capstone step within its lesson. */
export function capstoneSpec(step: CapstoneStep, lesson: LessonDefaults): CapstoneGradeSpec {
  const feedbackOf = <T>(pick: (k: KnownWrong) => T | undefined) =>
    step.knownWrong.flatMap((k) => {
      const value = pick(k);
      return value !== undefined && k.feedback ? [{ value, feedback: k.feedback }] : [];
    });
  return {
    load: {
      database: step.load.database ?? lesson.dataset,
      lake: step.load.lake,
      ds: step.load.ds ?? null,
      otherDs: [],
      idempotent: false,
      variant: step.load.variant,
      reference: loaded(step.load.solution, 'solution'),
      targets: step.load.targets,
      tolerance: step.load.tolerance,
      knownWrong: feedbackOf((k) => (k.load !== undefined ? pipelineOf(k.load) : undefined) ?? undefined).map((k) => ({ pipeline: k.value, feedback: k.feedback })),
    },
    kpi: {
      metricId: step.kpi.metric.id,
      solution: step.kpi.solution,
      grains: step.kpi.grains,
      range: step.kpi.range,
      tolerance: step.kpi.tolerance,
      knownWrong: feedbackOf((k) => k.kpi).map((k) => ({ sql: k.value, feedback: k.feedback })),
    },
    tile: {
      kinds: step.tile.kinds,
      grain: step.tile.grain,
      range: step.tile.range,
      knownWrong: feedbackOf((k) => k.tile).map((k) => ({ tile: k.value, feedback: k.feedback })),
    },
    decision: {
      choices: step.decision.choices,
      reasons: step.decision.reasons,
      knownWrong: feedbackOf((k) => k.decision).map((k) => ({ choice: k.value.choice ?? undefined, reasons: k.value.reasons, feedback: k.feedback })),
    },
  };
}

function checkOptions(what: string, options: CapstoneStep['decision']['choices'], single: boolean, found: DefinitionFindings): void {
  const ids = options.map((o) => o.id);
  ids.forEach((id, i) => {
    if (ids.indexOf(id) !== i) found.problems.push(`${what} id '${id}' is listed twice`);
  });
  const right = options.filter((o) => o.correct).length;
  if (right === 0) found.problems.push(`no ${what} is marked correct`);
  if (single && right > 1) found.problems.push(`${right} ${what}s are marked correct: the call is one of them`);
  if (!options.some((o) => !o.correct)) found.problems.push(`every ${what} is correct: add wrong ones to choose from`);
  for (const o of options) if (!o.correct && !o.explanation) found.problems.push(`the wrong ${what} '${o.id}' needs an explanation (ko and en)`);
}

function checkCapstone(step: CapstoneStep, ctx: StepCheckContext): DefinitionFindings {
  const found: DefinitionFindings = { problems: [], warnings: [] };
  const spec = capstoneSpec(step, ctx.lesson);
  if (!ctx.databaseIds.includes(spec.load.database)) found.problems.push(`database '${spec.load.database}' is not in the dataset catalog`);
  if (!ctx.lakes?.reader(spec.load.lake, 'visible')) found.problems.push(`the lake '${spec.load.lake}' is not available to the checker`);
  if (found.problems.length > 0) return found;
  for (const lang of ['ko', 'en'] as const) {
    for (const target of spec.load.targets)
      if (!step.load.prompt[lang].toLowerCase().includes(target.name.toLowerCase()))
        found.problems.push(`the ${lang} load prompt does not name the target '${target.name}'`);
    if (!step.kpi.prompt[lang].toLowerCase().includes(step.kpi.metric.name[lang].toLowerCase()))
      found.problems.push(`the ${lang} KPI prompt does not name the metric '${step.kpi.metric.name[lang]}'`);
  }
  if (!followsGrain(step.kpi.solution)) found.problems.push("the reference KPI does not follow the grain: group with {{ period('column') }}");
  if (step.tile.starter.metricId !== step.kpi.metric.id) found.problems.push(`the starter tile shows '${step.tile.starter.metricId}', not the KPI '${step.kpi.metric.id}'`);
  if (!spec.load.variant && !step.load.note) found.problems.push('load.variant is false: say why in load.note');
  checkOptions('choice', step.decision.choices, true, found);
  checkOptions('reason', step.decision.reasons, false, found);
  for (const [i, k] of step.knownWrong.entries()) {
    if (k.load === undefined && k.kpi === undefined && k.tile === undefined && k.decision === undefined)
      found.problems.push(`known-wrong answer ${i + 1} replaces no stage`);
    for (const id of [k.decision?.choice ?? null, ...(k.decision?.reasons ?? [])])
      if (id !== null && ![...step.decision.choices, ...step.decision.reasons].some((o) => o.id === id))
        found.problems.push(`known-wrong answer ${i + 1} names unknown option '${id}'`);
  }
  return found;
}

/** The capstone step kind. */
export const capstoneStep = defineStepKind({
  kind: 'capstone',
  schema: CapstoneStepSchema,
  gradable: true,
  asynchronous: true,
  answerSchema: CapstoneAnswerSchema,
  answerDescription: 'JSON { "pipeline": <pipeline>, "metric": { "sql" }, "tile": { "kind", "metricId", "grain", "range", "mark" }, "decision": { "choice", "reasons" } }',
  answerFromText: jsonAnswerFromText,
  grade: (step, answer, ctx) => gradeOrLessonError(() => gradeCapstone(capstoneSpec(step, ctx.lesson), answer as CapstoneAnswer, ctx, runPipelineForGrading)),
  samples: (step) => ({
    solution: capstoneSolution(step),
    starter: capstoneStarter(step),
    knownWrong: step.knownWrong.map((k, i) => ({ answer: knownAnswer(step, k, i), expect: k.expect, feedback: k.feedback })),
  }),
  databases: (step, lesson) => [step.load.database ?? lesson.dataset],
  checkDefinition: (step, ctx) => checkCapstone(step, ctx),
  resolveFiles: (step, assets) => {
    const problems: string[] = [];
    const take = (r: { ref: PipelineRef; problems: string[] }): PipelineRef => {
      problems.push(...r.problems);
      return r.ref;
    };
    const next: CapstoneStep = {
      ...step,
      load: {
        ...step.load,
        starter: take(resolvePipelineRef(step.load.starter, assets, 'starter')),
        solution: take(resolvePipelineRef(step.load.solution, assets, 'solution')),
      },
      knownWrong: step.knownWrong.map((k, i) => (k.load === undefined ? k : { ...k, load: take(resolvePipelineRef(k.load, assets, `knownWrong ${i + 1}`)) })),
    };
    return { step: next, problems };
  },
});
