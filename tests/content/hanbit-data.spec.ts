import initSqlJs from 'sql.js';
import type { Database, SqlJsStatic, SqlValue } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseManifest } from '../../core/datasets/manifest.ts';
import { readSchema } from '../../datasets/dictionary-check.ts';
import { buildHanbit, type HanbitBuild } from '../../datasets/hanbit/build.ts';
import { CHECKOUT_EXPERIMENT, HANBIT_SEED, HANBIT_VARIANT_SEED, RECO_EXPERIMENT, SIZES } from '../../datasets/hanbit/config.ts';
import { memoryLake, readLakeBytes } from '../../datasets/hanbit/lake.ts';
import { countLakeProblems } from '../../datasets/hanbit/lake-checks.ts';

/**
 * Hanbit Market small, built in memory from the shipped seed (twice) and the variant seed: the
 * build is deterministic, the variant has the same shape, relationships hold except for the
 * planted problems (counted exactly), the warehouse reconciles with its sources, and the
 * experiments show what the manifest says.
 */

let SQL: SqlJsStatic;
type Built = { build: HanbitBuild; lake: ReturnType<typeof memoryLake> };
let main: Built;
let again: Built;
let variant: Built;

function make(seed: number): Built {
  const lake = memoryLake();
  return { build: buildHanbit(SQL, { seed, size: 'small', lake, variant: seed !== HANBIT_SEED }), lake };
}

function open(b: Built, id: string): Database {
  const db = b.build.databases.find((d) => d.id === id);
  if (!db) throw new Error(`no database ${id}`);
  return new SQL.Database(db.bytes);
}

function rows(db: Database, sql: string): SqlValue[][] {
  return db.exec(sql)[0]?.values ?? [];
}

function scalar(db: Database, sql: string): number {
  return Number(rows(db, sql)[0]?.[0]);
}

beforeAll(async () => {
  SQL = await initSqlJs();
  main = make(HANBIT_SEED);
  again = make(HANBIT_SEED);
  variant = make(HANBIT_VARIANT_SEED);
  // Three builds (shipped seed twice, the variant with its edge cases) take a while on a busy machine.
}, 180_000);

describe('determinism and the variant', () => {
  it('builds byte-identical databases, lake files and manifest from the same seed', () => {
    for (const db of main.build.databases) {
      const twin = again.build.databases.find((d) => d.id === db.id);
      expect(Buffer.from(twin?.bytes ?? []).equals(Buffer.from(db.bytes)), db.id).toBe(true);
    }
    expect(again.lake.list()).toEqual(main.lake.list());
    for (const path of main.lake.list())
      expect(Buffer.from(again.lake.read(path)).equals(Buffer.from(main.lake.read(path))), path).toBe(true);
    expect(JSON.stringify(again.build.manifest)).toBe(JSON.stringify(main.build.manifest));
  });

  it('builds a variant with the same schema and other values', () => {
    for (const db of main.build.databases) {
      const twin = variant.build.databases.find((d) => d.id === db.id);
      expect(readSchema(SQL, twin?.bytes ?? new Uint8Array())).toEqual(readSchema(SQL, db.bytes));
      if (db.id !== 'hanbit-warehouse-empty') expect(Buffer.from(twin?.bytes ?? []).equals(Buffer.from(db.bytes)), db.id).toBe(false);
    }
    const a = open(main, 'hanbit-prod');
    const b = open(variant, 'hanbit-prod');
    expect(scalar(a, 'SELECT sum(total_amount) FROM orders')).not.toBe(scalar(b, 'SELECT sum(total_amount) FROM orders'));
    const folders = (b: Built): string[] => [...new Set(b.lake.list().map((p) => p.split('/')[0] ?? ''))].sort();
    expect(folders(variant)).toEqual(folders(main));
  });

  it('stores the logs gzip-compressed and the CSV exports plain, and counts lines after decompression', () => {
    const names = main.lake.list();
    const folderOf = (p: string): string => p.split('/')[0] ?? '';
    for (const name of names) {
      if (folderOf(name) === 'exports') expect(name).toMatch(/\.csv$/);
      else expect(name).toMatch(folderOf(name) === 'access-logs' ? /\.log\.gz$/ : /\.jsonl\.gz$/);
    }
    expect(main.build.manifest.lake.root).toBe('catalog');
    expect(main.build.manifest.lake.files.map((f) => f.name)).toEqual(names);
    for (const f of main.build.manifest.lake.files) {
      const content = readLakeBytes(main.lake, f.name);
      expect(f.sizeBytes, f.name).toBe(main.lake.read(f.name).byteLength);
      expect(f.uncompressedBytes, f.name).toBe(content.byteLength);
      expect(f.lines, f.name).toBe(content.filter((b) => b === 10).length);
    }
    const problem = main.build.manifest.plantedProblems.find((p) => p.id === 'lake-duplicate-events');
    expect(problem?.where).toBe('lake/hanbit/events/*.jsonl.gz');
  });

  it('writes a manifest that parses', () => {
    expect(parseManifest(JSON.parse(JSON.stringify(main.build.manifest))).ok).toBe(true);
    expect(parseManifest(JSON.parse(JSON.stringify(variant.build.manifest))).ok).toBe(true);
    expect(main.build.manifest.seed).toBe(HANBIT_SEED);
    expect(variant.build.manifest.variant).toBe(true);
  });

  it('scales the large size by the same ratios', () => {
    expect(SIZES.large.customers / SIZES.small.customers).toBeCloseTo(SIZES.large.scale, 1);
    expect(SIZES.large.anonymousPerDay / SIZES.small.anonymousPerDay).toBeCloseTo(SIZES.large.scale, 0);
  });
});

