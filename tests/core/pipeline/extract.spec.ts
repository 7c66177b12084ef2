import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { loadExtract, previewExtract, type ExtractSpec } from '../../../core/pipeline/extract.ts';
import { LakeReadError, matchLake } from '../../../core/pipeline/lake.ts';
import { nodeLakeReader } from '../../../scripts/lib/node-lake.ts';
import { memoryLake, sql } from './helpers.ts';

const CSV = { format: 'csv', delimiter: 'auto', encoding: 'auto' } as const;

async function load(files: Record<string, string | Uint8Array>, spec: Partial<ExtractSpec> & Pick<ExtractSpec, 'path' | 'source'>) {
  const db = new (await sql()).Database();
  const result = await loadExtract(db, memoryLake(files), { target: 'raw', mode: 'replace', ...spec });
  const table = (q: string): unknown[][] => db.exec(q)[0]?.values ?? [];
  return { db, result, table };
}

describe('CSV extract', () => {
  it('strips a BOM, guesses `;`, keeps every value as TEXT with _file and _line', async () => {
    const { result, table } = await load({ 'a.csv': '\uFEFFDate;Channel;Cost (KRW)\r\n2025-03-01;naver;"48,590"\r\n2025.03.01; kakao ;0012\r\n' }, { path: 'a.csv', source: CSV });
    expect(result.columns).toEqual(['_file', '_line', 'Date', 'Channel', 'Cost (KRW)']);
    expect(table('SELECT * FROM raw')).toEqual([
      ['a.csv', 2, '2025-03-01', 'naver', '48,590'],
      ['a.csv', 3, '2025.03.01', ' kakao ', '0012'],
    ]);
    expect(table("SELECT typeof(\"Cost (KRW)\") FROM raw LIMIT 1")).toEqual([['text']]);
  });

  it('reads quoted fields with newlines as one row numbered by the line it starts on', async () => {
    const { table } = await load({ 'a.csv': 'id,note,n\n1,"two\nlines",x\n2,plain,y\n' }, { path: 'a.csv', source: CSV });
    expect(table('SELECT _line, id, note FROM raw')).toEqual([
      [2, '1', 'two\nlines'],
      [4, '2', 'plain'],
    ]);
  });

  it('quarantines ragged rows and an unclosed quote with line, reason and raw text, never padding them', async () => {
    const text = 'a,b,c\n1,2,3\n4,5\n6,7,8,9\n\n10,11,12\n"13,14,15\n';
    const { result, table } = await load({ 'a.csv': text }, { path: 'a.csv', source: CSV });
    expect(table('SELECT _line, a, b, c FROM raw')).toEqual([
      [2, '1', '2', '3'],
      [6, '10', '11', '12'],
    ]);
    expect(table('SELECT _file, _line, reason, raw FROM raw__quarantine ORDER BY _line')).toEqual([
      ['a.csv', 3, 'expected 3 fields, found 2', '4,5'],
      ['a.csv', 4, 'expected 3 fields, found 4', '6,7,8,9'],
      ['a.csv', 5, 'empty line', ''],
      ['a.csv', 7, 'a quoted field is not closed', '"13,14,15'],
    ]);
    expect(result).toMatchObject({ rowsRead: 6, rowsWritten: 2, rowsQuarantined: 4 });
  });

  it('guesses tab and comma from the header, and decodes EUC-KR lines where UTF-8 is invalid', async () => {
    // '한빛' in EUC-KR is C7 D1 BA FB.
    const euc = new Uint8Array([...new TextEncoder().encode('name\tcity\n'), 0xc7, 0xd1, 0xba, 0xfb, 0x09, 0x41, 0x0a]);
    const { table } = await load({ 't.tsv': euc }, { path: 't.tsv', source: CSV });
    expect(table('SELECT name, city FROM raw')).toEqual([['한빛', 'A']]);
  });

  it('merges files of a glob in name order, matching header names without case', async () => {
    const { result, table } = await load(
      { 'm_02.csv': 'date,spend\n2025-02-01,1\n', 'm_01.csv': 'Date,Spend,Campaign\n2025-01-01,2,x\n', 'other.csv': 'q\n1\n' },
      { path: 'm_*.csv', source: CSV },
    );
    expect(result.files).toEqual(['m_01.csv', 'm_02.csv']);
    expect(table('SELECT _file, Date, Spend, Campaign FROM raw')).toEqual([
      ['m_01.csv', '2025-01-01', '2', 'x'],
      ['m_02.csv', '2025-02-01', '1', null],
    ]);
  });
});

