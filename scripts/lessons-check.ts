/**
 * Checks every lesson under lessons/ (see core/lessons/check.ts for the list of checks) and that
 * no stray file sits among them, compares the seed ideas with docs/curriculum.md, prints a report
 * with the seed-idea coverage table, and exits 1 on any problem. Each problem is printed as
 * `path:line: message` where its file and line can be told (editors and terminals make that a link).
 * Usage:
 *   node scripts/lessons-check.ts                 every lesson of the course
 *   node scripts/lessons-check.ts <folder>...     only the lessons in these folders: a lesson folder
 *                                                 (with lesson.json), a track folder, or a lessons/ root
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkLessonsAsync, type CheckFinding, type CheckReport } from '../core/lessons/check.ts';
import { LESSON_FILE_NAMES, loadLessons, REFERENCE_FOLDER } from '../core/lessons/load.ts';
import { formatLocated, jsonLines } from '../core/lessons/locate.ts';
import { formatCheckReport } from './lib/check-report.ts';
import { createGradingEngine, loadDatasets, loadLakes, loadPlantedProblems } from './lib/datasets.ts';
import { readLessonFiles, strayFileProblems } from './lib/lesson-files.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The curriculum map the seed-idea list is compared with. */
const CURRICULUM = join(ROOT, 'docs', 'curriculum.md');
const LESSONS = join(ROOT, 'lessons');

/** The lesson files of some folders, keyed as the loader wants them, and where each key really is on disk. */
interface Selection {
  files: Record<string, string>;
  /** Key prefix (`lessons/<track>/<lesson>`) → the folder on disk. */
  folders: Map<string, string>;
  stray: CheckFinding[];
}

const isLessonFolder = (dir: string): boolean => existsSync(join(dir, 'lesson.json'));
const subfolders = (dir: string): string[] =>
  readdirSync(dir)
    .filter((n) => !n.startsWith('.') && statSync(join(dir, n)).isDirectory())
    .sort();

/** Reads one lesson folder under the key `lessons/<track>/<lesson>/`, listing files the app would not read. */
function addLessonFolder(selection: Selection, dir: string, track: string): void {
  const key = `lessons/${track}/${basename(dir)}`;
  selection.folders.set(key, dir);
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.')) continue;
    if ((LESSON_FILE_NAMES as readonly string[]).includes(name)) selection.files[`${key}/${name}`] = readFileSync(join(dir, name), 'utf8');
    else
      selection.stray.push({
        where: `${key}/${name}`,
        message: `stray file: the app reads only ${LESSON_FILE_NAMES.join(', ')} in a lesson folder`,
      });
  }
}

/** The lessons in the folders named on the command line. */
function selectFolders(args: readonly string[]): Selection {
  const selection: Selection = { files: {}, folders: new Map(), stray: [] };
  for (const arg of args) {
    const dir = resolve(arg);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`${arg} is not a folder`);
    if (isLessonFolder(dir)) addLessonFolder(selection, dir, basename(dirname(dir)));
    else if (subfolders(dir).some((n) => isLessonFolder(join(dir, n)))) {
      for (const n of subfolders(dir)) if (isLessonFolder(join(dir, n))) addLessonFolder(selection, join(dir, n), basename(dir));
    } else {
      for (const track of subfolders(dir).filter((n) => n !== REFERENCE_FOLDER))
        for (const n of subfolders(join(dir, track)))
          if (isLessonFolder(join(dir, track, n))) addLessonFolder(selection, join(dir, track, n), track);
    }
  }
  if (selection.folders.size === 0) throw new Error(`no lesson folder (a folder with lesson.json) in ${args.join(', ')}`);
  return selection;
}

/** The finding's `where` as `path:line` (relative to the working folder), its message without a repeated file name. */
function locateFinding(finding: CheckFinding, onDisk: (key: string) => string): CheckFinding {
  const key = finding.file ?? (finding.where.startsWith('lessons/') ? finding.where : null);
  if (key === null) return finding;
  const path = relative(process.cwd(), onDisk(key)) || '.';
  const line = finding.line ?? null;
  const text = formatLocated(path, line, finding.message);
  const where = line === null ? path : `${path}:${line}`;
  return { ...finding, where, message: text.slice(where.length + 2) };
}

