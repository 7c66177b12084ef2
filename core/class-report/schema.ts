import { z } from 'zod';

/*
 * The progress report a learner hands to their instructor: one JSON file, versioned like the
 * saved documents, so an instructor's app can refuse a report from a newer app with the reason
 * instead of misreading it. It holds the name the learner typed and their steps' progress; nothing
 * else about them (the report key is a random id that only tells two same-named learners apart).
 */

/** The `kind` every report carries, so a progress file or any other JSON is told apart from a report. */
export const REPORT_KIND = 'datalit-progress-report';

/** The report format this app writes; a higher one is refused as written by a newer app. */
export const REPORT_VERSION = 1;

/** The longest learner name a report takes (a name, not an essay). */
export const MAX_LEARNER_NAME = 60;

const Localized = z.object({ en: z.string(), ko: z.string() });

/** One wrong-answer message code and how many times the learner got it on a step. */
export const ReportFailure = z.object({ code: z.string().min(1), count: z.number().int().positive() });

/** One step of the course as the learner left it. */
export const ReportStep = z.object({
  id: z.string().min(1),
  title: Localized,
  status: z.enum(['not-started', 'in-progress', 'done']),
  attempts: z.number().int().nonnegative(),
  hintsUsed: z.number().int().nonnegative(),
  solutionShown: z.boolean(),
  timeSpentMs: z.number().nonnegative(),
  /** When the step last changed, ISO 8601; null for a step never opened. */
  updatedAt: z.string().nullable(),
  /** Wrong-answer messages seen on this step, most frequent first. */
  failures: z.array(ReportFailure),
  /** The last wrong-answer message, in the words (and language) the learner read it. */
  lastFailure: z.object({ code: z.string(), text: z.string() }).nullable(),
});
export type ReportStep = z.infer<typeof ReportStep>;

/** One lesson of the learner's course, with the fingerprint of its content. */
export const ReportLesson = z.object({
  id: z.string().min(1),
  title: Localized,
  /** SHA-256 (hex, 16 characters) of the lesson's definition and prose: equal hashes mean the same lesson text. */
  contentHash: z.string().min(1),
  steps: z.array(ReportStep),
});
export type ReportLesson = z.infer<typeof ReportLesson>;

/** A whole progress report, format 1. */
export const ProgressReportV1 = z.object({
  kind: z.literal(REPORT_KIND),
  version: z.literal(REPORT_VERSION),
  /** The name the learner chose to be shown as. */
  learner: z.string().trim().min(1).max(MAX_LEARNER_NAME),
  /** Random id kept with the learner's progress: the same in every report they export. */
  reportKey: z.string().min(1),
  createdAt: z.string(),
  app: z.object({ name: z.string(), version: z.string() }),
  /** The language the learner's messages were shown in. */
  language: z.enum(['en', 'ko']),
  /** The learner's course, in its order. */
  lessons: z.array(ReportLesson),
});
export type ProgressReport = z.infer<typeof ProgressReportV1>;
