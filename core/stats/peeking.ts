import normal from '@stdlib/random-base-normal';
import { phiInverse } from './distributions.ts';
import { StatsInputError, assertOpenUnit } from './errors.ts';
import type { PeekingResult } from './types.ts';

/** What the peeking demonstration simulates. */
export interface PeekingOptions {
  /** A/A experiments to simulate. */
  simulations: number;
  /** Numbers of equally spaced looks to report (e.g. [1, 2, 5, 10, 20, 50, 100]). */
  looks: readonly number[];
  alpha: number;
  /** Seed of the generator (a whole number 1 … 2³²−1): the same seed gives the same rates. */
  seed: number;
  /** Users per arm between two looks at the most frequent peeking (default 500). */
  usersPerLook?: number | undefined;
  /** Conversion rate of both arms (default 0.1; an A/A test has no effect). */
  baseline?: number | undefined;
}

/** Called after each chunk of simulations. */
export type PeekingProgress = (done: number, total: number) => void;

/** The Armitage, McPherson & Rowe (1969) false-positive rates for k equally spaced looks at α = 0.05 (normal case). */
export const ARMITAGE_RATES: Readonly<Record<number, number>> = { 1: 0.05, 2: 0.083, 5: 0.142, 10: 0.193, 20: 0.248, 50: 0.32, 100: 0.374 };

/** Simulations per chunk: between chunks progress is reported and a stop request is honoured. */
const CHUNK = 250;

/** A peeking simulation that runs a chunk at a time (one generator stream, so the result does not depend on how it is driven). */
export interface PeekingRun {
  readonly total: number;
  /** Simulations done so far. */
  readonly done: number;
  /** Runs the next chunk; true when all simulations are done. */
  step(): boolean;
  /** The rates over the simulations done so far (`cancelled` when that is fewer than asked). */
  result(): PeekingResult;
}

/**
 * Sets up the simulation. Each simulated experiment is one A/A test followed to its end: both arms
 * convert at `baseline`; users arrive in steps, each step's conversions per arm drawn at once from
 * the binomial's normal approximation, n·p + √(n·p·q)·Z (not a draw per user, so 10,000 experiments
 * × 100 looks stay fast). Not @stdlib/random-base-binomial: its 0.2.2 sampler for n·p ≥ 10 is
 * biased (n = 100, p = 0.1 gives mean ≈ 10.49 and variance ≈ 8.1 instead of 10 and 9), which
 * shrinks the arms' spread and would understate every false-positive rate. The same experiment is then
 * read with k equally spaced looks for every k asked for (look i of k after ⌈i·N/k⌉ users per arm,
 * N = usersPerLook · max k), each look a pooled two-proportion z-test; a false positive for k is ANY
 * of its k looks with p < alpha (|z| above the two-sided critical value, the same test).
 */
