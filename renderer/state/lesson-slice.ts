import type { StateCreator } from 'zustand';
import type { Verdict } from '../../core/grading/compare.ts';
import type { Store } from './store.ts';
import type { ScreenId } from '../app/registry.ts';

/** The outcome of the last check of a step in this session. */
export type CheckOutcome = { verdict: Verdict } | { error: string };

/** The learner's not-yet-checked answer to a choice or number step. */
export interface DraftAnswer {
  selected: string[];
  reason: string;
  text: string;
}

/** A place in a lesson. */
export interface LessonPlace {
  lessonId: string;
  stepId: string;
}

/** Where the learner is, and what the lesson player shows for each step this session. */
export interface LessonSlice {
  /** The screen on show: an id registered by a feature (`course`, `lesson`, `sandbox`, …). */
  screen: ScreenId;
  lessonId: string | null;
  stepId: string | null;
  /** The lesson step the learner left for a workbench; "Course" from there returns to it. */
  resume: LessonPlace | null;
  checking: boolean;
  outcomes: Record<string, CheckOutcome>;
  answers: Record<string, DraftAnswer>;
  compareOpen: boolean;
  /** Shows a screen; leaving a lesson for a workbench remembers the step, and "Course" from there returns to it. */
  openScreen: (screen: ScreenId) => void;
  /** Shows a lesson at a step (the lesson player's place). */
  openStep: (lessonId: string, stepId: string) => void;
  setOutcome: (key: string, outcome: CheckOutcome | null) => void;
  setAnswer: (key: string, patch: Partial<DraftAnswer>) => void;
  /** A Check starts: the button waits and the comparison closes. */
  startCheck: () => void;
  /** A Check is over (passed, failed or errored). */
  finishCheck: () => void;
  /** Opens or closes the expected-versus-yours comparison. */
  setCompareOpen: (open: boolean) => void;
}

/** An empty answer. */
export const EMPTY_ANSWER: DraftAnswer = { selected: [], reason: '', text: '' };

export const createLessonSlice: StateCreator<Store, [], [], LessonSlice> = (set) => ({
  screen: 'course',
  lessonId: null,
  stepId: null,
  resume: null,
  checking: false,
  outcomes: {},
  answers: {},
  compareOpen: false,
  openScreen: (screen) =>
    set((s) => {
      // A visit to a workbench keeps the learner's place: coming back to the course resumes the step.
      if (screen !== 'course' && screen !== 'lesson' && s.screen === 'lesson' && s.lessonId && s.stepId) {
        return { screen, lessonId: null, stepId: null, compareOpen: false, resume: { lessonId: s.lessonId, stepId: s.stepId } };
      }
      if (screen === 'course' && s.screen !== 'course' && s.screen !== 'lesson' && s.resume) {
        return { screen: 'lesson', lessonId: s.resume.lessonId, stepId: s.resume.stepId, compareOpen: false };
      }
      // Leaving a lesson for the course map on purpose ends the visit.
      return { screen, lessonId: null, stepId: null, compareOpen: false, resume: screen === 'course' ? null : s.resume };
    }),
  openStep: (lessonId, stepId) => set({ screen: 'lesson', lessonId, stepId, compareOpen: false, resume: { lessonId, stepId } }),
  setOutcome: (key, outcome) =>
    set((s) => {
      const outcomes = { ...s.outcomes };
      if (outcome) outcomes[key] = outcome;
      else delete outcomes[key];
      return { outcomes };
    }),
  setAnswer: (key, patch) => set((s) => ({ answers: { ...s.answers, [key]: { ...(s.answers[key] ?? EMPTY_ANSWER), ...patch } } })),
  startCheck: () => set({ checking: true, compareOpen: false }),
  finishCheck: () => set({ checking: false }),
  setCompareOpen: (compareOpen) => set({ compareOpen }),
});
