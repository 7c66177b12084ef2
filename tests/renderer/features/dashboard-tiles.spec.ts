import { describe, expect, it } from 'vitest';
import type { Dashboard, Metric } from '../../../core/metrics/schema.ts';
import type { SeriesPoint } from '../../../core/metrics/series.ts';
import { HANBIT_METRICS } from '../../../core/metrics/hanbit-metrics.ts';
import { changeTone, formatChange, formatValue, kpiFigures, periodEnd } from '../../../renderer/features/dashboard/kpi.ts';
import { kpiQueryRange, presetOf, presetRange, rangeProblem } from '../../../renderer/features/dashboard/range.ts';
import { tileRequests, tileRunner, useTileRuns, type SeriesSource } from '../../../renderer/features/dashboard/tile-runs.ts';

/*
 * What a tile computes and shows: the KPI figures from a series, the shared range and its
 * presets, and the runner that asks the analytics worker for a dashboard's tiles (latest wins,
 * one failing tile leaves the others drawn).
 */

describe('KPI figures', () => {
  const weekly: SeriesPoint[] = [
    { period: '2025-11-24', value: 90 },
    { period: '2025-12-01', value: 100 },
    { period: '2025-12-08', value: 120 },
    { period: '2025-12-15', value: 96 },
    // Runs past a range that ends on 12-17: a partial week.
    { period: '2025-12-22', value: 10 },
  ];

  it('reads the last complete period and its change against the one before', () => {
    const f = kpiFigures(weekly, 'week', { from: '2025-12-01', to: '2025-12-28' });
    expect(f).toMatchObject({ period: '2025-12-22', value: 10, previousPeriod: '2025-12-15', previous: 96 });
    const g = kpiFigures(weekly, 'week', { from: '2025-12-01', to: '2025-12-21' });
    expect(g).toMatchObject({ period: '2025-12-15', value: 96, previous: 120, partialLeftOut: false });
    expect(g.change).toBeCloseTo(-0.2, 12);
    // The sparkline draws the periods that start inside the range, not the extra one asked for.
    expect(g.points.map((p) => p.period)).toEqual(['2025-12-01', '2025-12-08', '2025-12-15']);
  });

  it('leaves out a partial last period instead of reading it as a fall', () => {
    const f = kpiFigures(weekly, 'week', { from: '2025-12-01', to: '2025-12-24' });
    expect(f).toMatchObject({ period: '2025-12-15', value: 96, partialLeftOut: true });
    expect(periodEnd('2025-12-22', 'week')).toBe('2025-12-28');
    expect(periodEnd('2025-02-01', 'month')).toBe('2025-02-28');
    expect(periodEnd('2025-02-01', 'day')).toBe('2025-02-01');
  });

  it('compares the first period on show with the one before the range (asked for one period early)', () => {
    expect(kpiQueryRange({ from: '2025-12-01', to: '2025-12-31' }, 'month')).toEqual({ from: '2025-11-01', to: '2025-12-31' });
    const f = kpiFigures(weekly.slice(0, 2), 'week', { from: '2025-12-01', to: '2025-12-07' });
    expect(f).toMatchObject({ period: '2025-12-01', value: 100, previous: 90 });
    expect(kpiFigures([], 'week', { from: '2025-12-01', to: '2025-12-07' }).period).toBeNull();
    expect(
      kpiFigures(
        [
          { period: '2025-12-01', value: 5 },
          { period: '2025-12-08', value: 7 },
        ],
        'week',
        { from: '2025-12-01', to: '2025-12-14' },
      ).change,
    ).toBeCloseTo(0.4);
    expect(
      kpiFigures(
        [
          { period: '2025-12-01', value: 0 },
          { period: '2025-12-08', value: 7 },
        ],
        'week',
        { from: '2025-12-01', to: '2025-12-14' },
      ).change,
    ).toBeNull();
  });

  it('colours a change by whether a rise is good news', () => {
    expect(changeTone(0.1, true)).toBe('good');
    expect(changeTone(0.1, false)).toBe('bad');
    expect(changeTone(-0.1, false)).toBe('good');
    expect(changeTone(0, true)).toBe('flat');
    expect(changeTone(null, true)).toBe('flat');
  });

  it('formats big numbers compactly in each language, ratios as percentages, changes signed', () => {
    expect(formatValue(29_234_567, 'krw', 'en')).toBe('₩29.2M');
    expect(formatValue(29_234_567, 'krw', 'ko')).toBe('2,923만원');
    expect(formatValue(125_000_000, 'krw', 'ko')).toBe('1.25억원');
    expect(formatValue(52_340, 'krw', 'ko')).toBe('52,340원');
    expect(formatValue(52_340, 'krw', 'en')).toBe('₩52,340');
    expect(formatValue(586, 'count', 'en')).toBe('586');
    expect(formatValue(0.0523, 'ratio', 'en')).toBe('5.2%');
    expect(formatValue(null, 'ratio', 'en')).toBe('–');
    expect(formatChange(0.154, 'en')).toBe('+15.4%');
    expect(formatChange(-0.2, 'en')).toBe('-20.0%');
  });
});

