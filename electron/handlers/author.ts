import { existsSync, readdirSync, readFileSync, statSync, watch, type FSWatcher } from 'node:fs';
import { basename, join } from 'node:path';
import { BrowserWindow, dialog } from 'electron';
import type { AuthorFolderRead } from '../../core/contract.ts';
import type { Handlers } from './types.ts';

/**
 * Author mode on the desktop: the learner-author picks a lesson folder with the system dialog; the
 * main process remembers it (the page never names a path, so it can read nothing else), watches
 * it with fs.watch, and bumps a version on every change. The renderer polls `author:read-folder`
 * with the version it has and gets the files only when they changed.
 */

/** The files of a lesson folder (core/lessons/load.ts's LESSON_FILE_NAMES; not imported, so the lesson schemas stay out of this bundle). */
const LESSON_FILE_NAMES = ['lesson.json', 'ko.md', 'en.md'] as const;

/** Larger lesson files are not lessons (the biggest in the course is about 60 KB). */
export const MAX_AUTHOR_FILE_BYTES = 2 * 1024 * 1024;
/** At most this many lesson folders are read from one folder. */
export const MAX_AUTHOR_LESSONS = 100;

interface Watched {
  path: string;
  version: number;
  watcher: FSWatcher | null;
}

let current: Watched | null = null;

/**
 * The lesson files of a folder: the folder itself when it holds lesson.json (keys `lesson.json`,
 * `ko.md`, `en.md`), else each subfolder that does (keys `<sub>/lesson.json`…).
 */
export function readAuthorFolder(path: string, version: number): AuthorFolderRead {
  const fail = (problem: 'no-lessons' | 'too-large' | 'unreadable', detail: string): AuthorFolderRead => ({
    ok: false,
    problem,
    path,
    detail,
  });
  try {
    if (!statSync(path).isDirectory()) return fail('unreadable', 'not a folder');
    const files: Record<string, string> = {};
    const readLesson = (dir: string, prefix: string): string | null => {
      for (const name of LESSON_FILE_NAMES) {
        const file = join(dir, name);
        if (!existsSync(file)) continue;
        const size = statSync(file).size;
        if (size > MAX_AUTHOR_FILE_BYTES) return `${prefix}${name} is ${size} bytes (at most ${MAX_AUTHOR_FILE_BYTES})`;
        files[`${prefix}${name}`] = readFileSync(file, 'utf8');
      }
      return null;
    };
    if (existsSync(join(path, 'lesson.json'))) {
      const big = readLesson(path, '');
      if (big) return fail('too-large', big);
    } else {
      const subs = readdirSync(path)
        .filter((n) => !n.startsWith('.') && existsSync(join(path, n, 'lesson.json')))
        .sort();
      if (subs.length === 0) return fail('no-lessons', 'no lesson.json in the folder or its subfolders');
      if (subs.length > MAX_AUTHOR_LESSONS) return fail('too-large', `${subs.length} lesson folders (at most ${MAX_AUTHOR_LESSONS})`);
      for (const sub of subs) {
        const big = readLesson(join(path, sub), `${sub}/`);
        if (big) return fail('too-large', big);
      }
    }
    return { ok: true, name: basename(path), path, version, files };
  } catch (e) {
    return fail('unreadable', e instanceof Error ? e.message : String(e));
  }
}

/** Starts watching `path` (stopping any earlier folder); every change bumps the version. */
export function watchAuthorFolder(path: string): Watched {
  closeAuthorFolder();
  const watched: Watched = { path, version: 1, watcher: null };
  try {
    // Recursive, so a lesson folder inside the picked folder counts too (Linux since Node 20).
    watched.watcher = watch(path, { recursive: true, persistent: false }, () => {
      watched.version += 1;
    });
    watched.watcher.on('error', () => {
      // A deleted or renamed folder: the next read says it cannot be read.
      watched.version += 1;
    });
  } catch {
    // No watching here (a network drive): the version then moves on every read instead.
    watched.watcher = null;
  }
  current = watched;
  return watched;
}

/** Stops watching. */
export function closeAuthorFolder(): void {
  current?.watcher?.close();
  current = null;
}

/** `author:*`: pick, read when changed, close. */
export const authorHandlers: Pick<Handlers, 'author:open-folder' | 'author:read-folder' | 'author:close-folder'> = {
  'author:open-folder': async () => {
    const window = BrowserWindow.getFocusedWindow();
    const options = { properties: ['openDirectory' as const] };
    const picked = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
    const path = picked.filePaths[0];
    if (picked.canceled || !path) return null;
    const watched = watchAuthorFolder(path);
    return readAuthorFolder(watched.path, watched.version);
  },
  'author:read-folder': (version) => {
    if (!current) return { ok: false, problem: 'closed', path: '', detail: 'no lesson folder is open' };
    if (current.watcher === null) current.version += 1;
    if (current.version === version) return null;
    return readAuthorFolder(current.path, current.version);
  },
  'author:close-folder': () => {
    closeAuthorFolder();
    return null;
  },
};
