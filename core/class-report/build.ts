import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Progress } from '../persist/docs.ts';
import type { Localized } from '../lessons/localized.ts';
import { REPORT_KIND, REPORT_VERSION, type ProgressReport, type ReportFailure, type ReportLesson } from './schema.ts';
import type { z } from 'zod';

/** What a report needs to know of one lesson of the learner's course. */
export interface CourseLesson {
  id: string;
  title: Localized;
  steps: { id: string; title: Localized }[];
  contentHash: string;
}

/**
 * The fingerprint of a lesson's content: SHA-256 of its definition and prose, first 16 hex digits.
 * Two apps with equal hashes teach the same lesson text, so an instructor can spot a learner on another course version.
 */
export function lessonContentHash(content: unknown): string {
  return bytesToHex(sha256(utf8ToBytes(JSON.stringify(content)))).slice(0, 16);
}

/** What the learner chose and the app knows when a report is made. */
export interface ReportInput {
  learner: string;
  reportKey: string;
  progress: Progress;
  course: readonly CourseLesson[];
  appVersion: string;
  language: 'en' | 'ko';
  now?: Date;
}

function failuresOf(counts: Record<string, number> | undefined): z.infer<typeof ReportFailure>[] {
  return Object.entries(counts ?? {})
    .filter(([, count]) => count > 0)
    .map(([code, count]) => ({ code, count }))
    .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
}

/** Builds the report of one learner's progress over their course (every step, untouched ones too). */
export function buildReport(input: ReportInput): ProgressReport {
  const lessons: ReportLesson[] = input.course.map((lesson) => ({
    id: lesson.id,
    title: lesson.title,
    contentHash: lesson.contentHash,
    steps: lesson.steps.map((step) => {
      const p = input.progress.steps[`${lesson.id}/${step.id}`];
      return {
        id: step.id,
        title: step.title,
        status: p?.status ?? 'not-started',
        attempts: p?.attempts ?? 0,
        hintsUsed: p?.hintsUsed ?? 0,
        solutionShown: p?.solutionRevealed ?? false,
        timeSpentMs: Math.round(p?.timeSpentMs ?? 0),
        updatedAt: p?.updatedAt ?? null,
        failures: failuresOf(p?.failures),
        lastFailure: p?.lastFailure ? { code: p.lastFailure.code, text: p.lastFailure.text } : null,
      };
    }),
  }));
  return {
    kind: REPORT_KIND,
    version: REPORT_VERSION,
    learner: input.learner.trim(),
    reportKey: input.reportKey,
    createdAt: (input.now ?? new Date()).toISOString(),
    app: { name: 'Datalit Studio', version: input.appVersion },
    language: input.language,
    lessons,
  };
}

/** A date as YYYY-MM-DD in local time. */
export function dayStamp(date: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}`;
}

/**
 * The report's file name, `progress-report-<name>-<date>.json`: the name keeps its letters and
 * digits (Hangul too); anything a file system may refuse becomes a dash.
 */
export function reportFileName(learner: string, date: Date): string {
  const safe = learner
    .trim()
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}_-]+/gu, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);
  return `progress-report-${safe || 'learner'}-${dayStamp(date)}.json`;
}
