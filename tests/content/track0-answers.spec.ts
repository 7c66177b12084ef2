import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Verdict } from '../../core/grading/compare.ts';
import { finalResult, runOnFreshCopy, type GradeContext } from '../../core/grading/engine.ts';
import { gradeStep } from '../../core/grading/grade-step.ts';
import { formatMessage, type MessageCode } from '../../core/grading/messages.ts';
import { loadLessons } from '../../core/lessons/load.ts';
import type { Lesson } from '../../core/lessons/schema.ts';
import type { Step } from '../../core/lessons/step-kinds.ts';
import { createGradingEngine, loadDatasets } from '../../scripts/lib/datasets.ts';
import { readLessonFiles } from '../../scripts/lib/lesson-files.ts';

/**
 * A corpus of answers to the Track 0 exercises (and the sample lesson), graded through the real
 * grader on the bundled data and its hidden variant, as a learner's Check is: right answers
 * written another way must pass; typical wrong ones must fail with the message that names their
 * mistake. Each wrong answer here skips a rule its prompt states, and several are right on the
 * visible data alone, so they pass only if the hidden variant stopped testing that rule.
 */

const ROOT = join(import.meta.dirname, '..', '..');

/** One answer: SQL, a typed number, or a number computed by SQL on the step's visible data. */
interface Case {
  at: string;
  sql?: string;
  text?: string;
  /** A number step's answer: the value this query gives on the visible data, typed with separators. */
  numberFrom?: string;
  /** Codes the verdict must carry, in order; omitted for answers that must pass. */
  codes?: MessageCode[];
  /** Text the English (en) or Korean (ko) feedback must contain. */
  en?: (string | RegExp)[];
  ko?: (string | RegExp)[];
}

const TEST = "(SELECT customer_id FROM customers WHERE email LIKE 'qa+%@hanbitmarket.co.kr')";
const KEEP = "o.status NOT IN ('cancelled', 'pending_payment')";
const REFUNDS = 'LEFT JOIN (SELECT order_id, sum(amount) AS amount FROM refunds GROUP BY order_id) r ON r.order_id = o.order_id';

