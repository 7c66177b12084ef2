import { beforeAll, describe, expect, it } from 'vitest';
import {
  HANBIT_METRICS,
  REVENUE_DEFINITIONS,
  VAGUE_REVENUE_EXAMPLE,
  hanbitMetric,
  ownerLabel,
} from '../../../core/metrics/hanbit-metrics.ts';
import { followsGrain } from '../../../core/metrics/render-sql.ts';
import { GRAINS, MetricSchema, type Grain } from '../../../core/metrics/schema.ts';
import { SeriesRunner, type SeriesPoint } from '../../../core/metrics/series.ts';
import { TEAMS } from '../../../datasets/hanbit/dictionary.ts';
import type { SqlEngine } from '../../../core/sql/engine.ts';
import { warehouseEngine } from './support.ts';

const ALL = { from: '2024-07-01', to: '2025-12-31' };
const engines: Record<'visible' | 'variant', SqlEngine | null> = { visible: null, variant: null };

beforeAll(async () => {
  engines.visible = await warehouseEngine('visible');
  engines.variant = await warehouseEngine('variant');
});

function series(copy: 'visible' | 'variant', id: string, grain: Grain): SeriesPoint[] {
  const metric = hanbitMetric(id);
  if (!metric) throw new Error(`no metric ${id}`);
  const result = new SeriesRunner(engines[copy] as SqlEngine).run('hanbit-warehouse', { key: id, sql: metric.sql, grain, range: ALL });
  if (!result.ok) throw new Error(`${id} at ${grain} on ${copy}: ${result.error.message}`);
  return result.rows;
}

const total = (rows: SeriesPoint[]): number => rows.reduce((s, r) => s + (r.value ?? 0), 0);

