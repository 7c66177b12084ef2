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

/** A database the learner opened from their own file (kept for the session, listed in the picker). */
export interface LocalDatabase {
  /** `file:` and the file's name; opening a file of the same name again replaces it. */
  id: string;
  name: string;
  sizeBytes: number;
}

/** The sandbox's live state: catalog, open database, schema, the running or last query. */
export interface WorkbenchSlice {
  catalog: Catalog | null;
  /** Databases opened from the learner's own files this session. */
  localDatabases: LocalDatabase[];
  catalogError: string | null;
  databaseId: string | null;
  schema: SchemaObject[];
  engine: EngineState;
  engineError: string | null;
  run: RunRecord | null;
  activeResult: number;
  /** The bundled catalog was read. */
  catalogLoaded: (catalog: Catalog) => void;
  /** The catalog could not be read: the engine cannot start (the message is the learner's to read). */
  catalogFailed: (message: string) => void;
  /** A learner's file was opened as a database: it joins the picker (replacing one of the same id). */
  localDatabaseOpened: (db: LocalDatabase) => void;
  /** A learner's file turned out not to open: it leaves the picker. */
  localDatabaseDropped: (id: string) => void;
  /** A database starts opening: the last one's schema and results go. */
  openingDatabase: (databaseId: string) => void;
  /** The engine's state changed (idle, busy, restoring). */
  setEngine: (engine: EngineState) => void;
  /** The engine failed; the message is shown where results would be. */
  engineFailed: (message: string) => void;
  setSchema: (schema: SchemaObject[]) => void;
  /** A query was sent: its run shows as running until `finishRun`. Returns the record. */
  startRun: (run: Omit<RunRecord, 'outcome'>) => RunRecord;
  /** A run came back (results, error or cancelled); `activeResult` picks the result set shown. */
  finishRun: (run: RunRecord, outcome: NonNullable<RunRecord['outcome']>, activeResult?: number) => void;
  /** Shows a run made elsewhere (the result a lesson's Check graded) on the result table. */
  showRun: (run: RunRecord) => void;
  /** No run to show (after a reset). */
  clearRun: () => void;
  /** Picks which of a script's result sets is shown. */
  setActiveResult: (index: number) => void;
}

export const createWorkbenchSlice: StateCreator<Store, [], [], WorkbenchSlice> = (set) => ({
  catalog: null,
  localDatabases: [],
  catalogError: null,
  databaseId: null,
  schema: [],
  engine: 'loading',
  engineError: null,
  run: null,
  activeResult: 0,
  catalogLoaded: (catalog) => set({ catalog, catalogError: null }),
  catalogFailed: (catalogError) => set({ catalogError, engine: 'error' }),
  localDatabaseOpened: (db) => set((s) => ({ localDatabases: [...s.localDatabases.filter((d) => d.id !== db.id), db] })),
  localDatabaseDropped: (id) => set((s) => ({ localDatabases: s.localDatabases.filter((d) => d.id !== id) })),
  openingDatabase: (databaseId) => set({ engine: 'loading', databaseId, schema: [], run: null, activeResult: 0, engineError: null }),
  setEngine: (engine) => set({ engine }),
  engineFailed: (engineError) => set({ engine: 'error', engineError }),
  setSchema: (schema) => set({ schema }),
  startRun: (started) => {
    const run: RunRecord = { ...started, outcome: null };
    set({ run, activeResult: 0 });
    return run;
  },
  finishRun: (run, outcome, activeResult) =>
    set(activeResult === undefined ? { run: { ...run, outcome } } : { run: { ...run, outcome }, activeResult }),
  showRun: (run) => set({ run, activeResult: 0, resultTab: 'table' }),
  clearRun: () => set({ run: null, activeResult: 0 }),
  setActiveResult: (activeResult) => set({ activeResult }),
});