describe('JSON lines extract', () => {
  it('unions top-level keys in order of first appearance, keeps nested objects as JSON text, quarantines bad lines', async () => {
    const text = [
      '{"id":1,"name":"view","props":{"a":[1,2]}}',
      '{"id":2,"name":"cart","extra":true,"n":null}',
      '{"id":3,"name":"tr',
      '[1,2]',
      '',
      '{"id":4,"name":"buy","n":2.5}',
    ].join('\n');
    const { result, table } = await load({ 'e.jsonl.gz': gzipSync(text) }, { path: 'e.jsonl.gz', source: { format: 'jsonl' } });
    expect(result.columns).toEqual(['_file', '_line', 'id', 'name', 'props', 'extra', 'n']);
    expect(table('SELECT _line, id, name, props, extra, n FROM raw')).toEqual([
      [1, '1', 'view', '{"a":[1,2]}', null, null],
      [2, '2', 'cart', null, 'true', null],
      [6, '4', 'buy', null, null, '2.5'],
    ]);
    const bad = table('SELECT _line, reason FROM raw__quarantine ORDER BY _line');
    expect(bad.map((r) => r[0])).toEqual([3, 4, 5]);
    expect(bad[0]?.[1]).toMatch(/^invalid JSON/);
    expect(bad[1]?.[1]).toBe('not a JSON object');
    expect(bad[2]?.[1]).toBe('empty line');
    expect(result.rowsQuarantined).toBe(3);
  });

  it('fails clearly on a truncated gzip, naming the file and what happened', async () => {
    const whole = gzipSync(Array.from({ length: 5000 }, (_, i) => `{"a":${(i * 7919) % 10007}}`).join('\n'));
    const cut = whole.subarray(0, whole.length - 200);
    await expect(load({ 'e/1.jsonl.gz': gzipSync('{"a":0}\n'), 'e/2.jsonl.gz': cut }, { path: 'e/*.jsonl.gz', source: { format: 'jsonl' } })).rejects.toThrow(
      /e\/2\.jsonl\.gz: the gzip file ends too early \(truncated after \d+ bytes\)/,
    );
    await expect(load({ 'x.gz': cut }, { path: 'x.gz', source: { format: 'jsonl' } })).rejects.toBeInstanceOf(LakeReadError);
  });

  it('reports progress in bytes up to the whole and stops when cancelled between batches', async () => {
    const text = Array.from({ length: 1000 }, (_, i) => `{"i":${i}}`).join('\n');
    const db = new (await sql()).Database();
    const seen: number[] = [];
    let stop = false;
    const files = { 'a.jsonl': text, 'b.jsonl': text };
    await loadExtract(db, memoryLake(files), { path: '*.jsonl', source: { format: 'jsonl' }, target: 'raw', mode: 'replace' }, {
      batchRows: 100,
      onProgress: (p) => seen.push(p.done / p.total),
    });
    expect(seen.at(-1)).toBe(1);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    const cancelled = loadExtract(db, memoryLake(files), { path: '*.jsonl', source: { format: 'jsonl' }, target: 'raw2', mode: 'replace' }, {
      batchRows: 100,
      onProgress: (p) => {
        if (p.done / p.total > 0.2) stop = true;
      },
      control: { cancelled: () => stop, pause: () => Promise.resolve() },
    });
    await expect(cancelled).rejects.toThrow('Cancelled');
    expect(Number(db.exec('SELECT count(*) FROM raw2')[0]?.values[0]?.[0])).toBeLessThan(2000);
  });
});

