import { StatsInputError, assertOpenUnit } from './errors.ts';
import { assertArm, twoProportion } from './proportions.ts';
import { SRM_THRESHOLD, srmCheck } from './srm.ts';
import type { Readout, ReadoutInput, ReasonLine, Recommendation, TwoProportionResult } from './types.ts';

/**
 * The whole A/B readout: the sample-ratio check first, the effect only when the split holds, and a
 * recommendation that explains itself.
 *
 * The rule (every branch names its numbers in ReasonLine params, the UI words them):
 *  1. SRM p < 0.001 → 'invalid' ('srm-failed'): the arms are not comparable, so no effect is read
 *     (effect = null) however significant it would look.
 *  2. Otherwise 'srm-ok', then the pooled z-test at alpha:
 *     - p < alpha and treatment above control → 'ship' ('significant-positive');
 *     - p < alpha and treatment below control → 'dont-ship' ('significant-negative');
 *     - p ≥ alpha ('not-significant'):
 *       - an mde is given and the whole Newcombe interval lies below it → 'dont-ship'
 *         ('interval-excludes-mde': an effect worth shipping for is ruled out, waiting will not help);
 *       - an mde is given and the interval still reaches it → 'keep-running' ('interval-includes-mde');
 *       - no mde → 'keep-running' ('underpowered': the interval is too wide to rule anything out).
 *  The Newcombe interval is the one quoted (it keeps its coverage near 0 and 1 where Wald does not).
 */
export function readout(input: ReadoutInput): Readout {
  const { control, treatment, plannedRatio, alpha, mde } = input;
  assertArm(control, 'control');
  assertArm(treatment, 'treatment');
  assertOpenUnit(alpha, 'alpha', 'alpha-range');
  if (mde !== undefined && !(Number.isFinite(mde) && mde > 0 && mde < 1)) {
    throw new StatsInputError('mde-range', `the minimum detectable effect must be an absolute difference between 0 and 1 (got ${mde})`);
  }
  const srm = srmCheck([control.users, treatment.users], plannedRatio, SRM_THRESHOLD);
  if (srm.mismatch) {
    return {
      srm,
      effect: null,
      recommendation: {
        decision: 'invalid',
        reasons: [
          {
            code: 'srm-failed',
            params: {
              chiSquare: srm.chiSquare,
              pValue: srm.pValue,
              threshold: srm.threshold,
              controlUsers: control.users,
              treatmentUsers: treatment.users,
              expectedControl: srm.expected[0] as number,
              expectedTreatment: srm.expected[1] as number,
            },
          },
        ],
      },
    };
  }
  const effect = twoProportion(control, treatment, alpha);
  return { srm, effect, recommendation: recommend(effect, srm.pValue, srm.chiSquare, mde) };
}

/** The decision for a valid split, with its reasons (see readout for the rule). */
function recommend(effect: TwoProportionResult, srmP: number, srmChi: number, mde: number | undefined): Recommendation {
  const { pValue, alpha, absoluteDiff: diff } = effect;
  const { low, high } = effect.ci.newcombe;
  const numbers: Record<string, number> = { pValue, alpha, diff, low, high };
  if (effect.relativeDiff !== null) numbers.relativeDiff = effect.relativeDiff;
  const reasons: ReasonLine[] = [{ code: 'srm-ok', params: { pValue: srmP, chiSquare: srmChi } }];
  if (pValue < alpha && diff > 0) {
    reasons.push({ code: 'significant-positive', params: numbers });
    return { decision: 'ship', reasons };
  }
  if (pValue < alpha && diff < 0) {
    reasons.push({ code: 'significant-negative', params: numbers });
    return { decision: 'dont-ship', reasons };
  }
  reasons.push({ code: 'not-significant', params: numbers });
  if (mde !== undefined && high < mde) {
    reasons.push({ code: 'interval-excludes-mde', params: { low, high, mde } });
    return { decision: 'dont-ship', reasons };
  }
  if (mde !== undefined) {
    reasons.push({ code: 'interval-includes-mde', params: { low, high, mde } });
    return { decision: 'keep-running', reasons };
  }
  reasons.push({ code: 'underpowered', params: { low, high } });
  return { decision: 'keep-running', reasons };
}
