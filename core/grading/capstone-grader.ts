import type { Localized } from '../lessons/localized.ts';
import type { DateRange, Grain } from '../metrics/schema.ts';
import type { Pipeline } from '../pipeline/schema.ts';
import type { Cell } from '../sql/protocol.ts';
import { gradeChoice, type ChoiceOption } from './choice-grader.ts';
import { toResultTable, type Tolerance, type Verdict } from './compare.ts';
import type { DatabaseCopy, GradeContext } from './engine.ts';
import { isAuthorFacing, message, type Message } from './messages.ts';
import { diffSeries, gradeMetric, metricSeries, type MetricSeries } from './metric-grader.ts';
import { gradePipeline, logicalDateFor, runProblems, type PipelineGradeSpec, type PipelineRunner } from './pipeline-grader.ts';
import { failed } from './query-grader.ts';

/**
 * Grades a capstone: one answer in four stages, from a raw lake file to a decision.
 *   1. load: the learner's pipeline, graded as a pipeline step (its target rows against the
 *      reference's, on the lesson's lake and on the hidden variant's);
 *   2. kpi: a metric template over the loaded table, graded at every grain on the table the
 *      reference pipeline loads (both copies) AND on the learner's own load, so a KPI that is only
 *      right on a broken load (or a load that is only right under a compensating KPI) fails;
 *   3. tile: the dashboard tile showing that metric, graded on what it computes for the range and
 *      grain it was given (the reference KPI on the reference load, so this stage judges the tile);
 *   4. decision: the call and its reasons, drawn from what the tile shows.
 * Every stage is graded; the verdict leads with the first stage that fails and its messages, and
 * ends with a summary of all four ('capstone-stages') that the lesson player shows per stage.
 */

/** The four stages, in the order the learner works through them. */
export const CAPSTONE_STAGES = ['load', 'kpi', 'tile', 'decision'] as const;
/** A stage of a capstone. */
export type CapstoneStage = (typeof CAPSTONE_STAGES)[number];
/** How a stage came out: passed, failed, or not gradable yet (it needs an earlier stage's output). */
export type CapstoneStageStatus = 'passed' | 'failed' | 'blocked';

/** The tile the learner puts on the dashboard: its kind, grain, date range and look. */
export interface CapstoneTileAnswer {
  kind: 'kpi' | 'chart';
  metricId: string;
  grain: Grain;
  range: DateRange;
  mark: 'line' | 'bar' | 'area';
}

/** The call and the reasons picked for it. */
export interface CapstoneDecisionAnswer {
  choice: string | null;
  reasons: string[];
}

/** The whole answer: one object with the four stages' work. */
export interface CapstoneAnswer {
  pipeline: Pipeline;
  metric: { sql: string };
  tile: CapstoneTileAnswer;
  decision: CapstoneDecisionAnswer;
}

/** Everything a capstone's grading needs. */
export interface CapstoneGradeSpec {
  load: PipelineGradeSpec;
  kpi: {
    metricId: string;
    solution: string;
    grains: readonly Grain[];
    range?: DateRange | undefined;
    tolerance: Tolerance;
    knownWrong: readonly { sql: string; feedback?: Localized | undefined }[];
  };
  tile: {
    kinds: readonly ('kpi' | 'chart')[];
    grain: Grain;
    range: DateRange;
    knownWrong: readonly { tile: CapstoneTileAnswer; feedback?: Localized | undefined }[];
  };
  decision: {
    choices: readonly ChoiceOption[];
    reasons: readonly ChoiceOption[];
    knownWrong: readonly { choice?: string | undefined; reasons?: readonly string[] | undefined; feedback?: Localized | undefined }[];
  };
}

/** One stage's outcome. */
export interface CapstoneStageResult {
  stage: CapstoneStage;
  status: CapstoneStageStatus;
  messages: Message[];
}

/** The database id the loaded tables are graded under (never a catalog id). */
const LOADED = '__capstone-loaded__';

/** The part of the grading engine a pipeline run leaves its database in (SqlEngine has it). */
interface ExportingEngine {
  database(): { export(): Uint8Array };
}

function canExport(engine: unknown): engine is ExportingEngine {
  return typeof (engine as Partial<ExportingEngine>).database === 'function';
}

/**
 * The databases pipelines leave behind, by pipeline and copy. The runner given to the pipeline
 * grader records them as it goes, so the loads it already ran are not run again for the KPI.
 */
