import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GradeContext } from '../../core/grading/engine.ts';
import { gradeStepAsync } from '../../core/grading/grade-step.ts';
import { formatMessage, type MessageCode } from '../../core/grading/messages.ts';
import { loadLessons } from '../../core/lessons/load.ts';
import type { Lesson } from '../../core/lessons/schema.ts';
import type { Step } from '../../core/lessons/step-kinds.ts';
import { createGradingEngine, loadDatasets } from '../../scripts/lib/datasets.ts';
import { readLessonFiles } from '../../scripts/lib/lesson-files.ts';

/**
 * Answers to the SQL exercises of Tracks 1 (ETL) and 2 (ELT), graded through the real grader on
 * the bundled data and its hidden variant, as a learner's Check is. Right answers written another
 * way than the reference (another date rewrite, another dedupe, another upsert, another join) must
 * pass; typical wrong answers the lessons do not list must fail with the message a learner needs.
 */

const ROOT = join(import.meta.dirname, '..', '..');

interface Case {
  at: string;
  sql?: string;
  text?: string;
  /** Codes the verdict must carry, in order; omitted for answers that must pass. */
  codes?: MessageCode[];
  /** Text the English feedback must contain. */
  en?: string[];
}

// The date rewrite and the amount as a learner may write them: CASE per format, and digits kept by a filter.
const DATE_CASE = `CASE WHEN "date" LIKE '____/__/__' THEN replace("date", '/', '-')
  WHEN length("date") = 8 THEN substr("date", 1, 4) || '-' || substr("date", 5, 2) || '-' || substr("date", 7, 2)
  ELSE "date" END`;
const AMOUNT = `CAST(replace(replace(spend, ',', ''), '원', '') AS INTEGER)`;
const DEC_DATE = `substr(replace(replace("Date", '.', ''), '-', ''), 1, 4) || '-' || substr(replace(replace("Date", '.', ''), '-', ''), 5, 2) || '-' || substr(replace(replace("Date", '.', ''), '-', ''), 7, 2)`;
const DEC_AMOUNT = `CAST(replace(replace(replace("Cost (KRW)", ',', ''), '원', ''), ' ', '') AS INTEGER)`;

