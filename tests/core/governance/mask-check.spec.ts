import { readFileSync } from 'node:fs';
import initSqlJs, { type Database, type SqlJsStatic } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkMaskedView, kAnonymity, registerPseudonym, type MaskCheckOptions } from '../../../core/governance/mask.ts';

/**
 * The masked-view check on Hanbit's production customers: a good view passes; a leaked e-mail is
 * caught by its values even under an alias and through a subquery; raw ids, a dropped row, a join
 * that repeats rows and a view that is too specific (k = 1) each fail with their reason.
 * k-anonymity on a small table: ties, NULL groups and the rows of the smallest groups.
 */

const KEY = 'a1'.repeat(32);
let SQL: SqlJsStatic;
let prod: Uint8Array;

beforeAll(async () => {
  SQL = await initSqlJs();
  prod = new Uint8Array(readFileSync('public/datasets/hanbit-prod.sqlite'));
});

function fresh(sql: string): Database {
  const db = new SQL.Database(prod.slice());
  registerPseudonym(db, KEY);
  db.exec(sql);
  return db;
}

const OPTIONS: MaskCheckOptions = {
  view: 'customers_masked',
  base: 'customers',
  quasi: ['gender', 'age_band', 'region'],
  directColumns: ['customers.name', 'customers.email', 'customers.phone', 'addresses.street'],
  idColumns: ['customers.customer_id'],
  quasiSources: ['customers.gender', 'customers.birth_date', 'addresses.region', 'addresses.city', 'addresses.postal_code'],
  key: KEY,
  minK: 5,
};

const AGE = `CASE WHEN c.birth_date = '1900-01-01' THEN 'unknown'
  WHEN 2025 - CAST(substr(c.birth_date, 1, 4) AS INTEGER) < 30 THEN 'under 30'
  WHEN 2025 - CAST(substr(c.birth_date, 1, 4) AS INTEGER) < 50 THEN '30-49' ELSE '50+' END`;
// Local suppression: the few customers without a birth date are too few per region, so their region is withheld.
const REGION = `CASE WHEN c.birth_date = '1900-01-01' THEN '(withheld)' WHEN a.region IN ('서울', '경기', '인천') THEN '수도권'
  WHEN a.region IN ('부산', '대구', '울산', '경북', '경남') THEN '영남'
  WHEN a.region IN ('광주', '전북', '전남') THEN '호남'
  WHEN a.region IN ('대전', '세종', '충북', '충남') THEN '충청' ELSE '강원·제주' END`;
const JOIN = 'FROM customers c LEFT JOIN addresses a ON a.customer_id = c.customer_id AND a.is_default = 1';

const GOOD = `CREATE VIEW customers_masked AS
SELECT pseudonym(c.customer_id) AS customer_pid, c.gender, ${AGE} AS age_band, ${REGION} AS region,
  substr(c.created_at, 1, 7) AS signup_month
${JOIN};`;

