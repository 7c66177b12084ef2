import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Dashboard } from '../../../core/metrics/schema.ts';
import { dashboardsDoc } from '../../../core/metrics/metrics-doc.ts';
import { createWebHost } from '../../../renderer/host/web-host.ts';
import { memoryStore } from '../memory-store.ts';

/*
 * The Dashboards screen's saved state through the app's real load and autosave (web host over an
 * in-memory store): the learner's dashboards, their layout and filters survive a reload; the
 * starter shows until they change something and comes back when they delete their last one.
 */

async function freshApp() {
  vi.resetModules();
  const persistence = await import('../../../renderer/state/persistence.ts');
  const store = await import('../../../renderer/features/dashboard/dashboard-store.ts');
  return { ...persistence, ...store };
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

const starter: Dashboard = {
  id: 'starter',
  name: 'Starter',
  range: { from: '2025-07-01', to: '2025-12-31' },
  grain: 'week',
  tiles: [
    { id: 'tile-1', kind: 'kpi', metricId: 'net-revenue', chart: { mark: 'line' }, layout: { x: 0, y: 0, w: 3, h: 3 } },
    { id: 'tile-2', kind: 'chart', metricId: 'orders', chart: { mark: 'bar' }, layout: { x: 3, y: 0, w: 6, h: 5 } },
  ],
};

describe('dashboards saved with the learner’s work', () => {
  it('keeps a changed layout, range, grain and an added tile across a reload', async () => {
    const kv = memoryStore();
    const first = await freshApp();
    const host = createWebHost(kv);
    await first.loadPersisted(host);
    const stop = first.startAutosave(host);
    const s = () => first.useDashboardDocStore.getState();
    // Nothing saved yet: the starter is on show and nothing is written for it.
    expect(first.currentDashboard(s().doc, () => starter).id).toBe('starter');
    s().applyLayout(starter, { 'tile-1': { x: 0, y: 0, w: 4, h: 3 } });
    const shown = () => first.currentDashboard(s().doc, () => starter);
    s().setRange(shown(), { from: '2025-10-01', to: '2025-12-31' });
    s().setGrain(shown(), 'month');
    const added = s().addTile(shown(), {
      kind: 'chart',
      sql: "SELECT {{ period('order_date') }} AS period, COUNT(*) AS value FROM fact_orders GROUP BY 1",
      title: { ko: '주문', en: 'Orders' },
      chart: { mark: 'area' },
    });
    expect(added).toBe('tile-3');
    await vi.waitFor(() =>
      expect((kv.data.get('dashboards') as { dashboards: Record<string, Dashboard> } | undefined)?.dashboards.starter?.tiles).toHaveLength(
        3,
      ),
    );
    stop();

    const second = await freshApp();
    await second.loadPersisted(createWebHost(kv));
    const back = second.currentDashboard(second.useDashboardDocStore.getState().doc, () => starter);
    expect(back.tiles.find((t) => t.id === 'tile-1')?.layout).toEqual({ x: 0, y: 0, w: 4, h: 3 });
    expect(back.range).toEqual({ from: '2025-10-01', to: '2025-12-31' });
    expect(back.grain).toBe('month');
    expect(back.tiles.find((t) => t.id === 'tile-3')).toMatchObject({
      kind: 'chart',
      chart: { mark: 'area' },
      layout: { x: 0, y: 5, w: 6, h: 4 },
    });
    // What was written is a valid `dashboards` document.
    expect(dashboardsDoc.restore(kv.data.get('dashboards')).ok).toBe(true);
  });

  it('creates, renames, opens and deletes dashboards; the starter comes back when none is left', async () => {
    const app = await freshApp();
    const s = () => app.useDashboardDocStore.getState();
    const shown = () => app.currentDashboard(s().doc, () => starter);
    const id = s().createDashboard('  Weekly review ', starter);
    expect(id).toBe('dashboard');
    // The starter it was made from stays in the list.
    expect(Object.keys(s().doc.dashboards).sort()).toEqual(['dashboard', 'starter']);
    expect(shown()).toMatchObject({ id: 'dashboard', name: 'Weekly review', tiles: [], grain: 'week', range: starter.range });
    const id2 = s().createDashboard('Another', starter);
    expect(id2).toBe('dashboard-2');
    s().renameDashboard(shown(), 'Monthly board');
    expect(s().doc.dashboards['dashboard-2']?.name).toBe('Monthly board');
    // A blank name changes nothing.
    s().renameDashboard(shown(), '   ');
    expect(s().doc.dashboards['dashboard-2']?.name).toBe('Monthly board');
    s().openDashboard('dashboard');
    expect(shown().id).toBe('dashboard');
    s().removeDashboard('dashboard');
    expect(Object.keys(s().doc.dashboards).sort()).toEqual(['dashboard-2', 'starter']);
    s().removeDashboard('dashboard-2');
    s().removeDashboard('starter');
    expect(s().doc.dashboards).toEqual({});
    expect(shown()).toBe(starter);
  });

  it('removes a tile and ignores layouts that change nothing (no needless save)', async () => {
    const app = await freshApp();
    const s = () => app.useDashboardDocStore.getState();
    s().applyLayout(starter, { 'tile-1': { ...starter.tiles[0]!.layout } });
    expect(s().doc.dashboards).toEqual({});
    s().removeTile(starter, 'tile-1');
    // The gap it leaves closes in the saved layout, as on screen.
    expect(s().doc.dashboards.starter?.tiles).toMatchObject([{ id: 'tile-2', layout: { x: 3, y: 0, w: 6, h: 5 } }]);
    const withGap = { ...starter, tiles: [starter.tiles[0]!, { ...starter.tiles[1]!, layout: { x: 0, y: 3, w: 6, h: 5 } }] };
    s().removeTile(withGap, 'tile-1');
    expect(s().doc.dashboards.starter?.tiles).toMatchObject([{ id: 'tile-2', layout: { x: 0, y: 0, w: 6, h: 5 } }]);
  });
});
