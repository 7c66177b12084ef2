import type { StateCreator } from 'zustand';
import type { Catalog } from '../../core/datasets/catalog.ts';
import type { ExecResult, SchemaObject } from '../../core/sql/protocol.ts';
import type { GridMarks } from '../grid/ResultGrid.tsx';
import type { Store } from './store.ts';

/** What a lesson's Check graded, when the run shown is the checked answer rather than a Run. */
export interface GradedInfo {
  pass: boolean;
  /** Expected rows the learner's result lacks (they cannot be marked in the grid). */
  missingRows: number;
  /** Rows and cells marked in the grid as differing. */
  markedRows: number;
}

/** The engine's state as the UI shows it. */
export type EngineState = 'loading' | 'idle' | 'busy' | 'restoring' | 'error';

/** The last run: what was sent, what came back, and where it started in the editor text. */
export interface RunRecord {
  sql: string;
  /** Offset of `sql` in the editor model, so error positions map back to the editor. */
  editorOffset: number;
  startedAt: number;
  outcome: ExecResult | { cancelled: true } | null;
  /** Rows, cells and columns to mark as differing from the expected result (after a failed Check). */
  marks?: GridMarks;
  /** Set when this is the result a lesson's Check graded. */
  graded?: GradedInfo;
}

/** The sandbox's live state: catalog, open database, schema, the running or last query. */
export interface WorkbenchSlice {
  catalog: Catalog | null;
  catalogError: string | null;
  databaseId: string | null;
  schema: SchemaObject[];
  engine: EngineState;
  engineError: string | null;
  run: RunRecord | null;
  activeResult: number;
  setWorkbench: (patch: Partial<Omit<WorkbenchSlice, 'setWorkbench'>>) => void;
}

export const createWorkbenchSlice: StateCreator<Store, [], [], WorkbenchSlice> = (set) => ({
  catalog: null,
  catalogError: null,
  databaseId: null,
  schema: [],
  engine: 'loading',
  engineError: null,
  run: null,
  activeResult: 0,
  setWorkbench: (patch) => set(patch),
});
