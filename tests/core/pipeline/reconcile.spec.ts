import { describe, expect, it } from 'vitest';
import { reconcileAll, tablesWithoutRecord } from '../../../core/pipeline/reconcile.ts';
import { memoryLake, pipelineOf, runnerFor } from './helpers.ts';

// Events of a month file: one repeated (e2), one late from February (e0), one malformed line, one of another day.
const EVENTS = [
  '{"event_id":"e0","day":"2025-02-28","amount":"5"}',
  '{"event_id":"e1","day":"2025-03-01","amount":"10"}',
  '{"event_id":"e2","day":"2025-03-01","amount":"20"}',
  '{"event_id":"e2","day":"2025-03-01","amount":"20"}',
  '{"event_id":"e3","day":"2025-03-01","amount":',
  '{"event_id":"e4","day":"2025-03-02","amount":"40"}',
].join('\n');

function eventsPipeline(load: string) {
  return pipelineOf({
    tasks: [
      { id: 'extract', kind: 'extract', path: 'events.jsonl', source: { format: 'jsonl' }, target: 'raw_events' },
      { id: 'load', kind: 'sql', sql: load },
    ],
    edges: [{ from: 'extract', to: 'load' }],
    tables: [{ table: 'warehouse_orders', owner: 'data-platform', purpose: 'Daily order amounts' }],
    reconcile: [
      {
        id: 'events_day',
        title: 'Lake events against warehouse_orders for the day',
        source: { table: 'raw_events' },
        target: { table: 'warehouse_orders', where: "day = '{{ ds }}'" },
        sum: { source: 'CAST(amount AS INTEGER)', target: 'amount' },
        key: 'event_id',
        partition: { source: 'day', value: '{{ ds }}' },
      },
    ],
  });
}

const DEDUPED = `DELETE FROM warehouse_orders WHERE day = '{{ ds }}';
INSERT INTO warehouse_orders SELECT day, CAST(amount AS INTEGER) FROM raw_events
WHERE day = '{{ ds }}' AND rowid IN (SELECT min(rowid) FROM raw_events GROUP BY event_id);`;

describe('reconciliation', () => {
  it('explains every row between the lake and the target: quarantined, duplicates, late, outside the partition', async () => {
    const { runner, engine } = await runnerFor(eventsPipeline(DEDUPED), memoryLake({ 'events.jsonl': EVENTS }));
    await runner.runAll('2025-03-01');
    const [report] = reconcileAll(engine, runner.pipeline, '2025-03-01');
    expect(report?.error).toBeUndefined();
    expect(report?.lines.map((l) => [l.kind, l.rows, l.sum])).toEqual([
      ['lake_lines', 6, null],
      ['quarantined', 1, null],
      ['source', 5, 95],
      ['duplicates', 1, 20],
      ['late', 1, 5],
      ['outside_partition', 1, 40],
      ['unexplained', 0, 0],
      ['target', 2, 30],
    ]);
    expect(report?.balanced).toBe(true);
  });

  it('leaves what a blind load double-counts unexplained (negative: the target has more than the source explains)', async () => {
    const blind = "INSERT INTO warehouse_orders SELECT day, CAST(amount AS INTEGER) FROM raw_events WHERE day = '{{ ds }}';";
    const { runner, engine } = await runnerFor(eventsPipeline(blind), memoryLake({ 'events.jsonl': EVENTS }));
    await runner.runAll('2025-03-01');
    await runner.runTask('load', '2025-03-01');
    const [report] = reconcileAll(engine, runner.pipeline, '2025-03-01');
    expect(report?.lines.find((l) => l.kind === 'target')).toMatchObject({ rows: 6, sum: 100 });
    expect(report?.lines.find((l) => l.kind === 'unexplained')).toMatchObject({ rows: -4, sum: -70 });
    expect(report?.balanced).toBe(false);
  });

  it('reports a reconciliation that cannot be computed as an error, not a crash', async () => {
    const p = eventsPipeline(DEDUPED);
    const spec = p.reconcile[0];
    if (spec) spec.sum = { source: 'no_such_column', target: 'amount' };
    const { runner, engine } = await runnerFor(p, memoryLake({ 'events.jsonl': EVENTS }));
    await runner.runAll('2025-03-01');
    expect(reconcileAll(engine, runner.pipeline, '2025-03-01')[0]?.error).toMatch(/no such column: no_such_column/);
  });
});

describe('owner and purpose', () => {
  it('lists the tables a run wrote that have no owner and purpose record (quarantine tables go with their staging table)', async () => {
    const { runner } = await runnerFor(eventsPipeline(DEDUPED), memoryLake({ 'events.jsonl': EVENTS }));
    await runner.runAll('2025-03-01');
    expect(tablesWithoutRecord(runner.pipeline, runner.runs())).toEqual(['raw_events']);
  });
});
