import { join } from 'node:path';
import type { Database } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDatasets, loadSqlJs } from '../../scripts/lib/datasets.ts';
import type { DatabaseCopy, DatabaseProvider } from '../../core/grading/engine.ts';

/**
 * The hidden variant holds the cases the lessons' rules depend on (datasets/hanbit/variant-edges.ts,
 * datasets/demo/variant.ts), so an answer that skips a rule fails there. Each check reads the
 * shipped variant; the visible copy is only compared where the edge must be the variant's alone.
 */

const ROOT = join(import.meta.dirname, '..', '..');
let provider: DatabaseProvider;
let open: (id: string, copy: DatabaseCopy) => Database;

beforeAll(async () => {
  provider = (await loadDatasets(ROOT)).provider;
  const SQL = await loadSqlJs();
  open = (id, copy) => {
    const bytes = provider.bytes(id, copy);
    if (!bytes) throw new Error(`no ${copy} copy of ${id}`);
    return new SQL.Database(bytes);
  };
}, 60_000);

function scalar(db: Database, sql: string): number {
  return Number(db.exec(sql)[0]?.values[0]?.[0]);
}

describe('the hidden variant tests every rule the prompts state', () => {
  it('production: refunds in several rows per order, and look-alike test e-mails', () => {
    const db = open('hanbit-prod', 'variant');
    expect(scalar(db, 'SELECT count(*) - count(DISTINCT order_id) FROM refunds')).toBeGreaterThan(0);
    // Split refunds among the orders the clean-revenue step keeps, so a row-by-row join repeats them.
    expect(
      scalar(
        db,
        "SELECT count(*) FROM (SELECT r.order_id FROM refunds r JOIN orders o USING (order_id) WHERE o.ordered_at LIKE '2025-12%' GROUP BY r.order_id HAVING count(*) > 1)",
      ),
    ).toBeGreaterThan(0);
    expect(scalar(db, "SELECT count(*) FROM customers WHERE email LIKE 'qa%' AND email NOT LIKE 'qa+%@hanbitmarket.co.kr'")).toBeGreaterThan(0);
    expect(
      scalar(db, "SELECT count(*) FROM customers WHERE email LIKE '%@hanbitmarket.co.kr' AND email NOT LIKE 'qa+%@hanbitmarket.co.kr'"),
    ).toBeGreaterThan(0);
    db.close();
  });

  it('warehouse: a shared timestamp and an order at noon sharp on 2025-12-24, tied platforms, hours and terms', () => {
    const db = open('hanbit-warehouse', 'variant');
    const day = "FROM fact_orders WHERE order_date = '2025-12-24'";
    expect(scalar(db, `SELECT count(*) - count(DISTINCT ordered_at) ${day}`)).toBeGreaterThan(0);
    expect(scalar(db, `SELECT count(*) ${day} AND ordered_at = '2025-12-24 12:00:00'`)).toBe(1);
    expect(scalar(db, 'SELECT count(*) - count(DISTINCT n) FROM (SELECT count(*) AS n FROM fact_orders GROUP BY platform)')).toBe(1);
    // Fifth and sixth busiest hours tie; the earlier of the two is the fifth.
    const hours = db.exec('SELECT hour, requests FROM fact_web_requests_hourly ORDER BY requests DESC, hour LIMIT 2 OFFSET 4')[0]?.values ?? [];
    expect(hours[0]?.[1]).toBe(hours[1]?.[1]);
    expect(scalar(db, 'SELECT count(*) FROM (SELECT query FROM fact_searches GROUP BY query HAVING count(*) = 100)')).toBeGreaterThan(0);
    const zero = db.exec(
      'SELECT query, n FROM (SELECT query, count(*) AS n FROM fact_searches WHERE result_count = 0 GROUP BY query) ORDER BY n DESC, query LIMIT 2 OFFSET 9',
    )[0]?.values;
    expect(zero?.[0]?.[1]).toBe(zero?.[1]?.[1]);
    db.close();
  });

  it('keeps these edges out of the visible copy, whose numbers the lessons quote', () => {
    const db = open('hanbit-warehouse', 'visible');
    expect(scalar(db, "SELECT count(*) FROM fact_orders WHERE ordered_at = '2025-12-24 12:00:00'")).toBe(0);
    db.close();
    const prod = open('hanbit-prod', 'visible');
    expect(scalar(prod, 'SELECT count(*) - count(DISTINCT order_id) FROM refunds')).toBe(0);
    prod.close();
  });

  it('demo: a hidden variant whose regions tie', () => {
    const db = open('demo', 'variant');
    expect(scalar(db, 'SELECT count(*) - count(DISTINCT n) FROM (SELECT count(*) AS n FROM customers GROUP BY region)')).toBeGreaterThan(0);
    db.close();
  });
});
