import type { Cell, ColumnInfo } from '../sql/protocol.ts';
import { isLabelNumberColumn } from '../format/number.ts';

/** Mark types the chart builder offers. */
export const MARKS = ['bar', 'line', 'point', 'area'] as const;
export type MarkType = (typeof MARKS)[number];
/** Aggregates the chart builder offers for the Y field. */
export const AGGREGATES = ['none', 'count', 'sum', 'mean', 'min', 'max'] as const;
export type Aggregate = (typeof AGGREGATES)[number];

/** More marks than this and the chart is refused: it would be unreadable and slow. */
export const MAX_MARKS = 5000;
/** D3 number format of every quantity in a chart: thousands separators, no trailing zeros. */
export const NUMBER_FORMAT = ',~f';
/** More categories (bars or coloured series) than this and the chart shows only the top ones. */
export const TOP_N = 12;

/** What the learner picked in the chart builder. */
export interface ChartChoice {
  mark: MarkType;
  x: string | null;
  y: string | null;
  color: string | null;
  aggregate: Aggregate;
  /** Keep only the largest this-many categories (bars, or series by colour); null draws all. */
  top: number | null;
}

export type FieldType = 'quantitative' | 'temporal' | 'nominal';

const DATE_LIKE = /^\d{4}-\d{2}(-\d{2})?([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z?)?$/;
const MONTH = /^\d{4}-\d{2}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
// Names of columns that count things: orders, n, cnt, order_count, num_users, 주문수, 건수.
const COUNT_NAME = /(^|_)(count|cnt|n|num|orders|users|customers|sessions|visits|requests|rows)(_|$)|^n_|_n$|(수|건수|횟수)$/i;

/** Vega-Lite field type from the values a column holds (declared type as a tie-breaker). */
export function inferFieldType(values: Cell[], declType: string | null): FieldType {
  let numbers = 0;
  let dates = 0;
  let seen = 0;
  for (const v of values) {
    if (v === null) continue;
    seen++;
    if (typeof v === 'number') numbers++;
    else if (typeof v === 'string' && DATE_LIKE.test(v)) dates++;
    if (seen >= 200) break;
  }
  if (seen === 0) return /INT|REAL|NUM|FLOA|DOUB|DEC/i.test(declType ?? '') ? 'quantitative' : 'nominal';
  if (numbers === seen) return 'quantitative';
  if (dates === seen) return 'temporal';
  return 'nominal';
}

/** What the chart logic needs to know about one column of a result. */
export interface ColumnProfile {
  name: string;
  type: FieldType;
  /** Distinct non-null values. */
  distinct: number;
  /** Numbers that are labels (ids, years): categories, not quantities. */
  label: boolean;
  /** Whole, non-negative numbers named like a count (orders, n, cnt). */
  countLike: boolean;
  /** Every number is whole. */
  integer: boolean;
  /** Widest value as text, CJK characters counted double (they are about twice as wide). */
  labelWidth: number;
  /** Every value starts with a digit ('10대', '01 Mon', '1-5'): an order of its own, not names. */
  numbered: boolean;
}

function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u11ff\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]/.test(ch) ? 2 : 1;
  return w;
}

function cellText(v: Cell): string {
  return v instanceof Uint8Array ? `<blob ${v.length} bytes>` : String(v);
}

/** Profiles each column of a result from its values. */
export function profileColumns(columns: ColumnInfo[], rows: Cell[][]): ColumnProfile[] {
  return columns.map((c, i) => {
    const values = rows.map((r) => r[i] ?? null);
    const type = inferFieldType(values, c.declType);
    const present = values.filter((v): v is Exclude<Cell, null> => v !== null);
    const distinct = new Set(present.map((v) => (typeof v === 'number' ? v : cellText(v)))).size;
    const integer = present.length > 0 && present.every((v) => typeof v === 'number' && Number.isInteger(v));
    const label = type === 'quantitative' && isLabelNumberColumn(c.name, present);
    return {
      name: c.name,
      type,
      distinct,
      label,
      countLike: integer && !label && COUNT_NAME.test(c.name) && present.every((v) => (v as number) >= 0),
      integer,
      labelWidth: present.slice(0, 500).reduce<number>((w, v) => Math.max(w, textWidth(cellText(v))), 0),
      numbered: present.length > 0 && present.every((v) => /^\d/.test(cellText(v))),
    };
  });
}

/**
 * A chart that teaches good charts, chosen from the result's columns:
 * time on X → a line, one series (colour) per value of a category column;
 * categories and a number → bars (sorted by value, horizontal for long labels; see buildSpec);
 * a count against a small whole number (hour, rating) → bars;
 * two numbers → points; a lone category column → bars of its count.
 * More than TOP_N categories → only the top ones, with a note.
 */
