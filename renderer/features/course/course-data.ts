import { courseLessons, loadLessons, type LessonPack } from '../../../core/lessons/load.ts';
import type { Step } from '../../../core/lessons/step-kinds.ts';
import type { Progress } from '../../../core/persist/docs.ts';

// Lessons are bundled at build time: every lesson.json, ko.md and en.md under lessons/.
const FILES = import.meta.glob('/lessons/**/*.{json,md}', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

const loaded = loadLessons(FILES);

/** Lesson packs on the course map, in track and lesson order. */
export const COURSE: LessonPack[] = courseLessons(loaded.packs);
/** Lesson folders that could not be used, with the reason (shown on the course map). */
export const REFUSED = loaded.refused;

/** The progress key of a step. */
export function stepKey(lessonId: string, stepId: string): string {
  return `${lessonId}/${stepId}`;
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
