import { describe, expect, it } from 'vitest';
import { piiWarnings, type PiiWarningContext } from '../../../core/governance/pii-warnings.ts';

/**
 * The SQL editor's warning: the direct identifiers a result shows, found through SELECT *, aliases,
 * subqueries, CTEs, UNION and views; nothing for counts, tests and pseudonyms, nor for a query that
 * reads only masked views.
 */

const CONTEXT: PiiWarningContext = {
  tables: {
    customers: ['customer_id', 'name', 'email', 'phone', 'gender', 'birth_date', 'created_at'],
    orders: ['order_id', 'customer_id', 'total_amount'],
  },
  views: {
    v_contacts: 'CREATE VIEW v_contacts AS SELECT customer_id, email AS mail FROM customers',
    customers_masked: 'CREATE VIEW customers_masked AS SELECT pseudonym(customer_id) AS pid, gender FROM customers',
  },
  direct: { customers: ['name', 'email', 'phone'] },
  masked: ['customers_masked'],
};

function columns(sql: string): string[] {
  return piiWarnings(sql, CONTEXT).flatMap((w) => w.columns.map((c) => `${c.output}<-${c.table}.${c.column}`));
}

describe('piiWarnings', () => {
  it('names the direct identifiers of SELECT * and of aliases', () => {
    expect(columns('SELECT * FROM customers')).toEqual(['name<-customers.name', 'email<-customers.email', 'phone<-customers.phone']);
    expect(columns('SELECT c.email AS contact, o.total_amount FROM orders o JOIN customers c USING (customer_id)')).toEqual([
      'contact<-customers.email',
    ]);
  });

  it('follows subqueries, CTEs, UNION branches and views', () => {
    expect(columns('SELECT x FROM (SELECT lower(name) AS x FROM customers) s')).toEqual(['x<-customers.name']);
    expect(columns('WITH c AS (SELECT phone AS p FROM customers) SELECT p FROM c')).toEqual(['p<-customers.phone']);
    expect(columns("SELECT 'n/a' AS v UNION ALL SELECT email FROM customers")).toEqual(['v<-customers.email']);
    expect(columns('SELECT mail FROM v_contacts')).toEqual(['mail<-customers.email']);
    expect(columns('SELECT (SELECT c.email FROM customers c WHERE c.customer_id = o.customer_id) AS who FROM orders o')).toEqual([
      'who<-customers.email',
    ]);
  });

  it('stays quiet for counts, tests, pseudonyms and masked views', () => {
    expect(columns('SELECT count(email) AS n, sum(email IS NULL) AS missing FROM customers')).toEqual([]);
    expect(columns("SELECT customer_id FROM customers WHERE email LIKE 'qa+%'")).toEqual([]);
    expect(columns('SELECT pseudonym(email) AS e, CASE WHEN phone IS NULL THEN 0 ELSE 1 END AS has_phone FROM customers')).toEqual([]);
    expect(columns('SELECT * FROM customers_masked')).toEqual([]);
  });

  it('says which statement and suggests the masked view, in both languages', () => {
    const [w] = piiWarnings('SELECT 1; SELECT name, email AS e FROM customers', CONTEXT);
    expect(w?.statementIndex).toBe(1);
    expect(w?.message.en).toBe(
      'This result shows direct identifiers: customers.name, e (customers.email). For analysis, query the masked view customers_masked instead.',
    );
    expect(w?.message.ko).toContain('이 결과에 직접 식별자가 있습니다: customers.name, e (customers.email).');
    expect(w?.message.ko).toContain('customers_masked 같은 마스킹한 뷰를 조회하는 것이 좋습니다.');
  });

  it('gives no warning for SQL it cannot parse (SQLite reports the error)', () => {
    expect(piiWarnings('SELEC email FROM customers', CONTEXT)).toEqual([]);
  });
});
