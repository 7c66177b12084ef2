import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { QueryCancelledError, SqlClient, type SnapshotLoss } from '../../renderer/sql/sql-client.ts';
import { createNodeSqlWorker } from '../../scripts/lib/node-sql-worker.ts';

/**
 * Cancel with a large database open (≥ 50 MB, built here with better-sqlite3), on real Node SQL
 * workers: whatever the timing (a plain cancel, one right after a write, two in a row, one right
 * after a write the standbys cannot replay, one inside a transaction) the learner's committed
 * tables answer afterwards and nothing is reported lost. Timing itself is the benchmark's (npm run bench -- --only=cancel).
 */

const RUNAWAY = 'WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM r) SELECT count(*) FROM r';
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Rows in the events table: enough for a file over 50 MB. */
const EVENT_ROWS = 900_000;

let dir: string;
let bytes: Uint8Array;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'datalit-cancel-'));
  const path = join(dir, 'large.sqlite');
  const db = new Database(path);
  db.pragma('journal_mode = OFF');
  db.exec(`
    CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, country TEXT NOT NULL);
    INSERT INTO users WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r WHERE x < 20000)
      SELECT x, printf('user-%05d', x), CASE x % 3 WHEN 0 THEN 'KR' WHEN 1 THEN 'US' ELSE 'JP' END FROM r;
    CREATE TABLE events (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL, page TEXT NOT NULL);
    INSERT INTO events WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r WHERE x < ${EVENT_ROWS})
      SELECT x, 1 + x % 20000, printf('/products/%08d/%s', x, hex(randomblob(16))) FROM r;
  `);
  db.close();
  bytes = new Uint8Array(readFileSync(path));
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const clients: SqlClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.dispose();
});

async function openLarge(): Promise<{ client: SqlClient; losses: SnapshotLoss[] }> {
  const client = new SqlClient({ createWorker: createNodeSqlWorker });
  clients.push(client);
  const losses: SnapshotLoss[] = [];
  client.onSnapshotLost((loss) => losses.push(loss));
  await client.openBytes('large', bytes);
  return { client, losses };
}

/** Starts a runaway query, lets it run, cancels it; the query rejects as cancelled. */
async function runawayThenCancel(client: SqlClient, afterMs: number): Promise<void> {
  const runaway = client.exec(RUNAWAY, { maxRows: 1 }).catch((e: unknown) => e);
  await sleep(afterMs);
  await client.cancel();
  expect(await runaway).toBeInstanceOf(QueryCancelledError);
}

async function count(client: SqlClient, table: string): Promise<unknown> {
  const result = await client.exec(`SELECT count(*) FROM ${table}`, { maxRows: 1 });
  expect(result.error).toBeNull();
  return result.results[0]?.rows[0]?.[0];
}

describe('cancel with a large database open', () => {
  it('is at least 50 MB', () => {
    expect(bytes.byteLength).toBeGreaterThan(50 * 1024 * 1024);
  });

  it('keeps the learner’s tables: a plain cancel, one right after a CREATE TABLE AS, two in a row', async () => {
    const { client, losses } = await openLarge();
    await client.exec('CREATE TABLE kr_users AS SELECT * FROM users WHERE country = \'KR\'', { maxRows: 1 });
    await runawayThenCancel(client, 300);
    expect(await count(client, 'kr_users')).toBe(6666);

    // The runaway goes out the moment the write answers, as when the learner runs both in one go.
    const write = await client.exec('CREATE TABLE busy_pages AS SELECT page, count(*) AS n FROM events WHERE id % 7 = 0 GROUP BY page', {
      maxRows: 1,
    });
    expect(write.error).toBeNull();
    await runawayThenCancel(client, 50);
    expect(await count(client, 'busy_pages')).toBe(Math.floor(EVENT_ROWS / 7));

    // An UPDATE of the learner's table, then two cancels 100 ms apart.
    await client.exec("UPDATE kr_users SET name = 'renamed' WHERE id <= 300", { maxRows: 1 });
    await runawayThenCancel(client, 100);
    await runawayThenCancel(client, 100);
    expect(await count(client, "kr_users WHERE name = 'renamed'")).toBe(100);
    expect(await count(client, 'busy_pages')).toBe(Math.floor(EVENT_ROWS / 7));
    const names = (await client.schema()).map((o) => [o.name, o.bundled]);
    expect(names).toEqual(expect.arrayContaining([['kr_users', false], ['busy_pages', false], ['events', true], ['users', true]]));
    expect(losses).toEqual([]);
  }, 240_000);

  it('keeps a write the standbys cannot replay (random(), the clock) when the cancel comes right after it', async () => {
    const { client, losses } = await openLarge();
    const write = await client.exec("CREATE TABLE sample AS SELECT id, random() AS r, date('now') AS d FROM users WHERE id <= 500", {
      maxRows: 1,
    });
    expect(write.error).toBeNull();
    const before = (await client.exec('SELECT sum(r), min(d) FROM sample', { maxRows: 1 })).results[0]?.rows[0];
    await runawayThenCancel(client, 50);
    // The very values the learner saw, not a rerun of random().
    expect((await client.exec('SELECT sum(r), min(d) FROM sample', { maxRows: 1 })).results[0]?.rows[0]).toEqual(before);
    await runawayThenCancel(client, 50);
    expect(await count(client, 'sample')).toBe(500);
    expect(losses).toEqual([]);
  }, 240_000);

  it('inside an open transaction, a cancel goes back to the last committed state; after COMMIT the rows stay', async () => {
    const { client, losses } = await openLarge();
    await client.exec('CREATE TABLE notes (t TEXT)', { maxRows: 1 });
    await client.exec("BEGIN; INSERT INTO notes VALUES ('not yet committed');", { maxRows: 1 });
    await client.exec("INSERT INTO notes VALUES ('still open')", { maxRows: 1 });
    await runawayThenCancel(client, 100);
    expect(await count(client, 'notes')).toBe(0);

    await client.exec('BEGIN', { maxRows: 1 });
    await client.exec("INSERT INTO notes VALUES ('kept')", { maxRows: 1 });
    await client.exec('COMMIT', { maxRows: 1 });
    await runawayThenCancel(client, 100);
    expect((await client.exec('SELECT t FROM notes', { maxRows: 5 })).results[0]?.rows).toEqual([['kept']]);
    // The restored worker is not left inside a transaction: the next write commits on its own.
    await client.exec("INSERT INTO notes VALUES ('after')", { maxRows: 1 });
    await runawayThenCancel(client, 100);
    expect(await count(client, 'notes')).toBe(2);
    expect(losses).toEqual([]);
  }, 240_000);
});
