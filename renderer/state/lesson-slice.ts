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

/** A place in a lesson. */
export interface LessonPlace {
  lessonId: string;
  stepId: string;
}

/** Where the learner is, and what the lesson player shows for each step this session. */
export interface LessonSlice {
  screen: 'course' | 'lesson' | 'sandbox';
  lessonId: string | null;
  stepId: string | null;
  /** The lesson step the learner left for the sandbox; "Course" from the sandbox returns there. */
  resume: LessonPlace | null;
  checking: boolean;
  outcomes: Record<string, CheckOutcome>;
  answers: Record<string, DraftAnswer>;
  compareOpen: boolean;
  goTo: (screen: LessonSlice['screen'], lessonId?: string | null, stepId?: string | null) => void;
  setOutcome: (key: string, outcome: CheckOutcome | null) => void;
  setAnswer: (key: string, patch: Partial<DraftAnswer>) => void;
  setLesson: (patch: Partial<Pick<LessonSlice, 'checking' | 'compareOpen' | 'resume'>>) => void;
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
  goTo: (screen, lessonId = null, stepId = null) =>
    set((s) => {
      // A visit to the sandbox keeps the learner's place: coming back to the course resumes the step.
      if (screen === 'sandbox' && s.screen === 'lesson' && s.lessonId && s.stepId) {
        return { screen, lessonId: null, stepId: null, compareOpen: false, resume: { lessonId: s.lessonId, stepId: s.stepId } };
      }
      if (screen === 'course' && s.screen === 'sandbox' && s.resume) {
        return { screen: 'lesson', lessonId: s.resume.lessonId, stepId: s.resume.stepId, compareOpen: false };
      }
      if (screen === 'lesson' && lessonId && stepId) return { screen, lessonId, stepId, compareOpen: false, resume: { lessonId, stepId } };
      // Leaving a lesson for the course map on purpose ends the visit.
      return { screen, lessonId, stepId, compareOpen: false, resume: screen === 'course' ? null : s.resume };
    }),
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
