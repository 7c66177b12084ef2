/**
 * What the learner did in a lesson, as it happens: one small bus the lesson actions publish to and
 * features that report learning subscribe to (the class progress report keeps counts, the xAPI
 * queue turns each event into a statement). Publishing never throws into the lesson player: a
 * listener's failure is logged and the others still hear the event.
 */

import type { LearningEvent } from '../../core/lessons/learning-event.ts';

export type { LearningEvent };

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
