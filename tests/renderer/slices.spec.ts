import { beforeEach, describe, expect, it } from 'vitest';
import { useStore } from '../../renderer/state/store.ts';
import type { ExecResult } from '../../core/sql/protocol.ts';
import type { PlanRecord } from '../../renderer/state/plan-slice.ts';

const initial = useStore.getState();
const state = () => useStore.getState();

beforeEach(() => {
  useStore.setState(initial, true);
});

/** What the engine sends back for a two-statement script. */
const script: ExecResult = {
  results: [
    { statementIndex: 0, sql: 'SELECT 1 AS a', columns: [{ name: 'a', declType: null }], rows: [[1]], rowCount: 1, truncated: false, changes: 0, elapsedMs: 2 },
    {
      statementIndex: 1,
      sql: 'SELECT 2 AS b',
      columns: [{ name: 'b', declType: null }],
      rows: [[2], [3]],
      rowCount: 2,
      truncated: false,
      changes: 0,
      elapsedMs: 3,
    },
  ],
  error: null,
  elapsedMs: 5.4,
  wrote: false,
};

describe('a run, as the results pane shows it', () => {
  it('starting a run shows it running, on the first result set, with no rows yet', () => {
    state().setActiveResult(3);
    const run = state().startRun({ sql: 'SELECT 1 AS a; SELECT 2 AS b;', editorOffset: 10, startedAt: 100 });
    expect(state().run).toEqual({ sql: 'SELECT 1 AS a; SELECT 2 AS b;', editorOffset: 10, startedAt: 100, outcome: null });
    expect(state().run).toBe(run);
    expect(state().activeResult).toBe(0);
  });

  it('finishing a run stores its rows and elapsed time and shows the chosen result set', () => {
    const run = state().startRun({ sql: 'SELECT 1 AS a; SELECT 2 AS b;', editorOffset: 0, startedAt: 100 });
    state().finishRun(run, script, 1);
    const shown = state().run!;
    expect(shown.startedAt).toBe(100);
    expect(shown.outcome && 'results' in shown.outcome ? shown.outcome.results[1]!.rows : null).toEqual([[2], [3]]);
    expect(shown.outcome && 'elapsedMs' in shown.outcome ? shown.outcome.elapsedMs : null).toBe(5.4);
    expect(state().activeResult).toBe(1);
  });

  it('a cancelled run says so and keeps the result set the learner was on', () => {
    const run = state().startRun({ sql: 'SELECT 1', editorOffset: 0, startedAt: 1 });
    state().setActiveResult(2);
    state().finishRun(run, { cancelled: true });
    expect(state().run?.outcome).toEqual({ cancelled: true });
    expect(state().activeResult).toBe(2);
  });

  it("a Check's graded result replaces the plan or chart with the result table", () => {
    state().showResultTab('chart');
    state().showRun({ sql: 'SELECT 1', editorOffset: -1, startedAt: 5, outcome: script, graded: { pass: false, missingRows: 1, markedRows: 0 } });
    expect(state().resultTab).toBe('table');
    expect(state().run?.graded?.missingRows).toBe(1);
  });

  it('opening another database clears the last schema, results and engine error', () => {
    state().setSchema([{ name: 't', type: 'table', bundled: true, rowCount: 3, columns: [] }]);
    state().startRun({ sql: 'SELECT 1', editorOffset: 0, startedAt: 1 });
    state().engineFailed('the worker stopped');
    state().openingDatabase('demo');
    expect(state()).toMatchObject({ databaseId: 'demo', engine: 'loading', schema: [], run: null, activeResult: 0, engineError: null });
  });

  it('a catalog that cannot be read stops the engine with the message', () => {
    state().catalogFailed('The dataset list could not be read');
    expect(state()).toMatchObject({ engine: 'error', catalogError: 'The dataset list could not be read' });
  });
});

describe('moving between screens', () => {
  it('a visit to the sandbox remembers the lesson step, and Course goes back to it', () => {
    state().openStep('t0-l1', 's2');
    expect(state()).toMatchObject({ screen: 'lesson', lessonId: 't0-l1', stepId: 's2' });
    state().openScreen('sandbox');
    expect(state()).toMatchObject({ screen: 'sandbox', lessonId: null, resume: { lessonId: 't0-l1', stepId: 's2' } });
    state().openScreen('course');
    expect(state()).toMatchObject({ screen: 'lesson', lessonId: 't0-l1', stepId: 's2' });
  });

  it('any workbench keeps the place the same way, not just the sandbox', () => {
    state().openStep('t0-l1', 's3');
    state().openScreen('pipelines');
    expect(state().resume).toEqual({ lessonId: 't0-l1', stepId: 's3' });
    state().openScreen('course');
    expect(state()).toMatchObject({ screen: 'lesson', stepId: 's3' });
  });

  it('leaving a lesson for the course map on purpose ends the visit', () => {
    state().openStep('t0-l1', 's2');
    state().openScreen('course');
    expect(state()).toMatchObject({ screen: 'course', lessonId: null, resume: null });
    state().openScreen('sandbox');
    state().openScreen('course');
    expect(state().screen).toBe('course');
  });

  it('changing screens closes the comparison', () => {
    state().openStep('t0-l1', 's2');
    state().setCompareOpen(true);
    state().openScreen('sandbox');
    expect(state().compareOpen).toBe(false);
  });
});

describe('checking a step', () => {
  it('a Check waits, closing the comparison, until it is over', () => {
    state().setCompareOpen(true);
    state().startCheck();
    expect(state()).toMatchObject({ checking: true, compareOpen: false });
    state().finishCheck();
    expect(state().checking).toBe(false);
  });
});

describe('the query plan', () => {
  const record = (sql: string): PlanRecord => ({ databaseId: 'demo', sql, sent: `EXPLAIN QUERY PLAN ${sql}`, editorOffset: 0, skipped: 0, startedAt: 1, outcome: null });

  it('Explain opens the Plan tab and fills it when the plan is back', () => {
    const r = record('SELECT 1');
    state().startPlan(r);
    expect(state().resultTab).toBe('plan');
    state().finishPlan(r, { rows: [], error: null });
    expect(state().plan?.outcome).toEqual({ rows: [], error: null });
  });

  it('a plan that comes back after a newer Explain does not replace it', () => {
    const older = record('SELECT 1');
    const newer = record('SELECT 2');
    state().startPlan(older);
    state().startPlan(newer);
    state().finishPlan(older, { failed: 'late' });
    expect(state().plan?.sql).toBe('SELECT 2');
    expect(state().plan?.outcome).toBeNull();
  });

  it('closing the plan goes back to the result table', () => {
    state().startPlan(record('SELECT 1'));
    state().closePlan();
    expect(state()).toMatchObject({ plan: null, resultTab: 'table' });
  });
});

describe('panels and dialogs', () => {
  it('saving a query closes the dialog and shows the saved list', () => {
    state().setSaveDialogOpen(true);
    state().querySaved();
    expect(state()).toMatchObject({ saveDialogOpen: false, sidebarTab: 'saved' });
  });
});
