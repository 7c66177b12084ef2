import { create } from 'zustand';
import type { Dashboard, DateRange, Grain, Metric } from '../../../core/metrics/schema.ts';
import type { SeriesError, SeriesPoint, SeriesRequest } from '../../../core/metrics/series.ts';
import { dashboardRequests } from '../../../core/metrics/starter-dashboard.ts';

/*
 * Running a dashboard's tiles: one batch of metric series per database per redraw, in the
 * analytics worker (renderer/workbench/metrics-client.ts), latest wins. A tile keeps drawing its
 * last answer, dimmed, while a new one is computed, so a filter change never empties the grid or
 * moves it; a failing tile shows its own error and the others still draw.
 */

/** The database a tile's query runs on. */
export const DEFAULT_DATABASE = 'hanbit-warehouse';

/** What a tile asks the worker for, and the signature that tells whether an answer is for it. */
export interface TileRequest {
  tileId: string;
  database: string;
  request: SeriesRequest;
  /** Changes whenever the answer would (SQL, grain, range, database). */
  signature: string;
  /** The dashboard's grain and range the answer will be drawn for (a KPI tile's request starts a period earlier). */
  basis: Basis;
}

/** The filters an answer was computed for. */
export interface Basis {
  grain: Grain;
  range: DateRange;
}

/** A tile that cannot be asked for: its metric is no longer in the registry. */
export interface TileProblem {
  tileId: string;
  missingMetric: string;
}

/**
 * The requests of a dashboard's tiles (core/metrics/starter-dashboard.ts's dashboardRequests:
 * a KPI tile asks for one period more, to compare the first one shown), each with its signature.
 */
export function tileRequests(d: Dashboard, metrics: readonly Metric[]): { requests: TileRequest[]; problems: TileProblem[] } {
  const { byDatabase, missing } = dashboardRequests(d, metrics);
  const requests: TileRequest[] = [];
  for (const [database, items] of Object.entries(byDatabase))
    for (const request of items)
      requests.push({
        tileId: request.key,
        database,
        request,
        signature: JSON.stringify([database, request.sql, request.grain, request.range.from, request.range.to]),
        basis: { grain: d.grain, range: d.range },
      });
  const problems = missing.map((tileId) => ({ tileId, missingMetric: d.tiles.find((t) => t.id === tileId)?.metricId ?? '' }));
  return { requests, problems };
}

/** Why a tile has no answer: its series failed, or the analytics worker did. */
export type TileError = SeriesError | { code: 'engine'; message: string; line?: undefined };

/** A tile's answer as the screen holds it. */
export interface TileResult {
  /** The request the answer (or the wait) is for. */
  signature: string;
  /** True while the answer for `signature` is being computed (rows, if any, are an older answer). */
  loading: boolean;
  /**
   * The filters `rows` (or `error`) were computed for: a tile draws its answer with these, so a
   * filter change does not redraw the old rows under the new filters before the new rows come.
   */
  basis: Basis | null;
  rows: SeriesPoint[] | null;
  truncated: boolean;
  /** The SQL as run (rendered at the grain, limited to the range). */
  sql: string | null;
  error: TileError | null;
}

/** The dashboard's live answers, by tile id (not saved). */
export interface TileRunsState {
  results: Record<string, TileResult>;
  /** Tiles being computed right now. */
  pending: number;
  /** The last redraw: tiles computed and the time from the request to the answers. */
  last: { tiles: number; ms: number } | null;
  /** Marks tiles as being computed for new signatures, keeping their older answers on show. */
  begin: (requests: readonly TileRequest[]) => void;
  /** Puts answers in place (ignored for a tile whose signature moved on). */
  settle: (answers: readonly (TileResult & { tileId: string })[], timing?: { tiles: number; ms: number }) => void;
  /** Forgets every answer (a dashboard switch). */
  clear: () => void;
}

