import type { Localized } from '../lessons/localized.ts';
import type { ResultSet } from '../sql/protocol.ts';
import { compareResults, toResultTable, type CompareOptions, type Verdict } from './compare.ts';
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
    const known = knownMistake(spec, answer.result, ctx);
    if (known) verdict.messages.push(known);
    return verdict;
  }
  return checkVariant(spec, sql, ctx) ? verdict : { ...verdict, pass: false, messages: [message('hard-coded', {})] };
}

/** The lesson's feedback for the first known mistake whose result equals the answer's, if any. */
function knownMistake(spec: QueryGradeSpec, actual: ResultSet, ctx: GradeContext): Message | null {
  for (const wrong of spec.knownWrong) {
    if (!wrong.feedback) continue;
    const known = resultOf(runOnFreshCopy(ctx, spec.database, 'visible', spec.setup, wrong.sql));
    if (!('result' in known)) continue;
    // Same columns and same rows as the known mistake, in any order (the order messages cover order).
    if (
      compareResults(known.result, actual, { ordered: false, columns: 'all', extraColumns: 'forbid', tolerance: spec.options.tolerance })
        .pass
    ) {
      return message('known-mistake', { feedback: wrong.feedback });
    }
  }
  return null;
}

/** False when the answer is wrong on the hidden variant (it passed on the visible data). */
function checkVariant(spec: QueryGradeSpec, sql: string, ctx: GradeContext): boolean {
  if (!ctx.databases.bytes(spec.database, 'variant')) return true;
  const reference = referenceResult(spec, ctx, 'variant');
  // A reference that fails on the variant is a lesson bug the checker reports; do not blame the learner.
  if ('message' in reference) return true;
  const answer = resultOf(runOnFreshCopy(ctx, spec.database, 'variant', spec.setup, sql));
  if ('message' in answer) return false;
  return compareResults(reference.result, answer.result, spec.options, answer.result.sql).pass;
}
