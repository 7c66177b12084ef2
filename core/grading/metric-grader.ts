import type { Localized } from '../lessons/localized.ts';
import { metricSeriesSql, MetricSqlError, renderMetricSql } from '../metrics/render-sql.ts';
import type { DateRange, Grain } from '../metrics/schema.ts';
import type { Cell, ResultSet } from '../sql/protocol.ts';
import { cellsEqual, toResultTable, type Tolerance, type Verdict } from './compare.ts';
import { GRADE_MAX_ROWS, type DatabaseCopy, type GradeContext } from './engine.ts';
import { MAX_EXAMPLES, message, type Message } from './messages.ts';
import { failed, hardCodedLiterals } from './query-grader.ts';

/**
 * Grades a metric step: the learner's SQL template is rendered at every grain the step lists and
 * run as the series a tile would draw (metricSeriesSql, over the step's range), on the lesson's
 * database and on the hidden variant; each (period, value) series must equal the reference's
 * within the tolerance. A template written for one grain (strftime('%Y-%m-01', …) instead of
 * period()) is right at that grain only, and says so.
 */

/** Everything a metric step's grading needs. */
export interface MetricGradeSpec {
  database: string;
  solution: string;
  grains: readonly Grain[];
  /** The periods compared; every period of the data when absent. */
  range?: DateRange | undefined;
  tolerance: Tolerance;
  knownWrong: readonly { sql: string; feedback?: Localized | undefined }[];
}

/** Periods before and after any dataset's: "the data's whole range" without reading it first. */
export const WHOLE_RANGE: DateRange = { from: '0000-01-01', to: '9999-12-31' };

/** One grain's series: (period, value) rows in period order, and the result they came from. */
export interface MetricSeries {
  grain: Grain;
  rows: [Cell, Cell][];
  result: ResultSet;
}

/** The series of a template at every grain, or the message saying why there is none. */
export type SeriesOutcome = { series: MetricSeries[] } | { message: Message };

/**
 * Runs a template at every grain on a fresh copy. Every query is one statement with the template
 * inside a subquery, so a template cannot change the copy; it is opened once for all grains.
 */
export function metricSeries(
  ctx: GradeContext,
  database: string,
  copy: DatabaseCopy,
  sql: string,
  grains: readonly Grain[],
  range: DateRange | undefined,
): SeriesOutcome {
  const bytes = ctx.databases.bytes(database, copy);
  if (!bytes) return { message: message('no-database', { database }) };
  ctx.engine.open(bytes);
  const series: MetricSeries[] = [];
  for (const grain of grains) {
    let query: string;
    try {
      query = metricSeriesSql(sql, grain, range ?? WHOLE_RANGE);
    } catch (e) {
      const line = e instanceof MetricSqlError ? (e.line ?? null) : null;
      return { message: message('metric-template-error', { message: e instanceof Error ? e.message : String(e), line }) };
    }
    const run = ctx.engine.exec(query, GRADE_MAX_ROWS);
    if (run.error) return { message: explainError(ctx, sql, grain, run.error.message, run.error.line, run.error.column) };
    const result = run.results[run.results.length - 1];
    if (!result || result.columns.length === 0) return { message: message('not-a-select', {}) };
    if (result.truncated) return { message: message('too-many-rows', { limit: GRADE_MAX_ROWS }) };
    series.push({ grain, rows: result.rows.map((r) => [r[0] ?? null, r[1] ?? null]), result });
  }
  return { series };
}

/**
 * Why the series query failed: the template's own SQL error (its line counted in the rendered
 * template, one line above the wrapper's), or, when the template runs, the columns it lacks.
 */
function explainError(ctx: GradeContext, sql: string, grain: Grain, error: string, line: number, column: number): Message {
  const inner = renderMetricSql(sql, grain).replace(/;\s*$/, '');
  const probe = ctx.engine.exec(`SELECT * FROM (\n${inner}\n) LIMIT 0`, 0);
  if (probe.error) {
    return message('sql-error', { message: probe.error.message, line: Math.max(1, probe.error.line - 1), column: probe.error.column });
  }
  const columns = probe.results[probe.results.length - 1]?.columns.map((c) => c.name) ?? [];
  const missing = ['period', 'value'].filter((name) => !columns.some((c) => c.toLowerCase() === name));
  if (missing.length > 0) return message('metric-columns', { missing, columns });
  return message('sql-error', { message: error, line: Math.max(1, line - 1), column });
}

