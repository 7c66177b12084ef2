/**
 * Quality checks headless (instructors, tests, CI): the same core as the app's Quality tab
 * (core/governance/quality on sql.js), on the bundled databases and lake.
 *
 *   npm run quality -- run <file.yml> [--as-of YYYY-MM-DD] [--variant] [--lang ko|en] [--json]
 *   npm run quality -- history <file.yml> [--variant] [--lang ko|en] [--json]
 *
 * `run` prints one line per check (outcome, value, failing rows, the check and its line) and the
 * first failing rows of each check that did not pass; `history` prints, per check, its outcome on
 * each simulated day as a strip (. pass, w warn, F fail, ! error), how many days each, and the day it
 * broke. `--variant` runs on the hidden variant's data; `--json` prints the result as JSON.
 * Exit codes: 0 every check passed or warned, 1 a check failed or errored (on the whole data, or
 * on the last day of the history), 2 bad input (no such file, a problem in the check file: each
 * printed with its line).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Localized } from '../core/datasets/catalog.ts';
import { runQualityFile, runQualityHistory } from '../core/governance/quality/run.ts';
import type { CheckOutcome, CheckResult } from '../core/governance/types.ts';
import { nodeQualitySources } from './lib/node-quality.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const USAGE = `usage:
  npm run quality -- run <file.yml> [--as-of YYYY-MM-DD] [--variant] [--lang ko|en] [--json]
  npm run quality -- history <file.yml> [--variant] [--lang ko|en] [--json]`;

/** Bad input: the message goes to stderr and the exit code is 2. */
class UsageError extends Error {}

interface Args {
  command: 'run' | 'history';
  file: string;
  asOf: string | null;
  variant: boolean;
  lang: 'ko' | 'en';
  json: boolean;
}

function parseArgs(argv: string[]): Args {
  const positional: string[] = [];
  let asOf: string | null = null;
  let variant = false;
  let lang: 'ko' | 'en' = 'en';
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const [flag, inline] = a.split(/=(.*)/s, 2) as [string, string | undefined];
    if (flag === '--as-of' || flag === '--lang') {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new UsageError(`${flag} needs a value`);
      if (flag === '--as-of') {
        if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new UsageError(`--as-of must be a day YYYY-MM-DD, not '${value}'`);
        asOf = value;
      } else {
        if (value !== 'ko' && value !== 'en') throw new UsageError(`--lang must be ko or en, not '${value}'`);
        lang = value;
      }
    } else if (a === '--variant') variant = true;
    else if (a === '--json') json = true;
    else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
    else positional.push(a);
  }
  const [command, file] = positional;
  if (command !== 'run' && command !== 'history') throw new UsageError(command ? `unknown command '${command}'` : 'name a command');
  if (file === undefined || positional.length > 2) throw new UsageError('name one check file (.yml)');
  if (command === 'history' && asOf !== null) throw new UsageError('--as-of is for run; history covers every day');
  return { command, file, asOf, variant, lang, json };
}

const MARK: Record<CheckOutcome, string> = { pass: '.', warn: 'w', fail: 'F', error: '!' };

/** Columns a text takes in a terminal: Hangul and other wide characters take two. */
function width(text: string): number {
  let n = 0;
  for (const ch of text) n += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return n;
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => width(r[i] ?? '')))) ?? [];
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c + ' '.repeat(Math.max(0, (widths[i] ?? 0) - width(c))))).join('  ')).join('\n');
}

function valueText(r: CheckResult): string {
  if (r.value === null) return '-';
  return r.check.type === 'freshness' ? `${r.value.toFixed(1)}h` : r.value.toLocaleString('en-US');
}

