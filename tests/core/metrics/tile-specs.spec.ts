import { beforeAll, describe, expect, it } from 'vitest';
import { compile, type Config, type TopLevelSpec } from 'vega-lite';
import { parse, View } from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { HANBIT_METRICS, hanbitMetric } from '../../../core/metrics/hanbit-metrics.ts';
import { DashboardSchema } from '../../../core/metrics/schema.ts';
import { SeriesRunner, type SeriesPoint } from '../../../core/metrics/series.ts';
import { dashboardRequests, starterDashboard } from '../../../core/metrics/starter-dashboard.ts';
import {
  chartTileSpec,
  dashboardExportSpec,
  formatValue,
  kpiRange,
  kpiSparklineSpec,
  kpiSummary,
  revenueDefinitionsSpec,
  tileExportSpecs,
  type TileSeries,
} from '../../../core/metrics/tile-specs.ts';
import type { VegaLiteSpec } from '../../../core/charts/spec.ts';
import { chartConfig } from '../../../renderer/charts/vega-config.ts';
import { warehouseEngine } from './support.ts';

/** Compiles and renders a spec to SVG as the app does (vega-interpreter, no eval). */
async function render(spec: VegaLiteSpec, lang = 'ko'): Promise<{ svg: string; width: number; height: number }> {
  const json = JSON.stringify(spec);
  expect(json).not.toMatch(/"url"\s*:/);
  const vg = compile(spec as unknown as TopLevelSpec, { config: chartConfig(lang, false) as Config }).spec;
  const view = new View(parse(vg, undefined, { ast: true }), { expr: expressionInterpreter, renderer: 'none' });
  await view.runAsync();
  const svg = await view.toSVG();
  view.finalize();
  const m = /<svg[^>]*width="(\d+(?:\.\d+)?)"[^>]*height="(\d+(?:\.\d+)?)"/.exec(svg);
  return { svg, width: Number(m?.[1]), height: Number(m?.[2]) };
}

const dashboard = starterDashboard('ko');
const series: Record<string, TileSeries> = {};
let net: SeriesPoint[] = [];
let gross: SeriesPoint[] = [];

beforeAll(async () => {
  const runner = new SeriesRunner(await warehouseEngine());
  const { byDatabase } = dashboardRequests(dashboard, HANBIT_METRICS);
  for (const r of runner.runBatch('hanbit-warehouse', byDatabase['hanbit-warehouse'] ?? []).results)
    series[r.key] = r.ok ? { rows: r.rows } : { error: r.error.message };
  const month = (id: string): SeriesPoint[] => {
    const r = runner.run('w', {
      key: id,
      sql: hanbitMetric(id)?.sql ?? '',
      grain: 'month',
      range: { from: '2024-07-01', to: '2025-12-31' },
    });
    return r.ok ? r.rows : [];
  };
  net = month('net-revenue');
  gross = month('gross-revenue');
});

describe('KPI summary', () => {
  it('shows the last whole period in the range against the one before, coloured by direction', () => {
    const range = { from: '2025-01-01', to: '2025-12-31' };
    const rows: SeriesPoint[] = [
      { period: '2024-12-23', value: 50 },
      { period: '2024-12-30', value: 100 },
      { period: '2025-12-22', value: 90 },
      { period: '2025-12-29', value: 10 },
    ];
    expect(kpiRange(range, 'week')).toEqual({ from: '2024-12-23', to: '2025-12-31' });
    // The week of 12-29 runs past the range: the KPI is the week of 12-22, compared with nothing (12-15 missing).
    expect(kpiSummary(rows, 'week', range)).toMatchObject({ period: '2025-12-22', value: 90, previous: null, change: null });
    const s = kpiSummary(
      [
        { period: '2025-11-01', value: 80 },
        { period: '2025-12-01', value: 100 },
      ],
      'month',
      range,
      false,
    );
    expect(s).toMatchObject({ period: '2025-12-01', previousPeriod: '2025-11-01', change: 0.25, good: false });
    expect(kpiSummary([], 'day', range).value).toBeNull();
    expect(formatValue(1234567.4, 'krw', 'ko')).toBe('1,234,567원');
    expect(formatValue(1234567, 'krw', 'en')).toBe('₩1,234,567');
    expect(formatValue(0.61234, 'ratio', 'en')).toBe('61.23%');
    expect(formatValue(null, 'count', 'en')).toBe('–');
  });

  it('gives the starter dashboard KPIs a value and a change for the last whole week of 2025', () => {
    for (const tile of dashboard.tiles.filter((t) => t.kind === 'kpi')) {
      const s = series[tile.id];
      expect(s && 'rows' in s).toBe(true);
      if (!s || !('rows' in s)) continue;
      const summary = kpiSummary(s.rows, 'week', dashboard.range);
      expect(summary.period, tile.id).toBe('2025-12-22');
      expect(summary.previousPeriod, tile.id).toBe('2025-12-15');
      expect(summary.change, tile.id).not.toBeNull();
    }
  });
});

