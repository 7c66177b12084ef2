import { lessonContentHash, type CourseLesson } from '../../../core/class-report/build.ts';
import type { LessonPack } from '../../../core/lessons/load.ts';
import { COURSE } from '../course/course-data.ts';
import { packLessons } from '../packs/pack-lesson-data.ts';

let builtIn: CourseLesson[] | null = null;
// Pack lessons are parsed anew for each installed copy; the hash is worth keeping per parsed lesson.
const fromPacks = new WeakMap<LessonPack, CourseLesson>();

function asCourseLesson(pack: LessonPack): CourseLesson {
  return {
    id: pack.lesson.id,
    title: pack.lesson.title,
    steps: pack.lesson.steps.map((s) => ({ id: s.id, title: s.title })),
    // The definition and both languages' prose: a fix to either is another version of the lesson.
    contentHash: lessonContentHash({ lesson: pack.lesson, prose: pack.prose }),
  };
}

/**
 * This app's course as the progress report sees it: the built-in lessons in course order, then
 * the lessons of the installed class packs (`<pack>--<lesson>`, in the course map's order), each
 * with its content hash. Packs come and go, so only the built-in part is cached.
 */
export function courseLessons(): CourseLesson[] {
  builtIn ??= COURSE.map(asCourseLesson);
  const packs = packLessons().map((pack) => {
    const hit = fromPacks.get(pack);
    if (hit) return hit;
    const lesson = asCourseLesson(pack);
    fromPacks.set(pack, lesson);
    return lesson;
  });
  return packs.length === 0 ? builtIn : [...builtIn, ...packs];
}