const RIGHT: Case[] = [
  { at: 'sample-basics/customers-by-region', sql: 'select REGION, COUNT(customer_id) as Customers from customers group by 1 order by 2 desc, 1' },
  { at: 'sample-basics/delivered-orders', numberFrom: "SELECT count(*) FROM orders WHERE status = 'delivered'" },
  {
    at: 't0-l1-data-literacy/orders-by-platform',
    sql: 'SELECT platform, count(order_id) AS orders FROM fact_orders GROUP BY platform ORDER BY count(*) DESC, platform ASC',
  },
  {
    at: 't0-l1-data-literacy/busiest-month',
    numberFrom: 'SELECT count(*) FROM fact_orders GROUP BY substr(order_date, 1, 7) ORDER BY 1 DESC LIMIT 1',
  },
  {
    at: 't0-l3-data-roles/analyst-kpi',
    sql: "SELECT strftime('%Y-%m', order_date) AS month, sum(net_revenue) AS net_revenue FROM fact_orders WHERE order_date LIKE '2025%' GROUP BY 1 ORDER BY 1",
  },
  {
    at: 't0-l3-data-roles/analyst-kpi',
    sql: "SELECT substr(order_date, 1, 7) AS month, sum(net_revenue) AS net_revenue FROM fact_orders WHERE order_date BETWEEN '2025-01-01' AND '2025-12-31' GROUP BY month ORDER BY month",
  },
  {
    at: 't0-l4-three-layers/order-in-prod',
    sql: 'SELECT order_id, status, total_amount, (SELECT count(*) FROM payments p WHERE p.order_id = o.order_id) AS payment_rows, (SELECT sum(amount) FROM payments p WHERE p.order_id = o.order_id) AS paid_sum FROM orders o WHERE order_id = 777',
  },
  {
    at: 't0-l4-three-layers/order-in-warehouse',
    sql: 'SELECT customer_key, net_revenue, refunded_amount, paid_amount, total_amount, status, order_date, order_id FROM fact_orders WHERE order_id = 777',
  },
  {
    at: 't0-l4-three-layers/customer-history',
    sql: 'SELECT c.customer_key, c.region, c.city, c.valid_from, c.valid_to, c.is_current FROM dim_customer c JOIN fact_orders o ON o.customer_id = c.customer_id WHERE o.order_id = 777 ORDER BY c.valid_from',
  },
  {
    at: 't0-l5-quality-over-size/find-the-dirt',
    sql: `SELECT (SELECT count(*) FROM orders o JOIN customers c USING (customer_id) WHERE c.email LIKE 'qa+%@hanbitmarket.co.kr') AS test_orders,
      (SELECT count(*) FROM orders WHERE status = 'cancelled' OR status = 'pending_payment') AS unpaid_orders,
      (SELECT count(*) FROM (SELECT DISTINCT order_id FROM refunds)) AS refunded_orders,
      (SELECT count(*) - count(DISTINCT order_id) FROM payments) AS extra_payments`,
  },
  {
    at: 't0-l5-quality-over-size/clean-revenue',
    sql: `SELECT count(*) AS orders, sum(o.total_amount) - coalesce(sum((SELECT sum(amount) FROM refunds r WHERE r.order_id = o.order_id)), 0) AS net_revenue
      FROM orders o WHERE substr(o.ordered_at, 1, 7) = '2025-12' AND ${KEEP}
      AND NOT EXISTS (SELECT 1 FROM customers c WHERE c.customer_id = o.customer_id AND c.email LIKE 'qa+%@hanbitmarket.co.kr')`,
  },
  { at: 't0-l5-quality-over-size/warehouse-agrees', numberFrom: "SELECT sum(net_revenue) FROM fact_orders WHERE order_date BETWEEN '2025-12-01' AND '2025-12-31'" },
  {
    at: 't0-l6-distributed-processing/map-partials',
    sql: "SELECT strftime('%Y-%m', order_date) AS month, count(*) AS orders, total(net_revenue) AS net_revenue FROM fact_orders GROUP BY 1 ORDER BY 1",
  },
  { at: 't0-l6-distributed-processing/reduce-total', sql: 'SELECT SUM(orders) orders, SUM(net_revenue) net_revenue FROM partials' },
  { at: 't0-l6-distributed-processing/reduce-average', sql: 'SELECT round(1.0 * sum(net_revenue) / sum(orders), 2) AS avg_net_revenue FROM partials' },
  { at: 't0-l7-cloud-capacity/top-hours', sql: 'SELECT hour, requests FROM fact_web_requests_hourly ORDER BY 2 DESC, 1 LIMIT 5 OFFSET 0' },
  { at: 't0-l7-cloud-capacity/peak-servers', numberFrom: 'SELECT (max(requests) + 49) / 50 FROM fact_web_requests_hourly' },
  {
    at: 't0-l8-batch-vs-realtime/daily-batch',
    sql: "CREATE TABLE daily_sales_20251224 AS SELECT '2025-12-24' AS sales_date, platform, count(*) AS orders, sum(net_revenue) AS net_revenue FROM fact_orders WHERE ordered_at LIKE '2025-12-24%' GROUP BY platform",
  },
  {
    at: 't0-l8-batch-vs-realtime/running-view',
    sql: `CREATE VIEW running_orders_20251224 AS SELECT order_id, ordered_at, net_revenue,
      count(*) OVER w AS running_orders, sum(net_revenue) OVER w AS running_revenue
      FROM fact_orders WHERE order_date = '2025-12-24' WINDOW w AS (ORDER BY ordered_at, order_id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)`,
  },
  {
    at: 't0-l8-batch-vs-realtime/by-noon',
    sql: "SELECT count(*) AS orders_by_noon, sum(net_revenue) AS revenue_by_noon FROM fact_orders WHERE order_date = '2025-12-24' AND ordered_at < '2025-12-24 12:00:00'",
  },
  {
    at: 't0-l9-web-data/ctr-per-term',
    sql: 'SELECT query, count(*) AS searches, sum(clicked) AS clicks, round(avg(clicked), 3) AS ctr FROM fact_searches GROUP BY query HAVING searches >= 100 ORDER BY ctr DESC, query',
  },
  {
    at: 't0-l9-web-data/zero-results',
    sql: 'SELECT query, count(*) AS searches FROM fact_searches WHERE NOT result_count GROUP BY query ORDER BY searches DESC, query LIMIT 10',
  },
];