/** The tile answers store. */
export const useTileRuns = create<TileRunsState>((set) => ({
  results: {},
  pending: 0,
  last: null,
  begin: (requests) =>
    set((s) => {
      const results = { ...s.results };
      for (const r of requests) {
        const old = results[r.tileId];
        results[r.tileId] = old
          ? { ...old, signature: r.signature, loading: true }
          : { signature: r.signature, loading: true, basis: null, rows: null, truncated: false, sql: null, error: null };
      }
      return { results, pending: Object.values(results).filter((x) => x.loading).length };
    }),
  settle: (answers, timing) =>
    set((s) => {
      const results = { ...s.results };
      for (const a of answers) {
        const current = results[a.tileId];
        if (current && current.signature !== a.signature) continue;
        const { tileId: _, ...result } = a;
        results[a.tileId] = result;
      }
      return { results, pending: Object.values(results).filter((x) => x.loading).length, ...(timing ? { last: timing } : {}) };
    }),
  clear: () => set({ results: {}, pending: 0, last: null }),
}));

/** The metrics client's part the runner uses (a fake in unit tests). */
export interface SeriesSource {
  runSeries(
    database: string,
    items: SeriesRequest[],
    options?: { signal?: AbortSignal },
  ): Promise<{
    results: (
      | { key: string; ok: true; rows: SeriesPoint[]; sql: string; truncated: boolean }
      | { key: string; ok: false; error: SeriesError; sql: string | null }
    )[];
  }>;
}

/** An answer for a request that failed as a whole (the worker stopped). */
function failed(r: TileRequest, message: string): TileResult & { tileId: string } {
  return {
    tileId: r.tileId,
    signature: r.signature,
    loading: false,
    basis: r.basis,
    rows: null,
    truncated: false,
    sql: null,
    error: { code: 'engine', message },
  };
}

/**
 * Runs tile requests, latest wins: a call made while another runs waits for it (a quick batch is
 * cheaper to finish than a worker restart), then only the newest waiting call runs. Answers whose
 * signature is already cached on the screen are not asked for again.
 */
export function tileRunner(source: () => SeriesSource, store = useTileRuns) {
  let running: Promise<void> | null = null;
  let next: TileRequest[] | null = null;

  async function runNow(requests: TileRequest[]): Promise<void> {
    const started = performance.now();
    const byDb = new Map<string, TileRequest[]>();
    for (const r of requests) byDb.set(r.database, [...(byDb.get(r.database) ?? []), r]);
    const answers: (TileResult & { tileId: string })[] = [];
    await Promise.all(
      [...byDb].map(async ([database, rs]) => {
        try {
          const batch = await source().runSeries(
            database,
            rs.map((r) => r.request),
          );
          for (const r of rs) {
            const res = batch.results.find((x) => x.key === r.request.key);
            if (!res) answers.push(failed(r, 'no answer'));
            else if (res.ok)
              answers.push({
                tileId: r.tileId,
                signature: r.signature,
                loading: false,
                basis: r.basis,
                rows: res.rows,
                truncated: res.truncated,
                sql: res.sql,
                error: null,
              });
            else
              answers.push({
                tileId: r.tileId,
                signature: r.signature,
                loading: false,
                basis: r.basis,
                rows: null,
                truncated: false,
                sql: res.sql,
                error: res.error,
              });
          }
        } catch (e) {
          if (e instanceof Error && e.name === 'MetricsCancelledError') return;
          for (const r of rs) answers.push(failed(r, e instanceof Error ? e.message : String(e)));
        }
      }),
    );
    store.getState().settle(answers, { tiles: requests.length, ms: Math.round(performance.now() - started) });
  }

  async function loop(requests: TileRequest[]): Promise<void> {
    let batch: TileRequest[] | null = requests;
    while (batch) {
      await runNow(batch);
      batch = next;
      next = null;
    }
    running = null;
  }

  return {
    /** Asks for the tiles whose answer on screen is not for their current request. */
    request(all: readonly TileRequest[], force = false): Promise<void> {
      const results = store.getState().results;
      const wanted = all.filter((r) => force || results[r.tileId]?.signature !== r.signature);
      if (wanted.length === 0) return running ?? Promise.resolve();
      store.getState().begin(wanted);
      if (running) {
        // Whatever waited before is superseded by this newer call (its tiles are asked again here if still wanted).
        next = [...(next ?? []).filter((r) => !wanted.some((w) => w.tileId === r.tileId)), ...wanted];
        return running;
      }
      running = loop(wanted);
      return running;
    },
  };
}
