import { beforeAll, describe, expect, it } from 'vitest';
import { compile, type Config, type TopLevelSpec } from 'vega-lite';
import { parse, View } from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { HANBIT_METRICS } from '../../../core/metrics/hanbit-metrics.ts';
import { SeriesRunner, type SeriesPoint } from '../../../core/metrics/series.ts';
import { dashboardRequests, starterDashboard } from '../../../core/metrics/starter-dashboard.ts';
import {
  chartTileSpec,
  dashboardExportSpec,
  kpiSparklineSpec,
  partialLegend,
  partialNote,
  partialPeriod,
  partialPeriods,
  type TileSeries,
} from '../../../core/metrics/tile-specs.ts';
import type { VegaLiteSpec } from '../../../core/charts/spec.ts';
import { chartConfig } from '../../../renderer/charts/vega-config.ts';
import { warehouseEngine } from './support.ts';

/*
 * A chart tile over a range whose end cuts a period (2025 ends on a Wednesday: the last week
 * holds three days) must not draw that week as a fall like any other: it is drawn apart (hollow
 * point on a dashed segment, or a faded bar) and its tooltip says how many days it holds.
 */

async function render(spec: VegaLiteSpec, lang = 'en'): Promise<{ svg: string; view: View }> {
  const vg = compile(spec as unknown as TopLevelSpec, { config: chartConfig(lang, false) as Config }).spec;
  const view = new View(parse(vg, undefined, { ast: true }), { expr: expressionInterpreter, renderer: 'none' });
  await view.runAsync();
  return { svg: await view.toSVG(), view };
}

type Row = { period: string; kind: string; partial: boolean; note: string; series?: string };
const rowsOf = (spec: VegaLiteSpec): Row[] => (spec.data as { values: Row[] }).values;
const partialPoints = (spec: VegaLiteSpec): Row[] => rowsOf(spec).filter((r) => r.kind === 'p' && r.partial);
/** Circles (arc paths) drawn with a stroke and no fill: the hollow points. */
const hollowCount = (svg: string): number =>
  (svg.match(/<path[^>]*>/g) ?? []).filter((tag) => /\sd="M[^"]*A/.test(tag) && !/\sfill="/.test(tag) && /\sstroke="/.test(tag)).length;

const year = { from: '2025-01-01', to: '2025-12-31' };
let revenue: SeriesPoint[] = [];

beforeAll(async () => {
  const dashboard = starterDashboard('en');
  const runner = new SeriesRunner(await warehouseEngine());
  const { byDatabase } = dashboardRequests(dashboard, HANBIT_METRICS);
  const got = runner.runBatch('hanbit-warehouse', byDatabase['hanbit-warehouse'] ?? []).results.find((r) => r.key === 'chart-revenue');
  revenue = got?.ok ? got.rows : [];
});

