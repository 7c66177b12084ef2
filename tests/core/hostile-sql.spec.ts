import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import initSqlJs from 'sql.js';
import type { SqlJsStatic } from 'sql.js';
import { SqlEngine } from '../../core/sql/engine.ts';
import type { ExecResult } from '../../core/sql/protocol.ts';
import { QueryCancelledError, SqlClient, type DatabaseSource } from '../../renderer/sql/sql-client.ts';
import { createNodeSqlWorker } from '../../scripts/lib/node-sql-worker.ts';

/**
 * Hostile SQL, through the engine and through the app's own client (real workers). A statement
 * the app refuses must never take effect, and whatever a learner types, their own table and the
 * bundled tables survive it, a cancel and a restore.
 */

let SQL: SqlJsStatic;
let bundledBytes: Uint8Array;

const BUNDLED_SETUP = `
  CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
  INSERT INTO customers VALUES (1, '김민준'), (2, 'Lee');
  CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER, amount REAL);
  INSERT INTO orders VALUES (10, 1, 12.5), (11, 2, 3.0);
  CREATE VIEW big_orders AS SELECT * FROM orders WHERE amount > 5;
`;
const LEARNER_SETUP = "CREATE TABLE mine (id INTEGER PRIMARY KEY, note TEXT); INSERT INTO mine VALUES (1, '내 메모'), (2, 'b'), (3, 'c');";

beforeAll(async () => {
  SQL = await initSqlJs();
  const db = new SQL.Database();
  db.run(BUNDLED_SETUP);
  bundledBytes = db.export();
  db.close();
});

// ---------------------------------------------------------------------------------------------
// The pragma sweep: every pragma the guard refuses leaves `PRAGMA <name>` unchanged, whatever
// the form of the statement (trailing syntax error, schema prefix, EXPLAIN, after a comment, ...).
// ---------------------------------------------------------------------------------------------

/** A value different from the current one, chosen so SQLite would really apply it. */
function otherValue(name: string, current: unknown): string {
  const special: Record<string, string> = {
    journal_mode: 'OFF',
    locking_mode: 'EXCLUSIVE',
    encoding: "'UTF-16le'",
    temp_store: 'MEMORY',
    hard_heap_limit: '100000',
    soft_heap_limit: '100000',
    cache_size: '7',
    mmap_size: '4096',
    page_size: '512',
    max_page_count: '3',
    synchronous: 'OFF',
    secure_delete: 'ON',
    threads: '2',
  };
  if (special[name]) return special[name] as string;
  if (typeof current === 'number') return current === 0 ? '1' : current === 1 ? '0' : String(current + 3);
  return '1';
}

function read(engine: SqlEngine, name: string): unknown {
  const { results, error } = engine.exec(`PRAGMA ${name}`, 100);
  return error ? `error: ${error.message}` : JSON.stringify(results.map((r) => r.rows));
}

function forms(name: string, value: string): string[] {
  return [
    `PRAGMA ${name} = ${value}`,
    `PRAGMA ${name} = ${value} x;`,
    `PRAGMA ${name}(${value}) garbage garbage`,
    `PRAGMA main.${name} = ${value}`,
    `PRAGMA ${name} == ${value}`,
    `PRAGMA "${name}" = ${value}`,
    `EXPLAIN PRAGMA ${name} = ${value}`,
    `/* 주석 */ -- comment\n\tPRAGMA ${name}=${value};`,
    `SELECT 1; PRAGMA ${name} = ${value}; SELECT 2`,
    // SQLite ends this at the first `;`, the app's tokenizer could read on to END: the temp table goes again after.
    `CREATE TEMP TABLE trigger(begin); PRAGMA ${name} = ${value}; END;`,
    'DROP TABLE IF EXISTS temp."trigger"',
  ];
}

