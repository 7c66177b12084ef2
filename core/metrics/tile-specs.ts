import type { VegaLiteSpec } from '../charts/spec.ts';
import { formatNumber } from '../format/number.ts';
import type { Lang, Localized } from '../lessons/localized.ts';
import { previousPeriodStart } from './render-sql.ts';
import type { Dashboard, DateRange, Grain, Metric, MetricUnit, Tile } from './schema.ts';
import type { SeriesPoint } from './series.ts';

/*
 * Vega-Lite specs of the dashboard's tiles, as data (values inlined, never a URL): a KPI tile's
 * sparkline, a chart tile over `period`, `value` (and `series`), the two definitions of revenue on
 * one chart, and the whole dashboard as one concatenated spec laid out like its grid, so a single
 * SVG or PNG carries it. Themes and locale come from the renderer's chartConfig at compile time.
 */

/** Pixels of one grid column and one grid row in an export (react-grid-layout's 12 columns). */
export const EXPORT_GRID = { columnPx: 100, rowPx: 80, gapPx: 16 } as const;

/** D3 format of a value on an axis or in a tooltip, by unit. */
export function valueFormat(unit: MetricUnit): string {
  switch (unit) {
    case 'ratio':
      return '.2~%';
    case 'krw':
    case 'count':
      return ',.0f';
    case 'number':
      return ',~f';
  }
}

/** A value as a tile shows it: 1,234,567원 / ₩1,234,567, 61.2%, 1,234. */
export function formatValue(value: number | null, unit: MetricUnit, lang: Lang): string {
  if (value === null || !Number.isFinite(value)) return '–';
  switch (unit) {
    case 'krw': {
      const text = formatNumber(Math.round(value), lang);
      return lang === 'ko' ? `${text}원` : `₩${text}`;
    }
    case 'ratio':
      return `${formatNumber(Math.round(value * 10000) / 100, lang)}%`;
    case 'count':
      return formatNumber(Math.round(value), lang);
    case 'number':
      return formatNumber(Math.round(value * 100) / 100, lang);
  }
}

/** The first day after the period that starts on `period`. */
export function periodEnd(period: string, grain: Grain): string {
  const d = new Date(`${period}T00:00:00Z`);
  if (grain === 'day') d.setUTCDate(d.getUTCDate() + 1);
  else if (grain === 'week') d.setUTCDate(d.getUTCDate() + 7);
  else d.setUTCMonth(d.getUTCMonth() + 1);
  return d.toISOString().slice(0, 10);
}

/** The range a KPI tile asks for: one period before the range, so its first period has something to compare with. */
export function kpiRange(range: DateRange, grain: Grain): DateRange {
  return { from: previousPeriodStart(range.from, grain), to: range.to };
}

/** What a KPI tile shows: the last whole period in the range, its value and the change against the period before. */
export interface KpiSummary {
  /** Start of the period shown (null when the range holds none). */
  period: string | null;
  value: number | null;
  previousPeriod: string | null;
  previous: number | null;
  /** Relative change against the previous period (0.05 = +5%); null without a previous value or when it is 0. */
  change: number | null;
  /** True when the change is good news given the metric's direction (null without a change). */
  good: boolean | null;
}

/**
 * The KPI of a series asked for with kpiRange: the last period that ends inside the range (a
 * week cut off by the range's end would read as a fall), compared with the period before it.
 */
export function kpiSummary(points: readonly SeriesPoint[], grain: Grain, range: DateRange, higherIsBetter = true): KpiSummary {
  const rows = points.filter((p) => p.series === undefined || p.series === '').filter((p) => p.period <= range.to);
  const whole = rows.filter((p) => periodEnd(p.period, grain) <= periodEnd(range.to, 'day') && p.period >= range.from);
  const current = whole.at(-1) ?? rows.filter((p) => p.period >= range.from).at(-1) ?? null;
  if (!current) return { period: null, value: null, previousPeriod: null, previous: null, change: null, good: null };
  const previousStart = previousPeriodStart(current.period, grain);
  const before = rows.find((p) => p.period === previousStart) ?? null;
  const change =
    before && before.value !== null && current.value !== null && before.value !== 0
      ? (current.value - before.value) / Math.abs(before.value)
      : null;
  return {
    period: current.period,
    value: current.value,
    previousPeriod: before?.period ?? null,
    previous: before?.value ?? null,
    change,
    good: change === null || change === 0 ? null : change > 0 === higherIsBetter,
  };
}

