import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chiSquareUpper, phiInverse, tQuantile, tTwoSided, zTwoSided } from '../../../core/stats/distributions.ts';
import { sampleSize, srmCheck, twoProportion, welch } from '../../../core/stats/index.ts';
import { sampleSizeExactTotal } from '../../../core/stats/sample-size.ts';

/*
 * core/stats against reference values to 1e-9 RELATIVE. The values in tests/fixtures/stats-goldens.json
 * come from scripts/stats-goldens.py (mpmath at 50 digits, cross-checked with scipy); the published
 * values below are quoted from their sources.
 */

interface Goldens {
  normalTwoSided: { z: number; p: number }[];
  normalQuantile: { p: number; q: number }[];
  chiSquareUpper: { x: number; df: number; p: number }[];
  tTwoSided: { t: number; df: number; p: number }[];
  tQuantile: { p: number; df: number; q: number }[];
  twoProportion: {
    control: [number, number];
    treatment: [number, number];
    alpha: number;
    diff: number;
    relativeDiff: number | null;
    pooled: number;
    z: number;
    p: number;
    newcombe: [number, number];
    wald: [number, number];
  }[];
  srm: { observed: number[]; ratios: number[]; chiSquare: number; df: number; p: number }[];
  welch: {
    control: number[];
    treatment: number[];
    alpha: number;
    meanControl: number;
    meanTreatment: number;
    varControl: number;
    varTreatment: number;
    t: number;
    df: number;
    p: number;
    ci: [number, number];
  }[];
  sampleSize: {
    baseline: number;
    mde: number;
    mdeType: 'absolute' | 'relative';
    alpha: number;
    power: number;
    treatmentShare: number;
    exactTotal: number;
    control: number;
    treatment: number;
  }[];
}

const goldens = JSON.parse(readFileSync('tests/fixtures/stats-goldens.json', 'utf8')) as Goldens;
const REL = 1e-9;

/** |actual − expected| ≤ 1e-9·|expected| (an exact 0 must come out as 0, within 1e-300). */
function expectRel(actual: number | null | undefined, expected: number, what: string): void {
  expect(typeof actual, what).toBe('number');
  const a = actual as number;
  const ok = Math.abs(a - expected) <= REL * Math.abs(expected) + 1e-300;
  expect(ok, `${what}: ${a} vs golden ${expected} (relative error ${Math.abs(a - expected) / Math.abs(expected)})`).toBe(true);
}

describe('distributions (@stdlib) to 1e-9 relative, tails included', () => {
  it('normal two-sided p, down to p ≈ 1e-12', () => {
    expect(Math.min(...goldens.normalTwoSided.map((g) => g.p))).toBeLessThan(2e-12);
    for (const g of goldens.normalTwoSided) expectRel(zTwoSided(g.z), g.p, `z = ${g.z}`);
  });

  it('normal quantile', () => {
    for (const g of goldens.normalQuantile) {
      if (g.q === 0) expect(phiInverse(g.p)).toBe(0);
      else expectRel(phiInverse(g.p), g.q, `p = ${g.p}`);
    }
  });

  it('chi-squared upper tail, df 1 and 2+ (p down to 1e-12)', () => {
    expect(new Set(goldens.chiSquareUpper.map((g) => g.df)).size).toBeGreaterThanOrEqual(5);
    expect(Math.min(...goldens.chiSquareUpper.map((g) => g.p))).toBeLessThan(1e-12);
    for (const g of goldens.chiSquareUpper) expectRel(chiSquareUpper(g.x, g.df), g.p, `χ² = ${g.x}, df = ${g.df}`);
  });

  it('t two-sided p with non-integer (Welch) df, down to p < 1e-12', () => {
    expect(goldens.tTwoSided.some((g) => !Number.isInteger(g.df))).toBe(true);
    expect(Math.min(...goldens.tTwoSided.map((g) => g.p))).toBeLessThan(1e-12);
    for (const g of goldens.tTwoSided) expectRel(tTwoSided(g.t, g.df), g.p, `t = ${g.t}, df = ${g.df}`);
  });

  it('t quantile (for the Welch interval)', () => {
    for (const g of goldens.tQuantile) expectRel(tQuantile(g.p, g.df), g.q, `p = ${g.p}, df = ${g.df}`);
  });
});

