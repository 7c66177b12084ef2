import { create } from 'zustand';
import type { Grain, Metric, Review3A } from '../../../core/metrics/schema.ts';
import { metricsDoc, type MetricsDoc } from '../../../core/metrics/metrics-doc.ts';
import { persistDoc } from '../../state/doc-bindings.ts';

/*
 * The KPI registry's state: the saved `metrics` document (the learner's own metrics and their 3A
 * reviews of the published ones) and what the screen shows (selection, search, filters, grain),
 * which is not saved. Changed only by named actions, so a test or another screen (a dashboard
 * tile's "open its metric") moves the registry the same way a click does.
 */

/** Which metrics the list shows by type. */
export type TypeFilter = 'all' | 'kpi' | 'metric';

/** What the detail pane shows: one metric, or two definitions side by side (by default the two published revenues). */
export type RegistryView = 'metric' | 'compare';

/** The metric dialog that is open: a new metric, an edit or a copy of one, or deleting one. */
export type MetricDialog = { kind: 'new' } | { kind: 'edit'; id: string } | { kind: 'copy'; id: string } | { kind: 'delete'; id: string } | null;

/** The KPI registry's store. */
export interface MetricsScreenStore {
  doc: MetricsDoc;
  /** The metric open in the detail pane (null: the first one listed). */
  selected: string | null;
  view: RegistryView;
  /** The two metrics the comparison shows (ids); null: the two published definitions of revenue. */
  comparePair: [string, string] | null;
  query: string;
  typeFilter: TypeFilter;
  /** An owner id, or null for every owner. */
  ownerFilter: string | null;
  /** The grain of the metric's chart. */
  grain: Grain;
  dialog: MetricDialog;
  selectMetric(id: string | null): void;
  /** Shows the comparison: of two metrics (a name conflict's), or without a pair the two published revenues. */
  showCompare(pair?: [string, string]): void;
  setQuery(query: string): void;
  setTypeFilter(filter: TypeFilter): void;
  setOwnerFilter(owner: string | null): void;
  setGrain(grain: Grain): void;
  openDialog(dialog: MetricDialog): void;
  /** Shows every metric again (a deep link to a metric the filters hide). */
  clearFilters(): void;
  /**
   * Saves the learner's 3A review of a metric: inline on their own metric, in `reviews` for a
   * published one (published metrics are not stored).
   */
  saveReview(id: string, review: Review3A): void;
  /** Puts a learner's metric in the document (new, or replacing the one with its id) and selects it. */
  putMetric(metric: Metric): void;
  /** Removes a learner's metric (published ones are not in the document and stay). */
  deleteMetric(id: string): void;
}

/** The KPI registry's store. */
export const useMetricsStore = create<MetricsScreenStore>()((set) => ({
  doc: metricsDoc.defaults(),
  selected: null,
  view: 'metric',
  comparePair: null,
  query: '',
  typeFilter: 'all',
  ownerFilter: null,
  grain: 'month',
  dialog: null,
  selectMetric: (selected) => set({ selected, view: 'metric' }),
  showCompare: (pair) => set({ view: 'compare', comparePair: pair ?? null }),
  setQuery: (query) => set({ query }),
  setTypeFilter: (typeFilter) => set({ typeFilter }),
  setOwnerFilter: (ownerFilter) => set({ ownerFilter }),
  setGrain: (grain) => set({ grain }),
  openDialog: (dialog) => set({ dialog }),
  clearFilters: () => set({ query: '', typeFilter: 'all', ownerFilter: null }),
  saveReview: (id, review) =>
    set((s) => {
      const own = s.doc.metrics[id];
      if (own) return { doc: { ...s.doc, metrics: { ...s.doc.metrics, [id]: { ...own, review } } } };
      return { doc: { ...s.doc, reviews: { ...s.doc.reviews, [id]: review } } };
    }),
  putMetric: (metric) =>
    set((s) => ({ doc: { ...s.doc, metrics: { ...s.doc.metrics, [metric.id]: { ...metric, builtIn: false } } }, selected: metric.id, view: 'metric', dialog: null })),
  deleteMetric: (id) =>
    set((s) => {
      if (!(id in s.doc.metrics)) return {};
      const metrics = { ...s.doc.metrics };
      delete metrics[id];
      return { doc: { ...s.doc, metrics }, selected: s.selected === id ? null : s.selected, dialog: null };
    }),
}));

persistDoc<'metrics', MetricsScreenStore>(metricsDoc, { store: useMetricsStore, select: (s) => s.doc, apply: (doc) => ({ doc }) });
