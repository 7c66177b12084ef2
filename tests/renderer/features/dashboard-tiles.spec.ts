import { describe, expect, it } from 'vitest';
import type { Dashboard, Metric } from '../../../core/metrics/schema.ts';
import { HANBIT_METRICS } from '../../../core/metrics/hanbit-metrics.ts';
import { changeTone, formatChange, formatCompact } from '../../../renderer/features/dashboard/kpi.ts';
import { presetOf, presetRange, rangeProblem } from '../../../renderer/features/dashboard/range.ts';
import { tileRequests, tileRunner, useTileRuns, type SeriesSource } from '../../../renderer/features/dashboard/tile-runs.ts';

/*
 * What a tile computes and shows: the KPI figures from a series, the shared range and its
 * presets, and the runner that asks the analytics worker for a dashboard's tiles (latest wins,
 * one failing tile leaves the others drawn).
 */

describe('KPI tile wording', () => {
  it('colours a change by whether a rise is good news', () => {
    expect(changeTone(0.1, true)).toBe('good');
    expect(changeTone(0.1, false)).toBe('bad');
    expect(changeTone(-0.1, false)).toBe('good');
    expect(changeTone(0, true)).toBe('flat');
    expect(changeTone(null, true)).toBe('flat');
  });

  it('formats big numbers compactly in each language, ratios as percentages, changes signed', () => {
    expect(formatCompact(29_234_567, 'krw', 'en')).toBe('₩29.2M');
    expect(formatCompact(29_234_567, 'krw', 'ko')).toBe('2,923만원');
    expect(formatCompact(125_000_000, 'krw', 'ko')).toBe('1.25억원');
    expect(formatCompact(52_340, 'krw', 'ko')).toBe('52,340원');
    expect(formatCompact(52_340, 'krw', 'en')).toBe('₩52,340');
    expect(formatCompact(586, 'count', 'en')).toBe('586');
    expect(formatCompact(0.0523, 'ratio', 'en')).toBe('5.2%');
    expect(formatCompact(null, 'ratio', 'en')).toBe('–');
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
const metrics = HANBIT_METRICS;

describe('asking for a dashboard’s tiles', () => {
  it('asks a KPI tile for one period before the range, a chart for the range; a vanished metric is named', () => {
    const { requests, problems } = tileRequests(dashboard, metrics);
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
    const first = runner.request(tileRequests(dashboard, metrics).requests);
    // Two filter changes while the first batch runs: only the newest is run after it.
    void runner.request(tileRequests({ ...dashboard, grain: 'day' }, metrics).requests);
    const last = runner.request(tileRequests({ ...dashboard, grain: 'week' }, metrics).requests);
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
    await runner.request(tileRequests({ ...dashboard, grain: 'week' }, metrics).requests);
    expect(calls).toHaveLength(2);
  });

  it('shows the worker’s failure on every tile of the batch instead of waiting forever', async () => {
    useTileRuns.getState().clear();
    const runner = tileRunner(() => ({ runSeries: () => Promise.reject(new Error('The analytics worker stopped')) }));
    await runner.request(tileRequests(dashboard, metrics).requests);
    expect(useTileRuns.getState().results.k).toMatchObject({
      loading: false,
      error: { code: 'engine', message: 'The analytics worker stopped' },
    });
    expect(useTileRuns.getState().pending).toBe(0);
  });
});

describe('the Vega-Lite export', () => {
  it('zips one spec per tile (data inline) plus the whole dashboard, each compiled by the real Vega-Lite', async () => {
    const { buildExport } = await import('../../../renderer/features/dashboard/dashboard-export.ts');
    const { compile } = await import('vega-lite');
    const { unzipSync, strFromU8 } = await import('fflate');
    const rows = [
      { period: '2025-10-01', value: 100 },
      { period: '2025-11-01', value: 120 },
      { period: '2025-12-01', value: 90 },
    ];
    const results = {
      k: {
        signature: '',
        basis: null,
        loading: false,
        rows: [{ period: '2025-09-01', value: 80 }, ...rows],
        truncated: false,
        sql: 'SELECT …',
        error: null,
      },
      q: {
        signature: '',
        basis: null,
        loading: false,
        rows: null,
        truncated: false,
        sql: 'SELECT oops',
        error: { code: 'sql' as const, message: 'no such column: oops' },
      },
      gone: { signature: '', basis: null, loading: false, rows: rows, truncated: false, sql: null, error: null },
    };
    const blob = await buildExport(dashboard, 'specs', metrics, results, 'en');
    expect(blob).not.toBeNull();
    const files = unzipSync(new Uint8Array(await blob!.arrayBuffer()));
    expect(Object.keys(files).sort()).toEqual([
      'README.md',
      'dashboard.json',
      'dashboard.vl.json',
      'tiles/gone.vl.json',
      'tiles/k.vl.json',
      'tiles/q.vl.json',
    ]);
    for (const name of Object.keys(files).filter((f) => f.endsWith('.vl.json'))) {
      const spec = JSON.parse(strFromU8(files[name]!)) as Record<string, unknown>;
      expect(() => compile(spec as never), name).not.toThrow();
    }
    // The KPI tile's spec carries its numbers; the failing tile says why instead of drawing nothing.
    expect(strFromU8(files['tiles/k.vl.json']!)).toContain('"value": 90');
    expect(strFromU8(files['tiles/q.vl.json']!)).toContain('no such column: oops');
    expect(JSON.parse(strFromU8(files['dashboard.json']!))).toEqual(dashboard);
  });

  it('waits while a tile has no answer yet', async () => {
    const { buildExport } = await import('../../../renderer/features/dashboard/dashboard-export.ts');
    const loading = { signature: '', basis: null, loading: true, rows: null, truncated: false, sql: null, error: null };
    expect(await buildExport(dashboard, 'specs', metrics, { k: loading }, 'en')).toBeNull();
  });
});
