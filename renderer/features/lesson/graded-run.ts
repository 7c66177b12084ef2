import type { Verdict } from '../../../core/grading/compare.ts';
import type { Step } from '../../../core/lessons/step-kinds.ts';
import type { ExecResult } from '../../../core/sql/protocol.ts';
import type { RunRecord } from '../../state/workbench-slice.ts';
import { markDifferences, type MarkOptions } from './result-marks.ts';

const DEFAULTS: MarkOptions = { ordered: false, columns: 'all', extraColumns: 'forbid', tolerance: { absolute: 1e-9, relative: 1e-9 } };

/** The 0-based offset of a 1-based line and column (the inverse of lineColumnAt). */
export function offsetAt(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.slice(offset).search(/\r\n|\n|\r/);
    if (next < 0) return text.length;
    offset += next + (text.startsWith('\r\n', offset + next) ? 2 : 1);
  }
  return Math.min(text.length, offset + Math.max(0, column - 1));
}

function markOptions(step: Step): MarkOptions {
  if (step.kind !== 'query') return DEFAULTS;
  const { ordered, columns, extraColumns, tolerance } = step.grading;
  return { ordered, columns, extraColumns, tolerance };
}

/**
 * The run the results pane shows after a Check: the learner's result exactly as the grader saw it
 * (with what differs marked), or the SQL error it stopped at. Null when the verdict holds neither
 * (a passed build step, a result too large to grade), so the last Run stays on screen.
 */
export function gradedRun(step: Step, sql: string, verdict: Verdict): RunRecord | null {
  const startedAt = performance.now();
  const error = verdict.messages.find((m) => m.code === 'sql-error');
  if (error && error.code === 'sql-error') {
    const offset = offsetAt(sql, error.params.line, error.params.column);
    const outcome: ExecResult = {
      results: [],
      error: { message: error.params.message, line: error.params.line, column: error.params.column, offset, length: 1, statementIndex: 0 },
      elapsedMs: 0,
      wrote: false,
    };
    return { sql, editorOffset: 0, startedAt, outcome, graded: { pass: false, missingRows: 0, markedRows: 0 } };
  }
  const actual = verdict.actual;
  if (!actual) return null;
  const differences = !verdict.pass && verdict.expected ? markDifferences(verdict.expected, actual, markOptions(step)) : null;
  const outcome: ExecResult = {
    results: [
      {
        statementIndex: 0,
        sql,
        columns: actual.columns.map((name) => ({ name, declType: null })),
        rows: actual.rows,
        rowCount: actual.rowCount,
        truncated: actual.rows.length < actual.rowCount,
        changes: 0,
        elapsedMs: 0,
      },
    ],
    error: null,
    elapsedMs: 0,
    wrote: false,
  };
  return {
    sql,
    editorOffset: 0,
    startedAt,
    outcome,
    ...(differences ? { marks: differences.marks } : {}),
    graded: { pass: verdict.pass, missingRows: differences?.missingRows ?? 0, markedRows: differences?.marks.rows.size ?? 0 },
  };
}