describe('counts and relationships', () => {
  it('has the sizes of a small shop over 18 months', () => {
    const db = open(main, 'hanbit-prod');
    expect(scalar(db, 'SELECT count(*) FROM customers')).toBeGreaterThan(2000);
    expect(scalar(db, 'SELECT count(*) FROM customers')).toBeLessThan(3200);
    expect(scalar(db, 'SELECT count(*) FROM products')).toBeGreaterThanOrEqual(290);
    expect(scalar(db, 'SELECT count(*) FROM categories')).toBe(8);
    expect(scalar(db, 'SELECT count(*) FROM orders')).toBeGreaterThan(15_000);
    expect(scalar(db, 'SELECT count(*) FROM orders')).toBeLessThan(40_000);
    expect(scalar(db, 'SELECT min(ordered_at) >= ? FROM orders'.replace('?', "'2024-07-01'"))).toBe(1);
    expect(scalar(db, "SELECT max(ordered_at) < '2026-01-01' FROM orders")).toBe(1);
    const events = main.build.manifest.lake.files.filter((f) => f.name.startsWith('events/')).reduce((s, f) => s + f.lines, 0);
    expect(events).toBeGreaterThan(150_000);
    expect(events).toBeLessThan(400_000);
    db.close();
  });

  it('keeps every relationship except the planted orphans', () => {
    const db = open(main, 'hanbit-prod');
    const orphans = scalar(db, 'SELECT count(*) FROM order_items i LEFT JOIN orders o USING (order_id) WHERE o.order_id IS NULL');
    expect(orphans).toBe(main.build.manifest.plantedProblems.find((p) => p.id === 'prod-orphan-order-items')?.count);
    expect(orphans).toBeGreaterThan(0);
    expect(scalar(db, 'SELECT count(*) FROM order_items i LEFT JOIN products p USING (product_id) WHERE p.product_id IS NULL')).toBe(0);
    expect(scalar(db, 'SELECT count(*) FROM orders o LEFT JOIN customers c USING (customer_id) WHERE c.customer_id IS NULL')).toBe(0);
    expect(scalar(db, 'SELECT count(*) FROM orders o JOIN addresses a USING (address_id) WHERE a.customer_id <> o.customer_id')).toBe(0);
    expect(scalar(db, 'SELECT count(*) FROM payments p LEFT JOIN orders o USING (order_id) WHERE o.order_id IS NULL')).toBe(0);
    expect(scalar(db, 'SELECT count(*) FROM refunds r LEFT JOIN orders o USING (order_id) WHERE o.order_id IS NULL')).toBe(0);
    expect(
      scalar(
        db,
        'SELECT count(*) FROM orders o LEFT JOIN (SELECT DISTINCT order_id FROM order_items) i USING (order_id) WHERE i.order_id IS NULL',
      ),
    ).toBe(0);
    expect(
      scalar(db, 'SELECT count(*) FROM customers WHERE customer_id NOT IN (SELECT customer_id FROM addresses WHERE is_default = 1)'),
    ).toBe(0);
    // Totals add up with the true (absolute) quantities; orders come after sign-up.
    expect(
      scalar(
        db,
        'SELECT count(*) FROM orders o JOIN (SELECT order_id, sum(abs(quantity) * unit_price) AS s FROM order_items GROUP BY order_id) i USING (order_id) WHERE o.items_amount <> i.s',
      ),
    ).toBe(0);
    expect(scalar(db, 'SELECT count(*) FROM orders WHERE total_amount <> items_amount - discount_amount + shipping_fee')).toBe(0);
    expect(scalar(db, 'SELECT count(*) FROM orders o JOIN customers c USING (customer_id) WHERE o.ordered_at < c.created_at')).toBe(0);
    expect(scalar(db, "SELECT count(*) FROM products WHERE status = 'sold_out'")).toBe(1);
    expect(
      scalar(db, "SELECT count(*) FROM inventory i JOIN products p USING (product_id) WHERE p.status = 'sold_out' AND i.stock_qty <> 0"),
    ).toBe(0);
    db.close();
  });

  it('tells the story: weekends, holidays, the sale, the price change and the sell-out', () => {
    const wh = open(main, 'hanbit-warehouse');
    const perDay = (where: string): number =>
      scalar(
        wh,
        `SELECT avg(n) FROM (SELECT d.date, count(o.order_id) AS n FROM dim_date d LEFT JOIN fact_orders o ON o.order_date = d.date WHERE ${where} GROUP BY d.date)`,
      );
    expect(perDay('d.is_big_holiday = 1')).toBeLessThan(perDay("d.date BETWEEN '2024-08-01' AND '2025-11-30' AND d.is_holiday = 0") * 0.8);
    expect(perDay('d.sale_id IS NOT NULL')).toBeGreaterThan(perDay("d.date BETWEEN '2025-11-01' AND '2025-11-30'") * 1.3);
    expect(
      scalar(wh, "SELECT count(*) FROM dim_product WHERE previous_price IS NOT NULL AND price_changed_on = '2025-03-01'"),
    ).toBeGreaterThan(5);
    expect(
      scalar(
        wh,
        "SELECT count(*) FROM fact_order_items i JOIN dim_product p USING (product_id) WHERE p.status = 'sold_out' AND i.order_date >= '2025-12-21'",
      ),
    ).toBe(0);
    expect(scalar(wh, "SELECT sum(spend_krw) FROM marketing_spend WHERE campaign = 'spring_festa_2025'")).toBeGreaterThan(0);
    // The peak hour (people, not robots) carries several times the night's load.
    expect(scalar(wh, 'SELECT max(requests - bot_requests) > 4 * min(requests - bot_requests) FROM fact_web_requests_hourly')).toBe(1);
    wh.close();
  });
});