class Loads {
  private readonly kept = new Map<Pipeline, Map<DatabaseCopy, { bytes: Uint8Array } | { messages: Message[] }>>();
  readonly runner: PipelineRunner;
  private readonly run: PipelineRunner;
  private readonly spec: PipelineGradeSpec;
  private readonly ctx: GradeContext;
  constructor(spec: PipelineGradeSpec, ctx: GradeContext, run: PipelineRunner) {
    this.spec = spec;
    this.ctx = ctx;
    this.run = run;
    this.runner = async (pipeline, options) => {
      const result = await run(pipeline, options);
      const copy = this.copyOf(options.databaseBytes);
      if (options.runs === 1 && copy && !this.kept.get(pipeline)?.has(copy)) this.keep(pipeline, copy, runProblems(result));
      return result;
    };
  }

  private copyOf(bytes: Uint8Array): DatabaseCopy | null {
    if (bytes === this.ctx.databases.bytes(this.spec.database, 'visible')) return 'visible';
    if (bytes === this.ctx.databases.bytes(this.spec.database, 'variant')) return 'variant';
    return null;
  }

  private keep(pipeline: Pipeline, copy: DatabaseCopy, problems: Message[]): void {
    const entry = problems.length > 0 || !canExport(this.ctx.engine) ? { messages: problems } : { bytes: this.ctx.engine.database().export() };
    const byCopy = this.kept.get(pipeline) ?? new Map<DatabaseCopy, { bytes: Uint8Array } | { messages: Message[] }>();
    byCopy.set(copy, entry);
    this.kept.set(pipeline, byCopy);
  }

  /** The database a pipeline leaves on a copy (run now when the pipeline grader did not run it), or why there is none. */
  async of(pipeline: Pipeline, copy: DatabaseCopy): Promise<{ bytes: Uint8Array } | { messages: Message[] }> {
    const known = this.kept.get(pipeline)?.get(copy);
    if (known) return known;
    const bytes = this.ctx.databases.bytes(this.spec.database, copy);
    const lake = this.ctx.lakes?.reader(this.spec.lake, copy) ?? null;
    if (!bytes) return { messages: [message('no-database', { database: this.spec.database })] };
    if (!lake) return { messages: [message('no-lake', { lake: this.spec.lake })] };
    const result = await this.run(pipeline, {
      engine: this.ctx.engine,
      lake,
      ds: logicalDateFor(this.spec.ds, this.spec.reference),
      databaseBytes: bytes,
      setup: undefined,
      runs: 1,
    });
    this.keep(pipeline, copy, runProblems(result));
    return this.kept.get(pipeline)?.get(copy) ?? { messages: runProblems(result) };
  }
}

/** A grading context whose LOADED database is the given loads (visible and variant). */
function loadedContext(ctx: GradeContext, visible: Uint8Array, variant: Uint8Array | null): GradeContext {
  return {
    ...ctx,
    databases: { bytes: (id, copy) => (id === LOADED ? (copy === 'visible' ? visible : variant) : ctx.databases.bytes(id, copy)) },
  };
}

function periodsDiffer(a: MetricSeries, b: MetricSeries, tolerance: Tolerance): boolean {
  const d = diffSeries(a, b, tolerance);
  return d.missing.length + d.extra.length + d.duplicated.length + d.values.length > 0;
}

