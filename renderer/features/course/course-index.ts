import type { LessonPack, RefusedPack } from '../../../core/lessons/load.ts';
import * as index from 'virtual:datalit-course-index';
import type { CourseEntry } from './course-progress.ts';

/**
 * What the first screen knows of the course without loading it: the course map's index, made at
 * build time by the same loader as course-data.ts (scripts/lib/course-index-plugin.ts), and the
 * whole lessons once something (the lesson player, a lesson action) has loaded course-data.ts.
 * Startup code imports this module, never course-data.ts: that one carries every lesson.
 */

/** The lessons on the course map, in course order, with what the map shows of each. */
export const COURSE_INDEX = index.COURSE_INDEX as readonly CourseEntry[];
/** Lesson folders that could not be used, with the reason (shown on the course map). */
export const REFUSED = index.REFUSED as readonly RefusedPack[];

let lookup: (id: string | null) => LessonPack | null = () => null;

/** A whole lesson by id once course-data.ts has loaded (the lesson screen always has), else null. */
export function loadedLesson(id: string | null): LessonPack | null {
  return lookup(id);
}

/** Called by course-data.ts when it loads. */
export function setLessonLookup(find: (id: string | null) => LessonPack | null): void {
  lookup = find;
}