describe('planted problems', () => {
  for (const which of ['main', 'variant'] as const) {
    it(`finds every production problem with its detectSql (${which})`, () => {
      const b = which === 'main' ? main : variant;
      for (const problem of b.build.manifest.plantedProblems.filter((p) => p.detectSql !== null)) {
        const db = open(b, problem.database ?? '');
        expect(scalar(db, problem.detectSql ?? ''), problem.id).toBe(problem.count);
        expect(problem.count, problem.id).toBeGreaterThan(0);
        db.close();
      }
    });

    it(`finds every lake problem with its rule (${which})`, () => {
      const b = which === 'main' ? main : variant;
      const prod = open(b, 'hanbit-prod');
      const testIds = new Set(
        rows(prod, "SELECT customer_id FROM customers WHERE email LIKE 'qa+%@hanbitmarket.co.kr'").map((r) => Number(r[0])),
      );
      prod.close();
      const counted = countLakeProblems(b.lake, testIds);
      const lakeProblems = b.build.manifest.plantedProblems.filter((p) => p.layer === 'lake');
      expect(lakeProblems.map((p) => p.id).sort()).toEqual(Object.keys(counted).sort());
      for (const problem of lakeProblems) {
        expect(counted[problem.id], problem.id).toBe(problem.count);
        expect(problem.count, problem.id).toBeGreaterThan(0);
      }
    });
  }
});

