import * as nodeFs from 'node:fs/promises';
import path from 'node:path';
import type { LoadResult } from '../../core/contract.ts';
import { restoreDoc, restoreDocText, type DocKey } from '../../core/persist/docs.ts';
import { removeStrayTemps, writeFileAtomic } from './atomic-file.ts';
import { createKeyedQueue } from './keyed-queue.ts';

/*
 * The persisted documents on disk: `<dir>/<key>.json`, its last good copy `<key>.json.bak`, and
 * damaged files moved aside as `<key>.corrupt-<time>.json` (never deleted: they are the learner's
 * work). Independent of Electron so it runs against a real temporary folder in tests.
 */

/** The file-system calls the store makes; injectable so tests can make one fail on purpose. */
export type StoreFs = Pick<typeof nodeFs, 'open' | 'rename' | 'unlink' | 'readdir' | 'readFile' | 'mkdir' | 'access'>;

/** Where and how the store keeps its files. */
export interface DocStoreOptions {
  dir: string;
  fs?: StoreFs;
  /** Clock for the name of moved-aside files. */
  now?: () => Date;
}

/** Loads and saves the persisted documents of one folder. */
export interface DocStore {
  load(key: DocKey): Promise<LoadResult>;
  save(key: DocKey, data: unknown): Promise<void>;
}

/** Shown in place of a path when nothing was moved aside (the main file was simply missing). */
export const NOTHING_MOVED = '-';

function isMissing(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ENOENT';
}

/** Creates a store over `dir`. Every load and save of one key runs in order, one at a time. */
export function createDocStore({ dir, fs = nodeFs, now = () => new Date() }: DocStoreOptions): DocStore {
  const queue = createKeyedQueue<DocKey>();
  const mainPath = (key: DocKey) => path.join(dir, `${key}.json`);
  const backupPath = (key: DocKey) => path.join(dir, `${key}.json.bak`);

  async function readText(file: string): Promise<string | null> {
    try {
      return await fs.readFile(file, 'utf8');
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  /** The backup's text and value when it exists and restores; null otherwise. */
  async function readGoodBackup(key: DocKey): Promise<{ text: string; data: unknown } | null> {
    const text = await readText(backupPath(key));
    if (text === null || !restoreDocText(key, text).ok) return null;
    return { text, data: JSON.parse(text) as unknown };
  }

  async function exists(file: string): Promise<boolean> {
    try {
      await fs.access(file);
      return true;
    } catch {
      return false;
    }
  }

  /** Renames the damaged main file to a free `<key>.corrupt-<time>.json` name and returns that path. */
  async function moveAside(key: DocKey): Promise<string> {
    const stamp = now().toISOString().replace(/:/g, '-');
    let target = path.join(dir, `${key}.corrupt-${stamp}.json`);
    for (let n = 2; await exists(target); n++) target = path.join(dir, `${key}.corrupt-${stamp}-${n}.json`);
    await fs.rename(mainPath(key), target);
    return target;
  }

  async function load(key: DocKey): Promise<LoadResult> {
    await removeStrayTemps(dir, `${key}.json`, fs);
    const text = await readText(mainPath(key));

    if (text === null) {
      // Only a removed file gets here (a crash mid-save cannot: the rename is atomic); if a good
      // backup exists, the learner's work is worth more than the missing file's absence.
      const backup = await readGoodBackup(key);
      if (!backup) return { data: null, notice: null };
      await writeFileAtomic(mainPath(key), backup.text, { fs });
      return {
        data: backup.data,
        notice: { kind: 'restored-from-backup', movedTo: NOTHING_MOVED, reason: `${key}.json was missing` },
      };
    }

    const restored = restoreDocText(key, text);
    if (restored.ok) return { data: JSON.parse(text) as unknown, notice: null };

    const movedTo = await moveAside(key);
    const backup = await readGoodBackup(key);
    if (!backup) return { data: null, notice: { kind: 'reset-to-defaults', movedTo, reason: restored.reason } };
    await writeFileAtomic(mainPath(key), backup.text, { fs });
    return { data: backup.data, notice: { kind: 'restored-from-backup', movedTo, reason: restored.reason } };
  }

  async function save(key: DocKey, data: unknown): Promise<void> {
    // Refused here rather than written: a file that would not load again is a file lost.
    const restored = restoreDoc(key, data);
    if (!restored.ok) throw new Error(`Refusing to save ${key}: ${restored.reason}`);
    const text = `${JSON.stringify(restored.value, null, 2)}\n`;
    await fs.mkdir(dir, { recursive: true });
    await writeFileAtomic(mainPath(key), text, {
      fs,
      beforeRename: async () => {
        const current = await readText(mainPath(key));
        if (current !== null && restoreDocText(key, current).ok) await writeFileAtomic(backupPath(key), current, { fs });
      },
    });
  }

  return {
    load: (key) => queue(key, () => load(key)),
    save: (key, data) => queue(key, () => save(key, data)),
  };
}
