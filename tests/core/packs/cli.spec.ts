import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { bytes, SAMPLE_FOLDER, SAMPLE_ZIP, sampleFiles, withLesson, zipOf } from './pack-fixture.ts';

/** `npm run pack -- check|build` as an instructor runs it: a real process, its exit code and what it prints. */

const ROOT = join(import.meta.dirname, '..', '..', '..');
const DIR = mkdtempSync(join(tmpdir(), 'pack-cli-'));

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['scripts/pack.ts', ...args], { cwd: ROOT, maxBuffer: 8 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('npm run pack', { timeout: 60_000 }, () => {
  it('check exits 0 for the sample pack and names its lesson and dataset', async () => {
    const r = await cli('check', SAMPLE_ZIP);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("valid class pack 'cafe-workshop' 1.0.0");
    expect(r.stdout).toContain('cafe-orders (orders)');
  });

  it('check exits 1 for a pack whose solution fails, printing the reason with its code and file (in Korean with --lang ko)', async () => {
    const files = withLesson(sampleFiles(), (l) => {
      l.steps[0]!.solution = 'SELECT drink, count(*) AS orders FROM orderz GROUP BY drink ORDER BY orders DESC, drink';
    });
    const path = join(DIR, 'failing.zip');
    writeFileSync(path, zipOf(files));
    const r = await cli('check', path, '--lang', 'ko');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[solution-fails] cafe-first-query/lesson.json: 단계 \'orders-per-drink\'의 모범 답안이 자체 채점을 통과하지 못합니다.');
  });

  it('check exits 1 for a hostile pack and 2 for a file that is missing or arguments that make no sense', async () => {
    const path = join(DIR, 'escape.zip');
    writeFileSync(path, zipOf(sampleFiles(), { '../../evil.csv': bytes('a\n1\n') }));
    const hostile = await cli('check', path);
    expect(hostile.code).toBe(1);
    expect(hostile.stderr).toContain('[path-escape] ../../evil.csv points outside');
    expect((await cli('check', join(DIR, 'nope.zip'))).code).toBe(2);
    expect((await cli('frobnicate')).code).toBe(2);
  });

  it('build makes a pack from a folder with defaults for what it leaves out, and the pack checks', async () => {
    const folder = join(DIR, 'My Workshop');
    cpSync(SAMPLE_FOLDER, folder, { recursive: true });
    rmSync(join(folder, 'pack.yaml'));
    rmSync(join(folder, 'welcome.en.md'));
    // Without a manifest the CSV's table is named after its file (cafe_orders), its id too (cafe-orders).
    const lessonPath = join(folder, 'cafe-first-query', 'lesson.json');
    writeFileSync(lessonPath, readFileSync(lessonPath, 'utf8').replaceAll('FROM orders', 'FROM cafe_orders'));
    const out = join(DIR, 'built.zip');
    const r = await cli('build', folder, out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const zip = unzipSync(new Uint8Array(readFileSync(out)));
    const manifest = parseYaml(new TextDecoder().decode(zip['pack.yaml'])) as Record<string, unknown>;
    expect(manifest).toEqual({ id: 'my-workshop', version: '1.0.0', lessons: ['cafe-first-query'], datasets: [{ id: 'cafe-orders', file: 'datasets/cafe_orders.csv' }] });
    expect(new TextDecoder().decode(zip['welcome.en.md'])).toContain('Class pack: My workshop');
    expect(new TextDecoder().decode(zip['welcome.ko.md'])).toContain('카페 워크숍');
    expect((await cli('check', out)).code).toBe(0);
  });

  it('a pack may bundle a lesson of the app on a built-in dataset: its solutions run on that dataset', async () => {
    const folder = join(DIR, 'built-in');
    cpSync(join(ROOT, 'lessons', '_sample', 'sample-basics'), join(folder, 'sample-basics'), { recursive: true });
    writeFileSync(join(folder, 'pack.yaml'), 'id: basics-again\nversion: 2.0.0\nlessons: [sample-basics]\n');
    const out = join(DIR, 'basics.zip');
    const r = await cli('build', folder, out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("valid class pack 'basics-again' 2.0.0 (Class pack: Basics again)");
    expect(r.stdout).toContain('checking sample-basics/customers-by-region');
  });

  it('build refuses to write a pack that would not check', async () => {
    const folder = join(DIR, 'broken');
    cpSync(SAMPLE_FOLDER, folder, { recursive: true });
    rmSync(join(folder, 'cafe-first-query', 'ko.md'));
    const out = join(DIR, 'broken.zip');
    const r = await cli('build', folder, out);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[one-language] cafe-first-query/ko.md is missing');
    expect(() => readFileSync(out)).toThrow();
  });
});