export function defaultChoice(columns: ColumnInfo[], rows: Cell[][]): ChartChoice {
  const p = profileColumns(columns, rows);
  const measures = p.filter((c) => c.type === 'quantitative' && !c.label);
  const times = p.filter((c) => c.type === 'temporal');
  const categories = p.filter((c) => c.type === 'nominal' || c.label);
  // The last number is the measure by convention: SELECT month, platform, revenue.
  const y = measures.at(-1) ?? null;
  const series = (exclude: ColumnProfile) => categories.find((c) => c !== exclude && c.type === 'nominal' && c.distinct >= 2) ?? null;
  const choice = (mark: MarkType, x: ColumnProfile | null, yCol: ColumnProfile | null, color: ColumnProfile | null, aggregate: Aggregate = 'none'): ChartChoice => {
    const limited = mark === 'bar' ? x : color;
    return {
      mark,
      x: x?.name ?? null,
      y: yCol?.name ?? null,
      color: color?.name ?? null,
      aggregate,
      top: limited && limited.type !== 'temporal' && limited.distinct > TOP_N ? TOP_N : null,
    };
  };
  if (times[0] && y) return choice('line', times[0], y, series(times[0]));
  if (categories[0] && y) return choice('bar', categories[0], y, series(categories[0]));
  if (measures.length >= 2) {
    const count = [...measures].reverse().find((m) => m.countLike);
    const key = measures.find((m) => m !== count && m.integer && m.distinct <= 60);
    if (count && key) return choice('bar', key, count, null);
    return choice('point', measures[0]!, measures[1]!, null);
  }
  if (times[0]) return choice('line', times[0], null, null, 'count');
  if (categories[0]) return choice('bar', categories[0], null, null, 'count');
  return choice('bar', p[0] ?? null, null, null);
}

/** How many marks the chart would draw: groups when aggregated, else one per row. */
export function countMarks(choice: ChartChoice, columns: ColumnInfo[], rows: Cell[][]): number {
  if (choice.aggregate === 'none') return rows.length;
  const keys = [choice.x, choice.color].filter((k): k is string => k !== null).map((k) => columns.findIndex((c) => c.name === k));
  const groups = new Set<string>();
  for (const r of rows) groups.add(JSON.stringify(keys.map((i) => r[i] ?? null)));
  return groups.size;
}

/** A Vega-Lite spec type loose enough to avoid importing vega-lite into core. */
export type VegaLiteSpec = Record<string, unknown>;

/** The categories a chart would keep under its `top` limit, and how many there are in all. */
export interface TopCategories {
  /** The column whose categories are limited (bars' X, or the colour of series). */
  field: string;
  keep: Set<string>;
  total: number;
}

/** Which categories survive `choice.top` (largest totals of Y, or counts); null when nothing is cut. */
export function topCategories(choice: ChartChoice, columns: ColumnInfo[], rows: Cell[][]): TopCategories | null {
  if (choice.top === null) return null;
  const field = choice.mark === 'bar' ? choice.x : choice.color;
  if (!field) return null;
  const k = columns.findIndex((c) => c.name === field);
  const yi = choice.y ? columns.findIndex((c) => c.name === choice.y) : -1;
  if (k < 0) return null;
  const totals = new Map<string, number>();
  for (const r of rows) {
    const key = cellText(r[k] ?? null);
    const v = yi >= 0 && choice.aggregate !== 'count' ? r[yi] : 1;
    totals.set(key, (totals.get(key) ?? 0) + (typeof v === 'number' ? Math.abs(v) : 0));
  }
  if (totals.size <= choice.top) return null;
  const keep = [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, choice.top)
    .map(([key]) => key);
  return { field, keep: new Set(keep), total: totals.size };
}

function temporalDetails(values: Cell[]): { scale?: Record<string, unknown>; format?: string; axis?: Record<string, unknown> } {
  const present = values.filter((v): v is string => typeof v === 'string');
  // Date-only text parses as UTC midnight: draw it on a UTC scale so July stays July in every time zone.
  // Months get a tick per month, never weekly ticks between them.
  if (present.length > 0 && present.every((v) => MONTH.test(v)))
    return { scale: { type: 'utc' }, format: '%Y-%m', axis: { tickCount: { interval: 'month', step: 1 } } };
  if (present.length > 0 && present.every((v) => DAY.test(v))) return { scale: { type: 'utc' }, format: '%Y-%m-%d' };
  return {};
}

/**
 * Builds the Vega-Lite spec for a choice over a result; null when X or Y is missing.
 * `countTitle` names a count axis in the UI language (개수 / count).
 */
