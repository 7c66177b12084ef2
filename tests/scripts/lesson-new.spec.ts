import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** `npm run lesson:new` then `npm run lessons:check` on what it wrote, as an author runs them: real processes. */

const ROOT = join(import.meta.dirname, '..', '..');

function run(script: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [script, ...args], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

const titles = ['--title-ko', '반품 세기', '--title-en', 'Counting returns'];

describe('npm run lesson:new', () => {
  it('scaffolds a lesson per kind, in both languages, that lessons:check passes as written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lesson-new-'));
    for (const [id, kind, database] of [
      ['t3-l90-query', 'query', 'demo'],
      ['t3-l91-choice', 'choice', 'hanbit-prod'],
      ['t3-l92-number', 'number', 'hanbit-warehouse'],
      ['t3-l93-read', 'read', 'demo'],
    ] as const) {
      const made = await run(
        'scripts/lesson-new.ts',
        '--dir',
        dir,
        '--id',
        id,
        '--track',
        't3',
        '--folder',
        't3-kpi',
        '--kind',
        kind,
        '--database',
        database,
        ...titles,
      );
      expect(made.stderr).toBe('');
      expect(made.code).toBe(0);
      // It says what to edit next and how to check it.
      expect(made.stdout).toContain('What to edit next');
      expect(made.stdout).toContain(`npm run lessons:check -- `);
      expect(readdirSync(join(dir, 't3-kpi', id)).sort()).toEqual(['en.md', 'ko.md', 'lesson.json']);
    }
    const query = JSON.parse(readFileSync(join(dir, 't3-kpi', 't3-l90-query', 'lesson.json'), 'utf8')) as {
      title: { ko: string; en: string };
      steps: { kind: string; hints?: unknown[]; knownWrong?: unknown[] }[];
    };
    expect(query.title).toEqual({ ko: '반품 세기', en: 'Counting returns' });
    expect(query.steps.map((s) => s.kind)).toEqual(['read', 'query']);
    expect(query.steps[1]?.hints?.length).toBeGreaterThanOrEqual(2);
    expect(query.steps[1]?.knownWrong?.length).toBeGreaterThanOrEqual(1);
    expect(readFileSync(join(dir, 't3-kpi', 't3-l90-query', 'ko.md'), 'utf8')).toContain('## step: count-rows');

    const checked = await run('scripts/lessons-check.ts', dir);
    expect(checked.stdout).toContain('problems: 0');
    expect(checked.stdout).toContain('lessons:check passed');
    expect(checked.stdout).toMatch(/lessons: 4 loaded/);
    expect(checked.code).toBe(0);
  }, 180_000);

  it('refuses a bad id, a taken id (the course’s too) and an unknown database with exit code 2 and the reason, writing nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lesson-new-bad-'));
    const bad = await run('scripts/lesson-new.ts', '--dir', dir, '--id', 'My_Lesson', '--track', 't1', ...titles);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("'My_Lesson' is not a lesson id");
    const course = await run('scripts/lesson-new.ts', '--dir', dir, '--id', 'sample-basics', '--track', 't0', ...titles);
    expect(course.code).toBe(2);
    expect(course.stderr).toContain("a lesson with the id 'sample-basics' already exists");
    const first = await run('scripts/lesson-new.ts', '--dir', dir, '--id', 't1-l90-twice', '--track', 't1', ...titles);
    expect(first.code).toBe(0);
    const again = await run('scripts/lesson-new.ts', '--dir', dir, '--id', 't1-l90-twice', '--track', 't1', ...titles);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("a lesson with the id 't1-l90-twice' already exists");
    const db = await run('scripts/lesson-new.ts', '--dir', dir, '--id', 't1-l91-db', '--track', 't1', '--database', 'nope', ...titles);
    expect(db.code).toBe(2);
    expect(db.stderr).toContain("unknown database 'nope'");
    // Without a terminal, a missing flag is refused instead of asked for.
    const missing = await run('scripts/lesson-new.ts', '--dir', dir, '--id', 't1-l92-x', '--track', 't1');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--title-ko is missing');
    expect(readdirSync(join(dir, 't1'))).toEqual(['t1-l90-twice']);
    expect(existsSync(join(dir, 't1', 'My_Lesson'))).toBe(false);
  }, 120_000);
});
