import type { StateCreator } from 'zustand';
import { defaultDoc, progressDoc, type Progress } from '../../core/persist/docs.ts';
import { persistDoc } from './doc-bindings.ts';
import type { Store } from './store.ts';

/** One step's saved progress. */
export type StepProgress = Progress['steps'][string];

/** Lesson progress, kept safe by the same store as settings; saved after every change. */
export interface ProgressSlice {
  progress: Progress;
  /** Merges a change into a step's progress (creating it when new). */
  updateStep: (key: string, patch: (prev: StepProgress) => Partial<StepProgress>) => void;
  setLastLocation: (location: string | null) => void;
  replaceProgress: (progress: Progress) => void;
}

const fresh = (): StepProgress => ({
  status: 'not-started',
  attempts: 0,
  hintsUsed: 0,
  solutionRevealed: false,
  timeSpentMs: 0,
  updatedAt: new Date().toISOString(),
});

export const createProgressSlice: StateCreator<Store, [], [], ProgressSlice> = (set) => ({
  progress: defaultDoc('progress'),
  updateStep: (key, patch) =>
    set((s) => {
      const prev = s.progress.steps[key] ?? fresh();
      const next = { ...prev, ...patch(prev), updatedAt: new Date().toISOString() };
      return { progress: { ...s.progress, steps: { ...s.progress.steps, [key]: next } } };
    }),
  setLastLocation: (lastLocation) => set((s) => ({ progress: { ...s.progress, lastLocation } })),
  replaceProgress: (progress) => set({ progress }),
});

// Saved as `progress` (declared in core/persist/docs.ts); loaded and autosaved by persistence.ts.
persistDoc(progressDoc, { select: (s) => s.progress, apply: (progress) => ({ progress }) });