describe('regex lines extract', () => {
  const pattern = String.raw`^(?<ip>\S+) \S+ \S+ \[(?<time>[^\]]+)\] "(?<method>\S+) (?<path>\S+) [^"]+" (?<status>\d{3}) (?<bytes>\d+|-)`;
  it('splits matching lines into named groups and quarantines the lines that do not match', async () => {
    const text = [
      '10.0.0.1 - - [10/Dec/2025:00:00:00 +0900] "GET /healthz HTTP/1.1" 200 2 "-" "ELB" 0.072',
      'garbage line',
      '10.0.0.2 - - [10/Dec/2025:00:01:00 +0900] "POST /cart HTTP/1.1" 500 - "-" "Mozilla" 1.2',
    ].join('\n');
    const { result, table } = await load({ 'a.log.gz': gzipSync(text) }, { path: 'a.log.gz', source: { format: 'regex', pattern } });
    expect(result.columns).toEqual(['_file', '_line', 'ip', 'time', 'method', 'path', 'status', 'bytes']);
    expect(table('SELECT _line, ip, method, status, bytes FROM raw')).toEqual([
      [1, '10.0.0.1', 'GET', '200', '2'],
      [3, '10.0.0.2', 'POST', '500', '-'],
    ]);
    expect(table('SELECT _line, reason, raw FROM raw__quarantine')).toEqual([[2, 'the line does not match the pattern', 'garbage line']]);
  });

  it('accepts Python-style named groups (?P<name>…)', async () => {
    const { table } = await load({ 'a.log': 'x=1\n' }, { path: 'a.log', source: { format: 'regex', pattern: '^x=(?P<x>\\d+)$' } });
    expect(table('SELECT x FROM raw')).toEqual([['1']]);
  });
});

describe('preview and the lake', () => {
  it('previews columns, the first rows and quarantine samples without writing', async () => {
    const text = 'a,b\n1,2\n3\n4,5\n6,7\n';
    const preview = await previewExtract(memoryLake({ 'p.csv': text }), { path: 'p.csv', source: CSV }, { rows: 2 });
    expect(preview.columns).toEqual(['_file', '_line', 'a', 'b']);
    expect(preview.rows).toEqual([
      ['p.csv', 2, '1', '2'],
      ['p.csv', 4, '4', '5'],
    ]);
    expect(preview.quarantineCount).toBe(1);
    expect(preview.quarantineSamples).toEqual([{ file: 'p.csv', line: 3, reason: 'expected 2 fields, found 1', raw: '3' }]);
    expect(preview).toMatchObject({ linesScanned: 4, complete: true });
  });

  it('lists the real lake in name order by glob, and says when a plain path is missing', async () => {
    const lake = nodeLakeReader('public/datasets/lake/hanbit');
    const events = await matchLake(lake, 'events/*.jsonl.gz');
    expect(events[0]).toBe('events/2024-06.jsonl.gz');
    expect(events).toEqual([...events].sort());
    expect(events.length).toBeGreaterThan(12);
    await expect(matchLake(lake, 'events/1999-01.jsonl.gz')).rejects.toThrow(/no such file in the lake/);
  });

  it('loads the small lake\'s access logs with the ETL rule-13 pattern and quarantines nothing', async () => {
    const db = new (await sql()).Database();
    db.exec('BEGIN');
    const result = await loadExtract(
      db,
      nodeLakeReader('public/datasets/lake/hanbit'),
      {
        path: 'access-logs/access-2025-12-1[0-1].log.gz'.replace('[0-1]', '?'),
        source: { format: 'regex', pattern: String.raw`^(?<ip>\S+) \S+ \S+ \[(?<time>[^\]]+)\] "(?<method>\S+) (?<path>\S+) (?<protocol>[^"]+)" (?<status>\d{3}) (?<bytes>\d+|-) "(?<referer>[^"]*)" "(?<agent>[^"]*)" (?<duration>\S+)$` },
        target: 'raw_access',
        mode: 'replace',
      },
    );
    db.exec('COMMIT');
    expect(result.files.length).toBe(10);
    expect(result.rowsQuarantined).toBe(0);
    expect(result.rowsWritten).toBeGreaterThan(20000);
  });
});