describe('Hanbit published metrics', () => {
  it('are complete metrics: both languages, an owner team of the dictionary, a history, a grain-following template; few KPIs', () => {
    expect(HANBIT_METRICS.length).toBeGreaterThanOrEqual(8);
    const ids = HANBIT_METRICS.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    const kpis = HANBIT_METRICS.filter((m) => m.type === 'kpi');
    expect(kpis.length).toBeGreaterThanOrEqual(3);
    expect(kpis.length).toBeLessThanOrEqual(4);
    for (const m of HANBIT_METRICS) {
      expect(MetricSchema.parse(m)).toEqual(m);
      expect(m.builtIn).toBe(true);
      expect(Object.keys(TEAMS)).toContain(m.owner);
      expect(ownerLabel(m.owner, 'ko')).not.toBe(m.owner);
      expect(m.history.length).toBeGreaterThanOrEqual(1);
      expect(followsGrain(m.sql)).toBe(true);
      expect(m.review.accessible.ok).toBeNull();
      for (const h of m.history) expect(h.text?.ko && h.text.en).toBeTruthy();
    }
    expect(hanbitMetric('net-revenue')?.definition.ko).toContain('반품을 제외한 매출액');
  });

  for (const copy of ['visible', 'variant'] as const) {
    it(`every metric runs at day, week and month on the ${copy} warehouse, one row per period in order`, () => {
      for (const m of HANBIT_METRICS) {
        for (const grain of GRAINS) {
          const rows = series(copy, m.id, grain);
          expect(rows.length, `${m.id} ${grain}`).toBeGreaterThan(0);
          const periods = rows.map((r) => r.period);
          expect(new Set(periods).size).toBe(periods.length);
          expect([...periods].sort()).toEqual(periods);
          for (const r of rows) {
            expect(r.period).toMatch(/^\d{4}-\d{2}-\d{2}$/);
            expect(r.value, `${m.id} ${grain} ${r.period}`).not.toBeNull();
            if (grain === 'week') expect(new Date(`${r.period}T00:00:00Z`).getUTCDay()).toBe(1);
            if (grain === 'month') expect(r.period.endsWith('-01')).toBe(true);
            if (m.unit === 'ratio') {
              expect(r.value).toBeGreaterThanOrEqual(0);
              expect(r.value).toBeLessThanOrEqual(1);
            } else expect(r.value).toBeGreaterThan(0);
          }
        }
      }
    });
  }

  it('sums agree across grains and with the warehouse: 18 months of orders, revenue net of refunds below gross', () => {
    const db = engines.visible as SqlEngine;
    const one = (sql: string): number => Number(db.exec(sql, 1).results[0]?.rows[0]?.[0]);
    for (const id of ['net-revenue', 'orders', 'gross-revenue', 'marketing-spend']) {
      const byDay = total(series('visible', id, 'day'));
      expect(total(series('visible', id, 'week'))).toBe(byDay);
      expect(total(series('visible', id, 'month'))).toBe(byDay);
    }
    expect(series('visible', 'orders', 'month')).toHaveLength(18);
    expect(total(series('visible', 'net-revenue', 'day'))).toBe(one('SELECT SUM(net_revenue) FROM fact_orders'));
    expect(total(series('visible', 'marketing-spend', 'day'))).toBe(one('SELECT SUM(spend_krw) FROM marketing_spend'));
    const net = series('visible', 'net-revenue', 'month');
    const gross = series('visible', 'gross-revenue', 'month');
    for (const [i, g] of gross.entries()) expect(g.value).toBeGreaterThan(net[i]?.value ?? Infinity);
    // The gap is exactly what was refunded.
    expect(total(gross) - total(net)).toBe(one("SELECT SUM(refunded_amount) FROM fact_orders WHERE status <> 'cancelled'"));
  });

  it('gives plausible levels: buyers at most orders, AOV between 10k and 200k won, CTR around 0.6, 5xx only in the sale weeks', () => {
    const orders = series('visible', 'orders', 'week');
    const buyers = series('visible', 'active-buyers', 'week');
    for (const [i, b] of buyers.entries()) expect(b.value).toBeLessThanOrEqual(orders[i]?.value ?? 0);
    for (const r of series('visible', 'average-order-value', 'month')) {
      expect(r.value).toBeGreaterThan(10_000);
      expect(r.value).toBeLessThan(200_000);
    }
    const ctr = series('variant', 'search-ctr', 'month');
    for (const r of ctr) expect(r.value).toBeGreaterThan(0.4);
    const errors = series('visible', 'error-rate-5xx', 'day');
    expect(errors.map((r) => r.period)).toEqual(Array.from({ length: 14 }, (_, i) => `2025-12-${String(10 + i).padStart(2, '0')}`));
  });

  it('the visible and the hidden warehouse give different numbers (no metric is a constant)', () => {
    for (const m of HANBIT_METRICS) {
      if (m.id === 'marketing-spend' || m.id === 'error-rate-5xx') continue;
      expect(series('variant', m.id, 'month'), m.id).not.toEqual(series('visible', m.id, 'month'));
    }
  });

  it('names the two revenues differently, and publishes marketing\'s vague "revenue" under the KPI\'s name: a third, larger number', () => {
    const [net, gross] = REVENUE_DEFINITIONS.map((id) => hanbitMetric(id));
    expect(net?.name.ko).not.toBe(gross?.name.ko);
    expect(net?.name.en).not.toBe(gross?.name.en);
    // Published by marketing as a general metric, with the KPI's exact name and another SQL.
    expect(hanbitMetric('revenue-sales-report')).toBe(VAGUE_REVENUE_EXAMPLE);
    expect(VAGUE_REVENUE_EXAMPLE).toMatchObject({ builtIn: true, owner: 'marketing', type: 'metric' });
    expect(VAGUE_REVENUE_EXAMPLE.name).toEqual(net?.name);
    expect(VAGUE_REVENUE_EXAMPLE.sql).not.toBe(net?.sql);
    // Every order's total (cancelled and unpaid ones too): above gross, which is above net, each month.
    const vague = series('visible', 'revenue-sales-report', 'month');
    const grossRows = series('visible', 'gross-revenue', 'month');
    for (const [i, v] of vague.entries()) expect(v.value).toBeGreaterThan(grossRows[i]?.value ?? Infinity);
    const db = engines.visible as SqlEngine;
    expect(total(vague)).toBe(Number(db.exec('SELECT SUM(total_amount) FROM fact_orders', 1).results[0]?.rows[0]?.[0]));
    expect(hanbitMetric('net-revenue')?.history.at(-1)?.previousSql).toBe(gross?.sql);
  });
});
