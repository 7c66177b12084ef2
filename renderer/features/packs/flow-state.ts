import { useSyncExternalStore } from 'react';
import type { Refusal } from '../../../core/packs/refusals.ts';
import type { PackProgress, ValidatedPack } from '../../../core/packs/validate.ts';

/**
 * Where opening a class pack is: checking (with progress), refused (with the reasons), waiting
 * for the learner to confirm replacing an installed version, or done. Kept apart from the work
 * (open-pack.ts, loaded on first use) so the course map can show the dialog's state cheaply.
 */

/** The stage of opening a pack. */
export type PackFlow =
  | { stage: 'idle' }
  | { stage: 'checking'; name: string; progress: PackProgress | null }
  | { stage: 'refused'; name: string; refusals: Refusal[] }
  | { stage: 'confirm-replace'; name: string; pack: ValidatedPack; installedVersion: string }
  | { stage: 'failed'; name: string; message: string };

let flow: PackFlow = { stage: 'idle' };
const listeners = new Set<() => void>();

/** The current stage. */
export function packFlow(): PackFlow {
  return flow;
}

/** Moves to a stage. */
export function setPackFlow(next: PackFlow): void {
  flow = next;
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The current stage, for components. */
export function usePackFlow(): PackFlow {
  return useSyncExternalStore(subscribe, packFlow);
}
