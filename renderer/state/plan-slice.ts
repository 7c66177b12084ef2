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
  /** An Explain starts: the results area switches to the Plan view, which waits for it. */
  startPlan: (plan: PlanRecord) => void;
  /** An Explain came back; ignored when a newer one (or a database switch) replaced it meanwhile. */
  finishPlan: (plan: PlanRecord, outcome: NonNullable<PlanRecord['outcome']>) => void;
  /** Closes the Plan view and goes back to the result table. */
  closePlan: () => void;
}

export const createPlanSlice: StateCreator<Store, [], [], PlanSlice> = (set) => ({
  plan: null,
  startPlan: (plan) => set({ plan, resultTab: 'plan' }),
  finishPlan: (plan, outcome) => set((s) => (s.plan === plan ? { plan: { ...plan, outcome } } : {})),
  closePlan: () => set({ plan: null, resultTab: 'table' }),
});
