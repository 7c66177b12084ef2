import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import initSqlJs from 'sql.js';
import {
  QueryCancelledError,
  SqlClient,
  type DatabaseSource,
  type SnapshotLoss,
  type SqlClientState,
} from '../../renderer/sql/sql-client.ts';
import type { Progress, WorkerPort } from '../../core/worker/envelope.ts';
import { createNodeSqlWorker } from '../../scripts/lib/node-sql-worker.ts';

/**
 * The client against real workers: each worker is a Node worker_threads thread running sql.js,
 * so a runaway query really blocks its thread and cancel really has to terminate it.
 */

const RUNAWAY = 'WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM r) SELECT count(*) FROM r';

let source: DatabaseSource;

beforeAll(async () => {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.run("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers VALUES (1, '김민준'), (2, 'Lee');");
  const bytes = db.export();
  db.close();
  source = { id: 'shop', url: `data:application/vnd.sqlite3;base64,${Buffer.from(bytes).toString('base64')}` };
});

const clients: SqlClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.dispose();
});

async function openClient(): Promise<SqlClient> {
  const client = new SqlClient({ createWorker: createNodeSqlWorker });
  clients.push(client);
  await client.open(source);
  return client;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('SqlClient', () => {
  it('runs queries and reports busy while one runs', async () => {
    const client = await openClient();
    const states: SqlClientState[] = [];
    client.onStateChange((s) => states.push(s));
    const pending = client.exec('SELECT name FROM customers ORDER BY id', { maxRows: 10 });
    expect(client.busy).toBe(true);
    const result = await pending;
    expect(result.results[0]?.rows).toEqual([['김민준'], ['Lee']]);
    expect(client.busy).toBe(false);
    expect(states).toEqual(['busy', 'idle']);
  });

  it('cancels a runaway recursive query and keeps the learner’s table', async () => {
    const client = await openClient();
    const created = await client.exec("CREATE TABLE mine AS SELECT * FROM customers; INSERT INTO mine VALUES (3, '새 고객');", {
      maxRows: 10,
    });
    expect(created.wrote).toBe(true);

    const states: SqlClientState[] = [];
    client.onStateChange((s) => states.push(s));
    const runaway = client.exec(RUNAWAY, { maxRows: 10 });
    const outcome = runaway.then(
      () => 'finished',
      (e: unknown) => e,
    );
    await sleep(300); // the worker thread is now stuck inside sqlite3_step
    expect(client.busy).toBe(true);
    await client.cancel();

    expect(await outcome).toBeInstanceOf(QueryCancelledError);
    expect(client.busy).toBe(false);
    expect(states).toContain('restoring');
    expect(states.at(-1)).toBe('idle');
    const after = await client.exec('SELECT count(*) FROM mine', { maxRows: 10 });
    expect(after.results[0]?.rows).toEqual([[3]]);
    const schema = await client.schema();
    expect(schema.map((o) => [o.name, o.bundled])).toEqual([
      ['customers', true],
      ['mine', false],
    ]);
    // The bundled table is still protected in the restored worker.
    expect((await client.exec('DROP TABLE customers', { maxRows: 10 })).error?.message).toMatch(/bundled/);
  });

  it('cancels twice in a row (the spare is replaced after each cancel)', async () => {
    const client = await openClient();
    await client.exec('CREATE TABLE kept (x)', { maxRows: 1 });
    for (let i = 0; i < 2; i++) {
      const runaway = client.exec(RUNAWAY, { maxRows: 1 }).catch((e: unknown) => e);
      await sleep(150);
      await client.cancel();
      expect(await runaway).toBeInstanceOf(QueryCancelledError);
    }
    expect((await client.exec('SELECT count(*) FROM kept', { maxRows: 1 })).error).toBeNull();
  });

  it('recovers like a cancel when the worker dies (say, out of memory)', async () => {
    // Wraps real workers; one message makes the worker look as if it died mid-query.
    const createWorker = (): WorkerPort => {
      const worker = createNodeSqlWorker();
      const post = worker.postMessage.bind(worker);
      worker.postMessage = (message: unknown, transfer?: ArrayBuffer[]) => {
        const request = message as { action?: string; sql?: string };
        if (request.action === 'exec' && request.sql === 'SELECT /* die */ 1') {
          setTimeout(() => worker.onerror?.({ message: 'Array buffer allocation failed', preventDefault() {} }));
          return;
        }
        post(message, transfer);
      };
      return worker;
    };
    const client = new SqlClient({ createWorker });
    clients.push(client);
    await client.open(source);
    await client.exec('CREATE TABLE mine (x)', { maxRows: 1 });
    const died = await client.exec('SELECT /* die */ 1', { maxRows: 1 }).catch((e: unknown) => e);
    expect(died).toBeInstanceOf(QueryCancelledError);
    expect((died as Error).message).toMatch(/Array buffer allocation failed.*restored/);
    expect((await client.exec('SELECT count(*) FROM mine', { maxRows: 1 })).error).toBeNull();
  });

  it('says which of the learner’s tables were lost when their snapshot cannot be opened again', async () => {
    // Real workers whose snapshots arrive damaged (whatever broke them, the client must say so).
    const damaging = (): WorkerPort => {
      const worker = createNodeSqlWorker();
      let downstream: ((event: { data: unknown }) => void) | null = null;
      const upstream = (event: { data: unknown }): void => {
        const data = event.data as { ok?: boolean; value?: { bytes?: Uint8Array } };
        if (data.ok && data.value?.bytes instanceof Uint8Array)
          data.value.bytes = new TextEncoder().encode('not a database at all'.repeat(100));
        downstream?.(event);
      };
      worker.onmessage = upstream;
      return new Proxy(worker, {
        set(target, key, value: unknown) {
          if (key === 'onmessage') downstream = value as (event: { data: unknown }) => void;
          else Reflect.set(target, key, value);
          return true;
        },
      });
    };
    const client = new SqlClient({ createWorker: damaging });
    clients.push(client);
    const losses: SnapshotLoss[] = [];
    client.onSnapshotLost((loss) => losses.push(loss));
    await client.open(source);
    // random() makes the batch one the standbys cannot replay, so the state is a snapshot, damaged on its way.
    await client.exec('CREATE TABLE mine (x); CREATE VIEW my_view AS SELECT 1; INSERT INTO mine VALUES (random());', { maxRows: 1 });
    await client.exec('SELECT 1', { maxRows: 1 }); // the snapshot request runs before this one
    const runaway = client.exec(RUNAWAY, { maxRows: 1 }).catch((e: unknown) => e);
    await sleep(150);
    await client.cancel();
    expect(await runaway).toBeInstanceOf(QueryCancelledError);
    expect(losses).toEqual([
      { databaseId: 'shop', tables: ['mine', 'my_view'], reason: expect.stringMatching(/Cannot open the database/) },
    ]);
    // The bundled data is open again, and usable.
    expect((await client.exec('SELECT count(*) FROM customers', { maxRows: 1 })).results[0]?.rows).toEqual([[2]]);
  });

  it('many writes in a row (the log folded into a snapshot at idle) all survive two cancels and switching databases and back', async () => {
    const client = await openClient();
    await client.exec('CREATE TABLE tally (n INTEGER)', { maxRows: 1 });
    for (let i = 1; i <= 55; i++) await client.exec(`INSERT INTO tally VALUES (${i})`, { maxRows: 1 });
    await client.standbysReady();
    await sleep(3000); // the fold runs at idle, 2 s after both standbys hold the state
    for (let i = 0; i < 2; i++) {
      const runaway = client.exec(RUNAWAY, { maxRows: 1 }).catch((e: unknown) => e);
      await sleep(100);
      await client.cancel();
      expect(await runaway).toBeInstanceOf(QueryCancelledError);
    }
    await client.exec('INSERT INTO tally VALUES (56)', { maxRows: 1 });
    const SQL = await initSqlJs();
    const other = new SQL.Database();
    other.run('CREATE TABLE elsewhere (x)');
    await client.openBytes('other', other.export());
    other.close();
    expect((await client.schema()).map((o) => o.name)).toEqual(['elsewhere']);
    await client.open(source);
    expect((await client.exec('SELECT count(*), sum(n) FROM tally', { maxRows: 1 })).results[0]?.rows).toEqual([[56, (56 * 57) / 2]]);
  });

  it('reset drops the learner’s changes', async () => {
    const client = await openClient();
    await client.exec('CREATE TABLE mine (x); DELETE FROM customers WHERE id = 1;', { maxRows: 1 });
    await client.reset();
    const schema = await client.schema();
    expect(schema.map((o) => o.name)).toEqual(['customers']);
    expect(schema[0]?.rowCount).toBe(2);
  });

  it('exports CSV through the worker', async () => {
    const client = await openClient();
    expect(await client.exportCsv('SELECT id, name FROM customers ORDER BY id')).toBe('\uFEFFid,name\r\n1,김민준\r\n2,Lee\r\n');
  });
});

describe('SqlClient: long work (cancel by id, progress, import)', () => {
  const rows = async (client: SqlClient, sql: string): Promise<unknown[][]> => {
    const result = await client.exec(sql, { maxRows: 100 });
    expect(result.error).toBeNull();
    return result.results[0]?.rows ?? [];
  };

  it('cancelling a queued operation by id drops it and leaves the running one alone', async () => {
    const client = await openClient();
    await client.exec('CREATE TABLE mine (x)', { maxRows: 1 });
    const states: SqlClientState[] = [];
    client.onStateChange((s) => states.push(s));
    const running = client.exec('WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM r WHERE x < 400000) SELECT count(*) FROM r', {
      maxRows: 1,
    });
    const queued = client.exec('DROP TABLE mine', { maxRows: 1 });
    const dropped = queued.catch((e: unknown) => e);
    await client.cancel(queued.id);
    expect(await dropped).toBeInstanceOf(QueryCancelledError);
    expect((await running).results[0]?.rows).toEqual([[400000]]);
    // No worker was terminated, and the cancelled statement never ran.
    expect(states).not.toContain('restoring');
    expect(await rows(client, "SELECT count(*) FROM sqlite_master WHERE name = 'mine'")).toEqual([[1]]);
  });

  it('cancelling the running operation by id stops its worker and restores the learner’s tables', async () => {
    const client = await openClient();
    await client.exec('CREATE TABLE mine (x); INSERT INTO mine VALUES (1)', { maxRows: 1 });
    const runaway = client.exec(RUNAWAY, { maxRows: 1 });
    const outcome = runaway.catch((e: unknown) => e);
    await sleep(200);
    await client.cancel(runaway.id);
    expect(await outcome).toBeInstanceOf(QueryCancelledError);
    expect(await rows(client, 'SELECT count(*) FROM mine')).toEqual([[1]]);
  });

  it('imports a CSV with a BOM, quoted line breaks and a ragged row (reported with its line); progress ends at 100%', async () => {
    const client = await openClient();
    const csv = '\uFEFFid,name,note,code\r\n1,김민준,"two\r\nlines",007\r\n2,Lee\r\n3,"Park, J.","say ""hi""",012\r\n4,Choi,,\r\n';
    const bytes = new TextEncoder().encode(csv);
    const progress: Progress[] = [];
    const result = await client.importData(bytes, {
      format: 'csv',
      table: 'people',
      chunkBytes: 7, // cuts the BOM, CRLFs, a Hangul character and quoted fields across chunks
      onProgress: (p) => progress.push(p),
    });
    expect(result).toMatchObject({
      tables: ['people'],
      rows: 3,
      problemCount: 1,
      problems: [{ line: 4, code: 'csv-field-count', expected: 4, found: 2 }],
    });
    expect(progress.length).toBeGreaterThan(5);
    expect(progress.every((p, i) => i === 0 || p.done >= (progress[i - 1] as Progress).done)).toBe(true);
    expect(progress.at(-1)).toEqual({ done: bytes.byteLength, total: bytes.byteLength });
    // Numbers become numbers; codes with leading zeros stay text; an empty field is NULL.
    expect(await rows(client, 'SELECT id, name, note, code FROM people ORDER BY rowid')).toEqual([
      [1, '김민준', 'two\r\nlines', '007'],
      [3, 'Park, J.', 'say "hi"', '012'],
      [4, 'Choi', null, null],
    ]);
    // The import is the learner's own table, and it survives a cancel and restore like one.
    const schema = await client.schema();
    expect(schema.find((o) => o.name === 'people')).toMatchObject({ bundled: false, rowCount: 3 });
    const runaway = client.exec(RUNAWAY, { maxRows: 1 }).catch((e: unknown) => e);
    await sleep(200);
    await client.cancel();
    expect(await runaway).toBeInstanceOf(QueryCancelledError);
    expect(await rows(client, 'SELECT count(*) FROM people')).toEqual([[3]]);
  });

  it('imports JSON lines into columns from the union of keys, reporting the bad lines', async () => {
    const client = await openClient();
    const text = [
      '{"id":1,"name":"a"}',
      '{"id":2,"tags":["x","y"],"ok":true}',
      '{"id":3, oops}',
      '[1,2]',
      '',
      '{"name":"c","score":2.5}',
    ].join('\n');
    const result = await client.importData(new TextEncoder().encode(text), { format: 'jsonl', table: 'events' });
    expect(result.rows).toBe(3);
    expect(result.problems).toEqual([
      { line: 3, code: 'json-invalid', detail: expect.any(String) },
      { line: 4, code: 'json-not-object' },
    ]);
    expect((await client.schema()).find((o) => o.name === 'events')?.columns.map((c) => c.name)).toEqual([
      'id',
      'name',
      'tags',
      'ok',
      'score',
    ]);
    expect(await rows(client, 'SELECT * FROM events ORDER BY rowid')).toEqual([
      [1, 'a', null, null, null],
      [2, null, '["x","y"]', 1, null],
      [null, 'c', null, null, 2.5],
    ]);
  });

  it('imports a SQLite file: its tables, rows and views join the open database', async () => {
    const SQL = await initSqlJs();
    const file = new SQL.Database();
    file.run(`CREATE TABLE sales (id INTEGER PRIMARY KEY, amount REAL, big INTEGER);
              INSERT INTO sales VALUES (1, 9.5, 9007199254740993), (2, 20.25, 3);
              CREATE INDEX sales_amount ON sales(amount);
              CREATE VIEW big_sales AS SELECT * FROM sales WHERE amount > 10;`);
    const bytes = file.export();
    file.close();
    const client = await openClient();
    const progress: Progress[] = [];
    const result = await client.importData(bytes, { format: 'sqlite', table: '', chunkBytes: 1024, onProgress: (p) => progress.push(p) });
    expect(result).toMatchObject({ tables: ['sales', 'big_sales'], rows: 2, problemCount: 0 });
    expect(progress.at(-1)).toEqual({ done: bytes.byteLength, total: bytes.byteLength });
    expect(await rows(client, 'SELECT id, CAST(big AS TEXT) FROM big_sales')).toEqual([[2, '3']]);
    expect(await rows(client, 'SELECT CAST(big AS TEXT) FROM sales WHERE id = 1')).toEqual([['9007199254740993']]);
    // A file whose tables collide with the open database's is refused whole.
    await expect(client.importData(bytes, { format: 'sqlite', table: '' })).rejects.toThrow(/already has tables named sales, big_sales/);
    await expect(
      client.importData(new TextEncoder().encode('not a database'.repeat(100)), { format: 'sqlite', table: '' }),
    ).rejects.toThrow(/not a SQLite database/);
    // An empty file is no database either (sql.js alone would open it as a new, empty one).
    await expect(client.importData(new Uint8Array(0), { format: 'sqlite', table: '' })).rejects.toThrow(/not a SQLite database/);
  });

  it('refuses to import over an existing table and leaves it as it was', async () => {
    const client = await openClient();
    await expect(client.importData(new TextEncoder().encode('a\n1\n'), { format: 'csv', table: 'customers' })).rejects.toThrow(
      /already exists/,
    );
    expect(await rows(client, 'SELECT count(*) FROM customers')).toEqual([[2]]);
  });
});
