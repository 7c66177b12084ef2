import { phiInverse } from './distributions.ts';
import { StatsInputError, assertOpenUnit } from './errors.ts';
import type { SampleSizeInput, SampleSizeResult } from './types.ts';

/** The formula sampleSize uses, as the calculator names it on screen. */
export const SAMPLE_SIZE_FORMULA =
  'Two-proportion z-test, normal approximation (Fleiss; R power.prop.test for a 50/50 split): ' +
  'N = (z₁₋α/₂·√(p̄q̄(1/k₁+1/k₂)) + z₁₋β·√(p₁q₁/k₁+p₂q₂/k₂))² / Δ², p̄ = k₁p₁ + k₂p₂, n₁ = k₁N, n₂ = k₂N (rounded up)';

/** The rates and shares a sample size is computed from, after checking the input. */
function design(input: SampleSizeInput): { p1: number; p2: number; k1: number; k2: number; za: number; zb: number } {
  const { baseline, mde, mdeType, alpha, power, treatmentShare } = input;
  if (!(Number.isFinite(baseline) && baseline > 0 && baseline < 1)) {
    throw new StatsInputError('rate-range', `the baseline rate must be between 0 and 1, exclusive (got ${baseline})`);
  }
  if (mdeType !== 'absolute' && mdeType !== 'relative') throw new StatsInputError('bad-option', `the MDE is 'absolute' or 'relative' (got ${String(mdeType)})`);
  if (!(Number.isFinite(mde) && mde > 0)) throw new StatsInputError('mde-range', `the minimum detectable effect must be a number above 0 (got ${mde})`);
  assertOpenUnit(alpha, 'alpha', 'alpha-range');
  assertOpenUnit(power, 'power', 'power-range');
  assertOpenUnit(treatmentShare, "the treatment's share of traffic", 'share-range');
  const delta = mdeType === 'relative' ? baseline * mde : mde;
  const p2 = baseline + delta;
  if (!(p2 < 1)) {
    throw new StatsInputError('mde-range', `baseline ${baseline} plus the effect ${delta} reaches a rate of ${p2}, which must stay below 1`);
  }
  return { p1: baseline, p2, k1: 1 - treatmentShare, k2: treatmentShare, za: phiInverse(1 - alpha / 2), zb: phiInverse(power) };
}

/** The unrounded total N of SAMPLE_SIZE_FORMULA (both arms together). */
export function sampleSizeExactTotal(input: SampleSizeInput): number {
  const { p1, p2, k1, k2, za, zb } = design(input);
  const pBar = k1 * p1 + k2 * p2;
  const h0 = Math.sqrt(pBar * (1 - pBar) * (1 / k1 + 1 / k2));
  const h1 = Math.sqrt((p1 * (1 - p1)) / k1 + (p2 * (1 - p2)) / k2);
  const num = za * h0 + zb * h1;
  return (num * num) / ((p2 - p1) * (p2 - p1));
}

/** Rounds up, ignoring the last bits of floating-point noise (k·N that is a whole number stays it). */
function ceilCount(x: number): number {
  return Math.ceil(x - 1e-9 * Math.max(1, x));
}

/**
 * Units per arm to detect an effect of `mde` on a `baseline` rate with a two-sided pooled z-test
 * at alpha and power, split with `treatmentShare` to the treatment (SAMPLE_SIZE_FORMULA; for a
 * 50/50 split it is R's power.prop.test). Each arm is rounded up; days = ⌈total / daily traffic⌉.
 */
export function sampleSize(input: SampleSizeInput): SampleSizeResult {
  const exact = sampleSizeExactTotal(input);
  const control = ceilCount(exact * (1 - input.treatmentShare));
  const treatment = ceilCount(exact * input.treatmentShare);
  const total = control + treatment;
  let days: number | null = null;
  if (input.dailyTraffic !== undefined) {
    if (!(Number.isFinite(input.dailyTraffic) && input.dailyTraffic > 0)) {
      throw new StatsInputError('bad-option', `daily traffic must be a number above 0 (got ${input.dailyTraffic})`);
    }
    days = Math.ceil(total / input.dailyTraffic);
  }
  return { control, treatment, total, days, formula: SAMPLE_SIZE_FORMULA };
}
