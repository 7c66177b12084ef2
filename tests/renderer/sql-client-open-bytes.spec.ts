import { afterEach, describe, expect, it } from 'vitest';
import initSqlJs from 'sql.js';
import { SqlClient } from '../../renderer/sql/sql-client.ts';
import { createNodeSqlWorker } from '../../scripts/lib/node-sql-worker.ts';

/** A learner's file opened from its bytes (SqlClient.openBytes), against real Node workers. */

async function fileWith(sql: string): Promise<Uint8Array> {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.run(sql);
  const bytes = db.export();
  db.close();
  return bytes;
}

const clients: SqlClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.dispose();
});

describe('opening a database from its file’s bytes', () => {
  it('makes it the open database; a write survives a cancel and reset goes back to the file as opened', async () => {
    const client = new SqlClient({ createWorker: createNodeSqlWorker });
    clients.push(client);
    await client.openBytes('file:garden.db', await fileWith("CREATE TABLE plants (name TEXT); INSERT INTO plants VALUES ('basil'), ('mint');"));
    expect((await client.schema()).map((o) => [o.name, o.bundled, o.rowCount])).toEqual([['plants', true, 2]]);

    await client.exec('CREATE TABLE notes (t TEXT)', { maxRows: 10 });
    const runaway = client.exec('WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM r) SELECT count(*) FROM r', { maxRows: 1 });
    runaway.catch(() => undefined);
    await new Promise((r) => setTimeout(r, 100));
    await client.cancel();
    expect((await client.schema()).map((o) => o.name).sort()).toEqual(['notes', 'plants']);

    await client.reset();
    expect((await client.schema()).map((o) => o.name)).toEqual(['plants']);
  });

  it('a second file under the same name replaces the first, without the first one’s changes', async () => {
    const client = new SqlClient({ createWorker: createNodeSqlWorker });
    clients.push(client);
    await client.openBytes('file:a.db', await fileWith('CREATE TABLE first (x);'));
    await client.exec('CREATE TABLE mine (x)', { maxRows: 0 });
    await client.openBytes('file:a.db', await fileWith('CREATE TABLE second (x);'));
    expect((await client.schema()).map((o) => o.name)).toEqual(['second']);
  });
});
