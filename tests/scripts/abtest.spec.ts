import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readout, sampleSize, welch, type SrmResult } from '../../core/stats/index.ts';

/** `npm run abtest -- …` as an instructor runs it: a real Node 22 process, JSON on stdout, exit 2 and a message on bad input. */

let dir = '';

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['scripts/abtest.ts', ...args], { cwd: process.cwd() }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

async function json(...args: string[]): Promise<unknown> {
  const { code, stdout, stderr } = await cli(...args);
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return JSON.parse(stdout) as unknown;
}

async function file(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'datalit-abtest-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('abtest subcommands', () => {
  it('is the package script "abtest"', async () => {
    const pkg = JSON.parse(await readFile('package.json', 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.abtest).toBe('node scripts/abtest.ts');
  });

  it('compare prints the readout, SRM first: 200/2000 vs 250/2000 is significant → ship', async () => {
    const out = (await json('compare', '--control', '200/2000', '--treatment', '250/2000')) as ReturnType<typeof readout>;
    expect(Object.keys(out)).toEqual(['srm', 'effect', 'recommendation']);
    expect(out.srm).toMatchObject({ observed: [2000, 2000], mismatch: false });
    expect(out.effect?.absoluteDiff).toBeCloseTo(0.025, 12);
    expect(out.effect?.pValue).toBeCloseTo(0.01235, 5);
    expect(out.recommendation.decision).toBe('ship');
    expect(out).toEqual(
      readout({ control: { name: 'control', users: 2000, conversions: 200 }, treatment: { name: 'treatment', users: 2000, conversions: 250 }, plannedRatio: [0.5, 0.5], alpha: 0.05 }),
    );
  });

  it('compare takes --alpha, --ratio and --mde', async () => {
    const strict = (await json('compare', '--control', '200/2000', '--treatment', '250/2000', '--alpha', '0.01', '--mde', '0.04')) as ReturnType<typeof readout>;
    expect(strict.effect?.alpha).toBe(0.01);
    expect(strict.recommendation.decision).toBe('keep-running');
    expect(strict.recommendation.reasons.at(-1)).toMatchObject({ code: 'interval-includes-mde', params: { mde: 0.04 } });
    // The Hanbit reco widget's 1825 vs 1558 users: refused before any effect is read.
    const srm = (await json('compare', '--control', '592/1825', '--treatment', '534/1558', '--ratio', '0.5,0.5')) as ReturnType<typeof readout>;
    expect(srm.effect).toBeNull();
    expect(srm.recommendation.decision).toBe('invalid');
    expect(srm.srm.chiSquare).toBeCloseTo(21.073, 3);
  });

  it('sample-size: 10% baseline, +2 points, α 0.05, power 0.8 → 3,841 per arm; --relative, --split, --daily', async () => {
    const out = (await json('sample-size', '--baseline', '0.10', '--mde', '0.02', '--alpha', '0.05', '--power', '0.8')) as ReturnType<typeof sampleSize>;
    expect(out).toMatchObject({ control: 3841, treatment: 3841, total: 7682, days: null });
    expect(out.formula).toMatch(/normal approximation/);
    const rel = (await json('sample-size', '--baseline', '0.10', '--mde', '0.2', '--relative', '--split', '0.3', '--daily', '1000')) as ReturnType<typeof sampleSize>;
    expect(rel).toEqual(sampleSize({ baseline: 0.1, mde: 0.2, mdeType: 'relative', alpha: 0.05, power: 0.8, treatmentShare: 0.3, dailyTraffic: 1000 }));
    expect(rel.days).toBe(Math.ceil(rel.total / 1000));
  });

  it('srm: 5050 vs 4950 at 50/50 is no mismatch (χ² = 1, p = 0.3173); an even split is the default', async () => {
    const out = (await json('srm', '--observed', '5050,4950', '--ratio', '0.5,0.5')) as SrmResult;
    expect(out.chiSquare).toBeCloseTo(1, 12);
    expect(out.pValue).toBeCloseTo(0.317311, 6);
    expect(out.mismatch).toBe(false);
    expect(await json('srm', '--observed', '5050,4950')).toEqual(out);
    const three = (await json('srm', '--observed', '4200,2950,1900,950', '--ratio', '0.4,0.3,0.2,0.1')) as SrmResult;
    expect(three).toMatchObject({ df: 3, mismatch: true });
  });

  it('welch reads one number a line (blank lines and CRLF ignored)', async () => {
    const a = await file('a.txt', '1\n2\n\n3\n4\n5.5\n');
    const b = await file('b.txt', '2\r\n4\r\n6\r\n  8  \r\n10\r\n12.5\r\n\r\n');
    const out = (await json('welch', '--control-file', a, '--treatment-file', b)) as ReturnType<typeof welch>;
    expect(out).toEqual(welch([1, 2, 3, 4, 5.5], [2, 4, 6, 8, 10, 12.5]));
    expect(out.t).toBeCloseTo(2.2562235, 6); // scipy.stats.ttest_ind(b, a, equal_var=False)
    expect(out.df).toBeCloseTo(7.1966616, 6);
  });
});

