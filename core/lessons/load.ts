import { LANGS, type Lang } from './localized.ts';
import { jsonErrorLine, jsonLines, missingSectionLine, proseProblemLine, stepHeadingLine, type LocatedProblem } from './locate.ts';
import { parseProse, type LessonProse } from './markdown.ts';
import { migrateLesson, type LessonMigration } from './migrate.ts';
import { LessonSchema, type Lesson } from './schema.ts';
import { TRACK_IDS, type TrackId } from './seed-ideas.ts';
import type { LessonAssets } from './step-kind.ts';
import { stepKindOf } from './step-kinds.ts';

/**
 * Turns lesson files into lessons without touching a file system, so the renderer (Vite's
 * import.meta.glob with ?raw) and the Node scripts share one parser. A broken pack is refused
 * with its reasons; nothing here throws.
 */

/** The files of one lesson folder. */
export const LESSON_FILE_NAMES = ['lesson.json', 'ko.md', 'en.md'] as const;

/**
 * The folder under lessons/ for files steps refer to rather than contain: the reference pipeline
 * and model project of Tracks 1 and 2 (which `npm run pipeline` and `npm run models` also run),
 * and the pipelines and project variants a step names as its solution, starter or known mistakes.
 */
export const REFERENCE_FOLDER = '_reference';

/** The segments after `lessons/` of a path (all of them when it has no `lessons/`). */
function underLessons(path: string): string[] {
  const segments = path
    .replace(/\\/g, '/')
    .split('/')
    .filter((s) => s !== '' && s !== '.');
  const root = segments.lastIndexOf('lessons');
  return root >= 0 ? segments.slice(root + 1) : segments;
}

/** The files under lessons/_reference/ of a path → text map, as steps read them (paths relative to lessons/). */
export function lessonAssets(files: Record<string, string>): LessonAssets {
  const byPath = new Map<string, string>();
  for (const [path, text] of Object.entries(files)) {
    const rest = underLessons(path);
    if (rest[0] === REFERENCE_FOLDER) byPath.set(rest.join('/'), text);
  }
  const sorted = [...byPath.keys()].sort();
  return {
    read: (path) => byPath.get(path),
    list: (folder) => sorted.filter((p) => p.startsWith(folder)),
  };
}

/** A file under lessons/ that no lesson uses, and why it does not belong there. */
export interface StrayFile {
  path: string;
  reason: string;
}

const ONLY_LESSON_FILES = `a lesson folder holds only ${LESSON_FILE_NAMES.join(', ')}; the app reads nothing else (diagrams are fenced blocks in the prose)`;

/**
 * Files under lessons/ that are not part of any lesson (paths as `lessons/<track>/<lesson>/<file>`):
 * notes, exports, a second copy of a lesson. The app would silently ignore them, so an author
 * would believe they ship; the lesson checker lists them instead.
 */
export function strayLessonFiles(paths: readonly string[]): StrayFile[] {
  const stray: StrayFile[] = [];
  for (const path of [...paths].sort()) {
    const segments = path
      .replace(/\\/g, '/')
      .split('/')
      .filter((s) => s !== '' && s !== '.');
    const root = segments.lastIndexOf('lessons');
    const rest = root >= 0 ? segments.slice(root + 1) : segments;
    const name = rest[rest.length - 1] ?? '';
    if (rest.length === 3 && (LESSON_FILE_NAMES as readonly string[]).includes(name)) continue;
    // Reference solutions steps name (and the command-line tools run): read through lessonAssets.
    if (rest[0] === REFERENCE_FOLDER && rest.length > 1) continue;
    const reason =
      rest.length === 1
        ? 'only track folders belong directly in lessons/'
        : rest.length === 2
          ? 'only lesson folders belong in a track folder'
          : rest.length === 3
            ? `'${name}' is not a lesson file: ${ONLY_LESSON_FILES}`
            : `a lesson folder has no subfolders: ${ONLY_LESSON_FILES}`;
    stray.push({ path, reason });
  }
  return stray;
}

/** One of the files of a lesson folder. */
export type LessonFileName = (typeof LESSON_FILE_NAMES)[number];

/** The raw files of one lesson folder, `lessons/<trackFolder>/<lessonFolder>/`. */
export interface LessonPackFiles {
  trackFolder: string;
  lessonFolder: string;
  files: Partial<Record<LessonFileName, string>>;
}

/** A parsed, validated lesson with its prose in both languages. */
export interface LessonPack {
  trackFolder: string;
  lessonFolder: string;
  lesson: Lesson;
  prose: Record<Lang, LessonProse>;
  /** False for folders starting with `_` (samples, drafts): checked, but not on the course map. */
  inCourse: boolean;
}

/** A lesson folder that could not be used, and why. */
export interface RefusedPack {
  folder: string;
  reason: string;
  /** The same reasons one by one, each with its file in the folder and line (when parseLessonPack refused it). */
  problems?: LocatedProblem[];
}