describe('the shared date range', () => {
  it('counts presets back from the data’s last month, not from today', () => {
    expect(presetRange('3m')).toEqual({ from: '2025-10-01', to: '2025-12-31' });
    expect(presetRange('12m')).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(presetRange('all')).toEqual({ from: '2024-07-01', to: '2025-12-31' });
    expect(presetOf({ from: '2025-07-01', to: '2025-12-31' })).toBe('6m');
    expect(presetOf({ from: '2025-07-02', to: '2025-12-31' })).toBeNull();
  });

  it('names what is wrong with a typed range', () => {
    expect(rangeProblem('2025-01-01', '')).toBe('incomplete');
    expect(rangeProblem('2025-03-01', '2025-01-01')).toBe('order');
    expect(rangeProblem('2025-01-01', '2025-01-01')).toBeNull();
  });
});

const dashboard: Dashboard = {
  id: 'd',
  name: 'D',
  range: { from: '2025-10-01', to: '2025-12-31' },
  grain: 'month',
  tiles: [
    { id: 'k', kind: 'kpi', metricId: 'net-revenue', chart: { mark: 'line' }, layout: { x: 0, y: 0, w: 3, h: 3 } },
    {
      id: 'q',
      kind: 'chart',
      sql: 'SELECT oops',
      database: 'hanbit-warehouse',
      chart: { mark: 'bar' },
      layout: { x: 3, y: 0, w: 6, h: 5 },
    },
    { id: 'gone', kind: 'chart', metricId: 'no-such-metric', chart: { mark: 'line' }, layout: { x: 0, y: 5, w: 6, h: 5 } },
  ],
};
const metricOf = (id: string): Metric | undefined => HANBIT_METRICS.find((m) => m.id === id);

describe('asking for a dashboard’s tiles', () => {
  it('asks a KPI tile for one period before the range, a chart for the range; a vanished metric is named', () => {
    const { requests, problems } = tileRequests(dashboard, metricOf);
    expect(requests.map((r) => [r.tileId, r.request.range])).toEqual([
      ['k', { from: '2025-09-01', to: '2025-12-31' }],
      ['q', { from: '2025-10-01', to: '2025-12-31' }],
    ]);
    expect(requests[0]!.request.sql).toBe(metricOf('net-revenue')!.sql);
    expect(problems).toEqual([{ tileId: 'gone', missingMetric: 'no-such-metric' }]);
  });

  it('draws the good tiles when one query fails, and lets the newest filter win', async () => {
    useTileRuns.getState().clear();
    const calls: string[][] = [];
    let release: () => void = () => undefined;
    const source: SeriesSource = {
      async runSeries(_db, items) {
        calls.push(items.map((i) => `${i.key}:${i.grain}`));
        if (calls.length === 1) await new Promise<void>((r) => (release = r));
        return {
          results: items.map((i) =>
            i.key === 'q'
              ? {
                  key: i.key,
                  ok: false as const,
                  error: { code: 'sql' as const, message: 'no such column: oops', line: 1 },
                  sql: 'SELECT oops',
                }
              : {
                  key: i.key,
                  ok: true as const,
                  rows: [{ period: '2025-12-01', value: i.grain === 'week' ? 2 : 1 }],
                  sql: 'SELECT …',
                  truncated: false,
                },
          ),
        };
      },
    };
    const runner = tileRunner(() => source);
    const first = runner.request(tileRequests(dashboard, metricOf).requests);
    // Two filter changes while the first batch runs: only the newest is run after it.
    void runner.request(tileRequests({ ...dashboard, grain: 'day' }, metricOf).requests);
    const last = runner.request(tileRequests({ ...dashboard, grain: 'week' }, metricOf).requests);
    expect(useTileRuns.getState().results.k?.loading).toBe(true);
    release();
    await first;
    await last;
    expect(calls).toEqual([
      ['k:month', 'q:month'],
      ['k:week', 'q:week'],
    ]);
    const results = useTileRuns.getState().results;
    expect(results.k).toMatchObject({ loading: false, error: null, rows: [{ period: '2025-12-01', value: 2 }] });
    expect(results.q).toMatchObject({ loading: false, rows: null, error: { code: 'sql', message: 'no such column: oops' } });
    // Asking again for the same filters runs nothing.
    await runner.request(tileRequests({ ...dashboard, grain: 'week' }, metricOf).requests);
    expect(calls).toHaveLength(2);
  });

  it('shows the worker’s failure on every tile of the batch instead of waiting forever', async () => {
    useTileRuns.getState().clear();
    const runner = tileRunner(() => ({ runSeries: () => Promise.reject(new Error('The analytics worker stopped')) }));
    await runner.request(tileRequests(dashboard, metricOf).requests);
    expect(useTileRuns.getState().results.k).toMatchObject({
      loading: false,
      error: { code: 'engine', message: 'The analytics worker stopped' },
    });
    expect(useTileRuns.getState().pending).toBe(0);
  });
});
