import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * A clone of the repository needs nothing beside it: the curriculum map and the performance
 * targets the README and the tools refer to live in docs/, and the benchmark's targets are the
 * ones docs/targets.md states.
 */

const ROOT = join(import.meta.dirname, '..', '..');

/** Every text source file under the folders the app, tools and tests are built from. */
function sourceFiles(): string[] {
  const files: string[] = ['README.md', 'package.json'];
  const walk = (dir: string): void => {
    for (const name of readdirSync(join(ROOT, dir))) {
      const path = `${dir}/${name}`;
      if (statSync(join(ROOT, path)).isDirectory()) walk(path);
      else if (/\.(ts|tsx|md|json)$/.test(name)) files.push(path);
    }
  };
  for (const dir of ['core', 'electron', 'renderer', 'scripts', 'tests', 'datasets', 'lessons', 'docs']) walk(dir);
  return files;
}

describe('the repository stands alone', () => {
  it('no source file, tool, test or document refers to a folder outside the repository', () => {
    const outside = sourceFiles().filter((path) => /\.\.\/shared|shared\/docs|shared\/seed/.test(readFileSync(join(ROOT, path), 'utf8')));
    // This file names the patterns it looks for.
    expect(outside.filter((path) => path !== 'tests/content/repo-docs.spec.ts')).toEqual([]);
  });

  it('every file the README links to exists', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const links = [...readme.matchAll(/\]\(([^)#]+)\)/g)].map((m) => m[1] as string).filter((href) => !/^[a-z]+:/.test(href));
    expect(links).toContain('docs/targets.md');
    expect(links).toContain('docs/curriculum.md');
    for (const href of links) expect(existsSync(join(ROOT, href)), href).toBe(true);
  });

  it('every figure the benchmark prints as a target is stated in docs/targets.md', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'targets.md'), 'utf8');
    const bench = ['bench.ts', 'bench-browser.ts'].map((f) => readFileSync(join(ROOT, 'scripts', f), 'utf8')).join('\n');
    const targets = [...bench.matchAll(/target: '([^']+)'/g)].map((m) => m[1] as string);
    expect(targets.length).toBeGreaterThan(10);
    const figures = targets.flatMap((t) => [...t.matchAll(/\d[\d,.–]*\s?(?:ms|s|MB|×)/g)].map((m) => m[0]));
    expect(figures).toContain('1.5×');
    const missing = [...new Set(figures)].filter((figure) => !doc.includes(figure));
    expect(missing).toEqual([]);
  });
});