describe('the pragma sweep', () => {
  const DANGEROUS = [
    'writable_schema',
    'query_only',
    'hard_heap_limit',
    'soft_heap_limit',
    'cache_size',
    'temp_store',
    'trusted_schema',
    'locking_mode',
    'journal_mode',
    'max_page_count',
    'page_size',
    'mmap_size',
    'schema_version',
    'user_version',
    'ignore_check_constraints',
    'legacy_alter_table',
    'cell_size_check',
  ];

  it('refuses every engine pragma write and none of them takes effect', () => {
    const names = new SqlEngine(SQL);
    names.open(bundledBytes);
    const all = (names.exec('SELECT name FROM pragma_pragma_list ORDER BY name', 1000).results[0]?.rows ?? []).map((r) => String(r[0]));
    names.close();
    expect(all.length).toBeGreaterThan(40);
    expect(all).toEqual(expect.arrayContaining(DANGEROUS));

    const refused: string[] = [];
    const tookEffect: string[] = [];
    for (const name of all) {
      const engine = new SqlEngine(SQL);
      engine.open(bundledBytes);
      engine.exec(LEARNER_SETUP, 10);
      const before = read(engine, name);
      const value = otherValue(name, JSON.parse(String(before).startsWith('error') ? 'null' : String(before))?.[0]?.[0]?.[0]);
      let wasRefused = false;
      for (const sql of forms(name, value)) {
        const result = engine.exec(sql, 10);
        if (result.error?.guidance?.code === 'pragma-refused') wasRefused = true;
        // A refused statement stops the batch: nothing after it ran.
        if (result.error?.guidance?.code === 'pragma-refused') expect(result.results.some((r) => r.sql.includes('SELECT 2'))).toBe(false);
      }
      if (wasRefused) {
        refused.push(name);
        if (read(engine, name) !== before) tookEffect.push(name);
      }
      expect(engine.exec('SELECT count(*) FROM mine', 10).results[0]?.rows, name).toEqual([[3]]);
      engine.close();
    }
    expect(refused).toEqual(expect.arrayContaining(DANGEROUS));
    expect(tookEffect).toEqual([]);
  });

  it('cannot unlock sqlite_master: DELETE and UPDATE of the schema stay errors', () => {
    const engine = new SqlEngine(SQL);
    engine.open(bundledBytes);
    engine.exec(LEARNER_SETUP, 10);
    expect(engine.exec('PRAGMA writable_schema = 1 x;', 10).error?.guidance?.code).toBe('pragma-refused');
    expect(engine.exec('DELETE FROM sqlite_master', 10).error?.message).toMatch(/may not be modified/);
    expect(engine.exec("UPDATE sqlite_master SET sql = 'garbage' WHERE name = 'mine'", 10).error?.message).toMatch(/may not be modified/);
    const reopened = new SqlEngine(SQL);
    reopened.open(engine.snapshot(), ['customers', 'orders', 'big_orders']);
    expect(reopened.exec('SELECT count(*) FROM mine', 10).results[0]?.rows).toEqual([[3]]);
  });

  it('keeps working after a refused hard_heap_limit', () => {
    const engine = new SqlEngine(SQL);
    engine.open(bundledBytes);
    expect(engine.exec('PRAGMA hard_heap_limit = 100000', 10).error?.guidance?.code).toBe('pragma-refused');
    const big = engine.exec(
      'WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r WHERE x < 20000) SELECT group_concat(x) FROM r',
      10,
    );
    expect(big.error).toBeNull();
    expect(String(big.results[0]?.rows[0]?.[0]).length).toBeGreaterThan(100000);
  });

  it('never prepares refused text to locate an error in it', () => {
    const engine = new SqlEngine(SQL);
    engine.open(bundledBytes);
    const result = engine.exec('PRAGMA query_only = 1 x x;', 10);
    expect(result.error).toMatchObject({ guidance: { code: 'pragma-refused' }, line: 1, column: 1 });
    expect(read(engine, 'query_only')).toBe('[[[0]]]');
    expect(engine.exec('CREATE TABLE still_writable (x)', 10).error).toBeNull();
  });

  it('keeps EXPLAIN QUERY PLAN of a query allowed', () => {
    const engine = new SqlEngine(SQL);
    engine.open(bundledBytes);
    const plan = engine.exec('EXPLAIN QUERY PLAN SELECT * FROM orders WHERE customer_id = 1', 10);
    expect(plan.error).toBeNull();
    expect(plan.results[0]?.columns.map((c) => c.name)).toContain('detail');
  });
});

// ---------------------------------------------------------------------------------------------
// The hostile-SQL list, run through the app's own client on real workers. It grows with every
// bypass found: each entry ends cancelled, refused or answered, and the learner's table is kept.
// ---------------------------------------------------------------------------------------------

type Ending = 'refused' | 'answered' | 'cancelled';

interface HostileEntry {
  why: string;
  sql: string;
  ends: Ending;
}

const RUNAWAY = 'WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM r) SELECT count(*) FROM r';