const RIGHT: Case[] = [
  { at: 't1-l1-extract/see-as-is', sql: 'SELECT channel, count(_line) AS lines FROM raw_marketing_spend GROUP BY 1 ORDER BY 2 DESC' },
  { at: 't1-l1-extract/non-iso-dates', text: '47' },
  { at: 't1-l2-clean/fix-dates', sql: `SELECT _line, "date" AS raw_date, ${DATE_CASE} AS spend_date FROM raw_marketing_spend ORDER BY _line` },
  {
    at: 't1-l2-clean/clean-spend',
    sql: `CREATE TABLE stg_marketing_spend (spend_date TEXT, channel TEXT, spend_krw INTEGER);
      INSERT INTO stg_marketing_spend
      SELECT ${DATE_CASE}, lower(trim(channel)), ${AMOUNT} FROM raw_marketing_spend r
      WHERE NOT EXISTS (SELECT 1 FROM raw_marketing_spend e WHERE e._line < r._line
        AND replace(replace(e."date", '-', ''), '/', '') = replace(replace(r."date", '-', ''), '/', '')
        AND lower(trim(e.channel)) = lower(trim(r.channel)))`,
  },
  {
    at: 't1-l2-clean/quarantine-duplicates',
    sql: `INSERT INTO etl_rejects SELECT 'lake.exports/marketing_spend_2024-08.csv', 'line ' || r._line, 'duplicate_row'
      FROM raw_marketing_spend r
      WHERE r._line NOT IN (SELECT min(_line) FROM raw_marketing_spend
        GROUP BY replace(replace("date", '-', ''), '/', ''), lower(trim(channel)))`,
  },
  {
    at: 't1-l3-load/reload-august',
    sql: `DELETE FROM marketing_spend WHERE spend_date LIKE '2024-08-%';
      INSERT INTO marketing_spend SELECT spend_date, channel, NULL, spend_krw FROM stg_marketing_spend`,
  },
  {
    at: 't1-l3-load/upsert-products',
    sql: `UPDATE dim_product SET
        previous_price = CASE WHEN s.current_price <> dim_product.current_price THEN dim_product.current_price ELSE previous_price END,
        price_changed_on = CASE WHEN s.current_price <> dim_product.current_price THEN '2026-01-01' ELSE price_changed_on END,
        current_price = s.current_price, status = s.status
      FROM stg_product_changes s WHERE s.product_id = dim_product.product_id;
      INSERT INTO dim_product (product_id, sku, name, name_en, category, category_en, line, current_price, unit_cost, status)
      SELECT product_id, sku, name, name_en, category, category_en, line, current_price, unit_cost, status
      FROM stg_product_changes WHERE product_id NOT IN (SELECT product_id FROM dim_product)`,
  },
  {
    at: 't1-l5-nightly/load-one-day',
    sql: `DELETE FROM marketing_spend WHERE spend_date = '2025-12-13';
      INSERT OR IGNORE INTO marketing_spend
      SELECT ${DEC_DATE} AS d, lower(trim("Channel")), trim("Campaign"), ${DEC_AMOUNT}
      FROM raw_marketing_spend WHERE ${DEC_DATE} = '2025-12-13' ORDER BY _line`,
  },
  {
    at: 't1-l5-nightly/reconcile-day',
    sql: `SELECT count(*) AS source_lines,
        (SELECT count(*) FROM marketing_spend WHERE spend_date = '2025-12-13') AS loaded_rows,
        sum(EXISTS (SELECT 1 FROM etl_rejects j WHERE j.record_key = 'line ' || r._line AND j.source LIKE '%2025-12.csv')) AS rejected_lines,
        sum(${DEC_AMOUNT}) AS source_krw,
        (SELECT sum(spend_krw) FROM marketing_spend WHERE spend_date = '2025-12-13') AS loaded_krw
      FROM raw_marketing_spend r WHERE ${DEC_DATE} = '2025-12-13'`,
  },
  {
    at: 't1-l5-nightly/table-records',
    sql: `INSERT INTO table_records VALUES ('etl_rejects', 'data-platform', 'Lines the ETL left out, and why');
      INSERT INTO table_records VALUES ('marketing_spend', 'marketing', 'Spend per day and channel for budget decisions')`,
  },
  {
    at: 't2-l1-models/first-model',
    sql: `CREATE VIEW stg_orders AS SELECT f.order_id, f.customer_id, f.order_date, f.ordered_at, f.platform, f.status, f.payment_method,
      f.item_count, f.total_amount, f.paid_amount, f.refunded_amount, f.net_revenue FROM fact_orders AS f`,
  },
  { at: 't2-l1-models/parents', text: '3' },
  {
    at: 't2-l2-marts/mart-customers',
    sql: `CREATE TABLE mart_customers AS SELECT c.customer_id, c.region, count(o.order_id) AS order_count,
      coalesce(sum(o.net_revenue), 0) AS net_revenue, min(o.order_date) AS first_order_date, max(o.order_date) AS last_order_date
      FROM stg_customers c LEFT JOIN stg_orders o ON o.customer_id = c.customer_id GROUP BY c.customer_id, c.region`,
  },
  {
    at: 't2-l2-marts/mart-orders',
    sql: `CREATE TABLE mart_orders AS SELECT o.order_id, o.customer_id, o.order_date, o.status,
      count(i.order_item_id) AS line_count, coalesce(sum(i.quantity), 0) AS units, coalesce(sum(i.line_amount), 0) AS items_amount,
      o.net_revenue, iif(o.refunded_amount > 0, 1, 0) AS is_refunded
      FROM stg_orders o LEFT JOIN stg_order_items i ON i.order_id = o.order_id GROUP BY o.order_id`,
  },
  { at: 't2-l3-tests/unique-test', sql: 'SELECT order_id, count(payment_id) AS n_records FROM payments GROUP BY order_id HAVING n_records >= 2' },
  {
    at: 't2-l3-tests/fix-stg-payments',
    sql: `CREATE VIEW stg_payments AS SELECT payment_id, order_id, paid_at, method, amount FROM payments
      WHERE payment_id IN (SELECT min(payment_id) FROM payments GROUP BY order_id)`,
  },
  {
    at: 't2-l4-etl-vs-elt/etl-way',
    sql: "SELECT channel, sum(spend_krw) AS spend_krw FROM marketing_spend WHERE substr(spend_date, 1, 7) = '2025-12' GROUP BY channel",
  },
  {
    at: 't2-l4-etl-vs-elt/elt-way',
    sql: `SELECT channel, sum(krw) AS spend_krw FROM (
        SELECT DISTINCT ${DEC_DATE} AS d, lower(trim("Channel")) AS channel, ${DEC_AMOUNT} AS krw FROM raw_marketing_spend)
      GROUP BY channel`,
  },
];

