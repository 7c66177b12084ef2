import type { Localized } from '../lessons/localized.ts';
import type { Cell, ResultSet } from '../sql/protocol.ts';
import { readout } from '../stats/index.ts';
import type { ArmCounts, Decision, Readout } from '../stats/types.ts';
import { gradeChoice, type ChoiceOption } from './choice-grader.ts';
import { toResultTable, type Verdict } from './compare.ts';
import { finalResult, GRADE_MAX_ROWS, runOnFreshCopy, type DatabaseCopy, type GradeContext } from './engine.ts';
import { message, type Message } from './messages.ts';
import { failed, hardCodedLiterals, runFailure } from './query-grader.ts';

/**
 * Grades an experiment step: the learner's query returns one row per arm (`variant`, `users`,
 * `conversions`); its counts must equal the reference's on the lesson's data and on the hidden
 * variant. The call is graded apart from the counts: it must be the step's decision, and when the
 * sample-ratio check fails, reading the effect anyway gets its own message with the check's
 * p-value. The reasons picked must be exactly the correct ones, each wrong one explained.
 */

/** The arms every experiment step reads, in the order of the planned split. */
export const ARMS = ['control', 'treatment'] as const;

/** The columns the per-arm query returns. */
export const ARM_COLUMNS = ['variant', 'users', 'conversions'] as const;

/** The answer to an experiment step. */
export interface ExperimentGradeAnswer {
  sql: string;
  decision: Decision | null;
  reasons: string[];
}

/** Everything an experiment step's grading needs. */
export interface ExperimentGradeSpec {
  database: string;
  setup?: string | undefined;
  /** experiment_id, to read its planned split. */
  experiment: string;
  solution: string;
  decision: Decision;
  reasons: readonly ChoiceOption[];
  alpha: number;
  mde?: number | undefined;
  knownWrong: readonly {
    sql?: string | undefined;
    decision?: Decision | undefined;
    reasons?: readonly string[] | undefined;
    feedback?: Localized | undefined;
  }[];
}

/** Per-arm counts read from a result, or messages saying why they cannot be. */
export type ArmsOutcome = { control: ArmCounts; treatment: ArmCounts; result: ResultSet } | { messages: Message[]; result?: ResultSet };

function columnIndex(result: ResultSet, name: string): number {
  return result.columns.findIndex((c) => c.name.toLowerCase() === name);
}

/** Reads one row per arm from a result (columns variant, users, conversions, matched case-insensitively). */
export function armsOf(result: ResultSet): ArmsOutcome {
  const names = result.columns.map((c) => c.name);
  const missing = ARM_COLUMNS.filter((c) => columnIndex(result, c) < 0);
  if (missing.length > 0) {
    const instead = names.filter((n) => !ARM_COLUMNS.includes(n.toLowerCase() as (typeof ARM_COLUMNS)[number]));
    return { messages: [message('missing-columns', { columns: [...missing], instead })], result };
  }
  const [v, u, c] = ARM_COLUMNS.map((name) => columnIndex(result, name)) as [number, number, number];
  const messages: Message[] = [];
  const found = result.rows.map((r) => r[v] ?? null);
  const extra: Cell[] = [];
  const seen = new Set<string>();
  for (const value of found) {
    const isArm = typeof value === 'string' && (ARMS as readonly string[]).includes(value);
    if (!isArm || seen.has(value)) extra.push(value);
    if (isArm) seen.add(value);
  }
  for (const arm of ARMS) if (!seen.has(arm)) messages.push(message('arm-missing', { arm, found }));
  if (extra.length > 0) messages.push(message('arm-extra-rows', { values: extra }));
  if (messages.length > 0) return { messages, result };
  const arm = (name: string): ArmCounts => {
    const row = result.rows.find((r) => r[v] === name) as Cell[];
    return { name, users: row[u] as number, conversions: row[c] as number };
  };
  return { control: arm('control'), treatment: arm('treatment'), result };
}

