import { createHash } from 'node:crypto';
import initSqlJs from 'sql.js';
import type { Database, SqlJsStatic, SqlValue } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCatalog, type Catalog } from '../../core/datasets/catalog.ts';
import { buildDatasets } from '../../datasets/build.ts';
import { DEMO_TABLES } from '../../datasets/demo/dictionary.ts';
import { DEMO_SEED, generateDemo } from '../../datasets/demo/generate.ts';
import { findDictionaryProblems, readSchema } from '../../datasets/dictionary-check.ts';
import { createRandom } from '../../datasets/generator/random.ts';

let SQL: SqlJsStatic;
let demo: Uint8Array;
let db: Database;

const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** All rows of a query. */
function rows(database: Database, sql: string): SqlValue[][] {
  return database.exec(sql)[0]?.values ?? [];
}

/** The single value of a query. */
function scalar(sql: string): SqlValue {
  const value = rows(db, sql)[0]?.[0];
  if (value === undefined) throw new Error(`no value for: ${sql}`);
  return value;
}

/** Table name -> column names, straight from the file. */
function tablesOf(database: Database): Map<string, string[]> {
  const names = rows(database, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
  return new Map(names.map(([name]) => [String(name), rows(database, `PRAGMA table_info(${String(name)})`).map((r) => String(r[1]))]));
}

beforeAll(async () => {
  SQL = await initSqlJs();
  demo = generateDemo(SQL, DEMO_SEED);
  db = new SQL.Database(demo);
});

describe('random', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const c = createRandom(43);
    const seqA = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(seqA);
    for (const x of seqA) expect(x >= 0 && x < 1).toBe(true);
  });
});

describe('demo database', () => {
  it('is deterministic: the same seed gives byte-identical files', () => {
    const again = generateDemo(SQL, DEMO_SEED);
    expect(again.byteLength).toBe(demo.byteLength);
    expect(sha(again)).toBe(sha(demo));
  });

  it('gives a different file with the same tables for another seed', () => {
    const other = generateDemo(SQL, DEMO_SEED + 1);
    expect(sha(other)).not.toBe(sha(demo));
    const otherDb = new SQL.Database(other);
    try {
      expect([...tablesOf(otherDb)]).toEqual([...tablesOf(db)]);
    } finally {
      otherDb.close();
    }
  });

  it('is small', () => {
    generateDemo(SQL, 7);
    expect(demo.byteLength).toBeLessThan(2 * 1024 * 1024);
  });

  it('has the expected tables and row counts', () => {
    expect([...tablesOf(db).keys()]).toEqual(['categories', 'customers', 'order_items', 'orders', 'payments', 'products', 'refunds']);
    expect(scalar('SELECT count(*) FROM categories')).toBe(8);
    expect(scalar('SELECT count(*) FROM customers')).toBe(300);
    expect(scalar('SELECT count(*) FROM products')).toBe(120);
    expect(scalar('SELECT count(*) FROM orders')).toBe(3000);
    const items = Number(scalar('SELECT count(*) FROM order_items'));
    expect(items).toBeGreaterThanOrEqual(6000);
    expect(items).toBeLessThanOrEqual(8000);
    const payments = Number(scalar('SELECT count(*) FROM payments'));
    expect(payments).toBeGreaterThan(2700);
    expect(payments).toBeLessThan(3000);
    const refunds = Number(scalar('SELECT count(*) FROM refunds'));
    expect(refunds).toBeGreaterThan(20);
    expect(refunds).toBeLessThan(200);
  });

  it('covers six months of 2025 and has the documented quirks', () => {
    expect(scalar('SELECT min(order_date) FROM orders')).toBe('2025-01-01');
    expect(scalar('SELECT max(order_date) FROM orders')).toBe('2025-06-30');
    expect(scalar('SELECT count(DISTINCT substr(order_date, 1, 7)) FROM orders')).toBe(6);
    expect(rows(db, 'SELECT DISTINCT status FROM orders ORDER BY 1').flat()).toEqual(['cancelled', 'delivered', 'refunded', 'shipped']);
    const nullEmails = Number(scalar('SELECT count(*) FROM customers WHERE email IS NULL'));
    expect(nullEmails).toBeGreaterThan(0);
    expect(nullEmails).toBeLessThan(10);
    expect(Number(scalar("SELECT count(*) FROM orders WHERE status = 'refunded'"))).toBeGreaterThan(0);
    // Dates are all 'YYYY-MM-DD'.
    for (const [table, column] of [
      ['customers', 'signup_date'],
      ['orders', 'order_date'],
      ['payments', 'payment_date'],
      ['refunds', 'refund_date'],
    ] as const) {
      expect(scalar(`SELECT count(*) FROM ${table} WHERE ${column} IS NULL OR date(${column}) IS NOT ${column}`)).toBe(0);
    }
  });

  it('has consistent foreign keys and amounts', () => {
    expect(rows(db, 'PRAGMA foreign_key_check')).toEqual([]);
    expect(scalar('SELECT count(*) FROM order_items i LEFT JOIN orders o USING (order_id) WHERE o.order_id IS NULL')).toBe(0);
    expect(scalar('SELECT count(*) FROM order_items i LEFT JOIN products p USING (product_id) WHERE p.product_id IS NULL')).toBe(0);
    expect(scalar('SELECT count(*) FROM payments p LEFT JOIN orders o USING (order_id) WHERE o.order_id IS NULL')).toBe(0);
    expect(scalar('SELECT count(*) FROM refunds r LEFT JOIN orders o USING (order_id) WHERE o.order_id IS NULL')).toBe(0);
    expect(scalar('SELECT count(*) FROM orders o LEFT JOIN customers c USING (customer_id) WHERE c.customer_id IS NULL')).toBe(0);
    expect(scalar('SELECT count(*) FROM orders WHERE order_id NOT IN (SELECT order_id FROM order_items)')).toBe(0);
    // Orders come after sign-up; totals add up; payments match totals; cancelled orders are unpaid.
    expect(scalar('SELECT count(*) FROM orders o JOIN customers c USING (customer_id) WHERE o.order_date < c.signup_date')).toBe(0);
    expect(
      scalar(`SELECT count(*) FROM orders o
              WHERE o.total_amount <> o.shipping_fee + (SELECT sum(quantity * unit_price) FROM order_items i WHERE i.order_id = o.order_id)`),
    ).toBe(0);
    expect(scalar('SELECT count(*) FROM payments p JOIN orders o USING (order_id) WHERE p.amount <> o.total_amount')).toBe(0);
    expect(scalar("SELECT count(*) FROM payments p JOIN orders o USING (order_id) WHERE o.status = 'cancelled'")).toBe(0);
    expect(scalar("SELECT count(*) FROM orders WHERE status <> 'cancelled' AND order_id NOT IN (SELECT order_id FROM payments)")).toBe(0);
    expect(scalar("SELECT count(*) FROM orders WHERE status = 'refunded' AND order_id NOT IN (SELECT order_id FROM refunds)")).toBe(0);
    expect(scalar('SELECT count(*) FROM refunds r JOIN orders o USING (order_id) WHERE r.amount > o.total_amount')).toBe(0);
  });

  it('describes every table and column in Korean and English, and nothing else', () => {
    const described = new Map(DEMO_TABLES.map((t) => [t.name, t]));
    const actual = tablesOf(db);
    for (const [table, columns] of actual) {
      const entry = described.get(table);
      expect(entry, `table ${table} needs a description`).toBeDefined();
      expect(entry?.description.ko.trim(), `${table} (ko)`).toBeTruthy();
      expect(entry?.description.en.trim(), `${table} (en)`).toBeTruthy();
      for (const column of columns) {
        const col = entry?.columns.find((c) => c.name === column);
        expect(col, `column ${table}.${column} needs a description`).toBeDefined();
        expect(col?.description.ko.trim(), `${table}.${column} (ko)`).toBeTruthy();
        expect(col?.description.en.trim(), `${table}.${column} (en)`).toBeTruthy();
      }
    }
    for (const entry of DEMO_TABLES) {
      const columns = actual.get(entry.name);
      expect(columns, `the dictionary names table ${entry.name}, which does not exist`).toBeDefined();
      for (const col of entry.columns) {
        expect(columns, `the dictionary names ${entry.name}.${col.name}, which does not exist`).toContain(col.name);
      }
    }
    expect(findDictionaryProblems(readSchema(SQL, demo), DEMO_TABLES)).toEqual([]);
  });

  it('reports a column added without a description', () => {
    const changed = new SQL.Database(demo);
    try {
      changed.run('ALTER TABLE customers ADD COLUMN nickname TEXT');
      const problems = findDictionaryProblems(readSchema(SQL, changed.export()), DEMO_TABLES);
      expect(problems).toEqual(["column 'customers.nickname' has no description in the dictionary"]);
    } finally {
      changed.close();
    }
  });
});

