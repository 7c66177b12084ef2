/*
 * The shapes of the A/B statistics (core/stats), shared by the readout screen, the experiment
 * step kind, the command line and the lessons. Pure data: every number a readout shows comes
 * from one function in core/stats, over @stdlib's distributions.
 */

/** One arm's counts: units assigned and units that converted (and, optionally, a value sum). */
export interface ArmCounts {
  /** 'control', 'treatment', or the arm's name in the data. */
  name: string;
  users: number;
  conversions: number;
}

/** A two-sided interval at a confidence level (0.95 for 95%). */
export interface Interval {
  low: number;
  high: number;
  level: number;
}

/** The sample-ratio-mismatch check: Pearson's chi-squared of observed units against the planned split. */
export interface SrmResult {
  observed: number[];
  expected: number[];
  /** The planned shares (sum to 1). */
  ratios: number[];
  chiSquare: number;
  df: number;
  pValue: number;
  /** p below the stop threshold (0.001): the split is broken; do not read the effect. */
  mismatch: boolean;
  threshold: number;
}

/** Conversion per arm, its difference, the pooled two-proportion z-test and two intervals. */
export interface TwoProportionResult {
  control: { users: number; conversions: number; rate: number };
  treatment: { users: number; conversions: number; rate: number };
  /** treatment rate − control rate. */
  absoluteDiff: number;
  /** absoluteDiff / control rate (null when the control rate is 0). */
  relativeDiff: number | null;
  pooledRate: number;
  z: number;
  /** Two-sided p-value of the pooled z-test. */
  pValue: number;
  alpha: number;
  /** Interval of the difference: Newcombe's hybrid score (method 10) and the Wald interval. */
  ci: { newcombe: Interval; wald: Interval };
}

/** Welch's unequal-variances t-test of a continuous metric (revenue per user). */
export interface WelchResult {
  control: { n: number; mean: number; variance: number };
  treatment: { n: number; mean: number; variance: number };
  diff: number;
  t: number;
  /** Welch–Satterthwaite degrees of freedom. */
  df: number;
  pValue: number;
  ci: Interval;
}

/** The call a readout recommends. 'invalid': the experiment cannot be read (sample-ratio mismatch). */
export type Decision = 'ship' | 'dont-ship' | 'keep-running' | 'invalid';

/** One sentence of a recommendation's explanation: a code the UI words in Korean or English, with its numbers. */
export interface ReasonLine {
  code: 'srm-failed' | 'srm-ok' | 'significant-positive' | 'significant-negative' | 'not-significant' | 'interval-excludes-mde' | 'interval-includes-mde' | 'underpowered';
  params: Record<string, number | string>;
}

/** A recommendation that explains itself. */
export interface Recommendation {
  decision: Decision;
  reasons: ReasonLine[];
}

/** What a readout is computed from. */
export interface ReadoutInput {
  control: ArmCounts;
  treatment: ArmCounts;
  /** The planned split [control, treatment]; sums to 1. */
  plannedRatio: [number, number];
  alpha: number;
  /** Smallest absolute difference worth shipping for (optional; a non-significant result then says whether it rules that out). */
  mde?: number | undefined;
}

/** The whole readout: SRM first; the effect only when the split holds. */
export interface Readout {
  srm: SrmResult;
  /** Null when the SRM check failed (the effect is not read). */
  effect: TwoProportionResult | null;
  recommendation: Recommendation;
}

/** The sample-size calculator's inputs. */
export interface SampleSizeInput {
  baseline: number;
  mde: number;
  mdeType: 'absolute' | 'relative';
  alpha: number;
  power: number;
  /** The treatment's share of traffic (0.5 for an even split). */
  treatmentShare: number;
  /** Units entering the experiment per day (optional: then days are computed). */
  dailyTraffic?: number | undefined;
}

/** Units needed per arm and how long that takes. */
export interface SampleSizeResult {
  control: number;
  treatment: number;
  total: number;
  /** Days at the daily traffic (null without one). */
  days: number | null;
  /** The formula used, named on screen. */
  formula: string;
}

/** One point of the cumulative readout: the difference so far and its interval. */
export interface CumulativePoint {
  date: string;
  controlUsers: number;
  treatmentUsers: number;
  diff: number;
  low: number;
  high: number;
  pValue: number;
}

/** The peeking simulation's result: false-positive rate of an A/A test by number of looks. */
export interface PeekingResult {
  simulations: number;
  seed: number;
  alpha: number;
  rows: { looks: number; falsePositiveRate: number }[];
  /** Set when the run was stopped early: `simulations` then counts the experiments done. */
  cancelled?: boolean;
}
