import { courseLessons, loadLessons, type LessonPack } from '../../../core/lessons/load.ts';
import type { Progress } from '../../../core/persist/docs.ts';
import { packLessons } from '../packs/pack-lesson-data.ts';
import { authorLessons } from '../author/author-store.ts';
import { setLessonLookup } from './course-index.ts';
import { continuePlaceIn, courseProgressIn, stepKey, type CoursePlace as CoursePlaceOf } from './course-progress.ts';

export { lessonStatus, stepKey, type LessonStatus } from './course-progress.ts';

// Lessons are bundled at build time: every lesson.json, ko.md and en.md under lessons/, and the
// reference pipelines and model projects under lessons/_reference/ that steps name.
const FILES = {
  ...(import.meta.glob('/lessons/**/*.{json,md}', { query: '?raw', import: 'default', eager: true }) as Record<string, string>),
  ...(import.meta.glob('/lessons/_reference/**/*', { query: '?raw', import: 'default', eager: true }) as Record<string, string>),
};

const loaded = loadLessons(FILES);

/** Lesson packs on the course map, in track and lesson order. */
export const COURSE: LessonPack[] = courseLessons(loaded.packs);
/** Lesson folders that could not be used, with the reason (shown on the course map). */
export const REFUSED = loaded.refused;

/**
 * Where a lesson sits as the course map shows it: its track's number (`t1` is Track 1, as the
 * map's track titles say) and its number within that track; null off the course map.
 */
export function lessonPlace(id: string): { track: number; lesson: number } | null {
  const pack = COURSE.find((p) => p.lesson.id === id);
  const track = pack ? /^t(\d+)$/.exec(pack.lesson.track) : null;
  if (!pack || !track) return null;
  const lesson = COURSE.filter((p) => p.lesson.track === pack.lesson.track).indexOf(pack) + 1;
  return { track: Number(track[1]), lesson };
}

/** Finds a lesson pack by id: the course's, the samples', then installed class packs' (ids `<pack>--<lesson>`). */
export function findLesson(id: string | null): LessonPack | null {
  return (
    COURSE.find((p) => p.lesson.id === id) ??
    loaded.packs.find((p) => p.lesson.id === id) ??
    packLessons().find((p) => p.lesson.id === id) ??
    authorLessons().find((p) => p.lesson.id === id) ??
    null
  );
}

// Startup code (the lesson commands' checks) looks lessons up through course-index.ts.
setLessonLookup(findLesson);

/** The step to open: the first not done, else the first. */
export function resumeStep(pack: LessonPack, progress: Progress): string {
  const open = pack.lesson.steps.find((s) => progress.steps[stepKey(pack.lesson.id, s.id)]?.status !== 'done');
  return (open ?? pack.lesson.steps[0]!).id;
}

/** The lesson after this one in course order, or null at the end of the course. */
export function nextLesson(lessonId: string): LessonPack | null {
  const i = COURSE.findIndex((p) => p.lesson.id === lessonId);
  return i >= 0 ? (COURSE[i + 1] ?? null) : null;
}

/** A step to open. */
export type CoursePlace = CoursePlaceOf<LessonPack>;

/** Where "Continue" goes (see continuePlaceIn), over the whole lessons. */
export function continuePlace(progress: Progress, course: readonly LessonPack[] = COURSE): CoursePlace | null {
  return continuePlaceIn(progress, course);
}

/** Steps and lessons done in the whole course. */
export function courseProgress(progress: Progress, course: readonly LessonPack[] = COURSE) {
  return courseProgressIn(progress, course);
}
