import { describe, expect, it } from 'vitest';
import { createControl } from '../../../core/pipeline/control.ts';
import { daysBetween, runOrder, taskErrorText, validatePipeline } from '../../../core/pipeline/runner.ts';
import { memoryLake, pipelineOf, rows, runnerFor } from './helpers.ts';

const SPEND_CSV = '\uFEFFdate;channel;spend\n2025-03-01;naver;100\n2025-03-01;kakao;50\n2025-03-02;naver;70\n';

/** extract → clean → load, with a side branch report that only needs the staging table. */
function spendPipeline(load = "DELETE FROM fact_spend WHERE spend_date = '{{ ds }}';\nINSERT INTO fact_spend SELECT date, channel, CAST(spend AS INTEGER) FROM stg_spend WHERE date = '{{ ds }}';") {
  return pipelineOf({
    tasks: [
      { id: 'load', kind: 'sql', sql: load },
      { id: 'extract', kind: 'extract', path: 'spend.csv', source: { format: 'csv' }, target: 'raw_spend' },
      { id: 'clean', kind: 'sql', sql: 'DROP TABLE IF EXISTS stg_spend;\nCREATE TABLE stg_spend AS SELECT date, lower(channel) AS channel, spend FROM raw_spend;' },
      { id: 'report', kind: 'sql', sql: 'DROP TABLE IF EXISTS spend_files; CREATE TABLE spend_files AS SELECT DISTINCT _file FROM raw_spend;' },
    ],
    edges: [
      { from: 'extract', to: 'clean' },
      { from: 'clean', to: 'load' },
      { from: 'extract', to: 'report' },
    ],
  });
}

describe('validation and order', () => {
  it('runs tasks after what they depend on, whatever order they are declared in', () => {
    expect(runOrder(spendPipeline())).toEqual(['extract', 'clean', 'report', 'load']);
  });

  it('refuses a cycle and names its tasks in order', () => {
    const p = spendPipeline();
    p.edges.push({ from: 'load', to: 'extract' });
    const problems = validatePipeline(p);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.code).toBe('cycle');
    // Named from the task declared first ('load'), so one cycle is always named the same way.
    expect(problems[0]?.tasks).toEqual(['load', 'extract', 'clean']);
    expect(problems[0]?.message).toContain('load → extract → clean → load');
    expect(() => runOrder(p)).toThrow(/load → extract → clean/);
  });

  it('names duplicate task ids, unknown tasks in edges and an extract over a bundled table', () => {
    const p = spendPipeline();
    p.tasks.push({ id: 'clean', kind: 'sql', sql: 'SELECT 1' });
    p.edges.push({ from: 'ghost', to: 'load' });
    const codes = validatePipeline(p).map((x) => [x.code, x.tasks]);
    expect(codes).toContainEqual(['duplicate-id', ['clean']]);
    expect(codes).toContainEqual(['unknown-task', ['ghost']]);
    const q = pipelineOf({ tasks: [{ id: 'x', kind: 'extract', path: 'a.csv', source: { format: 'csv' }, target: 'fact_spend' }] });
    expect(validatePipeline(q, ['fact_spend']).map((x) => x.code)).toEqual(['bundled-target']);
  });

  it('lists the days of a backfill, both ends included, across a month end', () => {
    expect(daysBetween('2025-02-27', '2025-03-02')).toEqual(['2025-02-27', '2025-02-28', '2025-03-01', '2025-03-02']);
    expect(() => daysBetween('2025-03-02', '2025-03-01')).toThrow(/comes after/);
  });
});

