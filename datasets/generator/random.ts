/**
 * A small seeded pseudo-random generator (mulberry32) with the helpers the dataset generators need.
 * Same seed, same sequence, on every platform: only 32-bit integer arithmetic is used to advance it.
 */

/** Random helpers over one seeded stream. */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One element of a non-empty array, uniformly. */
  pick<T>(items: readonly T[]): T;
  /** An index into weights, chosen with probability proportional to its weight. */
  weightedIndex(weights: readonly number[]): number;
  /** One element of items, chosen with probability proportional to weights[i]. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T;
  /** A normally distributed value (Box-Muller). */
  normal(mean: number, sd: number): number;
  /** A log-normally distributed value: exp(normal(mu, sigma)). */
  logNormal(mu: number, sigma: number): number;
}

/** Creates a mulberry32 stream from a 32-bit seed. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const weightedIndex = (weights: readonly number[]): number => {
    let total = 0;
    for (const w of weights) total += w;
    if (!(total > 0)) throw new Error('weightedIndex: the weights must add up to more than 0');
    let r = next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i] ?? 0;
      if (r < 0) return i;
    }
    // Rounding can leave r at ~0: return the last index with a positive weight.
    for (let i = weights.length - 1; i >= 0; i--) if ((weights[i] ?? 0) > 0) return i;
    return weights.length - 1;
  };
  const normal = (mean: number, sd: number): number => {
    const u = 1 - next();
    const v = next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new Error('pick: empty array');
      return items[Math.floor(next() * items.length)] as T;
    },
    weightedIndex,
    weighted: <T>(items: readonly T[], weights: readonly number[]): T => {
      if (items.length !== weights.length) throw new Error('weighted: items and weights differ in length');
      return items[weightedIndex(weights)] as T;
    },
    normal,
    logNormal: (mu, sigma) => Math.exp(normal(mu, sigma)),
  };
}
