import type { Localized } from '../lessons/localized.ts';
import type { ResultSet } from '../sql/protocol.ts';
import { tokenizeSql, type SqlToken } from '../sql/sql-tokens.ts';
import { compareResults, numbersClose, toResultTable, type CompareOptions, type ResultLike, type Tolerance, type Verdict } from './compare.ts';
import { finalResult, GRADE_MAX_ROWS, runOnFreshCopy, type DatabaseCopy, type GradeContext, type RunOutcome } from './engine.ts';
import { message, type Message } from './messages.ts';

/** Grades a query step: run the reference and the answer on fresh copies, compare, then re-run on the variant. */

/** Everything a query step's grading needs. */
export interface QueryGradeSpec {
  database: string;
  setup?: string | undefined;
  solution: string;
  options: CompareOptions;
  /** Known mistakes; when an answer's result equals one of them, its feedback is added. */
  knownWrong: readonly { sql: string; feedback?: Localized | undefined }[];
}

/** A verdict that failed before anything could be compared. */
export function failed(messages: Message[], expected: Verdict['expected'] = null): Verdict {
  return { pass: false, messages, expected, actual: null };
}

/** The message for a run that did not produce results, or null when it did. */
export function runFailure(outcome: RunOutcome): Message | null {
  if (outcome.ok) return null;
  if (outcome.stage === 'database') return message('no-database', { database: outcome.database });
  if (outcome.stage === 'setup') return message('lesson-error', { message: `setup: ${outcome.error.message}` });
  return message('sql-error', { message: outcome.error.message, line: outcome.error.line, column: outcome.error.column });
}

/** The graded result of a run, or the message saying why there is none. */
function resultOf(outcome: RunOutcome): { result: ResultSet } | { message: Message } {
  const failure = runFailure(outcome);
  if (failure || !outcome.ok) return { message: failure ?? message('not-a-select', {}) };
  const result = finalResult(outcome.results);
  if (!result) return { message: message('not-a-select', {}) };
  if (result.truncated) return { message: message('too-many-rows', { limit: GRADE_MAX_ROWS }) };
  return { result };
}

/** Runs the reference; a failure is the lesson's fault, so it becomes 'lesson-error'. */
function referenceResult(spec: QueryGradeSpec, ctx: GradeContext, copy: DatabaseCopy): { result: ResultSet } | { message: Message } {
  const outcome = runOnFreshCopy(ctx, spec.database, copy, spec.setup, spec.solution);
  const got = resultOf(outcome);
  if ('result' in got) return got;
  if (!outcome.ok && outcome.stage === 'database') return got;
  const text = outcome.ok ? 'it returns no rows' : outcome.error.message;
  return { message: message('lesson-error', { message: `reference solution: ${text}` }) };
}

/** Grades the learner's SQL for a query step. */
export function gradeQuery(spec: QueryGradeSpec, sql: string, ctx: GradeContext): Verdict {
  const reference = referenceResult(spec, ctx, 'visible');
  if ('message' in reference) return failed([reference.message]);
  const expected = toResultTable(reference.result, reference.result.rowCount);
  const answer = resultOf(runOnFreshCopy(ctx, spec.database, 'visible', spec.setup, sql));
  if ('message' in answer) return failed([answer.message], expected);
  const verdict = compareResults(reference.result, answer.result, spec.options, answer.result.sql);
  if (!verdict.pass) {
    const known = knownMistake(spec, answer.result, ctx, 'visible', reference.result);
    // The lesson's explanation of the mistake leads; the generic messages say where it shows.
    if (known) verdict.messages.unshift(known);
    return verdict;
  }
  const variant = checkVariant(spec, sql, ctx);
  if (variant === null) return verdict;
  const literals = hardCodedLiterals(sql, spec.solution, reference.result, spec.options.tolerance);
  return { ...verdict, pass: false, messages: literals.length > 0 ? [message('hard-coded', { literals })] : variant };
}

