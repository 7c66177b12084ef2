/**
 * `npm test`: unit tests (Vitest), then the end-to-end tests (Playwright), then one closing
 * line with the totals of both. Stops with a non-zero exit code if either fails.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

// Not test-results/: Playwright empties that folder when it starts.
const OUT = '.test-reports';
mkdirSync(OUT, { recursive: true });
const run = (cmd: string, args: string[], env: Record<string, string> = {}) =>
  spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;

rmSync(`${OUT}/unit.json`, { force: true });
rmSync(`${OUT}/e2e.json`, { force: true });

// Content tests grade lessons against the bundled datasets: build them first if missing.
const datasetsStatus = run('npm', ['run', 'datasets:ensure']);
if (datasetsStatus !== 0) process.exit(datasetsStatus);

const unitStatus = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${OUT}/unit.json`]);
const e2eStatus = unitStatus === 0 ? run('npm', ['run', 'test:e2e'], { DATALIT_E2E_JSON: `${OUT}/e2e.json` }) : 1;

function read<T>(file: string): T | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return null;
  }
}
const unit = read<{ numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number }>(`${OUT}/unit.json`);
const e2e = read<{ stats: { expected: number; unexpected: number; skipped: number; flaky: number } }>(`${OUT}/e2e.json`);
const passed = (unit?.numPassedTests ?? 0) + (e2e ? e2e.stats.expected + e2e.stats.flaky : 0);
const failed =
  (unit?.numFailedTests ?? 0) + (e2e?.stats.unexpected ?? 0) + (unitStatus !== 0 && !unit ? 1 : 0) + (e2eStatus !== 0 && !e2e ? 1 : 0);
const skipped = (unit ? unit.numPendingTests + unit.numTodoTests : 0) + (e2e?.stats.skipped ?? 0);
console.log(
  `\nunit: ${unit ? `${unit.numPassedTests} passed, ${unit.numFailedTests} failed` : 'no report'}; end-to-end: ${e2e ? `${e2e.stats.expected} passed, ${e2e.stats.unexpected} failed, ${e2e.stats.skipped} skipped` : unitStatus === 0 ? 'no report' : 'not run (unit tests failed)'}`,
);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(unitStatus !== 0 ? unitStatus : e2eStatus);
