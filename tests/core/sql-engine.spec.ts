import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import initSqlJs from 'sql.js';
import type { SqlJsStatic } from 'sql.js';
import { SqlEngine } from '../../core/sql/engine.ts';
import type { ExecResult, SqlErrorInfo } from '../../core/sql/protocol.ts';

let SQL: SqlJsStatic;
let bundledBytes: Uint8Array;

beforeAll(async () => {
  SQL = await initSqlJs();
  const db = new SQL.Database();
  db.run(`
    CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, city VARCHAR(20));
    INSERT INTO customers VALUES (1, '김민준', '서울'), (2, 'Lee, "Jay"', 'Busan'), (3, 'Park', NULL);
    CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER, amount REAL);
    INSERT INTO orders VALUES (10, 1, 12.5), (11, 1, 3.0), (12, 2, 7.25);
    CREATE VIEW big_orders AS SELECT * FROM orders WHERE amount > 5;
  `);
  bundledBytes = db.export();
  db.close();
});

let engine: SqlEngine;
beforeEach(() => {
  engine = new SqlEngine(SQL);
  engine.open(bundledBytes);
});

function run(sql: string, maxRows = 1000): ExecResult {
  return engine.exec(sql, maxRows);
}

function errorOf(sql: string): SqlErrorInfo {
  const { error } = run(sql);
  expect(error).not.toBeNull();
  return error as SqlErrorInfo;
}

/** The characters the error marks in the submitted text. */
function marked(sql: string, error: SqlErrorInfo): string {
  return sql.slice(error.offset, error.offset + error.length);
}

describe('SqlEngine.exec results', () => {
  it('returns columns, declared types and rows', () => {
    const { results, error } = run('SELECT id, name, id + 1 AS next, count(*) OVER () AS n FROM customers ORDER BY id');
    expect(error).toBeNull();
    const [set] = results;
    expect(set?.columns).toEqual([
      { name: 'id', declType: 'INTEGER' },
      { name: 'name', declType: 'TEXT' },
      { name: 'next', declType: null },
      { name: 'n', declType: null },
    ]);
    expect(set?.rows[0]).toEqual([1, '김민준', 2, 3]);
    expect(set?.rowCount).toBe(3);
    expect(set?.truncated).toBe(false);
  });

  it('caps rows at maxRows but counts all 100,000 rows', () => {
    const { results } = run('WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r WHERE x < 100000) SELECT x FROM r', 1000);
    expect(results[0]?.rows).toHaveLength(1000);
    expect(results[0]?.rows[999]).toEqual([1000]);
    expect(results[0]?.rowCount).toBe(100000);
    expect(results[0]?.truncated).toBe(true);
  });

  it('runs many statements and reports changes per statement', () => {
    const { results, error } = run("CREATE TABLE notes (t TEXT);\nINSERT INTO notes VALUES ('a'), ('b');\nSELECT count(*) FROM notes;");
    expect(error).toBeNull();
    expect(results.map((r) => r.statementIndex)).toEqual([0, 1, 2]);
    expect(results.map((r) => r.changes)).toEqual([0, 2, 0]);
    expect(results[1]?.sql).toBe("INSERT INTO notes VALUES ('a'), ('b');");
    expect(results[2]?.rows).toEqual([[2]]);
  });

  it('does not leave the declared-type probe behind', () => {
    run('SELECT * FROM customers');
    expect(run('SELECT count(*) FROM temp.sqlite_master').results[0]?.rows).toEqual([[0]]);
    expect(engine.schema().map((o) => o.name)).toEqual(['big_orders', 'customers', 'orders']);
  });
});

