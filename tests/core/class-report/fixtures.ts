import type { CourseLesson } from '../../../core/class-report/build.ts';
import { buildReport, lessonContentHash } from '../../../core/class-report/build.ts';
import type { Progress } from '../../../core/persist/docs.ts';

/** A two-lesson course as an instructor's app would know it. */
export const COURSE: CourseLesson[] = [
  {
    id: 't0-l1',
    title: { en: 'First query', ko: '첫 쿼리' },
    steps: [
      { id: 'read', title: { en: 'Read', ko: '읽기' } },
      { id: 'count', title: { en: 'Count rows', ko: '행 세기' } },
    ],
    contentHash: lessonContentHash({ id: 't0-l1', v: 1 }),
  },
  {
    id: 't1-l1',
    title: { en: 'Filters', ko: '필터' },
    steps: [
      { id: 'where', title: { en: 'WHERE', ko: 'WHERE 절' } },
      { id: 'and', title: { en: 'AND', ko: 'AND 조건' } },
    ],
    contentHash: lessonContentHash({ id: 't1-l1', v: 1 }),
  },
];

type StepInput = Partial<Progress['steps'][string]> & { status: Progress['steps'][string]['status'] };

/** Progress with the given steps, each filled with defaults. */
export function progressOf(steps: Record<string, StepInput>): Progress {
  const full: Progress['steps'] = {};
  for (const [key, s] of Object.entries(steps)) {
    full[key] = { attempts: 0, hintsUsed: 0, solutionRevealed: false, timeSpentMs: 0, updatedAt: '2026-12-01T10:00:00.000Z', ...s };
  }
  return { version: 1, steps: full, lastLocation: null };
}

/** A report's JSON text, as a learner's app writes it. */
export function reportText(
  learner: string,
  steps: Record<string, StepInput>,
  options: { key?: string; at?: string; course?: CourseLesson[]; language?: 'en' | 'ko' } = {},
): string {
  const report = buildReport({
    learner,
    reportKey: options.key ?? `key-${learner}`,
    progress: progressOf(steps),
    course: options.course ?? COURSE,
    appVersion: '0.1.0',
    language: options.language ?? 'en',
    now: new Date(options.at ?? '2026-12-01T12:00:00.000Z'),
  });
  return JSON.stringify(report, null, 2);
}
