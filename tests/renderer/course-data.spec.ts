import { describe, expect, it } from 'vitest';
import { COURSE, continuePlace, courseProgress, nextLesson, stepKey } from '../../renderer/features/course/course-data.ts';
import type { Progress } from '../../core/persist/docs.ts';

const done = { status: 'done' as const, attempts: 1, hintsUsed: 0, solutionRevealed: false, timeSpentMs: 0, updatedAt: '2025-01-01T00:00:00Z' };
const first = COURSE[0]!;
const second = COURSE[1]!;

function progressWith(keys: string[], lastLocation: string | null): Progress {
  return { version: 1, steps: Object.fromEntries(keys.map((k) => [k, done])), lastLocation };
}

describe('the course moves forward', () => {
  it('has lessons in order, and a next lesson after the first', () => {
    expect(COURSE.length).toBeGreaterThan(1);
    expect(nextLesson(first.lesson.id)?.lesson.id).toBe(second.lesson.id);
    expect(nextLesson(COURSE.at(-1)!.lesson.id)).toBeNull();
  });

  it('Continue: nothing before the learner starts', () => {
    expect(continuePlace(progressWith([], null))).toBeNull();
  });

  it('Continue: the step the learner was on while it is unfinished', () => {
    const at = first.lesson.steps[1]!.id;
    expect(continuePlace(progressWith([], stepKey(first.lesson.id, at)))).toEqual({ pack: first, stepId: at });
  });

  it('Continue: the first unfinished step when the last one is done', () => {
    const steps = first.lesson.steps;
    const progress = progressWith([stepKey(first.lesson.id, steps[0]!.id), stepKey(first.lesson.id, steps[1]!.id)], stepKey(first.lesson.id, steps[1]!.id));
    expect(continuePlace(progress)?.stepId).toBe(steps[2]!.id);
  });

  it('Continue: the next lesson once a lesson is finished, and nothing when the course is done', () => {
    const all = first.lesson.steps.map((s) => stepKey(first.lesson.id, s.id));
    const last = all.at(-1)!;
    expect(continuePlace(progressWith(all, last))).toEqual({ pack: second, stepId: second.lesson.steps[0]!.id });
    const everything = COURSE.flatMap((p) => p.lesson.steps.map((s) => stepKey(p.lesson.id, s.id)));
    expect(continuePlace(progressWith(everything, last))).toBeNull();
    expect(courseProgress(progressWith(everything, last))).toMatchObject({ stepsDone: everything.length, lessonsDone: COURSE.length });
  });

  it('counts steps and lessons done', () => {
    const all = first.lesson.steps.map((s) => stepKey(first.lesson.id, s.id));
    expect(courseProgress(progressWith(all, null))).toMatchObject({ stepsDone: all.length, lessonsDone: 1, lessons: COURSE.length });
  });
});