describe('partial periods', () => {
  it('a period is partial when the range cuts its end or its start, with the days it holds', () => {
    expect(partialPeriod('2025-12-29', 'week', year)).toEqual({ period: '2025-12-29', days: 3, totalDays: 7 });
    expect(partialPeriod('2025-12-22', 'week', year)).toBeNull();
    // A week ending on the range's last day (a Sunday) is whole.
    expect(partialPeriod('2025-12-22', 'week', { from: '2025-01-01', to: '2025-12-28' })).toBeNull();
    expect(partialPeriod('2024-12-30', 'week', year)).toEqual({ period: '2024-12-30', days: 5, totalDays: 7 });
    expect(partialPeriod('2025-12-01', 'month', { from: '2025-01-01', to: '2025-12-15' })).toEqual({
      period: '2025-12-01',
      days: 15,
      totalDays: 31,
    });
    expect(partialPeriod('2025-02-01', 'month', year)).toBeNull();
    expect(partialPeriod('2025-12-31', 'day', year)).toBeNull();
    const p = partialPeriod('2025-12-29', 'week', year)!;
    expect(partialNote(p, 'en')).toBe('Partial period (3 of 7 days)');
    expect(partialNote(p, 'ko')).toBe('기간 일부(7일 중 3일)');
  });

  it('the starter weekly revenue chart marks exactly the last, three-day week of 2025, in both languages', async () => {
    expect(revenue.length).toBeGreaterThan(50);
    expect(revenue.at(-1)?.period).toBe('2025-12-29');
    expect(partialPeriods(revenue, 'week', year).map((p) => p.period)).toEqual(['2025-12-29']);
    for (const mark of ['line', 'bar', 'area'] as const) {
      for (const lang of ['en', 'ko'] as const) {
        const spec = chartTileSpec(revenue, { mark, unit: 'krw', grain: 'week', lang, width: 500, height: 200, range: year });
        expect(partialPoints(spec).map((r) => r.period), `${mark} ${lang}`).toEqual(['2025-12-29']);
        expect(partialPoints(spec)[0]?.note).toBe(lang === 'ko' ? '기간 일부(7일 중 3일)' : 'Partial period (3 of 7 days)');
        // Every point is drawn once: the whole weeks plus the cut one.
        expect(rowsOf(spec).filter((r) => r.kind === 'p')).toHaveLength(revenue.length);
        const { svg, view } = await render(spec, lang);
        expect(svg, `${mark} ${lang}`).toContain('role-mark');
        if (mark === 'bar') {
          // The cut week is the one faded bar.
          expect(svg.match(/opacity="0.4"/g)?.length, `${mark} ${lang}`).toBe(1);
        } else {
          expect(hollowCount(svg), `${mark} ${lang}`).toBe(1);
          expect(svg, `${mark} ${lang}`).toContain('stroke-dasharray="4,3"');
        }
        view.finalize();
      }
    }
    expect(partialLegend(partialPeriods(revenue, 'week', year), 'week', 'en', 'line')).toBe(
      'Partial period: Week of Dec 29, 2025 (3 of 7 days in the range). Drawn as a hollow point on a dashed line.',
    );
    expect(partialLegend(partialPeriods(revenue, 'week', year), 'week', 'ko', 'bar')).toBe(
      '기간 일부: 2025년 12월 29일 주(7일 중 3일만 범위 안). 흐린 막대로 표시했습니다.',
    );
  });

  it('a range whose end closes the last week draws no partial period, with the same spec shape (the dashboard keeps its compiled view)', async () => {
    const toSunday = { from: '2025-01-01', to: '2025-12-28' };
    const rows = revenue.filter((p) => p.period <= toSunday.to);
    const cut = chartTileSpec(revenue, { mark: 'line', unit: 'krw', grain: 'week', lang: 'en', width: 500, height: 200, range: year });
    const whole = chartTileSpec(rows, { mark: 'line', unit: 'krw', grain: 'week', lang: 'en', width: 500, height: 200, range: toSunday });
    expect(partialPoints(whole)).toEqual([]);
    expect(partialLegend(partialPeriods(rows, 'week', toSunday), 'week', 'en', 'line')).toBeNull();
    const shape = (s: VegaLiteSpec): string => JSON.stringify({ ...s, data: null });
    expect(shape(whole)).toBe(shape(cut));
    const { svg, view } = await render(whole);
    expect(hollowCount(svg)).toBe(0);
    expect(svg).not.toContain('stroke-dasharray');
    view.finalize();
    // The layers left empty are no unlabelled graphics to assistive tech (axe's svg-img-alt).
    const unlabelled = (s: string): string[] =>
      (s.match(/<g class="mark-[^"]*role-mark[^"]*"[^>]*>/g) ?? []).filter((t) => /role="graphics-symbol"/.test(t) && !/aria-label=/.test(t));
    for (const mark of ['line', 'bar', 'area'] as const) {
      const out = await render(chartTileSpec(rows, { mark, unit: 'krw', grain: 'week', lang: 'en', width: 500, height: 200, range: toSunday }));
      expect(unlabelled(out.svg), mark).toEqual([]);
      out.view.finalize();
    }
    const spark = await render(kpiSparklineSpec(rows, { unit: 'krw', grain: 'week', lang: 'en', range: toSunday }));
    expect(unlabelled(spark.svg)).toEqual([]);
    spark.view.finalize();
  });

  it('several series stack and each gets its own dashed step into the cut week', async () => {
    const last = revenue.slice(-4);
    const multi = [...last.map((p) => ({ ...p, series: 'app' })), ...last.map((p) => ({ ...p, value: (p.value ?? 0) / 2, series: 'web' }))];
    for (const mark of ['line', 'area'] as const) {
      const spec = chartTileSpec(multi, { mark, unit: 'krw', grain: 'week', lang: 'en', width: 400, height: 200, range: year });
      expect(partialPoints(spec).map((r) => r.series)).toEqual(['app', 'web']);
      const segments = rowsOf(spec).filter((r) => r.kind !== 'p');
      expect(segments.map((r) => `${r.series} ${r.period}`)).toEqual(['app 2025-12-22', 'app 2025-12-29', 'web 2025-12-22', 'web 2025-12-29']);
      const { svg, view } = await render(spec);
      expect(hollowCount(svg), mark).toBe(2);
      expect(svg).toContain('role-legend');
      view.finalize();
    }
  });

  it("a KPI sparkline marks the KPI's last whole week, and draws the cut one hollow after a dashed step", async () => {
    const spec = kpiSparklineSpec(revenue, { unit: 'krw', grain: 'week', lang: 'ko', range: year });
    expect(partialPoints(spec).map((r) => r.period)).toEqual(['2025-12-29']);
    const { svg, view } = await render(spec, 'ko');
    expect(hollowCount(svg)).toBe(1);
    expect(svg).toContain('stroke-dasharray="4,3"');
    // The filled marker sits on the week of Dec 22 (the KPI's period), not on the cut week.
    const marked = (svg.match(/<path[^>]*aria-roledescription="point"[^>]*>/g) ?? []).filter((t) => /\sfill="/.test(t));
    expect(marked).toHaveLength(1);
    expect(marked[0]).toMatch(/aria-label="[^"]*12월 22, 2025/);
    view.finalize();
  });

  it('the dashboard export draws the cut week apart and names it under the chart tile titles', async () => {
    const dashboard = starterDashboard('en');
    const series: Record<string, TileSeries> = { 'chart-revenue': { rows: revenue } };
    const spec = dashboardExportSpec(dashboard, series, 'en', HANBIT_METRICS);
    const { svg, view } = await render(spec);
    expect(svg).toContain('Partial period: Week of Dec 29, 2025 (3 of 7 days in the range).');
    // The revenue chart tile's cut week; the KPI tiles (no rows given) draw none.
    expect(hollowCount(svg)).toBe(1);
    view.finalize();
  });
});