function timeUnit(grain: Grain): string {
  return grain === 'month' ? 'yearmonth' : 'yearmonthdate';
}

/** D3 time format of a period on an axis: 2025년 3월 / Mar 2025 by month, 3월 10일 / Mar 10 by day and week. */
export function periodFormat(grain: Grain, lang: Lang): string {
  if (grain === 'month') return lang === 'ko' ? '%Y년 %-m월' : '%b %Y';
  return lang === 'ko' ? '%-m월 %-d일' : '%b %-d';
}

/** D3 time format of a period in a tooltip or a KPI tile: the full date. */
export function periodLongFormat(grain: Grain, lang: Lang): string {
  if (grain === 'month') return lang === 'ko' ? '%Y년 %-m월' : '%B %Y';
  return lang === 'ko' ? '%Y년 %-m월 %-d일' : '%b %-d, %Y';
}

const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** A period as a KPI tile names it: 2025년 12월 22일 주 / Week of Dec 22, 2025; 2025년 12월 / December 2025. */
export function periodLabel(period: string, grain: Grain, lang: Lang): string {
  const [y, m, d] = period.split('-').map(Number) as [number, number, number];
  const month = MONTHS_EN[m - 1] ?? String(m);
  if (grain === 'month') return lang === 'ko' ? `${y}년 ${m}월` : `${month} ${y}`;
  const day = lang === 'ko' ? `${y}년 ${m}월 ${d}일` : `${month.slice(0, 3)} ${d}, ${y}`;
  if (grain === 'day') return day;
  return lang === 'ko' ? `${day} 주` : `Week of ${day}`;
}

/** A period cut by the range's start or end: how many of its days the range holds. */
export interface PartialPeriod {
  period: string;
  /** Days of the period inside the range. */
  days: number;
  /** Days of the whole period (7 for a week, 28 to 31 for a month). */
  totalDays: number;
}

function dayNumber(iso: string): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
}

/**
 * The period starting on `period` when the range cuts it (it starts before range.from or ends
 * after range.to), else null. Its value covers fewer days than its neighbours': a week of three
 * days reads as a fall, the trap a KPI tile avoids by showing the last whole period.
 */
export function partialPeriod(period: string, grain: Grain, range: DateRange): PartialPeriod | null {
  const end = periodEnd(period, grain);
  const rangeEnd = periodEnd(range.to, 'day');
  const cutStart = period < range.from;
  const cutEnd = end > rangeEnd;
  if (!cutStart && !cutEnd) return null;
  const days = dayNumber(cutEnd ? rangeEnd : end) - dayNumber(cutStart ? range.from : period);
  return { period, days: Math.max(0, days), totalDays: dayNumber(end) - dayNumber(period) };
}

/** The periods of a series that the range cuts, once each, in period order. */
export function partialPeriods(points: readonly SeriesPoint[], grain: Grain, range: DateRange): PartialPeriod[] {
  const periods = [...new Set(points.map((p) => p.period))].sort();
  return periods.map((p) => partialPeriod(p, grain, range)).filter((p): p is PartialPeriod => p !== null);
}

/** A partial period as a tooltip says it: "Partial period (3 of 7 days)" / "기간 일부(7일 중 3일)". */
export function partialNote(partial: PartialPeriod, lang: Lang): string {
  return lang === 'ko'
    ? `기간 일부(${partial.totalDays}일 중 ${partial.days}일)`
    : `Partial period (${partial.days} of ${partial.totalDays} days)`;
}

/**
 * What a chart says under it about its partial periods, or null when there are none: which
 * periods, how many of their days the range holds, and how they are drawn (two sentences).
 */
export function partialLegendLines(
  partials: readonly PartialPeriod[],
  grain: Grain,
  lang: Lang,
  mark: ChartTileOptions['mark'],
): [string, string] | null {
  if (partials.length === 0) return null;
  if (lang === 'ko') {
    const list = partials.map((p) => `${periodLabel(p.period, grain, 'ko')}(${p.totalDays}일 중 ${p.days}일만 범위 안)`).join(', ');
    return [`기간 일부: ${list}.`, mark === 'bar' ? '흐린 막대로 표시했습니다.' : '속이 빈 점과 점선으로 표시했습니다.'];
  }
  const list = partials.map((p) => `${periodLabel(p.period, grain, 'en')} (${p.days} of ${p.totalDays} days in the range)`).join(', ');
  return [`Partial period: ${list}.`, mark === 'bar' ? 'Drawn as a faded bar.' : 'Drawn as a hollow point on a dashed line.'];
}