describe('catalog', () => {
  let catalog: Catalog;

  beforeAll(() => {
    catalog = buildDatasets(SQL, ['demo']).catalog;
  });

  it('is built with size, hash and every table, and passes parseCatalog', () => {
    const result = parseCatalog(JSON.parse(JSON.stringify(catalog)));
    expect(result.ok).toBe(true);
    const entry = catalog.databases.find((d) => d.id === 'demo');
    expect(entry?.file).toBe('demo.sqlite');
    expect(entry?.sizeBytes).toBe(demo.byteLength);
    expect(entry?.sha256).toBe(sha(demo));
    expect(entry?.tables.map((t) => t.name).sort()).toEqual([...tablesOf(db).keys()]);
  });

  it('refuses a catalog missing a description, and says where', () => {
    const broken = JSON.parse(JSON.stringify(catalog)) as { databases: { tables: { columns: { description?: unknown }[] }[] }[] };
    const column = broken.databases[0]?.tables[0]?.columns[1];
    if (!column) throw new Error('catalog has no column to break');
    delete column.description;
    const result = parseCatalog(broken);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/databases\.0\.tables\.0\.columns\.1\.description/);
  });

  it('refuses empty descriptions, bad hashes, unsafe file names and other versions', () => {
    const base = (): Catalog => JSON.parse(JSON.stringify(catalog)) as Catalog;
    const emptyEn = base();
    const table = emptyEn.databases[0]?.tables[0];
    if (table) table.description.en = '  ';
    expect(parseCatalog(emptyEn)).toMatchObject({ ok: false, reason: expect.stringContaining('description.en') });
    const badHash = base();
    if (badHash.databases[0]) badHash.databases[0].sha256 = 'abc';
    expect(parseCatalog(badHash).ok).toBe(false);
    const escape = base();
    if (escape.databases[0]) escape.databases[0].file = '../secret.sqlite';
    expect(parseCatalog(escape).ok).toBe(false);
    expect(parseCatalog({ ...base(), formatVersion: 1 }).ok).toBe(false);
    expect(parseCatalog(null)).toMatchObject({ ok: false });
    expect(parseCatalog({ formatVersion: 2, teams: {}, databases: [] })).toMatchObject({ ok: true });
  });
});
