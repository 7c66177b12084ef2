import { create } from 'zustand';
import type { ImportColumnType, ImportDelimiter, ImportEncoding, ImportResult } from '../../../core/sql/protocol.ts';

/** A file the learner is about to import: its first bytes (unpacked when gzip) and how to read it. */
export interface ImportDraft {
  file: Blob;
  name: string;
  size: number;
  /** The first ~64 KB of text bytes (after gzip), for the preview. */
  head: Uint8Array;
  /** The head is the whole file. */
  complete: boolean;
  gzip: boolean;
  format: 'csv' | 'jsonl';
  encoding: ImportEncoding;
  delimiter: ImportDelimiter;
  header: boolean;
  table: string;
  /** The learner's type per column index, over the guessed ones (cleared when the columns change). */
  typeOverrides: Record<number, ImportColumnType>;
}

/** How far a running import has come. */
export interface ImportProgress {
  done: number;
  total: number;
  rows: number;
}

/** The import dialog's state; `phase` says which of its faces shows. */
export interface ImportState {
  draft: ImportDraft | null;
  phase: 'closed' | 'editing' | 'importing' | 'done';
  progress: ImportProgress | null;
  opId: number | null;
  /** Why the last attempt failed, in the learner's language. */
  error: string | null;
  /** An import that finished with lines it could not take (the dialog lists them). */
  result: ImportResult | null;
  /** The table picker of "Export table as CSV…". */
  exportOpen: boolean;
  /** A file was read and sniffed: the dialog opens on it. */
  opened: (draft: ImportDraft) => void;
  /** The learner changed how to read the file (encoding, delimiter, header clear the type choices). */
  changed: (patch: Partial<Pick<ImportDraft, 'encoding' | 'delimiter' | 'header' | 'table'>>) => void;
  typeChosen: (column: number, type: ImportColumnType) => void;
  started: (opId: number, total: number) => void;
  progressed: (progress: ImportProgress) => void;
  failed: (error: string) => void;
  finished: (result: ImportResult | null) => void;
  closed: () => void;
  setExportOpen: (open: boolean) => void;
}

/** The import feature's store, changed only by its named actions. */
export const useImportStore = create<ImportState>((set) => ({
  draft: null,
  phase: 'closed',
  progress: null,
  opId: null,
  error: null,
  result: null,
  exportOpen: false,
  opened: (draft) => set({ draft, phase: 'editing', progress: null, opId: null, error: null, result: null }),
  changed: (patch) =>
    set((s) => {
      if (!s.draft) return {};
      const structural = 'encoding' in patch || 'delimiter' in patch || 'header' in patch;
      return { draft: { ...s.draft, ...patch, ...(structural ? { typeOverrides: {} } : {}) }, error: null };
    }),
  typeChosen: (column, type) =>
    set((s) => (s.draft ? { draft: { ...s.draft, typeOverrides: { ...s.draft.typeOverrides, [column]: type } } } : {})),
  started: (opId, total) => set({ phase: 'importing', opId, progress: { done: 0, total, rows: 0 }, error: null }),
  progressed: (progress) => set({ progress }),
  failed: (error) => set({ phase: 'editing', opId: null, progress: null, error }),
  finished: (result) =>
    result ? set({ phase: 'done', opId: null, result }) : set({ phase: 'closed', opId: null, draft: null, progress: null }),
  closed: () => set({ phase: 'closed', draft: null, progress: null, opId: null, error: null, result: null }),
  setExportOpen: (exportOpen) => set({ exportOpen }),
}));
