import type { Cell, ExecResult } from '../sql/protocol.ts';
import { MetricSqlError, renderMetricSql } from './render-sql.ts';
import type { DateRange, Grain } from './schema.ts';

/*
 * The batch runner behind every dashboard redraw, the registry's previews and `npm run metrics`:
 * a list of metric series (SQL template, grain, range) in, rows or an error per series out, on one
 * open database. Pure (an engine is passed in), so the analytics worker, Node tests and the CLI run
 * the same code. A small cache keyed by (database, rendered SQL at the grain) keeps every period of
 * a series: a change of date range runs no SQL at all, a change of grain runs each metric once per
 * grain, and a KPI tile and a chart of the same metric share one run.
 */

/** One series to compute: its caller's key, the metric's SQL template, the grain and the range (periods starting inside it). */
export interface SeriesRequest {
  key: string;
  sql: string;
  grain: Grain;
  range: DateRange;
}

/** One point of a series: the ISO date its period starts on, its value, and its series name when the query returns one. */
export interface SeriesPoint {
  period: string;
  value: number | null;
  series?: string;
}

/** Why a series has no rows: its template, its SQL, or its columns. */
export type SeriesErrorCode = 'template' | 'sql' | 'columns';

/** A series that failed: what failed, the engine's (English) words, and the 1-based line of the metric's SQL when known. */
export interface SeriesError {
  code: SeriesErrorCode;
  message: string;
  line?: number;
  /** For `columns`: the columns the query returned. */
  columns?: string[];
}

/** The answer for one series. */
export type SeriesResult =
  | {
      key: string;
      ok: true;
      /** The points whose period starts inside the range, in period order. */
      rows: SeriesPoint[];
      /** The query that gives these rows (the range in its WHERE), to show what the tile computes. */
      sql: string;
      /** True when no SQL ran (the rows came from the cache). */
      cached: boolean;
      /** True when the metric returned more than SERIES_MAX_ROWS rows over all its periods. */
      truncated: boolean;
    }
  | { key: string; ok: false; error: SeriesError; sql: string | null };

/** A batch's answers (in request order), how long it took and how many came from the cache. */
export interface BatchResult {
  results: SeriesResult[];
  elapsedMs: number;
  cacheHits: number;
}

/** The part of the SQL engine the runner uses (SqlEngine implements it). */
export interface QueryEngine {
  exec(sql: string, maxRows: number): ExecResult;
}

/** The most points one series keeps (a day grain over the 18 months is 549; a series column multiplies it). */
export const SERIES_MAX_ROWS = 20_000;

/** Lines the series wrapper puts before the metric's SQL (its errors are reported in the metric's lines). */
const WRAPPER_LINES = 1;

