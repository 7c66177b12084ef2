import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Verdict } from '../../../core/grading/compare.ts';
import type { GradeContext } from '../../../core/grading/engine.ts';
import { gradeStep, gradeStepText } from '../../../core/grading/grade-step.ts';
import { metricSeries } from '../../../core/grading/metric-grader.ts';
import { formatMessage } from '../../../core/grading/messages.ts';
import { checkStep } from '../../../core/lessons/check.ts';
import { loadLessons, type LessonPack } from '../../../core/lessons/load.ts';
import type { Step } from '../../../core/lessons/step-kinds.ts';
import { createGradingEngine, loadDatasets } from '../../../scripts/lib/datasets.ts';
import { readLessonFiles } from '../../../scripts/lib/lesson-files.ts';

/**
 * The metric step kind on the sample lesson's net-revenue step (hanbit-warehouse and its hidden
 * variant, graded by month and by week over 2025-01 to 2025-06): the definition written in other
 * ways passes; a template fixed to months, the gross total, a missing alias, an unclosed tag,
 * ungrouped periods and values copied from this data's series fail with what a learner needs.
 */

const ROOT = join(import.meta.dirname, '..', '..', '..');
let ctx: GradeContext;
let databaseIds: readonly string[];
let pack: LessonPack;
let step: Step;

beforeAll(async () => {
  const datasets = await loadDatasets(ROOT);
  databaseIds = datasets.ids;
  ctx = { engine: await createGradingEngine(), databases: datasets.provider };
  const { packs } = loadLessons(readLessonFiles(join(ROOT, 'lessons')));
  const found = packs.find((p) => p.lesson.id === 'sample-decisions');
  if (!found) throw new Error('sample-decisions lesson not loaded');
  pack = found;
  step = pack.lesson.steps.find((s) => s.id === 'net-revenue') as Step;
});

function grade(sql: string): Verdict {
  return gradeStep(pack.lesson, step, { sql }, ctx);
}

function texts(verdict: Verdict, lang: 'en' | 'ko'): string {
  return verdict.messages.map((m) => formatMessage(m, lang)).join('\n');
}

describe('metric step: right answers written differently', () => {
  const right: [string, string][] = [
    [
      'the reference shape with net_revenue',
      "SELECT {{ period('order_date') }} AS period, SUM(net_revenue) AS value FROM fact_orders GROUP BY 1",
    ],
    [
      'a CTE of orders, then grouped by the period alias',
      `WITH o AS (
  SELECT {{ period('order_date') }} AS p, paid_amount, refunded_amount FROM fact_orders
)
SELECT p AS period, SUM(paid_amount) - SUM(refunded_amount) AS value
FROM o
GROUP BY p
ORDER BY p DESC`,
    ],
    [
      'an upper-case alias and period() over ordered_at',
      "SELECT {{ period('ordered_at') }} AS PERIOD, TOTAL(paid_amount - refunded_amount) AS Value FROM fact_orders GROUP BY PERIOD",
    ],
  ];
  for (const [name, sql] of right) {
    it(`passes: ${name}`, () => {
      const verdict = grade(sql);
      expect(texts(verdict, 'en')).toBe('');
      expect(verdict.pass).toBe(true);
    });
  }
});

