import { StatsInputError } from './errors.ts';
import { twoProportion } from './proportions.ts';
import type { CumulativePoint } from './types.ts';

/** One day of an experiment: new units and conversions per arm that day. */
export interface DailyArms {
  date: string;
  control: { users: number; conversions: number };
  treatment: { users: number; conversions: number };
}

/**
 * The readout as it would have looked at the end of each day: cumulative counts, the difference
 * (treatment − control), its Newcombe interval at 1 − alpha and the pooled z-test's p. Days are
 * taken in date order; days before both arms have a unit give no point (nothing to compare yet).
 */
export function cumulativeDiff(daily: readonly DailyArms[], alpha = 0.05): CumulativePoint[] {
  const days = [...daily].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const points: CumulativePoint[] = [];
  let cu = 0;
  let cc = 0;
  let tu = 0;
  let tc = 0;
  for (const day of days) {
    for (const [arm, label] of [
      [day.control, 'control'],
      [day.treatment, 'treatment'],
    ] as const) {
      if (!Number.isInteger(arm.users) || arm.users < 0 || !Number.isInteger(arm.conversions) || arm.conversions < 0) {
        throw new StatsInputError('not-a-count', `on ${day.date} the ${label} counts must be whole numbers ≥ 0 (${arm.users} users, ${arm.conversions} conversions)`);
      }
      if (arm.conversions > arm.users) {
        throw new StatsInputError('count-above-total', `on ${day.date} ${label} has more conversions (${arm.conversions}) than users (${arm.users})`);
      }
    }
    cu += day.control.users;
    cc += day.control.conversions;
    tu += day.treatment.users;
    tc += day.treatment.conversions;
    if (cu === 0 || tu === 0) continue;
    const r = twoProportion({ name: 'control', users: cu, conversions: cc }, { name: 'treatment', users: tu, conversions: tc }, alpha);
    points.push({
      date: day.date,
      controlUsers: cu,
      treatmentUsers: tu,
      diff: r.absoluteDiff,
      low: r.ci.newcombe.low,
      high: r.ci.newcombe.high,
      pValue: r.pValue,
    });
  }
  return points;
}
