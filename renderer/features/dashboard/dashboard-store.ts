import { create } from 'zustand';
import type { Dashboard, DateRange, Grain, Tile, TileLayout } from '../../../core/metrics/schema.ts';
import { dashboardsDoc, type DashboardsDoc } from '../../../core/metrics/metrics-doc.ts';
import { persistDoc } from '../../state/doc-bindings.ts';
import { compactTiles, placeNewTile } from './layout-ops.ts';

/*
 * The Dashboards screen's saved state: the learner's dashboards and the one open, changed only by
 * the named actions below. Until the learner changes anything they see the starter dashboard
 * (not stored); their first change saves it under its id, like the pipeline screen's starter.
 */

/** A tile as the add dialog makes it: everything but its id and its place. */
export type NewTile = Omit<Tile, 'id' | 'layout'>;

/** The Dashboards screen's saved state and its actions. */
export interface DashboardDocState {
  doc: DashboardsDoc;
  /** Replaces (or adds) a dashboard under its id and makes it the open one. */
  saveDashboard: (d: Dashboard) => void;
  /** Opens another of the learner's dashboards. */
  openDashboard: (id: string) => void;
  /** Adds a new, empty dashboard named `name` with the open one's range and grain (keeping the open one, the starter too); returns its id. */
  createDashboard: (name: string, from: Dashboard) => string;
  /** Renames the dashboard on show (saving it if it was the unsaved starter). */
  renameDashboard: (d: Dashboard, name: string) => void;
  /** Removes a dashboard (the starter comes back when none is left). */
  removeDashboard: (id: string) => void;
  /** Sets the one date range all tiles share. */
  setRange: (d: Dashboard, range: DateRange) => void;
  /** Sets the one grain all tiles share. */
  setGrain: (d: Dashboard, grain: Grain) => void;
  /** Adds a tile at the first free place at the bottom; returns its id. */
  addTile: (d: Dashboard, tile: NewTile) => string;
  /** Removes a tile. */
  removeTile: (d: Dashboard, tileId: string) => void;
  /** Puts tiles where the grid says (a drag, a resize, a keyboard step); unknown ids are ignored. */
  applyLayout: (d: Dashboard, layouts: Record<string, TileLayout>) => void;
}

/** A dashboard id not yet used: `base`, `base-2`, `base-3`… */
export function freeId(taken: (id: string) => boolean, base: string): string {
  let id = base;
  for (let i = 2; taken(id); i++) id = `${base}-${i}`;
  return id;
}

/** A tile id not yet used on a dashboard. */
export function freeTileId(d: Dashboard): string {
  const ids = new Set(d.tiles.map((t) => t.id));
  let n = d.tiles.length + 1;
  while (ids.has(`tile-${n}`)) n++;
  return `tile-${n}`;
}

/** The learner's dashboards, saved with their work. */
export const useDashboardDocStore = create<DashboardDocState>((set, get) => {
  const save = (d: Dashboard): void => set((s) => ({ doc: { ...s.doc, dashboards: { ...s.doc.dashboards, [d.id]: d }, current: d.id } }));
  return {
    doc: dashboardsDoc.defaults(),
    saveDashboard: save,
    openDashboard: (id) => set((s) => ({ doc: { ...s.doc, current: id } })),
    createDashboard: (name, from) => {
      const id = freeId((x) => !!get().doc.dashboards[x] || x === from.id, 'dashboard');
      // The unsaved starter on show is kept too, so the picker still offers it.
      if (!get().doc.dashboards[from.id]) save(from);
      save({ id, name: name.trim(), range: { ...from.range }, grain: from.grain, tiles: [] });
      return id;
    },
    renameDashboard: (d, name) => {
      if (name.trim() === '') return;
      save({ ...d, name: name.trim() });
    },
    removeDashboard: (id) =>
      set((s) => {
        const dashboards = { ...s.doc.dashboards };
        delete dashboards[id];
        return { doc: { ...s.doc, dashboards, current: Object.keys(dashboards)[0] ?? null } };
      }),
    setRange: (d, range) => {
      if (d.range.from === range.from && d.range.to === range.to) return;
      save({ ...d, range: { ...range } });
    },
    setGrain: (d, grain) => {
      if (d.grain !== grain) save({ ...d, grain });
    },
    addTile: (d, tile) => {
      const id = freeTileId(d);
      const full = { ...tile, id, layout: placeNewTile(d.tiles, tile.kind) } as Tile;
      save({ ...d, tiles: [...d.tiles, full] });
      return id;
    },
    removeTile: (d, tileId) => save({ ...d, tiles: compactTiles(d.tiles.filter((t) => t.id !== tileId)) }),
    applyLayout: (d, layouts) => {
      let changed = false;
      const tiles = d.tiles.map((t) => {
        const l = layouts[t.id];
        if (!l || (l.x === t.layout.x && l.y === t.layout.y && l.w === t.layout.w && l.h === t.layout.h)) return t;
        changed = true;
        return { ...t, layout: { ...l } };
      });
      if (changed) save({ ...d, tiles });
    },
  };
});

// Saved as `dashboards` (declared in core/metrics/metrics-doc.ts); loaded and autosaved by persistence.ts.
persistDoc<'dashboards', DashboardDocState>(dashboardsDoc, {
  store: useDashboardDocStore,
  select: (s) => s.doc,
  apply: (doc) => ({ doc }),
});

/** The dashboard on show: the open one, else the first, else the starter (made by `starter`). */
export function currentDashboard(doc: DashboardsDoc, starter: () => Dashboard): Dashboard {
  const all = doc.dashboards;
  return (doc.current ? all[doc.current] : undefined) ?? Object.values(all)[0] ?? starter();
}

/** A dialog of the Dashboards screen. */
export type DashboardDialog = null | { kind: 'add' | 'new' | 'rename' | 'remove' } | { kind: 'info'; tileId: string };

/** Which dialog the screen shows (commands open them as the buttons do; not saved). */
export const useDashboardUi = create<{ dialog: DashboardDialog; openDialog: (d: DashboardDialog) => void }>((set) => ({
  dialog: null,
  openDialog: (dialog) => set({ dialog }),
}));
