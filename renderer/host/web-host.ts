import { createStore, get, set, del } from 'idb-keyval';
import type { LoadCause, LoadResult, SaveResult } from '../../core/contract.ts';
import { docsByKey, type AnyDocDef } from '../../core/persist/define-doc.ts';
import { DOCS, type DocKey } from '../../core/persist/docs.ts';
import type { Host } from './host.ts';
import { lazyWebXapi } from '../features/xapi/lazy-web-xapi.ts';
import { webAuthorFolder } from './web-author-folder.ts';

/** The few calls the web host makes on its storage: IndexedDB in the app, a Map in tests. */
export interface KeyValueStore {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
}

/** The app's IndexedDB database `datalit`, object store `documents`. */
export function indexedDbStore(): KeyValueStore {
  const store = createStore('datalit', 'documents');
  return {
    get: (key) => get(key, store),
    set: (key, value) => set(key, value, store),
    del: (key) => del(key, store),
  };
}

/** Where and how the web store keeps its documents. */
export interface WebDocStoreOptions<K extends string> {
  /** The documents it keeps; every declared document unless a test declares its own. */
  docs?: readonly (AnyDocDef & { key: K })[];
  /** Clock for the name of values moved aside. */
  now?: () => Date;
}

/** Loads and saves documents in a key-value store, by the same rules as the Electron file store. */
export interface WebDocStore<K extends string = DocKey> {
  load(key: K): Promise<LoadResult>;
  save(key: K, data: unknown): Promise<SaveResult>;
}

/**
 * The documents in a key-value store. Mirrors the Electron store's rules: keep a `.bak` of the
 * last good value, move a damaged value aside under a `.corrupt-<time>` key (one from a newer
 * version of the app under `.newer-<time>`), never wipe it; a value whose only damage is in some
 * entries is used without them, the original kept aside.
 */
export function createWebDocStore<K extends string = DocKey>(
  kv: KeyValueStore,
  { docs = DOCS as unknown as readonly (AnyDocDef & { key: K })[], now = () => new Date() }: WebDocStoreOptions<K> = {},
): WebDocStore<K> {
  const docOf = docsByKey(docs);
  const queues = new Map<K, Promise<void>>();
  const asideKey = (key: K, label: 'corrupt' | 'newer') => `${key}.${label}-${now().toISOString()}`;

  /** The backup when it exists and can be used (its damaged entries are dropped again on restore). */
  async function goodBackup(key: K): Promise<unknown> {
    const bak: unknown = await kv.get(`${key}.bak`);
    return bak !== undefined && docOf(key).salvage(bak).ok ? bak : undefined;
  }

  async function load(key: K): Promise<LoadResult> {
    const raw: unknown = await kv.get(key);
    if (raw === undefined) {
      const bak = await goodBackup(key);
      if (bak !== undefined) {
        await kv.set(key, bak);
        return { data: bak, notice: null };
      }
      return { data: null, notice: null };
    }
    const doc = docOf(key);
    const restored = doc.restore(raw);
    if (restored.ok) return { data: raw, notice: null };
    const salvaged = doc.salvage(raw);
    if (salvaged.ok) {
      const movedTo = asideKey(key, 'corrupt');
      await kv.set(movedTo, raw);
      await kv.set(key, salvaged.value);
      return {
        data: salvaged.value,
        notice: { kind: 'entries-dropped', cause: 'damaged', movedTo: `IndexedDB: ${movedTo}`, reason: restored.reason, dropped: salvaged.dropped },
      };
    }
    const newer = restored.newerFormat !== undefined;
    const cause: LoadCause = newer ? 'newer-version' : 'damaged';
    const movedTo = asideKey(key, newer ? 'newer' : 'corrupt');
    await kv.set(movedTo, raw);
    const bak = await goodBackup(key);
    if (bak !== undefined) {
      await kv.set(key, bak);
      return { data: bak, notice: { kind: 'restored-from-backup', cause, movedTo: `IndexedDB: ${movedTo}`, reason: restored.reason } };
    }
    await kv.del(key);
    return { data: null, notice: { kind: 'reset-to-defaults', cause, movedTo: `IndexedDB: ${movedTo}`, reason: restored.reason } };
  }

  async function writeDoc(key: K, data: unknown): Promise<void> {
    const previous: unknown = await kv.get(key);
    if (previous !== undefined && docOf(key).restore(previous).ok) await kv.set(`${key}.bak`, previous);
    await kv.set(key, data);
  }

  function save(key: K, data: unknown): Promise<SaveResult> {
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

  return { load, save };
}

/** Web mode: the same documents in IndexedDB (or the key-value store given). */
export function createWebHost(kv: KeyValueStore = indexedDbStore()): Host {
  const store = createWebDocStore(kv);
  return {
    kind: 'web',
    storeLoad: (key) => store.load(key),
    storeSave: (key, data) => store.save(key, data),
    appInfo: async () => ({
      version: __APP_VERSION__,
      platform: 'web',
      packaged: import.meta.env.PROD,
      locale: navigator.language,
      userDataPath: 'IndexedDB',
    }),
    // A browser has no command line: files come by drop or the file picker.
    launchTakeFile: async () => null,
    // Author mode: a folder from showDirectoryPicker (Chromium), re-read on every poll.
    ...webAuthorFolder(),
    // xAPI in the page: the queue in IndexedDB, credentials for this tab only (never persisted).
    ...lazyWebXapi(),
  };
}