/** The lesson's feedback for the first known mistake whose result equals the answer's (on the same copy), if any. */
function knownMistake(
  spec: QueryGradeSpec,
  actual: ResultSet,
  ctx: GradeContext,
  copy: DatabaseCopy,
  reference: ResultSet | null,
): Message | null {
  for (const wrong of spec.knownWrong) {
    if (!wrong.feedback) continue;
    const known = resultOf(runOnFreshCopy(ctx, spec.database, copy, setupFor(copy, spec.setup), wrong.sql));
    if (!('result' in known)) continue;
    // Same columns and same rows as the known mistake, in any order; but a known mistake that only
    // orders the right rows wrongly (ties reversed, ascending) matches only answers in its order.
    const unordered = { ordered: false, columns: 'all', extraColumns: 'forbid', tolerance: spec.options.tolerance } as const;
    const orderOnly = spec.options.ordered && reference !== null && compareResults(reference, known.result, unordered).pass;
    if (compareResults(known.result, actual, { ...unordered, ordered: orderOnly }).pass) {
      return message('known-mistake', { feedback: wrong.feedback });
    }
  }
  return null;
}

/**
 * The setup of a run on a copy. On the hidden variant SQLite reads tables in reverse, so a
 * result whose order was luck (ties without the tie-breaker, no ORDER BY) comes out differently.
 */
export function setupFor(copy: DatabaseCopy, setup: string | undefined): string | undefined {
  return copy === 'variant' ? `PRAGMA reverse_unordered_selects = ON;\n${setup ?? ''}` : setup;
}

/**
 * Null when the answer is also right on the hidden variant (or there is none); otherwise why not:
 * a 'variant-differs' message with what differs there, and the lesson's feedback when the
 * answer makes a known mistake that only the variant shows.
 */
function checkVariant(spec: QueryGradeSpec, sql: string, ctx: GradeContext): Message[] | null {
  if (!ctx.databases.bytes(spec.database, 'variant')) return null;
  const setup = setupFor('variant', spec.setup);
  const reference = resultOf(runOnFreshCopy(ctx, spec.database, 'variant', setup, spec.solution));
  // A reference that fails on the variant is a lesson bug the checker reports; do not blame the learner.
  if (!('result' in reference)) return null;
  const answer = resultOf(runOnFreshCopy(ctx, spec.database, 'variant', setup, sql));
  if ('message' in answer) return [message('variant-differs', { details: [answer.message] })];
  const verdict = compareResults(reference.result, answer.result, spec.options, answer.result.sql);
  if (verdict.pass) return null;
  const known = knownMistake(spec, answer.result, ctx, 'variant', reference.result);
  const differs = message('variant-differs', { details: verdict.messages.slice(0, 2) });
  return known ? [known, differs] : [differs];
}

/**
 * Literals in the answer that are values of the visible expected result and not in the
 * reference's SQL: numbers of at least two digits or with decimals, and text of three or more
 * characters. Small numbers (LIMIT 5, round(..., 2)) and the reference's own literals say nothing.
 */
export function hardCodedLiterals(sql: string, solution: string, expected: Pick<ResultLike, 'rows'>, tolerance: Tolerance): string[] {
  const literalsOf = (text: string): SqlToken[] => tokenizeSql(text).filter((t) => t.kind === 'number' || t.kind === 'string');
  const own = new Set(literalsOf(solution).map((t) => t.text));
  const found: string[] = [];
  for (const token of literalsOf(sql)) {
    if (own.has(token.text) || found.includes(token.text)) continue;
    let matches: boolean;
    if (token.kind === 'number') {
      const value = Number(token.text);
      if (!Number.isFinite(value) || (Number.isInteger(value) && Math.abs(value) < 10)) continue;
      matches = expected.rows.some((r) => r.some((c) => typeof c === 'number' && numbersClose(c, value, tolerance)));
    } else {
      const value = token.text.slice(1, -1).replace(/''/g, "'");
      if (value.length < 3) continue;
      matches = expected.rows.some((r) => r.some((c) => c === value));
    }
    if (matches) found.push(token.text);
  }
  return found;
}
