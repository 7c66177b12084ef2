import { createStore, get, set, del } from 'idb-keyval';
import type { LoadResult } from '../../core/contract.ts';
import { restoreDoc, type DocKey } from '../../core/persist/docs.ts';
import type { Host } from './host.ts';

/**
 * Web mode: the same documents in IndexedDB. Mirrors the Electron store's rules: keep a `.bak`
 * of the last good value, move a damaged value aside under a `.corrupt-<time>` key, never wipe it.
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
    const movedTo = `${key}.corrupt-${new Date().toISOString()}`;
    await set(movedTo, raw, store);
    const bak: unknown = await get(`${key}.bak`, store);
    if (bak !== undefined && restoreDoc(key, bak).ok) {
      await set(key, bak, store);
      return { data: bak, notice: { kind: 'restored-from-backup', movedTo: `IndexedDB: ${movedTo}`, reason: restored.reason } };
    }
    await del(key, store);
    return { data: null, notice: { kind: 'reset-to-defaults', movedTo: `IndexedDB: ${movedTo}`, reason: restored.reason } };
  }

  async function writeDoc(key: DocKey, data: unknown): Promise<void> {
    const previous: unknown = await get(key, store);
    if (previous !== undefined && restoreDoc(key, previous).ok) await set(`${key}.bak`, previous, store);
    await set(key, data, store);
  }

  function saveDoc(key: DocKey, data: unknown): Promise<void> {
    // Saves of one key run one after another, like the file store's queue.
    const next = (queues.get(key) ?? Promise.resolve()).then(() => writeDoc(key, data));
    queues.set(
      key,
      next.catch(() => undefined),
    );
    return next;
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
    openExternal: async (url) => {
      const parsed = new URL(url);
      if (parsed.protocol === 'https:' || parsed.protocol === 'http:') window.open(parsed.href, '_blank', 'noopener,noreferrer');
    },
  };
}
