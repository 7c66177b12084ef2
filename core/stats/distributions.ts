import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import tCdf from '@stdlib/stats-base-dists-t-cdf';

/*
 * The distribution functions core/stats reads p-values and critical values from, over @stdlib.
 * Upper tails are always computed as lower tails of the mirrored statistic (never 1 − cdf), so a
 * p-value of 1e-12 keeps its relative precision (1 − cdf would keep only ~1e-4 of it).
 */

/** Φ(x), the standard normal cdf. */
export function phi(x: number): number {
  return normalCdf(x, 0, 1);
}

/** Φ⁻¹(p), the standard normal quantile. */
export function phiInverse(p: number): number {
  const x = normalQuantile(p, 0, 1);
  if (!(p > 0 && p < 0.5) || !Number.isFinite(x)) return x;
  // @stdlib computes it as √2·erfinv(2p − 1), and 2p − 1 rounds away the digits of a small p
  // (p = 1e-12 comes back 4e-7 off); Newton steps on Φ, which is accurate in the lower tail, restore them.
  let y = x;
  for (let i = 0; i < 3; i++) {
    const step = (normalCdf(y, 0, 1) - p) / (Math.exp((-y * y) / 2) / Math.sqrt(2 * Math.PI));
    y -= step;
    if (Math.abs(step) <= 1e-16 * Math.abs(y)) break;
  }
  return y;
}

/** Two-sided p-value of a z statistic: 2·Φ(−|z|). */
export function zTwoSided(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  return Math.min(1, 2 * normalCdf(-Math.abs(z), 0, 1));
}

/** Two-sided p-value of a t statistic with (possibly non-integer) df: 2·F(−|t|; df). */
export function tTwoSided(t: number, df: number): number {
  if (Number.isNaN(t) || Number.isNaN(df)) return Number.NaN;
  return Math.min(1, 2 * tCdf(-Math.abs(t), df));
}

/** The t quantile for a lower-tail probability p (p < 0.5 here), by bisection-safeguarded Newton on @stdlib's t cdf. */
export function tQuantile(p: number, df: number): number {
  // No t quantile package is installed; the normal quantile starts a solve on the t cdf that
  // converges in a few steps (monotone cdf, bracketed, so it cannot diverge).
  if (p === 0.5) return 0;
  if (p > 0.5) return -tQuantile(1 - p, df);
  let lo = -1;
  while (tCdf(lo, df) > p) lo *= 2;
  let hi = 0;
  let x = Math.max(lo, Math.min(hi, phiInverse(p)));
  for (let i = 0; i < 200; i++) {
    const f = tCdf(x, df) - p;
    if (f > 0) hi = x;
    else lo = x;
    // The t density, for the Newton step.
    const density = Math.exp(lgammaHalf(df + 1) - lgammaHalf(df) - 0.5 * Math.log(df * Math.PI) - ((df + 1) / 2) * Math.log1p((x * x) / df));
    let next = x - f / density;
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - x) <= 1e-15 * Math.max(1, Math.abs(x))) return next;
    x = next;
  }
  return x;
}

/** ln Γ(v/2), enough for the t density's normalising constant (Lanczos, ~1e-15 relative). */
function lgammaHalf(v: number): number {
  return lgamma(v / 2);
}

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
  9.9843695780195716e-6, 1.5056327351493116e-7,
];

function lgamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lgamma(1 - x);
  const y = x - 1;
  let a = LANCZOS[0] as number;
  const t = y + 7.5;
  for (let i = 1; i < 9; i++) a += (LANCZOS[i] as number) / (y + i);
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(a);
}

/**
 * Upper tail P(X ≥ x) of a chi-squared distribution with a whole number of degrees of freedom.
 * @stdlib gives the lower cdf only; its complement loses the small p-values an SRM check is about,
 * so the upper tail uses the closed forms for integer df (all terms positive, no cancellation):
 * even df: e^{−x/2} Σ_{i<df/2} (x/2)^i / i!;  odd df: 2Φ(−√x) + 2φ(√x) Σ_{j=1}^{(df−1)/2} x^{j−1/2} / (1·3·…·(2j−1)).
 * Where the upper tail is large (≥ 0.5) 1 − cdf is exact enough and @stdlib's cdf is used.
 */
export function chiSquareUpper(x: number, df: number): number {
  if (!Number.isInteger(df) || df < 1) throw new RangeError(`chi-squared df must be a whole number ≥ 1 (got ${df})`);
  if (Number.isNaN(x)) return Number.NaN;
  if (x <= 0) return 1;
  const lower = chisquareCdf(x, df);
  if (lower <= 0.5) return 1 - lower;
  if (df % 2 === 0) {
    const h = x / 2;
    let term = Math.exp(-h);
    let sum = term;
    for (let i = 1; i < df / 2; i++) {
      term *= h / i;
      sum += term;
    }
    return sum;
  }
  const r = Math.sqrt(x);
  let sum = 2 * normalCdf(-r, 0, 1);
  // 2φ(√x)·√x, then each next term multiplies by x/(2j+1).
  let term = (2 * Math.exp(-x / 2) * r) / Math.sqrt(2 * Math.PI);
  for (let j = 1; j <= (df - 1) / 2; j++) {
    sum += term;
    term *= x / (2 * j + 1);
  }
  return sum;
}