/** Lessons in the selection whose id or track order another lesson of the course already uses. */
function clashesWithCourse(report: CheckReport, selection: Selection): CheckFinding[] {
  const course = loadLessons(readLessonFiles(LESSONS)).packs;
  const findings: CheckFinding[] = [];
  for (const pack of report.packs) {
    const key = `lessons/${pack.trackFolder}/${pack.lessonFolder}`;
    const own = resolve(selection.folders.get(key) ?? key);
    const others = course.filter((p) => resolve(LESSONS, p.trackFolder, p.lessonFolder) !== own);
    const lines = jsonLines(selection.files[`${key}/lesson.json`] ?? '');
    const at = (field: string): Pick<CheckFinding, 'file' | 'line'> => ({
      file: `${key}/lesson.json`,
      ...(lines.lineOf([field]) ? { line: lines.lineOf([field])! } : {}),
    });
    const sameId = others.find((p) => p.lesson.id === pack.lesson.id);
    if (sameId)
      findings.push({
        where: pack.lesson.id,
        message: `lesson id '${pack.lesson.id}' is also used by lessons/${sameId.trackFolder}/${sameId.lessonFolder}`,
        ...at('id'),
      });
    const sameOrder =
      pack.inCourse && others.find((p) => p.inCourse && p.lesson.track === pack.lesson.track && p.lesson.order === pack.lesson.order);
    if (sameOrder)
      findings.push({
        where: pack.lesson.id,
        message: `order ${pack.lesson.order} in track ${pack.lesson.track} is also used by ${sameOrder.lesson.id}`,
        ...at('order'),
      });
  }
  return findings;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => a.startsWith('-'));
  if (unknown.length > 0) throw new Error(`unexpected option(s): ${unknown.join(' ')} (give lesson folders, or nothing for every lesson)`);
  const started = performance.now();
  const datasets = await loadDatasets(ROOT);
  const selection = args.length > 0 ? selectFolders(args) : null;
  const files = selection
    ? {
        ...selection.files,
        // The reference pipelines and projects steps name live in the course's lessons/_reference/.
        ...Object.fromEntries(Object.entries(readLessonFiles(LESSONS)).filter(([k]) => k.startsWith(`lessons/${REFERENCE_FOLDER}/`))),
      }
    : readLessonFiles(LESSONS);
  const report = await checkLessonsAsync(files, {
    engine: await createGradingEngine(),
    databases: datasets.provider,
    lakes: loadLakes(ROOT),
    plantedProblems: loadPlantedProblems(ROOT),
    databaseIds: datasets.ids,
    // Part of the repository: a missing map is an error, not a reason to skip the comparison (whole course only).
    curriculum: selection ? null : readFileSync(CURRICULUM, 'utf8'),
  });
  if (selection) {
    report.problems.push(...selection.stray, ...clashesWithCourse(report, selection));
    report.notes = report.notes.filter((n) => !n.startsWith('curriculum.md'));
    report.notes.push(`checked ${selection.folders.size} lesson folder(s) only; run without arguments for the whole course`);
    // Only the ideas these lessons name: the rest of the table is about the whole course.
    report.coverage = report.coverage.filter((row) => row.lessons.length > 0);
  } else {
    report.problems.push(...strayFileProblems(LESSONS));
  }
  const onDisk = (key: string): string => {
    if (selection) {
      for (const [prefix, dir] of selection.folders)
        if (key === prefix || key.startsWith(`${prefix}/`)) return join(dir, key.slice(prefix.length));
    }
    return join(ROOT, key);
  };
  report.problems = report.problems.map((f) => locateFinding(f, onDisk));
  report.warnings = report.warnings.map((f) => locateFinding(f, onDisk));
  report.notes.unshift(...datasets.notes);
  console.log(formatCheckReport(report));
  console.log(`(${((performance.now() - started) / 1000).toFixed(2)} s)`);
  if (report.problems.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(`lessons:check: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
