import { beforeAll, describe, expect, it } from 'vitest';
import { hanbitMetric } from '../../../core/metrics/hanbit-metrics.ts';
import { SeriesRunner, seriesSql, type SeriesRequest } from '../../../core/metrics/series.ts';
import type { SqlEngine } from '../../../core/sql/engine.ts';
import { warehouseEngine } from './support.ts';

let engine: SqlEngine;
beforeAll(async () => {
  engine = await warehouseEngine();
});

const Q4 = { from: '2025-10-01', to: '2025-12-31' };
const sqlOf = (id: string): string => hanbitMetric(id)?.sql ?? '';

describe('SeriesRunner', () => {
  it('keeps periods starting inside the range, and a series column for several lines', () => {
    const runner = new SeriesRunner(engine);
    const month = runner.run('w', { key: 'a', sql: sqlOf('orders'), grain: 'month', range: Q4 });
    expect(month.ok && month.rows.map((r) => r.period)).toEqual(['2025-10-01', '2025-11-01', '2025-12-01']);
    const byPlatform = runner.run('w', {
      key: 'b',
      sql: "SELECT {{ period('order_date') }} AS period, platform AS series, COUNT(*) AS value FROM fact_orders GROUP BY 1, 2",
      grain: 'month',
      range: Q4,
    });
    expect(byPlatform.ok).toBe(true);
    if (!byPlatform.ok) return;
    const platforms = new Set(byPlatform.rows.map((r) => r.series));
    expect(platforms.size).toBeGreaterThan(1);
    expect(byPlatform.rows.filter((r) => r.period === '2025-10-01').reduce((s, r) => s + (r.value ?? 0), 0)).toBeGreaterThan(0);
  });

  it('reports a template error, an SQL error with the line of the metric, and missing columns, per series, without stopping the batch', () => {
    const runner = new SeriesRunner(engine);
    const items: SeriesRequest[] = [
      { key: 'tpl', sql: "SELECT {{ period('order_date' }} AS period", grain: 'day', range: Q4 },
      {
        key: 'sql',
        sql: "SELECT {{ period('order_date') }} AS period,\n  SUM(no_such_column) AS value\nFROM fact_orders GROUP BY 1",
        grain: 'week',
        range: Q4,
      },
      { key: 'cols', sql: "SELECT {{ period('order_date') }} AS day, COUNT(*) AS n FROM fact_orders GROUP BY 1", grain: 'week', range: Q4 },
      { key: 'good', sql: sqlOf('net-revenue'), grain: 'week', range: Q4 },
    ];
    const progress: number[] = [];
    const batch = runner.runBatch('w', items, (done) => progress.push(done));
    expect(progress).toEqual([1, 2, 3, 4]);
    const [tpl, sql, cols, good] = batch.results;
    expect(tpl).toMatchObject({ key: 'tpl', ok: false, error: { code: 'template', line: 1 }, sql: null });
    expect(sql).toMatchObject({ key: 'sql', ok: false, error: { code: 'sql', line: 2 } });
    expect(sql?.ok === false && sql.error.message).toContain('no_such_column');
    expect(cols).toMatchObject({ ok: false, error: { code: 'columns', columns: ['day', 'n'] } });
    expect(good?.ok && good.rows.length).toBe(13);
  });

  it('caches every period by database and rendered SQL: a range change runs no SQL, a grain change runs each metric once', () => {
    const runner = new SeriesRunner(engine);
    const items = (to: string, grain: 'week' | 'month' = 'week'): SeriesRequest[] => [
      { key: 'kpi', sql: sqlOf('net-revenue'), grain, range: { from: '2024-12-23', to } },
      { key: 'chart', sql: sqlOf('net-revenue'), grain, range: { from: '2025-01-01', to } },
      { key: 'spend', sql: sqlOf('marketing-spend'), grain, range: { from: '2025-01-01', to } },
    ];
    const first = runner.runBatch('w', items('2025-12-31'));
    expect(first.results.map((r) => r.ok && r.cached)).toEqual([false, true, false]);
    // The KPI's wider range keeps its extra week; the chart starts in 2025.
    expect(first.results[0]?.ok && first.results[0].rows[0]?.period).toBe('2024-12-23');
    expect(first.results[1]?.ok && first.results[1].rows[0]?.period).toBe('2025-01-06');
    const narrowed = runner.runBatch('w', items('2025-06-30'));
    expect(narrowed.cacheHits).toBe(3);
    const last = narrowed.results[1];
    expect(last?.ok && last.rows.at(-1)?.period).toBe('2025-06-30');
    expect(last?.ok && last.sql).toContain("period <= '2025-06-30'");
    // The rows kept and filtered are the rows the filtered query gives.
    const direct = engine.exec(last?.ok ? last.sql : '', 1000).results[0]?.rows.map((r) => [r[0], r[1]]);
    expect(last?.ok && last.rows.map((r) => [r.period, r.value])).toEqual(direct);
    expect(runner.runBatch('w', items('2025-06-30', 'month')).cacheHits).toBe(1);
    // Another database never reads this one's answers.
    expect(runner.runBatch('other', items('2025-06-30')).cacheHits).toBe(1);
    expect(narrowed.elapsedMs).toBeLessThan(first.elapsedMs);
  });

  it('refuses to write: the analytics database is read-only', () => {
    const r = engine.exec('DELETE FROM fact_orders', 1);
    expect(r.error?.message).toMatch(/readonly|read-only/i);
    expect(engine.exec('SELECT COUNT(*) FROM fact_orders', 1).results[0]?.rows[0]?.[0]).toBeGreaterThan(0);
  });

  it('wraps the rendered template so a trailing comment or semicolon does not break it', () => {
    const sql = "SELECT {{ period('order_date') }} AS period, COUNT(*) AS value FROM fact_orders GROUP BY 1; -- done";
    const r = new SeriesRunner(engine).run('w', { key: 'k', sql: sql.replace('; -- done', ' -- done'), grain: 'month', range: Q4 });
    expect(r.ok).toBe(true);
    expect(seriesSql(`${sql.replace(' -- done', '')}\n`, 'month', Q4)).not.toContain(';');
    expect(seriesSql(sql.replace('; -- done', ''), 'month')).not.toContain('WHERE period');
  });
});
