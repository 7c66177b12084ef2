import { courseLessons, loadLessons, type LessonPack } from '../../../core/lessons/load.ts';
import type { Step } from '../../../core/lessons/step-kinds.ts';
import type { Progress } from '../../../core/persist/docs.ts';

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

/** The progress key of a step. */
export function stepKey(lessonId: string, stepId: string): string {
  return `${lessonId}/${stepId}`;
}

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

/** Finds a lesson pack by id. */
export function findLesson(id: string | null): LessonPack | null {
  return COURSE.find((p) => p.lesson.id === id) ?? loaded.packs.find((p) => p.lesson.id === id) ?? null;
}

/** A lesson's state on the course map. */
export type LessonStatus = 'not-started' | 'in-progress' | 'done';

/** Done when every step is done; in progress when any step was touched. */
export function lessonStatus(pack: LessonPack, progress: Progress): LessonStatus {
  const states = pack.lesson.steps.map((s: Step) => progress.steps[stepKey(pack.lesson.id, s.id)]?.status ?? 'not-started');
  if (states.every((s) => s === 'done')) return 'done';
  return states.some((s) => s !== 'not-started') ? 'in-progress' : 'not-started';
}

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
export interface CoursePlace {
  pack: LessonPack;
  stepId: string;
}

/**
 * Where "Continue" goes: the step the learner was on if it is not done, else the first unfinished
 * step of that lesson, else the first unfinished step of the lessons after it (then from the
 * start). Null when nothing was started yet or everything is done.
 */
export function continuePlace(progress: Progress, course: readonly LessonPack[] = COURSE): CoursePlace | null {
  const [lessonId, stepId] = progress.lastLocation?.split('/') ?? [];
  const start = course.findIndex((p) => p.lesson.id === lessonId);
  if (start < 0) return null;
  const done = (pack: LessonPack, id: string) => progress.steps[stepKey(pack.lesson.id, id)]?.status === 'done';
  const here = course[start]!;
  if (stepId && here.lesson.steps.some((s) => s.id === stepId) && !done(here, stepId)) return { pack: here, stepId };
  for (let k = 0; k < course.length; k++) {
    const pack = course[(start + k) % course.length]!;
    const open = pack.lesson.steps.find((s) => !done(pack, s.id));
    if (open) return { pack, stepId: open.id };
  }
  return null;
}

/** Steps and lessons done in the whole course. */
export function courseProgress(progress: Progress, course: readonly LessonPack[] = COURSE) {
  const steps = course.flatMap((p) => p.lesson.steps.map((s) => stepKey(p.lesson.id, s.id)));
  return {
    stepsDone: steps.filter((k) => progress.steps[k]?.status === 'done').length,
    steps: steps.length,
    lessonsDone: course.filter((p) => lessonStatus(p, progress) === 'done').length,
    lessons: course.length,
  };
}
