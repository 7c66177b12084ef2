import type { Localized } from '../lessons/localized.ts';
import type { CourseLesson } from './build.ts';
import { readReport, type ReportProblem } from './read.ts';
import type { ProgressReport, ReportStep } from './schema.ts';

/*
 * Many learners' reports made into one class: bad files are listed with the reason and left out,
 * two reports of one learner become one (the newer copy of each step wins), and the steps are
 * laid out in the instructor's course order, with lessons only the reports know after them.
 */

/** A report file as the instructor chose it. */
export interface ReportFile {
  fileName: string;
  text: string;
}

/** A file that was left out, and why. */
export interface RefusedReport {
  fileName: string;
  problem: ReportProblem;
  detail: string;
}

/** One learner of the class, from one report or several of theirs. */
export interface ClassLearner {
  name: string;
  reportKey: string;
  /** The report files merged into this learner, oldest first. */
  files: string[];
  /** The newest report's date. */
  createdAt: string;
  appVersion: string;
  language: 'en' | 'ko';
  /** Steps by `lessonId/stepId`. A step the learner's reports lack is absent (shown as untouched). */
  steps: Record<string, ReportStep>;
  /** Each lesson's content hash in the learner's course, and the step ids it had there. */
  lessons: Record<string, { contentHash: string; stepIds: string[] }>;
}

/** Two or more reports of one learner made into one. */
export interface CombinedReports {
  learner: string;
  files: string[];
  /** Steps taken from an older report because its copy was the newer one. */
  stepsFromOlder: number;
}

/** A row of the class view: one step, in course order. */
export interface ClassStep {
  key: string;
  lessonId: string;
  lessonTitle: Localized;
  stepId: string;
  stepTitle: Localized;
  /** 1-based number of the step within its lesson. */
  number: number;
}

/** A lesson the learners did not all have in the same version (or not in the instructor's). */
export interface VersionMismatch {
  lessonId: string;
  lessonTitle: Localized;
  /** The instructor's own hash of the lesson, null when it is not in their course. */
  instructorHash: string | null;
  versions: { contentHash: string; learners: string[] }[];
}

/** The class made of the reports. */
export interface MergedClass {
  learners: ClassLearner[];
  steps: ClassStep[];
  refused: RefusedReport[];
  combined: CombinedReports[];
  mismatches: VersionMismatch[];
}

/** Names compare as people read them: case, width and surrounding spaces do not make another learner. */
function nameKey(name: string): string {
  return name.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
}

const time = (iso: string | null): number => (iso ? Date.parse(iso) || 0 : 0);

function learnerOf(report: ProgressReport, fileName: string): ClassLearner {
  const steps: Record<string, ReportStep> = {};
  const lessons: ClassLearner['lessons'] = {};
  for (const lesson of report.lessons) {
    lessons[lesson.id] = { contentHash: lesson.contentHash, stepIds: lesson.steps.map((s) => s.id) };
    for (const step of lesson.steps) steps[`${lesson.id}/${step.id}`] = step;
  }
  return {
    name: report.learner.trim(),
    reportKey: report.reportKey,
    files: [fileName],
    createdAt: report.createdAt,
    appVersion: report.app.version,
    language: report.language,
    steps,
    lessons,
  };
}

/** Folds a later-read report of the same learner in: per step the copy changed last wins. Returns how many steps came from the older report. */
function combine(a: ClassLearner, b: ClassLearner): { learner: ClassLearner; fromOlder: number } {
  const [older, newer] = time(a.createdAt) <= time(b.createdAt) ? [a, b] : [b, a];
  const steps = { ...newer.steps };
  let fromOlder = 0;
  for (const [key, step] of Object.entries(older.steps)) {
    const other = steps[key];
    if (!other || time(step.updatedAt) > time(other.updatedAt)) {
      steps[key] = step;
      fromOlder++;
    }
  }
  return {
    learner: {
      ...newer,
      files: [...older.files, ...newer.files],
      steps,
      lessons: { ...older.lessons, ...newer.lessons },
    },
    fromOlder,
  };
}

