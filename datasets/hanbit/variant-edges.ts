import type { Database, SqlJsStatic } from 'sql.js';
import { SHOP_DOMAIN } from './config.ts';

/**
 * The hidden variant is the grader's second copy of the data. Another seed alone gives other
 * values, but a rule a prompt states (count distinct orders, break ties by id, stop before noon,
 * keep terms searched at least 100 times) only fails a learner who skips it when the data has a
 * case where the rule matters. These edits plant such cases in the variant, deterministically
 * (chosen by SQL over the generated rows, no randomness), without changing its shape. The
 * visible data is never edited: its planted problems and the lessons' prose stay as they are.
 */

function edit(SQL: SqlJsStatic, bytes: Uint8Array, script: (db: Database) => void): Uint8Array {
  const db = new SQL.Database(bytes);
  try {
    script(db);
    return db.export();
  } finally {
    db.close();
  }
}

function scalar(db: Database, sql: string, params: (string | number)[] = []): number | string | null {
  const result = db.exec(sql, params)[0];
  const cell = result?.values[0]?.[0];
  return cell === undefined || cell instanceof Uint8Array ? null : cell;
}

/** The paid, non-test December 2025 orders: the ones the clean-revenue lesson keeps. */
const KEPT_DECEMBER = `SELECT order_id FROM orders
  WHERE ordered_at LIKE '2025-12%' AND status NOT IN ('cancelled', 'pending_payment')
    AND customer_id NOT IN (SELECT customer_id FROM customers WHERE email LIKE 'qa+%@${SHOP_DOMAIN}')`;

/**
 * Production edges: refunds recorded in two rows (one per returned part, same total), so counting
 * refund rows is not counting refunded orders and joining refunds without summing them first
 * repeats orders; real customers whose e-mail starts with 'qa' or ends with the shop's domain
 * without being test accounts, so only the stated pattern 'qa+%@hanbitmarket.co.kr' is right.
 */
export function sharpenProduction(SQL: SqlJsStatic, bytes: Uint8Array): Uint8Array {
  return edit(SQL, bytes, (db) => {
    db.exec(`
      CREATE TEMP TABLE split AS
        SELECT refund_id FROM refunds
        WHERE amount >= 2 AND (order_id % 4 = 0 OR order_id IN (${KEPT_DECEMBER}));
      INSERT INTO refunds (refund_id, order_id, refunded_at, amount, reason)
        SELECT (SELECT max(refund_id) FROM refunds) + row_number() OVER (ORDER BY r.refund_id), r.order_id, r.refunded_at, r.amount / 2, r.reason
        FROM refunds r JOIN split s USING (refund_id);
      UPDATE refunds SET amount = amount - amount / 2 WHERE refund_id IN (SELECT refund_id FROM split);
      DROP TABLE split;
    `);
    // Two real customers with kept December orders get look-alike addresses.
    const buyers = db.exec(
      `SELECT DISTINCT o.customer_id FROM orders o JOIN customers c USING (customer_id)
       WHERE o.order_id IN (${KEPT_DECEMBER}) AND c.email IS NOT NULL ORDER BY o.customer_id LIMIT 2`,
    )[0]?.values;
    const [first, second] = (buyers ?? []).map((r) => Number(r[0]));
    if (first === undefined || second === undefined) throw new Error('variant edges: no December buyers to give look-alike e-mails');
    db.run(`UPDATE customers SET email = 'qa.' || email WHERE customer_id = ?`, [first]);
    db.run(`UPDATE customers SET email = substr(email, 1, instr(email, '@')) || '${SHOP_DOMAIN}' WHERE customer_id = ?`, [second]);
  });
}

/**
 * Warehouse edges: on 2025-12-24 two orders share a timestamp (a running total needs its
 * tie-breaker) and one is placed at exactly 12:00:00 (before noon means `<`); two platforms have
 * the same number of orders; the busiest hours tie at the fifth place; a search term is searched
 * exactly 100 times; zero-result terms tie at the tenth place. Each tie is resolved by the
 * prompt's tie-breaker, so an answer that drops it or reverses it gets other rows.
 */
