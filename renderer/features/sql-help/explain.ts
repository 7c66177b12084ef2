import { splitStatements } from '../../../core/editor/statements.ts';
import { planRows } from '../../../core/sql/query-plan.ts';
import { isKeyword, tokenizeSql } from '../../../core/sql/sql-tokens.ts';
import { clearErrorMarks, currentTarget, markError } from '../../editor/editor-bridge.ts';
import { QueryCancelledError } from '../../sql/sql-client.ts';
import { useStore } from '../../state/store.ts';
import type { PlanRecord } from '../../state/plan-slice.ts';
import { queryData } from '../sandbox/workbench.ts';

/**
 * "Explain": runs EXPLAIN QUERY PLAN on the statement under the cursor (or the selection's first
 * statement) through the ordinary exec, which the statement guard checks like the statement
 * itself, and puts the plan in the store for the results area's Plan view.
 */

const PREFIX = 'EXPLAIN QUERY PLAN\n';

/** Plan rows are few; this only bounds a pathological plan. */
const MAX_PLAN_ROWS = 2000;

/** The statement without a leading `EXPLAIN [QUERY PLAN]` the learner may have typed, and where it starts. */
function withoutExplain(text: string): { body: string; start: number } {
  const tokens = tokenizeSql(text);
  let i = 0;
  if (isKeyword(tokens[0], 'EXPLAIN')) {
    i = 1;
    if (isKeyword(tokens[1], 'QUERY') && isKeyword(tokens[2], 'PLAN')) i = 3;
  }
  const start = tokens[i]?.start ?? text.length;
  return { body: text.slice(start), start };
}

/** Explains the statement under the cursor; the plan (or its error) shows in the results area's Plan view. */
export async function explainCurrent(): Promise<void> {
  const state = useStore.getState();
  const databaseId = state.databaseId;
  if (!databaseId || state.engine !== 'idle') return;
  const target = currentTarget();
  if (!target) return;
  // One statement only: a prefix on a script would explain the first and run the rest.
  const statements = splitStatements(target.sql);
  const first = statements[0];
  if (!first) return;
  const { body, start } = withoutExplain(first.text);
  if (!body.trim()) return;
  const sent = PREFIX + body;
  const editorOffset = target.offset >= 0 ? target.offset + first.start + start - PREFIX.length : null;
  const record: PlanRecord = {
    databaseId,
    sql: body,
    sent,
    editorOffset,
    skipped: statements.length - 1,
    startedAt: performance.now(),
    outcome: null,
  };
  clearErrorMarks();
  state.startPlan(record);
  // A newer Explain or a database switch may replace this one while it runs: finishPlan then ignores it.
  const finish = (outcome: NonNullable<PlanRecord['outcome']>): void => useStore.getState().finishPlan(record, outcome);
  try {
    const result = await queryData(sent, MAX_PLAN_ROWS);
    const set = result.results[0];
    const rows = set
      ? planRows(
          set.columns.map((c) => c.name),
          set.rows,
        )
      : [];
    // An error marking the whole text would start at the prefix the learner never typed.
    const error = result.error ? { ...result.error, offset: Math.max(result.error.offset, PREFIX.length) } : null;
    finish({ rows: rows ?? [], error });
    if (error && editorOffset !== null) markError(editorOffset + error.offset, error.length, error.message);
  } catch (e) {
    finish(e instanceof QueryCancelledError ? { cancelled: true } : { failed: (e as Error).message });
  }
}

/** Closes the Plan view and goes back to the result table. */
export function closePlan(): void {
  useStore.getState().closePlan();
}

// A new Run replaces what the learner is looking at: show its result, not the older plan.
useStore.subscribe((s, prev) => {
  if (s.resultTab === 'plan' && s.run && s.run !== prev.run && s.run.startedAt !== prev.run?.startedAt) {
    s.showResultTab('table');
  }
});
