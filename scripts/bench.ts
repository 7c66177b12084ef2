/**
 * `npm run bench`: the SQL engine's figures against docs/targets.md, as medians from one run.
 * Builds a 1M-row database once into .bench/ with better-sqlite3, then measures sql.js (through
 * SqlEngine, the code the worker runs) and SqlClient on Node worker_threads.
 */
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import initSqlJs from 'sql.js';
import { SqlEngine } from '../core/sql/engine.ts';
import { QueryCancelledError, SqlClient } from '../renderer/sql/sql-client.ts';
import { createNodeSqlWorker } from './lib/node-sql-worker.ts';

import { benchBrowser } from './bench-browser.ts';
import { benchCrash } from './bench-crash.ts';
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BENCH_DIR = join(ROOT, '.bench');
const DB_PATH = join(BENCH_DIR, 'bench-1m.sqlite');
const ROWS = 1_000_000;
const GROUP_BY = 'SELECT k, count(*), sum(v), avg(v) FROM t GROUP BY k';
const RUNAWAY = 'WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM r) SELECT count(*) FROM r';

interface Row {
  figure: string;
  ours: string;
  target: string;
  verdict: string;
}
const rows: Row[] = [];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function time(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

function ms(value: number): string {
  return value < 10 ? `${value.toFixed(2)} ms` : `${Math.round(value)} ms`;
}

function verdict(ok: boolean): string {
  return ok ? 'meets' : 'MISSES';
}

function buildDatabase(): void {
  if (existsSync(DB_PATH)) return;
  mkdirSync(BENCH_DIR, { recursive: true });
  const started = performance.now();
  const db = new Database(DB_PATH);
  db.pragma('journal_mode = OFF');
  db.exec(`
    CREATE TABLE t (id INTEGER PRIMARY KEY, k INTEGER NOT NULL, v REAL NOT NULL, s TEXT NOT NULL);
    INSERT INTO t (id, k, v, s)
      WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r WHERE x < ${ROWS})
      SELECT x, abs(random()) % 1000, abs(random()) % 100000 / 100.0, printf('customer-%08d-%s', x, hex(randomblob(8))) FROM r;
  `);
  db.close();
  console.log(`built ${DB_PATH} (${(statSync(DB_PATH).size / 1e6).toFixed(1)} MB) in ${ms(performance.now() - started)}`);
}

/** JS files the initial page load fetches: <script src> and <link rel=modulepreload>, not lazy chunks. */
function initialBundleBytes(): { bytes: number; files: string[] } | null {
  const dist = join(ROOT, 'dist-web');
  const indexPath = join(dist, 'index.html');
  if (!existsSync(indexPath)) return null;
  const html = readFileSync(indexPath, 'utf8');
  const files = new Set<string>();
  for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) files.add(m[1] as string);
  for (const m of html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g)) files.add(m[1] as string);
  for (const m of html.matchAll(/<link\b[^>]*\bhref="([^"]+)"[^>]*\brel="modulepreload"/g)) files.add(m[1] as string);
  const js = [...files].filter((f) => /\.m?js(\?|$)/.test(f));
  const bytes = js.reduce((sum, f) => sum + statSync(join(dist, f.replace(/^\.?\//, '').replace(/\?.*$/, ''))).size, 0);
  return { bytes, files: js };
}

async function cancelToReady(): Promise<{ medianMs: number; kept: boolean; runs: number }> {
  const SQL = await initSqlJs();
  const seed = new SQL.Database();
  seed.run("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers VALUES (1, '김민준'), (2, 'Lee');");
  const url = `data:application/vnd.sqlite3;base64,${Buffer.from(seed.export()).toString('base64')}`;
  seed.close();
  const client = new SqlClient({ createWorker: createNodeSqlWorker });
  const times: number[] = [];
  let kept = true;
  try {
    await client.open({ id: 'bench', url });
    await client.exec('CREATE TABLE learner_table AS SELECT * FROM customers', { maxRows: 10 });
    for (let i = 0; i < 5; i++) {
      await new Promise((r) => setTimeout(r, 400)); // let the replacement spare compile sql.js
      const runaway = client.exec(RUNAWAY, { maxRows: 10 }).catch((e: unknown) => e);
      await new Promise((r) => setTimeout(r, 150));
      const started = performance.now();
      await client.cancel();
      times.push(performance.now() - started);
      if (!((await runaway) instanceof QueryCancelledError)) kept = false;
      const check = await client.exec('SELECT count(*) FROM learner_table', { maxRows: 1 });
      if (check.error || check.results[0]?.rows[0]?.[0] !== 2) kept = false;
    }
  } finally {
    client.dispose();
  }
  return { medianMs: median(times), kept, runs: times.length };
}

async function main(): Promise<void> {
  const benchStarted = performance.now();
  buildDatabase();
  const bytes = new Uint8Array(readFileSync(DB_PATH));
  const SQL = await initSqlJs();
  const engine = new SqlEngine(SQL);

  // (a) open a 50 MB, 1M-row database
  const openTimes: number[] = [];
  for (let i = 0; i < 5; i++) openTimes.push(time(() => engine.open(bytes)));
  const openMs = median(openTimes);
  rows.push({
    figure: `(a) open ${(bytes.length / 1e6).toFixed(0)} MB, 1M rows (sql.js)`,
    ours: ms(openMs),
    target: '≤ 150 ms (sqliteviz 257 ms)',
    verdict: verdict(openMs <= 150),
  });

  // (b) 1M-row GROUP BY, sql.js vs native
  const native = new Database(DB_PATH, { readonly: true });
  const nativeStmt = native.prepare(GROUP_BY);
  nativeStmt.all();
  const nativeTimes: number[] = [];
  const wasmTimes: number[] = [];
  let groups = 0;
  for (let i = 0; i < 5; i++) {
    nativeTimes.push(time(() => nativeStmt.all()));
    wasmTimes.push(
      time(() => {
        groups = engine.exec(GROUP_BY, 1000).results[0]?.rowCount ?? 0;
      }),
    );
  }
  native.close();
  const ratio = median(wasmTimes) / median(nativeTimes);
  rows.push({
    figure: `(b) GROUP BY 1M rows → ${groups} groups, sql.js`,
    ours: ms(median(wasmTimes)),
    target: 'sqliteviz 602–672 ms',
    verdict: '',
  });
  rows.push({ figure: '    same query, better-sqlite3 (native)', ours: ms(median(nativeTimes)), target: '', verdict: '' });
  rows.push({ figure: '    ratio sql.js / native', ours: `${ratio.toFixed(2)}×`, target: '≤ 1.5×', verdict: verdict(ratio <= 1.5) });

  // (c) SELECT 1 through SqlEngine (the worker's work per click)
  const oneTimes: number[] = [];
  for (let i = 0; i < 200; i++) oneTimes.push(time(() => engine.exec('SELECT 1', 1000)));
  const oneMs = median(oneTimes);
  rows.push({
    figure: '(c) SELECT 1 exec (SqlEngine, 1M-row db open)',
    ours: ms(oneMs),
    target: '≤ 20 ms click→drawn (sqliteviz ~100 ms)',
    verdict: verdict(oneMs <= 20),
  });

  // (d) SELECT * of 1M rows, first 1000 kept
  const starTimes: number[] = [];
  let counted = 0;
  for (let i = 0; i < 3; i++) {
    starTimes.push(
      time(() => {
        const r = engine.exec('SELECT * FROM t', 1000).results[0];
        counted = r?.rowCount ?? 0;
      }),
    );
  }
  const starMs = median(starTimes);
  rows.push({
    figure: `(d) SELECT * of ${counted.toLocaleString('en')} rows, maxRows 1000: result`,
    ours: ms(starMs),
    target: 'first rows ≤ 300 ms (sqliteviz 4.5–5.6 s frozen)',
    verdict: verdict(starMs <= 300),
  });
  // Snapshot after a write (what the client pays per writing batch, not per query).
  engine.exec('CREATE TABLE learner_copy AS SELECT * FROM t LIMIT 10', 1);
  const snapTimes: number[] = [];
  let snapBytes = 0;
  for (let i = 0; i < 3; i++) snapTimes.push(time(() => (snapBytes = engine.snapshot().length)));
  rows.push({
    figure: `    snapshot after a write (${(snapBytes / 1e6).toFixed(0)} MB, backup API)`,
    ours: ms(median(snapTimes)),
    target: 'not on the query path',
    verdict: '',
  });
  engine.close();

  // (e) cancel → ready through SqlClient, worker_threads
  const cancel = await cancelToReady();
  rows.push({
    figure: `(e) cancel runaway query → ready (median of ${cancel.runs})`,
    ours: `${ms(cancel.medianMs)}, table kept: ${cancel.kept ? 'yes' : 'NO'}`,
    target: '≤ 250 ms, tables kept (sqliteviz: cannot cancel)',
    verdict: verdict(cancel.medianMs <= 250 && cancel.kept),
  });

  // (f) initial JS bundle
  const bundle = initialBundleBytes();
  rows.push(
    bundle
      ? {
          figure: `(f) initial JS (${bundle.files.length} files from dist-web/index.html)`,
          ours: `${(bundle.bytes / 1e6).toFixed(2)} MB`,
          target: '≤ 1.5 MB (sqliteviz 9.68 MB)',
          verdict: verdict(bundle.bytes <= 1.5e6),
        }
      : { figure: '(f) initial JS bundle', ours: 'n/a', target: '≤ 1.5 MB', verdict: 'run `npm run build:web` first' },
  );

  // (k) saves killed mid-write
  const crashRuns = Number(process.env.BENCH_CRASH_RUNS ?? 1000);
  const crash = await benchCrash(crashRuns);
  rows.push({
    figure: `(k) saves SIGKILLed at random (${crash.midWrite} mid-write)`,
    ours: `${crash.bad} of ${crash.runs} lost or corrupt (${crash.seconds.toFixed(0)} s)`,
    target: '0 of 1,000',
    verdict: verdict(crash.bad === 0 && crash.runs >= 1000),
  });

  // (g)–(j) the built web app in Chromium
  const browser = await benchBrowser(ROOT);
  if (typeof browser === 'string') rows.push({ figure: '(g)–(j) browser figures', ours: 'n/a', target: '', verdict: browser });
  else
    for (const f of browser) rows.push({ figure: f.figure, ours: f.ours, target: f.target, verdict: f.ok === null ? '' : verdict(f.ok) });

  const widths = (['figure', 'ours', 'target', 'verdict'] as const).map((k) => Math.max(k.length, ...rows.map((r) => r[k].length)));
  const line = (r: Row): string => [r.figure, r.ours, r.target, r.verdict].map((v, i) => v.padEnd(widths[i] as number)).join(' │ ');
  console.log(`\n${line({ figure: 'figure', ours: 'ours (median)', target: 'target (docs/targets.md)', verdict: 'verdict' })}`);
  console.log(widths.map((w) => '─'.repeat(w)).join('─┼─'));
  for (const r of rows) console.log(line(r));
  console.log(`\nNode ${process.version}; bench took ${((performance.now() - benchStarted) / 1000).toFixed(1)} s`);
}

await main();