describe('twoProportion', () => {
  it.each(goldens.twoProportion.map((g) => [`${g.control.join('/')} vs ${g.treatment.join('/')} at α = ${g.alpha}`, g] as const))('%s', (_name, g) => {
    const r = twoProportion(
      { name: 'control', conversions: g.control[0], users: g.control[1] },
      { name: 'treatment', conversions: g.treatment[0], users: g.treatment[1] },
      g.alpha,
    );
    expectRel(r.absoluteDiff, g.diff, 'diff');
    if (g.relativeDiff === null) expect(r.relativeDiff).toBeNull();
    else expectRel(r.relativeDiff, g.relativeDiff, 'relative diff');
    expectRel(r.pooledRate, g.pooled, 'pooled rate');
    expectRel(r.z, g.z, 'z');
    expectRel(r.pValue, g.p, 'p');
    expectRel(r.ci.newcombe.low, g.newcombe[0], 'Newcombe low');
    expectRel(r.ci.newcombe.high, g.newcombe[1], 'Newcombe high');
    expectRel(r.ci.wald.low, g.wald[0], 'Wald low');
    expectRel(r.ci.wald.high, g.wald[1], 'Wald high');
    expect(r.ci.newcombe.level).toBe(1 - g.alpha);
  });

  it('covers p-values from 0.4 down to below 1e-12', () => {
    const ps = goldens.twoProportion.map((g) => g.p);
    expect(Math.min(...ps)).toBeLessThan(1e-12);
    expect(Math.max(...ps)).toBeGreaterThan(0.3);
  });

  it("reproduces statsmodels' proportions_ztest([5, 12], [83, 99]): z = −1.407830, p = 0.159181", () => {
    // statsmodels computes first − second; our difference is treatment − control, so its first arm
    // (5 of 83) is our treatment. Published in statsmodels' proportions_ztest docs / issue 12 to 6 digits.
    const r = twoProportion({ name: 'B', users: 99, conversions: 12 }, { name: 'A', users: 83, conversions: 5 });
    expect(r.z.toFixed(6)).toBe('-1.407830');
    expect(r.pValue.toFixed(6)).toBe('0.159181');
  });

  it('reproduces Newcombe (1998) Table II example (a), 56/70 − 48/80: method 10 0.0524 to 0.3339, method 1 (Wald) 0.0575 to 0.3425', () => {
    // Newcombe RG. Interval estimation for the difference between independent proportions: comparison
    // of eleven methods. Stat Med 1998;17:873–890, Table II, (a) 56/70 − 48/80, 95% limits to 4 places.
    const r = twoProportion({ name: 'control', users: 80, conversions: 48 }, { name: 'treatment', users: 70, conversions: 56 });
    expect([r.ci.newcombe.low, r.ci.newcombe.high].map((x) => x.toFixed(4))).toEqual(['0.0524', '0.3339']);
    expect([r.ci.wald.low, r.ci.wald.high].map((x) => x.toFixed(4))).toEqual(['0.0575', '0.3425']);
  });

  it('reproduces Newcombe (1998) Table II example (d), 5/56 − 0/29 (a zero cell): method 10 −0.0381 to 0.1926, Wald 0.0146 to 0.1640', () => {
    const r = twoProportion({ name: 'control', users: 29, conversions: 0 }, { name: 'treatment', users: 56, conversions: 5 });
    expect([r.ci.newcombe.low, r.ci.newcombe.high].map((x) => x.toFixed(4))).toEqual(['-0.0381', '0.1926']);
    expect([r.ci.wald.low, r.ci.wald.high].map((x) => x.toFixed(4))).toEqual(['0.0146', '0.1640']);
  });

  it('no variation at all (every arm 0 of n): z = 0, p = 1, both intervals still drawn', () => {
    const r = twoProportion({ name: 'c', users: 10, conversions: 0 }, { name: 't', users: 20, conversions: 0 });
    expect([r.z, r.pValue, r.absoluteDiff, r.relativeDiff]).toEqual([0, 1, 0, null]);
    expect(r.ci.newcombe.low).toBeLessThan(0);
    expect(r.ci.newcombe.high).toBeGreaterThan(0);
  });
});