describe('runs', () => {
  it('runs all tasks in order with a log per task and the SQL that ran, ds rendered', async () => {
    const { runner } = await runnerFor(spendPipeline(), memoryLake({ 'spend.csv': SPEND_CSV }));
    const run = await runner.runAll('2025-03-01');
    expect(run.state).toBe('success');
    expect(run.tasks.map((t) => [t.task, t.state])).toEqual([
      ['extract', 'success'],
      ['clean', 'success'],
      ['report', 'success'],
      ['load', 'success'],
    ]);
    const load = run.tasks.find((t) => t.task === 'load');
    expect(load?.sql).toContain("WHERE date = '2025-03-01'");
    expect(load?.rowsWritten).toBe(2);
    expect(load?.tablesWritten).toEqual(['fact_spend']);
    expect(run.tasks[0]).toMatchObject({ rowsRead: 3, rowsWritten: 3, rowsQuarantined: 0, files: ['spend.csv'] });
    expect(rows(runner, 'SELECT spend_date, channel, spend FROM fact_spend ORDER BY channel')).toEqual([
      ['2025-03-01', 'kakao', 50],
      ['2025-03-01', 'naver', 100],
    ]);
    expect(runner.runs()).toHaveLength(1);
  });

  it('marks everything downstream of a failed task upstream_failed, keeps independent branches running, and gives the SQL error line', async () => {
    const p = spendPipeline();
    const clean = p.tasks.find((t) => t.id === 'clean');
    if (clean?.kind === 'sql') clean.sql = 'DROP TABLE IF EXISTS stg_spend;\nCREATE TABLE stg_spend AS\nSELECT date, lower(chanel) AS channel, spend FROM raw_spend;';
    const { runner } = await runnerFor(p, memoryLake({ 'spend.csv': SPEND_CSV }));
    const run = await runner.runAll('2025-03-01');
    expect(run.state).toBe('failed');
    expect(runner.states()).toEqual({ load: 'upstream_failed', extract: 'success', clean: 'failed', report: 'success' });
    const failed = run.tasks.find((t) => t.task === 'clean');
    // Structured: the task, SQLite's own words with no English lead of ours, the line; each front door words it.
    expect(failed?.error).toMatchObject({ task: 'clean', message: 'no such column: chanel', line: 3, in: 'sql' });
    expect(taskErrorText(failed!.error!)).toBe("Task 'clean' failed at line 3: no such column: chanel");
    // The savepoint: the DROP that ran before the error is undone, nothing half-written.
    expect(rows(runner, "SELECT count(*) FROM sqlite_master WHERE name = 'stg_spend'")).toEqual([[0]]);
  });

  it('logs what a failed task left (nothing) and what its rollback undid, not the rows it wrote before the error', async () => {
    const p = pipelineOf({
      tasks: [
        {
          id: 'load',
          kind: 'sql',
          sql: "INSERT INTO warehouse_orders VALUES ('2025-03-01', 1), ('2025-03-01', 2), ('2025-03-01', 3);\nDELETE FROM warehouse_orders WHERE amount = 1;\nINSERT INTO warehouse_orders SELECT nope FROM warehouse_orders;",
        },
      ],
    });
    const { runner } = await runnerFor(p);
    const run = await runner.runAll('2025-03-01');
    const log = run.tasks[0]!;
    expect(log.state).toBe('failed');
    expect(log.error).toMatchObject({ task: 'load', line: 3 });
    // Three rows were inserted and one deleted before line 3 failed; the savepoint undid them all.
    expect([log.rowsWritten, log.rowsDeleted]).toEqual([0, 0]);
    expect(log.rolledBack).toEqual({ rowsWritten: 3, rowsDeleted: 1, rowsQuarantined: 0 });
    expect(rows(runner, 'SELECT count(*) FROM warehouse_orders')).toEqual([[0]]);
    // Fixed, the same task keeps what it writes and has nothing rolled back.
    runner.setPipeline(pipelineOf({ tasks: [{ id: 'load', kind: 'sql', sql: "INSERT INTO warehouse_orders VALUES ('2025-03-01', 1), ('2025-03-01', 2);" }] }));
    const ok = await runner.runTask('load', '2025-03-01');
    expect(ok.tasks[0]).toMatchObject({ state: 'success', rowsWritten: 2 });
    expect(ok.tasks[0]?.rolledBack).toBeUndefined();
  });

  it('re-runs a cleared task and everything downstream on the current database, upstream successes kept', async () => {
    const p = spendPipeline();
    const clean = p.tasks.find((t) => t.id === 'clean');
    const good = clean?.kind === 'sql' ? clean.sql : '';
    if (clean?.kind === 'sql') clean.sql = 'SELECT nope FROM raw_spend';
    const { runner } = await runnerFor(p, memoryLake({ 'spend.csv': SPEND_CSV }));
    await runner.runAll('2025-03-01');
    expect(runner.states().clean).toBe('failed');
    // The learner fixes the task; extract is not run again (its rows stay as they are).
    runner.database().exec("INSERT INTO raw_spend (_file, _line, date, channel, spend) VALUES ('hand', 0, '2025-03-01', 'TOSS', '5')");
    const fixed = structuredClone(p);
    const fixedClean = fixed.tasks.find((t) => t.id === 'clean');
    if (fixedClean?.kind === 'sql') fixedClean.sql = good;
    runner.setPipeline(fixed);
    const rerun = await runner.rerunFrom('clean', '2025-03-01');
    expect(rerun.tasks.map((t) => t.task)).toEqual(['clean', 'load']);
    expect(runner.states()).toEqual({ load: 'success', extract: 'success', clean: 'success', report: 'success' });
    expect(rows(runner, "SELECT spend FROM fact_spend WHERE channel = 'toss'")).toEqual([[5]]);
  });

  it('skips a task whose SQL renders to nothing, and what depends on it', async () => {
    const p = pipelineOf({
      tasks: [
        { id: 'maybe', kind: 'sql', sql: "{% if ds[5:7] == '06' %}INSERT INTO warehouse_orders VALUES ('{{ ds }}', 1);{% endif %}" },
        { id: 'after', kind: 'sql', sql: "INSERT INTO warehouse_orders VALUES ('after', 2);" },
      ],
      edges: [{ from: 'maybe', to: 'after' }],
    });
    const { runner } = await runnerFor(p);
    const early = await runner.runAll('2025-03-01');
    expect(early.tasks.map((t) => t.state)).toEqual(['skipped', 'skipped']);
    expect(early.state).toBe('success');
    const late = await runner.runAll('2025-06-01');
    expect(late.tasks.map((t) => t.state)).toEqual(['success', 'success']);
    expect(rows(runner, 'SELECT day FROM warehouse_orders ORDER BY day')).toEqual([['2025-06-01'], ['after']]);
  });

  it('refuses to drop a table that came with the database, as the sandbox does', async () => {
    const p = pipelineOf({ tasks: [{ id: 'oops', kind: 'sql', sql: 'DROP TABLE warehouse_orders;' }] });
    const { runner } = await runnerFor(p);
    const run = await runner.runAll('2025-03-01');
    expect(run.tasks[0]?.state).toBe('failed');
    expect(run.tasks[0]?.error?.message).toMatch(/warehouse_orders/);
    expect(rows(runner, "SELECT count(*) FROM sqlite_master WHERE name = 'warehouse_orders'")).toEqual([[1]]);
  });

  it('renders Airflow macros and says which task and line a template error is on', async () => {
    const p = pipelineOf({
      tasks: [
        {
          id: 'dates',
          kind: 'sql',
          sql: "CREATE TABLE d AS SELECT '{{ ds }}' a, '{{ ds_nodash }}' b, '{{ prev_ds }}' c, '{{ next_ds }}' e, '{{ macros.ds_add(ds, -31) }}' f, '{{ ds[:7] }}' g;",
        },
        { id: 'broken', kind: 'sql', sql: 'SELECT 1;\nSELECT {{ ds ;' },
      ],
    });
    const { runner } = await runnerFor(p);
    const run = await runner.runAll('2025-03-01');
    expect(rows(runner, 'SELECT * FROM d')).toEqual([['2025-03-01', '20250301', '2025-02-28', '2025-03-02', '2025-01-29', '2025-03']]);
    const broken = run.tasks.find((t) => t.task === 'broken');
    expect(broken?.state).toBe('failed');
    expect(broken?.error).toMatchObject({ task: 'broken', in: 'template', line: 2 });
    expect(broken?.error?.message).not.toMatch(/broken|line 2/);
    expect(taskErrorText(broken!.error!)).toMatch(/^Task 'broken' failed in its SQL template at line 2: /);
  });

  it('backfills one run per day, in order, each with its own ds', async () => {
    const p = pipelineOf({
      tasks: [{ id: 'day', kind: 'sql', sql: "DELETE FROM warehouse_orders WHERE day = '{{ ds }}'; INSERT INTO warehouse_orders VALUES ('{{ ds }}', 1);" }],
    });
    const { runner } = await runnerFor(p);
    const seen: string[] = [];
    const runs = await runner.backfill('2025-02-27', '2025-03-02', { onDay: (d) => d.label && seen.push(d.label) });
    expect(runs.map((r) => [r.ds, r.state])).toEqual([
      ['2025-02-27', 'success'],
      ['2025-02-28', 'success'],
      ['2025-03-01', 'success'],
      ['2025-03-02', 'success'],
    ]);
    expect(seen).toEqual(['2025-02-27', '2025-02-28', '2025-03-01', '2025-03-02']);
    expect(rows(runner, 'SELECT day FROM warehouse_orders ORDER BY day')).toEqual([['2025-02-27'], ['2025-02-28'], ['2025-03-01'], ['2025-03-02']]);
  });

  it('stops a backfill that is cancelled: the running day is cancelled, later days never run', async () => {
    const p = pipelineOf({ tasks: [{ id: 'day', kind: 'sql', sql: "INSERT INTO warehouse_orders VALUES ('{{ ds }}', 1);" }] });
    const { runner } = await runnerFor(p);
    const control = createControl();
    const runs = await runner.backfill('2025-03-01', '2025-03-10', {
      control,
      onDay: (d) => {
        if (d.done === 2) control.cancel();
      },
    });
    expect(runs.map((r) => r.state)).toEqual(['success', 'success', 'cancelled']);
    expect(runs[2]?.tasks[0]?.error).toMatchObject({ task: 'day', message: 'Cancelled', cancelled: true });
    expect(rows(runner, 'SELECT count(*) FROM warehouse_orders')).toEqual([[2]]);
  });
});

