import { describe, expect, it } from 'vitest';
import { HANBIT_METRICS, VAGUE_REVENUE_EXAMPLE, hanbitMetric } from '../../../core/metrics/hanbit-metrics.ts';
import {
  copyForEditing,
  lastChange,
  mergeMetrics,
  metricOrigin,
  nameConflicts,
  recordChange,
  sameSql,
  searchMetrics,
  validateMetric,
} from '../../../core/metrics/registry.ts';
import type { Metric } from '../../../core/metrics/schema.ts';

const net = hanbitMetric('net-revenue') as Metric;

function own(overrides: Partial<Metric> = {}): Metric {
  return {
    ...VAGUE_REVENUE_EXAMPLE,
    builtIn: false,
    id: 'my-metric',
    name: { ko: '장바구니 담기', en: 'Add to cart' },
    sql: "SELECT {{ period('event_date') }} AS period, SUM(events) AS value FROM fact_events_daily WHERE event_name = 'add_to_cart' GROUP BY 1",
    history: [],
    ...overrides,
  };
}

describe('mergeMetrics', () => {
  it('keeps published order, applies reviews, lets an edited copy replace its published metric, then lists own metrics', () => {
    const review = { accessible: { ok: true, note: 'clear' }, actionable: { ok: false, note: '' }, auditable: { ok: null, note: '' } };
    const edited = { ...copyForEditing(net, '2025-06-01'), definition: { ko: '바꾼 정의', en: 'changed' } };
    const mine = own();
    const merged = mergeMetrics(HANBIT_METRICS, { [mine.id]: mine, [edited.id]: edited }, { orders: review });
    expect(merged.map((m) => m.id)).toEqual([...HANBIT_METRICS.map((m) => m.id), 'my-metric']);
    expect(merged[0]?.definition.en).toBe('changed');
    expect(merged.find((m) => m.id === 'orders')?.review).toEqual(review);
    expect(metricOrigin(merged[0] as Metric, HANBIT_METRICS)).toBe('edited');
    expect(metricOrigin(merged[1] as Metric, HANBIT_METRICS)).toBe('published');
    expect(metricOrigin(mine, HANBIT_METRICS)).toBe('own');
    expect(edited.history.at(-1)?.summary).toBe('copied');
    // Deleting the copy brings the published one back.
    expect(mergeMetrics(HANBIT_METRICS, [mine])[0]).toBe(net);
  });
});

describe('searchMetrics', () => {
  it('finds by Korean or English name, definition words and owner team name, with type and owner filters', () => {
    const ids = (q: string, f = {}) => searchMetrics(HANBIT_METRICS, q, f).map((m) => m.id);
    expect(ids('매출')[0]).toBe('net-revenue');
    expect(ids('매출')).toContain('gross-revenue');
    expect(ids('REVENUE', { type: 'kpi' })).toEqual(['net-revenue', 'average-order-value']);
    expect(ids('refunds')).toContain('gross-revenue');
    expect(ids('검색팀')).toEqual(['search-ctr']);
    expect(ids('', { owner: 'marketing' })).toEqual(['revenue-sales-report', 'marketing-spend']);
    expect(ids('click rate')).toEqual(['search-ctr']);
    expect(ids('nothing-like-this')).toEqual([]);
    expect(ids('')).toHaveLength(HANBIT_METRICS.length);
  });
});

describe('nameConflicts', () => {
  it('warns that marketing publishes order totals as "매출" too, naming both metrics in both languages', () => {
    expect(nameConflicts(HANBIT_METRICS.filter((m) => m.id !== VAGUE_REVENUE_EXAMPLE.id))).toEqual([]);
    const conflicts = nameConflicts(HANBIT_METRICS);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]?.ids).toEqual(['net-revenue', 'revenue-sales-report']);
    expect(conflicts[0]?.langs).toEqual(['ko', 'en']);
    expect(conflicts[0]?.message.ko).toContain('매출 (net-revenue)');
    expect(conflicts[0]?.message.ko).toContain('매출 (revenue-sales-report)');
    expect(conflicts[0]?.message.en).toContain('Revenue (revenue-sales-report)');
  });

  it('folds case and spacing, needs only one language to match, and ignores the same SQL written differently', () => {
    const loud = own({ id: 'loud', name: { ko: '다른 이름', en: '  REVENUE ' } });
    expect(nameConflicts([net, loud])[0]?.langs).toEqual(['en']);
    const same = own({ id: 'same', name: net.name, sql: net.sql.replace('SELECT', 'select\n ').replace(/^--.*\n/, '') });
    expect(sameSql(same.sql, net.sql)).toBe(true);
    expect(nameConflicts([net, same])).toEqual([]);
  });
});

describe('validateMetric', () => {
  it('passes a published metric, rendering it at every grain', () => {
    const v = validateMetric(net);
    expect(v.ok).toBe(true);
    expect(v.followsGrain).toBe(true);
    expect(v.grains.map((g) => g.grain)).toEqual(['day', 'week', 'month']);
    expect(v.grains[2]).toMatchObject({ ok: true });
    expect(v.grains[2]?.ok && v.grains[2].sql).toContain("strftime('%Y-%m-01', order_date)");
  });

  it('reports schema issues by field, a template that fails with its line, and SQL that ignores the grain', () => {
    const bad = validateMetric({ ...own(), id: 'Bad Id', owner: ' ', sql: 'SELECT 1 AS period,\n{{ period( }} AS value' });
    expect(bad.ok).toBe(false);
    expect(bad.issues.map((i) => i.path).sort()).toEqual(['id', 'owner']);
    expect(bad.grains[0]).toMatchObject({ ok: false, line: 2 });
    const fixed = validateMetric(own({ sql: 'SELECT order_date AS period, SUM(net_revenue) AS value FROM fact_orders GROUP BY 1' }));
    expect(fixed.ok).toBe(true);
    expect(fixed.followsGrain).toBe(false);
    expect(validateMetric({}).grains).toEqual([]);
  });
});

describe('recordChange', () => {
  it('appends what changed, who and when, with the SQL before when the SQL changed', () => {
    const before = own();
    const next = { ...before, sql: before.sql.replace('SUM(events)', 'SUM(users)'), owner: 'crm' };
    const after = recordChange(before, next, 'learner', '2025-06-02T10:00:00Z');
    expect(after.history).toHaveLength(1);
    expect(lastChange(after)).toEqual({ at: '2025-06-02T10:00:00Z', by: 'learner', summary: 'owner, sql', previousSql: before.sql });
    const renamed = recordChange(after, { ...after, name: { ko: '담기', en: 'Adds' } }, 'learner', '2025-06-03');
    expect(lastChange(renamed)).toEqual({ at: '2025-06-03', by: 'learner', summary: 'name' });
    const reviewed = recordChange(
      renamed,
      { ...renamed, review: { ...renamed.review, auditable: { ok: true, note: '' } } },
      'learner',
      '2025-06-04',
    );
    expect(reviewed.history).toHaveLength(2);
  });
});
