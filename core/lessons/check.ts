import type { Verdict } from '../grading/compare.ts';
import type { DatabaseProvider, GradingEngine, LakeProvider } from '../grading/engine.ts';
import { formatMessage, type Message } from '../grading/messages.ts';
import { compareWithCurriculum, readCurriculumRows } from './curriculum.ts';
import { loadLessons, type LessonPack } from './load.ts';
import { jsonLines, stepFieldOf, type JsonLines, type JsonPath } from './locate.ts';
import { CURRICULUM_SEED_IDEAS, SEED_IDEAS, type SeedIdea } from './seed-ideas.ts';
import { stepKindOf, type Step } from './step-kinds.ts';
import type { DefinitionFindings, StepCheckContext } from './step-kind.ts';

/**
 * The lesson checker (after rustlings' `dev check`): every lesson loads in both languages, ids
 * are unique, every dataset exists, every reference passes, every starter fails, every known
 * wrong answer fails with its intended message, and every objective names seed ideas. Pure:
 * the caller gives the files, the engine and the database bytes.
 */

/** What the checker needs from outside. */
export interface CheckEnvironment {
  engine: GradingEngine;
  databases: DatabaseProvider;
  /** Database ids in the dataset catalog. */
  databaseIds: readonly string[];
  /** The text of curriculum.md, or null when it is not available (the seed-idea list is then not compared). */
  curriculum: string | null;
  /** The data lakes, for pipeline steps. */
  lakes?: LakeProvider | undefined;
  /** The planted problems of the dataset manifests, for data-test steps. */
  plantedProblems?: readonly { id: string; count: number; database: string | null }[] | undefined;
}

/** One finding, located by lesson folder and step, and where it can be told, by file and line. */
export interface CheckFinding {
  where: string;
  message: string;
  /** The file concerned, as keyed in the files given (`lessons/<track>/<lesson>/lesson.json`), when known. */
  file?: string;
  /** Its 1-based line, when known. */
  line?: number;
}

/** Which lessons name a seed idea, and which auto-checked steps practise it. */
export interface CoverageRow {
  idea: SeedIdea;
  lessons: string[];
  /** `lesson-id/step-id` of every gradable step whose objectives name the idea. */
  checkedBy: string[];
}

/** Everything the checker found. */
export interface CheckReport {
  packs: LessonPack[];
  problems: CheckFinding[];
  warnings: CheckFinding[];
  notes: string[];
  coverage: CoverageRow[];
}

function describe(messages: readonly Message[]): string {
  return messages.map((m) => `${m.code}: ${formatMessage(m, 'en')}`).join(' | ') || '(no messages)';
}

/** Lesson ids used by more than one folder. */
export function duplicateLessonIds(packs: readonly LessonPack[]): CheckFinding[] {
  const findings: CheckFinding[] = [];
  const seen = new Map<string, string>();
  for (const pack of packs) {
    const folder = `${pack.trackFolder}/${pack.lessonFolder}`;
    const first = seen.get(pack.lesson.id);
    if (first) findings.push({ where: folder, message: `lesson id '${pack.lesson.id}' is also used by ${first}` });
    else seen.set(pack.lesson.id, folder);
  }
  return findings;
}

/** Two course lessons of one track with the same order number. */
export function duplicateOrders(packs: readonly LessonPack[]): CheckFinding[] {
  const findings: CheckFinding[] = [];
  const seen = new Map<string, string>();
  for (const pack of packs.filter((p) => p.inCourse)) {
    const key = `${pack.lesson.track}#${pack.lesson.order}`;
    const first = seen.get(key);
    if (first)
      findings.push({
        where: pack.lesson.id,
        message: `order ${pack.lesson.order} in track ${pack.lesson.track} is also used by ${first}`,
      });
    else seen.set(key, pack.lesson.id);
  }
  return findings;
}

/** What a check generator yields: a value the driver resolves (a promise for async kinds) and sends back. */
type CheckStepGen<T> = Generator<unknown, T, unknown>;

/** Runs a check generator synchronously; a kind that answers with a promise cannot be checked this way. */
function runSync<T>(gen: CheckStepGen<T>): T {
  let next = gen.next();
  while (!next.done) {
    if (next.value instanceof Promise) {
      next.value.catch(() => {});
      throw new Error('a step of this lesson grades asynchronously (pipeline, models): use checkLessonsAsync');
    }
    next = gen.next(next.value);
  }
  return next.value;
}

