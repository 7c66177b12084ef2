import { afterEach, describe, expect, it } from 'vitest';
import { HANBIT_METRICS } from '../../../core/metrics/hanbit-metrics.ts';
import type { SeriesRequest } from '../../../core/metrics/series.ts';
import { MetricsCancelledError, MetricsClient } from '../../../renderer/workbench/metrics-client.ts';
import { createNodeWorker } from '../../../scripts/lib/node-worker.ts';
import { warehouseBytes } from './support.ts';

const worker = () => createNodeWorker(new URL('../../../scripts/lib/node-metrics-worker-entry.ts', import.meta.url));
const RANGE = { from: '2025-01-01', to: '2025-12-31' };
const items: SeriesRequest[] = HANBIT_METRICS.map((m) => ({ key: m.id, sql: m.sql, grain: 'week', range: RANGE }));

let client: MetricsClient | null = null;
afterEach(() => client?.dispose());

function newClient(asked: string[] = []): MetricsClient {
  return new MetricsClient({
    createWorker: worker,
    databaseBytes: (id) => {
      asked.push(id);
      return Promise.resolve(warehouseBytes());
    },
  });
}

describe('MetricsClient on a worker thread', () => {
  it('runs a batch of series in one round trip with progress, then serves an unchanged batch from its cache', async () => {
    const asked: string[] = [];
    client = newClient(asked);
    const progress: number[] = [];
    const first = await client.runSeries('hanbit-warehouse', items, { onProgress: (done) => progress.push(done) });
    expect(first.results.map((r) => r.key)).toEqual(items.map((i) => i.key));
    expect(first.results.every((r) => r.ok)).toBe(true);
    expect(progress.at(-1)).toBe(items.length);
    expect(first.cacheHits).toBe(0);
    expect(first.roundTripMs).toBeGreaterThanOrEqual(first.elapsedMs);
    const again = await client.runSeries('hanbit-warehouse', items);
    expect(again.cacheHits).toBe(items.length);
    expect(asked).toEqual(['hanbit-warehouse']);
    const q = await client.query('hanbit-warehouse', 'SELECT COUNT(*) AS n FROM fact_orders');
    expect(Number(q.results[0]?.rows[0]?.[0])).toBeGreaterThan(10_000);
    const write = await client.query('hanbit-warehouse', 'DELETE FROM fact_orders');
    expect(write.error?.message).toMatch(/readonly/i);
  });

  it('cancels a running batch at once and keeps working, the database reopened on the fresh worker', async () => {
    client = newClient();
    await client.query('hanbit-warehouse', 'SELECT 1');
    const slow: SeriesRequest = {
      key: 'slow',
      sql: "SELECT {{ period('a.order_date') }} AS period, COUNT(*) AS value FROM fact_orders a, fact_orders b, fact_orders c GROUP BY 1",
      grain: 'month',
      range: RANGE,
    };
    const controller = new AbortController();
    const op = client.runSeries('hanbit-warehouse', [slow], { signal: controller.signal });
    const queued = client.runSeries('hanbit-warehouse', items.slice(0, 2));
    await new Promise((r) => setTimeout(r, 300));
    const started = Date.now();
    controller.abort();
    await expect(op).rejects.toBeInstanceOf(MetricsCancelledError);
    expect(Date.now() - started).toBeLessThan(1000);
    // The batch queued behind it runs on the fresh worker.
    const after = await queued;
    expect(after.results.every((r) => r.ok)).toBe(true);
    const op2 = client.runSeries('hanbit-warehouse', [slow]);
    await new Promise((r) => setTimeout(r, 200));
    client.cancel();
    await expect(op2).rejects.toBeInstanceOf(MetricsCancelledError);
    expect((await client.runSeries('hanbit-warehouse', items.slice(0, 1))).results[0]?.ok).toBe(true);
  });

  it("a database that is not SQLite fails with the engine's reason, and a fetch failure with its own", async () => {
    client = new MetricsClient({
      createWorker: worker,
      databaseBytes: (id) =>
        id === 'broken'
          ? Promise.resolve(new TextEncoder().encode('not a database at all, really not'))
          : Promise.reject(new Error(`no file for ${id}`)),
    });
    await expect(client.runSeries('broken', items.slice(0, 1))).rejects.toThrow(/Cannot open the database/);
    await expect(client.query('missing', 'SELECT 1')).rejects.toThrow('no file for missing');
  });
});
