import type { StateCreator } from 'zustand';
import { defaultDoc, HISTORY_LIMIT_PER_DB, queriesDoc, type HistoryEntry, type Queries, type SavedQuery } from '../../core/persist/docs.ts';
import { persistDoc } from './doc-bindings.ts';
import type { Store } from './store.ts';

/** Query history, saved queries and editor drafts, per database. */
export interface QueriesSlice {
  queries: Queries;
  addHistory: (entry: Omit<HistoryEntry, 'id'>) => void;
  clearHistory: (database: string) => void;
  saveQuery: (database: string, name: string, sql: string) => SavedQuery;
  renameSaved: (id: string, name: string) => void;
  deleteSaved: (id: string) => void;
  setDraft: (database: string, sql: string) => void;
}

/** A short unique id; good enough for local list keys. */
export function newId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

export const createQueriesSlice: StateCreator<Store, [], [], QueriesSlice> = (set) => ({
  queries: defaultDoc('queries'),
  addHistory: (entry) =>
    set((s) => {
      const mine = s.queries.history.filter((h) => h.database === entry.database);
      const others = s.queries.history.filter((h) => h.database !== entry.database);
      // Newest first; the oldest of this database fall off past the limit.
      const kept = [{ ...entry, id: newId() }, ...mine].slice(0, HISTORY_LIMIT_PER_DB);
      return { queries: { ...s.queries, history: [...kept, ...others] } };
    }),
  clearHistory: (database) =>
    set((s) => ({ queries: { ...s.queries, history: s.queries.history.filter((h) => h.database !== database) } })),
  saveQuery: (database, name, sql) => {
    const saved: SavedQuery = { id: newId(), database, name, sql, savedAt: new Date().toISOString() };
    set((s) => ({ queries: { ...s.queries, saved: [saved, ...s.queries.saved] } }));
    return saved;
  },
  renameSaved: (id, name) =>
    set((s) => ({ queries: { ...s.queries, saved: s.queries.saved.map((q) => (q.id === id ? { ...q, name } : q)) } })),
  deleteSaved: (id) => set((s) => ({ queries: { ...s.queries, saved: s.queries.saved.filter((q) => q.id !== id) } })),
  // The same text again is no change: a new object would wake autosave for nothing (and keep postponing it).
  setDraft: (database, sql) =>
    set((s) => (s.queries.drafts[database] === sql ? s : { queries: { ...s.queries, drafts: { ...s.queries.drafts, [database]: sql } } })),
});

// Saved as `queries` (declared in core/persist/docs.ts); loaded and autosaved by persistence.ts.
persistDoc(queriesDoc, { select: (s) => s.queries, apply: (queries) => ({ queries }) });