/** The outcome of parsing one lesson folder. */
export type ParsePackResult = { ok: true; pack: LessonPack } | ({ ok: false } & RefusedPack);

/** Folders starting with `_` hold samples and drafts, kept off the course map. */
export function isCourseFolder(folder: string): boolean {
  return !folder.startsWith('_');
}

/**
 * Groups a flat map of path → text (as import.meta.glob or a directory walk gives it) into
 * lesson folders. Paths must end in `lessons/<track>/<lesson>/<file>`; anything else is refused.
 */
export function groupLessonFiles(files: Record<string, string>): { packs: LessonPackFiles[]; refused: RefusedPack[] } {
  const packs = new Map<string, LessonPackFiles>();
  const refused: RefusedPack[] = [];
  for (const [path, text] of Object.entries(files)) {
    const segments = path
      .replace(/\\/g, '/')
      .split('/')
      .filter((s) => s !== '' && s !== '.');
    const root = segments.lastIndexOf('lessons');
    const rest = root >= 0 ? segments.slice(root + 1) : segments;
    const [trackFolder, lessonFolder, name] = rest;
    // Files steps refer to, not lessons: lessonAssets reads them.
    if (trackFolder === REFERENCE_FOLDER) continue;
    if (rest.length !== 3 || !trackFolder || !lessonFolder || !name) {
      refused.push({ folder: path, reason: 'lesson files must sit in lessons/<track-folder>/<lesson-folder>/' });
      continue;
    }
    if (!(LESSON_FILE_NAMES as readonly string[]).includes(name)) continue;
    const key = `${trackFolder}/${lessonFolder}`;
    const pack = packs.get(key) ?? { trackFolder, lessonFolder, files: {} };
    pack.files[name as LessonFileName] = text;
    packs.set(key, pack);
  }
  const sorted = [...packs.values()].sort((a, b) =>
    `${a.trackFolder}/${a.lessonFolder}`.localeCompare(`${b.trackFolder}/${b.lessonFolder}`),
  );
  return { packs: sorted, refused };
}

function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string[] {
  return issues.slice(0, 8).map((issue) => `${issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)'}: ${issue.message}`);
}

/** Checks that the prose has exactly the lesson's steps, in order; each problem with its line in the prose file. */
function proseProblems(lesson: Lesson, prose: LessonProse, lang: Lang, text: string): LocatedProblem[] {
  const problems: LocatedProblem[] = [];
  const file = `${lang}.md`;
  const want = lesson.steps.map((s) => s.id);
  const have = prose.steps.map((s) => s.id);
  const haveSet = new Set(have);
  const wantSet = new Set(want);
  const missing = want.filter((id) => !haveSet.has(id));
  const extra = have.filter((id) => !wantSet.has(id));
  if (missing.length > 0)
    problems.push({
      file,
      line: missingSectionLine(text, want, missing[0] as string),
      message: `${lang}.md has no "## step: ${missing.join('", "## step: ')}" section`,
    });
  if (extra.length > 0)
    problems.push({
      file,
      line: stepHeadingLine(text, extra[0] as string),
      message: `${lang}.md has sections for steps lesson.json does not define: ${extra.join(', ')}`,
    });
  if (missing.length === 0 && extra.length === 0 && want.join() !== have.join()) {
    const first = have.find((id, i) => want[i] !== id);
    problems.push({
      file,
      line: first ? stepHeadingLine(text, first) : null,
      message: `${lang}.md lists the steps in another order than lesson.json (${have.join(', ')})`,
    });
  }
  const sections = new Map<string, LessonProse['steps'][number]>();
  for (const section of prose.steps) if (!sections.has(section.id)) sections.set(section.id, section);
  for (const step of lesson.steps) {
    const section = sections.get(step.id);
    if (step.kind === 'read' && section && section.markdown === '')
      problems.push({ file, line: stepHeadingLine(text, step.id), message: `${lang}.md: the read step '${step.id}' has no prose` });
  }
  return problems;
}

/** How to parse packs; the default is what the app ships with. */
export interface ParseOptions {
  /** The migration ladder for older formats (see migrate.ts). */
  migrations?: readonly LessonMigration[];
  /** The files steps refer to (lessons/_reference/); see lessonAssets. */
  assets?: LessonAssets;
}

/** The index of the step with this id in a raw lesson.json value, or -1. */
function rawStepIndex(raw: unknown, stepId: string): number {
  const steps = (raw as { steps?: unknown } | null)?.steps;
  return Array.isArray(steps) ? steps.findIndex((s) => (s as { id?: unknown } | null)?.id === stepId) : -1;
}

