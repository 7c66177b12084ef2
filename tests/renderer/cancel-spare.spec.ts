import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import initSqlJs from 'sql.js';
import { QueryCancelledError, SqlClient, type DatabaseSource } from '../../renderer/sql/sql-client.ts';
import type { WorkerPort } from '../../core/worker/envelope.ts';
import { createNodeSqlWorker } from '../../scripts/lib/node-sql-worker.ts';

/**
 * Cancel with a large database open (issue 14, point 2): the spare worker keeps the learner's
 * current state open before it is needed, so a cancel promotes it instead of reopening ~50 MB.
 * Real worker_threads running sql.js; the runaway query really blocks its thread.
 */

const RUNAWAY = 'WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM r) SELECT count(*) FROM r';
const BIG_ROWS = 48_000; // × ~1.04 KB a row ≈ 50 MB

let source: DatabaseSource;
let bigBytes = 0;

beforeAll(async () => {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.run(
    `CREATE TABLE events (id INTEGER PRIMARY KEY, payload TEXT);
     WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${BIG_ROWS})
     INSERT INTO events SELECT i, hex(randomblob(500)) FROM n;`,
  );
  const bytes = db.export();
  db.close();
  bigBytes = bytes.byteLength;
  source = { id: 'big', url: URL.createObjectURL(new Blob([bytes.slice().buffer])) };
}, 60_000);

afterAll(() => URL.revokeObjectURL(source.url));

/** Every worker the client started, with how many `open` requests it was sent and answered. */
interface Tracked {
  opens: number;
  answeredOpens: number;
}

const clients: SqlClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.dispose();
});

/**
 * A client on real workers that counts the `open` requests each one receives; `slowSnapshotMs`
 * holds back each snapshot's answer, as a large database's export takes that long.
 */
function trackedClient(slowSnapshotMs = 0): { client: SqlClient; workers: Tracked[] } {
  const workers: Tracked[] = [];
  const createWorker = (): WorkerPort => {
    const inner = createNodeSqlWorker();
    const tracked: Tracked = { opens: 0, answeredOpens: 0 };
    workers.push(tracked);
    const openIds = new Set<number>();
    const snapshotIds = new Set<number>();
    const port: WorkerPort = {
      onmessage: null,
      onerror: null,
      postMessage(message, transfer) {
        const request = message as { action?: string; id: number };
        if (request.action === 'snapshot') snapshotIds.add(request.id);
        if (request.action === 'open') {
          tracked.opens++;
          openIds.add(request.id);
        }
        inner.postMessage(message, transfer);
      },
      terminate: () => inner.terminate(),
    };
    inner.onmessage = (event) => {
      const answer = event.data as { id: number; progress?: unknown };
      if (openIds.has(answer.id) && answer.progress === undefined) tracked.answeredOpens++;
      if (snapshotIds.has(answer.id) && slowSnapshotMs > 0) setTimeout(() => port.onmessage?.(event), slowSnapshotMs);
      else port.onmessage?.(event);
    };
    inner.onerror = (event) => port.onerror?.(event);
    return port;
  };
  const client = new SqlClient({ createWorker });
  clients.push(client);
  return { client, workers };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until the spare has had its chance: the last write's snapshot has arrived (a query runs
 * after it), the spare was started (after a cancel, with a delay) and it answered every `open`.
 */
async function spareCaughtUp(client: SqlClient, workers: Tracked[]): Promise<void> {
  await client.exec('SELECT 1', { maxRows: 1 });
  await sleep(500);
  for (let waited = 0; waited < 15_000; waited += 50) {
    const spare = workers.at(-1);
    if (workers.length >= 2 && spare && spare.opens > 0 && spare.answeredOpens === spare.opens) return;
    await sleep(50);
  }
  throw new Error('the spare never opened the current state');
}

/** Starts the runaway query, lets it block its thread, cancels it; resolves once the client is ready again. */
async function runawayCancelled(client: SqlClient): Promise<void> {
  const runaway = client.exec(RUNAWAY, { maxRows: 1 }).catch((e: unknown) => e);
  await sleep(200);
  expect(client.busy).toBe(true);
  await client.cancel();
  expect(await runaway).toBeInstanceOf(QueryCancelledError);
  expect(client.busy).toBe(false);
}

async function count(client: SqlClient, table: string): Promise<unknown> {
  const result = await client.exec(`SELECT count(*) FROM ${table}`, { maxRows: 1 });
  expect(result.error).toBeNull();
  return result.results[0]?.rows[0]?.[0];
}