/** partialLegendLines as one line of text. */
export function partialLegend(partials: readonly PartialPeriod[], grain: Grain, lang: Lang, mark: ChartTileOptions['mark']): string | null {
  return partialLegendLines(partials, grain, lang, mark)?.join(' ') ?? null;
}

function periodTitle(grain: Grain, lang: Lang): string {
  const words: Record<Grain, Localized> = {
    day: { ko: '일', en: 'Day' },
    week: { ko: '주(월요일 시작)', en: 'Week (from Monday)' },
    month: { ko: '월', en: 'Month' },
  };
  return words[grain][lang];
}

/** Options of a KPI sparkline. */
export interface SparklineOptions {
  width?: number;
  height?: number;
  unit: MetricUnit;
  grain: Grain;
  lang: Lang;
  /** The range on show: a period it cuts is drawn apart (hollow point, dashed step) and the last whole period is the one marked. */
  range?: DateRange;
}

/** A KPI tile's sparkline: the series as a thin line over a faint area, the last point marked; no axes. */
export function kpiSparklineSpec(points: readonly SeriesPoint[], options: SparklineOptions): VegaLiteSpec {
  const values = points.map((p) => ({ period: p.period, value: p.value }));
  const x = { field: 'period', type: 'temporal', timeUnit: timeUnit(options.grain), axis: null };
  const y = { field: 'value', type: 'quantitative', axis: null, scale: { zero: false } };
  const tooltip = [
    {
      field: 'period',
      type: 'temporal',
      timeUnit: timeUnit(options.grain),
      title: periodTitle(options.grain, options.lang),
      format: periodLongFormat(options.grain, options.lang),
    },
    { field: 'value', type: 'quantitative', format: valueFormat(options.unit), title: options.lang === 'ko' ? '값' : 'Value' },
  ];
  if (options.range) {
    // The KPI beside it is the last whole period: the sparkline marks that one, and draws a cut one apart.
    const whole = { filter: "datum.kind === 'p' && !datum.partial" };
    return {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      width: options.width ?? 160,
      height: options.height ?? 36,
      padding: 0,
      data: { values: partialRows(points, options.grain, options.range, options.lang, false, true) },
      encoding: { x, y },
      layer: [
        { transform: [whole], mark: { type: 'area', opacity: 0.12, line: false } },
        { transform: [whole], mark: { type: 'line', strokeWidth: 1.5 }, encoding: { tooltip } },
        {
          transform: [{ filter: "datum.kind !== 'p'" }],
          mark: { type: 'line', strokeWidth: 1.5, strokeDash: DASH, aria: false },
          encoding: { detail: { field: 'kind' } },
        },
        {
          transform: [
            whole,
            { window: [{ op: 'row_number', as: 'n' }], sort: [{ field: 'period', order: 'descending' }] },
            { filter: 'datum.n === 1' },
          ],
          mark: { type: 'point', filled: true, size: 24 },
        },
        {
          transform: [{ filter: "datum.kind === 'p' && datum.partial" }],
          mark: { type: 'point', filled: false, size: 24, strokeWidth: 1.5, opacity: 1, aria: false },
          encoding: { tooltip: [...tooltip, { field: 'note', type: 'nominal', title: options.lang === 'ko' ? '주의' : 'Note' }] },
        },
      ],
      config: { view: { stroke: null } },
    };
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: options.width ?? 160,
    height: options.height ?? 36,
    padding: 0,
    data: { values },
    encoding: { x, y },
    layer: [
      { mark: { type: 'area', opacity: 0.12, line: false } },
      { mark: { type: 'line', strokeWidth: 1.5 }, encoding: { tooltip } },
      {
        transform: [
          { window: [{ op: 'row_number', as: 'n' }], sort: [{ field: 'period', order: 'descending' }] },
          { filter: 'datum.n === 1' },
        ],
        mark: { type: 'point', filled: true, size: 24 },
      },
    ],
    config: { view: { stroke: null } },
  };
}