/** Runs a per-arm query on a fresh copy and reads its arms. */
function runArms(spec: ExperimentGradeSpec, ctx: GradeContext, copy: DatabaseCopy, sql: string): ArmsOutcome {
  const outcome = runOnFreshCopy(ctx, spec.database, copy, spec.setup, sql);
  const failure = runFailure(outcome);
  if (failure || !outcome.ok) return { messages: [failure ?? message('not-a-select', {})] };
  const result = finalResult(outcome.results);
  if (!result) return { messages: [message('not-a-select', {})] };
  if (result.truncated) return { messages: [message('too-many-rows', { limit: GRADE_MAX_ROWS })] };
  return armsOf(result);
}

/** The reference's arms; a failure is the lesson's. */
export function referenceArms(spec: ExperimentGradeSpec, ctx: GradeContext, copy: DatabaseCopy): ArmsOutcome {
  const got = runArms(spec, ctx, copy, spec.solution);
  if (!('messages' in got) || got.messages.some((m) => m.code === 'no-database')) return got;
  return {
    messages: [message('lesson-error', { message: `reference solution (${copy}): ${got.messages.map((m) => m.code).join(', ')}` })],
  };
}

/** The experiment's planned split [control, treatment] from its table (experiments or exp_experiments), else even. */
export function plannedRatio(spec: Pick<ExperimentGradeSpec, 'database' | 'setup' | 'experiment'>, ctx: GradeContext): [number, number] {
  const id = spec.experiment.replaceAll("'", "''");
  for (const table of ['experiments', 'exp_experiments']) {
    const outcome = runOnFreshCopy(
      ctx,
      spec.database,
      'visible',
      spec.setup,
      `SELECT control_share, treatment_share FROM ${table} WHERE experiment_id = '${id}'`,
    );
    const row = outcome.ok ? finalResult(outcome.results)?.rows[0] : undefined;
    if (row && typeof row[0] === 'number' && typeof row[1] === 'number') return [row[0], row[1]];
  }
  return [0.5, 0.5];
}

/** The readout of per-arm counts, or null when they cannot make one (a count above its total, an empty arm). */
export function readoutOf(
  spec: Pick<ExperimentGradeSpec, 'alpha' | 'mde'>,
  arms: { control: ArmCounts; treatment: ArmCounts },
  ratio: [number, number],
): Readout | null {
  try {
    return readout({ control: arms.control, treatment: arms.treatment, plannedRatio: ratio, alpha: spec.alpha, mde: spec.mde });
  } catch {
    return null;
  }
}

/** Messages for counts that differ from the reference's. */
function compareCounts(
  expected: { control: ArmCounts; treatment: ArmCounts },
  actual: { control: ArmCounts; treatment: ArmCounts },
): Message[] {
  const out: Message[] = [];
  for (const arm of ARMS) {
    for (const column of ['users', 'conversions'] as const) {
      const want = expected[arm][column];
      const got: Cell = actual[arm][column];
      if (got === want) continue;
      if (typeof got === 'number' && got > want) out.push(message('arm-double-counted', { arm, column, expected: want, actual: got }));
      else out.push(message('arm-count-wrong', { arm, column, expected: want, actual: got }));
    }
  }
  return out;
}

function table(result: ResultSet | undefined): Verdict['expected'] {
  return result ? toResultTable(result) : null;
}

/** Messages about the call, from the readout of the reference's numbers. */
function gradeDecision(spec: ExperimentGradeSpec, decision: Decision | null, reference: Readout | null): Message[] {
  if (decision === null) return [message('decision-missing', {})];
  if (decision === spec.decision) return [];
  if (reference?.srm.mismatch && decision !== 'invalid') {
    return [message('srm-ignored', { decision, pValue: reference.srm.pValue, threshold: reference.srm.threshold })];
  }
  if (reference && !reference.srm.mismatch && decision === 'invalid') {
    return [message('srm-not-failed', { pValue: reference.srm.pValue, threshold: reference.srm.threshold })];
  }
  const e = reference?.effect;
  return [
    message('decision-wrong', {
      decision,
      effect: e ? { diff: e.absoluteDiff, low: e.ci.newcombe.low, high: e.ci.newcombe.high, pValue: e.pValue, alpha: e.alpha } : null,
    }),
  ];
}