describe('SqlClient cancel with a large database open', () => {
  it('keeps the learner’s table, queryable right after, and promotes a spare that already holds it', async () => {
    expect(bigBytes).toBeGreaterThan(45 * 1024 * 1024);
    const { client, workers } = trackedClient();
    await client.open(source);
    const created = await client.exec("CREATE TABLE mine (note TEXT); INSERT INTO mine VALUES ('첫 줄');", { maxRows: 1 });
    expect(created.wrote).toBe(true);
    await spareCaughtUp(client, workers);

    const spare = workers.at(-1) as Tracked;
    const opensBefore = spare.opens;
    await runawayCancelled(client);
    // The promoted worker opened nothing for the cancel: the learner's state was already open in it.
    expect(spare.opens).toBe(opensBefore);
    expect(await count(client, 'mine')).toBe(1);
    expect(await count(client, 'events')).toBe(BIG_ROWS);
    const schema = await client.schema();
    expect(schema.map((o) => [o.name, o.bundled])).toEqual([
      ['events', true],
      ['mine', false],
    ]);
    // The bundled table stays protected in the promoted worker.
    expect((await client.exec('DROP TABLE events', { maxRows: 1 })).error?.message).toMatch(/bundled/);
  }, 90_000);

  it('cancels twice in a row with writes in between, keeping every write', async () => {
    const { client, workers } = trackedClient();
    await client.open(source);
    await client.exec('CREATE TABLE mine (x INTEGER); INSERT INTO mine VALUES (1);', { maxRows: 1 });
    await spareCaughtUp(client, workers);
    await runawayCancelled(client);
    expect(await count(client, 'mine')).toBe(1);

    // A write after the cancel reaches the new spare, so the next cancel keeps it too.
    await client.exec('INSERT INTO mine VALUES (2); CREATE TABLE second (y);', { maxRows: 1 });
    await spareCaughtUp(client, workers);
    await runawayCancelled(client);
    expect(await count(client, 'mine')).toBe(2);
    expect(await count(client, 'second')).toBe(0);

    // A cancel right after a write, before the spare can have caught up, still keeps the write.
    await client.exec('INSERT INTO mine VALUES (3);', { maxRows: 1 });
    await runawayCancelled(client);
    expect(await count(client, 'mine')).toBe(3);
  }, 120_000);

  it('an imported CSV reaches the spare and survives a cancel it did not have to reopen for', async () => {
    const { client, workers } = trackedClient();
    await client.open(source);
    const csv = new TextEncoder().encode('id,name\n1,김민준\n2,Lee\n');
    const imported = await client.importData(csv, { format: 'csv', table: 'people' });
    expect(imported).toMatchObject({ tables: ['people'], rows: 2 });
    await spareCaughtUp(client, workers);
    const spare = workers.at(-1) as Tracked;
    const opensBefore = spare.opens;
    await runawayCancelled(client);
    expect(spare.opens).toBe(opensBefore);
    expect(await count(client, 'people')).toBe(2);
  }, 90_000);

  it('a cancel while the last write’s snapshot is still being taken keeps that write', async () => {
    const { client } = trackedClient(1500);
    await client.open(source);
    await client.exec('CREATE TABLE mine (x INTEGER);', { maxRows: 1 });
    await client.exec('SELECT 1', { maxRows: 1 }); // waits for the first snapshot
    await client.exec('INSERT INTO mine VALUES (1);', { maxRows: 1 });
    // The runaway is queued behind the snapshot of that insert; the learner cancels meanwhile.
    await runawayCancelled(client);
    expect(await count(client, 'mine')).toBe(1);
    // A real runaway after that is still stopped, and the insert survives the restore.
    await runawayCancelled(client);
    expect(await count(client, 'mine')).toBe(1);
  }, 90_000);

  it('reset after a cancel brings back the bundled data, and a later cancel does not revive the learner’s tables', async () => {
    const { client, workers } = trackedClient();
    await client.open(source);
    await client.exec('CREATE TABLE mine (x);', { maxRows: 1 });
    await spareCaughtUp(client, workers);
    await client.reset();
    await spareCaughtUp(client, workers);
    await runawayCancelled(client);
    const schema = await client.schema();
    expect(schema.map((o) => o.name)).toEqual(['events']);
  }, 90_000);
});
