import { describe, expect, it } from 'vitest';
import { splitStatements, statementFlows } from '../../../core/governance/lineage-sql.ts';

/** What each statement of a script writes and reads, as the lineage sees it. */

describe('statementFlows', () => {
  it('does not take CTE names for tables, and follows subqueries and derived tables', () => {
    const { flows, problems } = statementFlows(`
      CREATE TABLE clean AS
      WITH typed AS (SELECT * FROM stg_raw), dated AS (SELECT * FROM typed)
      SELECT d.*, (SELECT max(x) FROM lookup) AS top
      FROM dated d JOIN (SELECT id FROM accounts WHERE active) a ON a.id = d.id
      WHERE d.id NOT IN (SELECT id FROM blocked)`);
    expect(problems).toEqual([]);
    expect(flows).toHaveLength(1);
    expect(flows[0]).toMatchObject({ kind: 'create-table', target: 'clean', parsed: true });
    expect(flows[0]?.reads).toEqual(['accounts', 'blocked', 'lookup', 'stg_raw']);
  });

  it('reads INSERT … SELECT, DELETE and DROP statement by statement', () => {
    const { flows } = statementFlows(`DROP TABLE IF EXISTS t;
      DELETE FROM marketing_spend;
      INSERT INTO marketing_spend (d, amount) SELECT d, CAST(amount AS INTEGER) FROM clean_spend WHERE reject IS NULL;
      DELETE FROM etl_rejects WHERE key IN (SELECT key FROM stale);`);
    expect(flows.map((f) => [f.kind, f.target, f.reads])).toEqual([
      ['drop', 't', []],
      ['delete', 'marketing_spend', []],
      ['insert', 'marketing_spend', ['clean_spend']],
      ['delete', 'etl_rejects', ['stale']],
    ]);
  });

  it('reads a view over a CTE and a subquery, and a window function the grammar lacks', () => {
    const { flows, problems } = statementFlows(`CREATE VIEW v_weekly AS
      WITH w AS (SELECT order_date, net_revenue FROM fact_orders)
      SELECT order_date, sum(net_revenue) OVER (ORDER BY order_date ROWS BETWEEN 6 PRECEDING AND CURRENT ROW) AS r
      FROM w WHERE order_date > (SELECT min(d) FROM dim_date)`);
    expect(problems).toEqual([]);
    expect(flows[0]).toMatchObject({ kind: 'create-view', target: 'v_weekly', reads: ['dim_date', 'fact_orders'] });
  });

  it('reports a statement the parser cannot read with its message, reads it by tokens, and goes on', () => {
    const { flows, problems } = statementFlows('INSERT INTO t SELEC x FROM src; INSERT INTO u SELECT * FROM v');
    expect(problems).toHaveLength(1);
    expect(problems[0]?.sql).toBe('INSERT INTO t SELEC x FROM src');
    expect(problems[0]?.message).toMatch(/Expected/);
    expect(flows[0]).toMatchObject({ kind: 'insert', target: 't', reads: ['src'], parsed: false });
    expect(flows[1]).toMatchObject({ kind: 'insert', target: 'u', reads: ['v'], parsed: true });
  });

  it('reads a template of a pipeline task ({{ ds }}) as a value', () => {
    const { flows, problems } = statementFlows("DELETE FROM f WHERE day = '{{ ds }}'; INSERT INTO f SELECT * FROM s WHERE day = '{{ ds }}'");
    expect(problems).toEqual([]);
    expect(flows.map((f) => [f.kind, f.target, f.reads])).toEqual([
      ['delete', 'f', []],
      ['insert', 'f', ['s']],
    ]);
  });

  it('splits on semicolons outside strings and comments', () => {
    expect(splitStatements("SELECT ';' AS a; -- x; y\nSELECT 2;;")).toEqual(["SELECT ';' AS a", 'SELECT 2']);
  });
});
