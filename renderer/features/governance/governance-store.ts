import { create } from 'zustand';
import { governanceDoc, type GovernanceDoc, type MaskedView } from '../../../core/governance/governance-doc.ts';
import type { PiiClass } from '../../../core/governance/types.ts';
import { persistDoc } from '../../state/doc-bindings.ts';

/*
 * The Governance screen's state: the saved `governance` document (the learner's PII tags, quality
 * checks, masked views and workspace key) and what the screen shows (tab, catalogue search and
 * filters), which is not saved. Changed only by named actions. The Quality and Lineage tabs add
 * their own state in their section below.
 */

/** The Governance screen's tabs. */
export type GovernanceTab = 'catalogue' | 'quality' | 'lineage' | 'masked';

/** A catalogue filter: a value, or null for all. */
export type CatalogueFilter = string | null;

/** The Governance screen's store. */
export interface GovernanceStore {
  doc: GovernanceDoc;
  tab: GovernanceTab;
  // ---- catalogue (gov-ui-a)
  query: string;
  classFilter: CatalogueFilter;
  ownerFilter: CatalogueFilter;
  layerFilter: CatalogueFilter;
  /** Whether the catalogue shows the comparison with the reference. */
  comparing: boolean;
  // ---- masked views (gov-ui-a)
  /** The SQL in the masked-view editor (not saved until the learner saves the view). */
  maskSql: string | null;
  showTab(tab: GovernanceTab): void;
  setQuery(query: string): void;
  setClassFilter(filter: CatalogueFilter): void;
  setOwnerFilter(filter: CatalogueFilter): void;
  setLayerFilter(filter: CatalogueFilter): void;
  clearFilters(): void;
  setComparing(on: boolean): void;
  /** Tags a column (null removes the tag). */
  tagColumn(key: string, tag: PiiClass | null): void;
  setMaskSql(sql: string): void;
  /** Saves (or replaces) a masked view by name. */
  saveMaskedView(view: MaskedView): void;
  deleteMaskedView(name: string): void;
  /** The workspace key, made once with crypto.getRandomValues the first time it is needed. */
  ensureWorkspaceKey(): string;
  // ---- quality and lineage (gov-ui-b): add state and actions here
}

/** 32 random bytes as 64 lowercase hex characters (the doc's workspaceKey format). */
export function newWorkspaceKey(): string {
  const bytes = new Uint8Array(32);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The Governance screen's store. */
export const useGovernanceStore = create<GovernanceStore>()((set, get) => ({
  doc: governanceDoc.defaults(),
  tab: 'catalogue',
  query: '',
  classFilter: null,
  ownerFilter: null,
  layerFilter: null,
  comparing: false,
  maskSql: null,
  showTab: (tab) => set({ tab }),
  setQuery: (query) => set({ query }),
  setClassFilter: (classFilter) => set({ classFilter }),
  setOwnerFilter: (ownerFilter) => set({ ownerFilter }),
  setLayerFilter: (layerFilter) => set({ layerFilter }),
  clearFilters: () => set({ query: '', classFilter: null, ownerFilter: null, layerFilter: null }),
  setComparing: (comparing) => set({ comparing }),
  tagColumn: (key, tag) =>
    set((s) => {
      const tags = { ...s.doc.tags };
      if (tag === null) delete tags[key];
      else tags[key] = tag;
      return { doc: { ...s.doc, tags } };
    }),
  setMaskSql: (maskSql) => set({ maskSql }),
  saveMaskedView: (view) => set((s) => ({ doc: { ...s.doc, maskedViews: { ...s.doc.maskedViews, [view.name]: view } } })),
  deleteMaskedView: (name) =>
    set((s) => {
      if (!(name in s.doc.maskedViews)) return {};
      const maskedViews = { ...s.doc.maskedViews };
      delete maskedViews[name];
      return { doc: { ...s.doc, maskedViews } };
    }),
  ensureWorkspaceKey: () => {
    const existing = get().doc.workspaceKey;
    if (existing) return existing;
    const workspaceKey = newWorkspaceKey();
    set((s) => ({ doc: { ...s.doc, workspaceKey } }));
    return workspaceKey;
  },
}));

persistDoc<'governance', GovernanceStore>(governanceDoc, { store: useGovernanceStore, select: (s) => s.doc, apply: (doc) => ({ doc }) });
