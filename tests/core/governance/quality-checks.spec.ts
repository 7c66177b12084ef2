import initSqlJs, { type Database } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCheckFile, parseThreshold, satisfies } from '../../../core/governance/quality/format.ts';
import { runQualityFile, runQualityHistory, type QualitySources } from '../../../core/governance/quality/run.ts';
import type { CheckResult, QualityRun } from '../../../core/governance/types.ts';

/*
 * Every check type on a small database whose answers can be counted by hand: NULLs, blanks,
 * boundaries (between is inclusive), warn against fail thresholds, errors, the file's problems
 * with their lines, and the history over days with the day a check broke.
 */

let db: Database;
let sources: QualitySources;

beforeAll(async () => {
  const SQL = await initSqlJs();
  db = new SQL.Database();
  db.exec(`
    CREATE TABLE people (id INTEGER PRIMARY KEY, email TEXT, age INTEGER, status TEXT, team_id INTEGER, joined TEXT);
    CREATE TABLE teams (team_id INTEGER PRIMARY KEY, name TEXT);
    INSERT INTO teams VALUES (1, 'a'), (2, 'b');
    INSERT INTO people VALUES
      (1, 'a@x.kr',  30, 'active',  1, '2025-01-01 09:00:00'),
      (2, NULL,      40, 'active',  1, '2025-01-01 10:00:00'),
      (3, '',        NULL, 'paused', 2, '2025-01-02 11:00:00'),
      (4, 'a@x.kr',  17, 'gone',    3, '2025-01-03 12:00:00'),
      (5, 'not-mail', 65, NULL,     NULL, '2025-01-03 13:00:00'),
      (6, 'b@x.kr',  18, 'active',  1, '2025-01-05 08:00:00');
  `);
  sources = {
    database: (id) => (id === 'test' ? db : null),
    lake: { table: () => Promise.reject(new Error('no lake in this test')) },
    period: { from: '2025-01-01', to: '2025-01-06' },
  };
});

async function run(checks: string, asOf: string | null = null): Promise<QualityRun> {
  return runQualityFile(`checks for test.people:\n  time column: joined\n  checks:\n${checks}`, sources, { asOf });
}

async function only(checks: string, asOf: string | null = null): Promise<CheckResult> {
  const r = await run(checks, asOf);
  expect(r.problems).toEqual([]);
  expect(r.results).toHaveLength(1);
  return r.results[0] as CheckResult;
}