function quote(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * The query of a series: the rendered metric in period order, kept to the periods that start
 * inside the range when one is given. Like metricSeriesSql (render-sql.ts) but keeping every
 * column, so a chart query's optional `series` column survives. Throws MetricSqlError when the
 * template does not render. The runner executes it without the range and filters the cached
 * rows itself (the same rows: ISO dates compare the same as text in SQLite and in JavaScript).
 */
export function seriesSql(sql: string, grain: Grain, range?: DateRange): string {
  const inner = renderMetricSql(sql, grain).replace(/;\s*$/, '').replace(/\s+$/, '');
  const where = range ? ` WHERE period >= ${quote(range.from)} AND period <= ${quote(range.to)}` : '';
  // The inner query on its own lines: a trailing `-- comment` cannot swallow the closing parenthesis.
  return `SELECT * FROM (\n${inner}\n) AS metric${where} ORDER BY period`;
}

/** The rendered metric query inside a series query (between the wrapper's first line and its closing parenthesis). */
function inner(series: string): string {
  return series.slice(series.indexOf('\n') + 1, series.lastIndexOf('\n) AS metric'));
}

/** The points whose period starts inside the range. */
export function inRange(rows: readonly SeriesPoint[], range: DateRange): SeriesPoint[] {
  return rows.filter((r) => r.period >= range.from && r.period <= range.to);
}

function toNumber(cell: Cell | undefined): number | null {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : null;
  if (typeof cell === 'string' && cell.trim() !== '') {
    const n = Number(cell);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/** Turns a query's result into points; an error when `period` or `value` is missing. */
export function pointsOf(result: ExecResult): { rows: SeriesPoint[]; truncated: boolean } | SeriesError {
  const set = result.results.at(-1);
  const names = (set?.columns ?? []).map((c) => c.name.toLowerCase());
  const p = names.indexOf('period');
  const v = names.indexOf('value');
  const s = names.indexOf('series');
  if (!set || p < 0 || v < 0) {
    const columns = (set?.columns ?? []).map((c) => c.name);
    return {
      code: 'columns',
      message: `The query must return the columns period and value; it returned ${columns.length ? columns.join(', ') : 'no columns'}.`,
      columns,
    };
  }
  const rows = set.rows.map((row): SeriesPoint => {
    const point: SeriesPoint = { period: String(row[p] ?? ''), value: toNumber(row[v]) };
    if (s >= 0) point.series = String(row[s] ?? '');
    return point;
  });
  return { rows, truncated: set.truncated };
}

/** Runs metric series on one engine, keeping the last answers by (database, rendered SQL). */
export class SeriesRunner {
  private readonly engine: QueryEngine;
  private readonly cacheSize: number;
  /** Insertion-ordered: the oldest entry is evicted first; a hit moves its entry to the end. */
  private readonly cache = new Map<string, { rows: SeriesPoint[]; truncated: boolean }>();

  /** Wraps an engine with its database open; `cacheSize` series answers are kept. */
  constructor(engine: QueryEngine, options: { cacheSize?: number } = {}) {
    this.engine = engine;
    this.cacheSize = options.cacheSize ?? 128;
  }

  /** Forgets cached answers (after the database changed). */
  clear(): void {
    this.cache.clear();
  }

  /** Number of cached series answers. */
  get cached(): number {
    return this.cache.size;
  }

  /**
   * Computes one series. Every period of the metric at the grain is kept, by database and rendered
   * SQL: a change of range filters the kept rows without running SQL, and tiles that show the
   * same metric at the same grain share one run.
   */
  run(database: string, request: SeriesRequest): SeriesResult {
    const { key, range } = request;
    let sql: string;
    let all: string;
    try {
      sql = seriesSql(request.sql, request.grain, range);
      all = seriesSql(request.sql, request.grain);
    } catch (e) {
      const line = e instanceof MetricSqlError ? e.line : undefined;
      return {
        key,
        ok: false,
        sql: null,
        error: { code: 'template', message: e instanceof Error ? e.message : String(e), ...(line !== undefined ? { line } : {}) },
      };
    }
    const cacheKey = `${database}\u0000${all}`;
    const hit = this.cache.get(cacheKey);
    if (hit) {
      this.cache.delete(cacheKey);
      this.cache.set(cacheKey, hit);
      return { key, ok: true, rows: inRange(hit.rows, range), truncated: hit.truncated, sql, cached: true };
    }
    const result = this.engine.exec(all, SERIES_MAX_ROWS);
    if (result.error && /no such column: period\b/.test(result.error.message)) {
      // The wrapper's ORDER BY is what failed: say which columns the metric's query does return.
      const probe = this.engine.exec(`SELECT * FROM (\n${inner(all)}\n) LIMIT 0`, 0);
      if (!probe.error) {
        const missing = pointsOf(probe);
        if ('code' in missing) return { key, ok: false, sql, error: missing };
      }
    }
    if (result.error) {
      const line = result.error.line - WRAPPER_LINES;
      return { key, ok: false, sql, error: { code: 'sql', message: result.error.message, ...(line >= 1 ? { line } : {}) } };
    }
    const points = pointsOf(result);
    if ('code' in points) return { key, ok: false, sql, error: points };
    this.cache.set(cacheKey, points);
    while (this.cache.size > this.cacheSize) {
      const oldest = this.cache.keys().next().value;
      if (oldest === undefined) break;
      this.cache.delete(oldest);
    }
    return { key, ok: true, rows: inRange(points.rows, range), truncated: points.truncated, sql, cached: false };
  }

  /** Computes a batch in order, reporting progress after each series. */
  runBatch(database: string, requests: readonly SeriesRequest[], onProgress?: (done: number, total: number) => void): BatchResult {
    const started = globalThis.performance.now();
    const results: SeriesResult[] = [];
    let cacheHits = 0;
    for (const request of requests) {
      const result = this.run(database, request);
      if (result.ok && result.cached) cacheHits++;
      results.push(result);
      onProgress?.(results.length, requests.length);
    }
    return { results, elapsedMs: globalThis.performance.now() - started, cacheHits };
  }
}
