import { PERIOD_END, PERIOD_START } from '../../../datasets/hanbit/config.ts';
import { DateRangeSchema, type DateRange } from '../../../core/metrics/schema.ts';

/*
 * The dashboard's one date range and its presets. The company data covers 2024-07-01 to
 * 2025-12-31, so "the last 3 months" means the last 3 months of the data, not of today's
 * calendar (which would show empty tiles).
 */

/** The first and the last day of the company's data. */
export const DATA_SPAN: DateRange = { from: PERIOD_START, to: PERIOD_END };

/** The range presets, as months back from the data's last month (`all`: the whole span). */
export const RANGE_PRESETS = ['3m', '6m', '12m', 'all'] as const;
/** A range preset. */
export type RangePreset = (typeof RANGE_PRESETS)[number];

function monthsBack(end: string, months: number): string {
  const d = new Date(`${end}T00:00:00Z`);
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - (months - 1));
  return d.toISOString().slice(0, 10);
}

/** The range a preset stands for: whole months ending with the data's last month. */
export function presetRange(preset: RangePreset, span: DateRange = DATA_SPAN): DateRange {
  if (preset === 'all') return { ...span };
  const months = Number(preset.slice(0, -1));
  const from = monthsBack(span.to, months);
  return { from: from < span.from ? span.from : from, to: span.to };
}

/** The preset a range equals, if any (the preset menu shows it as chosen). */
export function presetOf(range: DateRange, span: DateRange = DATA_SPAN): RangePreset | null {
  return (
    RANGE_PRESETS.find((p) => {
      const r = presetRange(p, span);
      return r.from === range.from && r.to === range.to;
    }) ?? null
  );
}

/** Why a typed range cannot be used (an i18n key under `dashboard.range.`), or null when it can. */
export function rangeProblem(from: string, to: string): 'incomplete' | 'order' | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to)) return 'incomplete';
  return DateRangeSchema.safeParse({ from, to }).success ? null : 'order';
}
