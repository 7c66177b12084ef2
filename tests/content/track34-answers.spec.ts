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
 * Answers to the exercises of Tracks 3 (KPIs and dashboards) and 4 (A/B tests), graded through the
 * real grader on the bundled data and its hidden variant, as a learner's Check is. Right answers
 * written another way than the reference must pass; typical wrong answers the lessons do not list
 * must fail with the message a learner needs. Each track keeps its cases in its own describe block.
 */

const ROOT = join(import.meta.dirname, '..', '..');

/** One graded answer: SQL (query and metric steps), a typed number, or a number computed by another query and typed. */
interface Case {
  at: string;
  sql?: string;
  text?: string;
  /** A query (visible data, one numeric cell) whose value is typed as the answer, with this many decimals. */
  typed?: { sql: string; decimals: number };
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
  if (c.sql !== undefined) return gradeStepAsync(lesson, step, { sql: c.sql }, ctx);
  const text = c.typed ? typedNumber(lesson.dataset, c.typed) : (c.text ?? '');
  return gradeStepAsync(lesson, step, { text }, ctx);
}

const label = (c: Case): string => `${c.at}: ${(c.sql ?? c.typed?.sql ?? c.text ?? '').replace(/\s+/g, ' ').slice(0, 90)}`;

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

describe('Track 3', () => {
  const PAID = "status NOT IN ('cancelled', 'pending_payment')";
  const RIGHT: Case[] = [
    // Timestamps with a half-open range, the ETL's net_revenue for the net, the gap by subtraction.
    {
      at: 't3-l1-kpi-definition/november-two-ways',
      sql: `SELECT sum(paid_amount) AS gross_revenue, sum(net_revenue) AS net_revenue, sum(paid_amount) - sum(net_revenue) AS gap
        FROM fact_orders WHERE ordered_at >= '2025-11-01' AND ordered_at < '2025-12-01' AND status IN ('paid', 'shipped', 'delivered', 'refunded')`,
    },
    // Typed with two decimals after the learner's own query (refunds over paid totals): within the step's tolerance.
    {
      at: 't3-l1-kpi-definition/gap-share',
      typed: {
        sql: "SELECT 100.0 * sum(refunded_amount) / sum(paid_amount) FROM fact_orders WHERE substr(order_date, 1, 7) = '2025-11' AND paid_amount > 0",
        decimals: 2,
      },
    },
    // The ETL's column needs no status filter (unpaid orders are 0); the period from the timestamp.
    {
      at: 't3-l1-kpi-definition/net-revenue-kpi',
      sql: "SELECT {{ period('ordered_at') }} AS period, SUM(net_revenue) AS value FROM fact_orders GROUP BY {{ period('ordered_at') }}",
    },
    // Paid statuses listed, distinct customers counted per period in a subquery.
    {
      at: 't3-l2-three-a/fix-buyers',
      sql: `SELECT period, count(*) AS value FROM (
          SELECT DISTINCT {{ period('order_date') }} AS period, customer_id FROM fact_orders
          WHERE status IN ('paid', 'shipped', 'delivered', 'refunded'))
        GROUP BY period`,
    },
    // The previous month by a self-join instead of lag().
    {
      at: 't3-l3-dashboard/kpi-tile',
      sql: `WITH m AS (SELECT substr(order_date, 1, 7) AS month, sum(net_revenue) AS net_revenue FROM fact_orders GROUP BY 1)
        SELECT m.month, m.net_revenue, p.net_revenue AS previous_revenue,
          round(100.0 * (m.net_revenue - p.net_revenue) / p.net_revenue, 1) AS change_pct
        FROM m LEFT JOIN m p ON p.month = strftime('%Y-%m', date(m.month || '-01', '-1 month'))
        ORDER BY m.month`,
    },
    // Monday from %w arithmetic; complete weeks kept by counting their days.
    {
      at: 't3-l3-dashboard/weekly-series',
      sql: `SELECT date(order_date, '-' || ((CAST(strftime('%w', order_date) AS INTEGER) + 6) % 7) || ' days') AS week,
          sum(net_revenue) AS net_revenue,
          count(DISTINCT iif(${PAID}, customer_id, NULL)) AS buyers
        FROM fact_orders GROUP BY week HAVING count(DISTINCT order_date) = 7 ORDER BY week`,
    },
    // Weekday from strftime, orders and days counted separately and joined.
    {
      at: 't3-l4-informed-vs-driven/weekday-staffing',
      sql: `WITH days AS (SELECT CAST(strftime('%w', date) AS INTEGER) AS weekday, count(*) AS n FROM dim_date
          WHERE date >= '2025-10-01' AND date <= '2025-12-31' GROUP BY 1),
        orders AS (SELECT CAST(strftime('%w', order_date) AS INTEGER) AS weekday, count(*) AS n FROM fact_orders
          WHERE order_date BETWEEN '2025-10-01' AND '2025-12-31' AND ${PAID} GROUP BY 1)
        SELECT d.weekday, round(1.0 * coalesce(o.n, 0) / d.n, 1) AS avg_orders FROM days d LEFT JOIN orders o USING (weekday)`,
    },
    // Two filtered sums, typed unrounded to four decimals (within the step's tolerance).
    {
      at: 't3-l5-hypothesis-metric/baseline',
      typed: {
        sql: `SELECT 100.0 * (SELECT sum(events) FROM fact_events_daily WHERE event_name = 'purchase' AND event_date BETWEEN '2025-04-01' AND '2025-04-30')
          / (SELECT sum(events) FROM fact_events_daily WHERE event_name = 'checkout_start' AND event_date BETWEEN '2025-04-01' AND '2025-04-30')`,
        decimals: 4,
      },
    },
    // Numerator and denominator per period in two CTEs, joined on the period.
    {
      at: 't3-l6-publish-metric/checkout-completion',
      sql: `WITH p AS (SELECT {{ period('event_date') }} AS period, sum(events) AS n FROM fact_events_daily WHERE event_name = 'purchase' GROUP BY 1),
          c AS (SELECT {{ period('event_date') }} AS period, sum(events) AS n FROM fact_events_daily WHERE event_name = 'checkout_start' GROUP BY 1)
        SELECT p.period, CAST(p.n AS REAL) / c.n AS value FROM p JOIN c USING (period)`,
    },
  ];

  const WRONG: Case[] = [
    // The month typed without its wildcard: nothing matches, every sum is NULL.
    {
      at: 't3-l1-kpi-definition/november-two-ways',
      sql: `SELECT sum(total_amount) AS gross_revenue, sum(total_amount - refunded_amount) AS net_revenue, sum(refunded_amount) AS gap
        FROM fact_orders WHERE order_date LIKE '2025-11' AND ${PAID}`,
      codes: ['nulls-where-values', 'nulls-where-values', 'nulls-where-values'],
      en: ['gross_revenue', 'net_revenue', 'gap'],
    },
    // The gap's share typed as a fraction instead of a percentage.
    {
      at: 't3-l1-kpi-definition/gap-share',
      typed: { sql: `SELECT 1.0 * sum(refunded_amount) / sum(total_amount) FROM fact_orders WHERE order_date LIKE '2025-11%' AND ${PAID}`, decimals: 3 },
      codes: ['number-wrong'],
    },
    // Paid amount without the refunds taken off: the "vague" revenue, written another way than the listed one.
    {
      at: 't3-l1-kpi-definition/net-revenue-kpi',
      sql: "SELECT {{ period('order_date') }} AS period, sum(paid_amount) AS value FROM fact_orders GROUP BY 1",
      codes: ['metric-values-differ'],
      en: ['By week', 'the value differs'],
    },
    // The value left without its alias.
    {
      at: 't3-l1-kpi-definition/net-revenue-kpi',
      sql: "SELECT {{ period('order_date') }} AS period, sum(net_revenue) FROM fact_orders GROUP BY 1",
      codes: ['metric-columns'],
      en: ['value'],
    },
    // period() given a bare column name instead of a quoted one.
    {
      at: 't3-l2-three-a/fix-buyers',
      sql: `SELECT {{ period(order_date) }} AS period, count(DISTINCT customer_id) AS value FROM fact_orders WHERE ${PAID} GROUP BY 1`,
      codes: ['metric-template-error'],
      en: ['period'],
    },
    // The KPI tile's rows without ORDER BY.
    {
      at: 't3-l3-dashboard/kpi-tile',
      sql: `WITH monthly AS (SELECT strftime('%Y-%m', order_date) AS month, sum(net_revenue) AS net_revenue FROM fact_orders GROUP BY month)
        SELECT month, net_revenue, lag(net_revenue) OVER (ORDER BY month) AS previous_revenue,
          round((net_revenue - lag(net_revenue) OVER (ORDER BY month)) * 100.0 / lag(net_revenue) OVER (ORDER BY month), 1) AS change_pct
        FROM monthly`,
      codes: ['order-by-required'],
    },
    // Newest week first: the right rows in the wrong order.
    {
      at: 't3-l3-dashboard/weekly-series',
      sql: `SELECT date(order_date, 'weekday 0', '-6 days') AS week, sum(net_revenue) AS net_revenue,
          count(DISTINCT CASE WHEN ${PAID} THEN customer_id END) AS buyers
        FROM fact_orders WHERE order_date < '2025-12-29' GROUP BY week ORDER BY week DESC`,
      codes: ['wrong-order'],
    },
    // Rounded to whole orders instead of one decimal place.
    {
      at: 't3-l4-informed-vs-driven/weekday-staffing',
      sql: `SELECT d.weekday, round(count(o.order_id) * 1.0 / count(DISTINCT d.date)) AS avg_orders
        FROM dim_date d LEFT JOIN fact_orders o ON o.order_date = d.date AND o.${PAID}
        WHERE d.date BETWEEN '2025-10-01' AND '2025-12-31' GROUP BY d.weekday`,
      codes: ['rounding'],
      en: ['avg_orders', 'expected 60.5, yours 61'],
    },
    // Completion typed as a fraction instead of a percentage.
    {
      at: 't3-l5-hypothesis-metric/baseline',
      typed: {
        sql: `SELECT 1.0 * sum(CASE WHEN event_name = 'purchase' THEN events END) / sum(CASE WHEN event_name = 'checkout_start' THEN events END)
          FROM fact_events_daily WHERE event_date LIKE '2025-04%'`,
        decimals: 3,
      },
      codes: ['number-wrong'],
    },
    // A percentage where the definition asks for a ratio between 0 and 1.
    {
      at: 't3-l6-publish-metric/checkout-completion',
      sql: `SELECT {{ period('event_date') }} AS period,
          100.0 * sum(CASE WHEN event_name = 'purchase' THEN events END) / sum(CASE WHEN event_name = 'checkout_start' THEN events END) AS value
        FROM fact_events_daily GROUP BY 1`,
      codes: ['metric-values-differ'],
      en: ['By week'],
    },
  ];

  describe('right answers written another way pass', () => rightAnswersPass(RIGHT));
  describe('typical wrong answers fail with the message that names the mistake', () => wrongAnswersFail(WRONG));
});

