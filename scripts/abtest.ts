import { readFile } from 'node:fs/promises';
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { readout, sampleSize, srmCheck, StatsInputError, welch } from '../core/stats/index.ts';

/**
 * `npm run abtest -- <command> …`: the A/B statistics of core/stats from the command line, for
 * instructors and tests. Prints one JSON document to stdout; a wrong call or impossible numbers
 * print a message to stderr and exit 2.
 *
 *   compare --control 200/2000 --treatment 250/2000 [--alpha 0.05] [--ratio 0.5,0.5] [--mde 0.01]
 *     The readout (core/stats readout): the sample-ratio check first, then the effect and the
 *     recommendation; counts are conversions/users.
 *   sample-size --baseline 0.10 --mde 0.02 [--relative] [--alpha 0.05] [--power 0.8] [--split 0.5] [--daily 1000]
 *     Users per arm (and days at the daily traffic); --split is the treatment's share.
 *   srm --observed 5050,4950 [--ratio 0.5,0.5]
 *     The sample-ratio-mismatch check (even split when --ratio is left out).
 *   welch --control-file a.txt --treatment-file b.txt [--alpha 0.05]
 *     Welch's t-test; one number a line, blank lines ignored.
 */

/** A subcommand: takes its arguments, prints its JSON. */
type Command = (args: string[]) => Promise<unknown>;

/** A mistake in how the command was called (exit code 2, with usage). */
class UsageError extends Error {}

const USAGE = `usage:
  npm run abtest -- compare --control CONV/USERS --treatment CONV/USERS [--alpha 0.05] [--ratio 0.5,0.5] [--mde 0.01]
  npm run abtest -- sample-size --baseline RATE --mde EFFECT [--relative] [--alpha 0.05] [--power 0.8] [--split 0.5] [--daily USERS]
  npm run abtest -- srm --observed N1,N2[,…] [--ratio R1,R2[,…]]
  npm run abtest -- welch --control-file FILE --treatment-file FILE [--alpha 0.05]`;

/** A number given on the command line (the whole text must be one). */
function numberFlag(value: string | undefined, flag: string, fallback?: number): number {
  if (value === undefined) {
    if (fallback === undefined) throw new UsageError(`--${flag} is required`);
    return fallback;
  }
  const n = Number(value.trim());
  if (value.trim() === '' || !Number.isFinite(n)) throw new UsageError(`--${flag} must be a number (got '${value}')`);
  return n;
}

/** A comma-separated list of numbers. */
function listFlag(value: string | undefined, flag: string): number[] {
  if (value === undefined) throw new UsageError(`--${flag} is required`);
  return value.split(',').map((part) => numberFlag(part, flag));
}

/** conversions/users, e.g. 200/2000. */
function armFlag(value: string | undefined, flag: string): { name: string; users: number; conversions: number } {
  if (value === undefined) throw new UsageError(`--${flag} is required (conversions/users, e.g. 200/2000)`);
  const match = /^\s*([^/]+)\/([^/]+)\s*$/.exec(value);
  if (!match) throw new UsageError(`--${flag} must be conversions/users, e.g. 200/2000 (got '${value}')`);
  return { name: flag, conversions: numberFlag(match[1], flag), users: numberFlag(match[2], flag) };
}

function parse(args: string[], options: ParseArgsOptionsConfig): Record<string, string | boolean | undefined> {
  try {
    return parseArgs({ args, options, allowPositionals: false, strict: true }).values as Record<string, string | boolean | undefined>;
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

const compare: Command = async (args) => {
  const v = parse(args, { control: { type: 'string' }, treatment: { type: 'string' }, alpha: { type: 'string' }, ratio: { type: 'string' }, mde: { type: 'string' } });
  const control = armFlag(v.control as string | undefined, 'control');
  const treatment = armFlag(v.treatment as string | undefined, 'treatment');
  const ratio = v.ratio === undefined ? [0.5, 0.5] : listFlag(v.ratio as string, 'ratio');
  if (ratio.length !== 2) throw new UsageError(`--ratio takes two shares, control and treatment (got ${ratio.length})`);
  return readout({
    control,
    treatment,
    plannedRatio: [ratio[0] as number, ratio[1] as number],
    alpha: numberFlag(v.alpha as string | undefined, 'alpha', 0.05),
    mde: v.mde === undefined ? undefined : numberFlag(v.mde as string, 'mde'),
  });
};

const sampleSizeCommand: Command = async (args) => {
  const v = parse(args, {
    baseline: { type: 'string' },
    mde: { type: 'string' },
    relative: { type: 'boolean' },
    alpha: { type: 'string' },
    power: { type: 'string' },
    split: { type: 'string' },
    daily: { type: 'string' },
  });
  return sampleSize({
    baseline: numberFlag(v.baseline as string | undefined, 'baseline'),
    mde: numberFlag(v.mde as string | undefined, 'mde'),
    mdeType: v.relative ? 'relative' : 'absolute',
    alpha: numberFlag(v.alpha as string | undefined, 'alpha', 0.05),
    power: numberFlag(v.power as string | undefined, 'power', 0.8),
    treatmentShare: numberFlag(v.split as string | undefined, 'split', 0.5),
    dailyTraffic: v.daily === undefined ? undefined : numberFlag(v.daily as string, 'daily'),
  });
};

const srm: Command = async (args) => {
  const v = parse(args, { observed: { type: 'string' }, ratio: { type: 'string' } });
  const observed = listFlag(v.observed as string | undefined, 'observed');
  const ratio = v.ratio === undefined ? observed.map(() => 1 / observed.length) : listFlag(v.ratio as string, 'ratio');
  return srmCheck(observed, ratio);
};

/** The numbers of a file, one a line (blank lines ignored); a line that is not a number is named. */
async function numbersFile(path: string | undefined, flag: string): Promise<number[]> {
  if (path === undefined) throw new UsageError(`--${flag} is required`);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const values: number[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const s = line.trim();
    if (s === '') return;
    const n = Number(s);
    if (!Number.isFinite(n)) throw new UsageError(`${path} line ${i + 1}: '${s}' is not a number`);
    values.push(n);
  });
  if (values.length === 0) throw new UsageError(`${path} has no numbers (one number a line)`);
  return values;
}

const welchCommand: Command = async (args) => {
  const v = parse(args, { 'control-file': { type: 'string' }, 'treatment-file': { type: 'string' }, alpha: { type: 'string' } });
  const control = await numbersFile(v['control-file'] as string | undefined, 'control-file');
  const treatment = await numbersFile(v['treatment-file'] as string | undefined, 'treatment-file');
  return welch(control, treatment, numberFlag(v.alpha as string | undefined, 'alpha', 0.05));
};

/** The subcommands; another one is one more entry here. */
export const COMMANDS: Record<string, Command> = { compare, 'sample-size': sampleSizeCommand, srm, welch: welchCommand };

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    process.stderr.write(`${name ? `unknown command '${name}'\n` : ''}${USAGE}\n`);
    return 2;
  }
  try {
    process.stdout.write(`${JSON.stringify(await command(rest), null, 2)}\n`);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`${e.message}\n${USAGE}\n`);
      return 2;
    }
    if (e instanceof StatsInputError) {
      process.stderr.write(`These numbers cannot be an experiment: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await main(process.argv.slice(2));
