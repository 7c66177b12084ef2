import type { LakeReader } from '../pipeline/lake.ts';
import type { Pipeline, TaskState } from '../pipeline/schema.ts';
import type { Tolerance, Verdict } from './compare.ts';
import type { Localized } from '../lessons/localized.ts';
import { diffTargets, readTargets, sameTargets, type BuildTarget } from './build-grader.ts';
import type { DatabaseCopy, GradeContext, GradingEngine } from './engine.ts';
import { message, type Message } from './messages.ts';
import { failed, setupFor } from './query-grader.ts';

/**
 * Grades a pipeline step: the learner's saved pipeline and the reference pipeline each run on a
 * fresh copy of the step's database, extracting from the lake, and the target tables they leave
 * behind are diffed as a build step's are (which rows and columns differ). A pipeline right on
 * the step's data must also be right for another logical date (a date written into the SQL
 * instead of {{ ds }}), on a second run over its own output (a blind INSERT), and on the hidden
 * variant database with the variant lake (a rule the visible data never tests). A known-wrong
 * pipeline's feedback is given to an answer that fails the same way at the same stage.
 */

/** One task as a run left it. */
export interface TaskOutcome {
  id: string;
  state: TaskState;
  /** The error of a failed task, as the runner words it. */
  error?: string | null | undefined;
  /** The line of the error, when the engine gave one, and what it counts in (the SQL that ran, the SQL template, the lake path template). */
  line?: number | undefined;
  in?: 'sql' | 'template' | 'path' | undefined;
}

/** What a pipeline run reports: its tasks, or why it could not start (a cycle, an unknown task). */
export type PipelineRunResult = { ok: true; tasks: TaskOutcome[] } | { ok: false; invalid: string };

/**
 * Runs a pipeline on a fresh copy of a database (its bytes, then the setup SQL) with the grader's
 * engine, reading the lake, `runs` times in a row (2: the second run goes over the first's
 * output); the targets are then read from the engine. The grader's view of the pipeline engine.
 */
export type PipelineRunner = (
  pipeline: Pipeline,
  options: { engine: GradingEngine; lake: LakeReader; ds: string; databaseBytes: Uint8Array; setup: string | undefined; runs: 1 | 2 },
) => Promise<PipelineRunResult>;

/** Everything a pipeline step's grading needs. */
export interface PipelineGradeSpec {
  database: string;
  setup?: string | undefined;
  lake: string;
  /** The logical date the step runs for, or null for a pipeline without {{ ds }}. */
  ds: string | null;
  /** Other logical dates the pipeline must also be right for. */
  otherDs: readonly string[];
  /** Run the learner's pipeline twice: the second run must change no target. */
  idempotent: boolean;
  /** Also run on the hidden variant database and lake, when they exist. */
  variant: boolean;
  reference: Pipeline;
  targets: readonly BuildTarget[];
  tolerance: Tolerance;
  /** Known mistakes; an answer that leaves the same targets behind as one gets its feedback. */
  knownWrong: readonly { pipeline: Pipeline; feedback?: Localized | undefined }[];
}

type State = ReturnType<typeof readTargets>;

/** The logical date of a step that names none and whose reference has no schedule: the last day of the data. */
export const DEFAULT_DS = '2025-12-31';

/** The messages of a run that did not finish: the pipeline could not start, or tasks failed. */
export function runProblems(result: PipelineRunResult): Message[] {
  if (!result.ok) return [message('pipeline-invalid', { message: result.invalid })];
  const out: Message[] = [];
  for (const task of result.tasks) {
    if (task.state === 'failed') {
      const where = { ...(task.line !== undefined ? { line: task.line } : {}), ...(task.in !== undefined ? { in: task.in } : {}) };
      out.push(message('task-failed', { task: task.id, error: task.error ?? '', ...where }));
    }
  }
  const notRun = result.tasks.filter((t) => t.state === 'upstream_failed' || t.state === 'skipped' || t.state === 'pending').map((t) => t.id);
  if (notRun.length > 0 && out.length > 0) out.push(message('tasks-not-run', { tasks: notRun }));
  return out;
}

/** The logical date a step is graded for: its own, else its reference's schedule start, else DEFAULT_DS (the lesson player starts the workbench on it). */
export function logicalDateFor(ds: string | null, reference: Pick<Pipeline, 'schedule'>): string {
  return ds ?? reference.schedule?.start ?? DEFAULT_DS;
}

/** The date a run is for (a pipeline without {{ ds }} ignores it). */
function dateOf(spec: PipelineGradeSpec, ds: string | null): string {
  return logicalDateFor(ds, spec.reference);
}