/** Every bypass found so far. Add, never remove. */
const HOSTILE: HostileEntry[] = [
  { why: 'audit: writable_schema then wipe the schema', sql: 'PRAGMA writable_schema = 1; DELETE FROM sqlite_master;', ends: 'refused' },
  {
    why: 'audit: applied at prepare even with a trailing syntax error',
    sql: 'PRAGMA writable_schema = 1 x;\nDELETE FROM sqlite_master',
    ends: 'refused',
  },
  {
    why: 'audit: garbage schema makes the snapshot unopenable',
    sql: "PRAGMA writable_schema=ON;\nUPDATE sqlite_master SET sql='garbage' WHERE name='mine';",
    ends: 'refused',
  },
  { why: 'audit: a tiny heap limit breaks every later query', sql: 'PRAGMA hard_heap_limit = 100000', ends: 'refused' },
  { why: 'audit: query_only locks the learner out of writing', sql: 'PRAGMA query_only = 1 garbage', ends: 'refused' },
  { why: 'audit: EXPLAIN does not hide a pragma', sql: 'EXPLAIN PRAGMA writable_schema = 1', ends: 'refused' },
  { why: 'audit: pragma behind a good statement', sql: 'SELECT 1; PRAGMA main.locking_mode = EXCLUSIVE x; SELECT 2', ends: 'refused' },
  { why: 'audit: pragma in call form', sql: 'PRAGMA temp_store(2) nonsense', ends: 'refused' },
  {
    why: 'audit: a temp trigger named like a bundled table is not a temp table',
    sql: 'CREATE TEMP TABLE tx(a); CREATE TEMP TRIGGER customers AFTER INSERT ON tx BEGIN SELECT 1; END; DROP TABLE customers;',
    ends: 'refused',
  },
  {
    why: 'audit: a temp index named like a bundled table is not a temp table',
    sql: 'CREATE TEMP TABLE ty(a); CREATE INDEX temp.orders ON ty(a); ALTER TABLE orders RENAME TO gone;',
    ends: 'refused',
  },
  {
    why: 'a temp index named like a bundled view',
    sql: 'CREATE TEMP TABLE tz(a); CREATE INDEX temp.big_orders ON tz(a); DROP VIEW big_orders;',
    ends: 'refused',
  },
  {
    why: 'where the tokenizer and SQLite could disagree about a trigger body',
    sql: 'CREATE TABLE trigger(begin); PRAGMA writable_schema = 1; END; DELETE FROM sqlite_master;',
    ends: 'refused',
  },
  { why: 'drop a bundled table by quoted, bracketed and qualified names', sql: 'DROP TABLE "CUSTOMERS"', ends: 'refused' },
  { why: 'bracketed name', sql: 'DROP TABLE IF EXISTS [customers]', ends: 'refused' },
  { why: 'schema-qualified with spaces', sql: 'ALTER TABLE main . customers RENAME TO c2', ends: 'refused' },
  { why: 'attach another file', sql: "ATTACH 'file:other?mode=memory' AS other", ends: 'refused' },
  { why: 'copy the database out', sql: "VACUUM INTO '/tmp/datalit-copy.db'", ends: 'refused' },
  { why: 'pragma table functions with an argument', sql: 'SELECT * FROM pragma_writable_schema(1)', ends: 'answered' },
  { why: 'the schema table without writable_schema', sql: 'DELETE FROM sqlite_master', ends: 'answered' },
  { why: 'no extension loading', sql: "SELECT load_extension('/tmp/x.so')", ends: 'answered' },
  { why: 'a NUL hides the rest from SQLite', sql: 'SELECT 1 \u0000; PRAGMA writable_schema = 1', ends: 'refused' },
  { why: 'a vertical tab is no space to SQLite', sql: '\u000bPRAGMA writable_schema = 1', ends: 'answered' },
  { why: 'SQLite reads == as =', sql: 'PRAGMA writable_schema == 1; DELETE FROM sqlite_master', ends: 'refused' },
  { why: 'runaway recursion', sql: RUNAWAY, ends: 'cancelled' },
  { why: 'runaway after a refused pragma', sql: `SELECT 1; ${RUNAWAY}`, ends: 'cancelled' },
];

describe('the hostile-SQL list through the app’s client', () => {
  let source: DatabaseSource;
  let client: SqlClient;
  const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
  const rows = async (sql: string): Promise<unknown> => {
    const result: ExecResult = await client.exec(sql, { maxRows: 100 });
    return result.error ? `error: ${result.error.message}` : result.results.at(-1)?.rows;
  };

  beforeAll(async () => {
    source = { id: 'shop', url: `data:application/vnd.sqlite3;base64,${Buffer.from(bundledBytes).toString('base64')}` };
    client = new SqlClient({ createWorker: createNodeSqlWorker });
    await client.open(source);
    expect((await client.exec(LEARNER_SETUP, { maxRows: 1 })).error).toBeNull();
  });
  afterAll(() => client.dispose());

  it.each(HOSTILE)('$why: ends $ends, tables kept after a restore', async ({ sql, ends }) => {
    const pending = client.exec(sql, { maxRows: 100 }).then(
      (r) => r,
      (e: unknown) => e,
    );
    if (ends === 'cancelled') {
      await sleep(150);
      await client.cancel();
      expect(await pending).toBeInstanceOf(QueryCancelledError);
    } else {
      const result = (await pending) as ExecResult;
      expect(result).toHaveProperty('results');
      if (ends === 'refused') expect(result.error?.guidance?.code, JSON.stringify(result.error)).toBeDefined();
      else expect(result.error?.guidance).toBeUndefined();
    }
    // Force a restore from the last snapshot, the path that lost tables in the audit.
    const runaway = client.exec(RUNAWAY, { maxRows: 1 }).catch((e: unknown) => e);
    await sleep(60);
    await client.cancel();
    expect(await runaway).toBeInstanceOf(QueryCancelledError);

    expect(await rows('SELECT id, note FROM mine ORDER BY id')).toEqual([
      [1, '내 메모'],
      [2, 'b'],
      [3, 'c'],
    ]);
    expect(await rows('SELECT count(*) FROM customers')).toEqual([[2]]);
    expect(await rows('SELECT count(*) FROM big_orders')).toEqual([[1]]);
    expect(await rows('PRAGMA writable_schema; PRAGMA query_only')).toEqual([[0]]);
    expect(await rows('PRAGMA query_only')).toEqual([[0]]);
    expect(await rows("SELECT count(*) FROM sqlite_master WHERE name IN ('customers', 'orders', 'big_orders', 'mine')")).toEqual([[4]]);
  });
});
