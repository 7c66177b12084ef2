import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HANBIT_METRICS, hanbitMetric } from '../../../core/metrics/hanbit-metrics.ts';
import { metricsDoc } from '../../../core/metrics/metrics-doc.ts';
import type { Metric, Review3A } from '../../../core/metrics/schema.ts';
import { createWebHost } from '../../../renderer/host/web-host.ts';
import { memoryStore } from '../memory-store.ts';

/*
 * The KPI registry's saved state through the app's real load and autosave (web host over an
 * in-memory store): 3A reviews of published metrics go to `reviews`, the learner's own metrics
 * carry theirs inline, and both survive a reload; a learner's copy of a published metric takes its
 * place in the list and deleting it brings the published one back; openMetric moves the app.
 */

async function freshApp() {
  vi.resetModules();
  const persistence = await import('../../../renderer/state/persistence.ts');
  const store = await import('../../../renderer/features/metrics/metrics-store.ts');
  const view = await import('../../../renderer/features/metrics/registry-view.ts');
  const actions = await import('../../../renderer/features/metrics/metrics-actions.ts');
  const app = await import('../../../renderer/state/store.ts');
  return { ...persistence, ...store, ...view, ...actions, useStore: app.useStore };
}

const globals = globalThis as Record<string, unknown>;
beforeAll(() => {
  globals.window = new EventTarget();
  globals.document = Object.assign(new EventTarget(), { visibilityState: 'visible' });
});
afterAll(() => {
  delete globals.window;
  delete globals.document;
});

const review = (accessible: boolean | null, note = ''): Review3A => ({
  accessible: { ok: accessible, note },
  actionable: { ok: null, note: '' },
  auditable: { ok: true, note: 'The query and its tables are listed.' },
});

const own: Metric = {
  ...(hanbitMetric('orders') as Metric),
  id: 'mobile-orders',
  name: { ko: '모바일 주문 수', en: 'Mobile orders' },
  sql: "SELECT {{ period('order_date') }} AS period, COUNT(*) AS value\nFROM fact_orders\nWHERE platform <> 'web'\nGROUP BY 1",
  owner: 'learner',
  type: 'metric',
  builtIn: false,
  history: [{ at: '2025-06-01T10:00:00.000Z', by: 'learner', summary: 'created' }],
};