/** Reads and merges report files into one class, laid out over the instructor's course. */
export function mergeReports(files: readonly ReportFile[], course: readonly CourseLesson[]): MergedClass {
  const refused: RefusedReport[] = [];
  const byName = new Map<string, ClassLearner>();
  const order: string[] = [];
  const combinedFiles = new Map<string, CombinedReports>();
  // Lessons and steps as the reports have them, first seen first (for lessons not in the instructor's course).
  const seenLessons = new Map<string, { title: Localized; steps: Map<string, Localized> }>();

  for (const file of files) {
    const read = readReport(file.text);
    if (!read.ok) {
      refused.push({ fileName: file.fileName, problem: read.problem, detail: read.detail });
      continue;
    }
    const incoming = learnerOf(read.report, file.fileName);
    const key = nameKey(incoming.name);
    const existing = byName.get(key);
    if (existing && existing.reportKey !== incoming.reportKey) {
      // Same name, another learner: the first file read keeps the name; the instructor asks the second to choose another.
      refused.push({ fileName: file.fileName, problem: 'duplicate-name', detail: existing.files[0] ?? '' });
      continue;
    }
    for (const lesson of read.report.lessons) {
      const seen = seenLessons.get(lesson.id) ?? { title: lesson.title, steps: new Map<string, Localized>() };
      for (const step of lesson.steps) if (!seen.steps.has(step.id)) seen.steps.set(step.id, step.title);
      seenLessons.set(lesson.id, seen);
    }
    if (!existing) {
      byName.set(key, incoming);
      order.push(key);
      continue;
    }
    const { learner, fromOlder } = combine(existing, incoming);
    byName.set(key, learner);
    const note = combinedFiles.get(key) ?? { learner: learner.name, files: [], stepsFromOlder: 0 };
    combinedFiles.set(key, { learner: learner.name, files: learner.files, stepsFromOlder: note.stepsFromOlder + fromOlder });
  }

  const learners = order.map((k) => byName.get(k)!);
  return { learners, steps: layoutSteps(course, seenLessons), refused, combined: [...combinedFiles.values()], mismatches: mismatches(learners, course, seenLessons) };
}

/** The rows: the instructor's course in its order (only lessons some report has), then lessons only the reports know. */
function layoutSteps(course: readonly CourseLesson[], seen: Map<string, { title: Localized; steps: Map<string, Localized> }>): ClassStep[] {
  const rows: ClassStep[] = [];
  const push = (lessonId: string, lessonTitle: Localized, steps: [string, Localized][]) =>
    steps.forEach(([stepId, stepTitle], i) => rows.push({ key: `${lessonId}/${stepId}`, lessonId, lessonTitle, stepId, stepTitle, number: i + 1 }));
  const known = new Set<string>();
  for (const lesson of course) {
    const fromReports = seen.get(lesson.id);
    if (!fromReports) continue;
    known.add(lesson.id);
    const steps: [string, Localized][] = lesson.steps.map((s) => [s.id, s.title]);
    // A step only the learners' version has goes after the instructor's steps.
    for (const [id, title] of fromReports.steps) if (!lesson.steps.some((s) => s.id === id)) steps.push([id, title]);
    push(lesson.id, lesson.title, steps);
  }
  for (const [id, lesson] of seen) if (!known.has(id)) push(id, lesson.title, [...lesson.steps]);
  return rows;
}

function mismatches(
  learners: readonly ClassLearner[],
  course: readonly CourseLesson[],
  seen: Map<string, { title: Localized; steps: Map<string, Localized> }>,
): VersionMismatch[] {
  const out: VersionMismatch[] = [];
  for (const [lessonId, lesson] of seen) {
    const byHash = new Map<string, string[]>();
    for (const l of learners) {
      const hash = l.lessons[lessonId]?.contentHash;
      if (hash) byHash.set(hash, [...(byHash.get(hash) ?? []), l.name]);
    }
    const instructorHash = course.find((c) => c.id === lessonId)?.contentHash ?? null;
    const versions = [...byHash].map(([contentHash, names]) => ({ contentHash, learners: names }));
    if (versions.length > 1 || (versions.length === 1 && versions[0]!.contentHash !== instructorHash)) {
      out.push({ lessonId, lessonTitle: lesson.title, instructorHash, versions });
    }
  }
  return out;
}
