import { join } from 'node:path';
import type { SqlJsStatic } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseProvider, GradeContext } from '../../core/grading/engine.ts';
import { gradeStepAsync } from '../../core/grading/grade-step.ts';
import { formatMessage, type MessageCode } from '../../core/grading/messages.ts';
import { loadLessons } from '../../core/lessons/load.ts';
import type { Lesson } from '../../core/lessons/schema.ts';
import type { Step } from '../../core/lessons/step-kinds.ts';
import { createGradingEngine, loadDatasets, loadLakes, loadSqlJs } from '../../scripts/lib/datasets.ts';
import { readLessonFiles } from '../../scripts/lib/lesson-files.ts';

/**
 * Answers to the exercises of Tracks 5 (governance and quality) and 6 (product science), graded
 * through the real grader on the bundled data and its hidden variant, as a learner's Check is.
 * Right answers written another way than the reference must pass; typical wrong answers the
 * lessons do not list must fail with the message a learner needs. Each track keeps its cases in
 * its own describe block.
 */

const ROOT = join(import.meta.dirname, '..', '..');

/** One graded answer: SQL, a typed number (or one computed by a query and typed), choice ids, or any other kind's answer object. */
interface Case {
  at: string;
  sql?: string;
  text?: string;
  /** A query (visible data, one numeric cell) whose value is typed as the answer, with this many decimals. */
  typed?: { sql: string; decimals: number; database?: string };
  /** Choice ids picked (choice steps). */
  selected?: string[];
  /** Any other step kind's answer as the app sends it (pii tags, a check file, an impact, a masked view). */
  answer?: Record<string, unknown>;
  /** Codes the verdict must carry, in order; omitted for answers that must pass. */
  codes?: MessageCode[];
  /** Text the English feedback must contain. */
  en?: string[];
}

let packs: Lesson[];
let ctx: GradeContext;
let provider: DatabaseProvider;
let SQL: SqlJsStatic;

beforeAll(async () => {
  packs = loadLessons(readLessonFiles(join(ROOT, 'lessons'))).packs.map((p) => p.lesson);
  const datasets = await loadDatasets(ROOT);
  provider = datasets.provider;
  SQL = await loadSqlJs();
  // The lake too: quality steps check lake files as the pipeline extracts them.
  ctx = { engine: await createGradingEngine(), databases: provider, lakes: loadLakes(ROOT) };
}, 60_000);

function stepAt(at: string): { lesson: Lesson; step: Step } {
  const [lessonId, stepId] = at.split('/');
  const lesson = packs.find((l) => l.id === lessonId);
  const step = lesson?.steps.find((s) => s.id === stepId);
  if (!lesson || !step) throw new Error(`no step ${at}`);
  return { lesson, step: step as Step };
}

/** The number a learner would type after running their own query on the visible data. */
function typedNumber(database: string, typed: { sql: string; decimals: number }): string {
  const bytes = provider.bytes(database, 'visible');
  if (!bytes) throw new Error(`no database ${database}`);
  const db = new SQL.Database(bytes);
  try {
    const value = Number(db.exec(typed.sql)[0]?.values[0]?.[0]);
    return value.toFixed(typed.decimals);
  } finally {
    db.close();
  }
}

function grade(c: Case) {
  const { lesson, step } = stepAt(c.at);
  if (c.answer !== undefined) return gradeStepAsync(lesson, step, c.answer, ctx);
  if (c.selected !== undefined) return gradeStepAsync(lesson, step, { selected: c.selected, reason: 'because' }, ctx);
  if (c.sql !== undefined) return gradeStepAsync(lesson, step, { sql: c.sql }, ctx);
  const text = c.typed ? typedNumber(c.typed.database ?? lesson.dataset, c.typed) : (c.text ?? '');
  return gradeStepAsync(lesson, step, { text }, ctx);
}

const label = (c: Case): string =>
  `${c.at}: ${(c.sql ?? c.typed?.sql ?? c.selected?.join(', ') ?? (c.answer ? JSON.stringify(c.answer) : undefined) ?? c.text ?? '')
    .replace(/\s+/g, ' ')
    .slice(0, 90)}`;

/** A quality step on the lake extracts the event files (seconds, more on a busy machine); an impact step builds the lineage. */
const CASE_TIMEOUT = 180_000;

function rightAnswersPass(cases: Case[]): void {
  for (const c of cases) {
    it(label(c), async () => {
      const verdict = await grade(c);
      expect(verdict.messages.map((m) => formatMessage(m, 'en'))).toEqual([]);
      expect(verdict.pass).toBe(true);
    }, CASE_TIMEOUT);
  }
}

function wrongAnswersFail(cases: Case[]): void {
  for (const c of cases) {
    it(label(c), async () => {
      const verdict = await grade(c);
      expect(verdict.pass).toBe(false);
      expect(verdict.messages.map((m) => m.code)).toEqual(c.codes);
      const en = verdict.messages.map((m) => formatMessage(m, 'en')).join('\n');
      for (const want of c.en ?? []) expect(en).toContain(want);
      // Every message reads in Korean too.
      for (const m of verdict.messages) expect(formatMessage(m, 'ko')).not.toBe('');
    }, CASE_TIMEOUT);
  }
}