export function sharpenWarehouse(SQL: SqlJsStatic, bytes: Uint8Array): Uint8Array {
  return edit(SQL, bytes, (db) => {
    const day = '2025-12-24';
    // An order exactly at noon: the first one after it moves back to 12:00:00.
    db.run(
      `UPDATE fact_orders SET ordered_at = ? || ' 12:00:00'
       WHERE order_id = (SELECT order_id FROM fact_orders WHERE order_date = ? AND ordered_at >= ? || ' 12:00:00' ORDER BY ordered_at, order_id LIMIT 1)`,
      [day, day, day],
    );
    // A tie in the morning: the fourth order of the day takes the third one's timestamp.
    db.run(
      `WITH morning AS (SELECT order_id, ordered_at, row_number() OVER (ORDER BY ordered_at, order_id) AS n FROM fact_orders WHERE order_date = ?)
       UPDATE fact_orders SET ordered_at = (SELECT ordered_at FROM morning WHERE n = 3) WHERE order_id = (SELECT order_id FROM morning WHERE n = 4)`,
      [day],
    );

    // Two platforms with equal order counts: move orders from the larger of the closest two.
    const counts = (db.exec('SELECT platform, count(*) FROM fact_orders GROUP BY platform ORDER BY 2')[0]?.values ?? []).map(
      (r) => [String(r[0]), Number(r[1])] as const,
    );
    let best: [string, string, number] | null = null;
    for (let i = 1; i < counts.length; i++) {
      const [small, a] = counts[i - 1] as readonly [string, number];
      const [large, b] = counts[i] as readonly [string, number];
      if (best === null || b - a < best[2]) best = [large, small, b - a];
    }
    if (best && best[2] > 0) {
      const [large, small, gap] = best;
      if (gap % 2 === 1) {
        // An odd gap: one order from a third platform joins the smaller one first.
        const third = counts.map((c) => c[0]).find((p) => p !== large && p !== small);
        if (third === undefined) throw new Error('variant edges: an odd platform gap needs a third platform');
        db.run(
          'UPDATE fact_orders SET platform = ? WHERE order_id = (SELECT max(order_id) FROM fact_orders WHERE platform = ?)',
          [small, third],
        );
      }
      db.run(
        'UPDATE fact_orders SET platform = ? WHERE order_id IN (SELECT order_id FROM fact_orders WHERE platform = ? ORDER BY order_id DESC LIMIT ?)',
        [small, large, Math.floor(gap / 2)],
      );
    }

    // The busiest hours tie at fifth place: an earlier, quieter hour climbs to the fifth's count.
    const fifth = db.exec('SELECT hour, requests FROM fact_web_requests_hourly ORDER BY requests DESC, hour LIMIT 1 OFFSET 4')[0]?.values[0];
    if (!fifth) throw new Error('variant edges: fewer than five hours of web requests');
    const [fifthHour, fifthRequests] = [String(fifth[0]), Number(fifth[1])];
    db.run(
      `UPDATE fact_web_requests_hourly SET requests = ?
       WHERE hour = (SELECT hour FROM fact_web_requests_hourly WHERE requests < ? AND hour < ? ORDER BY requests DESC, hour LIMIT 1)`,
      [fifthRequests, fifthRequests, fifthHour],
    );

    // Zero-result terms tie at tenth place: a term ranked lower that sorts before the tenth gets
    // as many zero-result searches (copies of its own, with new ids).
    const zero = 'SELECT query, count(*) AS n FROM fact_searches WHERE result_count = 0 GROUP BY query';
    const tenth = db.exec(`${zero} ORDER BY n DESC, query LIMIT 1 OFFSET 9`)[0]?.values[0];
    if (!tenth) throw new Error('variant edges: fewer than ten zero-result terms');
    const [tenthQuery, tenthCount] = [String(tenth[0]), Number(tenth[1])];
    const climber = db.exec(`SELECT query, n FROM (${zero}) WHERE n < ? AND query < ? ORDER BY n DESC, query LIMIT 1`, [
      tenthCount,
      tenthQuery,
    ])[0]?.values[0];
    if (!climber) throw new Error('variant edges: no zero-result term to tie with the tenth');
    const [climberQuery, climberCount] = [String(climber[0]), Number(climber[1])];
    for (let i = 0; i < tenthCount - climberCount; i++) {
      db.run(
        `INSERT INTO fact_searches
         SELECT search_id || '-v' || ?, searched_at, search_date, session_id, user_id, platform, query, result_count, clicked, click_position, clicked_product_id
         FROM fact_searches WHERE query = ? AND result_count = 0 AND search_id NOT LIKE '%-v%' ORDER BY search_id LIMIT 1 OFFSET ?`,
        [i + 1, climberQuery, i % climberCount],
      );
    }

    // A term searched exactly 100 times: the least-searched term above 100 loses its latest searches.
    if (scalar(db, 'SELECT count(*) FROM (SELECT query FROM fact_searches GROUP BY query HAVING count(*) = 100)') === 0) {
      const term = db.exec('SELECT query, count(*) FROM fact_searches GROUP BY query HAVING count(*) > 100 ORDER BY 2, 1 LIMIT 1')[0]
        ?.values[0];
      if (!term) throw new Error('variant edges: no search term above 100 searches');
      db.run(
        'DELETE FROM fact_searches WHERE search_id IN (SELECT search_id FROM fact_searches WHERE query = ? ORDER BY search_id DESC LIMIT ?)',
        [String(term[0]), Number(term[1]) - 100],
      );
    }
  });
}