describe('abtest bad input: a clear message on stderr, exit code 2, nothing on stdout', () => {
  async function fails(args: string[], message: RegExp): Promise<void> {
    const { code, stdout, stderr } = await cli(...args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
  }

  it('a count above its total', () => fails(['compare', '--control', '2001/2000', '--treatment', '250/2000'], /control has more conversions \(2001\) than users \(2000\)/));
  it('a ratio that does not sum to 1', () => fails(['srm', '--observed', '5050,4950', '--ratio', '0.5,0.6'], /planned shares must sum to 1 \(they sum to 1\.1\)/));
  it('a compare ratio that does not sum to 1', () => fails(['compare', '--control', '1/10', '--treatment', '1/10', '--ratio', '0.6,0.6'], /must sum to 1/));
  it('an empty file', async () => fails(['welch', '--control-file', await file('empty.txt', '\n\n'), '--treatment-file', await file('ok.txt', '1\n2\n')], /empty\.txt has no numbers/));
  it('a line that is not a number names its line', async () =>
    fails(['welch', '--control-file', await file('bad.txt', '1\n2\nabc\n'), '--treatment-file', await file('ok2.txt', '1\n2\n')], /bad\.txt line 3: 'abc' is not a number/));
  it('a file that does not exist', () => fails(['welch', '--control-file', join(dir, 'nope.txt'), '--treatment-file', join(dir, 'nope.txt')], /cannot read .*nope\.txt/));
  it('a single value (no variance)', async () => fails(['welch', '--control-file', await file('one.txt', '5\n'), '--treatment-file', await file('ok3.txt', '1\n2\n')], /at least 2 values/));
  it('an unknown subcommand', () => fails(['frobnicate'], /unknown command 'frobnicate'\nusage:/));
  it('no subcommand', () => fails([], /^usage:/));
  it('a missing flag', () => fails(['sample-size', '--mde', '0.02'], /--baseline is required/));
  it('a missing arm', () => fails(['compare', '--control', '200/2000'], /--treatment is required/));
  it('an unknown flag', () => fails(['srm', '--observed', '1,2', '--bogus', '3'], /Unknown option '--bogus'/));
  it('a malformed count', () => fails(['compare', '--control', '200-2000', '--treatment', '250/2000'], /--control must be conversions\/users/));
  it('a non-number', () => fails(['sample-size', '--baseline', 'ten', '--mde', '0.02'], /--baseline must be a number \(got 'ten'\)/));
  it('alpha outside (0, 1)', () => fails(['compare', '--control', '200/2000', '--treatment', '250/2000', '--alpha', '5'], /alpha must be between 0 and 1/));
  it('power outside (0, 1)', () => fails(['sample-size', '--baseline', '0.1', '--mde', '0.02', '--power', '80'], /power must be between 0 and 1/));
  it('a negative count', () => fails(['srm', '--observed', '10,-5'], /units in arm 2 must be a whole number ≥ 0/));
});
