import { lessonContentHash, type CourseLesson } from '../../../core/class-report/build.ts';
import { COURSE } from '../course/course-data.ts';

let cached: CourseLesson[] | null = null;

/** This app's course as the progress report sees it: lessons in course order, each with its content hash. */
export function courseLessons(): CourseLesson[] {
  cached ??= COURSE.map((pack) => ({
    id: pack.lesson.id,
    title: pack.lesson.title,
    steps: pack.lesson.steps.map((s) => ({ id: s.id, title: s.title })),
    // The definition and both languages' prose: a fix to either is another version of the lesson.
    contentHash: lessonContentHash({ lesson: pack.lesson, prose: pack.prose }),
  }));
  return cached;
}