describe('SqlEngine error positions', () => {
  it('points at the error in the 2nd of 3 statements, after Korean comments and CRLF', () => {
    const sql = '-- 고객 목록을 봅니다\r\nSELECT name FROM customers;\r\n/* 두 번째: 오타 */\r\nSELECT nmae FROM customers;\r\nSELECT 3;';
    const { results, error } = run(sql);
    expect(results).toHaveLength(1);
    expect(error).toMatchObject({ message: 'no such column: nmae', statementIndex: 1, line: 4, column: 8, length: 4 });
    expect(marked(sql, error as SqlErrorInfo)).toBe('nmae');
  });

  it('finds the failing token of a syntax error, not an earlier valid one', () => {
    const sql = 'SELECT 1;\nSELECT id FROM customers\nORDER BY id BY name;';
    const error = errorOf(sql);
    expect(error.message).toBe('near "BY": syntax error');
    expect(error).toMatchObject({ statementIndex: 1, line: 3, column: 13 });
    expect(error.offset).toBe(sql.lastIndexOf('BY'));
  });

  it('marks a qualified column and an unknown table', () => {
    const sql = 'SELECT c.id, c.nope FROM customers c';
    expect(marked(sql, errorOf(sql))).toBe('c.nope');
    const sql2 = 'SELECT * FROM 고객';
    const error = errorOf(sql2);
    expect(error.message).toBe('no such table: 고객');
    expect(marked(sql2, error)).toBe('고객');
  });

  it('points at the end of an incomplete statement', () => {
    const sql = 'SELECT * FROM customers WHERE   ';
    const error = errorOf(sql);
    expect(error.message).toBe('incomplete input');
    expect(error.offset).toBe(sql.trimEnd().length);
  });

  it('marks the whole statement for a runtime error', () => {
    const sql = "SELECT 1;\n  INSERT INTO customers (id, name) VALUES (1, 'dup');";
    const error = errorOf(sql);
    expect(error.message).toMatch(/UNIQUE constraint failed/);
    expect(error).toMatchObject({ line: 2, column: 3, statementIndex: 1 });
    expect(marked(sql, error)).toBe("INSERT INTO customers (id, name) VALUES (1, 'dup')");
  });
});

describe('SqlEngine refuses hostile statements', () => {
  it('refuses ATTACH before running it, and ignores the word in comments and strings', () => {
    const sql = "SELECT 'ATTACH' AS word; -- ATTACH 'x.db'\nATTACH DATABASE 'other.db' AS other;";
    const { results, error } = run(sql);
    expect(results).toHaveLength(1);
    expect(error?.message).toMatch(/ATTACH is not allowed/);
    // The UI shows it in the learner's language from this code.
    expect(error?.guidance).toEqual({ code: 'attach-refused', params: { keyword: 'ATTACH' } });
    expect(marked(sql, error as SqlErrorInfo)).toBe('ATTACH');
    expect(run('PRAGMA database_list').results[0]?.rows.map((r) => r[1])).not.toContain('other');
  });

  it('refuses dropping or altering a bundled table, allows dropping the learner’s own', () => {
    const drop = errorOf('DROP TABLE IF EXISTS main.customers');
    expect(drop.message).toMatch(/customers is part of the bundled dataset.*Reset.*CREATE TABLE my_customers AS SELECT/);
    expect(drop.guidance).toEqual({ code: 'bundled-drop', params: { name: 'customers' } });
    expect(errorOf('DROP VIEW big_orders').message).toMatch(/bundled dataset/);
    expect(errorOf('ALTER TABLE orders ADD COLUMN x').message).toMatch(/bundled dataset/);
    expect(run('SELECT count(*) FROM customers').results[0]?.rows).toEqual([[3]]);
    const own = run('CREATE TABLE my_customers AS SELECT * FROM customers; DROP TABLE my_customers;');
    expect(own.error).toBeNull();
  });

  it('refuses VACUUM INTO and engine pragma writes, allows read pragmas and harmless settings', () => {
    expect(errorOf("VACUUM INTO '/tmp/copy.db'").message).toMatch(/VACUUM INTO/);
    expect(errorOf('PRAGMA writable_schema = 1').message).toMatch(/PRAGMA writable_schema cannot be changed/);
    expect(errorOf('PRAGMA main.max_page_count(10)').message).toMatch(/max_page_count/);
    const ok = run('PRAGMA table_info(customers); PRAGMA foreign_keys = ON; PRAGMA page_size;');
    expect(ok.error).toBeNull();
    expect(ok.results[0]?.rowCount).toBe(3);
  });

  it('sets the safety limits on open', () => {
    const pages = run('PRAGMA max_page_count; PRAGMA temp_store; PRAGMA hard_heap_limit').results.map((r) => r.rows[0]?.[0]);
    expect(Number(pages[0])).toBeGreaterThan(1000);
    expect(Number(pages[0])).toBeLessThan(2 ** 32 - 2);
    expect(pages[1]).toBe(1); // FILE, set explicitly: see ENGINE_PRAGMAS
    expect(pages[2]).toBe(1024 * 1024 * 1024);
  });
});

