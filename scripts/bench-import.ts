/**
 * `npm run bench -- --only=import`: a 200 MB CSV imported through SqlClient on a Node worker
 * thread, as the app's import dialog streams a file (a Blob read in chunks, parsed in the
 * worker). Prints the time, MB/s and rows/s, the main thread's peak heap (it must never hold the
 * file) and its longest stall (a window that froze would show here). The CSV is generated once
 * under .bench/ with the things real files have: a BOM, quoted commas and line breaks, Hangul.
 */
import { createWriteStream, existsSync, mkdirSync, openAsBlob, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import initSqlJs from 'sql.js';
import { SqlClient } from '../renderer/sql/sql-client.ts';
import { createNodeSqlWorker } from './lib/node-sql-worker.ts';
import type { BrowserFigure } from './bench-browser.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TARGET_BYTES = Number(process.env.BENCH_IMPORT_MB ?? 200) * 1e6;

const NAMES = ['김민준', '이서연', 'Park, J.', '최지우', 'Lee "DJ"', '정하은', 'Kim', '강도윤'];

/** Writes the CSV (once): about TARGET_BYTES, streamed to disk; returns its path and row count. */
async function ensureCsv(dir: string): Promise<{ path: string; rows: number }> {
  const path = join(dir, `import-${Math.round(TARGET_BYTES / 1e6)}mb.csv`);
  const rowsPath = `${path}.rows`;
  if (existsSync(path) && existsSync(rowsPath)) {
    const { readFileSync } = await import('node:fs');
    return { path, rows: Number(readFileSync(rowsPath, 'utf8')) };
  }
  mkdirSync(dir, { recursive: true });
  const started = performance.now();
  const out = createWriteStream(path);
  let bytes = 0;
  let rows = 0;
  const write = (text: string): Promise<void> | void => {
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) return new Promise((r) => out.once('drain', () => r()));
  };
  await write('\uFEFFid,customer,amount,qty,ordered_on,note\r\n');
  while (bytes < TARGET_BYTES) {
    const lines: string[] = [];
    for (let i = 0; i < 2000; i++) {
      rows++;
      const name = NAMES[rows % NAMES.length] as string;
      const quoted = /[",]/.test(name) ? `"${name.replaceAll('"', '""')}"` : name;
      const day = `2025-${String((rows % 12) + 1).padStart(2, '0')}-${String((rows % 28) + 1).padStart(2, '0')}`;
      const note = rows % 97 === 0 ? '"leave at the door,\r\nplease"' : rows % 5 === 0 ? '빠른 배송' : '';
      lines.push(`${rows},${quoted},${((rows * 7919) % 100000) / 100},${rows % 9},${day},${note}\r\n`);
    }
    await write(lines.join(''));
  }
  await new Promise<void>((r) => out.end(() => r()));
  const { writeFileSync } = await import('node:fs');
  writeFileSync(rowsPath, String(rows));
  console.log(
    `built ${path} (${(statSync(path).size / 1e6).toFixed(0)} MB, ${rows.toLocaleString('en')} rows) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return { path, rows };
}

/** Imports the generated CSV once and returns the figures. */
export async function benchImport(root: string = ROOT): Promise<BrowserFigure[]> {
  const { path, rows: expected } = await ensureCsv(join(root, '.bench'));
  const size = statSync(path).size;
  const SQL = await initSqlJs();
  const empty = new SQL.Database();
  empty.run('CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)');
  const url = `data:application/vnd.sqlite3;base64,${Buffer.from(empty.export()).toString('base64')}`;
  empty.close();
  const client = new SqlClient({ createWorker: createNodeSqlWorker });
  try {
    await client.open({ id: 'bench-import', url });
    // A Blob backed by the file: read in chunks as the app reads a picked file, never whole.
    const blob = await openAsBlob(path);
    global.gc?.();
    const baseHeap = process.memoryUsage().heapUsed;
    let peakHeap = baseHeap;
    const sampler = setInterval(() => {
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    }, 20);
    const stalls = monitorEventLoopDelay({ resolution: 10 });
    stalls.enable();
    let lastRows = 0;
    const started = performance.now();
    const result = await client.importWith(
      blob,
      { format: 'csv', table: 'orders' },
      {
        onProgress: (p) => {
          if (p.current?.stage === 'rows') lastRows = Number(p.current.text);
        },
      },
    );
    const seconds = (performance.now() - started) / 1000;
    stalls.disable();
    clearInterval(sampler);
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    const count = await client.exec('SELECT count(*), sum(qty) FROM orders', { maxRows: 1 });
    const counted = Number(count.results[0]?.rows[0]?.[0] ?? -1);
    const maxStallMs = stalls.max / 1e6;
    // The 99th percentile: on a shared machine the OS alone can deschedule the thread for the max.
    const p99StallMs = stalls.percentile(99) / 1e6;
    const mb = size / 1e6;
    const heapMb = (peakHeap - baseHeap) / 1e6;
    return [
      {
        figure: `(imp) ${mb.toFixed(0)} MB CSV import through the worker (${expected.toLocaleString('en')} rows)`,
        ours: `${seconds.toFixed(1)} s · ${(mb / seconds).toFixed(1)} MB/s · ${Math.round(result.rows / seconds).toLocaleString('en')} rows/s`,
        target: 'every row in, none skipped',
        ok: counted === expected && result.rows === expected && result.problemCount === 0 && lastRows > 0,
      },
      {
        figure: '(imp) main thread during that import',
        ours: `peak heap +${heapMb.toFixed(1)} MB over ${(baseHeap / 1e6).toFixed(0)} MB; event-loop delay p99 ${p99StallMs.toFixed(0)} ms, max ${maxStallMs.toFixed(0)} ms`,
        target: 'heap +< 64 MB (never the file); p99 delay < 100 ms',
        ok: heapMb < 64 && p99StallMs < 100,
      },
    ];
  } finally {
    client.dispose();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const f of await benchImport()) console.log(`${f.figure}: ${f.ours} (target: ${f.target}) ${f.ok ? 'meets' : 'MISSES'}`);
}