describe('the warehouse reconciles with production and the lake', () => {
  it('has the same customers, orders, lines and revenue after the documented exclusions', () => {
    const prod = open(main, 'hanbit-prod');
    const wh = open(main, 'hanbit-warehouse');
    const test = "(SELECT customer_id FROM customers WHERE email LIKE 'qa+%@hanbitmarket.co.kr')";
    expect(scalar(wh, 'SELECT count(*) FROM dim_customer WHERE is_current = 1')).toBe(
      scalar(prod, `SELECT count(*) FROM customers WHERE customer_id NOT IN ${test}`),
    );
    expect(scalar(wh, 'SELECT count(*) FROM dim_customer')).toBe(
      scalar(prod, `SELECT count(*) FROM addresses WHERE customer_id NOT IN ${test}`),
    );
    expect(scalar(wh, 'SELECT count(*) FROM fact_orders')).toBe(
      scalar(prod, `SELECT count(*) FROM orders WHERE customer_id NOT IN ${test}`),
    );
    expect(scalar(wh, 'SELECT count(*) FROM fact_order_items')).toBe(
      scalar(prod, `SELECT count(*) FROM order_items i JOIN orders o USING (order_id) WHERE o.customer_id NOT IN ${test}`),
    );
    // Revenue excluding refunds: first payment per order minus refunds, test accounts out.
    const prodRevenue = scalar(
      prod,
      `WITH real_orders AS (SELECT order_id FROM orders WHERE customer_id NOT IN ${test}),
            first_payments AS (SELECT order_id, min(payment_id) AS payment_id FROM payments GROUP BY order_id)
       SELECT (SELECT sum(p.amount) FROM payments p JOIN first_payments f USING (payment_id) JOIN real_orders USING (order_id))
            - (SELECT sum(r.amount) FROM refunds r JOIN real_orders USING (order_id))`,
    );
    expect(scalar(wh, 'SELECT sum(net_revenue) FROM fact_orders')).toBe(prodRevenue);
    expect(scalar(wh, 'SELECT sum(line_amount) FROM fact_order_items')).toBe(scalar(wh, 'SELECT sum(items_amount) FROM fact_orders'));
    // A naive sum overstates revenue: that is the lesson.
    expect(scalar(prod, 'SELECT sum(total_amount) FROM orders')).toBeGreaterThan(prodRevenue);
    // Every order's customer version was valid on the order date.
    expect(
      scalar(
        wh,
        'SELECT count(*) FROM fact_orders o JOIN dim_customer c USING (customer_key) WHERE o.order_date NOT BETWEEN c.valid_from AND c.valid_to OR c.customer_id <> o.customer_id',
      ),
    ).toBe(0);
    prod.close();
    wh.close();
  });

  it('counts one purchase event per order on the same Korean day', () => {
    const wh = open(main, 'hanbit-warehouse');
    const mismatched = scalar(
      wh,
      `SELECT count(*) FROM (SELECT order_date AS d, count(*) AS n FROM fact_orders GROUP BY 1) o
         FULL OUTER JOIN (SELECT event_date AS d, sum(events) AS n FROM fact_events_daily WHERE event_name = 'purchase' GROUP BY 1) e USING (d)
        WHERE o.n IS NOT e.n`,
    );
    expect(mismatched).toBe(0);
    expect(scalar(wh, 'SELECT count(*) FROM marketing_spend')).toBe(549 * 5);
    expect(scalar(wh, "SELECT count(*) FROM etl_rejects WHERE reason = 'duplicate_event'")).toBe(
      main.build.manifest.plantedProblems.find((p) => p.id === 'lake-duplicate-events')?.count,
    );
    expect(scalar(wh, "SELECT count(*) FROM etl_rejects WHERE reason = 'orphan_order_item'")).toBe(
      main.build.manifest.plantedProblems.find((p) => p.id === 'prod-orphan-order-items')?.count,
    );
    wh.close();
  });

  it('leaves the empty warehouse with the same tables and no rows', () => {
    const empty = open(main, 'hanbit-warehouse-empty');
    const full = main.build.databases.find((d) => d.id === 'hanbit-warehouse')?.bytes ?? new Uint8Array();
    expect(readSchema(SQL, main.build.databases.find((d) => d.id === 'hanbit-warehouse-empty')?.bytes ?? new Uint8Array())).toEqual(
      readSchema(SQL, full),
    );
    for (const [name] of rows(empty, "SELECT name FROM sqlite_schema WHERE type = 'table'"))
      expect(scalar(empty, `SELECT count(*) FROM "${String(name)}"`)).toBe(0);
    empty.close();
  });
});