/** Runs the pipeline on a fresh copy (twice in a row for `runs` 2); the targets, or why there are none. */
async function runFresh(
  spec: PipelineGradeSpec,
  ctx: GradeContext,
  run: PipelineRunner,
  copy: DatabaseCopy,
  pipeline: Pipeline,
  ds: string | null,
  runs: 1 | 2 = 1,
): Promise<{ state: State } | { messages: Message[] }> {
  const bytes = ctx.databases.bytes(spec.database, copy);
  if (!bytes) return { messages: [message('no-database', { database: spec.database })] };
  const lake = ctx.lakes?.reader(spec.lake, copy) ?? null;
  if (!lake) return { messages: [message('no-lake', { lake: spec.lake })] };
  const result = await run(pipeline, {
    engine: ctx.engine,
    lake,
    ds: dateOf(spec, ds),
    databaseBytes: bytes,
    setup: setupFor(copy, spec.setup),
    runs,
  });
  const problems = runProblems(result);
  if (problems.length > 0) return { messages: problems };
  return { state: readTargets(ctx, spec.targets) };
}

/** The reference's targets; a reference that does not run is the lesson's fault. */
async function referenceState(
  spec: PipelineGradeSpec,
  ctx: GradeContext,
  run: PipelineRunner,
  copy: DatabaseCopy,
  ds: string | null,
): Promise<{ state: State } | { message: Message }> {
  const outcome = await runFresh(spec, ctx, run, copy, spec.reference, ds);
  if ('state' in outcome) return outcome;
  const first = outcome.messages[0];
  if (first && (first.code === 'no-database' || first.code === 'no-lake' || first.code === 'lesson-error')) return { message: first };
  return { message: message('lesson-error', { message: `the reference pipeline does not run: ${describe(outcome.messages)}` }) };
}

function describe(messages: readonly Message[]): string {
  return messages
    .map((m) => (m.code === 'task-failed' ? `${m.params.task}: ${m.params.error}` : m.code === 'pipeline-invalid' ? m.params.message : m.code))
    .join('; ');
}

/**
 * Where and how a pipeline failed, so a known-wrong pipeline that fails the same way can be
 * recognised: its first run fails with the same tasks and errors (or is refused the same way), it
 * runs but leaves the same graded rows, its second run fails or changes the same table, it differs
 * on the same other date, or it differs only on the hidden variant.
 */
type Failure =
  | { stage: 'run'; problems: string[] }
  | { stage: 'rows'; state: State }
  | { stage: 'twice'; problems: string[] }
  | { stage: 'not-idempotent'; table: string }
  | { stage: 'ds'; ds: string }
  | { stage: 'variant' };

/** The stages in the order the grader runs them; a known mistake is run no further than the answer failed. */
const STAGES: readonly Failure['stage'][] = ['run', 'rows', 'twice', 'not-idempotent', 'ds', 'variant'];

/** The failing tasks with their errors (and a refusal), in a stable order: a run's failure fingerprint. */
function problemKeys(messages: readonly Message[]): string[] {
  const keys: string[] = [];
  for (const m of messages) {
    if (m.code === 'task-failed') keys.push(`task ${m.params.task}: ${m.params.error}`);
    else if (m.code === 'pipeline-invalid') keys.push(`invalid: ${m.params.message}`);
  }
  return keys.sort();
}

/** Whether two failures are the same mistake (see Failure). */
function sameFailure(spec: PipelineGradeSpec, known: Failure, answer: Failure, reference: State): boolean {
  switch (answer.stage) {
    case 'run':
    case 'twice':
      return known.stage === answer.stage && known.problems.join('\n') === answer.problems.join('\n');
    case 'rows':
      return known.stage === 'rows' && sameTargets(spec.targets, known.state, answer.state, spec.tolerance, reference);
    case 'not-idempotent':
      return known.stage === 'not-idempotent' && known.table.toLowerCase() === answer.table.toLowerCase();
    case 'ds':
      return known.stage === 'ds' && known.ds === answer.ds;
    case 'variant':
      return known.stage === 'variant';
  }
}

/** The reference's targets per copy and date, each run once per grading. */
type References = (copy: DatabaseCopy, ds: string | null) => Promise<{ state: State } | { message: Message }>;

function referencesFor(spec: PipelineGradeSpec, ctx: GradeContext, run: PipelineRunner): References {
  const cache = new Map<string, Promise<{ state: State } | { message: Message }>>();
  return (copy, ds) => {
    const key = `${copy} ${ds ?? ''}`;
    let found = cache.get(key);
    if (!found) {
      found = referenceState(spec, ctx, run, copy, ds);
      cache.set(key, found);
    }
    return found;
  };
}

