import type { Api, AuthorFolderRead } from '../../core/contract-channels.ts';

/**
 * Author mode in the browser: the folder comes from the File System Access API's
 * showDirectoryPicker (Chromium); a browser has no file watcher, so every read re-reads the
 * folder's lesson files and the version moves on when any text differs from the last read.
 * Elsewhere the answer is `unsupported`, which the author-mode UI explains.
 */

/** The parts of the File System Access API used here (not yet in TypeScript's DOM library everywhere). */
interface DirectoryHandle {
  kind: 'directory';
  name: string;
  values(): AsyncIterable<DirectoryHandle | FileHandle>;
}
interface FileHandle {
  kind: 'file';
  name: string;
  getFile(): Promise<File>;
}
type Picker = (options?: { mode?: 'read' | 'readwrite'; id?: string }) => Promise<DirectoryHandle>;

/** The files of a lesson folder (core/lessons/load.ts's LESSON_FILE_NAMES; not imported, so the lesson schemas stay out of this bundle). */
const LESSON_FILE_NAMES = ['lesson.json', 'ko.md', 'en.md'] as const;

/** Larger lesson files are not lessons. */
const MAX_FILE_BYTES = 2 * 1024 * 1024;
const MAX_LESSONS = 100;

async function entries(dir: DirectoryHandle): Promise<Map<string, DirectoryHandle | FileHandle>> {
  const map = new Map<string, DirectoryHandle | FileHandle>();
  for await (const entry of dir.values()) map.set(entry.name, entry);
  return map;
}

/** The lesson files of a picked folder, keyed as the desktop's main process keys them (see electron/handlers/author.ts). */
export async function readDirectoryHandle(dir: DirectoryHandle): Promise<Record<string, string> | Exclude<AuthorFolderRead, { ok: true }>> {
  const files: Record<string, string> = {};
  const fail = (problem: 'no-lessons' | 'too-large', detail: string) => ({ ok: false as const, problem, path: dir.name, detail });
  const readLesson = async (folder: Map<string, DirectoryHandle | FileHandle>, prefix: string): Promise<string | null> => {
    for (const name of LESSON_FILE_NAMES) {
      const entry = folder.get(name);
      if (entry?.kind !== 'file') continue;
      const file = await entry.getFile();
      if (file.size > MAX_FILE_BYTES) return `${prefix}${name} is ${file.size} bytes (at most ${MAX_FILE_BYTES})`;
      files[`${prefix}${name}`] = await file.text();
    }
    return null;
  };
  const top = await entries(dir);
  if (top.get('lesson.json')?.kind === 'file') {
    const big = await readLesson(top, '');
    if (big) return fail('too-large', big);
    return files;
  }
  const subs = [...top.values()].filter((e): e is DirectoryHandle => e.kind === 'directory' && !e.name.startsWith('.'));
  const lessons: [string, Map<string, DirectoryHandle | FileHandle>][] = [];
  for (const sub of subs.sort((a, b) => a.name.localeCompare(b.name))) {
    const inner = await entries(sub);
    if (inner.get('lesson.json')?.kind === 'file') lessons.push([sub.name, inner]);
  }
  if (lessons.length === 0) return fail('no-lessons', 'no lesson.json in the folder or its subfolders');
  if (lessons.length > MAX_LESSONS) return fail('too-large', `${lessons.length} lesson folders (at most ${MAX_LESSONS})`);
  for (const [name, inner] of lessons) {
    const big = await readLesson(inner, `${name}/`);
    if (big) return fail('too-large', big);
  }
  return files;
}

/** The author-mode channels of the web host. */
export function webAuthorFolder(): Pick<Api, 'authorOpenFolder' | 'authorReadFolder' | 'authorCloseFolder'> {
  let handle: DirectoryHandle | null = null;
  let version = 0;
  let last = '';

  const read = async (since: number | null): Promise<AuthorFolderRead | null> => {
    if (!handle) return { ok: false, problem: 'closed', path: '', detail: 'no lesson folder is open' };
    const dir = handle;
    try {
      const files = await readDirectoryHandle(dir);
      if ('ok' in files) return files as AuthorFolderRead;
      const text = JSON.stringify(Object.entries(files).sort(([a], [b]) => a.localeCompare(b)));
      if (text !== last) {
        last = text;
        version += 1;
      }
      if (since !== null && since === version) return null;
      return { ok: true, name: dir.name, path: dir.name, version, files };
    } catch (e) {
      // Permission withdrawn, the folder deleted or renamed.
      return { ok: false, problem: 'unreadable', path: dir.name, detail: e instanceof Error ? e.message : String(e) };
    }
  };

  return {
    authorOpenFolder: async () => {
      const picker = (globalThis as { showDirectoryPicker?: Picker }).showDirectoryPicker;
      if (typeof picker !== 'function')
        return { ok: false, problem: 'unsupported', path: '', detail: 'this browser has no showDirectoryPicker' };
      try {
        handle = await picker({ mode: 'read', id: 'datalit-author' });
      } catch (e) {
        // The learner closed the picker.
        if (e instanceof DOMException && e.name === 'AbortError') return null;
        return { ok: false, problem: 'unreadable', path: '', detail: e instanceof Error ? e.message : String(e) };
      }
      last = '';
      return read(null);
    },
    authorReadFolder: (since) => read(since),
    authorCloseFolder: async () => {
      handle = null;
      last = '';
      return null;
    },
  };
}