describe('checkMaskedView', () => {
  it('passes a view with keyed ids, no direct identifiers, reconciled rows and k >= 5', () => {
    const db = fresh(GOOD);
    const check = checkMaskedView(db, OPTIONS);
    expect(check.messages.map((m) => m.en)).toEqual([expect.stringMatching(/^Passed/)]);
    expect(check).toMatchObject({ passed: true, directLeft: [], rawIds: [], missingIds: [], keyedColumns: ['customer_pid'] });
    expect(check.rows).toEqual({ view: 2608, base: 2608, reconciles: true });
    expect(check.quasi).toEqual(['gender', 'age_band', 'region']);
    expect(check.k).toBeGreaterThanOrEqual(5);
    expect(check.smallestGroups[0]?.count).toBe(check.k);
    // The check leaves pseudonym() under the original key.
    registerPseudonym(db, KEY);
    const again = db.exec('SELECT customer_pid FROM customers_masked LIMIT 1')[0]?.values[0]?.[0];
    expect(db.exec('SELECT pseudonym(customer_id) FROM customers ORDER BY customer_id LIMIT 1')[0]?.values[0]?.[0]).toBe(again);
    db.close();
  });

  it('traces a leaked e-mail through an alias, a readable transform and a subquery', () => {
    // lower(trim(...)) keeps the value, and the subquery renames it twice: the lineage still reaches customers.email.
    const db = fresh(`CREATE VIEW customers_masked AS
      SELECT m.pid AS customer_pid, m.gender, m.age_band, m.region, m.contact
      FROM (SELECT pseudonym(c.customer_id) AS pid, c.gender, ${AGE} AS age_band, ${REGION} AS region, lower(trim(c.email)) AS contact ${JOIN}) m;`);
    const check = checkMaskedView(db, OPTIONS);
    expect(check.passed).toBe(false);
    expect(check.directLeft).toEqual(expect.arrayContaining([{ column: 'contact', source: 'customers.email', how: 'lineage' }]));
    expect(check.messages.some((m) => m.en.includes('Column contact passes customers.email'))).toBe(true);
    db.close();
  });

  it('catches a leaked e-mail by its values under an alias, where no lineage reaches it (a copy table, upper-cased)', () => {
    // The e-mails travel through a copy table the checker is not told about: only the values give them away.
    const db = fresh(`CREATE TABLE contact_copy AS SELECT customer_id AS cid, upper(email) AS x FROM customers;
      CREATE VIEW customers_masked AS
      SELECT pseudonym(c.customer_id) AS customer_pid, c.gender, ${AGE} AS age_band, ${REGION} AS region, k.x AS note
      ${JOIN} LEFT JOIN contact_copy k ON k.cid = c.customer_id;`);
    const check = checkMaskedView(db, OPTIONS);
    expect(check.passed).toBe(false);
    expect(check.directLeft).toContainEqual({ column: 'note', source: 'customers.email', how: 'value' });
    expect(check.messages.map((m) => m.ko).join(' ')).toContain('note 열에 customers.email의 실제 값이 들어 있습니다');
    db.close();
  });

  it('finds a phone number written in another format', () => {
    const db = fresh(`CREATE TABLE p AS SELECT customer_id AS cid, replace(phone, '-', '') AS digits FROM customers;
      CREATE VIEW customers_masked AS SELECT pseudonym(c.customer_id) AS customer_pid, c.gender, ${AGE} AS age_band, ${REGION} AS region, p.digits AS d
      ${JOIN} JOIN p ON p.cid = c.customer_id;`);
    const check = checkMaskedView(db, OPTIONS);
    expect(check.directLeft).toContainEqual({ column: 'd', source: 'customers.phone', how: 'value' });
    db.close();
  });

  it('fails raw ids, by lineage and by value, and a view with no pseudonymised id', () => {
    const raw = fresh(
      `CREATE VIEW customers_masked AS SELECT c.customer_id + 0 AS cid, c.gender, ${AGE} AS age_band, ${REGION} AS region ${JOIN};`,
    );
    const check = checkMaskedView(raw, OPTIONS);
    expect(check.rawIds).toEqual(['cid']);
    expect(check.missingIds).toEqual(['customers.customer_id']);
    expect(check.passed).toBe(false);
    raw.close();
    // A plain hash-like rewrite the key does not change: not keyed.
    const unkeyed = fresh(
      `CREATE VIEW customers_masked AS SELECT hex(c.customer_id * 7919) AS cid, c.gender, ${AGE} AS age_band, ${REGION} AS region ${JOIN};`,
    );
    const second = checkMaskedView(unkeyed, OPTIONS);
    expect(second.keyedColumns).toEqual([]);
    expect(second.missingIds).toEqual(['customers.customer_id']);
    expect(second.messages.some((m) => m.en.includes('No column holds customer_id pseudonymised'))).toBe(true);
    unkeyed.close();
  });

  it('fails a view whose rows do not reconcile with the base table', () => {
    const dropped = fresh(GOOD.replace(JOIN, `${JOIN} WHERE c.email IS NOT NULL`));
    const check = checkMaskedView(dropped, OPTIONS);
    expect(check.rows.reconciles).toBe(false);
    expect(check.rows.view).toBeLessThan(check.rows.base);
    dropped.close();
    // Every address instead of the default one: customers who moved appear twice.
    const repeated = fresh(GOOD.replace(' AND a.is_default = 1', ''));
    expect(checkMaskedView(repeated, OPTIONS).rows.view).toBeGreaterThan(2608);
    repeated.close();
  });

  it('reports k and the smallest group when the quasi-identifiers are too specific', () => {
    const db = fresh(`CREATE VIEW customers_masked AS SELECT pseudonym(c.customer_id) AS customer_pid, c.gender,
      ${AGE} AS age_band, a.region, a.city ${JOIN};`);
    const check = checkMaskedView(db, OPTIONS);
    // city is not listed in quasi, but it carries addresses.city, a quasi-identifier: it counts for k.
    expect(check.quasi).toEqual(['gender', 'age_band', 'region', 'city']);
    expect(check.k).toBe(1);
    expect(check.passed).toBe(false);
    expect(check.messages.at(-1)?.en).toMatch(/^k = 1: a group of only 1 share gender, age_band, region, city/);
    db.close();
  });

  it('counts a column generalised from a quasi-identifier with CASE WHEN (no value of it carried) for k, and ones looked up by it', () => {
    // The cohort's values are literals, but which one a row gets is decided by its birth date: a quasi-identifier still.
    const cohort = `CASE WHEN c.birth_date < '1980-01-01' THEN 'before 1980' ELSE '1980 or later' END`;
    const db = fresh(`CREATE TABLE bands (lo TEXT, hi TEXT, band TEXT);
      INSERT INTO bands VALUES ('0000', '1969-12-31', 'A'), ('1970-01-01', '1989-12-31', 'B'), ('1990-01-01', '9999', 'C');
      CREATE VIEW customers_masked AS SELECT pseudonym(c.customer_id) AS customer_pid, c.gender, ${AGE} AS age_band, ${REGION} AS region,
        ${cohort} AS cohort,
        (SELECT b.band FROM bands b WHERE c.birth_date BETWEEN b.lo AND b.hi) AS looked_up,
        CASE WHEN c.email IS NULL THEN 'no e-mail' ELSE 'e-mail' END AS has_email, j.band AS joined_band
      ${JOIN} LEFT JOIN bands j ON c.birth_date BETWEEN j.lo AND j.hi;`);
    const check = checkMaskedView(db, OPTIONS);
    expect(check.quasi).toEqual(['gender', 'age_band', 'region', 'cohort', 'looked_up', 'joined_band']);
    const over = (cols: string[]) => kAnonymity(db, 'customers_masked', cols).k;
    expect(check.k).toBe(over(['gender', 'age_band', 'region', 'cohort', 'looked_up', 'joined_band']));
    // Before, k was counted without them: more lenient than the view really is.
    expect(check.k).toBeLessThan(over(['gender', 'age_band', 'region']));
    // A CASE that only tests the e-mail does not leak it, and the e-mail (a direct identifier) is no quasi-identifier.
    expect(check.directLeft).toEqual([]);
    db.close();
  });

  it('tells a missing view and a table posing as one', () => {
    const none = fresh('SELECT 1');
    expect(checkMaskedView(none, OPTIONS).messages[0]?.en).toContain('There is no view customers_masked');
    none.close();
    const table = fresh(GOOD.replace('CREATE VIEW', 'CREATE TABLE'));
    const check = checkMaskedView(table, OPTIONS);
    expect(check.passed).toBe(false);
    expect(check.messages[0]?.en).toContain('is a table, not a view');
    table.close();
  });
});