describe('check types', () => {
  it('row_count: between is inclusive at both ends', async () => {
    expect((await only('    - row_count between 6 and 10')).outcome).toBe('pass');
    expect((await only('    - row_count between 1 and 6')).outcome).toBe('pass');
    const over = await only('    - row_count between 1 and 5');
    expect(over).toMatchObject({ outcome: 'fail', value: 6, failingCount: 0 });
    expect((await only('    - row_count not between 1 and 5')).outcome).toBe('pass');
  });

  it('missing_count counts NULL only, and blanks only when missing values says so', async () => {
    const nulls = await only('    - missing_count(email) = 0');
    expect(nulls).toMatchObject({ outcome: 'fail', value: 1, failingCount: 1 });
    expect(nulls.failingRows.columns).toEqual(['id', 'email', 'joined']);
    expect(nulls.failingRows.rows).toEqual([[2, null, '2025-01-01 10:00:00']]);
    const blanks = await only("    - missing_count(email) = 0:\n        missing values: ['']");
    expect(blanks.value).toBe(2);
    expect(blanks.failingRows.rows.map((r) => r[0])).toEqual([2, 3]);
  });

  it('invalid_count ignores NULLs and missing values, as SodaCL does', async () => {
    // age: NULL (id 3) is not invalid; 17 is below the min; 65 is the max itself (valid).
    const range = await only('    - invalid_count(age) = 0:\n        valid min: 18\n        valid max: 65');
    expect(range).toMatchObject({ value: 1, failingCount: 1 });
    expect(range.failingRows.rows.map((r) => r[0])).toEqual([4]);
    // status: NULL (id 5) ignored; 'gone' is not accepted.
    const values = await only('    - invalid_count(status) = 0:\n        valid values: [active, paused]');
    expect(values.value).toBe(1);
    // e-mail format: '' and 'not-mail' are invalid, NULL is not; with '' declared missing only 'not-mail'.
    expect((await only('    - invalid_count(email) = 0:\n        valid format: email')).value).toBe(2);
    expect((await only("    - invalid_count(email) = 0:\n        valid format: email\n        missing values: ['']")).value).toBe(1);
    expect((await only("    - invalid_count(email) = 0:\n        invalid values: ['a@x.kr']")).value).toBe(2);
    expect((await only("    - invalid_count(email) = 0:\n        valid regex: '@x\\.kr$'")).value).toBe(2);
  });

  it('duplicate_count counts the extra rows, leaving NULLs out, and shows each duplicated value', async () => {
    const dup = await only('    - duplicate_count(email) = 0');
    expect(dup).toMatchObject({ value: 1, failingCount: 1 });
    expect(dup.failingRows).toEqual({ columns: ['email', 'rows'], rows: [['a@x.kr', 2]] });
    // status: active ×3 → 2 extra rows; NULL is never a duplicate.
    expect((await only('    - duplicate_count(status) = 0')).value).toBe(2);
    // Several columns: the combination repeats (active, team 1) ×3 → 2; (e-mail, team) never repeats.
    expect((await only('    - duplicate_count(status, team_id) = 0')).value).toBe(2);
    expect((await only('    - duplicate_count(email, team_id) = 0')).value).toBe(0);
  });

  it('freshness is measured from the end of the as-of day (or of the dataset)', async () => {
    // Newest row 2025-01-05 08:00; the dataset ends 2025-01-06 → now 2025-01-07 00:00 → 40 h.
    const whole = await only('    - freshness(joined) < 1d');
    expect(whole).toMatchObject({ outcome: 'fail', value: 40 });
    expect(whole.failingRows.columns).toEqual(['newest', 'now', 'hours']);
    expect((await only('    - freshness(joined) < 2d')).outcome).toBe('pass');
    // As of 2025-01-03: newest row 2025-01-03 13:00, now 2025-01-04 00:00 → 11 h; a day later 35 h.
    expect(await only('    - freshness(joined) < 12h', '2025-01-03')).toMatchObject({ outcome: 'pass', value: 11 });
    expect(await only('    - freshness(joined) < 12h', '2025-01-04')).toMatchObject({ outcome: 'fail', value: 35 });
  });

  it('relationships (SodaCL reference check and dbt) count rows whose value has no parent; NULL is not checked', async () => {
    const soda = await only('    - values in (team_id) must exist in teams (team_id)');
    expect(soda).toMatchObject({ outcome: 'fail', value: 1 });
    expect(soda.failingRows.rows).toEqual([[4, 3, '2025-01-03 12:00:00']]);
    const dbt = await runQualityFile(
      "checks for test.people:\n  columns:\n    - name: team_id\n      tests:\n        - relationships:\n            to: ref('teams')\n            field: team_id\n",
      sources,
    );
    expect(dbt.results.map((r) => [r.check.type, r.value])).toEqual([['relationships', 1]]);
  });

  it('failed rows: a condition on one row, or a query', async () => {
    const cond = await only('    - failed rows:\n        fail condition: age < 18');
    expect(cond).toMatchObject({ outcome: 'fail', value: 1, failingCount: 1 });
    expect(cond.failingRows.columns).toEqual(['id', 'email', 'age', 'status', 'team_id', 'joined']);
    const query = await only('    - failed rows:\n        fail query: |\n          SELECT id FROM people WHERE email IS NULL OR email = \'\'');
    expect(query.value).toBe(2);
    expect((await only('    - failed rows:\n        fail condition: age > 100')).outcome).toBe('pass');
  });

  it('warn and fail thresholds: fail wins when both hold; between in when is inclusive', async () => {
    const config = (warn: string, fail: string): string => `    - missing_count(email):\n        missing values: ['']\n        warn: ${warn}\n        fail: ${fail}`;
    expect((await only(config('when > 0', 'when > 5'))).outcome).toBe('warn');
    expect((await only(config('when > 0', 'when >= 2'))).outcome).toBe('fail');
    expect((await only(config('when between 1 and 2', 'when > 2'))).outcome).toBe('warn');
    expect((await only(config('when > 2', 'when > 3'))).outcome).toBe('pass');
  });

  it('dbt tests map onto the metrics: not_null, unique, accepted_values (NULL accepted), severity warn', async () => {
    const r = await runQualityFile(
      'checks for test.people:\n  columns:\n    - name: email\n      tests: [not_null, unique]\n    - name: status\n      data_tests:\n        - accepted_values:\n            values: [active, paused]\n            config:\n              severity: warn\n',
      sources,
    );
    expect(r.problems).toEqual([]);
    expect(r.results.map((x) => [x.check.text, x.outcome, x.value])).toEqual([
      ['not_null(email)', 'fail', 1],
      ['unique(email)', 'fail', 1],
      ['accepted_values(status)', 'warn', 1],
    ]);
  });

  it('a fail condition naming a column that does not exist errors that check; the others still run', async () => {
    const r = await run('    - row_count > 0\n    - failed rows:\n        fail condition: salary > 10');
    expect(r.problems).toEqual([]);
    expect(r.results.map((x) => x.outcome)).toEqual(['pass', 'error']);
    expect(r.results[1]?.message?.en).toMatch(/no such column: salary/);
    expect(r.results[1]?.message?.ko).toMatch(/검사를 실행할 수 없었습니다/);
  });

  it('as of a day sees only the rows up to its end', async () => {
    expect((await only('    - row_count = 3', '2025-01-02')).outcome).toBe('pass');
    expect((await only('    - missing_count(email) = 0', '2025-01-01')).value).toBe(1);
    // The shadow is gone after the run: the whole table again.
    expect((await only('    - row_count = 6')).outcome).toBe('pass');
  });
});