async function main(): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`${e.message}\n${USAGE}\n`);
      return 2;
    }
    throw e;
  }
  if (!existsSync(args.file)) {
    process.stderr.write(`no such file: ${args.file}\n`);
    return 2;
  }
  const yaml = readFileSync(args.file, 'utf8');
  const sources = await nodeQualitySources(join(ROOT, 'public', 'datasets', ...(args.variant ? ['variants'] : [])));
  const say = (m: Localized | null): string => (m ? m[args.lang] : '');
  const printProblems = (problems: { line: number; message: Localized }[]): number => {
    for (const p of problems) process.stderr.write(`${args.file}:${p.line}: ${say(p.message)}\n`);
    return 2;
  };
  try {
    if (args.command === 'run') {
      const run = await runQualityFile(yaml, sources, { asOf: args.asOf });
      if (run.problems.length > 0) {
        if (args.json) process.stdout.write(`${JSON.stringify(run, null, 2)}\n`);
        return printProblems(run.problems);
      }
      if (args.json) process.stdout.write(`${JSON.stringify(run, null, 2)}\n`);
      else {
        const head = args.lang === 'ko' ? ['결과', '값', '실패 행', '줄', '검사'] : ['outcome', 'value', 'failing', 'line', 'check'];
        const rows = run.results.map((r) => [r.outcome.toUpperCase(), valueText(r), r.failingCount.toLocaleString('en-US'), String(r.check.line), `${r.check.id}  ${r.check.text}`]);
        process.stdout.write(`${table([head, ...rows])}\n`);
        for (const r of run.results.filter((x) => x.outcome !== 'pass')) {
          process.stdout.write(`\n${r.outcome.toUpperCase()} ${r.check.id} (line ${r.check.line}): ${say(r.message)}\n`);
          if (r.failingRows.rows.length > 0) {
            const shown = r.failingRows.rows.slice(0, 5).map((row) => row.map((c) => (c === null ? 'NULL' : String(c).slice(0, 40))));
            process.stdout.write(`${table([r.failingRows.columns, ...shown]).replace(/^/gm, '    ')}\n`);
            if (r.failingRows.rows.length > 5) process.stdout.write(`    … ${r.failingCount - 5} more\n`);
          }
        }
        const count = (o: CheckOutcome): number => run.results.filter((r) => r.outcome === o).length;
        const asOf = run.asOf !== null ? ` as of ${run.asOf}` : '';
        process.stdout.write(`\n${count('pass')} passed, ${count('warn')} warned, ${count('fail')} failed, ${count('error')} errors${asOf} (${run.elapsedMs} ms)\n`);
      }
      return run.results.some((r) => r.outcome === 'fail' || r.outcome === 'error') ? 1 : 0;
    }
    const history = await runQualityHistory(yaml, sources, {
      onProgress: (done, total) => {
        if (process.stderr.isTTY) process.stderr.write(`\r${done}/${total} checks`);
      },
    });
    if (process.stderr.isTTY) process.stderr.write('\r');
    if (history.problems.length > 0) return printProblems(history.problems);
    if (args.json) process.stdout.write(`${JSON.stringify(history, null, 2)}\n`);
    else {
      const head = args.lang === 'ko' ? ['검사', '통과', '경고', '실패', '오류', '깨진 날', '날마다(. w F !)'] : ['check', 'pass', 'warn', 'fail', 'error', 'broke on', 'by day (. w F !)'];
      const rows = Object.entries(history.outcomes).map(([id, points]) => {
        const n = (o: CheckOutcome): string => String(points.filter((p) => p.outcome === o).length);
        // One mark a week keeps the strip readable: the week's worst outcome.
        const weeks: string[] = [];
        for (let i = 0; i < points.length; i += 7) {
          const week = points.slice(i, i + 7).map((p) => p.outcome);
          const worst = (['error', 'fail', 'warn', 'pass'] as const).find((o) => week.includes(o)) ?? 'pass';
          weeks.push(MARK[worst]);
        }
        // Failing from the table's first rows is not a break: said apart, with the day the rows began.
        const since = history.failingSince?.[id] ?? null;
        const broke = history.brokeOn[id] ?? (since ? (args.lang === 'ko' ? `처음부터(${since})` : `start(${since})`) : '-');
        return [id, n('pass'), n('warn'), n('fail'), n('error'), broke, weeks.join('')];
      });
      process.stdout.write(`${history.days[0] ?? ''} … ${history.days.at(-1) ?? ''} (${history.days.length} days; one mark a week)\n${table([head, ...rows])}\n`);
      if (Object.values(history.failingSince ?? {}).some((d) => d !== null)) {
        process.stdout.write(
          args.lang === 'ko'
            ? '\n처음부터(날짜): 테이블에 첫 행이 생긴 그날부터 실패한 검사입니다. 깨진 것이 아니라 처음부터 있던 문제입니다(행이 없는 날은 근거가 되지 않습니다).\n'
            : '\nstart(day): failing from the day its table had its first rows: not a break, the problem was there from the start (a day with no rows is no evidence).\n',
        );
      }
    }
    return Object.values(history.outcomes).some((points) => {
      const last = points.at(-1)?.outcome;
      return last === 'fail' || last === 'error';
    })
      ? 1
      : 0;
  } finally {
    sources.close();
  }
}

process.exitCode = await main();
