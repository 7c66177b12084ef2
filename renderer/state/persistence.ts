import i18next from 'i18next';
import type { DroppedEntries } from '../../core/persist/define-doc.ts';
import type { DocKey } from '../../core/persist/docs.ts';
import type { LoadNotice, LoadResult, SaveResult } from '../../core/contract.ts';
import type { Notice } from './ui-slice.ts';
import { boundDocs, type BoundDoc } from './doc-bindings.ts';
import { useStore } from './store.ts';

const SAVE_DELAY_MS = 250;
/** A document that keeps changing is still saved this long after its first unsaved change. */
const SAVE_MAX_WAIT_MS = 1000;
/** After a failed save, how long until it is tried again even without a change (the work is only in memory meanwhile). */
const RETRY_MS = 15_000;

/** The two calls persistence makes on its host (Electron's main process or the web host). */
export interface DocHost<K extends string = DocKey> {
  storeLoad(key: K): Promise<LoadResult>;
  storeSave(key: K, data: unknown): Promise<SaveResult>;
}

/** The documents bound to their stores, and where to say what happened. */
export interface PersistTarget<K extends string = DocKey> {
  bound: readonly BoundDoc<K>[];
  notify: (tone: Notice['tone'], text: string) => void;
}

/** Every document the app's code bound, and the app's notices. */
function appTarget(): PersistTarget {
  return { bound: boundDocs(useStore), notify: (tone, text) => useStore.getState().notify(tone, text) };
}

const NOTICE_IDS: Record<LoadNotice['cause'], Record<Exclude<LoadNotice['kind'], 'entries-dropped'>, string>> = {
  damaged: { 'restored-from-backup': 'notices.restoredFromBackup', 'reset-to-defaults': 'notices.resetToDefaults' },
  stuck: { 'restored-from-backup': 'notices.stuckRestored', 'reset-to-defaults': 'notices.stuckReset' },
  unreadable: { 'restored-from-backup': 'notices.unreadableRestored', 'reset-to-defaults': 'notices.unreadableReset' },
  'newer-version': { 'restored-from-backup': 'notices.newerRestored', 'reset-to-defaults': 'notices.newerReset' },
  missing: { 'restored-from-backup': 'notices.missingRestored', 'reset-to-defaults': 'notices.resetToDefaults' },
};

/** A document's name in the UI language ("progress", "학습 진도"). */
function docName(key: string): string {
  return i18next.t(`notices.doc_${key}`);
}

/** "2 lesson steps, 1 saved query": what was left out, in the UI language. */
function droppedText(dropped: readonly DroppedEntries[]): string {
  return dropped.map(({ field, count }) => i18next.t(`notices.entries_${field}`, { count })).join(', ');
}

/** The learner-facing words for a load notice. */
export function noticeText(key: string, notice: LoadNotice): string {
  const doc = docName(key);
  if (notice.kind === 'entries-dropped') {
    const what = droppedText(notice.dropped ?? []);
    const id = notice.movedTo === '-' ? 'notices.entriesDroppedInPlace' : 'notices.entriesDropped';
    return i18next.t(id, { doc, what, path: notice.movedTo });
  }
  // A notice from an older main process has no cause: it was about a damaged file.
  const id = NOTICE_IDS[notice.cause ?? 'damaged'][notice.kind];
  return i18next.t(id, { doc, reason: notice.reason, path: notice.movedTo });
}

/** The learner-facing words for a save that did not happen. */
export function saveProblemText(key: string, result: Exclude<SaveResult, { ok: true }>): string {
  const doc = docName(key);
  switch (result.problem) {
    case 'unwritable':
      return i18next.t('notices.saveUnwritable', { doc, path: result.path, detail: result.detail });
    case 'disk-full':
      return i18next.t('notices.saveDiskFull', { doc });
    case 'too-large':
      return i18next.t('notices.saveTooLarge', { doc });
    default:
      return i18next.t('notices.saveFailed', { doc, message: result.detail });
  }
}

/** Notices to show once the UI is up (loading happens before i18n knows the language). */
export interface LoadedDocs<K extends string = DocKey> {
  notices: { key: K; notice: LoadNotice }[];
}

/**
 * Reads every bound document through the host, restores it entry by entry, and puts it in the
 * store. A damaged entry the host did not already report is dropped here, and said.
 */
