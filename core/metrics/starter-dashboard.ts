import type { Lang } from '../lessons/localized.ts';
import { hanbitMetric } from './hanbit-metrics.ts';
import { DashboardSchema, type Dashboard, type DateRange, type Grain, type Metric, type Tile } from './schema.ts';
import type { SeriesRequest } from './series.ts';
import { kpiRange } from './tile-specs.ts';

/*
 * The dashboard a learner starts from: the four KPIs on top (value, change, sparkline), then four
 * charts: revenue net of refunds beside gross revenue (the two definitions side by side), marketing
 * spend and the search click-through rate. 2025 by week.
 */

/** The starter dashboard's id. */
export const STARTER_DASHBOARD_ID = 'starter';

/** The starter dashboard's names (its `name` is stored in one language: the learner's at creation). */
export const STARTER_NAME = { ko: '한빛마켓 주요 지표', en: 'Hanbit Market at a glance' } as const;

/** A fresh starter dashboard: 4 KPI tiles and 4 chart tiles over the published metrics, 2025 by week. */
export function starterDashboard(lang: Lang = 'ko'): Dashboard {
  const kpi = (id: string, metricId: string, x: number): Tile => ({
    id,
    kind: 'kpi',
    metricId,
    chart: { mark: 'line' },
    layout: { x, y: 0, w: 3, h: 2 },
  });
  const chart = (id: string, metricId: string, mark: 'line' | 'bar' | 'area', x: number, y: number): Tile => ({
    id,
    kind: 'chart',
    metricId,
    chart: { mark },
    layout: { x, y, w: 6, h: 4 },
  });
  return DashboardSchema.parse({
    id: STARTER_DASHBOARD_ID,
    name: STARTER_NAME[lang],
    range: { from: '2025-01-01', to: '2025-12-31' },
    grain: 'week',
    tiles: [
      kpi('kpi-revenue', 'net-revenue', 0),
      kpi('kpi-orders', 'orders', 3),
      kpi('kpi-buyers', 'active-buyers', 6),
      kpi('kpi-aov', 'average-order-value', 9),
      chart('chart-revenue', 'net-revenue', 'line', 0, 2),
      chart('chart-gross-revenue', 'gross-revenue', 'line', 6, 2),
      chart('chart-spend', 'marketing-spend', 'bar', 0, 6),
      chart('chart-search-ctr', 'search-ctr', 'area', 6, 6),
    ],
  });
}

/**
 * The series a dashboard needs, one per tile (key = tile id): a metric tile runs its metric's
 * SQL, a query tile its own; a KPI tile asks for one period more (kpiRange) to compare with.
 * Tiles whose metric is unknown are left out (`missing` lists them). Grouped by database.
 */
export function dashboardRequests(
  dashboard: Dashboard,
  metrics: readonly Metric[],
  overrides: { range?: DateRange; grain?: Grain } = {},
): { byDatabase: Record<string, SeriesRequest[]>; missing: string[] } {
  const range = overrides.range ?? dashboard.range;
  const grain = overrides.grain ?? dashboard.grain;
  const byDatabase: Record<string, SeriesRequest[]> = {};
  const missing: string[] = [];
  for (const tile of dashboard.tiles) {
    const metric = tile.metricId ? (metrics.find((m) => m.id === tile.metricId) ?? hanbitMetric(tile.metricId)) : undefined;
    const sql = metric?.sql ?? tile.sql;
    if (sql === undefined) {
      missing.push(tile.id);
      continue;
    }
    const database = metric?.database ?? tile.database ?? 'hanbit-warehouse';
    (byDatabase[database] ??= []).push({ key: tile.id, sql, grain, range: tile.kind === 'kpi' ? kpiRange(range, grain) : range });
  }
  return { byDatabase, missing };
}
