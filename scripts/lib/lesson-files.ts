import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { CheckFinding } from '../../core/lessons/check.ts';
import { LESSON_FILE_NAMES, REFERENCE_FOLDER, strayLessonFiles } from '../../core/lessons/load.ts';

/**
 * Reads the lesson tree into the path → text map the pure loader takes (the same shape Vite's
 * import.meta.glob gives the renderer), so the tools and the app parse lessons identically.
 */

/**
 * Every lesson file under `dir` (normally <repo>/lessons), keyed `lessons/<track>/<lesson>/<file>`,
 * and every file under lessons/_reference/ (the reference pipelines and projects steps name).
 */
export function readLessonFiles(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  if (!existsSync(dir)) return files;
  const walk = (folder: string, depth: number): void => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) {
        // Deeper than lessons/<track>/<lesson>/ is never a lesson; stop there.
        if (depth < 3) walk(path, depth + 1);
      } else if ((LESSON_FILE_NAMES as readonly string[]).includes(name)) {
        files[`lessons/${relative(dir, path).split('\\').join('/')}`] = readFileSync(path, 'utf8');
      }
    }
  };
  walk(dir, 0);
  for (const path of listLessonTree(join(dir, REFERENCE_FOLDER))) {
    files[`lessons/${REFERENCE_FOLDER}/${path.slice('lessons/'.length)}`] = readFileSync(join(dir, REFERENCE_FOLDER, path.slice('lessons/'.length)), 'utf8');
  }
  return files;
}

/** Every file under `dir` at any depth, keyed `lessons/...`; dot files (editor and OS bookkeeping) left out. */
export function listLessonTree(dir: string): string[] {
  const paths: string[] = [];
  if (!existsSync(dir)) return paths;
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder).sort()) {
      if (name.startsWith('.')) continue;
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else paths.push(`lessons/${relative(dir, path).split('\\').join('/')}`);
    }
  };
  walk(dir);
  return paths;
}

/** The files under `dir` (normally <repo>/lessons) that belong to no lesson, as checker problems. */
export function strayFileProblems(dir: string): CheckFinding[] {
  return strayLessonFiles(listLessonTree(dir)).map(({ path, reason }) => ({ where: path, message: `stray file: ${reason}` }));
}
