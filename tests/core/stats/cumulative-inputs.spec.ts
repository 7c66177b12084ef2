import { describe, expect, it } from 'vitest';
import { cumulativeDiff, sampleSize, StatsInputError, twoProportion, welch, welchFromSummary } from '../../../core/stats/index.ts';

function day(date: string, cu: number, cc: number, tu: number, tc: number) {
  return { date, control: { users: cu, conversions: cc }, treatment: { users: tu, conversions: tc } };
}

describe('cumulativeDiff', () => {
  const days = [day('2025-05-03', 100, 12, 110, 16), day('2025-05-01', 0, 0, 0, 0), day('2025-05-02', 90, 10, 95, 13), day('2025-05-04', 120, 15, 118, 20)];

  it('accumulates the days in date order; each point is the readout as of that day', () => {
    const points = cumulativeDiff(days);
    // 05-01 had nobody in either arm: nothing to compare yet, no point.
    expect(points.map((p) => p.date)).toEqual(['2025-05-02', '2025-05-03', '2025-05-04']);
    expect(points.map((p) => [p.controlUsers, p.treatmentUsers])).toEqual([
      [90, 95],
      [190, 205],
      [310, 323],
    ]);
    const last = points.at(-1);
    const whole = twoProportion({ name: 'c', users: 310, conversions: 37 }, { name: 't', users: 323, conversions: 49 });
    expect(last).toEqual({
      date: '2025-05-04',
      controlUsers: 310,
      treatmentUsers: 323,
      diff: whole.absoluteDiff,
      low: whole.ci.newcombe.low,
      high: whole.ci.newcombe.high,
      pValue: whole.pValue,
    });
  });

  it('narrows the interval as users accumulate; a wider alpha gives a narrower band', () => {
    const points = cumulativeDiff(days);
    const widths = points.map((p) => p.high - p.low);
    expect(widths).toEqual([...widths].sort((a, b) => b - a));
    const p90 = cumulativeDiff(days, 0.1).at(-1);
    const p95 = cumulativeDiff(days, 0.05).at(-1);
    expect((p90?.high ?? 0) - (p90?.low ?? 0)).toBeLessThan((p95?.high ?? 0) - (p95?.low ?? 0));
  });

  it('rejects a day with more conversions than users, naming the day', () => {
    expect(() => cumulativeDiff([day('2025-05-02', 10, 11, 10, 1)])).toThrow(/on 2025-05-02 control has more conversions \(11\) than users \(10\)/);
    expect(() => cumulativeDiff([day('2025-05-02', 10, 1, -3, 0)])).toThrow(StatsInputError);
  });
});

describe('welch input', () => {
  it('an empty sample, a single value, a non-number', () => {
    expect(() => welch([], [1, 2])).toThrow(/the control sample is empty/);
    expect(() => welch([1, 2], [3])).toThrow(/treatment sample needs at least 2 values/);
    expect(() => welch([1, Number.NaN], [3, 4])).toThrow(/value 2 of the control sample is not a finite number/);
    expect(() => welchFromSummary({ n: 1, mean: 0, variance: 1 }, { n: 5, mean: 0, variance: 1 })).toThrow(StatsInputError);
    expect(() => welch([2, 2, 2], [3, 3])).toThrow(/both samples are constant/);
    expect(() => welch([1, 2], [3, 4], 0)).toThrow(/alpha must be between 0 and 1/);
  });

  it('welchFromSummary equals welch on the same sample', () => {
    const a = [3.5, 0, 12, 8.25, 1];
    const b = [4, 9.5, 11, 0, 7, 13.75];
    const r = welch(a, b);
    expect(welchFromSummary(r.control, r.treatment)).toEqual(r);
    expect(r.diff).toBeCloseTo(b.reduce((x, y) => x + y) / 6 - a.reduce((x, y) => x + y) / 5, 12);
  });
});

describe('sampleSize input', () => {
  const ok = { baseline: 0.1, mde: 0.02, mdeType: 'absolute' as const, alpha: 0.05, power: 0.8, treatmentShare: 0.5 };
  it.each([
    ['power 1', { power: 1 }, /power must be between 0 and 1/],
    ['alpha 0', { alpha: 0 }, /alpha must be between 0 and 1/],
    ['baseline 0', { baseline: 0 }, /baseline rate must be between 0 and 1/],
    ['an effect past 100%', { baseline: 0.95, mde: 0.1 }, /must stay below 1/],
    ['a zero effect', { mde: 0 }, /minimum detectable effect must be a number above 0/],
    ['a split of 100/0', { treatmentShare: 1 }, /share of traffic must be between 0 and 1/],
    ['no traffic', { dailyTraffic: 0 }, /daily traffic must be a number above 0/],
  ])('%s', (_name, change, message) => {
    expect(() => sampleSize({ ...ok, ...change })).toThrow(StatsInputError);
    expect(() => sampleSize({ ...ok, ...change })).toThrow(message);
  });

  it('an uneven split needs more users in total than an even one', () => {
    const even = sampleSize(ok);
    const uneven = sampleSize({ ...ok, treatmentShare: 0.2 });
    expect(uneven.total).toBeGreaterThan(even.total);
    expect(uneven.treatment / uneven.total).toBeCloseTo(0.2, 3);
  });
});
