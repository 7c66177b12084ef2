import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { hanbitMetric } from '../../../core/metrics/hanbit-metrics.ts';
import { SeriesRunner } from '../../../core/metrics/series.ts';
import type { Metric } from '../../../core/metrics/schema.ts';
import { GRAINS } from '../../../core/metrics/schema.ts';
import { en, ko } from '../../../renderer/features/metrics/messages.ts';
import { blankForm, formFromMetric, metricToSave, previewKey, problemText, runProblems, staticProblems, validateForm, type MetricForm } from '../../../renderer/features/metrics/metric-form.ts';
import { warehouseEngine } from '../../core/metrics/support.ts';

/*
 * The metric dialog's checks, as the learner meets them: empty fields named in their language, a
 * bad id, a taken id, a template that does not render (with its line), a query that fails on the
 * warehouse (with the line of the learner's SQL, not of the wrapper around it), missing columns;
 * and what saving records in the history (created, copied, the fields changed with the old SQL).
 */

let runner: SeriesRunner;
beforeAll(async () => {
  runner = new SeriesRunner(await warehouseEngine());
  await i18next.init({ resources: { en: { translation: { metrics: en } }, ko: { translation: { metrics: ko } } }, lng: 'en', interpolation: { escapeValue: false } });
});

const RANGE = { from: '2024-07-01', to: '2025-12-31' };
const runAll = (sql: string) => GRAINS.map((g) => runner.run('w', { key: previewKey(g), sql, grain: g, range: RANGE }));

function filled(over: Partial<MetricForm> = {}): MetricForm {
  return {
    ...blankForm(),
    id: 'paid-web-orders',
    nameKo: '웹 결제 주문 수',
    nameEn: 'Paid web orders',
    definitionKo: '웹에서 결제된 주문의 수입니다.',
    definitionEn: 'The number of paid orders placed on the web.',
    decisionKo: '웹 개편을 계속할지 판단합니다.',
    decisionEn: 'Whether to keep the web redesign.',
    sql: "SELECT {{ period('order_date') }} AS period, COUNT(*) AS value\nFROM fact_orders\nWHERE platform = 'web' AND status <> 'cancelled'\nGROUP BY 1",
    ...over,
  };
}

const texts = (form: MetricForm, taken: string[] = []) =>
  staticProblems(validateForm(form, null), form, new Set(taken)).map((p) => problemText(p, i18next.t));

describe('checking a metric before it is saved', () => {
  it('names every empty field, in the UI language', async () => {
    const blank = blankForm();
    expect(texts(blank)).toEqual([
      'Id must not be empty.',
      'Name (Korean) must not be empty.',
      'Name (English) must not be empty.',
      'Definition (Korean) must not be empty.',
      'Definition (English) must not be empty.',
      'Decision it serves (Korean) must not be empty.',
      'Decision it serves (English) must not be empty.',
    ]);
    await i18next.changeLanguage('ko');
    expect(texts(blank)[1]).toBe('이름 (한국어)을(를) 비워 둘 수 없습니다.');
    await i18next.changeLanguage('en');
  });

  it('refuses a malformed id and one that is taken', () => {
    expect(texts(filled({ id: 'Paid Web' }))).toEqual(['The id must be lowercase letters and digits joined by - or _.']);
    expect(texts(filled({ id: 'orders' }), ['orders', 'net-revenue'])).toEqual(['A metric with the id “orders” already exists.']);
    expect(texts(filled())).toEqual([]);
  });

  it('reports a template that does not render with its line, and SQL that ignores the grain', () => {
    const broken = filled({ sql: "SELECT {{ period('order_date') }} AS period,\n  COUNT(*) AS value\nFROM fact_orders\nGROUP BY {{ 1 +  }}" });
    const problems = staticProblems(validateForm(broken, null), broken, new Set());
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ key: 'template', line: 4 });
    expect(problemText(problems[0]!, i18next.t)).toMatch(/^Line 4: The SQL template does not render by day: /);
    const fixed = filled({ sql: 'SELECT order_date AS period, COUNT(*) AS value FROM fact_orders GROUP BY 1' });
    expect(texts(fixed)).toEqual([`The query does not group by the grain: use {{ period('…') }} so it works by day, week and month.`]);
  });

  it('reports a query that fails on the warehouse on the line of the learner’s SQL, once', () => {
    const sql = "SELECT {{ period('order_date') }} AS period,\n  SUM(no_such_column) AS value\nFROM fact_orders\nGROUP BY 1";
    const problems = runProblems(runAll(sql));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ key: 'sql', line: 2 });
    expect(problemText(problems[0]!, i18next.t)).toBe('Line 2: The query fails by day: no such column: no_such_column');

    const columns = runProblems(runAll("SELECT {{ period('order_date') }} AS period, COUNT(*) AS n FROM fact_orders GROUP BY 1"));
    expect(columns.map((p) => problemText(p, i18next.t))).toEqual(['The query must return the columns period and value; it returns period, n.']);

    const none = runProblems(runAll("SELECT {{ period('order_date') }} AS period, COUNT(*) AS value FROM fact_orders WHERE 0 GROUP BY 1"));
    expect(none.map((p) => p.key)).toEqual(['empty']);

    expect(runProblems(runAll(filled().sql))).toEqual([]);
  });
});

describe('what saving records', () => {
  const AT = '2025-06-02T09:00:00.000Z';

  it('records a new metric as created by the learner', () => {
    const v = validateForm(filled(), null);
    const saved = metricToSave('new', v.metric as Metric, null, AT);
    expect(saved).toMatchObject({ id: 'paid-web-orders', builtIn: false, owner: 'learner', history: [{ at: AT, by: 'learner', summary: 'created' }] });
  });

  it('records a copy of a published metric, then what changed with the SQL before it', () => {
    const gross = { ...(hanbitMetric('gross-revenue') as Metric), review: { accessible: { ok: true, note: 'clear' }, actionable: { ok: null, note: '' }, auditable: { ok: null, note: '' } } };
    const form = { ...formFromMetric(gross), nameEn: 'Revenue', sql: gross.sql.replace('SUM(total_amount)', 'SUM(total_amount - refunded_amount)') };
    const v = validateForm(form, gross);
    expect(v.ok).toBe(true);
    const saved = metricToSave('copy', v.metric as Metric, gross, AT);
    expect(saved.id).toBe('gross-revenue');
    expect(saved.builtIn).toBe(false);
    // The review the learner gave the published metric comes with the copy.
    expect(saved.review.accessible).toEqual({ ok: true, note: 'clear' });
    expect(saved.history.slice(0, gross.history.length)).toEqual(gross.history);
    expect(saved.history.slice(gross.history.length)).toEqual([
      { at: AT, by: 'learner', summary: 'copied' },
      { at: AT, by: 'learner', summary: 'name, sql', previousSql: gross.sql },
    ]);

    // Saving the edit again with nothing changed adds nothing.
    const again = metricToSave('edit', validateForm(formFromMetric(saved), saved).metric as Metric, saved, '2025-06-03T00:00:00.000Z');
    expect(again.history).toEqual(saved.history);
  });
});
