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
  it('a file SQLite cannot open is refused with its reason; the database open before comes back with the learner’s writes', async () => {
    const client = new SqlClient({ createWorker: createNodeSqlWorker });
    clients.push(client);
    await client.openBytes('file:garden.db', await fileWith("CREATE TABLE plants (name TEXT); INSERT INTO plants VALUES ('basil');"));
    // A write the standbys replay and one they cannot (random()): both are the learner's state.
    await client.exec("CREATE TABLE notes (t TEXT); INSERT INTO notes VALUES ('water on monday');", { maxRows: 1 });
    await client.exec('CREATE TABLE draws AS SELECT random() AS r', { maxRows: 1 });
    const drawn = (await client.exec('SELECT r FROM draws', { maxRows: 1 })).results[0]?.rows;
    await client.exec("INSERT INTO notes VALUES ('repot in may')", { maxRows: 1 });

    // The right first bytes, then nothing a database has: SQLite itself refuses it.
    const damaged = new Uint8Array(8192);
    damaged.set(new TextEncoder().encode('SQLite format 3\0'));
    damaged.fill(0x41, 16);
    await expect(client.openBytes('file:broken.db', damaged)).rejects.toThrow(/Cannot open the database: .+/);

    // What the app does next (workbench.openDatabaseBytes): reopen the database that was open, by its id.
    await client.open({ id: 'file:garden.db', url: '' });
    expect((await client.schema()).map((o) => o.name).sort()).toEqual(['draws', 'notes', 'plants']);
    expect((await client.exec('SELECT t FROM notes ORDER BY rowid', { maxRows: 5 })).results[0]?.rows).toEqual([
      ['water on monday'],
      ['repot in may'],
    ]);
    expect((await client.exec('SELECT r FROM draws', { maxRows: 1 })).results[0]?.rows).toEqual(drawn);
    // And it survives a cancel there.
    const runaway = client.exec('WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM r) SELECT count(*) FROM r', { maxRows: 1 });
    runaway.catch(() => undefined);
    await new Promise((r) => setTimeout(r, 100));
    await client.cancel();
    expect((await client.exec('SELECT count(*) FROM notes', { maxRows: 1 })).results[0]?.rows).toEqual([[2]]);
  });
});