export function buildSpec(choice: ChartChoice, columns: ColumnInfo[], rows: Cell[][], countTitle = 'count'): VegaLiteSpec | null {
  if (!choice.x || (!choice.y && choice.aggregate !== 'count')) return null;
  const profiles = profileColumns(columns, rows);
  const profile = (name: string) => profiles.find((p) => p.name === name)!;
  const idx = (name: string) => columns.findIndex((c) => c.name === name);
  if (idx(choice.x) < 0 || (choice.y && idx(choice.y) < 0)) return null;
  const top = topCategories(choice, columns, rows);
  const kept = top ? rows.filter((r) => top.keep.has(cellText(r[idx(top.field)] ?? null))) : rows;
  const used = [choice.x, choice.y, choice.color].filter((f): f is string => f !== null);
  const values = kept.map((r) => {
    const o: Record<string, string | number | null> = {};
    for (const f of used) {
      const v = r[idx(f)] ?? null;
      o[f] = v instanceof Uint8Array ? cellText(v) : v;
    }
    return o;
  });

  const xp = profile(choice.x);
  // Ids, years and small whole numbers under bars are categories: one bar each, in number order.
  const xType =
    xp.type === 'quantitative' && (xp.label || (choice.mark === 'bar' && xp.integer && xp.distinct <= 60)) ? 'ordinal' : xp.type;
  // ',~f': separators, and decimals only as many as the ticks need (',' alone writes 2e+6 on axes).
  const numberFormat = (p: ColumnProfile) => (p.label ? 'd' : NUMBER_FORMAT);
  const measure: Record<string, unknown> =
    choice.aggregate === 'count' || !choice.y
      ? { aggregate: 'count', type: 'quantitative', title: countTitle, axis: { format: NUMBER_FORMAT } }
      : {
          field: choice.y,
          type: 'quantitative',
          ...(choice.aggregate !== 'none' ? { aggregate: choice.aggregate } : {}),
          axis: { format: numberFormat(profile(choice.y)) },
        };
  const time = xType === 'temporal' ? temporalDetails(kept.map((r) => r[idx(choice.x!)] ?? null)) : {};
  const category: Record<string, unknown> = {
    field: choice.x,
    type: xType,
    ...(time.scale ? { scale: time.scale } : {}),
    ...(time.axis ? { axis: time.axis } : {}),
    ...(xType === 'quantitative' ? { axis: { format: numberFormat(xp) } } : {}),
  };

  // Bars over names are sorted by value (the biggest first), lying down when their labels would
  // not fit under a bar. Numbered labels ('10대', '20대') keep the query's order, as other marks do.
  const barsOverNames = choice.mark === 'bar' && xType === 'nominal';
  const shown = top ? top.keep.size : xp.distinct;
  const horizontal = barsOverNames && (xp.labelWidth > 12 || shown > 15);
  if (barsOverNames && !xp.numbered) category.sort = horizontal ? '-x' : '-y';
  else if (xType === 'nominal') category.sort = null;

  const encoding: Record<string, unknown> = horizontal ? { y: category, x: measure } : { x: category, y: measure };
  if (choice.color) {
    const cp = profile(choice.color);
    encoding.color =
      cp.type === 'quantitative' && !cp.label
        ? { field: choice.color, type: 'quantitative', legend: { format: NUMBER_FORMAT } }
        : { field: choice.color, type: 'nominal' };
  }
  const xTip = time.format ? { format: time.format, formatType: 'utc' } : xType === 'quantitative' ? { format: numberFormat(xp) } : {};
  const yTip =
    choice.aggregate === 'count' || !choice.y
      ? { aggregate: 'count', type: 'quantitative', title: countTitle, format: NUMBER_FORMAT }
      : {
          field: choice.y,
          type: 'quantitative',
          ...(choice.aggregate !== 'none' ? { aggregate: choice.aggregate } : {}),
          format: numberFormat(profile(choice.y)),
        };
  encoding.tooltip = [{ field: choice.x, type: xType, ...xTip }, yTip, ...(choice.color ? [{ field: choice.color }] : [])];

  // Points on a line help read each month when there are few of them per series.
  const series = choice.color ? Math.max(1, new Set(values.map((v) => v[choice.color!])).size) : 1;
  const linePoints = (choice.mark === 'line' || choice.mark === 'area') && values.length / series <= 40;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { values },
    mark: {
      type: choice.mark,
      ...(choice.mark === 'line' || choice.mark === 'area' ? { point: choice.mark === 'line' && linePoints } : {}),
      ...(choice.mark === 'point' ? { filled: true, opacity: 0.7 } : {}),
    },
    encoding,
    width: 'container',
    height: 'container',
    autosize: { type: 'fit', contains: 'padding' },
  };
}
