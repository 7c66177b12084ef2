import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../core/pipeline/runner.ts';
import { PipelineSchema, type Pipeline } from '../../../core/pipeline/schema.ts';
import { PipelineCancelledError, PipelineClient } from '../../../renderer/workbench/pipeline-client.ts';
import { createNodePipelineWorker } from '../../../scripts/lib/node-pipeline-worker.ts';

/** PipelineClient against the real worker code on a Node thread (the app's worker is the same handler). */

const DATASETS = resolve('public/datasets');
let client: PipelineClient | null = null;

async function openSpend(extra: Partial<Pipeline> = {}, grace?: number): Promise<PipelineClient> {
  const pipeline = PipelineSchema.parse({ ...JSON.parse(await readFile('tests/fixtures/pipelines/spend.pipeline.json', 'utf8')), ...extra });
  client = new PipelineClient({ createWorker: createNodePipelineWorker, cancelGraceMs: grace });
  const bytes = new Uint8Array(await readFile(resolve(DATASETS, 'hanbit-warehouse-empty.sqlite')));
  const opened = await client.open(pipeline, bytes, DATASETS);
  expect(opened.problems).toEqual([]);
  expect(opened.bundledNames).toContain('marketing_spend');
  return client;
}

afterEach(() => {
  client?.dispose();
  client = null;
});

