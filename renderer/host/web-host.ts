import { createStore, get, set, del } from 'idb-keyval';
import type { LoadCause, LoadResult, SaveResult } from '../../core/contract.ts';
import { restoreDoc, type DocKey } from '../../core/persist/docs.ts';
import type { Host } from './host.ts';

/**
 * Web mode: the same documents in IndexedDB. Mirrors the Electron store's rules: keep a `.bak`
 * of the last good value, move a damaged value aside under a `.corrupt-<time>` key (one from a
 * newer version of the app under `.newer-<time>`), never wipe it.
 */
export function createWebHost(): Host {
  const store = createStore('datalit', 'documents');
  const queues = new Map<DocKey, Promise<void>>();

  async function loadDoc(key: DocKey): Promise<LoadResult> {
    const raw: unknown = await get(key, store);
    if (raw === undefined) {
      const bak: unknown = await get(`${key}.bak`, store);
      if (bak !== undefined && restoreDoc(key, bak).ok) {
        await set(key, bak, store);
        return { data: bak, notice: null };
      }
      return { data: null, notice: null };
    }
    const restored = restoreDoc(key, raw);
    if (restored.ok) return { data: raw, notice: null };
    const newer = restored.newerFormat !== undefined;
    const cause: LoadCause = newer ? 'newer-version' : 'damaged';
    const movedTo = `${key}.${newer ? 'newer' : 'corrupt'}-${new Date().toISOString()}`;
    await set(movedTo, raw, store);
    const bak: unknown = await get(`${key}.bak`, store);
    if (bak !== undefined && restoreDoc(key, bak).ok) {
      await set(key, bak, store);
      return { data: bak, notice: { kind: 'restored-from-backup', cause, movedTo: `IndexedDB: ${movedTo}`, reason: restored.reason } };
    }
    await del(key, store);
    return { data: null, notice: { kind: 'reset-to-defaults', cause, movedTo: `IndexedDB: ${movedTo}`, reason: restored.reason } };
  }

  async function writeDoc(key: DocKey, data: unknown): Promise<void> {
    const previous: unknown = await get(key, store);
    if (previous !== undefined && restoreDoc(key, previous).ok) await set(`${key}.bak`, previous, store);
    await set(key, data, store);
  }

  function saveDoc(key: DocKey, data: unknown): Promise<SaveResult> {
    // Saves of one key run one after another, like the file store's queue.
    const next = (queues.get(key) ?? Promise.resolve()).then(() => writeDoc(key, data));
    queues.set(
      key,
      next.catch(() => undefined),
    );
    return next.then(
      (): SaveResult => ({ ok: true }),
      (e: unknown): SaveResult => {
        const name = e instanceof Error ? e.name : '';
        const problem = name === 'QuotaExceededError' ? 'disk-full' : name === 'InvalidStateError' ? 'unwritable' : 'failed';
        return { ok: false, problem, path: 'IndexedDB', detail: e instanceof Error ? e.message : String(e) };
      },
    );
  }

  return {
    kind: 'web',
    loadDoc,
    saveDoc,
    appInfo: async () => ({
      version: __APP_VERSION__,
      platform: 'web',
      packaged: import.meta.env.PROD,
      locale: navigator.language,
      userDataPath: 'IndexedDB',
    }),
  };
}
