/**
 * One xAPI registration (a UUID) per attempt at a lesson: the same id while the learner works
 * through it, a new one when they come back to it after it was completed. Kept as plain data so
 * the caller can persist it between sessions.
 */

/** Each lesson's current attempt. */
export type RegistrationState = Record<string, { registration: string; completed: boolean }>;

/** Hands out registrations per lesson attempt; `state` is what to persist. */
export class RegistrationBook {
  state: RegistrationState;
  private readonly newId: () => string;

  constructor(state: RegistrationState = {}, newId: () => string = () => crypto.randomUUID()) {
    this.state = { ...state };
    this.newId = newId;
  }

  /** The registration for something the learner does in the lesson now; starts a new attempt after a completion. */
  current(lessonId: string): string {
    const entry = this.state[lessonId];
    if (entry && !entry.completed) return entry.registration;
    const registration = this.newId();
    this.state = { ...this.state, [lessonId]: { registration, completed: false } };
    return registration;
  }

  /** The registration the completion belongs to; the next activity in the lesson starts a new one. */
  complete(lessonId: string): string {
    const registration = this.current(lessonId);
    this.state = { ...this.state, [lessonId]: { registration, completed: true } };
    return registration;
  }
}