/** Options of a chart tile. */
export interface ChartTileOptions {
  mark: 'line' | 'bar' | 'area';
  unit: MetricUnit;
  grain: Grain;
  lang: Lang;
  width?: number | 'container';
  height?: number | 'container';
  title?: string;
  /** Axis title of the value (the metric's name). */
  valueTitle?: string;
  /** Legend title when the series carry a `series` field. */
  seriesTitle?: string;
  /**
   * The range the chart shows. With it, a period the range cuts (partialPeriod) is drawn apart:
   * a hollow point on a dashed segment (line, area) or a faded bar, its tooltip saying how many
   * of its days are in. The spec's shape does not depend on whether the rows hold one.
   */
  range?: DateRange;
}

/** A chart tile: the metric (or query) over its periods as a line, bars or an area; one colour per `series` when there are several. */
export function chartTileSpec(points: readonly SeriesPoint[], options: ChartTileOptions): VegaLiteSpec {
  const multi = points.some((p) => p.series !== undefined && p.series !== '');
  const values = points.map((p) =>
    multi ? { period: p.period, value: p.value, series: p.series ?? '' } : { period: p.period, value: p.value },
  );
  const valueTitle = options.valueTitle ?? (options.lang === 'ko' ? '값' : 'Value');
  const x = {
    field: 'period',
    type: options.mark === 'bar' ? 'ordinal' : 'temporal',
    timeUnit: timeUnit(options.grain),
    title: periodTitle(options.grain, options.lang),
    axis: {
      format: periodFormat(options.grain, options.lang),
      formatType: 'time',
      labelOverlap: true,
      ...(options.mark === 'bar' ? { labelAngle: -45 } : {}),
    },
  };
  const y = {
    field: 'value',
    type: 'quantitative',
    title: valueTitle,
    axis: { format: valueFormat(options.unit) },
    ...(options.mark === 'bar' && multi ? { stack: true } : {}),
  };
  const encoding: Record<string, unknown> = {
    x,
    y,
    tooltip: [
      {
        field: 'period',
        type: 'temporal',
        timeUnit: timeUnit(options.grain),
        title: periodTitle(options.grain, options.lang),
        format: periodLongFormat(options.grain, options.lang),
      },
      ...(multi ? [{ field: 'series', type: 'nominal', title: options.seriesTitle ?? (options.lang === 'ko' ? '구분' : 'Series') }] : []),
      { field: 'value', type: 'quantitative', format: valueFormat(options.unit), title: valueTitle },
    ],
  };
  if (multi)
    encoding.color = {
      field: 'series',
      type: 'nominal',
      title: options.seriesTitle ?? (options.lang === 'ko' ? '구분' : 'Series'),
      legend: { orient: 'bottom' },
    };
  if (options.range) return partialAwareSpec(points, options, options.range, multi, encoding);
  const mark: Record<string, unknown> = {
    type: options.mark,
    ...(options.mark === 'line' ? { point: points.length <= 60 } : {}),
    ...(options.mark === 'area' ? { opacity: multi ? 0.7 : 0.4, line: true } : {}),
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    ...(options.title ? { title: options.title } : {}),
    width: options.width ?? 'container',
    height: options.height ?? 'container',
    data: { values },
    mark,
    encoding,
  };
}

const DASH = [4, 3];

type PartialRow = { period: string; value: number | null; series?: string; kind: string; partial: boolean; note: string };

/**
 * A series' rows for a chart that draws cut periods apart: one row per point (`kind` 'p'), with
 * `partial` and `note`, and, when `segments`, each step into or out of a cut period repeated as
 * its own pair of rows (`kind` names the pair) for a dashed line.
 */
function partialRows(
  points: readonly SeriesPoint[],
  grain: Grain,
  range: DateRange,
  lang: Lang,
  multi: boolean,
  segments: boolean,
): PartialRow[] {
  const notes = new Map(partialPeriods(points, grain, range).map((p) => [p.period, partialNote(p, lang)]));
  const row = (p: SeriesPoint, kind: string): PartialRow => ({
    period: p.period,
    value: p.value,
    ...(multi ? { series: p.series ?? '' } : {}),
    kind,
    partial: notes.has(p.period),
    note: notes.get(p.period) ?? '',
  });
  const values: PartialRow[] = points.map((p) => row(p, 'p'));
  if (!segments || notes.size === 0) return values;
  // Per series, each step into or out of a cut period becomes its own dashed segment.
  const bySeries = new Map<string, SeriesPoint[]>();
  for (const p of points) {
    const key = multi ? (p.series ?? '') : '';
    bySeries.set(key, [...(bySeries.get(key) ?? []), p]);
  }
  for (const list of bySeries.values()) {
    const sorted = [...list].sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
    for (let i = 1; i < sorted.length; i++) {
      const a = sorted[i - 1] as SeriesPoint;
      const b = sorted[i] as SeriesPoint;
      if (!notes.has(a.period) && !notes.has(b.period)) continue;
      // Named by its first period, so the series' segments over the same step stack together.
      const kind = `s${a.period}`;
      values.push(row(a, kind), row(b, kind));
    }
  }
  return values;
}


