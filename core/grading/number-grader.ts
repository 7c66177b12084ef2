import type { Localized } from '../lessons/localized.ts';
import { decimalPlaces, numbersClose, roundingClose, type Tolerance, type Verdict } from './compare.ts';
import { finalResult, runOnFreshCopy, type GradeContext } from './engine.ts';
import { message, type Message } from './messages.ts';

/** Grades a number step: the learner computes a value (in the sandbox) and types it in. */

/** Where a value comes from: a constant, or a one-cell query on the step's database (visible copy). */
export type NumberSolution = { value: number } | { sql: string };

/**
 * A known mistake: the value it gives, as a constant or as the query that makes the mistake on the
 * data (so it follows the data instead of hard-coding a number), and the lesson's feedback for it.
 */
export type NumberKnownWrong = NumberSolution & { feedback?: Localized | undefined };

/** Everything a number step's grading needs. */
export interface NumberGradeSpec {
  database: string;
  setup?: string | undefined;
  solution: NumberSolution;
  tolerance: Tolerance;
  knownWrong: readonly NumberKnownWrong[];
}

/** Reads a typed number, accepting thousands separators and spaces ("1,234.5"). */
export function parseNumber(text: string): number | null {
  const cleaned = text.trim().replace(/[,\s_]/g, '');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(cleaned)) return null;
  const value = Number(cleaned);
  return Number.isFinite(value) ? value : null;
}

/**
 * A constant's value, or the one numeric cell a query returns on the visible copy; otherwise why
 * not, as a message blaming the lesson (`what` names the query: 'reference solution' …).
 */
export function numberOf(
  spec: Pick<NumberGradeSpec, 'database' | 'setup'>,
  source: NumberSolution,
  ctx: GradeContext,
  what: string,
): { value: number } | { message: Message } {
  if ('value' in source) return { value: source.value };
  const outcome = runOnFreshCopy(ctx, spec.database, 'visible', spec.setup, source.sql);
  if (!outcome.ok) {
    if (outcome.stage === 'database') return { message: message('no-database', { database: outcome.database }) };
    return { message: message('lesson-error', { message: `${what}: ${outcome.error.message}` }) };
  }
  const result = finalResult(outcome.results);
  const cell = result && result.rows.length === 1 && result.columns.length === 1 ? result.rows[0]?.[0] : undefined;
  if (typeof cell !== 'number') return { message: message('lesson-error', { message: `${what} must return one numeric cell` }) };
  return { value: cell };
}

/** The expected value, or why it cannot be computed (a lesson bug). */
export function expectedNumber(spec: NumberGradeSpec, ctx: GradeContext): { value: number } | { message: Message } {
  return numberOf(spec, spec.solution, ctx, 'reference solution');
}

/** The value a known-wrong answer stands for, or why it cannot be computed (a lesson bug the checker reports). */
export function knownWrongNumber(spec: NumberGradeSpec, index: number, ctx: GradeContext): { value: number } | { message: Message } {
  const wrong = spec.knownWrong[index];
  if (!wrong) return { message: message('lesson-error', { message: `there is no known-wrong answer ${index + 1}` }) };
  return numberOf(spec, wrong, ctx, `known-wrong answer ${index + 1}`);
}

/** Decimal places the tolerance asks for: the fewest at which rounding stays within it. */
function placesNeeded(expected: number, tolerance: Tolerance): number {
  const allowed = Math.max(tolerance.absolute, tolerance.relative * Math.abs(expected));
  for (let d = 0; d <= 12; d++) if (0.5 * 10 ** -d <= allowed) return d;
  return decimalPlaces(expected);
}

/** Grades the typed value. */
export function gradeNumber(spec: NumberGradeSpec, text: string, ctx: GradeContext): Verdict {
  const expected = expectedNumber(spec, ctx);
  if ('message' in expected) return { pass: false, messages: [expected.message], expected: null, actual: null };
  const value = parseNumber(text);
  if (value === null) return { pass: false, messages: [message('not-a-number', { text: text.trim() })], expected: null, actual: null };
  if (numbersClose(expected.value, value, spec.tolerance)) return { pass: true, messages: [], expected: null, actual: null };
  const messages: Message[] = [
    roundingClose(expected.value, value)
      ? message('number-rounding', { decimals: placesNeeded(expected.value, spec.tolerance) })
      : message('number-wrong', {}),
  ];
  // The lesson's explanation of the mistake replaces the generic "not the value": one message per problem.
  const known = knownMistake(spec, value, ctx);
  if (known) return { pass: false, messages: [known], expected: null, actual: null };
  return { pass: false, messages, expected: null, actual: null };
}

/** The lesson's feedback for the first known mistake whose value the answer equals (within the tolerance), if any. */
function knownMistake(spec: NumberGradeSpec, value: number, ctx: GradeContext): Message | null {
  for (const [i, wrong] of spec.knownWrong.entries()) {
    if (!wrong.feedback) continue;
    // A known-wrong query that cannot be computed is a lesson bug the checker reports; skip it here.
    const known = knownWrongNumber(spec, i, ctx);
    if ('value' in known && numbersClose(known.value, value, spec.tolerance)) return message('known-mistake', { feedback: wrong.feedback });
  }
  return null;
}
