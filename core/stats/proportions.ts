import { phiInverse, zTwoSided } from './distributions.ts';
import { StatsInputError, assertCount, assertOpenUnit } from './errors.ts';
import type { ArmCounts, Interval, TwoProportionResult } from './types.ts';

/** Checks one arm's counts: whole numbers, at least one unit, conversions not above users. */
export function assertArm(arm: ArmCounts, label: string): void {
  assertCount(arm.users, `${label} users`);
  assertCount(arm.conversions, `${label} conversions`);
  if (arm.users === 0) throw new StatsInputError('no-units', `${label} has no users`);
  if (arm.conversions > arm.users) {
    throw new StatsInputError('count-above-total', `${label} has more conversions (${arm.conversions}) than users (${arm.users})`);
  }
}

/** Wilson's score interval of one proportion x/n (no continuity correction) at critical value z. */
export function wilsonInterval(x: number, n: number, z: number): { low: number; high: number } {
  const p = x / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = p + z2 / (2 * n);
  const half = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At x = 0 or x = n one bound is exactly 0 or 1; compute it so rather than as a tiny rounding residue.
  return { low: x === 0 ? 0 : (centre - half) / denom, high: x === n ? 1 : (centre + half) / denom };
}

/**
 * Pooled two-proportion z-test (two-sided) of treatment against control, with the difference
 * (treatment − control) and two intervals of it at 1 − alpha: Newcombe's hybrid score interval
 * (Newcombe 1998, method 10, from the arms' Wilson intervals) and the Wald interval.
 * When both arms convert all or none (pooled rate 0 or 1) there is no variation: z = 0, p = 1.
 */
export function twoProportion(control: ArmCounts, treatment: ArmCounts, alpha = 0.05): TwoProportionResult {
  assertArm(control, 'control');
  assertArm(treatment, 'treatment');
  assertOpenUnit(alpha, 'alpha', 'alpha-range');
  const n1 = control.users;
  const n2 = treatment.users;
  const p1 = control.conversions / n1;
  const p2 = treatment.conversions / n2;
  const diff = p2 - p1;
  const pooled = (control.conversions + treatment.conversions) / (n1 + n2);
  const se0 = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  const z = se0 === 0 ? 0 : diff / se0;
  const pValue = se0 === 0 ? 1 : zTwoSided(z);
  const zc = phiInverse(1 - alpha / 2);
  const level = 1 - alpha;

  const seW = Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2);
  const wald: Interval = { low: diff - zc * seW, high: diff + zc * seW, level };

  const w1 = wilsonInterval(control.conversions, n1, zc);
  const w2 = wilsonInterval(treatment.conversions, n2, zc);
  const newcombe: Interval = {
    low: diff - Math.sqrt((p2 - w2.low) ** 2 + (w1.high - p1) ** 2),
    high: diff + Math.sqrt((w2.high - p2) ** 2 + (p1 - w1.low) ** 2),
    level,
  };

  return {
    control: { users: n1, conversions: control.conversions, rate: p1 },
    treatment: { users: n2, conversions: treatment.conversions, rate: p2 },
    absoluteDiff: diff,
    relativeDiff: p1 === 0 ? null : diff / p1,
    pooledRate: pooled,
    z,
    pValue,
    alpha,
    ci: { newcombe, wald },
  };
}
