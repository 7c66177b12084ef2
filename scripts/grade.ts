/**
 * The command-line grader for instructors and tests. Usage:
 *   node scripts/grade.ts <lesson-id> <step-id> <answer-file> [--lang ko|en] [--details]
 * Prints a JSON verdict { pass, messages, codes } (with --details also expected/actual) and exits
 * 0 whether or not the answer passed; 2 for usage errors, an unknown lesson or step, or an
 * unreadable file. The answer file holds SQL (query, build), a metric's SQL template (metric),
 * choice ids (first line; the rest is the reason), a number, an experiment step's JSON
 * ({ "sql": "…", "decision": "ship", "reasons": ["…"] }), a saved pipeline (.pipeline.json) or a
 * model project's JSON ({ "files": { path: text } }) or its folder.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gradeStepTextAsync } from '../core/grading/grade-step.ts';
import { formatMessage } from '../core/grading/messages.ts';
import { loadLessons } from '../core/lessons/load.ts';
import type { Lang } from '../core/lessons/localized.ts';
import { createGradingEngine, loadDatasets, loadLakes } from './lib/datasets.ts';
import { readLessonFiles } from './lib/lesson-files.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const USAGE = 'usage: npm run grade -- <lesson-id> <step-id> <answer-file> [--lang ko|en] [--details]';

/** Every file of a project folder by its path relative to the folder (dot files and target/ left out). */
function readProjectFolder(dir: string): { files: Record<string, string> } {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/');
    if (path.split('/').some((s) => s.startsWith('.')) || path.startsWith('target/')) continue;
    files[path] = readFileSync(join(entry.parentPath, entry.name), 'utf8');
  }
  return { files };
}

/** A usage problem: printed with the usage line, exit code 2. */
class UsageError extends Error {}

function parseArgs(argv: string[]): { lessonId: string; stepId: string; file: string; lang: Lang; details: boolean } {
  const positional: string[] = [];
  let lang: Lang = 'en';
  let details = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--lang') {
      const value = argv[++i];
      if (value !== 'ko' && value !== 'en') throw new UsageError('--lang takes ko or en');
      lang = value;
    } else if (arg === '--details') {
      details = true;
    } else if (arg.startsWith('--')) {
      throw new UsageError(`unknown option ${arg}`);
    } else {
      positional.push(arg);
    }
  }
  const [lessonId, stepId, file] = positional;
  if (positional.length !== 3 || !lessonId || !stepId || !file) throw new UsageError('expected three arguments');
  return { lessonId, stepId, file, lang, details };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  let answer: string;
  try {
    const path = resolve(process.cwd(), args.file);
    // A folder is a model project (dbt layout): its files become the answer's { files }.
    answer = statSync(path).isDirectory() ? JSON.stringify(readProjectFolder(path)) : readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${args.file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const { packs, refused } = loadLessons(readLessonFiles(join(ROOT, 'lessons')));
  const pack = packs.find((p) => p.lesson.id === args.lessonId);
  if (!pack) {
    const broken = refused.find((r) => r.folder.endsWith(`/${args.lessonId}`));
    throw new UsageError(
      broken
        ? `lesson '${args.lessonId}' is broken: ${broken.reason}`
        : `unknown lesson '${args.lessonId}' (known: ${packs.map((p) => p.lesson.id).join(', ')})`,
    );
  }
  const step = pack.lesson.steps.find((s) => s.id === args.stepId);
  if (!step)
    throw new UsageError(
      `lesson '${args.lessonId}' has no step '${args.stepId}' (steps: ${pack.lesson.steps.map((s) => s.id).join(', ')})`,
    );
  const datasets = await loadDatasets(ROOT);
  const verdict = await gradeStepTextAsync(pack.lesson, step, answer, {
    engine: await createGradingEngine(),
    databases: datasets.provider,
    lakes: loadLakes(ROOT),
  });
  const output = {
    pass: verdict.pass,
    messages: verdict.messages.map((m) => formatMessage(m, args.lang)),
    codes: verdict.messages.map((m) => m.code),
    ...(args.details ? { details: verdict.messages, expected: verdict.expected, actual: verdict.actual } : {}),
  };
  console.log(JSON.stringify(output, null, 2));
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`grade: ${message}`);
  if (error instanceof UsageError) console.error(USAGE);
  process.exitCode = 2;
});