describe('experiments', () => {
  for (const which of ['main', 'variant'] as const) {
    it(`recovers the checkout button's true effect within sampling error, without SRM (${which})`, () => {
      const b = which === 'main' ? main : variant;
      const db = open(b, 'hanbit-experiments');
      const arm = (v: string): [number, number] => {
        const r =
          rows(
            db,
            `SELECT count(*), sum(converted) FROM assignments JOIN outcomes USING (experiment_id, unit_id) WHERE experiment_id = '${CHECKOUT_EXPERIMENT.id}' AND variant = '${v}'`,
          )[0] ?? [];
        return [Number(r[0]), Number(r[1])];
      };
      const [nc, xc] = arm('control');
      const [nt, xt] = arm('treatment');
      const pc = xc / nc;
      const pt = xt / nt;
      const se = Math.sqrt((pc * (1 - pc)) / nc + (pt * (1 - pt)) / nt);
      const truth = b.build.manifest.experiments.find((e) => e.id === CHECKOUT_EXPERIMENT.id)?.trueEffect;
      expect(truth?.absoluteLift).toBeCloseTo(CHECKOUT_EXPERIMENT.treatment - CHECKOUT_EXPERIMENT.control, 6);
      expect(Math.abs(pt - pc - (truth?.absoluteLift ?? 0))).toBeLessThan(3 * se);
      expect(Math.abs(pc - (truth?.control ?? 0))).toBeLessThan(3 * Math.sqrt((pc * (1 - pc)) / nc));
      // The effect is real: significant at 5% in the shipped data.
      if (which === 'main') expect((pt - pc) / se).toBeGreaterThan(1.96);
      const n = nc + nt;
      const chi = ((nc - n / 2) ** 2 + (nt - n / 2) ** 2) / (n / 2);
      expect(chi).toBeLessThan(10.83);
      db.close();
    });

    it(`shows the reco widget's sample-ratio mismatch and its cause (${which})`, () => {
      const b = which === 'main' ? main : variant;
      const db = open(b, 'hanbit-experiments');
      const chiOf = (where: string): number => {
        const r =
          rows(
            db,
            `SELECT sum(variant = 'control'), sum(variant = 'treatment') FROM assignments WHERE experiment_id = '${RECO_EXPERIMENT.id}' AND ${where}`,
          )[0] ?? [];
        const [c, t] = [Number(r[0]), Number(r[1])];
        const e = (c + t) / 2;
        return ((c - e) ** 2 + (t - e) ** 2) / e;
      };
      expect(chiOf('1')).toBeGreaterThan(10.83);
      // Outside Android 3.1.x the split is fine: that is the bug to find.
      expect(chiOf("NOT (platform = 'android' AND app_version LIKE '3.1.%')")).toBeLessThan(10.83);
      expect(
        scalar(
          db,
          `SELECT count(*) FROM assignments WHERE experiment_id = '${RECO_EXPERIMENT.id}' AND platform = 'android' AND app_version LIKE '3.1.%' AND variant = 'treatment'`,
        ),
      ).toBe(0);
      expect(b.build.manifest.experiments.find((e) => e.id === RECO_EXPERIMENT.id)?.srm?.chiSquare).toBeGreaterThan(10.83);
      db.close();
    });
  }
});