/**
 * A chart tile over a range, its cut periods drawn apart. Rows carry `kind` ('p' for a point,
 * or the id of a dashed segment joining a cut period to its neighbour: such rows repeat a
 * point), `partial` and `note`; each layer filters the rows it draws, so the compiled view can
 * be kept when a filter change brings rows with or without a cut period.
 */
function partialAwareSpec(
  points: readonly SeriesPoint[],
  options: ChartTileOptions,
  range: DateRange,
  multi: boolean,
  encoding: Record<string, unknown>,
): VegaLiteSpec {
  const values = partialRows(points, options.grain, range, options.lang, multi, options.mark !== 'bar');
  const { tooltip, ...shared } = encoding as { tooltip: unknown[] } & Record<string, unknown>;
  const noteTooltip = [...tooltip, { field: 'note', type: 'nominal', title: options.lang === 'ko' ? '주의' : 'Note' }];
  const whole = { filter: "datum.kind === 'p' && !datum.partial" };
  const cut = { filter: "datum.kind === 'p' && datum.partial" };
  const segments = { filter: "datum.kind !== 'p'" };
  // Layers that are empty unless a period is cut stay out of the accessibility tree (an empty
  // mark container reads as an unlabelled graphic); the note under the chart says it in words.
  const hollow = { type: 'point', filled: false, size: 64, strokeWidth: 2, opacity: 1, aria: false };
  const top: Record<string, unknown> = { ...shared };
  const transform: unknown[] = [];
  let layer: unknown[];
  if (options.mark === 'bar') {
    // The legend's swatches keep the whole bars' colour, not the faded one.
    if (top.color) top.color = { ...(top.color as Record<string, unknown>), legend: { orient: 'bottom', symbolOpacity: 1 } };
    layer = [
      { transform: [whole], mark: { type: 'bar' }, encoding: { tooltip } },
      { transform: [cut], mark: { type: 'bar', opacity: 0.4, aria: false }, encoding: { tooltip: noteTooltip } },
    ];
  } else if (options.mark === 'line') {
    layer = [
      { transform: [whole], mark: { type: 'line' }, encoding: { tooltip } },
      { transform: [segments], mark: { type: 'line', strokeDash: DASH, aria: false }, encoding: { detail: { field: 'kind' } } },
      ...(points.length <= 60 ? [{ transform: [whole], mark: { type: 'point', filled: true }, encoding: { tooltip } }] : []),
      { transform: [cut], mark: hollow, encoding: { tooltip: noteTooltip } },
    ];
  } else {
    // Series stack on each other within each kind of row (a repeated point must not stack on itself).
    const y = top.y as Record<string, unknown>;
    if (multi) {
      transform.push({ stack: 'value', groupby: ['period', 'kind'], sort: [{ field: 'series', order: 'ascending' }], as: ['v0', 'v1'] });
      top.y = { ...y, field: 'v1', stack: null };
    } else top.y = { ...y, stack: null };
    const base = multi ? { y2: { field: 'v0' } } : {};
    const opacity = multi ? 0.7 : 0.4;
    layer = [
      { transform: [whole], mark: { type: 'area', opacity, line: true }, encoding: { ...base, tooltip } },
      {
        transform: [segments],
        mark: { type: 'area', opacity: opacity / 2, line: { strokeDash: DASH }, aria: false },
        encoding: { ...base, detail: { field: 'kind' } },
      },
      { transform: [cut], mark: hollow, encoding: { tooltip: noteTooltip } },
    ];
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    ...(options.title ? { title: options.title } : {}),
    width: options.width ?? 'container',
    height: options.height ?? 'container',
    data: { values },
    ...(transform.length > 0 ? { transform } : {}),
    encoding: top,
    layer,
  };
}