export async function loadDocs<K extends string>(host: DocHost<K>, target: PersistTarget<K>): Promise<LoadedDocs<K>> {
  const notices: LoadedDocs<K>['notices'] = [];
  // The documents are independent: read them at once.
  const loads = await Promise.all(
    target.bound.map((binding) =>
      host.storeLoad(binding.doc.key).then(
        (loaded) => ({ binding, loaded }),
        (e: unknown) => ({ binding, error: e as Error }),
      ),
    ),
  );
  for (const entry of loads) {
    const { binding } = entry;
    const key = binding.doc.key;
    if ('error' in entry) {
      notices.push({ key, notice: { kind: 'reset-to-defaults', cause: 'unreadable', movedTo: '-', reason: entry.error.message } });
      continue;
    }
    const { loaded } = entry;
    if (loaded.notice) notices.push({ key, notice: loaded.notice });
    if (loaded.data === null) continue;
    const restored = binding.doc.salvage(loaded.data);
    if (!restored.ok) {
      notices.push({ key, notice: { kind: 'reset-to-defaults', cause: 'damaged', movedTo: '-', reason: restored.reason } });
      continue;
    }
    binding.write(restored.value);
    if (restored.dropped.length > 0 && loaded.notice?.kind !== 'entries-dropped') {
      const reason = restored.dropped.map((d) => `${d.count} in ${d.field}`).join(', ');
      notices.push({ key, notice: { kind: 'entries-dropped', cause: 'damaged', movedTo: '-', reason, dropped: restored.dropped } });
    }
  }
  return { notices };
}

/** Reads every document of the app through the host and puts it in the store. */
export function loadPersisted(host: DocHost): Promise<LoadedDocs> {
  return loadDocs(host, appTarget());
}

/** Shows the load notices in the current language. */
export function announceLoadNotices(loaded: LoadedDocs<string>, notify: PersistTarget['notify'] = appTarget().notify): void {
  for (const { key, notice } of loaded.notices) notify('warning', noticeText(key, notice));
}

/**
 * Saves each bound document shortly after it changes, and at once when the page is hidden or
 * closed. Only starts after loading, so defaults never overwrite a learner's file. A save that
 * fails is said once (not at every keystroke), the work stays in the store, and it is tried again
 * on the next change and every RETRY_MS; when one succeeds again, that is said too.
 */
export function autosaveDocs<K extends string>(
  host: DocHost<K>,
  target: PersistTarget<K>,
  exposeFlush?: (flush: () => void) => void,
): () => void {
  const { notify } = target;
  const byKey = new Map(target.bound.map((binding) => [binding.doc.key, binding]));
  const timers = new Map<K, ReturnType<typeof setTimeout>>();
  const pending = new Set<K>();
  const failing = new Set<K>();
  const firstChange = new Map<K, number>();
  const schedule = (key: K, ms: number) => {
    pending.add(key);
    clearTimeout(timers.get(key));
    timers.set(
      key,
      setTimeout(() => save(key), ms),
    );
  };
  const failed = (key: K, text: string) => {
    if (!failing.has(key)) notify('error', text);
    failing.add(key);
    schedule(key, RETRY_MS);
  };
  const save = (key: K) => {
    timers.delete(key);
    pending.delete(key);
    firstChange.delete(key);
    const binding = byKey.get(key);
    if (!binding) return;
    host.storeSave(key, binding.read()).then(
      (result) => {
        if (!result.ok) {
          failed(key, saveProblemText(key, result));
        } else if (failing.delete(key)) {
          notify('success', i18next.t('notices.saveRecovered', { doc: docName(key) }));
        }
      },
      (e: unknown) => failed(key, i18next.t('notices.saveFailed', { doc: docName(key), message: (e as Error).message })),
    );
  };
  const flush = () => {
    for (const key of [...pending]) {
      clearTimeout(timers.get(key));
      save(key);
    }
  };
  // A change is saved SAVE_DELAY_MS after the last one, but never later than SAVE_MAX_WAIT_MS after
  // the first: a stream of changes (typing, a workbench writing its answer on every edit) must not
  // keep postponing the save of the learner's work.
  const changed = (key: K) => {
    const now = Date.now();
    const first = firstChange.get(key) ?? now;
    firstChange.set(key, first);
    schedule(key, Math.max(0, Math.min(SAVE_DELAY_MS, first + SAVE_MAX_WAIT_MS - now)));
  };
  const unwatch = [...byKey].map(([key, binding]) => binding.watch(() => changed(key)));
  const onHide = () => {
    if (document.visibilityState === 'hidden') flush();
  };
  window.addEventListener('pagehide', flush);
  document.addEventListener('visibilitychange', onHide);
  exposeFlush?.(flush);
  return () => {
    flush();
    for (const stop of unwatch) stop();
    window.removeEventListener('pagehide', flush);
    document.removeEventListener('visibilitychange', onHide);
  };
}

/** Saves every document of the app shortly after it changes; returns a stop that saves what is pending. */
export function startAutosave(host: DocHost): () => void {
  const stop = autosaveDocs(host, appTarget(), (flush) => {
    flushApp = flush;
  });
  return () => {
    flushApp = null;
    stop();
  };
}

let flushApp: (() => void) | null = null;

/**
 * Saves what is pending now instead of after the delay. Check calls it: the answer being graded is
 * on disk before the verdict shows, so a reload or a closed window right after cannot lose it (a
 * write started while the page unloads is not guaranteed to finish in a browser).
 */
export function flushPendingSaves(): void {
  flushApp?.();
}
