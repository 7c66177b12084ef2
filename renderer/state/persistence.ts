import i18next from 'i18next';
import { DOC_KEYS, restoreDoc, type DocKey, type DocTypes } from '../../core/persist/docs.ts';
import type { LoadNotice } from '../../core/contract.ts';
import type { Host } from '../host/host.ts';
import { useStore, type Store } from './store.ts';

const SAVE_DELAY_MS = 250;

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

function noticeText(key: DocKey, notice: LoadNotice): string {
  const doc = i18next.t(`notices.doc_${key}`);
  const id = notice.kind === 'restored-from-backup' ? 'notices.restoredFromBackup' : 'notices.resetToDefaults';
  return i18next.t(id, { doc, reason: notice.reason, path: notice.movedTo });
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
      notices.push({ key, notice: { kind: 'reset-to-defaults', movedTo: '-', reason: entry.error.message } });
      continue;
    }
    const { loaded } = entry;
    if (loaded.notice) notices.push({ key, notice: loaded.notice });
    if (loaded.data === null) continue;
    const restored = restoreDoc(key, loaded.data);
    if (restored.ok) useStore.setState(apply[key](restored.value as never));
    else notices.push({ key, notice: { kind: 'reset-to-defaults', movedTo: '-', reason: restored.reason } });
  }
  return { notices };
}

/** Shows the load notices in the current language. */
export function announceLoadNotices(loaded: LoadedDocs): void {
  for (const { key, notice } of loaded.notices) useStore.getState().notify('warning', noticeText(key, notice));
}

/**
 * Saves each document shortly after it changes, and at once when the page is hidden or closed.
 * Only starts after loading, so defaults never overwrite a learner's file.
 */
export function startAutosave(host: Host): () => void {
  const timers = new Map<DocKey, ReturnType<typeof setTimeout>>();
  const pending = new Set<DocKey>();
  const save = (key: DocKey) => {
    timers.delete(key);
    pending.delete(key);
    host.saveDoc(key, select[key](useStore.getState())).catch((e: unknown) => {
      useStore
        .getState()
        .notify('error', i18next.t('notices.saveFailed', { doc: i18next.t(`notices.doc_${key}`), message: (e as Error).message }));
    });
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
      pending.add(key);
      clearTimeout(timers.get(key));
      timers.set(
        key,
        setTimeout(() => save(key), SAVE_DELAY_MS),
      );
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