/** One definition on the two-definitions chart: its legend label and its points. */
export interface DefinitionSeries {
  label: string;
  points: readonly SeriesPoint[];
}

/**
 * Several definitions of one word on one chart, one line each, the legend naming each definition:
 * how a vague definition gives two numbers. The subtitle states the gap over the range.
 */
export function definitionsSpec(
  series: readonly DefinitionSeries[],
  options: {
    unit: MetricUnit;
    grain: Grain;
    lang: Lang;
    title: string;
    valueTitle?: string;
    width?: number | 'container';
    height?: number | 'container';
  },
): VegaLiteSpec {
  const points: SeriesPoint[] = series.flatMap((s) => s.points.map((p) => ({ period: p.period, value: p.value, series: s.label })));
  const spec = chartTileSpec(points, {
    mark: 'line',
    unit: options.unit,
    grain: options.grain,
    lang: options.lang,
    seriesTitle: options.lang === 'ko' ? '정의' : 'Definition',
    ...(options.valueTitle !== undefined ? { valueTitle: options.valueTitle } : {}),
    ...(options.width !== undefined ? { width: options.width } : {}),
    ...(options.height !== undefined ? { height: options.height } : {}),
  });
  const totals = series.map((s) => s.points.reduce((sum, p) => sum + (p.value ?? 0), 0));
  const [a, b] = totals;
  const subtitle =
    series.length === 2 && a !== undefined && b !== undefined && options.unit !== 'ratio'
      ? options.lang === 'ko'
        ? `기간 합계의 차이: ${formatValue(Math.abs(b - a), options.unit, 'ko')}`
        : `Difference over the range: ${formatValue(Math.abs(b - a), options.unit, 'en')}`
      : undefined;
  // The legend keeps the definitions in the order given (the KPI first), not alphabetical.
  const encoding = spec.encoding as Record<string, Record<string, unknown>>;
  if (encoding.color)
    encoding.color = {
      ...encoding.color,
      sort: series.map((s) => s.label),
      legend: { orient: 'bottom', direction: 'vertical', labelLimit: 480 },
    };
  return { ...spec, title: { text: options.title, anchor: 'start', ...(subtitle ? { subtitle } : {}) } };
}

/** The legend labels of the two published revenues: each names its definition. */
export const REVENUE_LABELS: Record<'net' | 'gross', Localized> = {
  net: { ko: '매출 (KPI) = 반품을 제외한 매출액', en: 'Revenue (KPI) = sales excluding refunds' },
  gross: { ko: '매출 (총액) = 환불을 빼지 않은 주문 금액', en: 'Revenue (gross) = order totals, refunds not taken out' },
};

/** The two definitions of revenue on one chart (net: the KPI, gross: refunds not taken out). */
export function revenueDefinitionsSpec(
  net: readonly SeriesPoint[],
  gross: readonly SeriesPoint[],
  options: { grain: Grain; lang: Lang; width?: number | 'container'; height?: number | 'container' },
): VegaLiteSpec {
  const { lang } = options;
  return definitionsSpec(
    [
      { label: REVENUE_LABELS.net[lang], points: net },
      { label: REVENUE_LABELS.gross[lang], points: gross },
    ],
    {
      ...options,
      unit: 'krw',
      title: lang === 'ko' ? '"매출"의 두 정의, 두 숫자' : 'Two definitions of "revenue", two numbers',
      valueTitle: lang === 'ko' ? '금액(원)' : 'Amount (KRW)',
    },
  );
}

/** A tile's computed series for an export: its points, or why it has none. */
export type TileSeries = { rows: readonly SeriesPoint[] } | { error: string };

/** A standalone spec of one tile, for the per-tile export. */
export interface TileExport {
  tileId: string;
  title: string;
  spec: VegaLiteSpec;
}

/** The title a tile shows: its own, else its metric's name, else a generic one. */
export function tileTitle(tile: Tile, metric: Metric | undefined, lang: Lang): string {
  return tile.title?.[lang] ?? metric?.name[lang] ?? (lang === 'ko' ? '쿼리 차트' : 'Query chart');
}

function messageSpec(text: string, width: number, height: number, title: string): VegaLiteSpec {
  return {
    title: { text: title, anchor: 'start' },
    width,
    height,
    data: { values: [{ text }] },
    mark: { type: 'text', align: 'left', baseline: 'top', color: '#868e96', limit: width },
    encoding: { text: { field: 'text' }, x: { value: 0 }, y: { value: 4 } },
  };
}