describe('SqlEngine.wrote and snapshots', () => {
  it('reports writes, and not read-only batches', () => {
    expect(run('SELECT * FROM customers').wrote).toBe(false);
    expect(run('INSERT INTO orders VALUES (13, 3, 1.0)').wrote).toBe(true);
    engine.snapshot();
    expect(run('SELECT * FROM orders').wrote).toBe(false);
    expect(run('CREATE VIEW v AS SELECT 1').wrote).toBe(true);
    engine.snapshot();
    expect(run('UPDATE orders SET amount = amount WHERE 0').wrote).toBe(false);
  });

  it('keeps reporting a write made in an open transaction until a snapshot succeeds', () => {
    expect(run('BEGIN; INSERT INTO orders VALUES (20, 1, 2.0);').wrote).toBe(true);
    expect(() => engine.snapshot()).toThrow(/transaction/);
    expect(run('COMMIT').wrote).toBe(true);
    engine.snapshot();
    expect(run('SELECT 1').wrote).toBe(false);
  });

  it('round-trips learner tables and keeps the connection and its temp objects', () => {
    run(
      "CREATE TABLE mine AS SELECT name FROM customers WHERE city = '서울'; CREATE TEMP TABLE scratch (x); INSERT INTO scratch VALUES (42);",
    );
    const bytes = engine.snapshot();
    expect(run('SELECT x FROM scratch').results[0]?.rows).toEqual([[42]]);
    expect(run("INSERT INTO mine VALUES ('after')").error).toBeNull();

    const other = new SqlEngine(SQL);
    other.open(bytes, ['customers', 'orders', 'big_orders']);
    expect(other.exec('SELECT name FROM mine', 10).results[0]?.rows).toEqual([['김민준']]);
    const schema = other.schema();
    expect(schema.find((o) => o.name === 'mine')).toMatchObject({ bundled: false, rowCount: 1, type: 'table' });
    expect(schema.find((o) => o.name === 'customers')).toMatchObject({ bundled: true, rowCount: 3 });
    expect(other.exec('DROP TABLE mine', 10).error).toBeNull();
    expect(other.exec('DROP TABLE customers', 10).error?.message).toMatch(/bundled/);
  });
});

describe('SqlEngine.schema', () => {
  it('lists tables and views with columns, flags and row counts', () => {
    run('CREATE TABLE mine (k INTEGER PRIMARY KEY, v TEXT NOT NULL)');
    const schema = engine.schema();
    expect(schema.find((o) => o.name === 'customers')).toEqual({
      name: 'customers',
      type: 'table',
      bundled: true,
      rowCount: 3,
      columns: [
        { name: 'id', type: 'INTEGER', notNull: false, primaryKey: true },
        { name: 'name', type: 'TEXT', notNull: true, primaryKey: false },
        { name: 'city', type: 'VARCHAR(20)', notNull: false, primaryKey: false },
      ],
    });
    expect(schema.find((o) => o.name === 'big_orders')).toMatchObject({ type: 'view', rowCount: null, bundled: true });
    expect(schema.find((o) => o.name === 'mine')).toMatchObject({ bundled: false, rowCount: 0 });
  });
});

describe('SqlEngine.exportCsv', () => {
  it('writes RFC 4180 CSV with a BOM, CRLF, quoting, NULL as empty and SQLite numbers', () => {
    const csv = engine.exportCsv(
      "SELECT c.id, c.name, c.city, o.amount, x'00FF' AS raw, 1.0 AS one, 1e20 AS big, 9007199254740993 AS exact, 'two\nlines' AS note " +
        'FROM customers c LEFT JOIN orders o ON o.customer_id = c.id ORDER BY c.id DESC, o.id LIMIT 3',
    );
    expect(csv).toBe(
      '\uFEFFid,name,city,amount,raw,one,big,exact,note\r\n' +
        '3,Park,,,00FF,1.0,1.0e+20,9007199254740993,"two\nlines"\r\n' +
        '2,"Lee, ""Jay""",Busan,7.25,00FF,1.0,1.0e+20,9007199254740993,"two\nlines"\r\n' +
        '1,김민준,서울,12.5,00FF,1.0,1.0e+20,9007199254740993,"two\nlines"\r\n',
    );
    // UTF-8 with the BOM's bytes first, so Excel reads Hangul correctly.
    expect([...new TextEncoder().encode(csv).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('refuses more than one statement and hostile ones', () => {
    expect(() => engine.exportCsv('SELECT 1; SELECT 2')).toThrow(/one statement/);
    expect(() => engine.exportCsv("ATTACH 'x' AS y")).toThrow(/ATTACH/);
    expect(engine.exportCsv('SELECT 1;')).toBe('\uFEFF1\r\n1\r\n');
  });
});
