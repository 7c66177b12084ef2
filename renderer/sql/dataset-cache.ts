/**
 * Bundled databases kept in the browser's Cache Storage after their first download, so opening
 * one again (next visit, after a reload) reads it from disk instead of fetching and unpacking it.
 * Entries are keyed by the file's SHA-256 from the catalog: a rebuilt dataset is a new key, and
 * the old copy of the same file is dropped when the new one is stored. Only the web app uses it:
 * the desktop app reads app:// files from its own bundle, which is local already.
 */

import { CATALOG_PATH, parseCatalog } from '../../core/datasets/catalog.ts';

/** The Cache Storage bucket (bump when the stored form changes). */
export const DATASET_CACHE = 'datalit-datasets-v1';

/** A bundled file: where it is served, and its hash when the catalog knows it. */
export interface DatasetFile {
  url: string;
  sha256?: string;
}

function cacheUsable(): boolean {
  return typeof caches !== 'undefined' && typeof location !== 'undefined' && /^https?:$/.test(location.protocol);
}

function keyOf(file: DatasetFile): string {
  const url = new URL(file.url, location.href);
  url.searchParams.set('sha256', file.sha256 ?? '');
  return url.href;
}

async function download(url: string): Promise<Response> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`Could not load ${url}: HTTP ${res.status}`);
  return res;
}

/** The file's bytes: from the cache when an entry with its hash is there, otherwise downloaded (and stored). */
export async function fetchDatasetBytes(file: DatasetFile): Promise<Uint8Array> {
  if (!cacheUsable() || !file.sha256) return new Uint8Array(await (await download(file.url)).arrayBuffer());
  let cache: Cache;
  try {
    cache = await caches.open(DATASET_CACHE);
  } catch {
    // Storage refused (private mode, quota): the network still works.
    return new Uint8Array(await (await download(file.url)).arrayBuffer());
  }
  const key = keyOf(file);
  const hit = await cache.match(key).catch(() => undefined);
  if (hit) return new Uint8Array(await hit.arrayBuffer());
  const bytes = new Uint8Array(await (await download(file.url)).arrayBuffer());
  void store(cache, file, key, bytes);
  return bytes;
}

/** Stores the bytes under their hash and drops other versions of the same file; a full disk only skips the caching. */
async function store(cache: Cache, file: DatasetFile, key: string, bytes: Uint8Array): Promise<void> {
  try {
    const path = new URL(file.url, location.href).pathname;
    for (const old of await cache.keys()) {
      if (new URL(old.url).pathname === path && old.url !== key) await cache.delete(old);
    }
    await cache.put(key, new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { 'Content-Type': 'application/vnd.sqlite3' } }));
  } catch {
    // Quota exceeded or storage cleared meanwhile: next time it downloads again.
  }
}

/** A bundled database's bytes by its catalog id, through the cache (the workbench workers open databases by id). */
export async function catalogDatabaseBytes(id: string): Promise<Uint8Array> {
  const res = await fetch(CATALOG_PATH);
  if (!res.ok) throw new Error(`Could not load the catalog: HTTP ${res.status}`);
  const parsed = parseCatalog(await res.json());
  if (!parsed.ok) throw new Error(parsed.reason);
  const db = parsed.catalog.databases.find((d) => d.id === id);
  if (!db) throw new Error(`The database '${id}' is not in the catalog.`);
  return fetchDatasetBytes({ url: `datasets/${db.file}`, ...(db.sha256 !== undefined ? { sha256: db.sha256 } : {}) });
}