/** Stage 2: the KPI on the reference's load (both copies), then on the learner's own. */
function gradeKpi(spec: CapstoneGradeSpec, sql: string, ctx: GradeContext, reference: { visible: Uint8Array; variant: Uint8Array | null }, own: Uint8Array | null): { status: CapstoneStageStatus; messages: Message[]; verdict: Verdict } {
  const metric = {
    database: LOADED,
    solution: spec.kpi.solution,
    grains: spec.kpi.grains,
    range: spec.kpi.range,
    tolerance: spec.kpi.tolerance,
    knownWrong: spec.kpi.knownWrong,
  };
  const onReference = gradeMetric(metric, sql, loadedContext(ctx, reference.visible, reference.variant));
  if (!onReference.pass) return { status: 'failed', messages: onReference.messages, verdict: onReference };
  if (own === null) return { status: 'blocked', messages: [message('capstone-own-load-missing', {})], verdict: onReference };
  // Right on the reference's load: is it also what the learner's own load gives (their dashboard's numbers)?
  const ownCtx = loadedContext(ctx, own, null);
  const refCtx = loadedContext(ctx, reference.visible, null);
  const want = metricSeries(refCtx, LOADED, 'visible', spec.kpi.solution, spec.kpi.grains, spec.kpi.range);
  const got = metricSeries(ownCtx, LOADED, 'visible', sql, spec.kpi.grains, spec.kpi.range);
  if (!('series' in want)) return { status: 'failed', messages: [want.message], verdict: failed([want.message]) };
  if (!('series' in got)) return { status: 'failed', messages: [message('capstone-kpi-own-load', { grain: spec.kpi.grains[0] ?? 'month', details: [got.message] })], verdict: onReference };
  for (const [i, expected] of want.series.entries()) {
    const actual = got.series[i] as MetricSeries;
    if (!periodsDiffer(expected, actual, spec.kpi.tolerance)) continue;
    const d = diffSeries(expected, actual, spec.kpi.tolerance);
    const first = d.values[0];
    const details: Message[] = first
      ? [message('metric-values-differ', { grain: d.grain, count: d.values.length, period: first.period, expected: first.expected, actual: first.actual })]
      : d.missing.length > 0
        ? [message('metric-periods-missing', { grain: d.grain, count: d.missing.length, examples: d.missing.slice(0, 5) })]
        : [message('metric-periods-extra', { grain: d.grain, count: d.extra.length, examples: d.extra.slice(0, 5) })];
    const table = (s: MetricSeries) => toResultTable({ columns: [{ name: 'period' }, { name: 'value' }], rows: s.rows });
    return {
      status: 'failed',
      messages: [message('capstone-kpi-own-load', { grain: d.grain, details })],
      verdict: { pass: false, messages: [], expected: table(expected), actual: table(actual) },
    };
  }
  return { status: 'passed', messages: [], verdict: onReference };
}

/** The periods a tile computes: its series at its grain over its range (a KPI tile: the last whole period and the one before). */
function tilePeriods(ctx: GradeContext, sql: string, grain: Grain, range: DateRange): { rows: [Cell, Cell][] } | { message: Message } {
  const got = metricSeries(ctx, LOADED, 'visible', sql, [grain], range);
  if (!('series' in got)) return got;
  return { rows: got.series[0]?.rows ?? [] };
}

/** Stage 3: the tile's kind, metric, grain and range, judged by the periods it computes. */
function gradeTile(spec: CapstoneGradeSpec, tile: CapstoneTileAnswer, ctx: GradeContext): { status: CapstoneStageStatus; messages: Message[] } {
  const messages: Message[] = [];
  if (tile.metricId !== spec.kpi.metricId) messages.push(message('capstone-tile-metric', { expected: spec.kpi.metricId, actual: tile.metricId }));
  if (!spec.tile.kinds.includes(tile.kind)) messages.push(message('capstone-tile-kind', { expected: [...spec.tile.kinds], actual: tile.kind }));
  if (tile.grain !== spec.tile.grain) messages.push(message('capstone-tile-grain', { expected: spec.tile.grain, actual: tile.grain }));
  else {
    const want = tilePeriods(ctx, spec.kpi.solution, spec.tile.grain, spec.tile.range);
    const got = tilePeriods(ctx, spec.kpi.solution, tile.grain, tile.range);
    if ('message' in want) return { status: 'failed', messages: [want.message] };
    if ('message' in got) return { status: 'failed', messages: [got.message] };
    const wanted = new Set(want.rows.map((r) => String(r[0])));
    const shown = new Set(got.rows.map((r) => String(r[0])));
    const missing = [...wanted].filter((p) => !shown.has(p));
    const extra = [...shown].filter((p) => !wanted.has(p));
    if (missing.length + extra.length > 0)
      messages.push(message('capstone-tile-periods', { grain: tile.grain, missing: missing.slice(0, 5), extra: extra.slice(0, 5), range: tile.range }));
  }
  if (messages.length === 0) return { status: 'passed', messages };
  const known = spec.tile.knownWrong.find(
    (k) => k.feedback && k.tile.kind === tile.kind && k.tile.grain === tile.grain && k.tile.range.from === tile.range.from && k.tile.range.to === tile.range.to,
  );
  return { status: 'failed', messages: known?.feedback ? [message('known-mistake', { feedback: known.feedback }), ...messages] : messages };
}