/**
 * Runs a pipeline through the grader's checks in order (see the file comment) and stops at the
 * first that fails: its verdict, and where it failed (null when it passes). `until` stops after
 * that stage, for a known mistake compared with an answer that failed there.
 */
async function evaluate(
  spec: PipelineGradeSpec,
  ctx: GradeContext,
  run: PipelineRunner,
  references: References,
  pipeline: Pipeline,
  until: Failure['stage'] = 'variant',
): Promise<{ verdict: Verdict; failure: Failure | null }> {
  const reaches = (stage: Failure['stage']): boolean => STAGES.indexOf(stage) <= STAGES.indexOf(until);
  const reference = await references('visible', spec.ds);
  if ('message' in reference) return { verdict: failed([reference.message]), failure: null };
  const first = await runFresh(spec, ctx, run, 'visible', pipeline, spec.ds);
  if ('messages' in first) return { verdict: failed(first.messages), failure: { stage: 'run', problems: problemKeys(first.messages) } };
  const verdict = diffTargets(spec.targets, reference.state, first.state, spec.tolerance);
  if (!verdict.pass) return { verdict, failure: { stage: 'rows', state: first.state } };
  const passed = { verdict, failure: null };

  if (spec.idempotent && reaches('twice')) {
    // Twice in a row on one copy: the second run goes over the first's output.
    const twice = await runFresh(spec, ctx, run, 'visible', pipeline, spec.ds, 2);
    if ('messages' in twice)
      return { verdict: { ...verdict, pass: false, messages: twice.messages }, failure: { stage: 'twice', problems: problemKeys(twice.messages) } };
    const changed = diffTargets(spec.targets, reference.state, twice.state, spec.tolerance);
    if (!changed.pass) {
      const table = changed.messages.find((m) => m.table !== undefined)?.table ?? spec.targets[0]?.name ?? '';
      return {
        verdict: { ...changed, messages: [message('not-idempotent', { table, details: changed.messages.slice(0, 2) })] },
        failure: { stage: 'not-idempotent', table },
      };
    }
  }

  if (reaches('ds')) {
    for (const ds of spec.otherDs) {
      const want = await references('visible', ds);
      if ('message' in want) return { verdict: failed([want.message]), failure: null };
      const got = await runFresh(spec, ctx, run, 'visible', pipeline, ds);
      const details = 'messages' in got ? got.messages : diffTargets(spec.targets, want.state, got.state, spec.tolerance).messages;
      if (details.length > 0)
        return {
          verdict: { ...verdict, pass: false, messages: [message('ds-differs', { ds, details: details.slice(0, 2) })] },
          failure: { stage: 'ds', ds },
        };
    }
  }

  if (reaches('variant') && spec.variant && ctx.databases.bytes(spec.database, 'variant') && ctx.lakes?.reader(spec.lake, 'variant')) {
    const want = await references('variant', spec.ds);
    // A reference that fails on the variant is a lesson bug the checker reports; do not blame the learner.
    if ('state' in want) {
      const got = await runFresh(spec, ctx, run, 'variant', pipeline, spec.ds);
      const details = 'messages' in got ? got.messages : diffTargets(spec.targets, want.state, got.state, spec.tolerance).messages;
      if (details.length > 0)
        return {
          verdict: { ...verdict, pass: false, messages: [message('variant-differs', { details: details.slice(0, 2) })] },
          failure: { stage: 'variant' },
        };
    }
  }
  return passed;
}

/** The lesson's feedback for the first known mistake that fails the way the answer does, if any. */
async function knownMistake(
  spec: PipelineGradeSpec,
  ctx: GradeContext,
  run: PipelineRunner,
  references: References,
  answer: Failure,
  reference: State,
): Promise<Message | null> {
  for (const wrong of spec.knownWrong) {
    if (!wrong.feedback) continue;
    const known = await evaluate(spec, ctx, run, references, wrong.pipeline, answer.stage);
    if (known.failure && sameFailure(spec, known.failure, answer, reference)) return message('known-mistake', { feedback: wrong.feedback });
  }
  return null;
}

/** Grades the learner's pipeline (see the file comment for the order of the checks). */
export async function gradePipeline(spec: PipelineGradeSpec, answer: Pipeline, ctx: GradeContext, run: PipelineRunner): Promise<Verdict> {
  const references = referencesFor(spec, ctx, run);
  const reference = await references('visible', spec.ds);
  if ('message' in reference) return failed([reference.message]);
  const { verdict, failure } = await evaluate(spec, ctx, run, references, answer);
  if (failure) {
    // The lesson's explanation of this mistake leads; the generic messages say where it shows.
    const known = await knownMistake(spec, ctx, run, references, failure, reference.state);
    if (known) return { ...verdict, messages: [known, ...verdict.messages] };
  }
  return verdict;
}