const WRONG: Case[] = [
  // The amount left as text: right digits, wrong type, so the values differ.
  {
    at: 't1-l2-clean/clean-spend',
    sql: `CREATE TABLE stg_marketing_spend AS SELECT DISTINCT ${DATE_CASE} AS spend_date, lower(trim(channel)) AS channel,
      replace(replace(spend, ',', ''), '원', '') AS spend_krw FROM raw_marketing_spend`,
    codes: ['known-mistake', 'column-differs'],
  },
  // The month's DELETE written without a wildcard deletes nothing, so the INSERT hits yesterday's keys.
  {
    at: 't1-l3-load/reload-august',
    sql: "DELETE FROM marketing_spend WHERE spend_date LIKE '2024-08'; INSERT INTO marketing_spend SELECT spend_date, channel, NULL, spend_krw FROM stg_marketing_spend",
    codes: ['sql-error'],
    en: ['UNIQUE'],
  },
  // The day picked by the raw date: the dotted lines are missed.
  {
    at: 't1-l5-nightly/load-one-day',
    sql: `DELETE FROM marketing_spend WHERE spend_date = '2025-12-13';
      INSERT OR IGNORE INTO marketing_spend SELECT "Date", lower(trim("Channel")), trim("Campaign"), ${DEC_AMOUNT}
      FROM raw_marketing_spend WHERE "Date" = '2025-12-13'`,
    codes: ['known-mistake', 'rows-missing'],
    en: ['2025.12.13'],
  },
  // The marketing team's table owned by the team that built the pipeline, in the learner's own purpose words
  // (the purpose is not graded): the lesson's explanation, then the row and column.
  {
    at: 't1-l5-nightly/table-records',
    sql: "INSERT INTO table_records VALUES ('marketing_spend', 'data-platform', 'Spend per day and channel'), ('etl_rejects', 'data-platform', 'Lines left out by the ETL')",
    codes: ['known-mistake', 'column-differs'],
    en: ['The business owner is the team', 'owner', 'marketing'],
  },
  // A purpose too short to be a record is refused by the table itself.
  {
    at: 't1-l5-nightly/table-records',
    sql: "INSERT INTO table_records VALUES ('marketing_spend', 'marketing', 'ads'), ('etl_rejects', 'data-platform', 'rejects')",
    codes: ['sql-error'],
  },
  // Customers without orders dropped by an inner join written with WHERE.
  {
    at: 't2-l2-marts/mart-customers',
    sql: `CREATE TABLE mart_customers AS SELECT c.customer_id, c.region, count(*) AS order_count, sum(o.net_revenue) AS net_revenue,
      min(o.order_date) AS first_order_date, max(o.order_date) AS last_order_date
      FROM stg_customers c, stg_orders o WHERE o.customer_id = c.customer_id GROUP BY c.customer_id`,
    codes: ['known-mistake', 'rows-missing'],
    en: ['LEFT JOIN'],
  },
  // Dedupe by the raw line instead of the cleaned key: exact duplicates go, but the sums still count the first lines' raw spelling.
  {
    at: 't2-l4-etl-vs-elt/elt-way',
    sql: `SELECT "Channel" AS channel, sum(${DEC_AMOUNT}) AS spend_krw FROM (SELECT DISTINCT "Date", "Channel", "Cost (KRW)" FROM raw_marketing_spend) GROUP BY "Channel"`,
    codes: ['rows-missing', 'rows-extra'],
  },
];

let packs: Lesson[];
let ctx: GradeContext;

beforeAll(async () => {
  packs = loadLessons(readLessonFiles(join(ROOT, 'lessons'))).packs.map((p) => p.lesson);
  const datasets = await loadDatasets(ROOT);
  ctx = { engine: await createGradingEngine(), databases: datasets.provider };
}, 60_000);

function stepAt(at: string): { lesson: Lesson; step: Step } {
  const [lessonId, stepId] = at.split('/');
  const lesson = packs.find((l) => l.id === lessonId);
  const step = lesson?.steps.find((s) => s.id === stepId);
  if (!lesson || !step) throw new Error(`no step ${at}`);
  return { lesson, step: step as Step };
}

function grade(c: Case) {
  const { lesson, step } = stepAt(c.at);
  return gradeStepAsync(lesson, step, c.sql !== undefined ? { sql: c.sql } : { text: c.text ?? '' }, ctx);
}

const label = (c: Case): string => `${c.at}: ${(c.sql ?? c.text ?? '').replace(/\s+/g, ' ').slice(0, 90)}`;

describe('Tracks 1-2: right answers written another way pass', () => {
  for (const c of RIGHT) {
    it(label(c), async () => {
      const verdict = await grade(c);
      expect(verdict.messages.map((m) => formatMessage(m, 'en'))).toEqual([]);
      expect(verdict.pass).toBe(true);
    });
  }
});

describe('Tracks 1-2: typical wrong answers fail with the message that names the mistake', () => {
  for (const c of WRONG) {
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
});
