import { chiSquareUpper } from './distributions.ts';
import { StatsInputError, assertCount, assertOpenUnit, assertRatios } from './errors.ts';
import type { SrmResult } from './types.ts';

/** The stop threshold of the sample-ratio check: p below it means the split is broken. */
export const SRM_THRESHOLD = 0.001;

/**
 * Sample-ratio-mismatch check: Pearson's chi-squared of the observed units per arm against the
 * planned split (df = arms − 1); `mismatch` when p < threshold (0.001 by default, strict so that
 * ordinary imbalance is not flagged).
 */
export function srmCheck(observed: readonly number[], ratios: readonly number[], threshold = SRM_THRESHOLD): SrmResult {
  if (observed.length < 2) throw new StatsInputError('too-few-groups', `the sample-ratio check needs at least two arms (got ${observed.length})`);
  if (observed.length !== ratios.length) {
    throw new StatsInputError('length-mismatch', `${observed.length} observed counts but ${ratios.length} planned shares`);
  }
  observed.forEach((o, i) => assertCount(o, `units in arm ${i + 1}`));
  assertRatios(ratios);
  assertOpenUnit(threshold, 'the SRM threshold', 'threshold-range');
  const total = observed.reduce((a, b) => a + b, 0);
  if (total === 0) throw new StatsInputError('no-units', 'no units were observed in any arm');
  const expected = ratios.map((r) => r * total);
  let chiSquare = 0;
  observed.forEach((o, i) => {
    const e = expected[i] as number;
    chiSquare += ((o - e) * (o - e)) / e;
  });
  const df = observed.length - 1;
  const pValue = chiSquareUpper(chiSquare, df);
  return { observed: [...observed], expected, ratios: [...ratios], chiSquare, df, pValue, mismatch: pValue < threshold, threshold };
}
