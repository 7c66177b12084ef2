import { parseDocText, restoreDoc, type Progress } from './docs.ts';

/**
 * Importing a progress file: read it with limits, show what it would change, then merge (the
 * default) or replace. An import never wipes progress by accident: a file without steps, a
 * settings file or one from a newer app is refused before anything changes.
 */

/** The largest progress file an import reads; checked on the file's size before a byte is parsed. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/** Why a file cannot be imported; the UI words each one for the learner. */
export type ImportRefusal =
  | { problem: 'too-large'; bytes: number; limit: number }
  | { problem: 'newer-version'; format: number }
  | { problem: 'not-progress' }
  | { problem: 'invalid'; reason: string };

/** A file read for import: its progress, or why it is refused. */
export type ImportRead = { ok: true; progress: Progress } | ({ ok: false } & ImportRefusal);

/** Refuses a file by its size alone, before it is read. */
export function checkImportSize(bytes: number): ImportRead | null {
  return bytes > MAX_IMPORT_BYTES ? { ok: false, problem: 'too-large', bytes, limit: MAX_IMPORT_BYTES } : null;
}

/** Parses and validates the text of a progress file for import. */
export function readProgressImport(text: string): ImportRead {
  const tooLarge = checkImportSize(text.length);
  if (tooLarge) return tooLarge;
  const parsed = parseDocText(text);
  if (!parsed.ok) return { ok: false, problem: 'invalid', reason: parsed.reason };
  const raw = parsed.raw;
  const restored = restoreDoc('progress', raw);
  if (!restored.ok) {
    if (restored.newerFormat !== undefined) return { ok: false, problem: 'newer-version', format: restored.newerFormat };
    return { ok: false, problem: 'invalid', reason: restored.reason };
  }
  // `{"version":1}` or a settings file restores to empty progress: importing it would only erase.
  const steps = (raw as { steps?: unknown }).steps;
  if (typeof steps !== 'object' || steps === null || Object.keys(restored.value.steps).length === 0) {
    return { ok: false, problem: 'not-progress' };
  }
  return { ok: true, progress: restored.value };
}

/** What an import would change, step keys by kind (each list sorted). */
export interface ImportPlan {
  /** In the file, not in the learner's progress. */
  added: string[];
  /** In both; the file's copy was updated later. */
  newer: string[];
  /** In both; the learner's copy was updated later (kept when merging). */
  older: string[];
  /** In both, updated at the same moment. */
  same: string[];
  /** Only in the learner's progress (lost when replacing). */
  onlyMine: string[];
}

function time(iso: string): number {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? 0 : t;
}

/** Compares the learner's progress with a file's, step by step. */
export function planProgressImport(current: Progress, incoming: Progress): ImportPlan {
  const plan: ImportPlan = { added: [], newer: [], older: [], same: [], onlyMine: [] };
  for (const [key, step] of Object.entries(incoming.steps)) {
    const mine = current.steps[key];
    if (!mine) plan.added.push(key);
    else if (time(step.updatedAt) > time(mine.updatedAt)) plan.newer.push(key);
    else if (time(step.updatedAt) < time(mine.updatedAt)) plan.older.push(key);
    else plan.same.push(key);
  }
  for (const key of Object.keys(current.steps)) if (!(key in incoming.steps)) plan.onlyMine.push(key);
  for (const list of Object.values(plan)) list.sort();
  return plan;
}

/** The learner's progress with the file's new and newer steps taken in; their own newer work is kept. */
export function mergeProgress(current: Progress, incoming: Progress): Progress {
  const plan = planProgressImport(current, incoming);
  const steps = { ...current.steps };
  for (const key of [...plan.added, ...plan.newer]) steps[key] = incoming.steps[key] as Progress['steps'][string];
  return { ...current, steps, lastLocation: current.lastLocation ?? incoming.lastLocation };
}
