import { onLearningEvent, type LearningEvent } from '../../state/learning-events.ts';
import { useStore } from '../../state/store.ts';

/** The code kept for a wrong answer whose verdict carried no message (rare: a grader that only says "no"). */
export const UNSPECIFIED_FAILURE = 'unspecified';

/**
 * Keeps count of the wrong-answer messages a learner got on each step, with the last one's text,
 * in their saved progress: the progress report tells the instructor what the grader said.
 */
export function recordFailure(event: LearningEvent): void {
  if (event.kind !== 'step-checked' || event.passed) return;
  const code = event.messageCode ?? UNSPECIFIED_FAILURE;
  // The progress key as course-data's stepKey makes it; inlined so startup code does not load every lesson.
  useStore.getState().updateStep(`${event.lessonId}/${event.stepId}`, (p) => ({
    failures: { ...p.failures, [code]: (p.failures?.[code] ?? 0) + 1 },
    lastFailure: { code, text: event.messageText ?? '', at: event.at },
  }));
}

let unsubscribe: (() => void) | null = null;

/** Starts recording (once; register.ts calls it when the app loads its features). */
export function startRecordingFailures(): () => void {
  unsubscribe ??= onLearningEvent(recordFailure);
  return () => {
    unsubscribe?.();
    unsubscribe = null;
  };
}