describe('Track 4', () => {
  /** An experiment step's answer: the per-arm query, the call and the reasons picked. */
  interface ExperimentCase {
    at: string;
    answer: { sql: string; decision: 'ship' | 'dont-ship' | 'keep-running' | 'invalid' | null; reasons: string[] };
    codes?: MessageCode[];
    en?: string[];
  }
  const IN_OUTCOMES = 'EXISTS (SELECT 1 FROM exp_outcomes o WHERE o.experiment_id = a.experiment_id AND o.unit_id = a.unit_id)';
  const ARMS_ROW = `WITH c AS (SELECT a.variant AS v, o.converted AS y FROM exp_assignments a JOIN exp_outcomes o USING (experiment_id, unit_id)
      WHERE a.experiment_id = 'checkout-button-2025'),
    s AS (SELECT (SELECT count(*) FROM c WHERE v = 'control') AS n1, (SELECT sum(y) FROM c WHERE v = 'control') AS x1,
                 (SELECT count(*) FROM c WHERE v = 'treatment') AS n2, (SELECT sum(y) FROM c WHERE v = 'treatment') AS x2)`;
  const RIGHT: Case[] = [
    // EXISTS instead of a join, the window by date() on both ends.
    {
      at: 't4-l1-assignment-split/who-counts',
      sql: `SELECT variant, count(*) AS units FROM exp_assignments a
        WHERE experiment_id = 'checkout-button-2025' AND ${IN_OUTCOMES}
          AND date(assigned_at) BETWEEN (SELECT start_date FROM exp_experiments WHERE experiment_id = a.experiment_id)
                                    AND (SELECT end_date FROM exp_experiments WHERE experiment_id = a.experiment_id)
        GROUP BY variant`,
    },
    {
      at: 't4-l1-assignment-split/units-not-users',
      sql: 'SELECT experiment_id, variant, count(DISTINCT unit_id) AS units, count(DISTINCT user_id) AS users FROM exp_assignments GROUP BY 1, 2',
    },
    // (a − b)² / (a + b) is the same statistic for a 50:50 plan.
    {
      at: 't4-l1-assignment-split/split-chi-square',
      typed: { sql: `${ARMS_ROW} SELECT 1.0 * (n1 - n2) * (n1 - n2) / (n1 + n2) FROM s`, decimals: 2 },
    },
    {
      at: 't4-l2-significance/conversion-per-arm',
      sql: `SELECT a.variant, count(o.unit_id) AS users, sum(o.converted) AS conversions, avg(o.converted) AS conversion_rate
        FROM exp_assignments a JOIN exp_outcomes o USING (experiment_id, unit_id)
        WHERE a.experiment_id = 'checkout-button-2025' AND a.assigned_at >= '2025-05-01' AND a.assigned_at < '2025-07-01' GROUP BY a.variant`,
    },
    {
      at: 't4-l2-significance/z-statistic',
      typed: {
        sql: `${ARMS_ROW} SELECT (1.0 * x2 / n2 - 1.0 * x1 / n1) / sqrt((x1 + x2) * 1.0 / (n1 + n2) * (1 - (x1 + x2) * 1.0 / (n1 + n2)) * (n1 + n2) / (1.0 * n1 * n2)) FROM s`,
        decimals: 2,
      },
    },
    {
      at: 't4-l2-significance/ci-low',
      typed: {
        sql: `${ARMS_ROW} SELECT 100 * (1.0 * x2 / n2 - 1.0 * x1 / n1 - 1.96 * sqrt(x1 * (n1 - x1) * 1.0 / (n1 * n1 * n1) + x2 * (n2 - x2) * 1.0 / (n2 * n2 * n2))) FROM s`,
        decimals: 2,
      },
    },
    // The day count from day-of-year numbers instead of julianday().
    {
      at: 't4-l3-sample-size/daily-traffic',
      sql: `SELECT count(*) AS units, strftime('%j', e.end_date) - strftime('%j', e.start_date) + 1 AS days,
          count(*) * 1.0 / (strftime('%j', e.end_date) - strftime('%j', e.start_date) + 1) AS units_per_day
        FROM exp_assignments a JOIN exp_experiments e USING (experiment_id)
        WHERE a.experiment_id = 'checkout-button-2025' AND ${IN_OUTCOMES}`,
    },
    // The textbook's unrounded 3,553.06, rounded to the nearest whole customer: within 1%.
    { at: 't4-l3-sample-size/n-per-arm', text: '3,553' },
    { at: 't4-l3-sample-size/days-needed', text: '355.4' },
    {
      at: 't4-l4-sample-ratio-mismatch/find-the-gap',
      sql: `SELECT platform, app_version, count(CASE WHEN variant = 'control' THEN 1 END) AS control, count(CASE WHEN variant = 'treatment' THEN 1 END) AS treatment
        FROM exp_assignments a WHERE experiment_id = 'reco-widget-2025' AND ${IN_OUTCOMES} GROUP BY platform, coalesce(app_version, '')`,
    },
    {
      at: 't4-l4-sample-ratio-mismatch/without-android-31',
      typed: {
        sql: `WITH n AS (SELECT sum(variant = 'control') AS c, sum(variant = 'treatment') AS t FROM exp_assignments
            WHERE experiment_id = 'reco-widget-2025' AND (platform <> 'android' OR app_version NOT LIKE '3.1.%'))
          SELECT 1.0 * (c - t) * (c - t) / (c + t) FROM n`,
        decimals: 2,
      },
    },
    {
      at: 't4-l5-peeking/first-week',
      sql: `SELECT a.variant, count(*) AS users, sum(o.converted) AS conversions, avg(o.converted) AS conversion_rate
        FROM exp_assignments a JOIN exp_outcomes o USING (experiment_id, unit_id)
        WHERE a.experiment_id = 'checkout-button-2025' AND date(a.assigned_at) BETWEEN '2025-05-01' AND '2025-05-07' GROUP BY a.variant`,
    },
    { at: 't4-l5-peeking/many-metrics', text: '0.401' },
    {
      at: 't4-l6-ship-call/revenue-per-user',
      sql: `SELECT a.variant, count(*) AS users, avg(o.revenue) AS revenue_per_user FROM exp_assignments a JOIN exp_outcomes o USING (experiment_id, unit_id)
        WHERE a.experiment_id = 'checkout-button-2025' GROUP BY a.variant`,
    },
  ];
  const WRONG: Case[] = [
    // A LEFT JOIN keeps QA's test units, which have no outcome: the lesson's 'no outcome' explanation.
    {
      at: 't4-l1-assignment-split/who-counts',
      sql: `SELECT a.variant, count(*) AS units FROM exp_assignments a LEFT JOIN exp_outcomes o USING (experiment_id, unit_id)
        WHERE a.experiment_id = 'checkout-button-2025' AND a.assigned_at >= '2025-05-01' AND a.assigned_at < '2025-07-01' GROUP BY a.variant`,
      codes: ['known-mistake', 'column-differs'],
      en: ['no outcome'],
    },
    // date() compared with < end_date drops the last day, as BETWEEN on the timestamp does.
    {
      at: 't4-l1-assignment-split/who-counts',
      sql: `SELECT a.variant, count(*) AS units FROM exp_assignments a JOIN exp_outcomes o USING (experiment_id, unit_id)
        WHERE a.experiment_id = 'checkout-button-2025' AND date(a.assigned_at) >= '2025-05-01' AND date(a.assigned_at) < '2025-06-30' GROUP BY a.variant`,
      codes: ['known-mistake', 'column-differs'],
      en: ['last day'],
    },
    // Conversions counted as outcome rows with count(): equals the units, so the rate is 1 (a wrong value, not a rounding of 0.71).
    {
      at: 't4-l2-significance/conversion-per-arm',
      sql: `SELECT a.variant, count(*) AS users, count(o.converted) AS conversions, 1.0 * count(o.converted) / count(*) AS conversion_rate
        FROM exp_assignments a JOIN exp_outcomes o USING (experiment_id, unit_id) WHERE a.experiment_id = 'checkout-button-2025' GROUP BY a.variant`,
      codes: ['known-mistake', 'column-differs', 'column-differs'],
      en: ['conversions equals users'],
    },
    // The relative lift, typed from the learner's own query.
    {
      at: 't4-l2-significance/lift-pp',
      typed: { sql: `${ARMS_ROW} SELECT 100.0 * (1.0 * x2 / n2) / (1.0 * x1 / n1) - 100 FROM s`, decimals: 2 },
      codes: ['known-mistake'],
      en: ['relative change'],
    },
    // Logged-in devices counted by a condition instead of count(user_id).
    {
      at: 't4-l4-sample-ratio-mismatch/reco-units',
      sql: "SELECT variant, sum(user_id IS NOT NULL) AS units FROM exp_assignments WHERE experiment_id = 'reco-widget-2025' GROUP BY variant",
      codes: ['known-mistake', 'column-differs'],
      en: ['logged-in devices'],
    },
    // The web row dropped by IS NOT NULL instead of LIKE.
    {
      at: 't4-l4-sample-ratio-mismatch/find-the-gap',
      sql: `SELECT platform, app_version, sum(variant = 'control') AS control, sum(variant = 'treatment') AS treatment FROM exp_assignments
        WHERE experiment_id = 'reco-widget-2025' AND app_version IS NOT NULL GROUP BY 1, 2`,
      codes: ['known-mistake', 'rows-missing'],
      en: ['web row'],
    },
    // The end of the first week written as <= the seventh day's date.
    {
      at: 't4-l5-peeking/first-week',
      sql: `SELECT a.variant, count(*) AS users, sum(o.converted) AS conversions, avg(o.converted) AS conversion_rate
        FROM exp_assignments a JOIN exp_outcomes o USING (experiment_id, unit_id)
        WHERE a.experiment_id = 'checkout-button-2025' AND a.assigned_at BETWEEN '2025-05-01' AND '2025-05-07' GROUP BY a.variant`,
      codes: ['known-mistake', 'column-differs', 'column-differs', 'column-differs'],
      en: ['midnight'],
    },
    // Both arms' total from the unpooled textbook formula: within the tolerance of the listed total.
    { at: 't4-l3-sample-size/n-per-arm', text: '7106', codes: ['known-mistake'], en: ['both arms together'] },
    // Revenue per buyer through a filtered aggregate.
    {
      at: 't4-l6-ship-call/revenue-per-user',
      sql: `SELECT a.variant, count(*) AS users, avg(o.revenue) FILTER (WHERE o.order_id IS NOT NULL) AS revenue_per_user
        FROM exp_assignments a JOIN exp_outcomes o USING (experiment_id, unit_id) WHERE a.experiment_id = 'checkout-button-2025' GROUP BY a.variant`,
      codes: ['known-mistake', 'column-differs'],
      en: ['revenue per buyer'],
    },
  ];
  const CHECKOUT_RIGHT = `SELECT variant, count(*) AS users, total(converted) AS conversions FROM exp_assignments JOIN exp_outcomes USING (experiment_id, unit_id)
    WHERE experiment_id = 'checkout-button-2025' GROUP BY variant`;
  const RECO_RIGHT = `SELECT a.variant, count(DISTINCT a.unit_id) AS users, sum(o.converted = 1) AS conversions FROM exp_assignments a, exp_outcomes o
    WHERE o.experiment_id = a.experiment_id AND o.unit_id = a.unit_id AND a.experiment_id = 'reco-widget-2025' GROUP BY a.variant`;
  const EXPERIMENTS: ExperimentCase[] = [
    {
      at: 't4-l2-significance/checkout-readout',
      answer: { sql: CHECKOUT_RIGHT, decision: 'ship', reasons: ['significant-lift', 'split-holds'] },
    },
    {
      at: 't4-l4-sample-ratio-mismatch/reco-readout',
      answer: { sql: RECO_RIGHT, decision: 'invalid', reasons: ['missing-android', 'srm-failed'] },
    },
    {
      at: 't4-l6-ship-call/checkout-call',
      answer: { sql: CHECKOUT_RIGHT, decision: 'ship', reasons: ['split-ok', 'significant-and-worth', 'revenue-holds'] },
    },
    // Arms swapped by comparing with the other name: the lesson names the swap.
    {
      at: 't4-l2-significance/checkout-readout',
      answer: {
        sql: `SELECT iif(variant = 'treatment', 'control', 'treatment') AS variant, count(*) AS users, sum(converted) AS conversions
          FROM exp_assignments JOIN exp_outcomes USING (experiment_id, unit_id) WHERE experiment_id = 'checkout-button-2025' GROUP BY 1`,
        decision: 'ship',
        reasons: ['split-holds', 'significant-lift'],
      },
      codes: ['known-mistake', 'arm-double-counted', 'arm-double-counted', 'arm-count-wrong', 'arm-count-wrong'],
      en: ['swapped'],
    },
    // Reading the SRM experiment's effect: right counts, the call ignores the stop sign.
    {
      at: 't4-l4-sample-ratio-mismatch/reco-readout',
      answer: { sql: RECO_RIGHT, decision: 'dont-ship', reasons: ['srm-failed'] },
      codes: ['srm-ignored', 'choices-missing'],
    },
    // Users counted as people in the device experiment.
    {
      at: 't4-l4-sample-ratio-mismatch/reco-readout',
      answer: {
        sql: RECO_RIGHT.replace('count(DISTINCT a.unit_id)', 'count(DISTINCT a.user_id)'),
        decision: 'invalid',
        reasons: ['srm-failed', 'missing-android'],
      },
      codes: ['arm-count-wrong', 'arm-count-wrong'],
    },
  ];

  function gradeExperimentCase(c: ExperimentCase) {
    const { lesson, step } = stepAt(c.at);
    return gradeStepAsync(lesson, step, c.answer, ctx);
  }

  describe('right answers written another way pass', () => rightAnswersPass(RIGHT));
  describe('typical wrong answers fail with the message that names the mistake', () => wrongAnswersFail(WRONG));
  describe('experiment steps: right calls pass, wrong ones say why', () => {
    for (const c of EXPERIMENTS) {
      it(`${c.at}: ${c.answer.decision ?? 'no call'} ${c.answer.sql.replace(/\s+/g, ' ').slice(0, 70)}`, async () => {
        const verdict = await gradeExperimentCase(c);
        if (!c.codes) {
          expect(verdict.messages.map((m) => formatMessage(m, 'en'))).toEqual([]);
          expect(verdict.pass).toBe(true);
          return;
        }
        expect(verdict.pass).toBe(false);
        expect(verdict.messages.map((m) => m.code)).toEqual(c.codes);
        const en = verdict.messages.map((m) => formatMessage(m, 'en')).join('\n');
        for (const want of c.en ?? []) expect(en).toContain(want);
        for (const m of verdict.messages) expect(formatMessage(m, 'ko')).not.toBe('');
      });
    }
  });
});
