import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import initSqlJs from 'sql.js';
import { gzipSync } from 'fflate';
import { QueryCancelledError, SqlClient, type DatabaseSource } from '../../renderer/sql/sql-client.ts';
import { IMPORT_ROWS_STAGE, importRefusalCode } from '../../core/sql/protocol.ts';
import type { Progress } from '../../core/worker/envelope.ts';
import { createNodeSqlWorker } from '../../scripts/lib/node-sql-worker.ts';

/**
 * Nasty files through the real engine: SqlClient on a Node worker thread running sql.js and the
 * worker's own import code, as the app's import dialog drives it.
 */

let source: DatabaseSource;

beforeAll(async () => {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.run("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers VALUES (1, '김민준'), (2, 'Lee');");
  source = { id: 'shop', url: `data:application/vnd.sqlite3;base64,${Buffer.from(db.export()).toString('base64')}` };
  db.close();
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

async function rows(client: SqlClient, sql: string): Promise<unknown[][]> {
  const result = await client.exec(sql, { maxRows: 1000 });
  expect(result.error).toBeNull();
  return result.results[0]?.rows ?? [];
}

async function tableNames(client: SqlClient): Promise<string[]> {
  return (await client.schema()).map((o) => o.name).sort();
}

const utf8 = (text: string) => new TextEncoder().encode(text);

async function refusal(promise: Promise<unknown>): Promise<string | null> {
  try {
    await promise;
    return 'imported';
  } catch (e) {
    return importRefusalCode((e as Error).message);
  }
}

describe('import of nasty text files', () => {
  it('reads a BOM, ";" delimiters, quoted line breaks, empty lines and ragged rows (reported by line)', async () => {
    const client = await openClient();
    const csv =
      '\uFEFFid;name;note;price\r\n1;김민준;"two\r\nlines; here";1,5\r\n\r\n2;Lee\r\n3;"Park; J.";"say ""hi""";2\r\n\n4;Choi;;3;extra\r\n5;Kang;;4\r\n';
    const progress: Progress[] = [];
    const result = await client.importWith(
      utf8(csv),
      { format: 'csv', table: 'people', options: { delimiter: ';', header: true } },
      { chunkBytes: 5, onProgress: (p) => progress.push(p) },
    );
    expect(result.rows).toBe(3);
    expect(result.problems).toEqual([
      { line: 5, code: 'csv-field-count', expected: 4, found: 2 },
      { line: 8, code: 'csv-field-count', expected: 4, found: 5 },
    ]);
    expect(await rows(client, 'SELECT id, name, note, price FROM people ORDER BY id')).toEqual([
      [1, '김민준', 'two\r\nlines; here', '1,5'],
      [3, 'Park; J.', 'say "hi"', '2'],
      [5, 'Kang', null, '4'],
    ]);
    expect(progress.at(-1)).toEqual({ done: utf8(csv).byteLength, total: utf8(csv).byteLength });
  });

  it('reads EUC-KR (CP949) bytes as Korean text', async () => {
    const client = await openClient();
    // "지역,매출\n서울,100\n" as Korean Excel saves it.
    const bytes = new Uint8Array([
      0xc1, 0xf6, 0xbf, 0xaa, 0x2c, 0xb8, 0xc5, 0xc3, 0xe2, 0x0a, 0xbc, 0xad, 0xbf, 0xef, 0x2c, 0x31, 0x30, 0x30, 0x0a,
    ]);
    await client.importWith(bytes, { format: 'csv', table: 'sales', options: { encoding: 'euc-kr' } }, { chunkBytes: 3 });
    expect((await client.schema()).find((o) => o.name === 'sales')?.columns.map((c) => [c.name, c.type])).toEqual([
      ['지역', 'TEXT'],
      ['매출', 'INTEGER'],
    ]);
    expect(await rows(client, 'SELECT * FROM sales')).toEqual([['서울', 100]]);
  });

  it('reads UTF-16 LE by its BOM', async () => {
    const client = await openClient();
    const text = 'a\tb\n1\tx\n';
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) bytes[2 + i * 2] = text.charCodeAt(i);
    await client.importWith(bytes, { format: 'csv', table: 'wide', options: { encoding: 'utf-16le', delimiter: '\t' } }, { chunkBytes: 3 });
    expect(await rows(client, 'SELECT a, b FROM wide')).toEqual([[1, 'x']]);
  });

  it('takes the learner’s types and no header row: column_1…, a date stays text, a code stays a code', async () => {
    const client = await openClient();
    await client.importWith(utf8('007,2025-01-02,3\n012,2025-02-03,4\n'), {
      format: 'csv',
      table: 'codes',
      options: { header: false, types: ['TEXT', 'DATE', 'REAL'] },
    });
    const columns = (await client.schema()).find((o) => o.name === 'codes')?.columns;
    expect(columns?.map((c) => [c.name, c.type])).toEqual([
      ['column_1', 'TEXT'],
      ['column_2', 'TEXT'],
      ['column_3', 'REAL'],
    ]);
    expect(await rows(client, "SELECT column_1, column_2, typeof(column_3) FROM codes WHERE column_2 >= '2025-02-01'")).toEqual([
      ['012', '2025-02-03', 'real'],
    ]);
  });

  it('unpacks a gzip-compressed CSV and JSON lines file, whatever the name', async () => {
    const client = await openClient();
    const csv = gzipSync(utf8(`id,v\n${Array.from({ length: 3007 }, (_, i) => `${i},${i * 2}`).join('\n')}\n`));
    const progress: Progress[] = [];
    const result = await client.importWith(csv, { format: 'csv', table: 'big' }, { chunkBytes: 1000, onProgress: (p) => progress.push(p) });
    expect(result.rows).toBe(3007);
    // Progress counts the rows as they go in (a bar can say "1,234 rows"), never backwards.
    const counted = progress.filter((p) => p.current?.stage === IMPORT_ROWS_STAGE).map((p) => Number(p.current?.text));
    expect(new Set(counted).size).toBeGreaterThan(2);
    expect(counted.every((n, i) => i === 0 || n >= (counted[i - 1] as number))).toBe(true);
    expect(await rows(client, 'SELECT sum(v) FROM big')).toEqual([[3007 * 3006]]);
    await client.importWith(gzipSync(utf8('{"a":1}\n{"a":2,"b":"x"}\n')), { format: 'jsonl', table: 'j' });
    expect(await rows(client, 'SELECT a, b FROM j ORDER BY a')).toEqual([
      [1, null],
      [2, 'x'],
    ]);
  });
});

describe('cancel', () => {
  it('cancelling an import part-way leaves no table and the learner’s earlier work in place', async () => {
    const client = await openClient();
    await client.exec('CREATE TABLE mine (x); INSERT INTO mine VALUES (1)', { maxRows: 1 });
    const csv = utf8(`id,name,amount\n${Array.from({ length: 200_000 }, (_, i) => `${i},name ${i},${i / 4}`).join('\n')}\n`);
    let cancelled = false;
    const op = client.importWith(
      csv,
      { format: 'csv', table: 'big' },
      {
        chunkBytes: 64 * 1024,
        onProgress: (p) => {
          // Cancel once rows are going in, well before the end.
          if (!cancelled && Number(p.current?.text ?? 0) > 0 && p.done < p.total / 2) {
            cancelled = true;
            void client.cancel(op.id);
          }
        },
      },
    );
    await expect(op).rejects.toBeInstanceOf(QueryCancelledError);
    expect(cancelled).toBe(true);
    expect(await tableNames(client)).toEqual(['customers', 'mine']);
    expect(await rows(client, 'SELECT count(*) FROM mine')).toEqual([[1]]);
  });
});

describe('files that are not what they claim are refused, and nothing changes', () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, ...Array(200).fill(7)]);

  it('refuses a PNG (or any binary) named .csv', async () => {
    const client = await openClient();
    const before = await tableNames(client);
    expect(await refusal(client.importWith(png, { format: 'csv', table: 'photo' }, { chunkBytes: 3 }))).toBe('binary');
    const zeros = utf8('id,name\n1,a\n');
    const binary = new Uint8Array(5000).map((_, i) => (i % 3 === 0 ? 0 : (zeros[i % zeros.length] as number)));
    expect(await refusal(client.importWith(binary, { format: 'csv', table: 'blob' }))).toBe('binary');
    expect(await tableNames(client)).toEqual(before);
    expect(await rows(client, 'SELECT count(*) FROM customers')).toEqual([[2]]);
  });

  it('refuses a truncated gzip, cut in its data or in its trailer, and an empty file', async () => {
    const client = await openClient();
    const before = await tableNames(client);
    const gz = gzipSync(utf8(`id,v\n${Array.from({ length: 5000 }, (_, i) => `${i},${Math.sin(i)}`).join('\n')}\n`));
    expect(await refusal(client.importWith(gz.subarray(0, Math.floor(gz.length / 2)), { format: 'csv', table: 'cut' }))).toBe(
      'gzip-truncated',
    );
    expect(await refusal(client.importWith(gz.subarray(0, gz.length - 3), { format: 'csv', table: 'cut' }))).toBe('gzip-truncated');
    expect(await refusal(client.importWith(gz.subarray(0, 12), { format: 'csv', table: 'cut' }))).toBe('gzip-truncated');
    expect(await refusal(client.importWith(new Uint8Array(0), { format: 'csv', table: 'empty' }))).toBe('no-header');
    expect(await refusal(client.importWith(utf8('\n\n'), { format: 'jsonl', table: 'empty' }))).toBe('no-json');
    expect(await tableNames(client)).toEqual(before);
  });

  it('refuses a bundled table’s name and keeps that table as it was', async () => {
    const client = await openClient();
    expect(await refusal(client.importWith(utf8('a\n1\n'), { format: 'csv', table: 'Customers' }))).toBe('table-exists');
    expect(await rows(client, 'SELECT count(*) FROM customers')).toEqual([[2]]);
  });
});