/** Messages about the reasons picked: exactly the correct ones. */
function gradeReasons(spec: ExperimentGradeSpec, reasons: readonly string[]): Message[] {
  if (reasons.length === 0) return [message('reasons-missing', {})];
  return gradeChoice({ choices: spec.reasons, reasonRequired: false, knownWrong: [] }, { selected: [...reasons] }).messages;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const sa = new Set(a);
  const sb = new Set(b);
  return sa.size === sb.size && [...sa].every((x) => sb.has(x));
}

function sameCounts(a: { control: ArmCounts; treatment: ArmCounts }, b: { control: ArmCounts; treatment: ArmCounts }): boolean {
  return ARMS.every((arm) => a[arm].users === b[arm].users && a[arm].conversions === b[arm].conversions);
}

/**
 * The lesson's feedback for the first known mistake the answer makes: every part the known-wrong
 * answer gives matches (its query's counts on the same copy, its call, its set of reasons).
 */
function knownMistake(
  spec: ExperimentGradeSpec,
  answer: ExperimentGradeAnswer,
  counts: { control: ArmCounts; treatment: ArmCounts } | null,
  ctx: GradeContext,
): Message | null {
  for (const wrong of spec.knownWrong) {
    if (!wrong.feedback) continue;
    if (wrong.decision !== undefined && wrong.decision !== answer.decision) continue;
    if (wrong.reasons !== undefined && !sameSet(wrong.reasons, answer.reasons)) continue;
    if (wrong.sql !== undefined) {
      if (counts === null) continue;
      const known = runArms(spec, ctx, 'visible', wrong.sql);
      if ('messages' in known || !sameCounts(known, counts)) continue;
    }
    return message('known-mistake', { feedback: wrong.feedback });
  }
  return null;
}

/** Grades the learner's per-arm query, call and reasons. */
export function gradeExperiment(spec: ExperimentGradeSpec, answer: ExperimentGradeAnswer, ctx: GradeContext): Verdict {
  const reference = referenceArms(spec, ctx, 'visible');
  if ('messages' in reference) return failed(reference.messages);
  const ratio = plannedRatio(spec, ctx);
  const referenceReadout = readoutOf(spec, reference, ratio);
  const expected = table(reference.result);
  const messages: Message[] = [];
  const mine = runArms(spec, ctx, 'visible', answer.sql);
  let counts: { control: ArmCounts; treatment: ArmCounts } | null = null;
  if ('messages' in mine) messages.push(...mine.messages);
  else {
    counts = mine;
    const differ = compareCounts(reference, mine);
    messages.push(...differ);
    if (differ.length === 0) messages.push(...checkVariant(spec, answer.sql, reference, ctx));
  }
  messages.push(...gradeDecision(spec, answer.decision, referenceReadout));
  messages.push(...gradeReasons(spec, answer.reasons));
  if (messages.length > 0) {
    const known = knownMistake(spec, answer, counts, ctx);
    if (known) messages.unshift(known);
  }
  return { pass: messages.length === 0, messages, expected, actual: table(mine.result) };
}

/** Nothing when the counts are also right on the hidden variant (or there is none); otherwise why not. */
function checkVariant(spec: ExperimentGradeSpec, sql: string, visible: { result: ResultSet }, ctx: GradeContext): Message[] {
  if (!ctx.databases.bytes(spec.database, 'variant')) return [];
  const reference = referenceArms(spec, ctx, 'variant');
  // A reference that fails on the variant is a lesson bug the checker reports; do not blame the learner.
  if ('messages' in reference) return [];
  const mine = runArms(spec, ctx, 'variant', sql);
  const details = 'messages' in mine ? mine.messages : compareCounts(reference, mine);
  if (details.length === 0) return [];
  const literals = hardCodedLiterals(sql, spec.solution, visible.result, { absolute: 0, relative: 0 });
  if (literals.length > 0) return [message('hard-coded', { literals })];
  return [message('experiment-variant-differs', { details: details.slice(0, 2) })];
}
