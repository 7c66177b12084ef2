import { join } from 'node:path';
import type { SqlJsStatic } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseProvider, GradeContext } from '../../core/grading/engine.ts';
import { gradeStepAsync } from '../../core/grading/grade-step.ts';
import { formatMessage, type MessageCode } from '../../core/grading/messages.ts';
import { loadLessons } from '../../core/lessons/load.ts';
import type { Lesson } from '../../core/lessons/schema.ts';
import type { Step } from '../../core/lessons/step-kinds.ts';
import { createGradingEngine, loadDatasets, loadSqlJs } from '../../scripts/lib/datasets.ts';
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
  ctx = { engine: await createGradingEngine(), databases: provider };
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

function rightAnswersPass(cases: Case[]): void {
  for (const c of cases) {
    it(label(c), async () => {
      const verdict = await grade(c);
      expect(verdict.messages.map((m) => formatMessage(m, 'en'))).toEqual([]);
      expect(verdict.pass).toBe(true);
    });
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
    });
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
    { at: 't5-l3-monitoring/day-it-broke', selected: ['jan-15-rename'] },
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