const WRONG: Case[] = [
  // Ties broken the wrong way: the demo's variant has two regions with as many customers.
  {
    at: 'sample-basics/customers-by-region',
    sql: 'SELECT region, count(*) AS customers FROM customers GROUP BY region ORDER BY customers DESC, region DESC',
    codes: ['known-mistake', 'wrong-order'],
  },
  {
    at: 'sample-basics/customers-by-region',
    sql: 'SELECT region, count(*) FROM customers GROUP BY region ORDER BY 2 DESC, 1',
    codes: ['missing-columns'],
    en: ['no column customers; it has count(*) instead', 'AS customers'],
  },
  { at: 'sample-basics/delivered-orders', numberFrom: 'SELECT count(*) FROM orders', codes: ['known-mistake'] },
  {
    at: 't0-l1-data-literacy/orders-by-platform',
    sql: 'SELECT platform, count(DISTINCT customer_id) AS orders FROM fact_orders GROUP BY platform ORDER BY orders DESC, platform',
    codes: ['known-mistake', 'column-differs'],
    en: [/for platform = (android|ios|web): expected \d{1,3}(,\d{3})+, yours \d{1,3}(,\d{3})+/],
    ko: [/platform = (android|ios|web)인 행: 기대값 \d{1,3}(,\d{3})+/],
  },
  // No ties on the visible data; the variant's two platforms tie, so the tie-breaker shows there.
  {
    at: 't0-l1-data-literacy/orders-by-platform',
    sql: 'SELECT platform, count(*) AS orders FROM fact_orders GROUP BY platform ORDER BY orders DESC, platform DESC',
    codes: ['known-mistake', 'variant-differs'],
    en: ['ORDER BY orders DESC, platform', 'on another copy'],
  },
  {
    at: 't0-l1-data-literacy/orders-by-platform',
    sql: 'SELECT platform, count(*) AS orders FROM fact_orders GROUP BY platform ORDER BY orders DESC',
    // On the variant, SQLite reads the table backwards and the tie comes out reversed: the same mistake.
    codes: ['known-mistake', 'variant-differs'],
    en: ['ORDER BY orders DESC, platform', 'ties in the order', 'wrong order'],
  },
  {
    at: 't0-l1-data-literacy/busiest-month',
    numberFrom: 'SELECT max(n) FROM (SELECT count(DISTINCT customer_id) AS n FROM fact_orders GROUP BY substr(order_date, 1, 7))',
    codes: ['known-mistake'],
  },
  // A date range that drops the last day.
  {
    at: 't0-l3-data-roles/analyst-kpi',
    sql: "SELECT substr(order_date, 1, 7) AS month, sum(net_revenue) AS net_revenue FROM fact_orders WHERE order_date >= '2025-01-01' AND order_date < '2025-12-31' GROUP BY month ORDER BY month",
    codes: ['known-mistake', 'column-differs'],
    en: ["< '2026-01-01'", 'for month = 2025-12'],
  },
  {
    at: 't0-l4-three-layers/order-in-prod',
    sql: 'SELECT o.order_id, o.status, o.total_amount, count(*) AS payment_rows, sum(DISTINCT p.amount) AS paid_sum FROM orders o JOIN payments p ON p.order_id = o.order_id WHERE o.order_id = 777 GROUP BY o.order_id',
    codes: ['known-mistake', 'column-differs'],
    // A one-row result: the differing column is named, not "1 row missing, 1 extra row".
    en: [/^Column paid_sum differs: expected \d{1,3}(,\d{3})+, yours \d{1,3}(,\d{3})+\.$/],
  },
  // COUNT without DISTINCT: every refunded order has one refund row on the visible data only.
  {
    at: 't0-l5-quality-over-size/find-the-dirt',
    sql: `SELECT (SELECT count(*) FROM orders WHERE customer_id IN ${TEST}) AS test_orders, (SELECT count(*) FROM orders WHERE status IN ('cancelled', 'pending_payment')) AS unpaid_orders, (SELECT count(*) FROM refunds) AS refunded_orders, (SELECT count(*) - count(DISTINCT order_id) FROM payments) AS extra_payments`,
    codes: ['known-mistake', 'variant-differs'],
    en: ['count(DISTINCT order_id)', 'Column refunded_orders differs'],
    ko: ['count(DISTINCT order_id)', '다른 데이터에서'],
  },
  {
    at: 't0-l5-quality-over-size/find-the-dirt',
    sql: `SELECT (SELECT count(*) FROM orders WHERE customer_id IN (SELECT customer_id FROM customers WHERE email LIKE 'qa%')) AS test_orders, (SELECT count(*) FROM orders WHERE status IN ('cancelled', 'pending_payment')) AS unpaid_orders, (SELECT count(DISTINCT order_id) FROM refunds) AS refunded_orders, (SELECT count(*) - count(DISTINCT order_id) FROM payments) AS extra_payments`,
    codes: ['known-mistake', 'variant-differs'],
    en: ["'qa+%@hanbitmarket.co.kr'"],
  },
  {
    at: 't0-l5-quality-over-size/clean-revenue',
    sql: `SELECT count(*) AS orders, sum(o.total_amount - coalesce(r.amount, 0)) AS net_revenue FROM orders o LEFT JOIN refunds r ON r.order_id = o.order_id WHERE o.ordered_at LIKE '2025-12%' AND ${KEEP} AND o.customer_id NOT IN ${TEST}`,
    codes: ['known-mistake', 'variant-differs'],
    en: ['GROUP BY order_id'],
  },
  {
    at: 't0-l5-quality-over-size/clean-revenue',
    sql: `SELECT count(*) AS orders, sum(o.total_amount - coalesce(r.amount, 0)) AS net_revenue FROM orders o ${REFUNDS} WHERE o.ordered_at >= '2025-12-01' AND o.ordered_at <= '2025-12-31' AND ${KEEP} AND o.customer_id NOT IN ${TEST}`,
    codes: ['known-mistake', 'column-differs', 'column-differs'],
    en: ['drops every order of 31 December'],
  },
  {
    at: 't0-l5-quality-over-size/clean-revenue',
    sql: `SELECT count(*) AS orders, sum(o.total_amount - r.amount) AS net_revenue FROM orders o INNER JOIN (SELECT order_id, sum(amount) AS amount FROM refunds GROUP BY order_id) r ON r.order_id = o.order_id WHERE o.ordered_at LIKE '2025-12%' AND ${KEEP} AND o.customer_id NOT IN ${TEST}`,
    codes: ['known-mistake', 'column-differs', 'column-differs'],
    en: ['LEFT JOIN'],
  },
  {
    at: 't0-l5-quality-over-size/clean-revenue',
    sql: `SELECT count(*) AS orders, sum(o.total_amount - coalesce(r.amount, 0)) AS net_revenue FROM orders o JOIN customers c ON c.customer_id = o.customer_id ${REFUNDS} WHERE o.ordered_at LIKE '2025-12%' AND ${KEEP} AND c.email NOT LIKE 'qa+%@hanbitmarket.co.kr'`,
    codes: ['known-mistake', 'column-differs', 'column-differs'],
    en: ['NULL NOT LIKE'],
  },
  {
    at: 't0-l5-quality-over-size/warehouse-agrees',
    numberFrom: "SELECT sum(total_amount) FROM fact_orders WHERE order_date LIKE '2025-12%'",
    codes: ['known-mistake'],
  },
  // "Using only partials": the raw table is not there to take a shortcut through.
  {
    at: 't0-l6-distributed-processing/reduce-total',
    sql: 'WITH partials AS (SELECT substr(order_date, 1, 7) AS month, count(*) AS orders, sum(net_revenue) AS net_revenue FROM fact_orders GROUP BY month) SELECT sum(orders) AS orders, sum(net_revenue) AS net_revenue FROM partials',
    codes: ['sql-error'],
  },
  {
    at: 't0-l6-distributed-processing/reduce-total',
    sql: 'SELECT count(*) AS orders, sum(net_revenue) AS net_revenue FROM main.fact_orders',
    codes: ['nulls-where-values', 'column-differs'],
  },
  {
    at: 't0-l6-distributed-processing/reduce-average',
    sql: 'SELECT round(avg(net_revenue * 1.0 / orders), 2) AS avg_net_revenue FROM partials',
    codes: ['known-mistake', 'column-differs'],
  },
  {
    at: 't0-l7-cloud-capacity/top-hours',
    sql: 'SELECT hour, requests FROM fact_web_requests_hourly ORDER BY requests DESC, hour DESC LIMIT 5',
    codes: ['known-mistake', 'variant-differs'],
    en: ['ORDER BY requests DESC, hour'],
  },
  { at: 't0-l7-cloud-capacity/peak-servers', numberFrom: 'SELECT max(requests) / 50 FROM fact_web_requests_hourly', codes: ['known-mistake'] },
  {
    at: 't0-l8-batch-vs-realtime/daily-batch',
    sql: "CREATE TABLE daily_sales_20251224 AS SELECT order_date AS sales_date, platform, count(*) AS orders, sum(net_revenue) AS net_revenue FROM fact_orders WHERE ordered_at = '2025-12-24' GROUP BY order_date, platform",
    codes: ['known-mistake', 'row-count'],
    en: ['order_date'],
  },
  // A running total without its tie-breaker: two orders share a second on the variant only.
  {
    at: 't0-l8-batch-vs-realtime/running-view',
    sql: "CREATE VIEW running_orders_20251224 AS SELECT order_id, ordered_at, net_revenue, count(*) OVER (ORDER BY ordered_at) AS running_orders, sum(net_revenue) OVER (ORDER BY ordered_at) AS running_revenue FROM fact_orders WHERE order_date = '2025-12-24'",
    codes: ['known-mistake', 'variant-differs'],
    en: ['OVER (ORDER BY ordered_at, order_id)', 'running_orders'],
  },
  // <= instead of < at noon: an order at 12:00:00 sharp exists on the variant only.
  {
    at: 't0-l8-batch-vs-realtime/by-noon',
    sql: "SELECT max(running_orders) AS orders_by_noon, max(running_revenue) AS revenue_by_noon FROM running_orders_20251224 WHERE ordered_at <= '2025-12-24 12:00:00'",
    codes: ['known-mistake', 'variant-differs'],
    en: ["ordered_at < '2025-12-24 12:00:00'", 'Column orders_by_noon differs'],
  },
  // > 100 where the prompt says at least 100: a term with exactly 100 searches is on the variant.
  {
    at: 't0-l9-web-data/ctr-per-term',
    sql: 'SELECT query, count(*) AS searches, sum(clicked) AS clicks, round(sum(clicked) * 1.0 / count(*), 3) AS ctr FROM fact_searches GROUP BY query HAVING count(*) > 100 ORDER BY ctr DESC, query',
    codes: ['known-mistake', 'variant-differs'],
    en: ['>= 100', 'searches = 100'],
  },
  // Unrounded: the values differ in precision, and that is what the learner is told.
  {
    at: 't0-l9-web-data/ctr-per-term',
    sql: 'SELECT query, count(*) AS searches, sum(clicked) AS clicks, sum(clicked) * 1.0 / count(*) AS ctr FROM fact_searches GROUP BY query HAVING count(*) >= 100 ORDER BY ctr DESC, query',
    codes: ['rounding'],
    en: ['differs only in precision', 'round(..., 3)'],
  },
  {
    at: 't0-l9-web-data/zero-results',
    sql: 'SELECT query, count(*) AS searches FROM fact_searches WHERE result_count = 0 GROUP BY query ORDER BY searches DESC, query DESC LIMIT 10',
    codes: ['known-mistake', 'column-differs'],
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

/** The value a query gives on the step's visible data, typed as a learner would (thousands separators). */
function typed(lesson: Lesson, step: Step, sql: string): string {
  const database = ('grading' in step && step.grading && 'database' in step.grading ? step.grading.database : undefined) ?? lesson.dataset;
  const outcome = runOnFreshCopy(ctx, database, 'visible', undefined, sql);
  const cell = outcome.ok ? finalResult(outcome.results)?.rows[0]?.[0] : undefined;
  if (typeof cell !== 'number') throw new Error(`no number from ${sql}`);
  return cell.toLocaleString('en-US', { maximumFractionDigits: 10 });
}

function grade(c: Case): Verdict {
  const { lesson, step } = stepAt(c.at);
  const answer = c.sql !== undefined ? { sql: c.sql } : { text: c.text ?? typed(lesson, step, c.numberFrom ?? '') };
  return gradeStep(lesson, step, answer, ctx);
}

describe('Track 0: right answers written another way pass', () => {
  for (const c of RIGHT) {
    it(`${c.at}: ${(c.sql ?? c.numberFrom ?? c.text ?? '').replace(/\s+/g, ' ').slice(0, 90)}`, () => {
      const verdict = grade(c);
      expect(verdict.messages.map((m) => formatMessage(m, 'en'))).toEqual([]);
      expect(verdict.pass).toBe(true);
    });
  }
});

describe('Track 0: typical wrong answers fail with the message that names the mistake', () => {
  for (const c of WRONG) {
    it(`${c.at}: ${(c.sql ?? c.numberFrom ?? c.text ?? '').replace(/\s+/g, ' ').slice(0, 90)}`, () => {
      const verdict = grade(c);
      expect(verdict.pass).toBe(false);
      expect(verdict.messages.map((m) => m.code)).toEqual(c.codes);
      for (const lang of ['en', 'ko'] as const) {
        const texts = verdict.messages.map((m) => formatMessage(m, lang));
        const all = texts.join('\n');
        for (const want of c[lang] ?? []) {
          if (typeof want === 'string') expect(all).toContain(want);
          else expect(texts.some((t) => want.test(t)), `${String(want)} in:\n${all}`).toBe(true);
        }
        // Quantities are grouped by thousands (ids, dates, decimals and quoted SQL aside), and no row key stands bare.
        const quantities = all
          .replace(/'[^']*'/g, '')
          .replace(/\d{4}-\d{2}(-\d{2})?/g, '')
          .replace(/\w*_id = \d+/g, '')
          .replace(/[a-z_]+\d+/g, '')
          .replace(/\.\d+/g, '');
        expect(quantities).not.toMatch(/\d{5,}/);
        expect(all).not.toMatch(/\(\(|\(\d+\) (expected|기대값)/);
      }
      // One message per problem: a code appears once, except a differing value in several columns.
      const codes = verdict.messages.map((m) => m.code).filter((code) => code !== 'column-differs');
      expect(new Set(codes).size).toBe(codes.length);
      // "Hard-coded" is kept for SQL that writes the visible result's values; none of these does.
      expect(verdict.messages.map((m) => m.code)).not.toContain('hard-coded');
    });
  }
});

describe('Track 0: answers that copy the visible result', () => {
  it('are called hard-coded, naming the copied values', () => {
    const { lesson, step } = stepAt('t0-l1-data-literacy/orders-by-platform');
    const outcome = runOnFreshCopy(ctx, lesson.dataset, 'visible', undefined, 'SELECT platform, count(*) FROM fact_orders GROUP BY platform');
    const rows = outcome.ok ? (finalResult(outcome.results)?.rows ?? []) : [];
    const typedIn = rows.map((r) => `SELECT '${String(r[0])}' AS platform, ${String(r[1])} AS orders`).join(' UNION ALL ');
    const verdict = gradeStep(lesson, step, { sql: `${typedIn} ORDER BY orders DESC, platform` }, ctx);
    expect(verdict.messages.map((m) => m.code)).toEqual(['hard-coded']);
    expect(formatMessage(verdict.messages[0]!, 'en')).toContain(String(rows[0]?.[1]));
  });

  it('on the sample lesson too, now that the demo has a hidden variant', () => {
    const { lesson, step } = stepAt('sample-basics/customers-by-region');
    const outcome = runOnFreshCopy(ctx, lesson.dataset, 'visible', undefined, step.kind === 'query' ? step.solution : '');
    const rows = outcome.ok ? (finalResult(outcome.results)?.rows ?? []) : [];
    const typedIn = rows.map((r, i) => `SELECT '${String(r[0])}' AS region, ${String(r[1])} AS customers, ${i} AS n`).join(' UNION ALL ');
    const verdict = gradeStep(lesson, step, { sql: `SELECT region, customers FROM (${typedIn}) ORDER BY n` }, ctx);
    expect(verdict.messages.map((m) => m.code)).toEqual(['hard-coded']);
  });
});

describe('Track 0: number steps cannot be found by halving guesses', () => {
  it('says the same thing to a value too small and a value too large', () => {
    const { lesson, step } = stepAt('t0-l1-data-literacy/busiest-month');
    const right = Number(typed(lesson, step, 'SELECT max(n) FROM (SELECT count(*) AS n FROM fact_orders GROUP BY substr(order_date, 1, 7))').replace(/,/g, ''));
    const low = gradeStep(lesson, step, { text: String(right - 7) }, ctx);
    const high = gradeStep(lesson, step, { text: String(right + 7) }, ctx);
    expect(low.pass).toBe(false);
    expect(low.messages).toEqual(high.messages);
    expect(gradeStep(lesson, step, { text: String(right) }, ctx).pass).toBe(true);
  });
});