describe('problems of the file stop the run, each with its line, in both languages', () => {
  it('an unknown check, a bad threshold, an unknown table and column', async () => {
    const yaml = [
      'checks for test.people:',
      '  - row_count > 0',
      '  - missing_percent(email) < 5%',
      '  - row_count is big',
      '  - missing_count(mail) = 0',
      'checks for test.nobody:',
      '  - row_count > 0',
      'checks for other.people:',
      '  - row_count > 0',
    ].join('\n');
    const r = await runQualityFile(yaml, sources);
    expect(r.results).toEqual([]);
    const parseOnly = parseCheckFile(yaml).problems.map((p) => p.line);
    expect(parseOnly).toEqual([3, 4]);
    // The data problems are found only once the text parses: fix the text first.
    expect(r.problems.map((p) => p.line)).toEqual([3, 4]);
    const fixed = yaml.replace('  - missing_percent(email) < 5%\n', '').replace('  - row_count is big\n', '');
    const r2 = await runQualityFile(fixed, sources);
    expect(r2.results).toEqual([]);
    expect(r2.problems.map((p) => [p.line, p.message.en])).toEqual([
      [3, expect.stringContaining("no column 'mail'")],
      [4, expect.stringContaining("no table 'nobody'")],
      [6, expect.stringContaining("no database 'other'")],
    ]);
    expect(r2.problems[0]?.message.ko).toContain("'mail' 열이 없습니다");
  });

  it('YAML errors, a missing database, a between upside down, warn without when', () => {
    const broken = parseCheckFile('checks for test.people:\n  - row_count > 0\n  bad: [').problems[0];
    expect(broken?.line).toBe(3);
    expect(broken?.message.ko).toMatch(/^YAML을 읽을 수 없습니다/);
    expect(parseCheckFile('checks for people:\n  - row_count > 0').problems[0]?.message.en).toMatch(/Which database/);
    expect(parseCheckFile('data source: test\nchecks for people:\n  - row_count > 0').problems).toEqual([]);
    expect(parseCheckFile('checks for test.people:\n  - row_count between 9 and 1').problems[0]?.message.en).toMatch(/lower bound/);
    expect(parseCheckFile('checks for test.people:\n  - missing_count(email):\n      warn: > 3').problems[0]?.line).toBe(3);
    expect(parseCheckFile('checks for test.people:\n  - invalid_count(email) = 0').problems[0]?.message.en).toMatch(/valid/);
    expect(parseCheckFile('checks for test.people:\n  - failed rows:\n      fail query: DELETE FROM people').problems[0]?.message.en).toMatch(/SELECT/);
  });

  it('thresholds: the comparison and its numbers', () => {
    expect(parseThreshold('between 1 and 5')).toMatchObject({ op: 'between', a: 1, b: 5 });
    expect(parseThreshold('< 1d', true)).toMatchObject({ op: '<', a: 24 });
    expect(parseThreshold('< 1d12h', true)?.a).toBe(36);
    expect(parseThreshold('< 1d')).toBeNull();
    const t = parseThreshold('between 1 and 5');
    expect(t && [0, 1, 5, 6].map((v) => satisfies(t, v))).toEqual([false, true, true, false]);
  });
});

