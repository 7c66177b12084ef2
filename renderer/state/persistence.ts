import i18next from 'i18next';
import { DOC_KEYS, restoreDoc, type DocKey, type DocTypes } from '../../core/persist/docs.ts';
import type { LoadNotice, SaveResult } from '../../core/contract.ts';
import type { Host } from '../host/host.ts';
import { useStore, type Store } from './store.ts';

const SAVE_DELAY_MS = 250;
/** After a failed save, how long until it is tried again even without a change (the work is only in memory meanwhile). */
const RETRY_MS = 15_000;

const select: { [K in DocKey]: (s: Store) => DocTypes[K] } = {
  settings: (s) => s.settings,
  progress: (s) => s.progress,
  queries: (s) => s.queries,
};

const apply: { [K in DocKey]: (value: DocTypes[K]) => Partial<Store> } = {
  settings: (settings) => ({ settings }),
  progress: (progress) => ({ progress }),
  queries: (queries) => ({ queries }),
};

const NOTICE_IDS: Record<LoadNotice['cause'], Record<LoadNotice['kind'], string>> = {
  damaged: { 'restored-from-backup': 'notices.restoredFromBackup', 'reset-to-defaults': 'notices.resetToDefaults' },
  stuck: { 'restored-from-backup': 'notices.stuckRestored', 'reset-to-defaults': 'notices.stuckReset' },
  unreadable: { 'restored-from-backup': 'notices.unreadableRestored', 'reset-to-defaults': 'notices.unreadableReset' },
  'newer-version': { 'restored-from-backup': 'notices.newerRestored', 'reset-to-defaults': 'notices.newerReset' },
  missing: { 'restored-from-backup': 'notices.missingRestored', 'reset-to-defaults': 'notices.resetToDefaults' },
};

function noticeText(key: DocKey, notice: LoadNotice): string {
  const doc = i18next.t(`notices.doc_${key}`);
  // A notice from an older main process has no cause: it was about a damaged file.
  const id = NOTICE_IDS[notice.cause ?? 'damaged'][notice.kind];
  return i18next.t(id, { doc, reason: notice.reason, path: notice.movedTo });
}

/** The learner-facing words for a save that did not happen. */
export function saveProblemText(key: DocKey, result: Exclude<SaveResult, { ok: true }>): string {
  const doc = i18next.t(`notices.doc_${key}`);
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
export interface LoadedDocs {
  notices: { key: DocKey; notice: LoadNotice }[];
}

/** Reads every document through the host, restores it, and puts it in the store. */
export async function loadPersisted(host: Host): Promise<LoadedDocs> {
  const notices: LoadedDocs['notices'] = [];
  // The documents are independent: read them at once.
  const loads = await Promise.all(
    DOC_KEYS.map((key) =>
      host.loadDoc(key).then(
        (loaded) => ({ key, loaded }),
        (e: unknown) => ({ key, error: e as Error }),
      ),
    ),
  );
  for (const entry of loads) {
    const { key } = entry;
    if ('error' in entry) {
      notices.push({ key, notice: { kind: 'reset-to-defaults', cause: 'unreadable', movedTo: '-', reason: entry.error.message } });
      continue;
    }
    const { loaded } = entry;
    if (loaded.notice) notices.push({ key, notice: loaded.notice });
    if (loaded.data === null) continue;
    const restored = restoreDoc(key, loaded.data);
    if (restored.ok) useStore.setState(apply[key](restored.value as never));
    else notices.push({ key, notice: { kind: 'reset-to-defaults', cause: 'damaged', movedTo: '-', reason: restored.reason } });
  }
  return { notices };
}

/** Shows the load notices in the current language. */
export function announceLoadNotices(loaded: LoadedDocs): void {
  for (const { key, notice } of loaded.notices) useStore.getState().notify('warning', noticeText(key, notice));
}

/**
 * Saves each document shortly after it changes, and at once when the page is hidden or closed.
 * Only starts after loading, so defaults never overwrite a learner's file. A save that fails
 * is said once (not at every keystroke), the work stays in the store, and it is tried again on
 * the next change and every RETRY_MS; when one succeeds again, that is said too.
 */
export function startAutosave(host: Host): () => void {
  const timers = new Map<DocKey, ReturnType<typeof setTimeout>>();
  const pending = new Set<DocKey>();
  const failing = new Set<DocKey>();
  const schedule = (key: DocKey, ms: number) => {
    pending.add(key);
    clearTimeout(timers.get(key));
    timers.set(
      key,
      setTimeout(() => save(key), ms),
    );
  };
  const failed = (key: DocKey, text: string) => {
    if (!failing.has(key)) useStore.getState().notify('error', text);
    failing.add(key);
    schedule(key, RETRY_MS);
  };
  const save = (key: DocKey) => {
    timers.delete(key);
    pending.delete(key);
    host.saveDoc(key, select[key](useStore.getState())).then(
      (result) => {
        if (!result.ok) {
          failed(key, saveProblemText(key, result));
        } else if (failing.delete(key)) {
          useStore.getState().notify('success', i18next.t('notices.saveRecovered', { doc: i18next.t(`notices.doc_${key}`) }));
        }
      },
      (e: unknown) => failed(key, i18next.t('notices.saveFailed', { doc: i18next.t(`notices.doc_${key}`), message: (e as Error).message })),
    );
  };
  const flush = () => {
    for (const key of [...pending]) {
      clearTimeout(timers.get(key));
      save(key);
    }
  };
  const unsubscribe = useStore.subscribe((state, prev) => {
    for (const key of DOC_KEYS) {
      if (select[key](state) === select[key](prev)) continue;
      schedule(key, SAVE_DELAY_MS);
    }
  });
  const onHide = () => {
    if (document.visibilityState === 'hidden') flush();
  };
  window.addEventListener('pagehide', flush);
  document.addEventListener('visibilitychange', onHide);
  return () => {
    flush();
    unsubscribe();
    window.removeEventListener('pagehide', flush);
    document.removeEventListener('visibilitychange', onHide);
  };
}
