/**
 * What the learner did in a lesson, as it happens: one small bus the lesson actions publish to and
 * features that report learning subscribe to (the class progress report keeps counts, the xAPI
 * queue turns each event into a statement). Publishing never throws into the lesson player: a
 * listener's failure is logged and the others still hear the event.
 */

/** One thing the learner did; ids are the course's own (lesson id, step id, pack id when the lesson came from a class pack). */
export type LearningEvent =
  | { kind: 'step-opened'; lessonId: string; stepId: string; at: string }
  | {
      kind: 'step-checked';
      lessonId: string;
      stepId: string;
      at: string;
      passed: boolean;
      /** Attempts on this step so far, this one included. */
      attempt: number;
      /** Time spent on the step so far, in ms (the progress file's timeSpentMs). */
      timeSpentMs: number;
      /** The verdict's first message code (what the learner read first), null on a pass. */
      messageCode: string | null;
      /** That message as the learner read it, in the UI language (null on a pass). */
      messageText: string | null;
      /** Share of the step's checks met, 0..1, when the grader says; 1 on a pass, 0 otherwise. */
      score: number;
    }
  | { kind: 'hint-shown'; lessonId: string; stepId: string; at: string; hintsUsed: number }
  | { kind: 'solution-shown'; lessonId: string; stepId: string; at: string }
  | { kind: 'lesson-completed'; lessonId: string; at: string; timeSpentMs: number };

type Listener = (event: LearningEvent) => void;
const listeners = new Set<Listener>();

/** Subscribes to learning events; returns the unsubscribe function. */
export function onLearningEvent(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Publishes one event to every listener (synchronously, in subscription order). */
export function emitLearningEvent(event: LearningEvent): void {
  for (const listener of [...listeners]) {
    try {
      listener(event);
    } catch (e) {
      console.error('A learning-event listener failed', e);
    }
  }
}
