import type { StateCreator } from 'zustand';
import type { Verdict } from '../../core/grading/compare.ts';
import type { Store } from './store.ts';

/** The outcome of the last check of a step in this session. */
export type CheckOutcome = { verdict: Verdict } | { error: string };

/** The learner's not-yet-checked answer to a choice or number step. */
export interface DraftAnswer {
  selected: string[];
  reason: string;
  text: string;
}

/** Where the learner is, and what the lesson player shows for each step this session. */
export interface LessonSlice {
  screen: 'course' | 'lesson' | 'sandbox';
  lessonId: string | null;
  stepId: string | null;
  checking: boolean;
  outcomes: Record<string, CheckOutcome>;
  answers: Record<string, DraftAnswer>;
  compareOpen: boolean;
  goTo: (screen: LessonSlice['screen'], lessonId?: string | null, stepId?: string | null) => void;
  setOutcome: (key: string, outcome: CheckOutcome | null) => void;
  setAnswer: (key: string, patch: Partial<DraftAnswer>) => void;
  setLesson: (patch: Partial<Pick<LessonSlice, 'checking' | 'compareOpen'>>) => void;
}

/** An empty answer. */
export const EMPTY_ANSWER: DraftAnswer = { selected: [], reason: '', text: '' };

export const createLessonSlice: StateCreator<Store, [], [], LessonSlice> = (set) => ({
  screen: 'course',
  lessonId: null,
  stepId: null,
  checking: false,
  outcomes: {},
  answers: {},
  compareOpen: false,
  goTo: (screen, lessonId = null, stepId = null) => set({ screen, lessonId, stepId, compareOpen: false }),
  setOutcome: (key, outcome) =>
    set((s) => {
      const outcomes = { ...s.outcomes };
      if (outcome) outcomes[key] = outcome;
      else delete outcomes[key];
      return { outcomes };
    }),
  setAnswer: (key, patch) => set((s) => ({ answers: { ...s.answers, [key]: { ...(s.answers[key] ?? EMPTY_ANSWER), ...patch } } })),
  setLesson: (patch) => set(patch),
});