describe('metric step: typical mistakes', () => {
  it('a template fixed to months is right by month, wrong by week, and says how many periods differ', () => {
    const verdict = grade(
      "SELECT strftime('%Y-%m-01', order_date) AS period, SUM(paid_amount - refunded_amount) AS value FROM fact_orders GROUP BY 1",
    );
    expect(verdict.pass).toBe(false);
    expect(verdict.messages[0]?.code).toBe('metric-fixed-grain');
    expect(texts(verdict, 'en')).toMatch(/fixed to one grain: right by month, wrong by week \(\d+ periods differ\)/);
    expect(texts(verdict, 'en')).toContain("{{ period('column') }}");
    expect(texts(verdict, 'ko')).toMatch(/월 단위로는 맞지만 주 단위로는 틀립니다\(\d+개 기간이 다릅니다\)/);
    // The side-by-side view shows the grain where it is wrong: weeks start on Mondays.
    expect(verdict.expected?.rows[0]?.[0]).toBe('2025-01-06');
    expect(verdict.actual?.rows[0]?.[0]).toBe('2025-01-01');
  });

  it('the gross total gets the lesson feedback and the first differing period with both values', () => {
    const verdict = grade("SELECT {{ period('order_date') }} AS period, SUM(total_amount) AS value FROM fact_orders GROUP BY 1");
    expect(verdict.messages.map((m) => m.code)).toEqual(['known-mistake', 'metric-values-differ']);
    const en = texts(verdict, 'en');
    expect(en).toContain('You summed the order total (total_amount)');
    expect(en).toMatch(/By month: the value differs in 6 periods \(first 2025-01-01: expected [\d,]+, yours [\d,]+\)/);
    expect(texts(verdict, 'ko')).toMatch(/월 단위: 기간 6개에서 값이 다릅니다\(첫 기간 2025-01-01: 기대값 [\d,]+, 내 값 [\d,]+\)/);
  });

  it('a value without its alias names the missing column and the one it returns instead', () => {
    const verdict = grade("SELECT {{ period('order_date') }} AS period, SUM(paid_amount - refunded_amount) FROM fact_orders GROUP BY 1");
    expect(verdict.messages.map((m) => m.code)).toEqual(['metric-columns']);
    expect(texts(verdict, 'en')).toContain('yours has no value (it returns period, SUM(paid_amount - refunded_amount))');
  });

  it('an unclosed template tag is a template error with its line', () => {
    const verdict = grade("SELECT\n  {{ period('order_date') AS period, SUM(net_revenue) AS value\nFROM fact_orders GROUP BY 1");
    expect(verdict.messages[0]?.code).toBe('metric-template-error');
    expect(texts(verdict, 'en')).toMatch(/cannot be rendered \(line 2\)/);
    expect(texts(verdict, 'ko')).toMatch(/2행/);
  });

  it('a SQL error is reported on the line of the template, not of the wrapping query', () => {
    const verdict = grade("SELECT {{ period('order_date') }} AS period,\n  SUM(net_revenu) AS value\nFROM fact_orders GROUP BY 1");
    expect(verdict.messages[0]?.code).toBe('sql-error');
    expect(texts(verdict, 'en')).toMatch(/line 2.*no such column: net_revenu/);
  });

  it('periods repeated in several rows (grouped by the day, not the period) are named', () => {
    const verdict = grade("SELECT {{ period('order_date') }} AS period, SUM(net_revenue) AS value FROM fact_orders GROUP BY order_date");
    expect(verdict.messages.map((m) => m.code)).toContain('metric-periods-repeated');
    expect(texts(verdict, 'en')).toContain('GROUP BY the period alone');
  });

  it("daily periods where months are asked for are extra periods, and the first days carry one day's value", () => {
    const verdict = grade('SELECT order_date AS period, SUM(net_revenue) AS value FROM fact_orders GROUP BY order_date');
    expect(verdict.messages.map((m) => m.code)).toEqual(['metric-periods-extra', 'metric-values-differ']);
    expect(texts(verdict, 'en')).toMatch(
      /By month: 175 periods the expected series does not have \(e\.g\. 2025-01-02, .*The period column holds the date each period starts on/,
    );
  });

  it('a template dropping periods (only the first quarter) names the missing ones', () => {
    const verdict = grade(
      "SELECT {{ period('order_date') }} AS period, SUM(net_revenue) AS value FROM fact_orders WHERE order_date < '2025-04-01' GROUP BY 1",
    );
    expect(verdict.messages.map((m) => m.code)).toEqual(['metric-periods-missing']);
    expect(texts(verdict, 'en')).toContain('By month: 3 periods of the expected series missing (e.g. 2025-04-01, 2025-05-01, 2025-06-01)');
  });

  it("values copied from this data's series pass here and fail as hard-coded on the hidden variant", () => {
    const branches = (['month', 'week'] as const).map((grain) => {
      const got = metricSeries(
        ctx,
        'hanbit-warehouse',
        'visible',
        "SELECT {{ period('order_date') }} AS period, SUM(net_revenue) AS value FROM fact_orders GROUP BY 1",
        [grain],
        { from: '2025-01-01', to: '2025-06-30' },
      );
      if (!('series' in got)) throw new Error('reference series');
      const rows = (got.series[0]?.rows ?? [])
        .map(([p, v]) => `SELECT '${String(p)}' AS period, ${String(v)} AS value`)
        .join(' UNION ALL ');
      return `{% if grain == '${grain}' %}${rows}{% endif %}`;
    });
    const verdict = grade(`SELECT * FROM (${branches.join('')})`);
    expect(verdict.messages.map((m) => m.code)).toEqual(['hard-coded']);
    expect(verdict.pass).toBe(false);
  });

  it('reads a SQL file as the command line does', () => {
    const verdict = gradeStepText(
      pack.lesson,
      step,
      "SELECT {{ period('order_date') }} AS period, SUM(net_revenue) AS value FROM fact_orders GROUP BY 1\n",
      ctx,
    );
    expect(verdict.pass).toBe(true);
  });
});

describe('metric step: the definition checks', () => {
  it('the sample step passes its checks (reference at every grain, on both copies; starter and known-wrong fail)', () => {
    expect(checkStep(pack, step, { ...ctx, databaseIds, curriculum: null })).toEqual({ problems: [], warnings: [] });
  });

  it('a reference fixed to one grain, a prompt without the name and an empty range are problems', () => {
    const broken = {
      ...step,
      solution: "SELECT strftime('%Y-%m-01', order_date) AS period, SUM(net_revenue) AS value FROM fact_orders GROUP BY 1",
      prompt: { ko: '지표를 쓰세요.', en: 'Write the metric.' },
      range: { from: '2030-01-01', to: '2030-02-01' },
    } as Step;
    const { problems } = checkStep(pack, broken, { ...ctx, databaseIds, curriculum: null });
    expect(problems).toContain("the en prompt does not name the metric 'Net revenue'");
    expect(problems).toContain("the ko prompt does not name the metric '순매출'");
    expect(problems).toContain("the reference does not follow the grain: group with {{ period('column') }}");
    expect(problems).toContain('the reference gives an empty series by week on the variant data');
  });
});
