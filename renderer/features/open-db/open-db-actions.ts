import i18next from 'i18next';
import { checkSqliteFile, DATABASE_EXTENSIONS, MAX_DATABASE_BYTES, SQLITE_HEADER } from '../../../core/sql/sqlite-file.ts';
import { useStore } from '../../state/store.ts';
import { getHost } from '../../host/host.ts';
import { formatBytes } from '../sandbox/format-bytes.ts';
import { openDatabaseBytes } from '../sandbox/workbench.ts';
import { useOpenDbStore } from './open-db-store.ts';
import { isImportFileName } from '../../../core/sql/csv-sniff.ts';
import { openImportFile } from '../import/import-launch.ts';
import { isPackName, openClassPack } from '../packs/entry.ts';

/**
 * Opening a learner's own SQLite file: from the file picker, a drop on the window, or (desktop)
 * the command line. The header and size are checked before anything else is read, so a refused
 * file leaves the open database as it was; the file is then read in chunks with progress and
 * opened as a new database in the picker.
 */

const size = (bytes: number) => formatBytes(bytes, i18next.language);

/** A file's bytes read in chunks into one array, reporting progress after each chunk. */
async function readWithProgress(file: Blob, name: string): Promise<Uint8Array> {
  const { readProgress } = useOpenDbStore.getState();
  const bytes = new Uint8Array(file.size);
  let done = 0;
  readProgress({ name, done, total: file.size });
  const reader = file.stream().getReader();
  for (;;) {
    const { done: end, value } = await reader.read();
    if (end) break;
    bytes.set(value.subarray(0, Math.max(0, bytes.byteLength - done)), done);
    done += value.byteLength;
    readProgress({ name, done: Math.min(done, file.size), total: file.size });
  }
  return bytes;
}

/** Opens a learner's file as the open database, or refuses it with the reason; resolves when done either way. */
export async function openDatabaseFile(file: Blob, name: string): Promise<boolean> {
  const { notify, engine } = useStore.getState();
  if (useOpenDbStore.getState().progress) return false;
  if (engine === 'busy' || engine === 'restoring') {
    notify('warning', i18next.t('openDb.refused.busy'));
    return false;
  }
  const head = new Uint8Array(await file.slice(0, SQLITE_HEADER.length).arrayBuffer());
  const problem = checkSqliteFile(file.size, head);
  if (problem) {
    const key = problem.code === 'not-sqlite' ? 'notSqlite' : problem.code === 'empty' ? 'empty' : 'tooLarge';
    notify('error', i18next.t(`openDb.refused.${key}`, { name, size: size(file.size), limit: size(MAX_DATABASE_BYTES) }));
    return false;
  }
  try {
    const bytes = await readWithProgress(file, name);
    await openDatabaseBytes({ id: `file:${name}`, name, sizeBytes: file.size }, bytes);
    // A file dropped on the course or a lesson is for exploring: show it where its tables are.
    if (useStore.getState().screen !== 'sandbox') useStore.getState().openScreen('sandbox');
    const count = useStore.getState().schema.length;
    useStore.getState().notify('success', i18next.t('openDb.opened', { name, size: size(file.size), count }));
    return true;
  } catch (e) {
    useStore.getState().notify('error', i18next.t('openDb.refused.failed', { name, message: (e as Error).message }));
    return false;
  } finally {
    useOpenDbStore.getState().finishOpen();
  }
}

/** Desktop: opens the file the command line named (or a later launch handed over), if one waits. */
export async function openLaunchFile(): Promise<void> {
  const file = await getHost().launchTakeFile();
  if (!file) return;
  if ('bytes' in file && isPackName(file.name)) {
    await openClassPack(new Blob([file.bytes as Uint8Array<ArrayBuffer>]), file.name);
    return;
  }
  if ('bytes' in file) {
    // The header and size are checked here as for a drop; the bytes become a Blob without a copy of their own.
    await openDatabaseFile(new Blob([file.bytes as Uint8Array<ArrayBuffer>]), file.name);
    return;
  }
  const key = { missing: 'missing', 'not-a-file': 'notAFile', 'too-large': 'tooLarge', unreadable: 'unreadable' }[file.problem];
  useStore
    .getState()
    .notify('error', i18next.t(`openDb.refused.${key}`, { path: file.path, name: file.name, size: size(file.size), limit: size(MAX_DATABASE_BYTES) }));
}

/**
 * Desktop: takes the command line's file once the first database is open (so it opens after,
 * not under, the start-up), and again whenever the window regains focus (a second launch
 * focuses it after handing its file to the main process).
 */
export function watchLaunchFile(): void {
  const start = () => {
    // Asked only now, not at registration: the host is the app's by then (tests stub it earlier).
    if (getHost().kind !== 'electron') return;
    void openLaunchFile();
    window.addEventListener('focus', () => void openLaunchFile());
  };
  const unsubscribe = useStore.subscribe((s) => {
    if (s.engine !== 'idle' || !s.databaseId) return;
    unsubscribe();
    start();
  });
}

let input: HTMLInputElement | null = null;

/** Shows the system's file picker for a database file; the chosen file opens. */
export function pickDatabaseFile(): void {
  if (!input) {
    input = document.createElement('input');
    input.type = 'file';
    // The header decides; the filter only offers the usual names first.
    input.accept = DATABASE_EXTENSIONS.join(',');
    input.hidden = true;
    input.dataset.testid = 'open-db-input';
    input.addEventListener('change', () => {
      const file = input?.files?.[0];
      if (file) void openDatabaseFile(file, file.name);
      if (input) input.value = '';
    });
    document.body.append(input);
  }
  input.click();
}

function hasFiles(e: DragEvent): boolean {
  return !!e.dataTransfer && Array.from(e.dataTransfer.types).includes('Files');
}

/** Lets a file dropped anywhere on the window open (a database, a file to import, a class pack) unless a screen already handled the drop; returns the uninstaller. */
export function installDropTarget(target: Window = window): () => void {
  const { setDragging } = useOpenDbStore.getState();
  let depth = 0;
  const over = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    // Without preventDefault the browser would navigate to the dropped file.
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
  };
  const enter = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    depth++;
    setDragging(true);
  };
  const leave = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    depth = Math.max(0, depth - 1);
    if (depth === 0) setDragging(false);
  };
  const drop = (e: DragEvent) => {
    depth = 0;
    setDragging(false);
    // Another screen took this drop (the Class screen's report files): the drag is over, nothing to open.
    if (e.defaultPrevented) return;
    const files = e.dataTransfer?.files;
    const file = files?.[0];
    if (!files || !file) return;
    e.preventDefault();
    // A .zip is a class pack: checked, then installed on the course map.
    if (isPackName(file.name)) {
      void openClassPack(file, file.name);
      return;
    }
    // A CSV or JSON lines file (gzip too) is imported as a table; anything else is tried as a database.
    if (isImportFileName(file.name)) {
      void openImportFile(file, file.name);
      return;
    }
    void openDatabaseFile(file, file.name).then((opened) => {
      if (opened && files.length > 1) useStore.getState().notify('warning', i18next.t('openDb.refused.several', { name: file.name }));
    });
  };
  target.addEventListener('dragover', over);
  target.addEventListener('dragenter', enter);
  target.addEventListener('dragleave', leave);
  target.addEventListener('drop', drop);
  return () => {
    target.removeEventListener('dragover', over);
    target.removeEventListener('dragenter', enter);
    target.removeEventListener('dragleave', leave);
    target.removeEventListener('drop', drop);
  };
}