describe('Track 5', () => {
  /** The warehouse's age band, written from the birth date with BETWEEN instead of a ladder of '<'. */
  const BAND = `CASE
      WHEN birth_date = '1900-01-01' THEN NULL
      WHEN 2025 - CAST(strftime('%Y', birth_date) AS INTEGER) >= 60 THEN '60+'
      WHEN 2025 - CAST(strftime('%Y', birth_date) AS INTEGER) BETWEEN 50 AND 59 THEN '50s'
      WHEN 2025 - CAST(strftime('%Y', birth_date) AS INTEGER) BETWEEN 40 AND 49 THEN '40s'
      WHEN 2025 - CAST(strftime('%Y', birth_date) AS INTEGER) BETWEEN 30 AND 39 THEN '30s'
      WHEN 2025 - CAST(strftime('%Y', birth_date) AS INTEGER) BETWEEN 20 AND 29 THEN '20s'
      ELSE '10s' END`;
  const PEOPLE = `SELECT c.gender, ${BAND} AS age_band, (SELECT region FROM addresses a WHERE a.customer_id = c.customer_id AND a.is_default = 1) AS region
      FROM customers c`;

  const RIGHT: Case[] = [
    // A window count instead of GROUP BY ... HAVING, typed as a whole number.
    {
      at: 't5-l1-pii-catalogue/single-out',
      typed: { sql: 'SELECT count(*) FROM (SELECT count(*) OVER (PARTITION BY gender, birth_date) AS n FROM customers) WHERE n = 1', decimals: 0 },
    },
    // Filled rows as sum(IS NOT NULL), the rows in another order, the columns in another order.
    {
      at: 't5-l1-pii-catalogue/where-identifiers-live',
      sql: `SELECT 'addresses' AS table_name, 'postal_code' AS column_name, count(DISTINCT postal_code) AS distinct_values, sum(postal_code IS NOT NULL) AS filled FROM addresses
        UNION ALL SELECT 'addresses', 'street', count(DISTINCT street), sum(street IS NOT NULL) FROM addresses
        UNION ALL SELECT 'customers', 'phone', count(DISTINCT phone), sum(phone IS NOT NULL) FROM customers
        UNION ALL SELECT 'customers', 'email', count(DISTINCT email), sum(email IS NOT NULL) FROM customers
        UNION ALL SELECT 'customers', 'name', count(DISTINCT name), sum(name IS NOT NULL) FROM customers`,
    },
    // IS NULL with FILTER, the test accounts by GLOB (the '+' spelled out too).
    {
      at: 't5-l2-quality-checks/count-by-hand',
      sql: `SELECT count(*) FILTER (WHERE email IS NULL) AS missing_emails,
          count(*) FILTER (WHERE birth_date = '1900-01-01') AS placeholder_birth_dates,
          count(*) FILTER (WHERE email GLOB 'qa+*@hanbitmarket.co.kr') AS test_accounts
        FROM customers`,
    },
    // Rows after the first per order, by row_number().
    {
      at: 't5-l2-quality-checks/duplicate-payments',
      typed: { sql: 'SELECT count(*) FROM (SELECT row_number() OVER (PARTITION BY order_id ORDER BY payment_id) AS n FROM payments) WHERE n > 1', decimals: 0 },
    },
    // NOT EXISTS instead of LEFT JOIN ... IS NULL.
    {
      at: 't5-l2-quality-checks/orphan-lines',
      typed: { sql: 'SELECT count(*) FROM order_items i WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.order_id = i.order_id)', decimals: 0 },
    },
    // The week before by a correlated subquery, half as a real number.
    {
      at: 't5-l3-monitoring/volume-alarms',
      sql: `SELECT event_date, events, week_before FROM (
          SELECT d.event_date, sum(d.events) AS events,
            (SELECT sum(w.events) FROM fact_events_daily w WHERE w.event_name = 'search' AND w.event_date = date(d.event_date, '-7 days')) AS week_before
          FROM fact_events_daily d WHERE d.event_name = 'search' GROUP BY d.event_date)
        WHERE events < 0.5 * week_before ORDER BY event_date`,
    },
    // Extra payments by row_number(), the month from strftime.
    {
      at: 't5-l4-impact/how-big',
      sql: `SELECT strftime('%Y-%m', paid_at) AS month, count(*) AS extra_rows, sum(amount) AS extra_amount
        FROM (SELECT *, row_number() OVER (PARTITION BY order_id ORDER BY payment_id) AS n FROM payments)
        WHERE n > 1 AND strftime('%Y', paid_at) = '2025' GROUP BY 1`,
    },
    // Age bands by BETWEEN from the top down, the region by a scalar subquery.
    {
      at: 't5-l5-masked-view/small-groups',
      sql: `SELECT gender, age_band, region, count(*) AS customers FROM (${PEOPLE}) GROUP BY 1, 2, 3 HAVING count(*) <= 4`,
    },
    // Customers in groups under five, by a window count per person.
    {
      at: 't5-l5-masked-view/customers-at-risk',
      typed: { sql: `SELECT count(*) FROM (SELECT count(*) OVER (PARTITION BY gender, age_band, region) AS n FROM (${PEOPLE})) WHERE n < 5`, decimals: 0 },
    },
    // Masked view: a CTE, the pseudonym under another name, unknown ages' region as a word: the same groups.
    {
      at: 't5-l5-masked-view/analyst-view',
      answer: {
        sql: `CREATE VIEW analyst_customers AS
WITH people AS (
  SELECT c.customer_id, c.gender, ${BAND} AS age_band, a.region AS province
  FROM customers c JOIN addresses a ON a.customer_id = c.customer_id AND a.is_default = 1
)
SELECT pseudonym(customer_id) AS pid, gender, age_band,
  CASE WHEN age_band IS NULL THEN '알 수 없음' WHEN province IN ('서울', '경기', '인천') THEN '수도권' ELSE '비수도권' END AS region
FROM people`,
      },
    },
    // PII: the step's columns tagged right, with other catalogue columns tagged too (the learner's whole catalogue).
    {
      at: 't5-l1-pii-catalogue/tag-production',
      answer: {
        tags: {
          'hanbit-prod.addresses.is_default': 'none',
          'hanbit-prod.addresses.city': 'quasi',
          'hanbit-prod.addresses.region': 'quasi',
          'hanbit-prod.addresses.postal_code': 'quasi',
          'hanbit-prod.addresses.street': 'direct',
          'hanbit-prod.customers.created_at': 'none',
          'hanbit-prod.customers.birth_date': 'quasi',
          'hanbit-prod.customers.gender': 'quasi',
          'hanbit-prod.customers.phone': 'direct',
          'hanbit-prod.customers.email': 'direct',
          'hanbit-prod.customers.name': 'direct',
          'hanbit-prod.customers.customer_id': 'quasi',
          'hanbit-prod.orders.total_amount': 'none',
          'hanbit-warehouse.dim_customer.gender': 'quasi',
        },
      },
    },
    // Quality: dbt's tests and failed-rows conditions instead of SodaCL's metrics, blocks in another order.
    {
      at: 't5-l2-quality-checks/production-checks',
      answer: {
        yaml: `checks for hanbit-prod.payments:
  - duplicate_count(order_id) = 0
checks for hanbit-prod.order_items:
  checks:
    - invalid_count(quantity) = 0:
        valid min: 1
  columns:
    - name: order_id
      tests:
        - relationships:
            to: ref('orders')
            field: order_id
checks for hanbit-prod.customers:
  checks:
    - failed rows:
        fail condition: birth_date = '1900-01-01'
    - failed rows:
        fail condition: email LIKE 'qa+%@hanbitmarket.co.kr'
  columns:
    - name: email
      tests: [not_null]
`,
      },
    },
    // Freshness in hours, the band as two checks, unpaid orders by their statuses.
    {
      at: 't5-l2-quality-checks/orders-checks',
      answer: {
        yaml: `checks for hanbit-prod.orders:
  time column: ordered_at
  checks:
    - freshness(ordered_at) < 24h
    - row_count > 10000
    - row_count < 30000
    - failed rows:
        fail condition: status IN ('cancelled', 'pending_payment')
        warn: when > 0
    - failed rows:
        fail condition: customer_id IN (SELECT c.customer_id FROM customers c WHERE c.email GLOB 'qa+*@hanbitmarket.co.kr')
    - invalid_count(status) = 0:
        valid values: [paid, shipped, delivered, refunded, cancelled, pending_payment]
`,
      },
    },
    // The keyword asked with json_extract, the search events by a LIKE on the name.
    {
      at: 't5-l3-monitoring/keyword-check',
      answer: {
        yaml: `checks for lake:events/*.jsonl.gz as events:
  time column: ts
  checks:
    - failed rows:
        name: no search term
        fail condition: event_name LIKE 'search' AND json_extract(properties, '$.keyword') IS NULL
`,
      },
    },
    // Impacts: the reach marked in another order, the teams in another order.
    {
      at: 't5-l4-impact/payments-impact',
      answer: {
        source: 'table:hanbit-prod.payments',
        affected: [
          'tile:starter/chart-gross-revenue',
          'tile:starter/kpi-aov',
          'tile:starter/kpi-buyers',
          'tile:starter/kpi-orders',
          'tile:starter/chart-revenue',
          'tile:starter/kpi-revenue',
          'metric:refund-rate',
          'metric:revenue-sales-report',
          'metric:gross-revenue',
          'metric:average-order-value',
          'metric:active-buyers',
          'metric:orders',
          'metric:net-revenue',
        ],
        owners: ['marketing', 'crm', 'data-platform', 'commerce'],
      },
    },
    {
      at: 't5-l4-impact/crm-export-impact',
      answer: {
        source: 'lake:exports/crm_customers_*.csv',
        affected: ['tile:starter/chart-search-ctr', 'metric:search-ctr', 'model:mart_customers', 'model:stg_customers'],
        owners: ['search', 'data-platform'],
      },
    },
    // Choices: every right one, and only those.
    { at: 't5-l1-pii-catalogue/unique-is-not-enough', selected: ['points-at-person'] },
    { at: 't5-l1-pii-catalogue/warehouse-shareable', selected: ['no-quasi-and-key'] },
    { at: 't5-l2-quality-checks/which-hits-revenue', selected: ['test-accounts', 'duplicate-payments'] },
    { at: 't5-l3-monitoring/alarms-explained', selected: ['rename-invisible', 'calendar-false-alarms'] },
    { at: 't5-l3-monitoring/day-it-broke', selected: ['utc-day'] },
    { at: 't5-l3-monitoring/aftercare', selected: ['keep-check', 'tell-owners', 'backfill', 'fix-reader'] },
    { at: 't5-l4-impact/rename-reaches', selected: ['no-tile'] },
    { at: 't5-l4-impact/really-changes', selected: ['average-order-value', 'net-revenue'] },
    { at: 't5-l4-impact/who-first', selected: ['source-owner'] },
    { at: 't5-l5-masked-view/why-a-key', selected: ['dictionary'] },
    { at: 't5-l5-masked-view/training-data', selected: ['unknown-age', 'drop-test-accounts'] },
  ];

  const WRONG: Case[] = [
    // Everyone, not the customers alone in their combination.
    { at: 't5-l1-pii-catalogue/single-out', text: '2608', codes: ['number-wrong'] },
    // Customers joined to their addresses first: names and e-mails counted once per address.
    {
      at: 't5-l1-pii-catalogue/where-identifiers-live',
      sql: `SELECT 'customers' AS table_name, 'name' AS column_name, count(name) AS filled, count(DISTINCT name) AS distinct_values FROM customers JOIN addresses USING (customer_id)
        UNION ALL SELECT 'customers', 'email', count(email), count(DISTINCT email) FROM customers JOIN addresses USING (customer_id)
        UNION ALL SELECT 'customers', 'phone', count(phone), count(DISTINCT phone) FROM customers JOIN addresses USING (customer_id)
        UNION ALL SELECT 'addresses', 'street', count(street), count(DISTINCT street) FROM addresses
        UNION ALL SELECT 'addresses', 'postal_code', count(postal_code), count(DISTINCT postal_code) FROM addresses`,
      codes: ['column-differs'],
      en: ['filled'],
    },
    // Test accounts as anything starting with 'qa': right on the visible copy, wrong on the variant's look-alikes.
    {
      at: 't5-l2-quality-checks/count-by-hand',
      sql: `SELECT sum(email IS NULL) AS missing_emails, sum(birth_date = '1900-01-01') AS placeholder_birth_dates,
          sum(email LIKE 'qa%') AS test_accounts FROM customers`,
      codes: ['variant-differs'],
    },
    // Test accounts as the shop's own domain: the variant has a real customer there.
    {
      at: 't5-l2-quality-checks/count-by-hand',
      sql: `SELECT sum(email IS NULL) AS missing_emails, sum(birth_date = '1900-01-01') AS placeholder_birth_dates,
          sum(email LIKE '%@hanbitmarket.co.kr') AS test_accounts FROM customers`,
      codes: ['variant-differs'],
    },
    // The orders with a repeated payment, not the extra rows: equal here (no order paid three times), so the distinct orders of payments instead.
    { at: 't5-l2-quality-checks/duplicate-payments', typed: { sql: 'SELECT count(DISTINCT order_id) FROM payments', decimals: 0 }, codes: ['number-wrong'] },
    // Lines of orders that exist, the opposite of an orphan.
    {
      at: 't5-l2-quality-checks/orphan-lines',
      typed: { sql: 'SELECT count(*) FROM order_items i JOIN orders o ON o.order_id = i.order_id', decimals: 0 },
      codes: ['number-wrong'],
    },
    // Against the day before instead of the same weekday a week before.
    {
      at: 't5-l3-monitoring/volume-alarms',
      sql: `WITH daily AS (SELECT event_date, sum(events) AS events FROM fact_events_daily WHERE event_name = 'search' GROUP BY event_date)
        SELECT d.event_date, d.events, w.events AS week_before FROM daily d JOIN daily w ON w.event_date = date(d.event_date, '-1 day')
        WHERE d.events * 2 < w.events ORDER BY d.event_date`,
      codes: ['rows-missing', 'rows-extra'],
    },
    // The right days, no ORDER BY.
    {
      at: 't5-l3-monitoring/volume-alarms',
      sql: `WITH daily AS (SELECT event_date, sum(events) AS events FROM fact_events_daily WHERE event_name = 'search' GROUP BY event_date)
        SELECT d.event_date, d.events, w.events AS week_before FROM daily d JOIN daily w ON w.event_date = date(d.event_date, '-7 days')
        WHERE d.events * 2 < w.events`,
      codes: ['order-by-required'],
    },
    // 2024 left in.
    {
      at: 't5-l4-impact/how-big',
      sql: `SELECT substr(p.paid_at, 1, 7) AS month, count(*) AS extra_rows, sum(p.amount) AS extra_amount FROM payments p
        WHERE EXISTS (SELECT 1 FROM payments q WHERE q.order_id = p.order_id AND q.payment_id < p.payment_id) GROUP BY month`,
      codes: ['rows-extra'],
    },
    // The unknown age spelled as a word instead of NULL.
    {
      at: 't5-l5-masked-view/small-groups',
      sql: `SELECT gender, coalesce(age_band, 'unknown') AS age_band, region, count(*) AS customers FROM (${PEOPLE}) GROUP BY 1, 2, 3 HAVING count(*) < 5`,
      codes: ['column-differs'],
      en: ['age_band'],
    },
    // Age bands one year off: '10s' up to and including 20.
    {
      at: 't5-l5-masked-view/small-groups',
      sql: `SELECT gender, age_band, region, count(*) AS customers FROM (${PEOPLE.replace('BETWEEN 20 AND 29', 'BETWEEN 21 AND 29')}) GROUP BY 1, 2, 3 HAVING count(*) < 5`,
      codes: ['rows-missing', 'rows-extra'],
    },
    // Every customer typed.
    { at: 't5-l5-masked-view/customers-at-risk', text: '2608', codes: ['number-wrong'] },
    // PII: the CRM file's e-mail and mobile read as 'just a copy' (none), the marketing consent left untagged.
    {
      at: 't5-l1-pii-catalogue/tag-copies',
      answer: {
        tags: {
          'lake:exports/crm_customers_*.csv.고객번호': 'quasi',
          'lake:exports/crm_customers_*.csv.이름': 'direct',
          'lake:exports/crm_customers_*.csv.이메일': 'none',
          'lake:exports/crm_customers_*.csv.휴대폰': 'none',
          'lake:exports/crm_customers_*.csv.생년월일': 'quasi',
          'lake:exports/crm_customers_*.csv.주소': 'direct',
          'hanbit-warehouse.dim_customer.customer_id': 'quasi',
          'hanbit-warehouse.dim_customer.birth_year': 'quasi',
          'hanbit-warehouse.dim_customer.age_band': 'quasi',
          'hanbit-warehouse.fact_searches.user_id': 'quasi',
          'hanbit-warehouse.fact_searches.query': 'sensitive',
          'hanbit-warehouse.fact_searches.result_count': 'none',
        },
      },
      codes: ['pii-tag-differs', 'pii-tag-differs', 'pii-untagged'],
    },
    // PII: birth date as a direct identifier.
    {
      at: 't5-l1-pii-catalogue/tag-production',
      answer: {
        tags: {
          'hanbit-prod.customers.customer_id': 'quasi',
          'hanbit-prod.customers.name': 'direct',
          'hanbit-prod.customers.email': 'direct',
          'hanbit-prod.customers.phone': 'direct',
          'hanbit-prod.customers.gender': 'quasi',
          'hanbit-prod.customers.birth_date': 'direct',
          'hanbit-prod.customers.created_at': 'none',
          'hanbit-prod.addresses.street': 'direct',
          'hanbit-prod.addresses.postal_code': 'quasi',
          'hanbit-prod.addresses.region': 'quasi',
          'hanbit-prod.addresses.city': 'quasi',
          'hanbit-prod.addresses.is_default': 'none',
        },
      },
      codes: ['pii-tag-differs'],
      en: ['birth_date'],
    },
    // Masked view: gender left out to reach k, though the analyst asked for it.
    {
      at: 't5-l5-masked-view/analyst-view',
      answer: {
        sql: `CREATE VIEW analyst_customers AS
SELECT pseudonym(c.customer_id) AS customer_pid, ${BAND} AS age_band,
  iif(a.region IN ('서울', '경기', '인천'), '수도권', '비수도권') AS region
FROM customers c JOIN addresses a ON a.customer_id = c.customer_id AND a.is_default = 1`,
      },
      codes: ['mask-quasi-missing'],
    },
    // Masked view: an unkeyed scramble of the id instead of pseudonym() (anyone can undo it).
    {
      at: 't5-l5-masked-view/analyst-view',
      answer: {
        sql: `CREATE VIEW analyst_customers AS
SELECT c.customer_id * 7919 + 13 AS customer_pid, c.gender, ${BAND} AS age_band,
  CASE WHEN c.birth_date = '1900-01-01' THEN NULL WHEN a.region IN ('서울', '경기', '인천') THEN '수도권' ELSE '비수도권' END AS region
FROM customers c JOIN addresses a ON a.customer_id = c.customer_id AND a.is_default = 1`,
      },
      codes: ['mask-raw-id', 'mask-id-missing'],
    },
    // Masked view: the birth date kept "for the model": a quasi-identifier that singles people out again.
    {
      at: 't5-l5-masked-view/analyst-view',
      answer: {
        sql: `CREATE VIEW analyst_customers AS
SELECT pseudonym(c.customer_id) AS customer_pid, c.gender, c.birth_date, ${BAND} AS age_band,
  CASE WHEN c.birth_date = '1900-01-01' THEN NULL WHEN a.region IN ('서울', '경기', '인천') THEN '수도권' ELSE '비수도권' END AS region
FROM customers c JOIN addresses a ON a.customer_id = c.customer_id AND a.is_default = 1`,
      },
      codes: ['known-mistake', 'mask-k-too-small'],
      en: ['birth date'],
    },
    // Quality: a threshold set to today's count passes here and catches nothing.
    {
      at: 't5-l2-quality-checks/production-checks',
      answer: {
        yaml: `checks for hanbit-prod.customers:
  - missing_count(email) = 36
  - invalid_count(birth_date) = 0:
      invalid values: ['1900-01-01']
  - invalid_count(email) = 0:
      invalid regex: '^qa\\+\\d+@hanbitmarket\\.co\\.kr$'
checks for hanbit-prod.order_items:
  - values in (order_id) must exist in orders (order_id)
  - invalid_count(quantity) = 0:
      valid min: 1
checks for hanbit-prod.payments:
  - duplicate_count(order_id) = 0
`,
      },
      codes: ['quality-problem-missed'],
    },
    // Test accounts as the shop's domain: right count here, a real customer caught on the variant.
    {
      at: 't5-l2-quality-checks/orders-checks',
      answer: {
        yaml: `checks for hanbit-prod.orders:
  time column: ordered_at
  checks:
    - freshness(ordered_at) < 1d
    - row_count between 15000 and 25000
    - invalid_count(status):
        valid values: [paid, shipped, delivered, refunded]
        warn: when > 0
    - failed rows:
        fail condition: customer_id IN (SELECT customer_id FROM customers WHERE email LIKE '%@hanbitmarket.co.kr')
`,
      },
      codes: ['variant-differs'],
    },
    // Every search event counted (volume), not the ones missing their keyword.
    {
      at: 't5-l3-monitoring/keyword-check',
      answer: {
        yaml: `checks for lake:events/*.jsonl.gz as events:
  time column: ts
  checks:
    - failed rows:
        fail condition: event_name = 'search'
`,
      },
      codes: ['quality-problem-missed', 'quality-fails-on-healthy'],
    },
    // Impacts: the whole dashboard marked "to be safe" (the spend and search charts do not read payments), with marketing's spend owner.
    {
      at: 't5-l4-impact/payments-impact',
      answer: {
        source: 'table:hanbit-prod.payments',
        affected: [
          'metric:net-revenue',
          'metric:orders',
          'metric:active-buyers',
          'metric:average-order-value',
          'metric:gross-revenue',
          'metric:revenue-sales-report',
          'metric:refund-rate',
          'metric:marketing-spend',
          'tile:starter/kpi-revenue',
          'tile:starter/chart-revenue',
          'tile:starter/kpi-orders',
          'tile:starter/kpi-buyers',
          'tile:starter/kpi-aov',
          'tile:starter/chart-gross-revenue',
          'tile:starter/chart-spend',
          'tile:starter/chart-search-ctr',
        ],
        owners: ['commerce', 'data-platform', 'crm', 'marketing', 'search'],
      },
      codes: ['impact-extra', 'impact-owners-extra'],
    },
    // Started from the warehouse table the ETL fills, not the broken source.
    {
      at: 't5-l4-impact/crm-export-impact',
      answer: {
        source: 'table:hanbit-warehouse.dim_customer',
        affected: ['model:stg_customers', 'model:mart_customers'],
        owners: ['data-platform'],
      },
      codes: ['impact-wrong-source'],
    },
    // Choices: a wrong one picked, or a right one left out.
    { at: 't5-l1-pii-catalogue/warehouse-shareable', selected: ['yes-drop-id'], codes: ['wrong-choice'] },
    { at: 't5-l2-quality-checks/which-hits-revenue', selected: ['duplicate-payments', 'negative-quantities'], codes: ['wrong-choice'] },
    { at: 't5-l3-monitoring/aftercare', selected: ['fix-reader', 'backfill'], codes: ['choices-missing'] },
    { at: 't5-l4-impact/rename-reaches', selected: ['search-ctr'], codes: ['wrong-choice'], en: ['search log'] },
    { at: 't5-l4-impact/really-changes', selected: ['net-revenue', 'gross-revenue'], codes: ['wrong-choice'] },
    { at: 't5-l5-masked-view/training-data', selected: ['drop-test-accounts', 'unknown-age', 'drop-no-email'], codes: ['wrong-choice'] },
  ];

  describe('right answers written another way pass', () => rightAnswersPass(RIGHT));
  describe('typical wrong answers fail with the message that names the mistake', () => wrongAnswersFail(WRONG));
});