/** Runs a check generator, awaiting what it yields. */
async function runAsync<T>(gen: CheckStepGen<T>): Promise<T> {
  let next = gen.next();
  while (!next.done) next = gen.next(await next.value);
  return next.value;
}

/** Checks one step (see checkStep); yields each grading so one definition serves both drivers. */
function* stepChecks(pack: LessonPack, step: Step, env: CheckEnvironment): CheckStepGen<{ problems: string[]; warnings: string[] }> {
  const kind = stepKindOf(step);
  const ctx: StepCheckContext = {
    engine: env.engine,
    databases: env.databases,
    lakes: env.lakes,
    databaseIds: env.databaseIds,
    plantedProblems: env.plantedProblems,
    lesson: pack.lesson,
  };
  const grade = function* (answer: unknown): CheckStepGen<Verdict> {
    return (yield kind.grade(step, answer, ctx)) as Verdict;
  };
  const findings = (yield kind.checkDefinition(step, ctx)) as DefinitionFindings;
  const problems = [...findings.problems];
  if (problems.length > 0 || !kind.gradable) return { problems, warnings: findings.warnings };
  const samples = kind.samples(step, ctx);
  const solution = yield* grade(samples.solution);
  if (!solution.pass) problems.push(`the reference solution does not pass: ${describe(solution.messages)}`);
  if (samples.starter !== null && (yield* grade(samples.starter)).pass) problems.push('the starter passes: it must leave work to do');
  for (const [i, wrong] of samples.knownWrong.entries()) {
    const label = `known-wrong answer ${i + 1}`;
    const verdict = yield* grade(wrong.answer);
    if (verdict.pass) {
      problems.push(`${label} passes`);
      continue;
    }
    const codes = verdict.messages.map((m) => m.code);
    const absent = wrong.expect.filter((c) => !codes.includes(c));
    if (absent.length > 0) problems.push(`${label} should get ${absent.join(', ')} but gets: ${describe(verdict.messages)}`);
    const feedback = wrong.feedback;
    if (
      feedback &&
      !verdict.messages.some(
        (m) => m.code === 'known-mistake' && m.params.feedback.en === feedback.en && m.params.feedback.ko === feedback.ko,
      )
    ) {
      problems.push(`${label} does not get its own feedback (an earlier known-wrong answer with the same result takes it?)`);
    }
  }
  return { problems, warnings: findings.warnings };
}

/** Checks one step: its kind's definition checks, then the reference, the starter and the known-wrong answers. */
export function checkStep(pack: LessonPack, step: Step, env: CheckEnvironment): { problems: string[]; warnings: string[] } {
  return runSync(stepChecks(pack, step, env));
}

/** Checks one step of any kind (pipeline and models steps grade asynchronously). */
export function checkStepAsync(pack: LessonPack, step: Step, env: CheckEnvironment): Promise<{ problems: string[]; warnings: string[] }> {
  return runAsync(stepChecks(pack, step, env));
}

/** Seed idea → lessons naming it and auto-checked steps practising it. */
export function seedCoverage(packs: readonly LessonPack[], ideas: readonly SeedIdea[] = SEED_IDEAS): CoverageRow[] {
  return ideas.map((idea) => {
    const lessons: string[] = [];
    const checkedBy: string[] = [];
    for (const { lesson } of packs) {
      const objectives = lesson.objectives.filter((o) => o.seedIdeas.includes(idea.id)).map((o) => o.id);
      if (objectives.length === 0) continue;
      lessons.push(lesson.id);
      for (const step of lesson.steps) {
        if (stepKindOf(step).gradable && step.objectives.some((o) => objectives.includes(o))) checkedBy.push(`${lesson.id}/${step.id}`);
      }
    }
    return { idea, lessons, checkedBy };
  });
}

/** Runs every check on a path → text map of lesson files (see load.ts for the layout); SQL, choice and number steps only. */
export function checkLessons(files: Record<string, string>, env: CheckEnvironment): CheckReport {
  return runSync(lessonChecks(files, env));
}

/** Runs every check, pipeline and models steps included (they build and run, so this is async). */
export function checkLessonsAsync(files: Record<string, string>, env: CheckEnvironment): Promise<CheckReport> {
  return runAsync(lessonChecks(files, env));
}

