import type { DateRange, Grain, MetricUnit } from '../../../core/metrics/schema.ts';
import type { SeriesPoint } from '../../../core/metrics/series.ts';

/*
 * What a KPI tile shows, from a metric's series: the value of the last complete period in the
 * range, the change against the period before it, and the points of the sparkline. A period that
 * runs past the range's end (the week of 2025-12-29 when the range ends on 12-31) is left out of
 * the value: a partial week read as a whole one would show a fall that did not happen.
 */

/** The figures of a KPI tile. */
export interface KpiFigures {
  /** The period the value is for (its first day), or null when the range holds no complete period. */
  period: string | null;
  value: number | null;
  previousPeriod: string | null;
  previous: number | null;
  /** (value − previous) / |previous|; null when there is nothing to compare with or previous is 0. */
  change: number | null;
  /** The points drawn in the sparkline: the periods that start inside the range. */
  points: SeriesPoint[];
  /** True when the range's last period was partial and left out of the value. */
  partialLeftOut: boolean;
}

/** The last day of the period that starts on `start`. */
export function periodEnd(start: string, grain: Grain): string {
  const d = new Date(`${start}T00:00:00Z`);
  if (grain === 'week') d.setUTCDate(d.getUTCDate() + 6);
  else if (grain === 'month') {
    d.setUTCMonth(d.getUTCMonth() + 1);
    d.setUTCDate(0);
  }
  return d.toISOString().slice(0, 10);
}

/** The KPI figures of a series (asked for one period before the range, see kpiQueryRange). */
export function kpiFigures(series: readonly SeriesPoint[], grain: Grain, range: DateRange): KpiFigures {
  const sorted = [...series].sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
  const points = sorted.filter((p) => p.period >= range.from && p.period <= range.to);
  const complete = sorted.filter((p) => p.period <= range.to && periodEnd(p.period, grain) <= range.to);
  const last = complete.at(-1);
  const partialLeftOut = points.length > 0 && periodEnd(points.at(-1)!.period, grain) > range.to;
  if (!last || last.period < range.from) {
    return { period: null, value: null, previousPeriod: null, previous: null, change: null, points, partialLeftOut };
  }
  const before = complete.at(-2);
  const value = last.value;
  const previous = before?.value ?? null;
  const change = value !== null && previous !== null && previous !== 0 ? (value - previous) / Math.abs(previous) : null;
  return { period: last.period, value, previousPeriod: before?.period ?? null, previous, change, points, partialLeftOut };
}

/** The tone of a change: good or bad news by the metric's direction, flat when it did not move. */
export function changeTone(change: number | null, higherIsBetter: boolean): 'good' | 'bad' | 'flat' {
  if (change === null || Math.abs(change) < 0.0005) return 'flat';
  return change > 0 === higherIsBetter ? 'good' : 'bad';
}

function locale(lang: string): string {
  return lang.startsWith('ko') ? 'ko-KR' : 'en-US';
}

/** Korean large numbers the way Korean reports write them: 2,923만, 1.25억 (Intl's compact gives 2923.5만). */
function koreanCompact(value: number): string {
  const abs = Math.abs(value);
  const sign = value < 0 ? '-' : '';
  if (abs >= 1e8) return `${sign}${new Intl.NumberFormat('ko-KR', { maximumFractionDigits: 2 }).format(abs / 1e8)}억`;
  return `${sign}${new Intl.NumberFormat('ko-KR', { maximumFractionDigits: abs >= 1e6 ? 0 : 1 }).format(abs / 1e4)}만`;
}

/** A value for the big number of a KPI tile: compact (₩29.2M, 2,923만원), percentages for ratios. */
export function formatValue(value: number | null, unit: MetricUnit, lang: string): string {
  if (value === null || !Number.isFinite(value)) return '–';
  const loc = locale(lang);
  const ko = lang.startsWith('ko');
  const compact = (v: number) =>
    ko ? koreanCompact(v) : new Intl.NumberFormat(loc, { notation: 'compact', maximumFractionDigits: 1 }).format(v);
  switch (unit) {
    case 'ratio':
      return new Intl.NumberFormat(loc, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
    case 'krw':
      if (Math.abs(value) < 1_000_000)
        return ko
          ? `${new Intl.NumberFormat(loc, { maximumFractionDigits: 0 }).format(value)}원`
          : new Intl.NumberFormat(loc, { style: 'currency', currency: 'KRW' }).format(value);
      return ko ? `${compact(value)}원` : `₩${compact(value)}`;
    case 'count':
      return Math.abs(value) >= 100_000 ? compact(value) : new Intl.NumberFormat(loc, { maximumFractionDigits: 0 }).format(value);
    default:
      return Math.abs(value) >= 1_000_000
        ? compact(value)
        : new Intl.NumberFormat(loc, { maximumFractionDigits: Math.abs(value) >= 100 ? 0 : 2 }).format(value);
  }
}

/** A value in full, for tooltips and screen readers (₩12,345,678; 12.34%). */
export function formatExact(value: number | null, unit: MetricUnit, lang: string): string {
  if (value === null || !Number.isFinite(value)) return '–';
  const loc = locale(lang);
  if (unit === 'ratio')
    return new Intl.NumberFormat(loc, { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
  if (unit === 'krw')
    return lang.startsWith('ko')
      ? `${new Intl.NumberFormat(loc, { maximumFractionDigits: 0 }).format(value)}원`
      : new Intl.NumberFormat(loc, { style: 'currency', currency: 'KRW' }).format(value);
  return new Intl.NumberFormat(loc, { maximumFractionDigits: unit === 'count' ? 0 : 2 }).format(value);
}

/** A change as a signed percentage: +12.3%, −4.0%. */
export function formatChange(change: number | null, lang: string): string {
  if (change === null || !Number.isFinite(change)) return '–';
  return new Intl.NumberFormat(locale(lang), {
    style: 'percent',
    signDisplay: 'exceptZero',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(change);
}

/** A period's name at a grain: 2025-12-01 → "Dec 2025" / "2025년 12월"; weeks and days by their first day. */
export function formatPeriod(period: string, grain: Grain, lang: string): string {
  const d = new Date(`${period}T00:00:00Z`);
  const loc = locale(lang);
  if (grain === 'month') return new Intl.DateTimeFormat(loc, { year: 'numeric', month: 'short', timeZone: 'UTC' }).format(d);
  return new Intl.DateTimeFormat(loc, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(d);
}
