import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import initSqlJs from 'sql.js';
import type * as SqlClientModule from '../../../renderer/sql/sql-client.ts';
import type { SqlClient } from '../../../renderer/sql/sql-client.ts';

/**
 * The sandbox's database opens (renderer/features/sandbox/workbench.ts) against the real SQL
 * client and worker, with the one thing that made them race under control: when each database
 * file's bytes arrive. A lesson link followed while the first database was still loading once left
 * that first database in the engine under the lesson's database name.
 */

const files = vi.hoisted(() => {
  const waiting = new Map<string, (bytes: Uint8Array) => void>();
  const asked: string[] = [];
  const clients: SqlClient[] = [];
  return { waiting, asked, clients };
});

vi.mock('../../../renderer/sql/dataset-cache.ts', () => ({
  DATASET_CACHE: 'test',
  fetchDatasetBytes: (file: { url: string }) => {
    files.asked.push(file.url);
    return new Promise<Uint8Array>((resolve) => files.waiting.set(file.url, resolve));
  },
}));

vi.mock('../../../renderer/sql/sql-client.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof SqlClientModule>();
  const { createNodeSqlWorker } = await import('../../../scripts/lib/node-sql-worker.ts');
  class NodeSqlClient extends actual.SqlClient {
    constructor() {
      super({ createWorker: createNodeSqlWorker });
      files.clients.push(this);
    }
  }
  return { ...actual, SqlClient: NodeSqlClient };
});

const WAREHOUSE = 'datasets/hanbit-warehouse.sqlite';
const DEMO = 'datasets/demo.sqlite';
const PROD = 'datasets/hanbit-prod.sqlite';

async function databaseWith(table: string): Promise<Uint8Array> {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.run(`CREATE TABLE ${table} (id INTEGER); INSERT INTO ${table} VALUES (1);`);
  const bytes = db.export();
  db.close();
  return bytes;
}

/** Hands a file's bytes to the open that asked for them, once it has asked. */
async function arrive(url: string, table: string): Promise<void> {
  await vi.waitFor(() => expect(files.waiting.has(url)).toBe(true));
  const resolve = files.waiting.get(url)!;
  files.waiting.delete(url);
  resolve(await databaseWith(table));
}

async function load() {
  const workbench = await import('../../../renderer/features/sandbox/workbench.ts');
  const { useStore } = await import('../../../renderer/state/store.ts');
  return { ...workbench, useStore };
}

/** What the engine itself holds, asked with a query (not what the store says). */
async function engineTables(queryData: (sql: string) => Promise<{ results: { rows: unknown[][] }[] }>): Promise<string[]> {
  const out = await queryData("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
  return out.results[0]!.rows.map((r) => String(r[0]));
}

beforeEach(() => {
  vi.resetModules();
  files.waiting.clear();
  files.asked.length = 0;
  const catalog = readFileSync(new URL('../../../public/datasets/catalog.json', import.meta.url), 'utf8');
  vi.stubGlobal('fetch', () => Promise.resolve(new Response(catalog, { headers: { 'content-type': 'application/json' } })));
});

afterEach(() => {
  for (const c of files.clients.splice(0)) c.dispose();
  vi.unstubAllGlobals();
});

describe('opening databases one after another', () => {
  it('a lesson’s database asked for while the first one loads stays open when the first one’s file arrives last', async () => {
    const { initWorkbench, openDatabase, databaseReady, queryData, useStore } = await load();
    const started = initWorkbench();
    await vi.waitFor(() => expect(files.asked).toContain(WAREHOUSE));
    // The lesson link: a small database, asked for second.
    const lesson = openDatabase('demo', { remember: false });
    expect(useStore.getState().databaseId).toBe('demo');
    // Out of order: its small file arrives first when it has been asked for, the warehouse's 6 MB after it.
    const demoFirst = files.asked.includes(DEMO);
    if (demoFirst) await arrive(DEMO, 'customers');
    await arrive(WAREHOUSE, 'fact_orders');
    if (!demoFirst) await arrive(DEMO, 'customers');
    await Promise.all([started, lesson, databaseReady()]);

    const state = useStore.getState();
    expect(state.databaseId).toBe('demo');
    expect(state.engine).toBe('idle');
    expect(state.schema.map((o) => o.name)).toEqual(['customers']);
    expect(await engineTables(queryData)).toEqual(['customers']);
    // The warehouse was replaced before it was ready: it is not the database to reopen next time.
    expect(state.settings.lastDatabase).not.toBe('hanbit-warehouse');
  });

  it('a lesson link followed before the catalog is read opens the lesson’s database, not the first one', async () => {
    const { initWorkbench, openDatabase, databaseReady, queryData, useStore } = await load();
    const lesson = openDatabase('demo', { remember: false });
    const started = initWorkbench();
    await arrive(DEMO, 'customers');
    await Promise.all([lesson, started, databaseReady()]);

    expect(files.asked).toEqual([DEMO]);
    const state = useStore.getState();
    expect(state.databaseId).toBe('demo');
    expect(state.engine).toBe('idle');
    expect(state.schema.map((o) => o.name)).toEqual(['customers']);
    expect(await engineTables(queryData)).toEqual(['customers']);
  });

  it('of three opens in quick succession the last one wins; the middle one is never fetched', async () => {
    const { initWorkbench, openDatabase, databaseReady, queryData, useStore } = await load();
    const started = initWorkbench();
    await vi.waitFor(() => expect(files.asked).toContain(WAREHOUSE));
    const middle = openDatabase('demo');
    const last = openDatabase('hanbit-prod');
    expect(useStore.getState().databaseId).toBe('hanbit-prod');
    await arrive(WAREHOUSE, 'fact_orders');
    await arrive(PROD, 'users');
    await Promise.all([started, middle, last, databaseReady()]);

    expect(files.asked).toEqual([WAREHOUSE, PROD]);
    const state = useStore.getState();
    expect(state.databaseId).toBe('hanbit-prod');
    expect(state.schema.map((o) => o.name)).toEqual(['users']);
    expect(await engineTables(queryData)).toEqual(['users']);
    expect(state.settings.lastDatabase).toBe('hanbit-prod');
  });
});
