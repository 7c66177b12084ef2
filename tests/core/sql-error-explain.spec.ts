import { beforeAll, describe, expect, it } from 'vitest';
import initSqlJs from 'sql.js';
import { SqlEngine } from '../../core/sql/engine.ts';
import { closestNames, editDistance, explainSqlError, type SqlErrorExplanation } from '../../core/sql/error-explain.ts';
import type { SchemaObject } from '../../core/sql/protocol.ts';

let engine: SqlEngine;
let schema: SchemaObject[];

beforeAll(async () => {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.run(`
    CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, city TEXT, email TEXT UNIQUE);
    INSERT INTO customers VALUES (1, '김민준', '서울', 'mj@example.com'), (2, 'Lee', 'Busan', 'lee@example.com');
    CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER, amount REAL, status TEXT, ordered_at TEXT);
    INSERT INTO orders VALUES (10, 1, 12.5, 'paid', '2025-01-02'), (11, 2, 3.0, 'refunded', '2025-01-03');
    CREATE TABLE refunds (id INTEGER PRIMARY KEY, order_id INTEGER, refund_amount REAL);
  `);
  const bytes = db.export();
  db.close();
  engine = new SqlEngine(SQL);
  engine.open(bytes);
  schema = engine.schema();
});

/** Runs SQL through the real engine, which must fail, and explains the error as the UI does. */
function explain(sql: string): SqlErrorExplanation & { message: string } {
  const { error } = engine.exec(sql, 100);
  if (!error) throw new Error(`expected an error from: ${sql}`);
  return { ...explainSqlError(error, sql, schema), message: error.message };
}

describe('no such column / table', () => {
  it('suggests the column a typo meant (SELECT nmae FROM customers → name)', () => {
    const e = explain('SELECT nmae FROM customers');
    expect(e.message).toBe('no such column: nmae');
    expect(e.code).toBe('no-such-column');
    expect(e.suggestions[0]).toBe('name');
    expect(e.params).toMatchObject({ name: 'nmae', table: 'customers' });
  });

  it('looks only in the tables of the query, through their aliases', () => {
    const e = explain('SELECT c.name, o.amout FROM customers c JOIN orders o ON o.customer_id = c.id');
    expect(e.code).toBe('no-such-column');
    expect(e.suggestions).toEqual(['o.amount']);
  });

  it('suggests an ORDER BY alias defined in the same query', () => {
    const e = explain('SELECT name AS customer_name FROM customers ORDER BY custome_name');
    expect(e.suggestions).toContain('customer_name');
  });

  it('points at the table that has the column when the query does not use it', () => {
    const e = explain('SELECT name, amount FROM customers');
    expect(e.code).toBe('column-in-other-table');
    expect(e.params).toMatchObject({ name: 'amount', tables: 'orders' });
    expect(e.suggestions).toEqual(['orders.amount']);
  });

  it('names an unknown alias and the aliases that exist', () => {
    const e = explain('SELECT x.name FROM customers c');
    expect(e.code).toBe('unknown-qualifier');
    expect(e.params).toMatchObject({ qualifier: 'x', name: 'name', available: 'c' });
  });

  it('reads an unquoted Korean value as text missing its quotes', () => {
    const e = explain('SELECT name FROM customers WHERE city = 서울');
    expect(e.code).toBe('text-without-quotes');
    expect(e.suggestions).toEqual(["'서울'"]);
  });

  it('handles INSERT with a misspelled column', () => {
    const e = explain('INSERT INTO orders (amout) VALUES (1)');
    expect(e.code).toBe('no-such-column');
    expect(e.suggestions).toEqual(['amount']);
  });

  it('suggests the table a typo meant (customer → customers)', () => {
    const e = explain('SELECT name FROM customer');
    expect(e.code).toBe('no-such-table');
    expect(e.suggestions[0]).toBe('customers');
  });

  it('finds the failing statement in a script by the error offset', () => {
    const sql = 'SELECT id FROM orders;\nSELECT nmae FROM customers;';
    const e = explain(sql);
    expect(e.suggestions[0]).toBe('name');
  });
});

describe('ambiguous names and functions', () => {
  it('lists the qualified names an ambiguous column can take', () => {
    const e = explain('SELECT id FROM customers c JOIN orders o ON o.customer_id = c.id');
    expect(e.code).toBe('ambiguous-column');
    expect(e.params).toMatchObject({ name: 'id', tables: 'customers, orders' });
    expect(e.suggestions).toEqual(['c.id', 'o.id']);
  });

  it('suggests a built-in for a misspelled function', () => {
    const e = explain('SELECT cout(*) FROM orders');
    expect(e.code).toBe('no-such-function');
    expect(e.suggestions[0]).toBe('count()');
  });

  it("gives SQLite's way for another database's function (YEAR → strftime)", () => {
    const e = explain('SELECT year(ordered_at) FROM orders');
    expect(e.code).toBe('foreign-function');
    expect(e.params.equivalent).toBe("strftime('%Y', x)");
  });

  it('explains a wrong argument count', () => {
    expect(explain('SELECT substr(name) FROM customers').code).toBe('wrong-argument-count');
  });
});