describe('PipelineClient', () => {
  it('runs the pipeline with task events as they happen, then inspects, reconciles and checks idempotency', async () => {
    const c = await openSpend();
    const events: string[] = [];
    const answer = await c.run('2025-03-01', { onEvent: (e: RunEvent) => e.type === 'task' && events.push(`${e.task}:${e.state}`) });
    expect(answer.run.state).toBe('success');
    expect(events).toEqual([
      'extract_spend:running',
      'extract_spend:success',
      'clean_spend:running',
      'clean_spend:success',
      'load_spend:running',
      'load_spend:success',
    ]);
    expect(answer.unrecordedTables).toEqual(['raw_marketing_spend', 'stg_marketing_spend']);
    const q = await c.query("SELECT count(*) AS n FROM marketing_spend WHERE spend_date LIKE '2025-03-%'", 10);
    expect(q.error).toBeNull();
    expect(q.results[0]?.columns.map((col) => col.name)).toEqual(['n']);
    expect(q.results[0]?.rows[0]?.[0]).toBe(answer.run.tasks[2]?.rowsWritten);
    const [rec] = await c.reconcile('2025-03-01');
    expect(rec?.error).toBeUndefined();
    expect(rec?.lines.find((l) => l.kind === 'target')?.rows).toBe(answer.run.tasks[2]?.rowsWritten);
    const idem = await c.idempotency('load_spend', '2025-03-01');
    expect(idem.idempotent).toBe(true);
    const preview = await c.preview({ path: 'exports/marketing_spend_{{ ds[:7] }}.csv', source: { format: 'csv', delimiter: 'auto', encoding: 'auto' } }, '2025-03-01', { rows: 3 });
    expect(preview.columns).toEqual(['_file', '_line', 'Date', 'Channel', 'Campaign', 'Cost (KRW)']);
    expect(preview.rows).toHaveLength(3);
    const file = await c.exportDatabase();
    expect(new TextDecoder().decode(file.subarray(0, 15))).toBe('SQLite format 3');
  }, 60000);

  it('stops a long extract between batches when cancelled: the run answers as cancelled, the database stays usable', async () => {
    const c = await openSpend({
      tasks: [{ id: 'events', kind: 'extract', path: 'events/*.jsonl.gz', source: { format: 'jsonl' }, target: 'raw_events', mode: 'replace' }],
      edges: [],
      reconcile: [],
    });
    let started = false;
    const op = c.run('2025-03-01', {
      onEvent: (e) => {
        if (e.type === 'progress' && !started) {
          started = true;
          void c.cancel(op.id);
        }
      },
    });
    const answer = await op;
    expect(answer.run.state).toBe('cancelled');
    expect(answer.states.events).toBe('failed');
    const q = await c.query("SELECT count(*) FROM sqlite_master WHERE name = 'raw_events'", 1);
    expect(q.results[0]?.rows[0]?.[0]).toBe(0);
  }, 60000);

  it('a cancelled backfill answers with the days that finished and the day it stopped, rather than rejecting', async () => {
    const c = await openSpend({
      tasks: [{ id: 'day', kind: 'sql', sql: "CREATE TABLE IF NOT EXISTS days (ds TEXT); INSERT INTO days VALUES ('{{ ds }}');" }],
      edges: [],
      reconcile: [],
    });
    const op = c.backfill('2025-03-01', '2025-03-20', {
      onProgress: (p) => {
        // Two days done: cancel while the third runs.
        if (p.dayRun?.ds === '2025-03-02') void c.cancel(op.id);
      },
    });
    const answer = await op;
    expect(answer.days).toBe(20);
    // The cancel crosses to the worker while later days run (each takes microseconds), so the day
    // it lands on depends on the machine's load: some day after the second, before the last.
    const runs = answer.runs.map((r) => [r.ds, r.state] as const);
    const stopped = runs.at(-1);
    expect(stopped?.[1]).toBe('cancelled');
    expect(answer.cancelledDay).toBe(stopped?.[0]);
    expect(runs.length).toBeGreaterThanOrEqual(3);
    expect(runs.length).toBeLessThan(20);
    const finished = runs.slice(0, -1);
    expect(finished.every(([, state]) => state === 'success')).toBe(true);
    expect(finished.map(([ds]) => ds)).toEqual(finished.map((_, i) => `2025-03-${String(i + 1).padStart(2, '0')}`));
    // Exactly the finished days are kept; the cancelled day left nothing behind.
    const q = await c.query('SELECT ds FROM days ORDER BY ds', 30);
    expect(q.results[0]?.rows).toEqual(finished.map(([ds]) => [ds]));
  }, 60000);

  it('a backfill stopped by restarting the worker still answers with the days that finished before it', async () => {
    // Day three runs a statement that never yields; the days before it are quick.
    const sql = "{% if ds == '2025-03-03' %}WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r) SELECT count(*) FROM r;{% else %}SELECT 1;{% endif %}";
    const c = await openSpend({ tasks: [{ id: 'day', kind: 'sql', sql }], edges: [], reconcile: [] }, 300);
    const restarts: string[] = [];
    c.onRestart((reason) => restarts.push(reason));
    const op = c.backfill('2025-03-01', '2025-03-05', {
      onEvent: (e) => {
        // Cancelled once its endless statement is under way (a cancel before it would stop it politely).
        if (e.type === 'task' && e.state === 'running' && finishedDays === 2) setTimeout(() => void c.cancel(op.id), 200);
      },
      onProgress: (p) => {
        if (p.dayRun) finishedDays++;
      },
    });
    let finishedDays = 0;
    const answer = await op;
    expect(restarts).toHaveLength(1);
    expect(answer).toMatchObject({ restarted: true, cancelledDay: '2025-03-03', days: 5 });
    expect(answer.runs.map((r) => [r.ds, r.state])).toEqual([
      ['2025-03-01', 'success'],
      ['2025-03-02', 'success'],
    ]);
  }, 60000);

  it('terminates and restarts the worker for a statement that will not stop, and reopens the pipeline', async () => {
    const c = await openSpend({
      tasks: [{ id: 'forever', kind: 'sql', sql: 'WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r) SELECT count(*) FROM r;' }],
      edges: [],
      reconcile: [],
    }, 300);
    const restarts: string[] = [];
    c.onRestart((reason) => restarts.push(reason));
    const op = c.run('2025-03-01');
    await new Promise((r) => setTimeout(r, 500));
    await c.cancel(op.id);
    await expect(op).rejects.toBeInstanceOf(PipelineCancelledError);
    expect(restarts).toHaveLength(1);
    const status = await c.status();
    expect(status.states).toEqual({ forever: 'pending' });
    const q = await c.query('SELECT count(*) FROM marketing_spend', 1);
    expect(q.results[0]?.rows[0]?.[0]).toBe(0);
  }, 60000);
});
