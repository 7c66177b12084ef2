import { create } from 'zustand';
import { governanceDoc, type GovernanceDoc, type MaskedView } from '../../../core/governance/governance-doc.ts';
import type { MaskCheckDetail } from '../../../core/governance/mask.ts';
import type { PiiClass, QualityHistory, QualityRun } from '../../../core/governance/types.ts';
import type { ExecResult } from '../../../core/sql/protocol.ts';
import type { Progress } from '../../../core/worker/envelope.ts';
import { persistDoc } from '../../state/doc-bindings.ts';
import type { ClassFilter } from './catalogue-view.ts';

/*
 * The Governance screen's state: the saved `governance` document (the learner's PII tags, quality
 * checks, masked views and workspace key) and what the screen shows (tab, catalogue search and
 * filters), which is not saved. Changed only by named actions. The Quality and Lineage tabs add
 * their own state in their section below.
 */

/** The Governance screen's tabs. */
export type GovernanceTab = 'catalogue' | 'quality' | 'lineage' | 'masked';

/** A masked-view Run: idle, running, its result (the worker's ExecResult) or why it could not run. */
export type MaskRunState = { status: 'idle' } | { status: 'running' } | { status: 'done'; result: ExecResult } | { status: 'error'; message: string };

/** A masked-view Check: idle, running, the check, or why it could not run. */
export type MaskCheckState = { status: 'idle' } | { status: 'running' } | { status: 'done'; check: MaskCheckDetail } | { status: 'error'; message: string };

/** A catalogue filter: a value, or null for all. */
export type CatalogueFilter = string | null;

/** The Governance screen's store. */
export interface GovernanceStore {
  doc: GovernanceDoc;
  tab: GovernanceTab;
  // ---- catalogue (gov-ui-a)
  query: string;
  classFilter: ClassFilter;
  ownerFilter: CatalogueFilter;
  layerFilter: CatalogueFilter;
  /** Whether the catalogue shows the comparison with the reference. */
  comparing: boolean;
  // ---- masked views (gov-ui-a)
  /** The SQL in the masked-view editor (not saved until the learner saves the view); null: the starter. */
  maskSql: string | null;
  /** The last Run of the masked-view SQL. */
  maskRun: MaskRunState;
  /** The last Check of the masked view. */
  maskCheck: MaskCheckState;
  /** The table the view's rows must reconcile with. */
  maskBase: string;
  showTab(tab: GovernanceTab): void;
  setQuery(query: string): void;
  setClassFilter(filter: ClassFilter): void;
  setOwnerFilter(filter: CatalogueFilter): void;
  setLayerFilter(filter: CatalogueFilter): void;
  clearFilters(): void;
  setComparing(on: boolean): void;
  /** Tags a column (null removes the tag). */
  tagColumn(key: string, tag: PiiClass | null): void;
  setMaskSql(sql: string): void;
  setMaskBase(table: string): void;
  setMaskRun(run: MaskRunState): void;
  setMaskCheck(check: MaskCheckState): void;
  /** Saves (or replaces) a masked view by name. */
  saveMaskedView(view: MaskedView): void;
  deleteMaskedView(name: string): void;
  /** The workspace key, made once with crypto.getRandomValues the first time it is needed. */
  ensureWorkspaceKey(): string;
  // ---- quality and lineage (gov-ui-b): add state and actions here
  /** The last run of the learner's checks (not saved: a run is quick to repeat). */
  qualityRun: QualityRun | null;
  /** The last check history over the simulated days. */
  qualityHistory: QualityHistory | null;
  /** The YAML the shown run and history ran (so a result is never shown against edited checks without saying so). */
  qualityRanYaml: { run: string | null; history: string | null };
  /** The check whose details are open in the results. */
  qualityChosen: string | null;
  /** The run or history under way, with its progress (checks done of the total; a run also names what runs now); null when idle. */
  qualityBusy: { kind: 'run' | 'history'; done: number; total: number; current?: Progress['current'] | null } | null;
  /** Why the last run or history could not finish (localised), or null. */
  qualityError: string | null;
  /** Which of the results and the history the Quality tab shows. */
  qualityView: 'results' | 'history';
  /** The lineage node picked as the broken source (its impact is shown), or null. */
  lineageSource: string | null;
  /** Node kinds hidden from the lineage graph. */
  lineageHidden: readonly string[];
  /** Saves the learner's check file (an empty text means "start from the reference example"). */
  setChecksYaml(yaml: string): void;
  setQualityBusy(busy: GovernanceStore['qualityBusy'], error?: string | null): void;
  finishQualityRun(run: QualityRun, yaml: string): void;
  finishQualityHistory(history: QualityHistory, yaml: string): void;
  chooseCheck(id: string | null): void;
  setQualityView(view: 'results' | 'history'): void;
  pickBrokenSource(id: string | null): void;
  setLineageHidden(kinds: readonly string[]): void;
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
  classFilter: 'all',
  ownerFilter: null,
  layerFilter: null,
  comparing: false,
  maskSql: null,
  maskRun: { status: 'idle' },
  maskCheck: { status: 'idle' },
  maskBase: 'customers',
  qualityRun: null,
  qualityHistory: null,
  qualityRanYaml: { run: null, history: null },
  qualityChosen: null,
  qualityBusy: null,
  qualityError: null,
  qualityView: 'results',
  lineageSource: null,
  lineageHidden: [],
  showTab: (tab) => set({ tab }),
  setQuery: (query) => set({ query }),
  setClassFilter: (classFilter) => set({ classFilter }),
  setOwnerFilter: (ownerFilter) => set({ ownerFilter }),
  setLayerFilter: (layerFilter) => set({ layerFilter }),
  clearFilters: () => set({ query: '', classFilter: 'all', ownerFilter: null, layerFilter: null }),
  setComparing: (comparing) => set({ comparing }),
  tagColumn: (key, tag) =>
    set((s) => {
      const tags = { ...s.doc.tags };
      if (tag === null) delete tags[key];
      else tags[key] = tag;
      return { doc: { ...s.doc, tags } };
    }),
  setMaskSql: (maskSql) => set({ maskSql }),
  setMaskBase: (maskBase) => set({ maskBase }),
  setMaskRun: (maskRun) => set({ maskRun }),
  setMaskCheck: (maskCheck) => set({ maskCheck }),
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
  setChecksYaml: (checksYaml) => set((s) => (s.doc.checksYaml === checksYaml ? {} : { doc: { ...s.doc, checksYaml } })),
  finishQualityRun: (qualityRun, yaml) =>
    set((s) => ({
      qualityRun,
      qualityRanYaml: { ...s.qualityRanYaml, run: yaml },
      // The first check that did not pass opens by itself: that is what the learner ran the checks to see.
      qualityChosen: qualityRun.results.find((r) => r.outcome !== 'pass')?.check.id ?? null,
      qualityView: 'results',
    })),
  finishQualityHistory: (qualityHistory, yaml) => set((s) => ({ qualityHistory, qualityRanYaml: { ...s.qualityRanYaml, history: yaml }, qualityView: 'history' })),
  setQualityBusy: (qualityBusy, error) => set(error === undefined ? { qualityBusy } : { qualityBusy, qualityError: error }),
  chooseCheck: (qualityChosen) => set({ qualityChosen }),
  setQualityView: (qualityView) => set({ qualityView }),
  pickBrokenSource: (lineageSource) => set({ lineageSource }),
  setLineageHidden: (lineageHidden) => set({ lineageHidden }),
}));

persistDoc<'governance', GovernanceStore>(governanceDoc, { store: useGovernanceStore, select: (s) => s.doc, apply: (doc) => ({ doc }) });