/** How one grain's series differs from the reference's: nothing when it does not. */
interface SeriesDiff {
  grain: Grain;
  missing: Cell[];
  extra: Cell[];
  duplicated: Cell[];
  values: { period: Cell; expected: Cell; actual: Cell }[];
}

function periodKey(cell: Cell): string {
  return cell === null ? 'null' : typeof cell === 'number' ? `n${cell}` : typeof cell === 'string' ? `s${cell}` : 'blob';
}

/** Compares one grain's series by period. */
export function diffSeries(expected: MetricSeries, actual: MetricSeries, tolerance: Tolerance): SeriesDiff {
  const want = new Map<string, [Cell, Cell]>();
  for (const row of expected.rows) want.set(periodKey(row[0]), row);
  const got = new Map<string, [Cell, Cell]>();
  const duplicated: Cell[] = [];
  for (const row of actual.rows) {
    const key = periodKey(row[0]);
    if (got.has(key)) {
      if (!duplicated.some((d) => periodKey(d) === key)) duplicated.push(row[0]);
    } else got.set(key, row);
  }
  const diff: SeriesDiff = { grain: expected.grain, missing: [], extra: [], duplicated, values: [] };
  for (const [key, [period, value]] of want) {
    const mine = got.get(key);
    if (!mine) diff.missing.push(period);
    else if (!cellsEqual(value, mine[1], tolerance)) diff.values.push({ period, expected: value, actual: mine[1] });
  }
  for (const [key, [period]] of got) if (!want.has(key)) diff.extra.push(period);
  return diff;
}

function differs(d: SeriesDiff): boolean {
  return d.missing.length + d.extra.length + d.duplicated.length + d.values.length > 0;
}

/** Periods in which a series differs (missing, extra, repeated or with another value). */
function differingPeriods(d: SeriesDiff): number {
  return d.missing.length + d.extra.length + d.duplicated.length + d.values.length;
}

/** What is wrong with one grain's series, as messages. */
function explainDiff(d: SeriesDiff): Message[] {
  const out: Message[] = [];
  if (d.duplicated.length > 0)
    out.push(
      message('metric-periods-repeated', { grain: d.grain, count: d.duplicated.length, examples: d.duplicated.slice(0, MAX_EXAMPLES) }),
    );
  if (d.missing.length > 0)
    out.push(message('metric-periods-missing', { grain: d.grain, count: d.missing.length, examples: d.missing.slice(0, MAX_EXAMPLES) }));
  if (d.extra.length > 0)
    out.push(message('metric-periods-extra', { grain: d.grain, count: d.extra.length, examples: d.extra.slice(0, MAX_EXAMPLES) }));
  const first = d.values[0];
  if (first) {
    out.push(
      message('metric-values-differ', {
        grain: d.grain,
        count: d.values.length,
        period: first.period,
        expected: first.expected,
        actual: first.actual,
      }),
    );
  }
  return out;
}

/** Messages for an answer whose series differ from the reference's at some grains. */
function explain(diffs: SeriesDiff[]): Message[] {
  const wrong = diffs.filter(differs);
  const right = diffs.find((d) => !differs(d));
  const first = wrong[0];
  if (!first) return [];
  // Right at one grain and wrong at another: the template ignores the grain it is given.
  if (right)
    return [
      message('metric-fixed-grain', { right: right.grain, wrong: first.grain, count: differingPeriods(first) }),
      ...explainDiff(first),
    ];
  return explainDiff(first);
}

function seriesTable(s: MetricSeries | undefined): Verdict['expected'] {
  return s ? toResultTable({ columns: [{ name: 'period' }, { name: 'value' }], rows: s.rows }) : null;
}

