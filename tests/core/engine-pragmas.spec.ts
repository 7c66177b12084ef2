import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import initSqlJs from 'sql.js';
import type { SqlJsStatic } from 'sql.js';
import { ENGINE_PRAGMAS, SqlEngine } from '../../core/sql/engine.ts';
import { QueryCancelledError, SqlClient } from '../../renderer/sql/sql-client.ts';
import { createNodeSqlWorker } from '../../scripts/lib/node-sql-worker.ts';

/**
 * Issue 14, point 1: every database the engine opens gets the same open-time pragmas, including
 * the one a cancel brings back on the spare worker. Behaviour only; speed is `npm run bench`'s job.
 */

const RUNAWAY = 'WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM r) SELECT count(*) FROM r';
const READ = 'PRAGMA journal_mode; PRAGMA synchronous; PRAGMA temp_store; PRAGMA cache_size';
const EXPECTED = [ENGINE_PRAGMAS.journalMode, ENGINE_PRAGMAS.synchronous, ENGINE_PRAGMAS.tempStore, ENGINE_PRAGMAS.cacheSize];

let SQL: SqlJsStatic;
let bytes: Uint8Array;
beforeAll(async () => {
  SQL = await initSqlJs();
  const db = new SQL.Database();
  db.run("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers VALUES (1, '김민준'), (2, 'Lee');");
  bytes = db.export();
  db.close();
});

const clients: SqlClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.dispose();
});

describe('engine pragmas', () => {
  it('are set on open and again on every reopen, unlike a bare sql.js database', () => {
    const bare = new SQL.Database(bytes);
    expect(bare.exec('PRAGMA journal_mode')[0]?.values[0]?.[0]).toBe('delete');
    bare.close();
    const engine = new SqlEngine(SQL);
    engine.open(bytes);
    expect(engine.enginePragmas()).toEqual(ENGINE_PRAGMAS);
    engine.exec('CREATE TABLE mine AS SELECT * FROM customers', 10);
    engine.open(engine.snapshot());
    expect(engine.enginePragmas()).toEqual(ENGINE_PRAGMAS);
    engine.close();
  });

  it('keep ROLLBACK working with the memory journal', () => {
    const engine = new SqlEngine(SQL);
    engine.open(bytes);
    const r = engine.exec("BEGIN; INSERT INTO customers VALUES (3, 'Park'); ROLLBACK; SELECT count(*) FROM customers", 10);
    expect(r.error).toBeNull();
    expect(r.results.at(-1)?.rows[0]?.[0]).toBe(2);
    engine.close();
  });

  it('hold on the worker a cancel brings back, with the learner’s table kept', async () => {
    const client = new SqlClient({ createWorker: createNodeSqlWorker });
    clients.push(client);
    const url = `data:application/vnd.sqlite3;base64,${Buffer.from(bytes).toString('base64')}`;
    await client.open({ id: 'pragmas', url });
    const before = await client.exec(READ, { maxRows: 1 });
    expect(before.error).toBeNull();
    expect(before.results.map((r) => r.rows[0]?.[0])).toEqual(EXPECTED);
    await client.exec('CREATE TABLE learner_table AS SELECT * FROM customers', { maxRows: 1 });
    const runaway = client.exec(RUNAWAY, { maxRows: 1 }).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 200));
    await client.cancel();
    expect(await runaway).toBeInstanceOf(QueryCancelledError);
    const after = await client.exec(`SELECT count(*) FROM learner_table; ${READ}`, { maxRows: 1 });
    expect(after.error).toBeNull();
    expect(after.results.map((r) => r.rows[0]?.[0])).toEqual([2, ...EXPECTED]);
  }, 30_000);
});