describe('the KPI registry saved with the learner’s work', () => {
  it('keeps a 3A review of a published metric and of their own metric across a reload', async () => {
    const kv = memoryStore();
    const first = await freshApp();
    const host = createWebHost(kv);
    await first.loadPersisted(host);
    const stop = first.startAutosave(host);
    const s = () => first.useMetricsStore.getState();
    s().saveReview('net-revenue', review(true, 'Everyone reads 매출 the same way now.'));
    s().putMetric(own);
    s().saveReview('mobile-orders', review(false, 'Nobody knows what to do when it moves.'));
    await vi.waitFor(() => {
      const saved = kv.data.get('metrics') as { reviews: Record<string, Review3A>; metrics: Record<string, Metric> } | undefined;
      expect(saved?.reviews['net-revenue']?.accessible.note).toBe('Everyone reads 매출 the same way now.');
      expect(saved?.metrics['mobile-orders']?.review.accessible.ok).toBe(false);
    });
    // A published metric is never stored; its review is kept apart, by id.
    const saved = kv.data.get('metrics') as { metrics: Record<string, Metric> };
    expect(Object.keys(saved.metrics)).toEqual(['mobile-orders']);
    expect(metricsDoc.restore(kv.data.get('metrics')).ok).toBe(true);
    stop();

    const second = await freshApp();
    await second.loadPersisted(createWebHost(kv));
    const list = second.registryList(second.useMetricsStore.getState().doc);
    const net = list.find((m) => m.id === 'net-revenue');
    expect(net?.builtIn).toBe(true);
    expect(net?.review.accessible).toEqual({ ok: true, note: 'Everyone reads 매출 the same way now.' });
    expect(net?.review.auditable.ok).toBe(true);
    const mine = list.find((m) => m.id === 'mobile-orders');
    expect(mine?.review.accessible).toEqual({ ok: false, note: 'Nobody knows what to do when it moves.' });
    // Published metrics first (KPIs first), the learner's own after them.
    expect(list.map((m) => m.id)).toEqual([...HANBIT_METRICS.map((m) => m.id), 'mobile-orders']);
    // Other published metrics keep an empty review.
    expect(list.find((m) => m.id === 'orders')?.review.accessible.ok).toBeNull();
  });

  it('puts the learner’s copy of a published metric in its place, and deleting it brings the published one back', async () => {
    const app = await freshApp();
    const s = () => app.useMetricsStore.getState();
    const gross = hanbitMetric('gross-revenue') as Metric;
    s().putMetric({ ...gross, name: { ko: '매출', en: 'Revenue' }, builtIn: true });
    let list = app.registryList(s().doc);
    const copy = list.find((m) => m.id === 'gross-revenue');
    // Stored as the learner's (never as built in), in the published metric's place in the list.
    expect(copy?.builtIn).toBe(false);
    expect(app.originOf(copy as Metric)).toBe('edited');
    expect(list.findIndex((m) => m.id === 'gross-revenue')).toBe(HANBIT_METRICS.findIndex((m) => m.id === 'gross-revenue'));
    expect(list).toHaveLength(HANBIT_METRICS.length);
    // Renamed "Revenue", it now shares the KPI's name (and marketing's published one) with other definitions: all are warned.
    const conflicts = app.conflictsById(list);
    expect(conflicts.get('gross-revenue')?.map((c) => c.other.id)).toEqual(['net-revenue', 'revenue-sales-report']);
    expect(conflicts.get('net-revenue')?.map((c) => c.other.id)).toEqual(['gross-revenue', 'revenue-sales-report']);
    expect(s().selected).toBe('gross-revenue');

    s().deleteMetric('gross-revenue');
    list = app.registryList(s().doc);
    expect(list.find((m) => m.id === 'gross-revenue')?.name.en).toBe('Revenue (gross)');
    // Only the published clash is left: the KPI and marketing's "Revenue".
    expect([...app.conflictsById(list).keys()].sort()).toEqual(['net-revenue', 'revenue-sales-report']);
    expect(s().selected).toBeNull();
    // Deleting a published metric that has no copy changes nothing.
    const before = s().doc;
    s().deleteMetric('orders');
    expect(s().doc).toBe(before);
  });

  it('searches names in both languages, definitions and owners, and filters by type and owner', async () => {
    const app = await freshApp();
    const list = app.registryList({ version: 1, metrics: { [own.id]: own }, reviews: {} });
    const ids = (query: string, type: 'all' | 'kpi' | 'metric' = 'all', owner: string | null = null) => app.visibleMetrics(list, query, type, owner).map((m) => m.id);
    expect(ids('매출')).toEqual(expect.arrayContaining(['net-revenue', 'gross-revenue']));
    expect(ids('매출')).not.toContain('orders');
    expect(ids('refund')).toEqual(expect.arrayContaining(['net-revenue', 'refund-rate', 'gross-revenue']));
    // An owner by its team's name in either language.
    expect(ids('검색팀')).toEqual(['search-ctr']);
    expect(ids('Infrastructure')).toEqual(['error-rate-5xx']);
    expect(ids('', 'kpi')).toEqual(['net-revenue', 'orders', 'active-buyers', 'average-order-value']);
    expect(ids('', 'metric', 'learner')).toEqual(['mobile-orders']);
    expect(ids('revenue', 'metric')).toEqual(expect.not.arrayContaining(['net-revenue']));
    expect(ids('no such metric anywhere')).toEqual([]);
    expect(app.ownerName('learner', 'ko', '나')).toBe('나');
    expect(app.ownerName('commerce', 'en', 'You')).toBe('Commerce engineering');
  });

  it('opens the registry at a metric from another screen, clearing a search that would hide it', async () => {
    const app = await freshApp();
    const s = () => app.useMetricsStore.getState();
    s().setQuery('search');
    s().setTypeFilter('kpi');
    s().showCompare();
    app.useStore.getState().openScreen('sandbox');
    app.openMetric('refund-rate');
    expect(app.useStore.getState().screen).toBe('metrics');
    expect(s()).toMatchObject({ selected: 'refund-rate', view: 'metric', query: '', typeFilter: 'all', ownerFilter: null });
    app.newMetric();
    expect(s().dialog).toEqual({ kind: 'new' });
    // A name conflict's comparison shows its two metrics; the toolbar's shows the two published revenues.
    s().showCompare(['revenue-sales-report', 'net-revenue']);
    expect(s()).toMatchObject({ view: 'compare', comparePair: ['revenue-sales-report', 'net-revenue'] });
    app.compareDefinitions();
    expect(s()).toMatchObject({ view: 'compare', comparePair: null });
  });
});
