import type { MetricUnit } from '../../../core/metrics/schema.ts';
import { formatValue as formatFull } from '../../../core/metrics/tile-specs.ts';

/*
 * How a KPI tile words its numbers. The figures themselves (the last whole period, the change
 * against the one before) come from core/metrics/tile-specs.ts (kpiSummary), shared with the
 * export; this file only formats them for the tile: a compact big number, a signed change.
 */

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
export function formatCompact(value: number | null, unit: MetricUnit, lang: string): string {
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

/** A value in full, for tooltips and screen readers (1,234,567원 / ₩1,234,567; 12.34%). */
export function formatExact(value: number | null, unit: MetricUnit, lang: string): string {
  return formatFull(value, unit, lang.startsWith('ko') ? 'ko' : 'en');
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