export function createPeekingRun(options: PeekingOptions): PeekingRun {
  const { simulations, looks, alpha, seed } = options;
  const usersPerLook = options.usersPerLook ?? 500;
  const baseline = options.baseline ?? 0.1;
  if (!Number.isInteger(simulations) || simulations < 1) throw new StatsInputError('bad-option', `simulations must be a whole number ≥ 1 (got ${simulations})`);
  if (looks.length === 0) throw new StatsInputError('bad-option', 'give at least one number of looks');
  for (const k of looks) {
    if (!Number.isInteger(k) || k < 1 || k > 10000) throw new StatsInputError('bad-option', `a number of looks must be a whole number from 1 to 10000 (got ${k})`);
  }
  assertOpenUnit(alpha, 'alpha', 'alpha-range');
  if (!Number.isInteger(seed) || seed < 1 || seed > 0xffffffff) throw new StatsInputError('bad-option', `the seed must be a whole number from 1 to 4294967295 (got ${seed})`);
  if (!Number.isInteger(usersPerLook) || usersPerLook < 1) throw new StatsInputError('bad-option', `users per look must be a whole number ≥ 1 (got ${usersPerLook})`);
  assertOpenUnit(baseline, 'the baseline rate', 'rate-range');

  const total = usersPerLook * Math.max(...looks);
  const at = (i: number, k: number): number => Math.ceil(((i + 1) * total) / k);
  // The union of every k's look positions (users per arm): the steps each experiment is drawn in.
  const positions = [...new Set(looks.flatMap((k) => Array.from({ length: k }, (_, i) => at(i, k))))].sort((a, b) => a - b);
  const index = new Map(positions.map((u, i) => [u, i]));
  const lookIndex = looks.map((k) => Int32Array.from({ length: k }, (_, i) => index.get(at(i, k)) as number));
  const steps = Int32Array.from(positions, (u, i) => u - (i === 0 ? 0 : (positions[i - 1] as number)));
  const users = Float64Array.from(positions);

  const zCrit = phiInverse(1 - alpha / 2);
  const z = normal.factory(0, 1, { seed });
  const mean = Float64Array.from(steps, (n) => n * baseline);
  const sd = Float64Array.from(steps, (n) => Math.sqrt(n * baseline * (1 - baseline)));
  const cA = new Float64Array(positions.length);
  const cB = new Float64Array(positions.length);
  const hits = new Float64Array(looks.length);
  let done = 0;

  function simulateOne(): void {
    let a = 0;
    let b = 0;
    for (let j = 0; j < steps.length; j++) {
      const m = mean[j] as number;
      const d = sd[j] as number;
      a += m + d * z();
      b += m + d * z();
      cA[j] = a;
      cB[j] = b;
    }
    for (let r = 0; r < lookIndex.length; r++) {
      const idx = lookIndex[r] as Int32Array;
      for (let i = 0; i < idx.length; i++) {
        const j = idx[i] as number;
        const n = users[j] as number;
        const x = cA[j] as number;
        const y = cB[j] as number;
        // The pooled z-test with n users in each arm: |y/n − x/n| > z·√(p̄q̄·2/n).
        const pooled = (x + y) / (2 * n);
        const v = pooled * (1 - pooled) * (2 / n);
        if (v > 0 && Math.abs((y - x) / n) > zCrit * Math.sqrt(v)) {
          hits[r] = (hits[r] as number) + 1;
          break;
        }
      }
    }
  }

  return {
    total: simulations,
    get done() {
      return done;
    },
    step() {
      const end = Math.min(simulations, done + CHUNK);
      while (done < end) {
        simulateOne();
        done++;
      }
      return done >= simulations;
    },
    result() {
      const result: PeekingResult = {
        simulations: done,
        seed,
        alpha,
        rows: looks.map((k, r) => ({ looks: k, falsePositiveRate: done === 0 ? 0 : (hits[r] as number) / done })),
      };
      if (done < simulations) result.cancelled = true;
      return result;
    },
  };
}

/**
 * The peeking demonstration: an A/A test simulated `simulations` times (seeded, reproducible), the
 * false-positive rate for each number of equally spaced looks (see createPeekingRun). Synchronous
 * and pure, for a worker or Node: onProgress(done, total) after each chunk; when shouldStop()
 * returns true it stops and returns the rates so far, marked `cancelled`.
 */
export function simulatePeeking(options: PeekingOptions, onProgress?: PeekingProgress, shouldStop?: () => boolean): PeekingResult {
  const run = createPeekingRun(options);
  for (;;) {
    const finished = run.step();
    onProgress?.(run.done, run.total);
    if (finished || shouldStop?.()) return run.result();
  }
}

/**
 * simulatePeeking that yields to the event loop between chunks, so a worker receives a cancel
 * message (which then makes shouldStop true) while it runs. Same seed, same result.
 */
export async function simulatePeekingAsync(options: PeekingOptions, onProgress?: PeekingProgress, shouldStop?: () => boolean): Promise<PeekingResult> {
  const run = createPeekingRun(options);
  for (;;) {
    const finished = run.step();
    onProgress?.(run.done, run.total);
    if (finished) return run.result();
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    if (shouldStop?.()) return run.result();
  }
}
