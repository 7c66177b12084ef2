import type { PackProgress, PackValidation } from '../../../core/packs/validate.ts';

/** Messages between the app and its pack worker (one validation per worker). */

/** A built-in database the pack's lessons may name: where its two copies are served. */
export interface BuiltinDatabase {
  id: string;
  url: string;
  variantUrl: string | null;
}

/** What the app sends: the zip (transferred), the app's databases, and dataset ids other packs hold. */
export interface PackWorkerRequest {
  zip: Uint8Array;
  builtin: BuiltinDatabase[];
  takenDatasetIds: [string, string][];
}

/** What the worker answers: progress while it checks, then the outcome. */
export type PackWorkerMessage = { type: 'progress'; progress: PackProgress } | { type: 'done'; result: PackValidation } | { type: 'error'; message: string };