/** Finds the file and line of findings about a lesson folder, from the files the checker was given. */
function locator(files: Record<string, string>) {
  const byFolder = new Map<string, { prefix: string; lines: JsonLines | null }>();
  for (const [path, text] of Object.entries(files)) {
    const normal = path.replace(/\\/g, '/');
    if (!normal.endsWith('/lesson.json')) continue;
    const parts = normal.split('/');
    const folder = parts.slice(-3, -1).join('/');
    byFolder.set(folder, { prefix: parts.slice(0, -1).join('/'), lines: null });
    byFolder.get(folder)!.lines = jsonLines(text);
  }
  // Paths are shown relative to the lessons/ root the caller gave (`lessons/t0/x/lesson.json`).
  const prefixOf = (folder: string): string => byFolder.get(folder)?.prefix.replace(/^\/+/, '') ?? `lessons/${folder}`;
  return {
    /** `{ file, line }` of a path in a folder's lesson.json. */
    json(folder: string, path: JsonPath): Pick<CheckFinding, 'file' | 'line'> {
      const line = byFolder.get(folder)?.lines?.lineOf(path) ?? null;
      return { file: `${prefixOf(folder)}/lesson.json`, ...(line === null ? {} : { line }) };
    },
    /** `{ file, line }` of a file (within the folder) and line the loader named. */
    file(folder: string, file: string | null, line: number | null): Pick<CheckFinding, 'file' | 'line'> {
      return { file: file === null ? prefixOf(folder) : `${prefixOf(folder)}/${file}`, ...(line === null ? {} : { line }) };
    },
  };
}

function* lessonChecks(files: Record<string, string>, env: CheckEnvironment): CheckStepGen<CheckReport> {
  const { packs, refused } = loadLessons(files);
  const locate = locator(files);
  const folderOf = (pack: LessonPack): string => `${pack.trackFolder}/${pack.lessonFolder}`;
  const problems: CheckFinding[] = refused.flatMap((r) =>
    r.problems && r.problems.length > 0
      ? r.problems.map((p) => ({ where: r.folder, message: p.message, ...locate.file(r.folder, p.file, p.line) }))
      : [{ where: r.folder, message: r.reason }],
  );
  const warnings: CheckFinding[] = [];
  const notes: string[] = [];
  const byId = new Map(packs.map((p) => [p.lesson.id, p]));
  const byFolder = new Map(packs.map((p) => [folderOf(p), p]));
  for (const finding of duplicateLessonIds(packs)) {
    const pack = byFolder.get(finding.where);
    problems.push(pack ? { ...finding, ...locate.json(finding.where, ['id']) } : finding);
  }
  for (const finding of duplicateOrders(packs)) {
    const pack = byId.get(finding.where);
    problems.push(pack ? { ...finding, ...locate.json(folderOf(pack), ['order']) } : finding);
  }
  for (const pack of packs) {
    if (!env.databaseIds.includes(pack.lesson.dataset)) {
      problems.push({
        where: pack.lesson.id,
        message: `dataset '${pack.lesson.dataset}' is not in the dataset catalog`,
        ...locate.json(folderOf(pack), ['dataset']),
      });
      continue;
    }
    for (const [index, step] of pack.lesson.steps.entries()) {
      const where = `${pack.lesson.id}/${step.id}`;
      const found = yield* stepChecks(pack, step, env);
      problems.push(
        ...found.problems.map((message) => ({ where, message, ...locate.json(folderOf(pack), ['steps', index, ...stepFieldOf(message)]) })),
      );
      for (const message of found.warnings) {
        // The same missing variant would be reported once per step; once per lesson is enough.
        if (!warnings.some((w) => w.message === message && w.where.startsWith(`${pack.lesson.id}/`)))
          warnings.push({ where, message, ...locate.json(folderOf(pack), ['steps', index]) });
      }
    }
  }
  if (env.curriculum === null) {
    notes.push('curriculum.md not found: the seed-idea list was not compared with it');
  } else {
    const rows = readCurriculumRows(env.curriculum);
    const drift = compareWithCurriculum(rows, CURRICULUM_SEED_IDEAS);
    problems.push(...drift.map((message) => ({ where: 'core/lessons/seed-ideas.ts', message })));
    if (drift.length === 0) notes.push(`curriculum.md: ${rows.length} seed-idea rows, all listed in core/lessons/seed-ideas.ts`);
  }
  // Samples and drafts (`_` folders) are checked but do not count as a home for an idea.
  return { packs, problems, warnings, notes, coverage: seedCoverage(packs.filter((p) => p.inCourse)) };
}