describe('srmCheck', () => {
  it.each(goldens.srm.map((g) => [`${g.observed.join(',')} vs ${g.ratios.join(',')}`, g] as const))('%s', (_name, g) => {
    const r = srmCheck(g.observed, g.ratios);
    expectRel(r.chiSquare, g.chiSquare, 'χ²');
    expect(r.df).toBe(g.df);
    expectRel(r.pValue, g.p, 'p');
    expect(r.mismatch).toBe(g.p < 0.001);
  });
});

describe('welch', () => {
  it.each(goldens.welch.map((g, i) => [`sample pair ${i + 1} (n = ${g.control.length}, ${g.treatment.length})`, g] as const))('%s', (_name, g) => {
    const r = welch(g.control, g.treatment, g.alpha);
    expectRel(r.control.mean, g.meanControl, 'control mean');
    expectRel(r.treatment.mean, g.meanTreatment, 'treatment mean');
    expectRel(r.control.variance, g.varControl, 'control variance');
    expectRel(r.treatment.variance, g.varTreatment, 'treatment variance');
    expectRel(r.t, g.t, 't');
    expectRel(r.df, g.df, 'df');
    expectRel(r.pValue, g.p, 'p');
    expectRel(r.ci.low, g.ci[0], 'CI low');
    expectRel(r.ci.high, g.ci[1], 'CI high');
  });
});

describe('sampleSize', () => {
  it.each(goldens.sampleSize.map((g) => [`${g.baseline} + ${g.mde} ${g.mdeType}, α ${g.alpha}, power ${g.power}, share ${g.treatmentShare}`, g] as const))(
    '%s',
    (_name, g) => {
      const input = { ...g, dailyTraffic: 1000 };
      expectRel(sampleSizeExactTotal(input), g.exactTotal, 'N');
      const r = sampleSize(input);
      expect([r.control, r.treatment, r.total]).toEqual([g.control, g.treatment, g.control + g.treatment]);
      expect(r.days).toBe(Math.ceil((g.control + g.treatment) / 1000));
    },
  );

  it("matches R's power.prop.test documentation example (p1 = .50, p2 = .75, power = .90 ⇒ n = 76.7 per group)", () => {
    const input = { baseline: 0.5, mde: 0.25, mdeType: 'absolute' as const, alpha: 0.05, power: 0.9, treatmentShare: 0.5 };
    expect((sampleSizeExactTotal(input) / 2).toFixed(1)).toBe('76.7');
    expect(sampleSize(input)).toMatchObject({ control: 77, treatment: 77, total: 154, days: null });
    expect(sampleSize(input).formula).toMatch(/power\.prop\.test/);
  });

  it('issue 12 example: baseline 10%, +2 points, α 0.05, power 0.8 → 3,841 per arm; 8 days at 1,000 a day', () => {
    const r = sampleSize({ baseline: 0.1, mde: 0.02, mdeType: 'absolute', alpha: 0.05, power: 0.8, treatmentShare: 0.5, dailyTraffic: 1000 });
    expect(r).toMatchObject({ control: 3841, treatment: 3841, total: 7682, days: 8 });
  });

  it('a relative MDE is a share of the baseline (10% of 10% = 1 point)', () => {
    const common = { baseline: 0.1, alpha: 0.05, power: 0.8, treatmentShare: 0.5 };
    expect(sampleSize({ ...common, mde: 0.1, mdeType: 'relative' })).toEqual(sampleSize({ ...common, mde: 0.01, mdeType: 'absolute' }));
  });
});
