import * as nodeFs from 'node:fs/promises';
import path from 'node:path';
import type { LoadCause, LoadNotice, LoadResult, SaveResult } from '../../core/contract.ts';
import { docsByKey, type AnyDocDef, type DroppedEntries } from '../../core/persist/define-doc.ts';
import { DOCS, MAX_DOC_BYTES, parseDocText, restoreText, type DocKey } from '../../core/persist/docs.ts';
import { removeStrayTemps, writeFileAtomic } from './atomic-file.ts';
import { createKeyedQueue } from './keyed-queue.ts';

/*
 * The persisted documents on disk: `<dir>/<key>.json`, its last good copy `<key>.json.bak`, and
 * damaged files moved aside as `<key>.corrupt-<time>.json` (never deleted: they are the learner's
 * work); a file written by a newer version of the app goes aside as `<key>.newer-<time>.json`.
 * Whenever the main file cannot be used (damaged, unreadable, too large, a folder in its place,
 * or it cannot be moved aside) the backup is used and the notice says so. A file whose only
 * damage is in some entries (a step, a history entry) is used without them: the original goes
 * aside as `<key>.corrupt-<time>.json` and the notice counts what was left out. Independent of
 * Electron so it runs against a real temporary folder in tests.
 */

/** The file-system calls the store makes; injectable so tests can make one fail on purpose. */
export type StoreFs = Pick<typeof nodeFs, 'open' | 'rename' | 'unlink' | 'readdir' | 'readFile' | 'mkdir' | 'access' | 'stat'>;

/** Where and how the store keeps its files. */
export interface DocStoreOptions<K extends string = DocKey> {
  dir: string;
  /** The documents it keeps; every declared document unless a test declares its own. */
  docs?: readonly (AnyDocDef & { key: K })[];
  fs?: StoreFs;
  /** Clock for the name of moved-aside files. */
  now?: () => Date;
}

/** Loads and saves the persisted documents of one folder. */
export interface DocStore<K extends string = DocKey> {
  load(key: K): Promise<LoadResult>;
  save(key: K, data: unknown): Promise<SaveResult>;
}

/** Shown in place of a path when nothing was moved aside (the main file was simply missing). */
export const NOTHING_MOVED = '-';

function codeOf(error: unknown): string {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : '';
}

