/**
 * Cooperative cancel and progress for long pipeline work: between batches of rows and between
 * statements the work pauses (so a cancel message can reach a worker) and stops if asked to.
 * A single SQLite statement cannot be interrupted; the client terminates the worker for that.
 */

/** How far something has come: units done of the total (bytes for an extract, runs for a backfill). */
export interface ProgressInfo {
  done: number;
  total: number;
  /** What is being worked on (a task id, a file, a date). */
  label?: string;
}

/** What long work is given by its caller. */
export interface RunControl {
  /** True once the caller asked to stop. */
  cancelled(): boolean;
  /** Lets pending messages in (a worker's cancel); called between batches and statements. */
  pause(): Promise<void>;
}

/** The error that ends work the caller cancelled. */
export class CancelledError extends Error {
  constructor(message = 'Cancelled') {
    super(message);
    this.name = 'CancelledError';
  }
}

/** No cancel, no pause (the CLI). */
export const NO_CONTROL: RunControl = { cancelled: () => false, pause: () => Promise.resolve() };

/** A control whose cancel() flips the flag; pause yields to the event loop so messages are delivered. */
export function createControl(): RunControl & { cancel(): void } {
  let stop = false;
  return {
    cancelled: () => stop,
    pause: () => new Promise((resolve) => setTimeout(resolve, 0)),
    cancel() {
      stop = true;
    },
  };
}

/** Pauses, then throws CancelledError if the caller has asked to stop. */
export async function checkpoint(control: RunControl): Promise<void> {
  await control.pause();
  if (control.cancelled()) throw new CancelledError();
}
