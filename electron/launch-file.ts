import { open, stat } from 'node:fs/promises';
import { basename, isAbsolute, resolve } from 'node:path';
import type { LaunchFile } from '../core/contract-channels.ts';
import { hasDatabaseExtension, MAX_DATABASE_BYTES } from '../core/sql/sqlite-file.ts';

/**
 * A database file named on the command line (`datalit-studio shop.db`, or a file opened with the
 * app from the file manager): found in argv, kept until the renderer takes it over the
 * `launch:take-file` channel. A second launch while the app runs hands its file over the same way.
 */

/**
 * The first argument that names a database file (.db, .sqlite, .sqlite3, .db3) or a class pack (.zip), made absolute
 * against `cwd`; null when there is none. Options (`--flag`, `--flag=x.db`) are never files, and
 * the executable and the app folder (`electron .`) do not end in a database extension.
 */
export function parseLaunchArgs(argv: readonly string[], cwd: string): string | null {
  for (const arg of argv.slice(1)) {
    if (arg.startsWith('-') || !(hasDatabaseExtension(arg) || arg.toLowerCase().endsWith('.zip'))) continue;
    return isAbsolute(arg) ? arg : resolve(cwd, arg);
  }
  return null;
}

let pending: string | null = null;

/** Remembers the database file named in `argv` (the latest launch wins); returns its path. */
export function queueLaunchArgs(argv: readonly string[], cwd: string): string | null {
  const path = parseLaunchArgs(argv, cwd);
  if (path) pending = path;
  return path;
}

/**
 * Hands over the waiting file once: its bytes, or why it cannot be opened (missing, a folder,
 * over the size limit, unreadable). The renderer checks the SQLite header as it does for a drop.
 */
export async function takeLaunchFile(limit = MAX_DATABASE_BYTES): Promise<LaunchFile | null> {
  const path = pending;
  pending = null;
  if (!path) return null;
  const name = basename(path);
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) return { name, path, problem: 'not-a-file', size: 0 };
    size = info.size;
  } catch {
    return { name, path, problem: 'missing', size: 0 };
  }
  if (size > limit) return { name, path, problem: 'too-large', size };
  try {
    const handle = await open(path, 'r');
    try {
      const bytes = new Uint8Array(size);
      let done = 0;
      // Read in pieces: one read of a large file may return fewer bytes than asked.
      while (done < size) {
        const { bytesRead } = await handle.read(bytes, done, Math.min(size - done, 16 * 1024 * 1024), done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      return { name, path, bytes: done === size ? bytes : bytes.subarray(0, done) };
    } finally {
      await handle.close();
    }
  } catch {
    return { name, path, problem: 'unreadable', size };
  }
}
