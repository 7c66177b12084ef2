import * as nodeFs from 'node:fs/promises';
import path from 'node:path';

/*
 * Crash-safe file replacement: write a temporary sibling, fsync it, rename it over the target,
 * fsync the folder. A rename within one folder is atomic, so a reader (or the next start after a
 * crash) sees either the old file or the new one, never half of each.
 */

/** The file-system calls used here; injectable so tests can make one of them fail on purpose. */
export type AtomicFs = Pick<typeof nodeFs, 'open' | 'rename' | 'unlink' | 'readdir'>;

/** Options for one atomic write. */
export interface WriteAtomicOptions {
  fs?: AtomicFs;
  /** Runs after the new content is safely on disk and before it replaces the target (e.g. to keep a backup). */
  beforeRename?: () => Promise<void>;
  /** Defaults to this process's platform; folders cannot be fsynced on Windows. */
  platform?: NodeJS.Platform;
}

/** Marks a temporary file; stray ones (left by a crash) are recognised by it and removed. */
export const TEMP_MARKER = '.tmp-';

let tempCounter = 0;

/** `<target>.tmp-<pid>-<n>`: unique within this process, recognisable as ours afterwards. */
export function tempPathFor(target: string): string {
  tempCounter += 1;
  return `${target}${TEMP_MARKER}${process.pid}-${tempCounter}`;
}

/** Replaces `target` with `text` so that a crash at any moment leaves either the old or the new file. */
export async function writeFileAtomic(target: string, text: string, options: WriteAtomicOptions = {}): Promise<void> {
  const fs = options.fs ?? nodeFs;
  const temp = tempPathFor(target);
  try {
    const handle = await fs.open(temp, 'w');
    try {
      await handle.writeFile(text, 'utf8');
      // Without this the rename can reach the disk before the data, leaving an empty file after power loss.
      await handle.sync();
    } finally {
      await handle.close();
    }
    await options.beforeRename?.();
    await fs.rename(temp, target);
  } catch (error) {
    await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncDirectory(path.dirname(target), fs, options.platform ?? process.platform);
}

/** Makes a rename in `dir` durable. Best effort: Windows and some file systems cannot fsync a folder. */
export async function syncDirectory(dir: string, fs: AtomicFs = nodeFs, platform: NodeJS.Platform = process.platform): Promise<void> {
  if (platform === 'win32') return;
  try {
    const handle = await fs.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // The data itself is already fsynced; only the rename's durability is at stake.
  }
}

/** Deletes temporary files a crashed write left next to `baseName` in `dir` (its own and its backup's). */
export async function removeStrayTemps(dir: string, baseName: string, fs: AtomicFs = nodeFs): Promise<string[]> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return [];
  }
  const strays = names.filter((name) => name.startsWith(baseName) && name.includes(TEMP_MARKER));
  await Promise.all(strays.map((name) => fs.unlink(path.join(dir, name)).catch(() => undefined)));
  return strays;
}
