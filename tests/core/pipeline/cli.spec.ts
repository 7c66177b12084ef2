import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import initSqlJs from 'sql.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** `npm run pipeline -- run …` as an instructor runs it: a real process on a pipeline file in a temp folder. */

let dir = '';

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['scripts/pipeline.ts', ...args], { cwd: process.cwd() }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

function lines(stdout: string): Record<string, unknown>[] {
  return stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'datalit-pipeline-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('pipeline run', () => {
  it('runs the sample spend pipeline for a day, prints one JSON line per task and writes the database', async () => {
    const file = join(dir, 'spend.pipeline.json');
    await writeFile(file, await readFile('tests/fixtures/pipelines/spend.pipeline.json'));
    const out = join(dir, 'out.sqlite');
    const { code, stdout } = await cli('run', file, '--ds', '2025-03-01', '--db', out);
    expect(code).toBe(0);
    const printed = lines(stdout);
    expect(printed.map((l) => [l.task, l.state])).toEqual([
      ['extract_spend', 'success'],
      ['clean_spend', 'success'],
      ['load_spend', 'success'],
    ]);
    expect(Object.keys(printed[0] ?? {})).toEqual(['run', 'ds', 'task', 'state', 'rowsRead', 'rowsWritten', 'rowsQuarantined', 'ms']);
    const SQL = await initSqlJs();
    const db = new SQL.Database(await readFile(out));
    const [count, months, bad] = db.exec(
      "SELECT count(*), count(DISTINCT substr(spend_date, 1, 7)), sum(spend_date NOT GLOB '2025-03-[0-3][0-9]') FROM marketing_spend",
    )[0]?.values[0] ?? [];
    expect(count).toBe(printed[2]?.rowsWritten);
    expect(Number(count)).toBeGreaterThan(100);
    expect([months, bad]).toEqual([1, 0]);
    db.close();
  }, 60000);

  it('backfills with --from/--to (one run per day) and exits 1 when a task fails', async () => {
    const file = join(dir, 'failing.pipeline.json');
    await writeFile(
      file,
      JSON.stringify({
        formatVersion: 1,
        id: 'failing',
        database: 'hanbit-warehouse-empty',
        tasks: [
          { id: 'ok', kind: 'sql', sql: "CREATE TABLE IF NOT EXISTS days (d TEXT); INSERT INTO days VALUES ('{{ ds }}');" },
          { id: 'bad', kind: 'sql', sql: 'SELECT * FROM no_such_table;' },
          { id: 'after', kind: 'sql', sql: 'SELECT 1;' },
        ],
        edges: [{ from: 'bad', to: 'after' }],
      }),
    );
    const { code, stdout } = await cli('run', file, '--from', '2025-03-01', '--to', '2025-03-02');
    expect(code).toBe(1);
    const printed = lines(stdout);
    expect(printed.map((l) => [l.ds, l.task, l.state])).toEqual([
      ['2025-03-01', 'ok', 'success'],
      ['2025-03-01', 'bad', 'failed'],
      ['2025-03-01', 'after', 'upstream_failed'],
      ['2025-03-02', 'ok', 'success'],
      ['2025-03-02', 'bad', 'failed'],
      ['2025-03-02', 'after', 'upstream_failed'],
    ]);
    expect(printed[1]?.error).toMatch(/no such table: no_such_table/);
  }, 60000);

  it('explains a bad file with the paths of its problems (exit 2)', async () => {
    const file = join(dir, 'bad.pipeline.json');
    await writeFile(file, JSON.stringify({ formatVersion: 1, id: 'bad', database: 'x', tasks: [{ id: 'a', kind: 'extract', path: 'a.csv', source: { format: 'xml' }, target: 't' }] }));
    const bad = await cli('run', file, '--ds', '2025-03-01');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/tasks\.0\.source\.format/);
    const usage = await cli('run');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/usage:/);
  }, 60000);
});
