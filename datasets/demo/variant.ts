import type { SqlJsStatic } from 'sql.js';
import { generateDemo } from './generate.ts';

/**
 * The demo's hidden variant: the grader's second copy for the sample lesson, so a typed-in
 * result is caught there too. Another seed gives other values; then the two regions with the
 * closest customer counts are made to tie, so the prompt's tie-breaker (ties by region) decides
 * their order and an answer without it, or with it reversed, gets the other order.
 */

/** The seed of the demo's hidden variant. */
export const DEMO_VARIANT_SEED = 60_630;

/** Generates the demo with the variant seed and plants the tie. */
export function generateDemoVariant(SQL: SqlJsStatic, seed: number = DEMO_VARIANT_SEED): Uint8Array {
  const db = new SQL.Database(generateDemo(SQL, seed));
  try {
    const counts = (db.exec('SELECT region, count(*) FROM customers GROUP BY region ORDER BY 2, 1')[0]?.values ?? []).map(
      (r) => [String(r[0]), Number(r[1])] as const,
    );
    let best: { small: string; large: string; gap: number } | null = null;
    for (let i = 1; i < counts.length; i++) {
      const [small, a] = counts[i - 1] as readonly [string, number];
      const [large, b] = counts[i] as readonly [string, number];
      // An even gap closes by moving half of it; an odd one cannot tie two regions alone.
      if ((b - a) % 2 === 0 && b > a && (best === null || b - a < best.gap)) best = { small, large, gap: b - a };
    }
    if (best === null) throw new Error('demo variant: no two regions whose customer counts can tie');
    // Customers move with a city of their new region, so region and city still agree.
    const city = db.exec('SELECT city FROM customers WHERE region = ? ORDER BY customer_id LIMIT 1', [best.small])[0]?.values[0]?.[0];
    db.run(
      'UPDATE customers SET region = ?, city = ? WHERE customer_id IN (SELECT customer_id FROM customers WHERE region = ? ORDER BY customer_id DESC LIMIT ?)',
      [best.small, String(city), best.large, best.gap / 2],
    );
    db.run('VACUUM');
    return db.export();
  } finally {
    db.close();
  }
}