describe('idempotency check', () => {
  it('shows the duplicates a blind INSERT adds on a second run', async () => {
    const p = spendPipeline("INSERT INTO fact_spend SELECT date, channel, CAST(spend AS INTEGER) FROM stg_spend WHERE date = '{{ ds }}';");
    const { runner } = await runnerFor(p, memoryLake({ 'spend.csv': SPEND_CSV }));
    await runner.runAll('2025-03-01');
    const before = rows(runner, 'SELECT count(*) FROM fact_spend');
    const report = await runner.idempotency('load', '2025-03-01');
    expect(report.idempotent).toBe(false);
    expect(report.tables).toHaveLength(1);
    expect(report.tables[0]).toMatchObject({ table: 'fact_spend', added: 2, removed: 0, rowsFirst: 4, rowsSecond: 6, schemaChanged: false });
    expect(report.tables[0]?.addedSample).toEqual(
      expect.arrayContaining([
        ['2025-03-01', 'naver', 100],
        ['2025-03-01', 'kakao', 50],
      ]),
    );
    // The check leaves the database as it found it.
    expect(rows(runner, 'SELECT count(*) FROM fact_spend')).toEqual(before);
  });

  it('finds no difference for DELETE-then-INSERT of the partition', async () => {
    const { runner } = await runnerFor(spendPipeline(), memoryLake({ 'spend.csv': SPEND_CSV }));
    await runner.runAll('2025-03-01');
    const report = await runner.idempotency('load', '2025-03-01');
    expect(report.idempotent).toBe(true);
    expect(report.tables.map((t) => [t.table, t.added, t.removed, t.rowsSecond])).toEqual([['fact_spend', 0, 0, 2]]);
  });
});