function kpiExportSpec(
  rows: readonly SeriesPoint[],
  tile: Tile,
  metric: Metric | undefined,
  dashboard: Dashboard,
  lang: Lang,
  width: number,
  height: number,
  title: string,
): VegaLiteSpec {
  const unit = metric?.unit ?? 'number';
  const summary = kpiSummary(rows, dashboard.grain, dashboard.range, metric?.higherIsBetter ?? true);
  const change =
    summary.change === null
      ? lang === 'ko'
        ? '이전 기간과 비교할 값이 없습니다'
        : 'No previous period to compare with'
      : `${summary.change >= 0 ? '▲' : '▼'} ${formatNumber(Math.round(Math.abs(summary.change) * 1000) / 10, lang)}% ${lang === 'ko' ? '(이전 기간 대비)' : 'vs previous period'}`;
  const changeColor = summary.good === null ? '#868e96' : summary.good ? '#2b8a3e' : '#c92a2a';
  const sparkHeight = Math.max(20, height - 64);
  const inRange = rows.filter((p) => p.period >= dashboard.range.from);
  return {
    title: { text: title, anchor: 'start', ...(summary.period ? { subtitle: periodLabel(summary.period, dashboard.grain, lang) } : {}) },
    vconcat: [
      {
        width,
        height: 56,
        data: { values: [{ value: formatValue(summary.value, unit, lang), change }] },
        layer: [
          {
            mark: { type: 'text', align: 'left', baseline: 'top', fontSize: 24, fontWeight: 'bold' },
            encoding: { text: { field: 'value' }, x: { value: 0 }, y: { value: 0 } },
          },
          {
            mark: { type: 'text', align: 'left', baseline: 'top', fontSize: 12, color: changeColor },
            encoding: { text: { field: 'change' }, x: { value: 0 }, y: { value: 34 } },
          },
        ],
      },
      (() => {
        const {
          $schema: _schema,
          config: _config,
          ...spark
        } = kpiSparklineSpec(inRange, { unit, grain: dashboard.grain, lang, width, height: sparkHeight, range: dashboard.range });
        void _schema;
        void _config;
        return spark;
      })(),
    ],
    spacing: 4,
  };
}

/** One tile's spec at a pixel size (for the whole-dashboard concat and the per-tile export). */
function tileSpec(
  tile: Tile,
  metric: Metric | undefined,
  series: TileSeries | undefined,
  dashboard: Dashboard,
  lang: Lang,
  width: number,
  height: number,
): VegaLiteSpec {
  const title = tileTitle(tile, metric, lang);
  if (!series) return messageSpec(lang === 'ko' ? '아직 계산하지 않았습니다.' : 'Not computed yet.', width, height, title);
  if ('error' in series)
    return messageSpec(lang === 'ko' ? `계산하지 못했습니다: ${series.error}` : `Could not compute: ${series.error}`, width, height, title);
  const inRange = series.rows.filter((p) => p.period >= dashboard.range.from && p.period <= dashboard.range.to);
  if (inRange.length === 0)
    return messageSpec(lang === 'ko' ? '이 기간에는 데이터가 없습니다.' : 'No data in this range.', width, height, title);
  if (tile.kind === 'kpi') return kpiExportSpec(series.rows, tile, metric, dashboard, lang, width, height, title);
  const legend = partialLegendLines(partialPeriods(inRange, dashboard.grain, dashboard.range), dashboard.grain, lang, tile.chart.mark);
  const { $schema: _schema, ...chart } = chartTileSpec(inRange, {
    mark: tile.chart.mark,
    unit: metric?.unit ?? 'number',
    grain: dashboard.grain,
    lang,
    width,
    height: Math.max(40, height - 40 - (legend ? 28 : 0)),
    valueTitle: metric?.name[lang] ?? (lang === 'ko' ? '값' : 'Value'),
    range: dashboard.range,
  });
  void _schema;
  return { ...chart, title: { text: title, anchor: 'start', ...(legend ? { subtitle: legend } : {}) } };
}

/** A tile's pixel size in an export (title and axes included in Vega-Lite's own padding). */
function tilePixels(tile: Tile): { width: number; height: number } {
  const { columnPx, rowPx, gapPx } = EXPORT_GRID;
  return { width: tile.layout.w * columnPx - gapPx * 2, height: tile.layout.h * rowPx - gapPx * 2 - 24 };
}

