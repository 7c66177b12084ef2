import type { Grain, MetricUnit } from '../../../core/metrics/schema.ts';
import type { SeriesPoint } from '../../../core/metrics/series.ts';

/*
 * The one place the dashboard turns a tile's rows into a Vega-Lite spec sized to its box.
 * PROVISIONAL: minimal specs until core/metrics/tile-specs.ts lands; then these call it.
 */

/** A spec maker for a box size. */
export type SizedSpec = (size: { width: number; height: number }) => unknown;

/** The KPI tile's sparkline over the range's periods. */
export function sparklineSpecFor(points: readonly SeriesPoint[], _unit: MetricUnit, _grain: Grain, _lang: string): SizedSpec {
  const values = points.map((p) => ({ period: p.period, value: p.value }));
  return ({ width, height }) => ({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width,
    height,
    autosize: { type: 'fit', contains: 'padding' },
    padding: 2,
    data: { values },
    mark: { type: 'area', line: true, opacity: 0.15 },
    encoding: {
      x: { field: 'period', type: 'temporal', axis: null },
      y: { field: 'value', type: 'quantitative', axis: null, scale: { zero: false } },
    },
  });
}

/** A chart tile's chart (one line per `series` when the rows carry one). */
export function chartSpecFor(
  rows: readonly SeriesPoint[],
  mark: 'line' | 'bar' | 'area',
  _unit: MetricUnit,
  _grain: Grain,
  _lang: string,
): SizedSpec {
  const values = rows.map((r) => ({ period: r.period, value: r.value, series: r.series ?? null }));
  const hasSeries = rows.some((r) => r.series !== undefined);
  return ({ width, height }) => ({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width,
    height,
    autosize: { type: 'fit', contains: 'padding' },
    data: { values },
    mark: { type: mark, tooltip: true },
    encoding: {
      x: { field: 'period', type: 'temporal', title: null },
      y: { field: 'value', type: 'quantitative', title: null },
      ...(hasSeries ? { color: { field: 'series', type: 'nominal', title: null } } : {}),
    },
  });
}

import type { Dashboard } from '../../../core/metrics/schema.ts';

/** PROVISIONAL starter dashboard until core/metrics/starter-dashboard.ts lands. */
export function starterFor(lang: 'ko' | 'en'): Dashboard {
  return {
    id: 'hanbit-overview',
    name: lang === 'ko' ? '한빛마켓 현황' : 'Hanbit overview',
    range: { from: '2025-07-01', to: '2025-12-31' },
    grain: 'week',
    tiles: [
      { id: 'kpi-revenue', kind: 'kpi', metricId: 'net-revenue', chart: { mark: 'line' }, layout: { x: 0, y: 0, w: 3, h: 3 } },
      { id: 'kpi-orders', kind: 'kpi', metricId: 'orders', chart: { mark: 'line' }, layout: { x: 3, y: 0, w: 3, h: 3 } },
      { id: 'kpi-buyers', kind: 'kpi', metricId: 'active-buyers', chart: { mark: 'line' }, layout: { x: 6, y: 0, w: 3, h: 3 } },
      { id: 'kpi-refund', kind: 'kpi', metricId: 'refund-rate', chart: { mark: 'line' }, layout: { x: 9, y: 0, w: 3, h: 3 } },
      { id: 'chart-revenue', kind: 'chart', metricId: 'net-revenue', chart: { mark: 'line' }, layout: { x: 0, y: 3, w: 6, h: 5 } },
      { id: 'chart-orders', kind: 'chart', metricId: 'orders', chart: { mark: 'bar' }, layout: { x: 6, y: 3, w: 6, h: 5 } },
      { id: 'chart-aov', kind: 'chart', metricId: 'average-order-value', chart: { mark: 'line' }, layout: { x: 0, y: 8, w: 6, h: 5 } },
      { id: 'chart-spend', kind: 'chart', metricId: 'marketing-spend', chart: { mark: 'area' }, layout: { x: 6, y: 8, w: 6, h: 5 } },
    ],
  };
}
