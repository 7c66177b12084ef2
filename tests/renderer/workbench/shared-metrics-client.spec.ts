import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HANBIT_METRICS } from '../../../core/metrics/hanbit-metrics.ts';
import type { SeriesRequest } from '../../../core/metrics/series.ts';
import { dashboardClient } from '../../../renderer/features/dashboard/dashboard-actions.ts';
import { runExperimentSql } from '../../../renderer/features/experiments/experiment-data.ts';
import { registryClient } from '../../../renderer/features/metrics/use-series.ts';
import { configureSharedMetricsClient, MetricsCancelledError, sharedMetricsClient } from '../../../renderer/workbench/metrics-client.ts';
import { createNodeWorker } from '../../../scripts/lib/node-worker.ts';

/*
 * The KPI registry, the dashboards and the Experiments screen share one analytics worker (one
 * copy of each database), and one screen aborting its request leaves the others' answers whole.
 */

const ROOT = join(import.meta.dirname, '..', '..', '..');
const RANGE = { from: '2025-01-01', to: '2025-12-31' };
const SLOW: SeriesRequest = {
  key: 'slow',
  sql: "SELECT {{ period('a.order_date') }} AS period, COUNT(*) AS value FROM fact_orders a, fact_orders b, fact_orders c GROUP BY 1",
  grain: 'month',
  range: RANGE,
};

let workers = 0;
let fetched: string[] = [];

beforeEach(() => {
  workers = 0;
  fetched = [];
  configureSharedMetricsClient({
    createWorker: () => {
      workers++;
      return createNodeWorker(new URL('../../../scripts/lib/node-metrics-worker-entry.ts', import.meta.url));
    },
    databaseBytes: (id) => {
      fetched.push(id);
      return Promise.resolve(new Uint8Array(readFileSync(join(ROOT, 'public', 'datasets', `${id}.sqlite`))));
    },
  });
});
afterEach(() => configureSharedMetricsClient({}));

describe('the shared analytics client', () => {
  it('is one client and one worker for the registry, the dashboards and the experiments, each database fetched once', async () => {
    expect(registryClient()).toBe(sharedMetricsClient());
    expect(dashboardClient()).toBe(sharedMetricsClient());
    const net = HANBIT_METRICS.find((m) => m.id === 'net-revenue');
    expect(net).toBeDefined();
    const [tiles, registry, experiments, audit] = await Promise.all([
      dashboardClient().runSeries('hanbit-warehouse', [{ key: 'tile', sql: net!.sql, grain: 'month', range: RANGE }]),
      registryClient().runSeries('hanbit-warehouse', [{ key: 'preview', sql: net!.sql, grain: 'month', range: RANGE }]),
      runExperimentSql('hanbit-experiments', 'SELECT COUNT(*) AS n FROM assignments'),
      registryClient().audit(net!, 'month'),
    ]);
    expect(workers).toBe(1);
    expect(fetched.sort()).toEqual(['hanbit-experiments', 'hanbit-warehouse']);
    expect(tiles.results[0]?.ok).toBe(true);
    // The registry's identical series came from the worker's cache the dashboard filled.
    expect(registry.results[0]).toMatchObject({ ok: true, cached: true });
    expect(Number(experiments.results[0]?.rows[0]?.[0])).toBeGreaterThan(1000);
    expect(audit.tables).toContain('fact_orders');
    expect(audit.parsed).toBe(true);
  });

  it("aborting one screen's running request leaves the requests of the others queued behind it intact", async () => {
    const net = HANBIT_METRICS.find((m) => m.id === 'net-revenue')!;
    // Reference answers, computed alone.
    const alone = await dashboardClient().runSeries('hanbit-warehouse', [{ key: 'tile', sql: net.sql, grain: 'week', range: RANGE }]);
    const arms = 'SELECT variant, COUNT(*) AS n FROM assignments GROUP BY variant ORDER BY variant';
    const armsAlone = await runExperimentSql('hanbit-experiments', arms);
    expect(workers).toBe(1);

    const abort = new AbortController();
    const slow = registryClient().runSeries('hanbit-warehouse', [SLOW], { signal: abort.signal });
    const tiles = dashboardClient().runSeries('hanbit-warehouse', [{ key: 'tile', sql: net.sql, grain: 'week', range: RANGE }]);
    const xp = runExperimentSql('hanbit-experiments', arms);
    const audit = registryClient().audit(net, 'week');
    await new Promise((r) => setTimeout(r, 300));
    abort.abort();
    await expect(slow).rejects.toBeInstanceOf(MetricsCancelledError);

    const [tilesAfter, xpAfter, auditAfter] = await Promise.all([tiles, xp, audit]);
    // One replacement worker, no second client: the others' requests moved onto it and reopened their databases.
    expect(workers).toBe(2);
    expect(tilesAfter.results[0]).toMatchObject({ ok: true, cached: false });
    expect(tilesAfter.results[0]?.ok && tilesAfter.results[0].rows).toEqual(alone.results[0]?.ok && alone.results[0].rows);
    expect(xpAfter.results[0]?.rows).toEqual(armsAlone.results[0]?.rows);
    expect(auditAfter.tables).toContain('fact_orders');
    // The bytes were fetched once per database and reused for the reopening.
    expect(fetched.filter((id) => id === 'hanbit-warehouse')).toHaveLength(1);
  });
});