/** Groups tiles whose intervals on one axis overlap (transitively), in order along that axis. */
function bands(tiles: readonly Tile[], axis: 'x' | 'y'): Tile[][] {
  const size = axis === 'x' ? 'w' : 'h';
  const sorted = [...tiles].sort(
    (a, b) => a.layout[axis] - b.layout[axis] || a.layout[axis === 'x' ? 'y' : 'x'] - b.layout[axis === 'x' ? 'y' : 'x'],
  );
  const out: Tile[][] = [];
  let end = -1;
  for (const tile of sorted) {
    const current = out.at(-1);
    if (current && tile.layout[axis] < end) {
      current.push(tile);
      end = Math.max(end, tile.layout[axis] + tile.layout[size]);
    } else {
      out.push([tile]);
      end = tile.layout[axis] + tile.layout[size];
    }
  }
  return out;
}

const BY_GRAIN_EN: Record<Grain, string> = { day: 'by day', week: 'by week (from Monday)', month: 'by month' };

/** The dashboard's title line: its name, range and grain. */
function dashboardTitle(dashboard: Dashboard, lang: Lang): { text: string; subtitle: string; anchor: string; fontSize: number } {
  const grain = periodTitle(dashboard.grain, lang);
  return {
    text: dashboard.name,
    subtitle:
      lang === 'ko'
        ? `${dashboard.range.from} ~ ${dashboard.range.to} · 단위: ${grain}`
        : `${dashboard.range.from} to ${dashboard.range.to} · ${BY_GRAIN_EN[dashboard.grain]}`,
    anchor: 'start',
    fontSize: 18,
  };
}

/**
 * The whole dashboard as one Vega-Lite spec (renders to one SVG or PNG): rows of the grid one
 * under another; inside a row, columns side by side; a column's tiles stacked. Tiles keep their
 * grid size in pixels (EXPORT_GRID). `metrics` resolves each tile's metric (name, unit, direction).
 */
export function dashboardExportSpec(
  dashboard: Dashboard,
  seriesByTile: Readonly<Record<string, TileSeries>>,
  lang: Lang,
  metrics: readonly Metric[] = [],
): VegaLiteSpec {
  const metricOf = (tile: Tile): Metric | undefined => (tile.metricId ? metrics.find((m) => m.id === tile.metricId) : undefined);
  const one = (tile: Tile): VegaLiteSpec => {
    const { width, height } = tilePixels(tile);
    return tileSpec(tile, metricOf(tile), seriesByTile[tile.id], dashboard, lang, width, height);
  };
  const rows = bands(dashboard.tiles, 'y').map((row) => {
    const columns = bands(row, 'x').map((column) => {
      const stacked = [...column].sort((a, b) => a.layout.y - b.layout.y);
      return stacked.length === 1 ? one(stacked[0] as Tile) : { vconcat: stacked.map(one), spacing: EXPORT_GRID.gapPx * 2 };
    });
    return columns.length === 1 ? (columns[0] as VegaLiteSpec) : { hconcat: columns, spacing: EXPORT_GRID.gapPx * 2 };
  });
  const body: VegaLiteSpec =
    rows.length === 0
      ? messageSpec(lang === 'ko' ? '타일이 없습니다.' : 'No tiles.', 12 * EXPORT_GRID.columnPx, 40, '')
      : { vconcat: rows, spacing: EXPORT_GRID.gapPx * 2 };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: dashboardTitle(dashboard, lang),
    padding: 24,
    ...body,
    config: { concat: { spacing: EXPORT_GRID.gapPx * 2 }, view: { stroke: null }, title: { anchor: 'start' } },
  };
}

/** Each tile as a standalone spec with its title (the per-tile export). */
export function tileExportSpecs(
  dashboard: Dashboard,
  seriesByTile: Readonly<Record<string, TileSeries>>,
  lang: Lang,
  metrics: readonly Metric[] = [],
): TileExport[] {
  return dashboard.tiles.map((tile) => {
    const metric = tile.metricId ? metrics.find((m) => m.id === tile.metricId) : undefined;
    const { width, height } = tilePixels(tile);
    return {
      tileId: tile.id,
      title: tileTitle(tile, metric, lang),
      spec: {
        $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
        ...tileSpec(tile, metric, seriesByTile[tile.id], dashboard, lang, width, height),
      },
    };
  });
}
