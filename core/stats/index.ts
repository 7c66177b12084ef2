/*
 * core/stats: the A/B statistics of the readout screen, the experiment step kind, the lessons and
 * `npm run abtest`. Pure functions (no DOM, no Node), the same in the app's worker and in Node.
 */
export type * from './types.ts';
export { StatsInputError, type StatsInputErrorCode } from './errors.ts';
export { SRM_THRESHOLD, srmCheck } from './srm.ts';
export { twoProportion, wilsonInterval } from './proportions.ts';
export { readout } from './readout.ts';
export { welch, welchFromSummary, summarize, type SampleSummary } from './welch.ts';
export { SAMPLE_SIZE_FORMULA, sampleSize } from './sample-size.ts';
export { cumulativeDiff, type DailyArms } from './cumulative.ts';
export {
  ARMITAGE_RATES,
  createPeekingRun,
  simulatePeeking,
  simulatePeekingAsync,
  type PeekingOptions,
  type PeekingProgress,
  type PeekingRun,
} from './peeking.ts';
