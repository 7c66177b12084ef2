import { beforeAll, describe, expect, it } from 'vitest';
import initSqlJs from 'sql.js';
import { SqlEngine } from '../../core/sql/engine.ts';
import { buildPlanTree, planNote, planRows, rowidColumns, summarizePlan, type PlanNode } from '../../core/sql/query-plan.ts';
import { statementNames } from '../../core/sql/table-references.ts';
import { tokenizeSql } from '../../core/sql/sql-tokens.ts';

let engine: SqlEngine;
let tableNames: string[];
let schema: ReturnType<SqlEngine['schema']>;

beforeAll(async () => {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.run(`
    CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT, city TEXT);
    CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER, amount REAL, status TEXT);
    CREATE INDEX idx_orders_customer ON orders(customer_id);
  `);
  const bytes = db.export();
  db.close();
  engine = new SqlEngine(SQL);
  engine.open(bytes);
  schema = engine.schema();
  tableNames = schema.map((o) => o.name);
});

/** Runs EXPLAIN QUERY PLAN through the engine's ordinary exec, as the app does, and builds the tree. */
function plan(sql: string): PlanNode[] {
  const { results, error } = engine.exec(`EXPLAIN QUERY PLAN ${sql}`, 1000);
  expect(error).toBeNull();
  const set = results[0];
  const rows = planRows(set?.columns.map((c) => c.name) ?? [], set?.rows ?? []);
  expect(rows).not.toBeNull();
  return buildPlanTree(rows ?? [], statementNames(tokenizeSql(sql), tableNames), rowidColumns(schema));
}

/** Every node, depth first, as `code` strings. */
function codes(nodes: PlanNode[]): string[] {
  return nodes.flatMap((n) => [n.note.code, ...codes(n.children)]);
}

describe('scans and searches', () => {
  it('reads a whole table when no index fits the filter', () => {
    const [node] = plan('SELECT * FROM orders WHERE amount > 3');
    expect(node?.note).toMatchObject({ code: 'full-scan', tone: 'costly', params: { table: 'orders' } });
  });

  it('searches through an index on the filtered column', () => {
    const [node] = plan('SELECT * FROM orders WHERE customer_id = 3');
    expect(node?.note).toMatchObject({
      code: 'search-index',
      tone: 'fast',
      params: { table: 'orders', index: 'idx_orders_customer', condition: 'customer_id=?' },
    });
  });

  it('uses the primary key for an id lookup, and a covering index when the index holds every needed column', () => {
    expect(plan('SELECT * FROM orders WHERE id = 3')[0]?.note.code).toBe('search-primary-key');
    expect(plan('SELECT customer_id FROM orders WHERE customer_id > 3')[0]?.note.code).toBe('search-covering-index');
  });

  it('maps an alias in the plan back to its table', () => {
    const nodes = plan('SELECT * FROM customers c JOIN orders o ON o.customer_id = c.id');
    expect(nodes.map((n) => n.detail)).toEqual(['SCAN o', 'SEARCH c USING INTEGER PRIMARY KEY (rowid=?)']);
    expect(nodes[0]?.note).toMatchObject({ code: 'full-scan', params: { table: 'orders', alias: 'o' } });
    // The plan says rowid; the note names the INTEGER PRIMARY KEY column the learner knows.
    expect(nodes[1]?.note).toMatchObject({ code: 'search-primary-key', params: { table: 'customers', alias: 'c', condition: 'id=?' } });
  });

  it('flags an automatic index SQLite builds for one query', () => {
    expect(codes(plan('SELECT * FROM customers c JOIN orders o ON o.status = c.city'))).toContain('automatic-index');
  });
});

describe('sorting and subqueries', () => {
  it('shows temporary B-trees for GROUP BY, ORDER BY and DISTINCT', () => {
    expect(codes(plan('SELECT status, count(*) FROM orders GROUP BY status ORDER BY 2 DESC'))).toEqual([
      'full-scan',
      'temp-b-tree-group',
      'temp-b-tree-order',
    ]);
    expect(codes(plan('SELECT DISTINCT status FROM orders'))).toContain('temp-b-tree-distinct');
  });

  it('needs no sort when an index already gives the order', () => {
    expect(codes(plan('SELECT customer_id FROM orders ORDER BY customer_id'))).toEqual(['scan-covering-index']);
  });

  it('nests a correlated subquery and its search under it', () => {
    const nodes = plan('SELECT name, (SELECT count(*) FROM orders o WHERE o.customer_id = c.id) FROM customers c');
    const sub = nodes.find((n) => n.note.code === 'correlated-subquery');
    expect(sub?.note.tone).toBe('costly');
    expect(sub?.children.map((n) => n.note.code)).toEqual(['search-covering-index']);
  });

  it('tells a subquery run once from one run per row', () => {
    expect(codes(plan('SELECT name, (SELECT max(amount) FROM orders) FROM customers'))).toContain('scalar-subquery');
    expect(codes(plan('SELECT * FROM customers WHERE id IN (SELECT customer_id FROM orders)'))).toContain('list-subquery');
  });

  it('shows a CTE computed as a co-routine or materialised, and a compound query', () => {
    const cte = 'WITH t AS (SELECT customer_id, sum(amount) s FROM orders GROUP BY customer_id)';
    expect(codes(plan(`${cte} SELECT * FROM t JOIN customers c ON c.id = t.customer_id`))).toContain('co-routine');
    const mat = 'WITH t AS MATERIALIZED (SELECT customer_id, sum(amount) s FROM orders GROUP BY customer_id)';
    const nodes = plan(`${mat} SELECT * FROM t a JOIN t b ON a.customer_id = b.customer_id`);
    expect(nodes[0]?.note).toMatchObject({ code: 'materialize', params: { name: 't' } });
    expect(codes(plan('SELECT id FROM customers UNION SELECT customer_id FROM orders'))[0]).toBe('compound');
  });
});

describe('summary and odd rows', () => {
  it('counts full scans, sorts and correlated subqueries', () => {
    const nodes = plan(
      'SELECT c.city, (SELECT count(*) FROM orders o WHERE o.amount > c.id) AS n FROM customers c GROUP BY c.city ORDER BY n',
    );
    const summary = summarizePlan(nodes);
    expect(summary.fullScans).toEqual(['customers', 'orders']);
    expect(summary.correlatedSubqueries).toBe(1);
    expect(summary.tempBTrees).toBe(2);
  });

  it('keeps an unknown detail as a plain node and rejects rows that are not a plan', () => {
    expect(planNote('SOMETHING NEW').code).toBe('other');
    expect(planRows(['a', 'b'], [[1, 2]])).toBeNull();
    expect(buildPlanTree([{ id: 5, parent: 99, detail: 'SCAN t' }])[0]?.note.code).toBe('full-scan');
  });
});
