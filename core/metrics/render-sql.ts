import { renderTemplate, TemplateError } from '../jinja/render.ts';
import type { DateRange, Grain } from './schema.ts';

/*
 * A metric's SQL is a template: `{{ period('order_date') }}` becomes the SQLite expression that
 * maps a date or timestamp column to the first day of its period at the grain asked for, so one
 * definition serves the day, week and month views (as a semantic layer's time dimension does).
 * Rendered with the app's eval-free Jinja, like the models.
 */

/** The SQLite expression for the ISO date that starts `column`'s period (weeks start on Monday). */
export function periodExpression(column: string, grain: Grain): string {
  switch (grain) {
    case 'day':
      return `date(${column})`;
    case 'week':
      // 'weekday 0' moves forward to the next Sunday (or stays on one); six days back is that week's
      // Monday. Same dates as the (strftime('%w') + 6) % 7 arithmetic, at half its cost per row in
      // sql.js (tests/core/metrics/render-sql.spec.ts compares both on every date and timestamp).
      return `date(${column}, 'weekday 0', '-6 days')`;
    case 'month':
      return `strftime('%Y-%m-01', ${column})`;
  }
}

/** A metric template that failed to render, with the line of the template when known. */
export class MetricSqlError extends Error {
  readonly line: number | undefined;
  constructor(message: string, line: number | undefined) {
    super(message);
    this.line = line;
    this.name = 'MetricSqlError';
  }
}

/** Renders a metric's SQL at a grain: the plain SQL that returns `period` and `value`. */
export function renderMetricSql(sql: string, grain: Grain): string {
  try {
    return renderTemplate(sql, {
      grain,
      period: (column: unknown) => {
        if (typeof column !== 'string' || column.trim() === '') throw new Error("period() takes a column name in quotes, e.g. period('order_date')");
        return periodExpression(column, grain);
      },
    });
  } catch (e) {
    if (e instanceof TemplateError) throw new MetricSqlError(e.message, e.line);
    throw new MetricSqlError(e instanceof Error ? e.message : String(e), undefined);
  }
}

/** True when the template groups by the grain it is given (uses `period(...)` or `grain`). */
export function followsGrain(sql: string): boolean {
  return /\{\{[^}]*\b(period\s*\(|grain\b)/.test(sql);
}

function quote(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * The query a tile or a chart runs: the metric at a grain, kept to the periods that start inside
 * the range, in period order. A KPI tile that compares with the previous period widens the range
 * by one period first (previousPeriodStart).
 */
export function metricSeriesSql(sql: string, grain: Grain, range: DateRange): string {
  const inner = renderMetricSql(sql, grain).replace(/;\s*$/, '');
  return `SELECT period, value FROM (\n${inner}\n) AS metric WHERE period >= ${quote(range.from)} AND period <= ${quote(range.to)} ORDER BY period`;
}

/** The start of the period before the one that contains `date` (for "change against the previous period"). */
export function previousPeriodStart(date: string, grain: Grain): string {
  const d = new Date(`${date}T00:00:00Z`);
  if (grain === 'day') d.setUTCDate(d.getUTCDate() - 1);
  else if (grain === 'week') {
    const back = (d.getUTCDay() + 6) % 7;
    d.setUTCDate(d.getUTCDate() - back - 7);
  } else {
    d.setUTCDate(1);
    d.setUTCMonth(d.getUTCMonth() - 1);
  }
  return d.toISOString().slice(0, 10);
}