function isMissing(error: unknown): boolean {
  return codeOf(error) === 'ENOENT';
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const UNWRITABLE = new Set(['EACCES', 'EPERM', 'EROFS', 'EISDIR', 'ENOTDIR', 'EEXIST', 'EBUSY']);
const FULL = new Set(['ENOSPC', 'EDQUOT']);

/** Creates a store over `dir`. Every load and save of one key runs in order, one at a time. */
export function createDocStore<K extends string = DocKey>({
  dir,
  docs = DOCS as unknown as readonly (AnyDocDef & { key: K })[],
  fs = nodeFs,
  now = () => new Date(),
}: DocStoreOptions<K>): DocStore<K> {
  const queue = createKeyedQueue<K>();
  const docOf = docsByKey(docs);
  const mainPath = (key: K) => path.join(dir, `${key}.json`);
  const backupPath = (key: K) => path.join(dir, `${key}.json.bak`);

  async function readText(file: string): Promise<string | null> {
    try {
      return await fs.readFile(file, 'utf8');
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  /** The backup's value when it exists, can be read and restores; null otherwise (never throws). */
  async function readGoodBackup(key: K): Promise<{ text: string; data: unknown } | null> {
    try {
      const info = await fs.stat(backupPath(key));
      if (!info.isFile() || info.size > MAX_DOC_BYTES) return null;
      const text = await readText(backupPath(key));
      if (text === null) return null;
      const parsed = parseDocText(text);
      // A backup missing a damaged entry beats no backup: the renderer drops that entry again.
      if (!parsed.ok || !docOf(key).salvage(parsed.raw).ok) return null;
      return { text, data: parsed.raw };
    } catch {
      return null;
    }
  }

  async function exists(file: string): Promise<boolean> {
    try {
      await fs.access(file);
      return true;
    } catch {
      return false;
    }
  }

  /** Renames the main file to a free `<key>.<label>-<time>.json` name and returns that path. */
  async function moveAside(key: K, label: 'corrupt' | 'newer'): Promise<string> {
    const stamp = now().toISOString().replace(/:/g, '-');
    let target = path.join(dir, `${key}.${label}-${stamp}.json`);
    for (let n = 2; await exists(target); n++) target = path.join(dir, `${key}.${label}-${stamp}-${n}.json`);
    await fs.rename(mainPath(key), target);
    return target;
  }

  /** Falls back to the backup (written back as the main file when the folder allows) and says why. */
  async function fallBack(key: K, cause: LoadCause, movedTo: string, reason: string): Promise<LoadResult> {
    const backup = await readGoodBackup(key);
    if (!backup) return { data: null, notice: { kind: 'reset-to-defaults', cause, movedTo, reason } };
    // Only where the main file is gone: over a file left in place it would destroy the learner's copy.
    if (movedTo !== NOTHING_MOVED || cause === 'missing') {
      await writeFileAtomic(mainPath(key), backup.text, { fs }).catch(() => undefined);
    }
    const notice: LoadNotice = { kind: 'restored-from-backup', cause, movedTo, reason };
    return { data: backup.data, notice };
  }

  /** Moves an unusable main file aside, then falls back; a file that cannot be moved stays where it is. */
  async function setAside(key: K, label: 'corrupt' | 'newer', cause: LoadCause, reason: string): Promise<LoadResult> {
    try {
      return await fallBack(key, cause, await moveAside(key, label), reason);
    } catch (error) {
      const stuck: LoadCause = cause === 'damaged' ? 'stuck' : cause;
      return fallBack(key, stuck, NOTHING_MOVED, `${reason}; it could not be moved aside (${describe(error)})`);
    }
  }

  /**
   * Uses a file with damaged entries without them: the original is moved aside first (it stays
   * the learner's to recover) and the rest is written back, so the next start is quiet.
   */
  async function dropEntries(key: K, value: unknown, dropped: DroppedEntries[], reason: string): Promise<LoadResult> {
    let movedTo = NOTHING_MOVED;
    try {
      movedTo = await moveAside(key, 'corrupt');
      await writeFileAtomic(mainPath(key), `${JSON.stringify(value, null, 2)}\n`, { fs });
    } catch {
      // Left in place or not written back: the entries are still dropped in memory, and the next save writes the rest.
    }
    return { data: value, notice: { kind: 'entries-dropped', cause: 'damaged', movedTo, reason, dropped } };
  }

  async function load(key: K): Promise<LoadResult> {
    await removeStrayTemps(dir, `${key}.json`, fs);
    let text: string | null;
    try {
      const info = await fs.stat(mainPath(key));
      if (!info.isFile()) return await fallBack(key, 'unreadable', NOTHING_MOVED, `${key}.json is not a file`);
      // Checked before reading: a huge file must not hold up the start (parsing is synchronous).
      if (info.size > MAX_DOC_BYTES) {
        const mb = (info.size / 1024 / 1024).toFixed(0);
        return await setAside(key, 'corrupt', 'damaged', `too large (${mb} MB; the limit is ${MAX_DOC_BYTES / 1024 / 1024} MB)`);
      }
      text = await readText(mainPath(key));
    } catch (error) {
      if (!isMissing(error)) return fallBack(key, 'unreadable', NOTHING_MOVED, describe(error));
      text = null;
    }

    if (text === null) {
      // Only a removed file gets here (a crash mid-save cannot: the rename is atomic); if a good
      // backup exists, the learner's work is worth more than the missing file's absence.
      const result = await fallBack(key, 'missing', NOTHING_MOVED, `${key}.json was missing`);
      return result.data === null ? { data: null, notice: null } : result;
    }

    const parsed = parseDocText(text);
    const restored = parsed.ok ? docOf(key).restore(parsed.raw) : { ok: false as const, reason: parsed.reason };
    if (parsed.ok && restored.ok) return { data: parsed.raw, notice: null };
    const salvaged = parsed.ok ? docOf(key).salvage(parsed.raw) : null;
    if (salvaged?.ok && !restored.ok) return dropEntries(key, salvaged.value, salvaged.dropped, restored.reason);
    if (!restored.ok && 'newerFormat' in restored && restored.newerFormat !== undefined) {
      return setAside(key, 'newer', 'newer-version', restored.reason);
    }
    return setAside(key, 'corrupt', 'damaged', restored.ok ? 'unknown' : restored.reason);
  }

  function problemOf(key: K, error: unknown): SaveResult {
    const code = codeOf(error);
    const problem = UNWRITABLE.has(code) ? 'unwritable' : FULL.has(code) ? 'disk-full' : 'failed';
    // The folder is what the learner can act on; a folder where the file should be is named itself.
    return { ok: false, problem, path: code === 'EISDIR' ? mainPath(key) : dir, detail: describe(error) };
  }

  async function save(key: K, data: unknown): Promise<SaveResult> {
    // Refused here rather than written: a file that would not load again is a file lost.
    const restored = docOf(key).restore(data);
    if (!restored.ok) throw new Error(`Refusing to save ${key}: ${restored.reason}`);
    const text = `${JSON.stringify(restored.value, null, 2)}\n`;
    if (Buffer.byteLength(text) > MAX_DOC_BYTES) {
      return { ok: false, problem: 'too-large', path: mainPath(key), detail: `${Buffer.byteLength(text)} bytes` };
    }
    try {
      await fs.mkdir(dir, { recursive: true });
      await writeFileAtomic(mainPath(key), text, {
        fs,
        beforeRename: async () => {
          // An unreadable main file fails the save: replacing it unseen could lose newer work than the backup's.
          const current = await readText(mainPath(key));
          if (current !== null && restoreText(docOf(key), current).ok) await writeFileAtomic(backupPath(key), current, { fs });
        },
      });
      return { ok: true };
    } catch (error) {
      return problemOf(key, error);
    }
  }

  // An unknown key is refused before any file is touched (`docOf` throws).
  return {
    load: async (key) => {
      docOf(key);
      return queue(key, () => load(key));
    },
    save: async (key, data) => {
      docOf(key);
      return queue(key, () => save(key, data));
    },
  };
}
