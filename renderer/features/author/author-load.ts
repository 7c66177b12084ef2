import { loadLessons, type LessonPack, type ParseOptions } from '../../../core/lessons/load.ts';
import type { Progress } from '../../../core/persist/docs.ts';
import { AUTHOR_ID_PREFIX, isAuthorLesson, type AuthorProblem } from './author-store.ts';

/**
 * The pure half of author mode: a watched folder's files (as the host reads them, keyed by their
 * path inside the folder) → lessons through the same loader as the built-in course, with each
 * problem located by file and line; and where the player goes after a reload.
 */

/** The loader's track folder for author lessons: `_` keeps them off the course's tracks and orders. */
export const AUTHOR_TRACK_FOLDER = '_author';

/** The lessons of a folder and the problems found loading it. */
export interface AuthorLoad {
  packs: LessonPack[];
  problems: AuthorProblem[];
  /** Lesson folders (as named inside the picked folder, '' for the folder itself) that failed to load. */
  brokenFolders: string[];
}

/**
 * Loads the files of a picked folder: `lesson.json`, `ko.md`, `en.md` when the folder is one
 * lesson (named after the folder), or `<sub>/lesson.json`… for a folder of lessons. Lesson ids
 * get AUTHOR_ID_PREFIX, so progress and lookups never mix with a built-in lesson of the same id.
 */
export function loadAuthorFiles(folderName: string, files: Record<string, string>, options: ParseOptions = {}): AuthorLoad {
  const keyed: Record<string, string> = {};
  // Loader folder → the prefix the author sees in problem paths.
  const shownAs = new Map<string, { sub: string; shown: string }>();
  for (const [rel, text] of Object.entries(files)) {
    const parts = rel.split('/');
    const sub = parts.length > 1 ? (parts[0] as string) : '';
    const lessonFolder = sub || folderName;
    keyed[`lessons/${AUTHOR_TRACK_FOLDER}/${lessonFolder}/${parts[parts.length - 1]}`] = text;
    shownAs.set(`${AUTHOR_TRACK_FOLDER}/${lessonFolder}`, { sub, shown: sub ? `${folderName}/${sub}` : folderName });
  }
  const loaded = loadLessons(keyed, options);
  const problems: AuthorProblem[] = [];
  const brokenFolders: string[] = [];
  for (const refused of loaded.refused) {
    const where = shownAs.get(refused.folder) ?? { sub: refused.folder, shown: `${folderName}/${refused.folder}` };
    brokenFolders.push(where.sub);
    const located = refused.problems ?? [{ file: null, line: null, message: refused.reason }];
    for (const p of located) problems.push({ path: p.file ? `${where.shown}/${p.file}` : where.shown, line: p.line, message: p.message });
  }
  // Two lesson folders of one id would open as one.
  const seen = new Map<string, string>();
  const packs: LessonPack[] = [];
  for (const pack of loaded.packs) {
    const first = seen.get(pack.lesson.id);
    const shown = shownAs.get(`${pack.trackFolder}/${pack.lessonFolder}`)?.shown ?? pack.lessonFolder;
    if (first) {
      problems.push({ path: `${shown}/lesson.json`, line: null, message: `lesson id '${pack.lesson.id}' is also used by ${first}` });
      continue;
    }
    seen.set(pack.lesson.id, shown);
    packs.push({ ...pack, lesson: { ...pack.lesson, id: `${AUTHOR_ID_PREFIX}${pack.lesson.id}` } });
  }
  return { packs, problems, brokenFolders };
}

/**
 * The lessons to show after a reload: the new ones, plus the last good version of any lesson whose
 * folder is broken now (so an author mid-edit keeps the lesson open instead of losing it).
 * `stale` lists the ids kept that way.
 */
export function mergeReload(
  previous: readonly LessonPack[],
  next: AuthorLoad,
  folderName: string,
): { packs: LessonPack[]; stale: string[] } {
  const ids = new Set(next.packs.map((p) => p.lesson.id));
  const broken = new Set(next.brokenFolders.map((sub) => sub || folderName));
  const kept = previous.filter((p) => !ids.has(p.lesson.id) && broken.has(p.lessonFolder));
  return { packs: [...next.packs, ...kept], stale: kept.map((p) => p.lesson.id) };
}

/**
 * Where the lesson player goes after a reload when it shows an author lesson: the same step if the
 * lesson still has it, else the lesson's first step; null when the lesson is gone.
 */
export function keptPlace(
  lessonId: string,
  stepId: string | null,
  packs: readonly LessonPack[],
): { lessonId: string; stepId: string } | null {
  const pack = packs.find((p) => p.lesson.id === lessonId);
  if (!pack) return null;
  const step = pack.lesson.steps.find((s) => s.id === stepId) ?? pack.lesson.steps[0];
  return step ? { lessonId, stepId: step.id } : null;
}

/**
 * The progress as it was before author mode: author lessons' step entries dropped, and the
 * "continue" place put back when it points at an author lesson. Built-in entries are kept as they are.
 */
export function withoutAuthorProgress(progress: Progress, lastLocationBefore: string | null): Progress {
  const steps = Object.fromEntries(Object.entries(progress.steps).filter(([key]) => !isAuthorLesson(key)));
  const lastLocation = isAuthorLesson(progress.lastLocation) ? lastLocationBefore : progress.lastLocation;
  return { ...progress, steps, lastLocation };
}
