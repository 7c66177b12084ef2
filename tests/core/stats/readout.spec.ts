import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readout, srmCheck, StatsInputError, twoProportion } from '../../../core/stats/index.ts';

/** The company's two experiments as the manifest publishes them, read the way the lessons read them. */

interface ManifestArm {
  units: number;
  conversions: number;
}
interface ManifestExperiment {
  id: string;
  allocation: { control: number; treatment: number };
  observed: { control: ManifestArm; treatment: ManifestArm };
  srm?: { chiSquare: number };
}
const manifest = JSON.parse(readFileSync('public/datasets/hanbit-manifest.json', 'utf8')) as { experiments: ManifestExperiment[] };

function experiment(id: string): ManifestExperiment {
  const e = manifest.experiments.find((x) => x.id === id);
  if (!e) throw new Error(`no experiment ${id} in the manifest`);
  return e;
}

function readoutOf(e: ManifestExperiment, mde?: number) {
  return readout({
    control: { name: 'control', users: e.observed.control.units, conversions: e.observed.control.conversions },
    treatment: { name: 'treatment', users: e.observed.treatment.units, conversions: e.observed.treatment.conversions },
    plannedRatio: [e.allocation.control, e.allocation.treatment],
    alpha: 0.05,
    mde,
  });
}

describe('Hanbit experiments (public/datasets/hanbit-manifest.json)', () => {
  it('checkout button: 393/556 vs 486/619 holds its split and is a significant lift → ship', () => {
    const e = experiment('checkout-button-2025');
    expect([e.observed.control, e.observed.treatment]).toEqual([
      expect.objectContaining({ units: 556, conversions: 393 }),
      expect.objectContaining({ units: 619, conversions: 486 }),
    ]);
    const r = readoutOf(e);
    expect(r.srm.mismatch).toBe(false);
    expect(r.srm.chiSquare).toBeCloseTo(3.3779, 4); // (556−587.5)²/587.5·2
    expect(r.srm.pValue).toBeGreaterThan(0.001);
    expect(r.effect?.absoluteDiff).toBeCloseTo(486 / 619 - 393 / 556, 12);
    expect(r.effect?.pValue).toBeLessThan(0.05);
    expect(r.effect?.ci.newcombe.low).toBeGreaterThan(0);
    expect(r.recommendation.decision).toBe('ship');
    expect(r.recommendation.reasons.map((x) => x.code)).toEqual(['srm-ok', 'significant-positive']);
  });

  it('reco widget: 1825 vs 1558 users is a sample-ratio mismatch (χ² = 21.073) → invalid, effect not read', () => {
    const e = experiment('reco-widget-2025');
    const r = readoutOf(e);
    expect(r.srm.chiSquare).toBeCloseTo(21.073, 3);
    expect(r.srm.chiSquare).toBeCloseTo(e.srm?.chiSquare ?? Number.NaN, 3);
    expect(r.srm.pValue).toBeLessThan(0.001);
    expect(r.srm.mismatch).toBe(true);
    expect(r.effect).toBeNull();
    expect(r.recommendation.decision).toBe('invalid');
    expect(r.recommendation.reasons).toEqual([expect.objectContaining({ code: 'srm-failed' })]);
    expect(r.recommendation.reasons[0]?.params.chiSquare).toBeCloseTo(21.073, 3);
  });
});

describe('readout recommendation rule', () => {
  const arm = (users: number, conversions: number, name = 'a') => ({ name, users, conversions });
  const base = { plannedRatio: [0.5, 0.5] as [number, number], alpha: 0.05 };

  it('a significant drop → dont-ship with the p-value and interval as numbers', () => {
    const r = readout({ ...base, control: arm(2000, 250), treatment: arm(2000, 200) });
    expect(r.recommendation.decision).toBe('dont-ship');
    const line = r.recommendation.reasons[1];
    expect(line?.code).toBe('significant-negative');
    expect(line?.params.diff).toBeCloseTo(-0.025, 12);
    expect(Number(line?.params.high)).toBeLessThan(0);
  });

  it('not significant and the whole interval below the mde → dont-ship (interval-excludes-mde)', () => {
    const r = readout({ ...base, control: arm(20000, 2000), treatment: arm(20000, 2010), mde: 0.02 });
    expect(r.recommendation.decision).toBe('dont-ship');
    expect(r.recommendation.reasons.map((x) => x.code)).toEqual(['srm-ok', 'not-significant', 'interval-excludes-mde']);
    expect(r.recommendation.reasons[2]?.params).toMatchObject({ mde: 0.02 });
  });

  it('not significant but the interval still reaches the mde → keep-running; without an mde → underpowered', () => {
    const small = { ...base, control: arm(200, 20), treatment: arm(200, 24) };
    const withMde = readout({ ...small, mde: 0.02 });
    expect(withMde.recommendation.decision).toBe('keep-running');
    expect(withMde.recommendation.reasons.at(-1)?.code).toBe('interval-includes-mde');
    const without = readout(small);
    expect(without.recommendation.decision).toBe('keep-running');
    expect(without.recommendation.reasons.at(-1)?.code).toBe('underpowered');
  });

  it('an SRM overrides a striking effect', () => {
    const r = readout({ ...base, control: arm(5000, 500), treatment: arm(4500, 900) });
    expect(r.effect).toBeNull();
    expect(r.recommendation.decision).toBe('invalid');
  });
});

describe('bad input throws StatsInputError', () => {
  const cases: [string, () => unknown, string, RegExp][] = [
    ['count above its total', () => twoProportion({ name: 'c', users: 10, conversions: 11 }, { name: 't', users: 10, conversions: 1 }), 'count-above-total', /more conversions \(11\) than users \(10\)/],
    ['negative count', () => twoProportion({ name: 'c', users: -1, conversions: 0 }, { name: 't', users: 10, conversions: 1 }), 'not-a-count', /control users must be a whole number/],
    ['ratio not summing to 1', () => srmCheck([50, 50], [0.5, 0.6]), 'ratio-sum', /sum to 1/],
    ['alpha outside (0,1)', () => twoProportion({ name: 'c', users: 10, conversions: 1 }, { name: 't', users: 10, conversions: 1 }, 1), 'alpha-range', /alpha must be between 0 and 1/],
    ['no units', () => srmCheck([0, 0], [0.5, 0.5]), 'no-units', /no units/],
    ['counts and shares of different lengths', () => srmCheck([1, 2, 3], [0.5, 0.5]), 'length-mismatch', /3 observed counts but 2/],
  ];
  it.each(cases)('%s', (_name, call, code, message) => {
    expect(call).toThrow(StatsInputError);
    expect(call).toThrow(message);
    try {
      call();
    } catch (e) {
      expect((e as StatsInputError).code).toBe(code);
    }
  });

  it('a ratio summing to 1 within 1e-9 is accepted', () => {
    expect(srmCheck([50, 50, 50], [0.3333333333, 0.3333333333, 0.3333333334]).mismatch).toBe(false);
  });
});