describe('kAnonymity', () => {
  it('groups NULLs together, breaks ties by value and shows the rows of the smallest groups', () => {
    const db = new SQL.Database();
    db.exec(`CREATE TABLE t(id INTEGER, band TEXT, region TEXT);
      INSERT INTO t VALUES (1, '20s', 'A'), (2, '20s', 'A'), (3, '20s', 'A'), (4, NULL, 'B'), (5, NULL, 'B'),
        (6, '30s', 'B'), (7, '30s', 'B'), (8, '30s', NULL), (9, '30s', NULL);`);
    const k = kAnonymity(db, 't', ['band', 'region']);
    expect(k.k).toBe(2);
    expect(k.groups).toBe(4);
    expect(k.rowCount).toBe(9);
    // Three groups of 2, tied: NULL band first, then by band then region (NULL region first).
    expect(k.smallest.map((g) => [g.values, g.count])).toEqual([
      [{ band: null, region: 'B' }, 2],
      [{ band: '30s', region: null }, 2],
      [{ band: '30s', region: 'B' }, 2],
      [{ band: '20s', region: 'A' }, 3],
    ]);
    expect(k.smallest[0]?.rows).toEqual({
      columns: ['id', 'band', 'region'],
      rows: [
        [4, null, 'B'],
        [5, null, 'B'],
      ],
    });
    expect(k.smallest[1]?.rows.rows.map((r) => r[0])).toEqual([8, 9]);
    expect(kAnonymity(db, 't', []).k).toBe(9);
    db.exec('DELETE FROM t');
    expect(kAnonymity(db, 't', ['band']).k).toBe(0);
    db.close();
  });
});