/** The reference's series; a failure is the lesson's, so it becomes 'lesson-error'. */
function referenceSeries(spec: MetricGradeSpec, ctx: GradeContext, copy: DatabaseCopy): SeriesOutcome {
  const got = metricSeries(ctx, spec.database, copy, spec.solution, spec.grains, spec.range);
  if ('series' in got || got.message.code === 'no-database') return got;
  return { message: message('lesson-error', { message: `reference solution (${copy}): ${describeMessage(got.message)}` }) };
}

function describeMessage(m: Message): string {
  if (m.code === 'sql-error' || m.code === 'metric-template-error') return m.params.message;
  return m.code;
}

/** Grades the learner's metric template. */
export function gradeMetric(spec: MetricGradeSpec, sql: string, ctx: GradeContext): Verdict {
  const reference = referenceSeries(spec, ctx, 'visible');
  if ('message' in reference) return failed([reference.message]);
  const answer = metricSeries(ctx, spec.database, 'visible', sql, spec.grains, spec.range);
  if ('message' in answer) return failed([answer.message], seriesTable(reference.series[0]));
  const diffs = reference.series.map((s, i) => diffSeries(s, answer.series[i] as MetricSeries, spec.tolerance));
  const firstWrong = diffs.findIndex(differs);
  if (firstWrong >= 0) {
    const messages = explain(diffs);
    const known = knownMistake(spec, answer.series, ctx, 'visible');
    if (known) messages.unshift(known);
    return { pass: false, messages, expected: seriesTable(reference.series[firstWrong]), actual: seriesTable(answer.series[firstWrong]) };
  }
  const shown = { expected: seriesTable(reference.series[0]), actual: seriesTable(answer.series[0]) };
  const variant = checkVariant(spec, sql, ctx);
  if (variant === null) return { pass: true, messages: [], ...shown };
  const expectedRows = reference.series.flatMap((s) => s.rows.map((r) => [...r]));
  const literals = hardCodedLiterals(sql, spec.solution, { rows: expectedRows }, spec.tolerance);
  return { pass: false, messages: literals.length > 0 ? [message('hard-coded', { literals })] : variant, ...shown };
}

/** Null when the answer is also right on the hidden variant (or there is none); otherwise why not. */
function checkVariant(spec: MetricGradeSpec, sql: string, ctx: GradeContext): Message[] | null {
  if (!ctx.databases.bytes(spec.database, 'variant')) return null;
  const reference = referenceSeries(spec, ctx, 'variant');
  // A reference that fails on the variant is a lesson bug the checker reports; do not blame the learner.
  if ('message' in reference) return null;
  const answer = metricSeries(ctx, spec.database, 'variant', sql, spec.grains, spec.range);
  if ('message' in answer) return [message('metric-variant-differs', { grain: spec.grains[0] ?? 'month', details: [answer.message] })];
  const diffs = reference.series.map((s, i) => diffSeries(s, answer.series[i] as MetricSeries, spec.tolerance));
  const wrong = diffs.find(differs);
  if (!wrong) return null;
  const differsMessage = message('metric-variant-differs', { grain: wrong.grain, details: explainDiff(wrong).slice(0, 2) });
  const known = knownMistake(spec, answer.series, ctx, 'variant');
  return known ? [known, differsMessage] : [differsMessage];
}

/** The lesson's feedback for the first known mistake whose series (at every grain) equal the answer's, if any. */
function knownMistake(spec: MetricGradeSpec, actual: MetricSeries[], ctx: GradeContext, copy: DatabaseCopy): Message | null {
  for (const wrong of spec.knownWrong) {
    if (!wrong.feedback) continue;
    const known = metricSeries(ctx, spec.database, copy, wrong.sql, spec.grains, spec.range);
    if (!('series' in known)) continue;
    if (known.series.every((s, i) => !differs(diffSeries(s, actual[i] as MetricSeries, spec.tolerance)))) {
      return message('known-mistake', { feedback: wrong.feedback });
    }
  }
  return null;
}