/** Stage 4: the call (one choice) and its reasons (all the right ones, none of the wrong). */
function gradeDecision(spec: CapstoneGradeSpec, decision: CapstoneDecisionAnswer): { status: CapstoneStageStatus; messages: Message[] } {
  const messages: Message[] = [];
  if (decision.choice === null || decision.choice === '') messages.push(message('capstone-no-call', {}));
  else messages.push(...gradeChoice({ choices: spec.decision.choices, reasonRequired: false, knownWrong: [] }, { selected: [decision.choice] }).messages);
  if (decision.reasons.length === 0) messages.push(message('reasons-missing', {}));
  else messages.push(...gradeChoice({ choices: spec.decision.reasons, reasonRequired: false, knownWrong: [] }, { selected: decision.reasons }).messages);
  if (messages.length === 0) return { status: 'passed', messages };
  const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));
  const known = spec.decision.knownWrong.find(
    (k) =>
      k.feedback &&
      (k.choice === undefined || k.choice === decision.choice) &&
      (k.reasons === undefined || same(k.reasons, decision.reasons)) &&
      (k.choice !== undefined || k.reasons !== undefined),
  );
  return { status: 'failed', messages: known?.feedback ? [message('known-mistake', { feedback: known.feedback }), ...messages] : messages };
}

/** The verdict of the four stages: the first failing stage leads with its messages; a summary of all four ends it. */
export function capstoneVerdict(results: readonly CapstoneStageResult[], shown: Pick<Verdict, 'expected' | 'actual'> = { expected: null, actual: null }): Verdict {
  // A broken reference or a missing file is the lesson's problem: say only that.
  const authored = results.flatMap((r) => r.messages).find(isAuthorFacing);
  if (authored) return failed([authored]);
  const summary = message('capstone-stages', { stages: results.map((r) => ({ stage: r.stage, status: r.status, messages: r.messages })) });
  const first = results.find((r) => r.status !== 'passed');
  if (!first) return { pass: true, messages: [], ...shown };
  const index = CAPSTONE_STAGES.indexOf(first.stage) + 1;
  return { pass: false, messages: [message('capstone-stage-failed', { stage: first.stage, index }), ...first.messages, summary], ...shown };
}

/** Grades a capstone answer (see the file comment). */
export async function gradeCapstone(spec: CapstoneGradeSpec, answer: CapstoneAnswer, ctx: GradeContext, run: PipelineRunner): Promise<Verdict> {
  const loads = new Loads(spec.load, ctx, run);
  const loadVerdict = await gradePipeline(spec.load, answer.pipeline, ctx, loads.runner);
  const results: CapstoneStageResult[] = [{ stage: 'load', status: loadVerdict.pass ? 'passed' : 'failed', messages: loadVerdict.messages }];

  const refVisible = await loads.of(spec.load.reference, 'visible');
  if ('messages' in refVisible) {
    const why = refVisible.messages[0];
    const problem =
      why && isAuthorFacing(why)
        ? why
        : message('lesson-error', {
            message: `the reference pipeline does not run: ${refVisible.messages.map((m) => (m.code === 'task-failed' ? `${m.params.task}: ${m.params.error}` : m.code)).join('; ')}`,
          });
    return failed([problem]);
  }
  const hasVariant = spec.load.variant && !!ctx.databases.bytes(spec.load.database, 'variant') && !!ctx.lakes?.reader(spec.load.lake, 'variant');
  const refVariant = hasVariant ? await loads.of(spec.load.reference, 'variant') : null;
  const reference = { visible: refVisible.bytes, variant: refVariant && 'bytes' in refVariant ? refVariant.bytes : null };
  const own = await loads.of(answer.pipeline, 'visible');

  const kpi = gradeKpi(spec, answer.metric.sql, ctx, reference, 'bytes' in own ? own.bytes : null);
  results.push({ stage: 'kpi', status: kpi.status, messages: kpi.messages });
  results.push({ stage: 'tile', ...gradeTile(spec, answer.tile, loadedContext(ctx, reference.visible, null)) });
  results.push({ stage: 'decision', ...gradeDecision(spec, answer.decision) });
  // The comparison tables follow the first failing stage that has them (the load's rows, or the KPI's series).
  const firstFailing = results.find((r) => r.status !== 'passed')?.stage;
  const shown = firstFailing === 'load' ? loadVerdict : firstFailing === 'kpi' ? kpi.verdict : { expected: null, actual: null };
  return capstoneVerdict(results, { expected: shown.expected, actual: shown.actual });
}