describe('history over the days', () => {
  it('one value per day, equal to a run as of that day, and the day each check broke', async () => {
    const yaml = [
      'checks for test.people:',
      '  time column: joined',
      '  checks:',
      '    - row_count between 1 and 4',
      '    - missing_count(email) = 0:',
      "        missing values: ['']",
      '    - duplicate_count(email) = 0',
      '    - freshness(joined) < 1d',
      '    - values in (team_id) must exist in teams (team_id)',
      '    - failed rows:',
      '        name: minors',
      '        fail query: SELECT id, joined FROM people WHERE age < 18',
      '    - failed rows:',
      '        name: minors-without-day',
      '        fail query: SELECT id FROM people WHERE age < 18',
    ].join('\n');
    const progress: number[] = [];
    const h = await runQualityHistory(yaml, sources, { onProgress: (done) => progress.push(done) });
    expect(h.problems).toEqual([]);
    expect(h.days).toEqual(['2025-01-01', '2025-01-02', '2025-01-03', '2025-01-04', '2025-01-05', '2025-01-06']);
    expect(progress.at(-1)).toBe(7);
    const values = (id: string): (number | null)[] => (h.outcomes[id] ?? []).map((p) => p.value);
    expect(values('test/people/1')).toEqual([2, 3, 5, 5, 6, 6]);
    expect(values('test/people/2')).toEqual([1, 2, 2, 2, 2, 2]);
    expect(values('test/people/3')).toEqual([0, 0, 1, 1, 1, 1]);
    expect(values('test/people/4')).toEqual([14, 13, 11, 35, 16, 40].map((v) => expect.closeTo(v, 2)) as never);
    expect(values('minors')).toEqual([0, 0, 1, 1, 1, 1]);
    expect(values('minors-without-day')).toEqual([0, 0, 1, 1, 1, 1]);
    expect(h.brokeOn).toMatchObject({
      'test/people/1': '2025-01-03',
      'test/people/2': null,
      'test/people/3': '2025-01-03',
      'test/people/4': '2025-01-04',
      'test/people/5': '2025-01-03',
      minors: '2025-01-03',
    });
    for (const day of h.days) {
      const asOf = await runQualityFile(yaml, sources, { asOf: day });
      const i = h.days.indexOf(day);
      for (const r of asOf.results) {
        const point = h.outcomes[r.check.id]?.[i];
        expect([r.check.id, day, point?.outcome, point?.value]).toEqual([r.check.id, day, r.outcome, expect.closeTo(r.value ?? NaN, 2)]);
      }
    }
  });

  it('a day with no rows in the table is no evidence: a problem in the first rows is failing from the start, not broken', async () => {
    db.exec(`
      CREATE TABLE signups (id INTEGER PRIMARY KEY, email TEXT, at TEXT);
      INSERT INTO signups VALUES (1, NULL, '2025-01-03 09:00'), (2, 'a@x.kr', '2025-01-03 10:00'), (3, 'b@x.kr', '2025-01-04 10:00'), (4, 'a@x.kr', '2025-01-05 10:00');
    `);
    try {
      const yaml = [
        'checks for test.signups:',
        '  time column: at',
        '  checks:',
        '    - missing_count(email) = 0',
        '    - duplicate_count(email) = 0',
        'checks for test.teams:',
        '  - row_count > 5',
      ].join('\n');
      const h = await runQualityHistory(yaml, sources);
      expect(h.problems).toEqual([]);
      // The first two days the table is empty: the checks "pass" there, which says nothing.
      expect(h.outcomes['test/signups/1']?.map((p) => p.outcome)).toEqual(['pass', 'pass', 'fail', 'fail', 'fail', 'fail']);
      expect(h.brokeOn).toEqual({ 'test/signups/1': null, 'test/signups/2': '2025-01-05', 'test/teams/1': null });
      expect(h.failingSince).toEqual({ 'test/signups/1': '2025-01-03', 'test/signups/2': null, 'test/teams/1': '2025-01-01' });
    } finally {
      db.exec('DROP TABLE signups');
    }
  });

  it('stops when cancelled', async () => {
    await expect(runQualityHistory('checks for test.people:\n  time column: joined\n  checks:\n    - row_count > 0', sources, { cancelled: () => true })).rejects.toThrow(
      /Cancelled/,
    );
  });
});
