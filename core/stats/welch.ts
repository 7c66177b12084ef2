import { tQuantile, tTwoSided } from './distributions.ts';
import { StatsInputError, assertOpenUnit } from './errors.ts';
import type { WelchResult } from './types.ts';

/** One sample summarised: size, mean and unbiased (n − 1) variance. */
export interface SampleSummary {
  n: number;
  mean: number;
  variance: number;
}

/** Size, mean and unbiased variance of a sample (two passes, so large means do not swamp the variance). */
export function summarize(values: readonly number[], label: string): SampleSummary {
  if (values.length === 0) throw new StatsInputError('empty-sample', `the ${label} sample is empty`);
  if (values.length < 2) throw new StatsInputError('too-few-values', `the ${label} sample needs at least 2 values for a variance (got 1)`);
  values.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new StatsInputError('not-finite', `value ${i + 1} of the ${label} sample is not a finite number (${v})`);
  });
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  let ss = 0;
  let residual = 0;
  for (const v of values) {
    ss += (v - mean) ** 2;
    residual += v - mean;
  }
  // The corrected two-pass formula: removes the rounding left in the mean.
  return { n, mean, variance: (ss - (residual * residual) / n) / (n - 1) };
}

function assertSummary(s: SampleSummary, label: string): void {
  if (!Number.isInteger(s.n) || s.n < 2) throw new StatsInputError('too-few-values', `the ${label} sample needs at least 2 values for a variance (n = ${s.n})`);
  if (!Number.isFinite(s.mean)) throw new StatsInputError('not-finite', `the ${label} mean is not a finite number (${s.mean})`);
  if (!(Number.isFinite(s.variance) && s.variance >= 0)) {
    throw new StatsInputError('not-finite', `the ${label} variance must be a finite number ≥ 0 (${s.variance})`);
  }
}

/**
 * Welch's unequal-variances t-test from each arm's n, mean and variance: t = (mean_t − mean_c) / se,
 * Welch–Satterthwaite df, two-sided p and the 1 − alpha interval of the difference.
 */
export function welchFromSummary(control: SampleSummary, treatment: SampleSummary, alpha = 0.05): WelchResult {
  assertSummary(control, 'control');
  assertSummary(treatment, 'treatment');
  assertOpenUnit(alpha, 'alpha', 'alpha-range');
  const a = control.variance / control.n;
  const b = treatment.variance / treatment.n;
  const se2 = a + b;
  if (se2 === 0) throw new StatsInputError('no-variance', 'both samples are constant: there is no variance to test a difference against');
  const se = Math.sqrt(se2);
  const diff = treatment.mean - control.mean;
  const t = diff / se;
  const df = (se2 * se2) / ((a * a) / (control.n - 1) + (b * b) / (treatment.n - 1));
  const half = -tQuantile(alpha / 2, df) * se;
  return {
    control: { ...control },
    treatment: { ...treatment },
    diff,
    t,
    df,
    pValue: tTwoSided(t, df),
    ci: { low: diff - half, high: diff + half, level: 1 - alpha },
  };
}

/** Welch's t-test of two samples of a continuous metric (revenue per user): treatment − control. */
export function welch(control: readonly number[], treatment: readonly number[], alpha = 0.05): WelchResult {
  return welchFromSummary(summarize(control, 'control'), summarize(treatment, 'treatment'), alpha);
}