describe('aggregates and GROUP BY', () => {
  it('sends an aggregate in WHERE to HAVING', () => {
    const e = explain('SELECT status FROM orders WHERE count(*) > 1 GROUP BY status');
    expect(e.code).toBe('aggregate-in-where');
    expect(e.params).toMatchObject({ fn: 'count', clause: 'WHERE' });
  });

  it('sends an aggregate alias used in WHERE to HAVING', () => {
    const e = explain('SELECT customer_id, count(*) AS n FROM orders WHERE n > 1 GROUP BY customer_id');
    expect(e.message).toBe('misuse of aggregate: count()');
    expect(e.code).toBe('aggregate-in-where');
    expect(e.params.fn).toBe('n');
  });

  it('explains an aggregate inside an aggregate', () => {
    const e = explain('SELECT avg(count(*)) FROM orders GROUP BY status');
    expect(e.code).toBe('aggregate-nested');
    expect(e.params).toMatchObject({ fn: 'count', outer: 'avg' });
  });

  it('explains an aggregate in GROUP BY', () => {
    expect(explain('SELECT status FROM orders GROUP BY count(*)').code).toBe('aggregate-in-group-by');
  });

  it('explains a GROUP BY position out of range', () => {
    const e = explain('SELECT status, count(*) FROM orders GROUP BY status, 3');
    expect(e.code).toBe('term-out-of-range');
    expect(e.params).toEqual({ position: 2, clause: 'GROUP BY', max: 2 });
  });

  it('explains HAVING without an aggregate', () => {
    expect(explain('SELECT name FROM customers HAVING name = 1').code).toBe('having-without-aggregate');
  });

  it('tells a window function it needs OVER', () => {
    expect(explain('SELECT row_number() FROM customers').code).toBe('window-without-over');
  });

  it('explains a window result filtered in WHERE', () => {
    expect(explain('SELECT name, row_number() OVER () AS r FROM customers WHERE r = 1').code).toBe('window-in-where');
  });
});

describe('syntax errors', () => {
  it('finds a missing comma between two columns', () => {
    const e = explain('SELECT name email city FROM customers');
    expect(e.message).toBe('near "city": syntax error');
    expect(e.code).toBe('missing-comma');
    expect(e.params).toMatchObject({ before: 'email', word: 'city' });
  });

  it('finds a missing comma before a function call', () => {
    const e = explain('SELECT count(*) sum(amount) FROM orders');
    expect(e.code).toBe('missing-comma');
    expect(e.params.word).toBe('sum');
  });

  it('finds a comma left before FROM', () => {
    const e = explain('SELECT name, FROM customers');
    expect(e.code).toBe('trailing-comma');
    expect(e.params.keyword).toBe('FROM');
  });

  it('suggests the keyword a typo meant (SELEC → SELECT)', () => {
    const e = explain('SELEC name FROM customers');
    expect(e.code).toBe('misspelled-keyword');
    expect(e.suggestions).toEqual(['SELECT']);
  });

  it('catches FORM read as an alias (FORM → FROM)', () => {
    const e = explain('SELECT name FORM customers');
    expect(e.message).toBe('near "customers": syntax error');
    expect(e.code).toBe('misspelled-keyword');
    expect(e.params).toMatchObject({ word: 'FORM', keyword: 'FROM' });
  });

  it('asks for BY after GROUP', () => {
    const e = explain('SELECT status FROM orders GROUP status');
    expect(e.code).toBe('missing-by');
    expect(e.suggestions).toEqual(['GROUP BY']);
  });

  it('explains a keyword used as a name', () => {
    const e = explain('SELECT order FROM orders');
    expect(e.code).toBe('reserved-word');
    expect(e.suggestions).toEqual(['"order"']);
  });

  it('explains an unclosed parenthesis and an unclosed quote', () => {
    expect(explain('SELECT name FROM customers WHERE id IN (1, 2').code).toBe('unbalanced-parens');
    expect(explain("SELECT name FROM customers WHERE city = 'Seoul").code).toBe('unclosed-quote');
    expect(explain('SELECT name FROM customers WHERE').code).toBe('incomplete-input');
  });

  it('falls back to a plain syntax error with the token', () => {
    const e = explain('SELECT * FROM customers WHERE id = 1 AND AND city = 2');
    expect(e.code).toBe('syntax-error');
    expect(e.params.near).toBe('AND');
  });
});

describe('data and structure errors', () => {
  it('explains a datatype mismatch', () => {
    expect(explain("INSERT INTO customers (id, name) VALUES ('x', 'a')").code).toBe('datatype-mismatch');
  });

  it('explains value counts, constraints and existing tables', () => {
    expect(explain('INSERT INTO customers VALUES (1)')).toMatchObject({ code: 'values-count', params: { columns: 4, values: 1 } });
    expect(explain('INSERT INTO customers (id) VALUES (9)')).toMatchObject({
      code: 'not-null-failed',
      params: { column: 'customers.name' },
    });
    expect(explain("INSERT INTO customers VALUES (1, 'a', 'b', 'c')").code).toBe('unique-failed');
    expect(explain('CREATE TABLE orders (x)')).toMatchObject({ code: 'already-exists', params: { kind: 'table', name: 'orders' } });
  });

  it('explains compound and subquery column counts', () => {
    expect(explain('SELECT id FROM customers UNION SELECT id, name FROM customers').code).toBe('compound-column-count');
    expect(explain('SELECT name FROM customers WHERE id IN (SELECT id, name FROM customers)').code).toBe('subquery-columns');
  });

  it('leaves a message it does not know as unknown', () => {
    expect(explainSqlError({ message: 'something new', offset: 0 }, 'SELECT 1', schema).code).toBe('unknown');
  });
});

describe('closest names', () => {
  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('nmae', 'name')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('does not suggest far-off names for short words', () => {
    expect(closestNames('id', ['at', 'ids', 'name'])).toEqual(['ids']);
    expect(closestNames('xyz', ['name', 'city'])).toEqual([]);
  });
});
