import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** `npm run quality -- …` as an instructor runs it: a real process on the bundled data. */

const ROOT = join(import.meta.dirname, '..', '..');
const DIR = mkdtempSync(join(tmpdir(), 'quality-cli-'));

function file(name: string, text: string): string {
  const path = join(DIR, name);
  writeFileSync(path, text);
  return path;
}

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['scripts/quality.ts', ...args], { cwd: ROOT, maxBuffer: 32 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

const PAYMENTS = `checks for hanbit-prod.payments:
  time column: paid_at
  checks:
    - duplicate_count(order_id) = 0
    - row_count > 0
`;
const HEALTHY = `checks for hanbit-prod.orders:
  - row_count between 100 and 100000
  - missing_count(customer_id) = 0
`;

describe('npm run quality', () => {
  it('run prints a line per check and the failing rows, and exits 1 when a check fails', async () => {
    const r = await cli('run', file('payments.yml', PAYMENTS));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^outcome\s+value\s+failing\s+line\s+check/m);
    expect(r.stdout).toMatch(/^FAIL\s+86\s+86\s+4\s+hanbit-prod\/payments\/1\s+duplicate_count\(order_id\) = 0$/m);
    expect(r.stdout).toMatch(/^PASS\s+19,570\s+0\s+5\s/m);
    expect(r.stdout).toMatch(/^\s+order_id\s+rows$/m);
    expect(r.stdout).toContain('1 passed, 0 warned, 1 failed, 0 errors');
  }, 120_000);

  it('exits 0 when every check passes; --as-of runs as of a day; --lang ko speaks Korean; --json is the run', async () => {
    expect((await cli('run', file('healthy.yml', HEALTHY))).code).toBe(0);
    const early = await cli('run', file('payments2.yml', PAYMENTS), '--as-of', '2024-07-03', '--json');
    const run = JSON.parse(early.stdout) as { asOf: string; results: { outcome: string; value: number }[] };
    expect(run.asOf).toBe('2024-07-03');
    expect(run.results.map((x) => x.outcome)).toEqual(['pass', 'pass']);
    expect(early.code).toBe(0);
    const ko = await cli('run', file('payments3.yml', PAYMENTS), '--lang', 'ko');
    expect(ko.stdout).toContain('값이 86입니다.');
  }, 120_000);

  it('history prints every check over the 549 days with the day it broke', async () => {
    const r = await cli('history', file('payments4.yml', PAYMENTS));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('2024-07-01 … 2025-12-31 (549 days');
    const line = r.stdout.split('\n').find((l) => l.startsWith('hanbit-prod/payments/1')) ?? '';
    const [, pass, warn, fail, error, broke] = line.split(/\s+/);
    expect(Number(pass) + Number(warn) + Number(fail) + Number(error)).toBe(549);
    expect(broke).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const json = JSON.parse((await cli('history', file('payments5.yml', PAYMENTS), '--json')).stdout) as { brokeOn: Record<string, string | null> };
    expect(json.brokeOn['hanbit-prod/payments/1']).toBe(broke);
    expect(json.brokeOn['hanbit-prod/payments/2']).toBeNull();
  }, 120_000);

  it('history: a check failing from its table’s first rows (no refunds on the first day) is "start", not broken on the second day', async () => {
    const refunds = `checks for hanbit-prod.refunds:
  time column: refunded_at
  checks:
    - failed rows:
        name: refunded
        fail query: SELECT order_id, MIN(refunded_at) AS refunded_at FROM refunds GROUP BY order_id
`;
    const r = await cli('history', file('refunds.yml', refunds));
    const line = r.stdout.split('\n').find((l) => l.startsWith('refunded')) ?? '';
    expect(line.split(/\s+/)[5]).toBe('start(2024-07-02)');
    expect(r.stdout).toContain('start(day): failing from the day its table had its first rows');
    const json = JSON.parse((await cli('history', file('refunds2.yml', refunds), '--json')).stdout) as { brokeOn: Record<string, string | null>; failingSince: Record<string, string | null> };
    expect(json.brokeOn['refunded']).toBeNull();
    expect(json.failingSince['refunded']).toBe('2024-07-02');
    const ko = await cli('history', file('refunds3.yml', refunds), '--lang', 'ko');
    expect(ko.stdout).toContain('처음부터(2024-07-02)');
  }, 120_000);

  it('a problem in the file is printed with its line and exits 2; so does bad input', async () => {
    const bad = await cli('run', file('bad.yml', 'checks for hanbit-prod.orders:\n  - row_count > 0\n  - missing_count(nope) = 0\n'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad\.yml:3: The table 'orders' has no column 'nope'/);
    expect(bad.stdout).toBe('');
    expect((await cli('run', join(DIR, 'missing.yml'))).code).toBe(2);
    expect((await cli('run', file('x.yml', HEALTHY), '--as-of', 'yesterday')).stderr).toMatch(/--as-of must be a day/);
    expect((await cli('frobnicate', 'x.yml')).code).toBe(2);
  }, 120_000);
});