describe('Track 6 and the closing lesson', () => {
  /** Purchased orders, the rule every "bought together" step states. */
  const BOUGHT = "o.status IN ('paid', 'shipped', 'delivered')";
  /** Order-product pairs once per order, written with GROUP BY instead of DISTINCT. */
  const LINES = `WITH lines AS (SELECT i.order_id, i.product_id FROM fact_order_items i JOIN fact_orders o ON o.order_id = i.order_id
      WHERE ${BOUGHT} GROUP BY i.order_id, i.product_id)`;
  /** Human requests per hour. */
  const HUMAN = 'WITH h AS (SELECT hour, requests - bot_requests AS actual FROM fact_web_requests_hourly)';
  /** The same hour last week by LAG over the complete run of hours (336 rows, none missing). */
  const LAGGED = `${HUMAN}, f AS (SELECT hour, actual, lag(actual, 168) OVER (ORDER BY hour) AS forecast FROM h)`;
  const WEEK2 = "hour >= '2025-12-17' AND hour < '2025-12-24'";

  const RIGHT: Case[] = [
    // The other products of orders holding 37, found by EXISTS and counted by distinct order.
    {
      at: 't6-l1-bought-together/pairs-with-37',
      sql: `SELECT i.product_id, count(DISTINCT i.order_id) AS together FROM fact_order_items i JOIN fact_orders o ON o.order_id = i.order_id
        WHERE ${BOUGHT} AND i.product_id <> 37 AND EXISTS (SELECT 1 FROM fact_order_items j WHERE j.order_id = i.order_id AND j.product_id = 37)
        GROUP BY i.product_id`,
    },
    // Typed with four decimals after a query that counts by distinct order ids.
    {
      at: 't6-l1-bought-together/confidence-259',
      typed: {
        sql: `SELECT 100.0 * count(DISTINCT CASE WHEN i.product_id = 259 THEN i.order_id END) / count(DISTINCT CASE WHEN i.product_id = 37 THEN i.order_id END)
          FROM fact_order_items i JOIN fact_orders o ON o.order_id = i.order_id
          WHERE ${BOUGHT} AND i.order_id IN (SELECT order_id FROM fact_order_items WHERE product_id = 37)`,
        decimals: 4,
      },
    },
    // Lift as confidence over the product's share, typed unrounded.
    {
      at: 't6-l1-bought-together/lift-259',
      typed: {
        sql: `${LINES}, n AS (SELECT count(DISTINCT order_id) AS n FROM lines)
          SELECT (1.0 * (SELECT count(*) FROM lines a JOIN lines b USING (order_id) WHERE a.product_id = 37 AND b.product_id = 259) / (SELECT count(*) FROM lines WHERE product_id = 37))
            / (1.0 * (SELECT count(*) FROM lines WHERE product_id = 259) / (SELECT n FROM n))`,
        decimals: 4,
      },
    },
    // Window counts instead of joined CTEs, values rounded to three decimals, ties broken as stated.
    {
      at: 't6-l1-bought-together/top-five',
      sql: `${LINES}, counted AS (SELECT order_id, product_id, count(*) OVER (PARTITION BY product_id) AS orders, (SELECT count(DISTINCT order_id) FROM lines) AS n FROM lines)
        SELECT b.product_id, count(*) AS together, round(1.0 * count(*) / a.orders, 3) AS confidence, round(1.0 * count(*) * a.n / (a.orders * b.orders), 3) AS lift
        FROM counted a JOIN counted b ON b.order_id = a.order_id AND b.product_id <> a.product_id
        WHERE a.product_id = 37 GROUP BY b.product_id ORDER BY 2 DESC, 1.0 * count(*) * a.n / (a.orders * b.orders) DESC, 1 LIMIT 5`,
    },
    { at: 't6-l1-bought-together/popular-not-related', selected: ['popular'] },
    // LAG over the whole run of hours, the week as a half-open range.
    { at: 't6-l2-baseline-first/last-week-forecast', sql: `${LAGGED} SELECT hour, actual, forecast FROM f WHERE ${WEEK2}` },
    // '-168 hours' is the same hour a week earlier.
    {
      at: 't6-l2-baseline-first/last-week-forecast',
      sql: `SELECT c.hour, c.requests - c.bot_requests AS actual, p.requests - p.bot_requests AS forecast FROM fact_web_requests_hourly c
        JOIN fact_web_requests_hourly p ON p.hour = strftime('%Y-%m-%d %H:00', c.hour || ':00', '-168 hours') WHERE c.hour >= '2025-12-17'`,
    },
    { at: 't6-l2-baseline-first/mae-last-week', typed: { sql: `${LAGGED} SELECT avg(abs(actual - forecast)) FROM f WHERE ${WEEK2}`, decimals: 3 } },
    { at: 't6-l2-baseline-first/zero-hours', text: '7' },
    // NULLIF leaves the zero hours out of avg(), as the rule asks.
    {
      at: 't6-l2-baseline-first/mape-last-week',
      typed: { sql: `${LAGGED} SELECT 100.0 * avg(abs(actual - forecast) / CAST(nullif(actual, 0) AS REAL)) FROM f WHERE ${WEEK2}`, decimals: 4 },
    },
    // The moving average as a window over the same hour of day (the hours are complete, so 7 rows back is 7 days back).
    {
      at: 't6-l2-baseline-first/mae-moving-average',
      typed: {
        sql: `${HUMAN}, f AS (SELECT hour, actual, avg(actual) OVER (PARTITION BY substr(hour, 12) ORDER BY hour ROWS BETWEEN 7 PRECEDING AND 1 PRECEDING) AS forecast FROM h)
          SELECT avg(abs(actual - forecast)) FROM f WHERE ${WEEK2}`,
        decimals: 2,
      },
    },
    { at: 't6-l2-baseline-first/bar-to-beat', selected: ['keep-baseline'] },
    // LIKE for the time of day, BETWEEN up to the day before.
    {
      at: 't6-l3-explain-prediction/forecast-inputs',
      sql: `SELECT hour AS input_hour, requests - bot_requests AS human_requests FROM fact_web_requests_hourly
        WHERE hour LIKE '% 21:00' AND hour BETWEEN '2025-12-15' AND '2025-12-21 23:00' ORDER BY hour`,
    },
    { at: 't6-l3-explain-prediction/forecast-value', text: '100.29' },
    { at: 't6-l3-explain-prediction/why-low', selected: ['presale-days'] },
    {
      at: 't6-l3-explain-prediction/lift-261',
      typed: {
        sql: `${LINES} SELECT 1.0 * (SELECT count(*) FROM lines a JOIN lines b USING (order_id) WHERE a.product_id = 37 AND b.product_id = 261) * (SELECT count(DISTINCT order_id) FROM lines)
          / ((SELECT count(*) FROM lines WHERE product_id = 37) * (SELECT count(*) FROM lines WHERE product_id = 261))`,
        decimals: 3,
      },
    },
    { at: 't6-l3-explain-prediction/why-toilet-paper', selected: ['lift-tie-break'] },
    // iif and a correlated lookup of the day instead of a join.
    {
      at: 't6-l4-virtuous-cycle/error-by-sale',
      sql: `SELECT sale_day, count(*) AS hours, avg(abs(actual - forecast)) AS mae, sum(actual - forecast) * 1.0 / count(*) AS bias FROM (
          SELECT f.*, iif((SELECT sale_id FROM dim_date d WHERE d.date = date(f.hour || ':00')) IS NULL, 0, 1) AS sale_day FROM forecast_log f)
        GROUP BY sale_day`,
    },
    { at: 't6-l4-virtuous-cycle/hypothesis', selected: ['sale-uplift'] },
    { at: 't6-l4-virtuous-cycle/what-to-collect', selected: ['forecast-log', 'sale-calendar'] },
    { at: 't6-l4-virtuous-cycle/reco-collect', selected: ['ab-assignment', 'impressions'] },
    { at: 't6-l4-virtuous-cycle/next-turn', selected: ['adopt-and-iterate'] },
    { at: 'c-l1-closing-cautions/show-results', selected: ['decision-page'] },
    // Units from fact_orders' date through a subquery, ties broken by product id.
    {
      at: 'c-l1-closing-cautions/quick-win',
      sql: `SELECT product_id, sum(quantity) AS units FROM fact_order_items
        WHERE order_id IN (SELECT order_id FROM fact_orders o WHERE ${BOUGHT} AND order_date >= '2025-12-19' AND order_date < '2025-12-24')
        GROUP BY product_id ORDER BY units DESC, product_id ASC LIMIT 5`,
    },
    { at: 'c-l1-closing-cautions/trusted-revenue', text: '108,423,140' },
    { at: 'c-l1-closing-cautions/build-infrastructure', selected: ['pipeline-task'] },
    // A join to customers and CASE sums instead of IN subqueries.
    {
      at: 'c-l1-closing-cautions/quality-first',
      sql: `SELECT count(*) AS all_orders, sum(CASE WHEN c.email LIKE 'qa+%@hanbitmarket.co.kr' THEN 1 ELSE 0 END) AS test_account_orders,
          sum(CASE WHEN o.status IN ('cancelled', 'pending_payment', 'refunded') THEN 1 ELSE 0 END) AS not_purchased_orders,
          sum(CASE WHEN coalesce(c.email, '') NOT LIKE 'qa+%@hanbitmarket.co.kr' AND ${BOUGHT} THEN 1 ELSE 0 END) AS usable_orders
        FROM orders o LEFT JOIN customers c ON c.customer_id = o.customer_id`,
    },
    { at: 'c-l1-closing-cautions/hypothesis-then-metric', selected: ['hypothesis-plan'] },
    { at: 'c-l1-closing-cautions/start-small', selected: ['rule-first'] },
  ];

  const WRONG: Case[] = [
    // Only cancelled orders left out: unpaid and refunded ones still make pairs.
    {
      at: 't6-l1-bought-together/pairs-with-37',
      sql: `${LINES.replace(BOUGHT, "o.status <> 'cancelled'")} SELECT b.product_id, count(*) AS together FROM lines a JOIN lines b ON b.order_id = a.order_id AND b.product_id <> a.product_id
        WHERE a.product_id = 37 GROUP BY b.product_id`,
      codes: ['rows-missing', 'rows-extra'],
    },
    // The confidence typed as a ratio instead of a percentage.
    { at: 't6-l1-bought-together/confidence-259', text: '0.032', codes: ['number-wrong'] },
    // The confidence typed where the lift is asked.
    { at: 't6-l1-bought-together/lift-259', text: '3.2', codes: ['number-wrong'] },
    // Every candidate, no LIMIT.
    {
      at: 't6-l1-bought-together/top-five',
      sql: `${LINES}, per AS (SELECT product_id, count(*) AS orders FROM lines GROUP BY product_id)
        SELECT b.product_id, count(*) AS together, 1.0 * count(*) / pa.orders AS confidence,
          1.0 * count(*) * (SELECT count(DISTINCT order_id) FROM lines) / (pa.orders * pb.orders) AS lift
        FROM lines a JOIN lines b ON b.order_id = a.order_id AND b.product_id <> a.product_id JOIN per pa ON pa.product_id = 37 JOIN per pb ON pb.product_id = b.product_id
        WHERE a.product_id = 37 GROUP BY b.product_id ORDER BY together DESC, lift DESC, b.product_id`,
      codes: ['rows-extra'],
    },
    { at: 't6-l1-bought-together/popular-not-related', selected: ['negative-75'], codes: ['wrong-choice'], en: ['share'] },
    // Forecast by the hour before, with LAG inside the filtered rows: not the rule asked for, and the first hour has none.
    {
      at: 't6-l2-baseline-first/last-week-forecast',
      sql: `${HUMAN} SELECT hour, actual, lag(actual) OVER (ORDER BY hour) AS forecast FROM h WHERE ${WEEK2}`,
      codes: ['nulls-where-values', 'column-differs'],
      en: ['forecast'],
    },
    // The same-hour-yesterday baseline's MAE typed into the last-week step.
    {
      at: 't6-l2-baseline-first/mae-last-week',
      typed: { sql: `${HUMAN}, f AS (SELECT hour, actual, lag(actual, 24) OVER (ORDER BY hour) AS forecast FROM h) SELECT avg(abs(actual - forecast)) FROM f WHERE ${WEEK2}`, decimals: 1 },
      codes: ['number-wrong'],
    },
    { at: 't6-l2-baseline-first/zero-hours', text: '168', codes: ['number-wrong'] },
    // MAPE typed as a fraction.
    { at: 't6-l2-baseline-first/mape-last-week', text: '0.684', codes: ['number-wrong'] },
    // A window that takes the current hour into its own forecast: the leak the step warns about.
    {
      at: 't6-l2-baseline-first/mae-moving-average',
      typed: {
        sql: `${HUMAN}, f AS (SELECT hour, actual, avg(actual) OVER (PARTITION BY substr(hour, 12) ORDER BY hour ROWS BETWEEN 6 PRECEDING AND CURRENT ROW) AS forecast FROM h)
          SELECT round(avg(abs(actual - forecast)), 1) FROM f WHERE ${WEEK2}`,
        decimals: 1,
      },
      codes: ['known-mistake'],
      en: ['peeked'],
    },
    { at: 't6-l2-baseline-first/bar-to-beat', selected: ['cannot-compare'], codes: ['wrong-choice'] },
    // The right inputs without ORDER BY.
    {
      at: 't6-l3-explain-prediction/forecast-inputs',
      sql: `SELECT hour AS input_hour, requests - bot_requests AS human_requests FROM fact_web_requests_hourly
        WHERE substr(hour, 12) = '21:00' AND hour >= '2025-12-15 21:00' AND hour < '2025-12-22 21:00'`,
      codes: ['order-by-required'],
    },
    // The actual typed where the forecast is asked.
    { at: 't6-l3-explain-prediction/forecast-value', text: '156', codes: ['number-wrong'] },
    { at: 't6-l3-explain-prediction/why-low', selected: ['monday'], codes: ['wrong-choice'], en: ['weekdays'] },
    // Product 31's lift typed for 261.
    { at: 't6-l3-explain-prediction/lift-261', text: '2.54', codes: ['number-wrong'] },
    { at: 't6-l3-explain-prediction/why-toilet-paper', selected: ['smaller-id'], codes: ['wrong-choice'] },
    // The MAE as the gap between mean actual and mean forecast (the bias again).
    {
      at: 't6-l4-virtuous-cycle/error-by-sale',
      sql: `SELECT CASE WHEN d.sale_id IS NULL THEN 0 ELSE 1 END AS sale_day, count(*) AS hours, abs(avg(f.actual) - avg(f.forecast)) AS mae,
          avg(f.actual - f.forecast) AS bias FROM forecast_log f JOIN dim_date d ON d.date = substr(f.hour, 1, 10) GROUP BY 1`,
      codes: ['column-differs'],
      en: ['mae'],
    },
    { at: 't6-l4-virtuous-cycle/hypothesis', selected: ['random'], codes: ['wrong-choice'] },
    { at: 't6-l4-virtuous-cycle/what-to-collect', selected: ['forecast-log', 'customer-pii'], codes: ['wrong-choice'] },
    { at: 't6-l4-virtuous-cycle/reco-collect', selected: ['ab-assignment'], codes: ['choices-missing'] },
    { at: 't6-l4-virtuous-cycle/next-turn', selected: ['rollback'], codes: ['wrong-choice'] },
    { at: 'c-l1-closing-cautions/show-results', selected: ['raw-table'], codes: ['wrong-choice'] },
    // The sale days by order time: BETWEEN '…-23' stops at midnight of the last day.
    {
      at: 'c-l1-closing-cautions/quick-win',
      sql: `SELECT i.product_id, sum(i.quantity) AS units FROM fact_order_items i JOIN fact_orders o ON o.order_id = i.order_id
        WHERE ${BOUGHT} AND o.ordered_at BETWEEN '2025-12-19' AND '2025-12-23' GROUP BY i.product_id ORDER BY units DESC, i.product_id LIMIT 5`,
      codes: ['rows-missing', 'rows-extra'],
    },
    // Gross minus refunds from total_amount: unpaid orders still in.
    {
      at: 'c-l1-closing-cautions/trusted-revenue',
      typed: { sql: "SELECT sum(total_amount - refunded_amount) FROM fact_orders WHERE order_date LIKE '2025-12%'", decimals: 0 },
      codes: ['number-wrong'],
    },
    { at: 'c-l1-closing-cautions/build-infrastructure', selected: ['desktop-sql'], codes: ['wrong-choice'] },
    // Test accounts by a loose pattern: right here, wrong on the hidden variant, where a customer's own address starts with 'qa.'.
    {
      at: 'c-l1-closing-cautions/quality-first',
      sql: `WITH t AS (SELECT customer_id FROM customers WHERE email LIKE 'qa%')
        SELECT count(*) AS all_orders, sum(customer_id IN t) AS test_account_orders,
          sum(status IN ('cancelled', 'pending_payment', 'refunded')) AS not_purchased_orders,
          sum(customer_id NOT IN t AND status IN ('paid', 'shipped', 'delivered')) AS usable_orders
        FROM orders`,
      codes: ['variant-differs'],
    },
    { at: 'c-l1-closing-cautions/hypothesis-then-metric', selected: ['revenue-only'], codes: ['wrong-choice'] },
    { at: 'c-l1-closing-cautions/start-small', selected: ['both-at-once'], codes: ['wrong-choice'] },
  ];

  describe('right answers written another way pass', () => rightAnswersPass(RIGHT));
  describe('typical wrong answers fail with the message that names the mistake', () => wrongAnswersFail(WRONG));
});
