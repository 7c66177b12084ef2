import i18next from 'i18next';
import type { DatabaseFiles } from '../../../core/grading/grader-protocol.ts';
import { stepDatabases } from '../../../core/grading/grade-step.ts';
import { parseLessonPack, type LessonPack } from '../../../core/lessons/load.ts';
import type { Step } from '../../../core/lessons/step-kinds.ts';
import { useStore } from '../../state/store.ts';
import { openDatabaseBytes } from '../sandbox/workbench.ts';
import { appId, installedPacks, type StoredPack } from './installed.ts';

/**
 * Installed pack lessons as the lesson player and the grader use them: parsed again from their
 * files (cheap; they were checked at install), renamed to app-wide ids, their datasets handed to
 * the SQL engine and to the grader. Loaded with the lesson player, not with the course map.
 */

/** A pack dataset as the app knows it. */
interface PackDatabase {
  appId: string;
  name: { ko: string; en: string };
  bytes: Uint8Array;
}

interface Parsed {
  lessons: LessonPack[];
  datasets: PackDatabase[];
}

const parsed = new WeakMap<StoredPack, Parsed>();

/** Renames the pack's dataset ids in a step (the only places the kinds packs allow name a database). */
function renameStep(step: Step, rename: (id: string) => string): Step {
  const s = step as Step & { grading?: { database?: string }; chart?: { database?: string } };
  const out = { ...s };
  if (s.grading?.database) out.grading = { ...s.grading, database: rename(s.grading.database) };
  if (s.chart?.database) out.chart = { ...s.chart, database: rename(s.chart.database) };
  return out as Step;
}

function parse(stored: StoredPack): Parsed {
  const hit = parsed.get(stored);
  if (hit) return hit;
  const packId = stored.manifest.id;
  const own = new Set(stored.datasets.map((d) => d.id));
  const rename = (id: string) => (own.has(id) ? appId(packId, id) : id);
  const lessons: LessonPack[] = [];
  for (const l of stored.lessons) {
    const result = parseLessonPack({ trackFolder: '_pack', lessonFolder: l.id, files: l.files });
    if (!result.ok) continue;
    const { lesson } = result.pack;
    lessons.push({
      ...result.pack,
      lesson: { ...lesson, id: appId(packId, lesson.id), dataset: rename(lesson.dataset), steps: lesson.steps.map((s) => renameStep(s, rename)) },
    });
  }
  const datasets = stored.datasets.map((d) => ({ appId: appId(packId, d.id), name: d.title, bytes: d.bytes }));
  const out = { lessons, datasets };
  parsed.set(stored, out);
  return out;
}

/** Every lesson of every installed pack, parsed. */
export function packLessons(): LessonPack[] {
  return installedPacks().flatMap((p) => parse(p.stored).lessons);
}

function packDatabase(id: string): PackDatabase | null {
  for (const p of installedPacks()) for (const d of parse(p.stored).datasets) if (d.appId === id) return d;
  return null;
}

/**
 * What the grader worker gets for a pack dataset: its bytes themselves (the page's CSP allows
 * fetching no blob: or data: URL, and the desktop app sends that CSP to workers too); packs have
 * no hidden variant.
 */
export function packDatabaseFiles(id: string): DatabaseFiles[] {
  const dataset = packDatabase(id);
  return dataset ? [{ id, url: `pack:${id}`, variantUrl: null, bytes: dataset.bytes }] : [];
}

/** Gives the SQL engine the pack datasets a pack lesson uses that it does not hold yet; true when it gave any. */
export async function ensurePackDatabases(lessonId: string): Promise<boolean> {
  const lesson = packLessons().find((p) => p.lesson.id === lessonId)?.lesson;
  if (!lesson) return false;
  const ids = new Set([lesson.dataset, ...lesson.steps.flatMap((s) => stepDatabases(lesson, s))]);
  const lang = i18next.language === 'ko' ? 'ko' : 'en';
  let gave = false;
  for (const id of ids) {
    const dataset = packDatabase(id);
    if (!dataset || useStore.getState().localDatabases.some((d) => d.id === id)) continue;
    // A copy: the SQL client may hand its bytes to the worker.
    await openDatabaseBytes({ id, name: dataset.name[lang], sizeBytes: dataset.bytes.byteLength }, dataset.bytes.slice());
    gave = true;
  }
  return gave;
}

/** Opens a pack lesson (where the learner left off) once its datasets are in the engine. */
export async function openPackLesson(lessonId: string): Promise<void> {
  await ensurePackDatabases(lessonId);
  const { openLesson } = await import('../lesson/lesson-actions.ts');
  await openLesson(lessonId);
}
