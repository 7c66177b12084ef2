/**
 * Checks every lesson under lessons/ (see core/lessons/check.ts for the list of checks) and that
 * no stray file sits among them, compares the seed ideas with docs/curriculum.md, prints a report
 * with the seed-idea coverage table, and exits 1 on any problem. Usage:
 *   node scripts/lessons-check.ts
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkLessonsAsync } from '../core/lessons/check.ts';
import { formatCheckReport } from './lib/check-report.ts';
import { createGradingEngine, loadDatasets, loadLakes, loadPlantedProblems } from './lib/datasets.ts';
import { readLessonFiles, strayFileProblems } from './lib/lesson-files.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The curriculum map the seed-idea list is compared with. */
const CURRICULUM = join(ROOT, 'docs', 'curriculum.md');

async function main(): Promise<void> {
  if (process.argv.length > 2) throw new Error(`unexpected argument(s): ${process.argv.slice(2).join(' ')}`);
  const started = performance.now();
  const datasets = await loadDatasets(ROOT);
  const lessons = join(ROOT, 'lessons');
  const report = await checkLessonsAsync(readLessonFiles(lessons), {
    engine: await createGradingEngine(),
    databases: datasets.provider,
    lakes: loadLakes(ROOT),
    plantedProblems: loadPlantedProblems(ROOT),
    databaseIds: datasets.ids,
    // Part of the repository: a missing map is an error, not a reason to skip the comparison.
    curriculum: readFileSync(CURRICULUM, 'utf8'),
  });
  report.problems.push(...strayFileProblems(lessons));
  report.notes.unshift(...datasets.notes);
  console.log(formatCheckReport(report));
  console.log(`(${((performance.now() - started) / 1000).toFixed(2)} s)`);
  if (report.problems.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(`lessons:check: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