describe('tile specs', () => {
  it('a KPI sparkline compiles and renders to SVG without axes', async () => {
    const s = series['kpi-revenue'];
    const rows = s && 'rows' in s ? s.rows : [];
    const { svg, width } = await render(kpiSparklineSpec(rows, { unit: 'krw', grain: 'week', lang: 'ko' }));
    expect(width).toBeGreaterThanOrEqual(160);
    expect(svg).toContain('<path');
    expect(svg).not.toContain('role-axis');
  });

  it('a chart tile renders as line, bar and area, and draws one colour per series with a legend', async () => {
    const s = series['chart-revenue'];
    const rows = s && 'rows' in s ? s.rows : [];
    for (const mark of ['line', 'bar', 'area'] as const) {
      const { svg } = await render(
        chartTileSpec(rows, { mark, unit: 'krw', grain: 'week', lang: 'en', width: 500, height: 200, valueTitle: 'Revenue' }),
        'en',
      );
      expect(svg, mark).toContain('Revenue');
      expect(svg, mark).toContain(`role-mark`);
    }
    const multi = [...rows.slice(0, 5).map((r) => ({ ...r, series: 'app' })), ...rows.slice(0, 5).map((r) => ({ ...r, series: 'web' }))];
    const { svg } = await render(
      chartTileSpec(multi, { mark: 'line', unit: 'krw', grain: 'week', lang: 'en', width: 400, height: 200 }),
      'en',
    );
    expect(svg).toContain('role-legend');
    expect(svg).toContain('>app<');
    expect(svg).toContain('>web<');
  });

  it('the two definitions of revenue: two lines, the legend naming each definition, the gap in the subtitle', async () => {
    const spec = revenueDefinitionsSpec(net, gross, { grain: 'month', lang: 'ko', width: 600, height: 240 });
    const { svg } = await render(spec);
    expect(svg).toContain('반품을 제외한 매출액');
    expect(svg).toContain('환불을 빼지 않은 주문 금액');
    expect(svg).toMatch(/기간 합계의 차이: [\d,]+원/);
    const en = await render(revenueDefinitionsSpec(net, gross, { grain: 'month', lang: 'en', width: 600, height: 240 }), 'en');
    expect(en.svg).toContain('sales excluding refunds');
    expect(en.svg).toContain('refunds not taken out');
    expect(en.svg.match(/role-line|aria-roledescription="line mark"/g)?.length ?? 0).toBeGreaterThan(0);
  });
});

describe('dashboard export', () => {
  it('the whole starter dashboard is one spec rendering to one SVG as wide as the grid, KPIs above charts', async () => {
    const spec = dashboardExportSpec(dashboard, series, 'ko', HANBIT_METRICS);
    const { svg, width, height } = await render(spec);
    expect(width).toBeGreaterThan(1100);
    expect(height).toBeGreaterThan(700);
    for (const m of ['매출', '주문 수', '구매 고객 수', '평균 주문 금액', '매출 (총액)', '광고비', '검색 클릭률']) expect(svg).toContain(m);
    expect(svg).toContain('한빛마켓 주요 지표');
    expect(svg).toMatch(/[▲▼] [\d.]+%/);
    // Row by row: the KPI row is drawn before the charts' rows.
    expect(svg.indexOf('평균 주문 금액')).toBeLessThan(svg.indexOf('광고비'));
  });

  it('a tile that failed or has no data says so in the export; a tile left uncomputed too', async () => {
    const d = DashboardSchema.parse({
      ...dashboard,
      tiles: [
        { id: 'a', kind: 'chart', sql: 'SELECT 1', chart: { mark: 'bar' }, layout: { x: 0, y: 0, w: 4, h: 3 } },
        { id: 'b', kind: 'kpi', metricId: 'orders', layout: { x: 4, y: 0, w: 4, h: 3 } },
        { id: 'c', kind: 'chart', metricId: 'orders', layout: { x: 8, y: 0, w: 4, h: 3 } },
      ],
    });
    const { svg } = await render(
      dashboardExportSpec(d, { a: { error: 'no such column: x' }, b: { rows: [] } }, 'en', HANBIT_METRICS),
      'en',
    );
    expect(svg).toContain('Could not compute: no such column: x');
    expect(svg).toContain('No data in this range.');
    expect(svg).toContain('Not computed yet.');
  });

  it('lays a tall tile beside two stacked ones, as on the grid', async () => {
    const d = DashboardSchema.parse({
      ...dashboard,
      tiles: [
        { id: 'tall', kind: 'chart', metricId: 'orders', layout: { x: 0, y: 0, w: 6, h: 6 } },
        { id: 'top', kind: 'kpi', metricId: 'orders', layout: { x: 6, y: 0, w: 6, h: 3 } },
        { id: 'bottom', kind: 'kpi', metricId: 'net-revenue', layout: { x: 6, y: 3, w: 6, h: 3 } },
      ],
    });
    const spec = dashboardExportSpec(
      d,
      { tall: series['chart-revenue'] as TileSeries, top: series['kpi-orders'] as TileSeries, bottom: series['kpi-revenue'] as TileSeries },
      'en',
      HANBIT_METRICS,
    );
    expect(spec.hconcat).toBeUndefined();
    const row = (spec.vconcat as VegaLiteSpec[])[0] as VegaLiteSpec;
    expect((row.hconcat as VegaLiteSpec[]).length).toBe(2);
    expect(((row.hconcat as VegaLiteSpec[])[1] as VegaLiteSpec).vconcat).toHaveLength(2);
    const { width } = await render(spec, 'en');
    expect(width).toBeGreaterThan(1100);
  });

  it('exports each tile as its own spec with its title', async () => {
    const en = await render(dashboardExportSpec(starterDashboard('en'), series, 'en', HANBIT_METRICS), 'en');
    expect(en.svg).toContain('Hanbit Market at a glance');
    expect(en.svg).toContain('2025-01-01 to 2025-12-31 · by week (from Monday)');
    expect(en.svg).toContain('Week of Dec 22, 2025');
    const tiles = tileExportSpecs(dashboard, series, 'en', HANBIT_METRICS);
    expect(tiles.map((t) => t.tileId)).toEqual(dashboard.tiles.map((t) => t.id));
    expect(tiles[0]?.title).toBe('Revenue');
    for (const t of tiles) {
      const { svg } = await render(t.spec, 'en');
      expect(svg, t.tileId).toContain(t.title);
    }
  });
});