/** Parses and validates one lesson folder: definition (migrated to the current format), both languages, and that they agree. */
export function parseLessonPack(files: LessonPackFiles, options: ParseOptions = {}): ParsePackResult {
  const folder = `${files.trackFolder}/${files.lessonFolder}`;
  // `reason` keeps the wording callers have always shown; `problems` adds the file and line of each.
  const refuse = (problems: LocatedProblem[]): ParsePackResult => ({
    ok: false,
    folder,
    reason: problems.map((p) => p.message).join('; '),
    problems,
  });
  const json = files.files['lesson.json'];
  if (json === undefined) return refuse([{ file: 'lesson.json', line: null, message: 'lesson.json is missing' }]);
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (e) {
    return refuse([
      {
        file: 'lesson.json',
        line: jsonErrorLine(json, e),
        message: `lesson.json is not valid JSON: ${e instanceof Error ? e.message : String(e)}`,
      },
    ]);
  }
  const lines = jsonLines(json);
  // Older formats climb the ladder first, so the schema only ever sees the current one.
  const migrated = migrateLesson(raw, options.migrations);
  if (!migrated.ok) return refuse([{ file: 'lesson.json', line: lines.lineOf(['formatVersion']), message: migrated.reason }]);
  const parsed = LessonSchema.safeParse(migrated.lesson);
  if (!parsed.success) {
    return refuse(
      parsed.error.issues.slice(0, 8).map((issue) => {
        const keys = 'keys' in issue && Array.isArray(issue.keys) ? (issue.keys as string[]) : [];
        return {
          file: 'lesson.json',
          // An unknown key is pointed at itself, anything else at its value (or the nearest enclosing one present).
          line: keys[0] !== undefined ? lines.keyLine(issue.path, keys[0]) : lines.lineOf(issue.path),
          message: `lesson.json ${describeIssues([issue])[0] as string}`,
        };
      }),
    );
  }
  const problems: LocatedProblem[] = [];
  // Steps that name files outside lesson.json (a pipeline, a project folder) get their content now.
  const assets = options.assets ?? { read: () => undefined, list: () => [] };
  const steps = parsed.data.steps.map((step) => {
    const resolve = stepKindOf(step).resolveFiles;
    if (!resolve) return step;
    const out = resolve(step, assets);
    const line = lines.lineOf(['steps', rawStepIndex(raw, step.id)]);
    problems.push(...out.problems.map((p) => ({ file: 'lesson.json', line, message: `lesson.json step '${step.id}': ${p}` })));
    return out.step as typeof step;
  });
  const lesson = { ...parsed.data, steps };
  if (lesson.id !== files.lessonFolder)
    problems.push({
      file: 'lesson.json',
      line: lines.lineOf(['id']),
      message: `the folder is named '${files.lessonFolder}' but the lesson id is '${lesson.id}': name the folder after the id`,
    });
  if (isCourseFolder(files.trackFolder) && files.trackFolder !== lesson.track && !files.trackFolder.startsWith(`${lesson.track}-`)) {
    problems.push({
      file: 'lesson.json',
      line: lines.lineOf(['track']),
      message: `lesson of track '${lesson.track}' sits in the track folder '${files.trackFolder}'`,
    });
  }
  const prose: Partial<Record<Lang, LessonProse>> = {};
  for (const lang of LANGS) {
    const file = `${lang}.md`;
    const text = files.files[file as LessonFileName];
    if (text === undefined) {
      problems.push({ file, line: null, message: `${lang}.md is missing: every lesson ships in Korean and English` });
      continue;
    }
    const result = parseProse(text);
    if (!result.ok) {
      problems.push(...result.problems.map((p) => ({ file, line: proseProblemLine(text, p), message: `${lang}.md: ${p}` })));
      continue;
    }
    problems.push(...proseProblems(lesson, result.prose, lang, text));
    prose[lang] = result.prose;
  }
  if (problems.length > 0 || !prose.ko || !prose.en) return refuse(problems);
  return {
    ok: true,
    pack: {
      trackFolder: files.trackFolder,
      lessonFolder: files.lessonFolder,
      lesson,
      prose: { ko: prose.ko, en: prose.en },
      inCourse: isCourseFolder(files.trackFolder),
    },
  };
}

/** Parses every lesson folder in a path → text map; broken packs are listed with their reasons. */
export function loadLessons(files: Record<string, string>, options: ParseOptions = {}): { packs: LessonPack[]; refused: RefusedPack[] } {
  const grouped = groupLessonFiles(files);
  options = { assets: lessonAssets(files), ...options };
  const packs: LessonPack[] = [];
  const refused = [...grouped.refused];
  for (const files of grouped.packs) {
    const result = parseLessonPack(files, options);
    if (result.ok) packs.push(result.pack);
    else refused.push({ folder: result.folder, reason: result.reason, ...(result.problems ? { problems: result.problems } : {}) });
  }
  return { packs, refused };
}

/** The course map: lessons outside `_` folders, by track order then lesson order. */
export function courseLessons(packs: readonly LessonPack[]): LessonPack[] {
  const trackRank = (t: TrackId): number => TRACK_IDS.indexOf(t);
  return packs
    .filter((p) => p.inCourse)
    .sort((a, b) => trackRank(a.lesson.track) - trackRank(b.lesson.track) || a.lesson.order - b.lesson.order);
}
