/**
 * What the learner did in a lesson, as the lesson player publishes it (renderer/state/learning-events.ts):
 * the one shape the class progress report and the xAPI statements (core/xapi/statements.ts) are made from.
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
