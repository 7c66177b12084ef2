import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { HANBIT_METRICS } from '../../../core/metrics/hanbit-metrics.ts';
import { ROOT } from './support.ts';

/** `npm run metrics -- …` as an instructor runs it: a real process on the bundled warehouse. */

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['scripts/metrics.ts', ...args], { cwd: ROOT }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

interface Listed {
  metrics: {
    id: string;
    type: string;
    name: { ko: string; en: string };
    owner: { id: string; ko: string };
    lastChange: { at: string } | null;
  }[];
  conflicts: unknown[];
}

describe('npm run metrics', () => {
  it('list prints every published metric with owner names and last change; --type kpi keeps the KPIs', async () => {
    const all = await cli('list');
    expect(all.code).toBe(0);
    const listed = JSON.parse(all.stdout) as Listed;
    expect(listed.metrics.map((m) => m.id)).toEqual(HANBIT_METRICS.map((m) => m.id));
    expect(listed.metrics.find((m) => m.id === 'search-ctr')?.owner).toMatchObject({ id: 'search', ko: '검색팀' });
    expect(listed.metrics.every((m) => m.lastChange !== null)).toBe(true);
    // The marketing team's "매출 / Revenue" is published under the KPI's name with another definition.
    expect(listed.conflicts).toEqual([expect.objectContaining({ ids: ['net-revenue', 'revenue-sales-report'], langs: ['ko', 'en'] })]);
    const kpis = JSON.parse((await cli('list', '--type', 'kpi')).stdout) as Listed;
    expect(kpis.metrics.map((m) => m.id)).toEqual(['net-revenue', 'orders', 'active-buyers', 'average-order-value']);
    const found = JSON.parse((await cli('list', '--search', '환불')).stdout) as Listed;
    expect(found.metrics.map((m) => m.id)).toContain('refund-rate');
  });

  it('series prints the periods of a metric at a grain and range, and differs on the hidden variant', async () => {
    const r = await cli('series', 'orders', '--grain', 'month', '--from', '2025-01-01', '--to', '2025-06-30');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { rows: { period: string; value: number }[]; sql: string; grain: string };
    expect(out.grain).toBe('month');
    expect(out.rows.map((p) => p.period)).toEqual(['2025-01-01', '2025-02-01', '2025-03-01', '2025-04-01', '2025-05-01', '2025-06-01']);
    expect(out.rows.every((p) => p.value > 100)).toBe(true);
    expect(out.sql).toContain("strftime('%Y-%m-01', order_date)");
    const v = JSON.parse(
      (await cli('series', 'orders', '--grain=month', '--from=2025-01-01', '--to=2025-06-30', '--variant')).stdout,
    ) as typeof out;
    expect(v.rows.map((p) => p.period)).toEqual(out.rows.map((p) => p.period));
    expect(v.rows.map((p) => p.value)).not.toEqual(out.rows.map((p) => p.value));
    const week = JSON.parse((await cli('series', 'net-revenue')).stdout) as typeof out;
    expect(week.grain).toBe('week');
    expect(week.rows[0]?.period).toBe('2025-01-06');
  });

  it('audit prints the query, tables and columns read (resolved with the warehouse schema) and the history', async () => {
    const r = await cli('audit', 'net-revenue', '--grain', 'week');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      sql: string;
      tables: string[];
      columns: { table: string; column: string }[];
      parsed: boolean;
      history: unknown[];
    };
    expect(out.parsed).toBe(true);
    expect(out.tables).toEqual(['fact_orders']);
    expect(out.columns).toEqual([
      { table: 'fact_orders', column: 'net_revenue' },
      { table: 'fact_orders', column: 'order_date' },
    ]);
    expect(out.sql).toContain("'weekday 0'");
    expect(out.history).toHaveLength(2);
  });

  it('dashboard times the starter batch: a change of range is served from the cache', async () => {
    const r = await cli('dashboard');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      batches: { tiles: number; firstRunMs: number; rangeChangeCacheHits: number; results: { ok: boolean }[] }[];
    };
    expect(out.batches[0]?.tiles).toBe(8);
    expect(out.batches[0]?.rangeChangeCacheHits).toBe(8);
    expect(out.batches[0]?.results.every((x) => x.ok)).toBe(true);
  });

  it('bad input: an unknown metric, grain, date or command exits 2 with a message on stderr', async () => {
    for (const args of [
      ['series', 'revenue'],
      ['series', 'orders', '--grain', 'year'],
      ['series', 'orders', '--from', '2025-13-01'],
      ['series', 'orders', '--from', '2025-06-01', '--to', '2025-01-01'],
      ['frobnicate'],
      ['list', '--type', 'kpis'],
      ['audit'],
    ]) {
      const r = await cli(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/usage:/);
    }
    expect((await cli('series', 'revenue')).stderr).toContain('net-revenue');
  }, 120_000);
});
