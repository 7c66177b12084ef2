import type { StateCreator } from 'zustand';
import type { SqlErrorInfo } from '../../core/sql/protocol.ts';
import type { PlanRow } from '../../core/sql/query-plan.ts';
import type { Store } from './store.ts';

/** What came back from EXPLAIN QUERY PLAN: the plan rows and any error, or why it could not run. */
export type PlanOutcome = { rows: PlanRow[]; error: SqlErrorInfo | null } | { failed: string } | { cancelled: true };

/** The last "Explain": which statement, on which database, and its plan once it is back. */
export interface PlanRecord {
  databaseId: string;
  /** The statement explained, without the EXPLAIN QUERY PLAN prefix. */
  sql: string;
  /** The text sent to the engine (with the prefix); error offsets point into it. */
  sent: string;
  /** Editor offset of `sent`'s first character (negative when the prefix sits before the editor text), or null. */
  editorOffset: number | null;
  /** Statements after the first that were not explained. */
  skipped: number;
  startedAt: number;
  outcome: PlanOutcome | null;
}

/** The query plan shown in the results area. */
export interface PlanSlice {
  plan: PlanRecord | null;
  setPlan: (plan: PlanRecord | null) => void;
}

export const createPlanSlice: StateCreator<Store, [], [], PlanSlice> = (set) => ({
  plan: null,
  setPlan: (plan) => set({ plan }),
});
