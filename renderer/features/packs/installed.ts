import { createStore, del, entries, set, type UseStore } from 'idb-keyval';
import type { LessonFileName } from '../../../core/lessons/load.ts';
import type { Localized } from '../../../core/lessons/localized.ts';
import type { ValidatedPack } from '../../../core/packs/validate.ts';

/**
 * The class packs installed in this app: kept in IndexedDB (dataset bytes can be megabytes; the
 * desktop app's renderer uses the same store), loaded at start, listed on the course map. This
 * module stays light (no lesson schema) because the course map loads it with the first screen;
 * the lessons are parsed for the player in pack-lesson-data.ts. A pack's lessons and datasets get
 * app-wide ids prefixed with the pack's id (`<pack>--<lesson>`: ids never hold a double dash),
 * so two packs, or a pack and the built-in course, never collide.
 */

/** How an installed pack is stored (bump `format` when this changes). */
export interface StoredPack {
  format: 1;
  manifest: ValidatedPack['manifest'];
  title: Localized;
  welcome: Localized;
  lessons: { id: string; files: Record<LessonFileName, string> }[];
  datasets: { id: string; title: Localized; file: string; tables: string[]; bytes: Uint8Array }[];
  installedAt: string;
}

/** What the course map shows of a pack lesson (read from its lesson.json without the schema: it was checked at install). */
export interface PackLessonSummary {
  /** The app-wide id, `<pack>--<lesson>`. */
  id: string;
  title: Localized;
  question: Localized;
  minutes: number;
  stepIds: string[];
}

/** An installed pack as the course map lists it. */
export interface InstalledPack {
  stored: StoredPack;
  lessons: PackLessonSummary[];
}

/** The app-wide id of a pack's lesson or dataset. */
export function appId(packId: string, id: string): string {
  return `${packId}--${id}`;
}

let db: UseStore | null = null;
function store(): UseStore {
  db ??= createStore('datalit-packs', 'packs');
  return db;
}

function summarize(stored: StoredPack): InstalledPack {
  const lessons = stored.lessons.map((l) => {
    const json = JSON.parse(l.files['lesson.json']) as { title: Localized; question: Localized; minutes: number; steps: { id: string }[] };
    return { id: appId(stored.manifest.id, l.id), title: json.title, question: json.question, minutes: json.minutes, stepIds: json.steps.map((s) => s.id) };
  });
  return { stored, lessons };
}

let packs: InstalledPack[] = [];
const listeners = new Set<() => void>();

function publish(next: InstalledPack[]): void {
  packs = next;
  for (const l of listeners) l();
}

/** The installed packs, in the order they were first installed. */
export function installedPacks(): InstalledPack[] {
  return packs;
}

/** Calls back when packs are installed or removed; returns the unsubscriber (for useSyncExternalStore). */
export function subscribePacks(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** True when the lesson id (app-wide) belongs to an installed pack. */
export function isPackLesson(lessonId: string | null): boolean {
  return !!lessonId && packs.some((p) => p.lessons.some((l) => l.id === lessonId));
}

/** Reads the installed packs from IndexedDB (at start); a store that cannot be read leaves none installed. */
export async function loadInstalledPacks(): Promise<void> {
  if (typeof indexedDB === 'undefined') return;
  try {
    const all = await entries<string, StoredPack>(store());
    const list: InstalledPack[] = [];
    for (const [, stored] of all) {
      try {
        if (stored?.format === 1) list.push(summarize(stored));
      } catch {
        // A damaged record is skipped; installing the pack again replaces it.
      }
    }
    publish(list.sort((a, b) => a.stored.installedAt.localeCompare(b.stored.installedAt)));
  } catch {
    // Private mode or a blocked store: the built-in course still works; installing will report the error.
  }
}

/** Stores a validated pack, replacing an installed one with the same id (the caller has confirmed). */
export async function installPack(pack: ValidatedPack): Promise<InstalledPack> {
  const previous = packs.find((p) => p.stored.manifest.id === pack.manifest.id);
  const stored: StoredPack = {
    format: 1,
    manifest: pack.manifest,
    title: pack.title,
    welcome: pack.welcome,
    lessons: pack.lessons,
    datasets: pack.datasets.map(({ id, title, file, tables, bytes }) => ({ id, title, file, tables, bytes })),
    installedAt: previous?.stored.installedAt ?? new Date().toISOString(),
  };
  const installed = summarize(stored);
  // Written first: if the store refuses (quota), nothing installed changes.
  await set(pack.manifest.id, stored, store());
  publish(previous ? packs.map((p) => (p === previous ? installed : p)) : [...packs, installed]);
  return installed;
}

/** Removes an installed pack (its lessons leave the course map; progress on them is kept). */
export async function removePack(packId: string): Promise<void> {
  await del(packId, store());
  publish(packs.filter((p) => p.stored.manifest.id !== packId));
}
