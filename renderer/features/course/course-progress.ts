import type { Localized } from '../../../core/lessons/localized.ts';
import type { Progress } from '../../../core/persist/docs.ts';

/*
 * Progress over the course, on the least a lesson needs to have: the course map works on its
 * build-time index (course-index.ts) and the lesson player on the whole lessons (course-data.ts),
 * so the first screen does not load every lesson.
 */

/** A lesson as far as progress and the course map need it; a whole LessonPack is one too. */
export interface CourseEntry {
  lesson: {
    id: string;
    track: string;
    title: Localized;
    question: Localized;
    minutes: number;
    steps: readonly { id: string; title: Localized }[];
  };
}

/** The progress key of a step. */
export function stepKey(lessonId: string, stepId: string): string {
  return `${lessonId}/${stepId}`;
}

/** A lesson's state on the course map. */
export type LessonStatus = 'not-started' | 'in-progress' | 'done';

/** Done when every step is done; in progress when any step was touched. */
export function lessonStatus(pack: CourseEntry, progress: Progress): LessonStatus {
  const states = pack.lesson.steps.map((s) => progress.steps[stepKey(pack.lesson.id, s.id)]?.status ?? 'not-started');
  if (states.every((s) => s === 'done')) return 'done';
  return states.some((s) => s !== 'not-started') ? 'in-progress' : 'not-started';
}

/** A step to open. */
export interface CoursePlace<P extends CourseEntry = CourseEntry> {
  pack: P;
  stepId: string;
}

/**
 * Where "Continue" goes: the step the learner was on if it is not done, else the first unfinished
 * step of that lesson, else the first unfinished step of the lessons after it (then from the
 * start). Null when nothing was started yet or everything is done.
 */
export function continuePlaceIn<P extends CourseEntry>(progress: Progress, course: readonly P[]): CoursePlace<P> | null {
  const [lessonId, stepId] = progress.lastLocation?.split('/') ?? [];
  const start = course.findIndex((p) => p.lesson.id === lessonId);
  if (start < 0) return null;
  const done = (pack: P, id: string) => progress.steps[stepKey(pack.lesson.id, id)]?.status === 'done';
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
export function courseProgressIn(progress: Progress, course: readonly CourseEntry[]) {
  const steps = course.flatMap((p) => p.lesson.steps.map((s) => stepKey(p.lesson.id, s.id)));
  return {
    stepsDone: steps.filter((k) => progress.steps[k]?.status === 'done').length,
    steps: steps.length,
    lessonsDone: course.filter((p) => lessonStatus(p, progress) === 'done').length,
    lessons: course.length,
  };
}
