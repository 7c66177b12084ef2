/** What was wrong with an input, for a localised message in the UI (the English message is for the CLI and logs). */
export type StatsInputErrorCode =
  | 'not-a-count'
  | 'count-above-total'
  | 'no-units'
  | 'ratio-sum'
  | 'ratio-range'
  | 'length-mismatch'
  | 'too-few-groups'
  | 'empty-sample'
  | 'too-few-values'
  | 'no-variance'
  | 'not-finite'
  | 'alpha-range'
  | 'power-range'
  | 'threshold-range'
  | 'share-range'
  | 'rate-range'
  | 'mde-range'
  | 'bad-option';

/** Thrown by core/stats when an input cannot be a valid experiment (a count above its total, a split not summing to 1, …). */
export class StatsInputError extends Error {
  override readonly name = 'StatsInputError';
  readonly code: StatsInputErrorCode;
  constructor(code: StatsInputErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** A non-negative whole number (a count of units or conversions). */
export function assertCount(value: number, what: string): void {
  if (!Number.isInteger(value) || value < 0) throw new StatsInputError('not-a-count', `${what} must be a whole number ≥ 0 (got ${value})`);
}

/** A probability strictly between 0 and 1 (alpha, power). */
export function assertOpenUnit(value: number, what: string, code: StatsInputErrorCode): void {
  if (!(Number.isFinite(value) && value > 0 && value < 1)) throw new StatsInputError(code, `${what} must be between 0 and 1, exclusive (got ${value})`);
}

/** Shares of a planned split: each in (0, 1), summing to 1 within 1e-9. */
export function assertRatios(ratios: readonly number[]): void {
  for (const r of ratios) {
    if (!(Number.isFinite(r) && r > 0 && r < 1)) throw new StatsInputError('ratio-range', `each planned share must be between 0 and 1, exclusive (got ${r})`);
  }
  const sum = ratios.reduce((a, b) => a + b, 0);
  if (Math.abs(sum - 1) > 1e-9) throw new StatsInputError('ratio-sum', `the planned shares must sum to 1 (they sum to ${sum})`);
}
