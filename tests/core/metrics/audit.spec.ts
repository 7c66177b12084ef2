import { describe, expect, it } from 'vitest';
import { auditMetric, auditSql, tablesRead, type ColumnRead } from '../../../core/metrics/audit.ts';
import { HANBIT_METRICS, hanbitMetric } from '../../../core/metrics/hanbit-metrics.ts';
import { rewriteWindows } from '../../../core/metrics/window-rewrite.ts';
import type { Metric } from '../../../core/metrics/schema.ts';

const cols = (list: ColumnRead[]): string[] => list.map((c) => `${c.table}.${c.column}`);

const SCHEMA = {
  fact_orders: ['order_id', 'customer_id', 'customer_key', 'order_date', 'status', 'net_revenue', 'total_amount', 'platform'],
  fact_order_items: ['order_item_id', 'order_id', 'product_id', 'quantity', 'line_amount'],
  dim_customer: ['customer_key', 'customer_id', 'region'],
  dim_product: ['product_id', 'category'],
  marketing_spend: ['spend_date', 'channel', 'spend_krw'],
};

describe('auditSql', () => {
  it('leaves CTE names out of the tables and attributes the CTE body columns to the real table', () => {
    const a = auditSql(
      "WITH paid AS (SELECT order_date, net_revenue FROM fact_orders WHERE status = 'paid'), weekly AS (SELECT order_date AS d, SUM(net_revenue) AS v FROM paid GROUP BY 1)\nSELECT d AS period, v AS value FROM weekly ORDER BY period",
    );
    expect(a.parsed).toBe(true);
    expect(a.tables).toEqual(['fact_orders']);
    expect(a.ctes).toEqual(['paid', 'weekly']);
    expect(cols(a.columns)).toEqual(['fact_orders.net_revenue', 'fact_orders.order_date', 'fact_orders.status']);
    expect(a.unresolved).toEqual([]);
  });

  it('resolves aliases in joins and leaves a subquery alias out, attributing its columns inside', () => {
    const a = auditSql(
      `SELECT strftime('%Y-%m-01', o.order_date) AS period, COUNT(DISTINCT c.customer_id) AS value
       FROM fact_orders AS o JOIN dim_customer c ON c.customer_key = o.customer_key
       LEFT JOIN (SELECT order_id, SUM(quantity) AS q FROM fact_order_items GROUP BY order_id) items ON items.order_id = o.order_id
       WHERE items.q > 2 GROUP BY 1`,
    );
    expect(a.tables).toEqual(['dim_customer', 'fact_order_items', 'fact_orders']);
    expect(cols(a.columns)).toEqual([
      'dim_customer.customer_id',
      'dim_customer.customer_key',
      'fact_order_items.order_id',
      'fact_order_items.quantity',
      'fact_orders.customer_key',
      'fact_orders.order_date',
      'fact_orders.order_id',
    ]);
    expect(a.tables).not.toContain('items');
  });

  it('lists an unqualified column of a join as unresolved without a schema, and attributes it with one', () => {
    const sql =
      'SELECT order_date AS period, SUM(quantity) AS value FROM fact_orders o JOIN fact_order_items i ON i.order_id = o.order_id GROUP BY 1';
    const bare = auditSql(sql);
    expect(bare.unresolved).toEqual(['order_date', 'quantity']);
    const known = auditSql(sql, { schema: SCHEMA });
    expect(known.unresolved).toEqual([]);
    expect(cols(known.columns)).toContain('fact_orders.order_date');
    expect(cols(known.columns)).toContain('fact_order_items.quantity');
    // A name both tables have stays unresolved: SQLite itself would refuse it.
    expect(auditSql('SELECT order_id FROM fact_orders JOIN fact_order_items USING (order_id)', { schema: SCHEMA }).columns).toHaveLength(2);
    expect(
      auditSql('SELECT order_id FROM fact_orders o, fact_order_items i WHERE o.order_id = i.order_id', { schema: SCHEMA }).unresolved,
    ).toEqual(['order_id']);
  });

  it('reads correlated and scalar subqueries and UNION branches in their own scopes', () => {
    const a = auditSql(
      `SELECT o.order_date AS period, (SELECT SUM(spend_krw) FROM marketing_spend m WHERE m.spend_date = o.order_date) AS value
       FROM fact_orders o WHERE EXISTS (SELECT 1 FROM fact_order_items i WHERE i.order_id = o.order_id AND quantity > 1)
       UNION ALL SELECT spend_date, spend_krw FROM marketing_spend`,
    );
    expect(a.tables).toEqual(['fact_order_items', 'fact_orders', 'marketing_spend']);
    expect(cols(a.columns)).toEqual([
      'fact_order_items.order_id',
      'fact_order_items.quantity',
      'fact_orders.order_date',
      'fact_orders.order_id',
      'marketing_spend.spend_date',
      'marketing_spend.spend_krw',
    ]);
  });

  it('reads window functions the parser grammar lacks (frames, LAG, named windows, FILTER) through a rewrite', () => {
    const sql = `SELECT period, AVG(value) OVER (ORDER BY period ROWS BETWEEN 6 PRECEDING AND CURRENT ROW) AS value
      FROM (SELECT order_date AS period, SUM(net_revenue) AS value, LAG(SUM(total_amount), 7) OVER w AS last_week,
              COUNT(*) FILTER (WHERE status = 'refunded') AS refunds
            FROM fact_orders GROUP BY order_date WINDOW w AS (PARTITION BY platform ORDER BY order_date))`;
    const a = auditSql(sql);
    expect(a.parsed).toBe(true);
    expect(a.rewritten).toBe(true);
    expect(a.tables).toEqual(['fact_orders']);
    expect(cols(a.columns)).toEqual([
      'fact_orders.net_revenue',
      'fact_orders.order_date',
      'fact_orders.platform',
      'fact_orders.status',
      'fact_orders.total_amount',
    ]);
    expect(rewriteWindows('SELECT SUM(x) OVER (PARTITION BY a ORDER BY b DESC NULLS LAST ROWS 3 PRECEDING) FROM t')).toBe(
      'SELECT SUM(x) + __window(a, b) FROM t',
    );
    expect(rewriteWindows('SELECT x FROM t')).toBeNull();
    expect(auditSql('SELECT SUM(x) OVER (PARTITION BY a ORDER BY b) FROM t').rewritten).toBe(false);
  });

  it('keeps strftime, CAST and || expressions (the week grain) and output aliases out of the columns', () => {
    const a = auditMetric(hanbitMetric('net-revenue') as Metric, { grain: 'week' });
    expect(a.sql).toContain("date(order_date, 'weekday 0', '-6 days')");
    expect(a.parsed && a.rewritten).toBe(false);
    expect(cols(a.columns)).toEqual(['fact_orders.net_revenue', 'fact_orders.order_date']);
    const grouped = auditSql(
      'SELECT date(order_date) AS period, COUNT(*) AS value FROM fact_orders GROUP BY period HAVING value > 0 ORDER BY period',
    );
    expect(cols(grouped.columns)).toEqual(['fact_orders.order_date']);
  });

  it('falls back to the tables after FROM and JOIN when the parser cannot read the SQL, and says so', () => {
    const a = auditSql(
      "WITH x AS (SELECT * FROM fact_orders) SELECT a FROM x JOIN dim_product p ON p.product_id = x.product_id WHERE a MATCH 'b' ~~ 1",
    );
    expect(a.parsed).toBe(false);
    expect(a.fallback?.reason).toBe('parse');
    expect(a.fallback?.message.length).toBeGreaterThan(0);
    expect(a.tables).toEqual(['dim_product', 'fact_orders']);
    expect(a.ctes).toEqual(['x']);
    expect(auditSql('').tables).toEqual([]);
    expect(() => auditSql('SELECT FROM WHERE ((')).not.toThrow();
    expect(tablesRead('SELECT * FROM fact_orders, dim_customer c WHERE')).toEqual(['dim_customer', 'fact_orders']);
  });

  it('reports tables the schema does not know', () => {
    expect(auditSql('SELECT x FROM fact_order JOIN dim_customer USING (customer_key)', { schema: SCHEMA }).unknownTables).toEqual([
      'fact_order',
    ]);
  });
});

describe('auditMetric', () => {
  it('audits every published metric: one table each, the columns its definition names, nothing unresolved', () => {
    for (const m of HANBIT_METRICS) {
      const a = auditMetric(m);
      expect(a.parsed, m.id).toBe(true);
      expect(a.tables, m.id).toHaveLength(1);
      expect(a.unresolved, m.id).toEqual([]);
      expect(a.columns.length, m.id).toBeGreaterThanOrEqual(2);
    }
    expect(cols(auditMetric(hanbitMetric('refund-rate') as Metric).columns)).toEqual([
      'fact_orders.order_date',
      'fact_orders.refunded_amount',
      'fact_orders.status',
      'fact_orders.total_amount',
    ]);
  });

  it('says when the template does not render, still naming the tables it mentions', () => {
    const broken = {
      ...(hanbitMetric('orders') as Metric),
      sql: "SELECT {{ period('order_date' }} AS period, COUNT(*) AS value FROM fact_orders GROUP BY 1",
    };
    const a = auditMetric(broken);
    expect(a.sql).toBeNull();
    expect(a.fallback?.reason).toBe('template');
    expect(a.tables).toEqual(['fact_orders']);
  });
});
