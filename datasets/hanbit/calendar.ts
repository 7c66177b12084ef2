import type { Random } from '../generator/random.ts';
import { BIG_HOLIDAYS, CAMPAIGN, CHANNELS, GIFT_SEASONS, HOLIDAYS, PERIOD_DAYS, SALES, dateOf, dayOf, type Span } from './config.ts';

/**
 * The shop's calendar: how busy each day is (trend, weekday, holidays, gift seasons, sales, the
 * campaign), and the marketing spend per channel and day that buys part of that traffic.
 */

/** The span containing a day, if any. */
export function spanOn(spans: readonly Span[], day: number): Span | undefined {
  return spans.find((s) => day >= dayOf(s.from) && day <= dayOf(s.to));
}

/** 0 = Sunday ... 6 = Saturday, for a day index (KST). */
export function weekdayOf(day: number): number {
  return (day + 1) % 7; // 2024-07-01 was a Monday
}

/** Month 0..11 of a day index. */
export function monthOf(day: number): number {
  return Number(dateOf(day).slice(5, 7)) - 1;
}

/** Relative traffic of every day of the period. */
export function dayWeights(): number[] {
  const weekday = [1.12, 1.08, 1.0, 0.98, 0.95, 0.88, 0.9];
  const weights: number[] = [];
  for (let day = 0; day < PERIOD_DAYS; day++) {
    let w = (1 + (0.5 * day) / (PERIOD_DAYS - 1)) * (weekday[weekdayOf(day)] ?? 1);
    const holiday = spanOn(HOLIDAYS, day);
    const tomorrow = spanOn(HOLIDAYS, day + 1);
    if (holiday && BIG_HOLIDAYS.has(holiday.id)) w *= 0.55;
    else if (holiday) w *= 1.05;
    else if (tomorrow && BIG_HOLIDAYS.has(tomorrow.id)) w *= 0.85;
    if (spanOn(GIFT_SEASONS, day)) w *= 1.25;
    if (spanOn(SALES, day)) w *= 1.7;
    if (day >= dayOf(CAMPAIGN.from) && day <= dayOf(CAMPAIGN.to)) w *= 1.3;
    weights.push(w);
  }
  return weights;
}

/** Spend in KRW per day (index) and channel (CHANNELS order). */
export function marketingSpend(rng: Random, scale: number): number[][] {
  const spend: number[][] = [];
  for (let day = 0; day < PERIOD_DAYS; day++) {
    const holiday = spanOn(HOLIDAYS, day);
    const campaign = day >= dayOf(CAMPAIGN.from) && day <= dayOf(CAMPAIGN.to);
    const weekend = weekdayOf(day) === 0 || weekdayOf(day) === 6;
    spend.push(
      CHANNELS.map((channel) => {
        let s = channel.base * scale * (1 + (0.4 * day) / (PERIOD_DAYS - 1));
        if (spanOn(SALES, day)) s *= 2.2;
        if (campaign) s *= channel.social ? 3 : 1.3;
        if (spanOn(GIFT_SEASONS, day)) s *= 1.3;
        if (holiday && BIG_HOLIDAYS.has(holiday.id)) s *= 0.5;
        if (weekend) s *= 0.9;
        s *= Math.max(0.7, rng.normal(1, 0.08));
        return Math.round(s / 10) * 10;
      }),
    );
  }
  return spend;
}

/** Relative traffic per hour of the day (KST): quiet at night, a lunch bump, the peak at 21-22h. */
export const HOUR_WEIGHTS = [
  1.0, 0.6, 0.35, 0.2, 0.15, 0.2, 0.4, 0.8, 1.2, 1.5, 1.7, 1.9, 2.3, 2.0, 1.8, 1.7, 1.7, 1.8, 2.0, 2.5, 3.0, 3.3, 3.0, 2.0,
];
