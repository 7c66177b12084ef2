import type { Localized } from '../lessons/localized.ts';
import { decimalPlaces, numbersClose, roundingClose, type Tolerance, type Verdict } from './compare.ts';
import { finalResult, runOnFreshCopy, type GradeContext } from './engine.ts';
import { message, type Message } from './messages.ts';

/** Grades a number step: the learner computes a value (in the sandbox) and types it in. */

/** Where the expected value comes from: a constant, or a one-cell query on the step's database. */
export type NumberSolution = { value: number } | { sql: string };

/** Everything a number step's grading needs. */
export interface NumberGradeSpec {
  database: string;
  setup?: string | undefined;
  solution: NumberSolution;
  tolerance: Tolerance;
  knownWrong: readonly { value: number; feedback?: Localized | undefined }[];
}

/** Reads a typed number, accepting thousands separators and spaces ("1,234.5"). */
export function parseNumber(text: string): number | null {
  const cleaned = text.trim().replace(/[,\s_]/g, '');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(cleaned)) return null;
  const value = Number(cleaned);
  return Number.isFinite(value) ? value : null;
}

/** The expected value, or why it cannot be computed (a lesson bug). */
export function expectedNumber(spec: NumberGradeSpec, ctx: GradeContext): { value: number } | { message: Message } {
  if ('value' in spec.solution) return { value: spec.solution.value };
  const outcome = runOnFreshCopy(ctx, spec.database, 'visible', spec.setup, spec.solution.sql);
  if (!outcome.ok) {
    if (outcome.stage === 'database') return { message: message('no-database', { database: outcome.database }) };
    return { message: message('lesson-error', { message: `reference solution: ${outcome.error.message}` }) };
  }
  const result = finalResult(outcome.results);
  const cell = result && result.rows.length === 1 && result.columns.length === 1 ? result.rows[0]?.[0] : undefined;
  if (typeof cell !== 'number')
    return { message: message('lesson-error', { message: 'the reference query must return one numeric cell' }) };
  return { value: cell };
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
      : message('number-wrong', { direction: value > expected.value ? 'high' : 'low' }),
  ];
  const known = spec.knownWrong.find((k) => k.feedback && numbersClose(k.value, value, spec.tolerance));
  if (known?.feedback) messages.push(message('known-mistake', { feedback: known.feedback }));
  return { pass: false, messages, expected: null, actual: null };
}
