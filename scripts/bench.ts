/**
 * `npm run bench`: the figures a learner feels, each next to its target from docs/targets.md,
 * as medians from one run. Engine figures run in Node through SqlEngine (the code the worker
 * runs) against better-sqlite3 (native) on the same 1M-row events database, measured in the same
 * run; browser figures drive the built web app in Debian's Chromium. Rival figures are never
 * printed: docs/targets.md quotes them as the reference the targets came from.
 *
 * Sections: `npm run bench -- --only=engine,cancel,open,browser,pipeline,models,dashboard,import,crash` (default: all
 * but crash, which takes minutes; BENCH_CRASH_RUNS sets its run count). `pipeline` and `models`
 * are the Track 1 and 2 reference jobs, headless and in the app (scripts/bench-workbench.ts);
 * `dashboard` is the 8-tile starter dashboard's redraw after a filter change (scripts/bench-dashboard.ts).
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import initSqlJs from 'sql.js';
import { SqlEngine } from '../core/sql/engine.ts';
import { QueryCancelledError, SqlClient } from '../renderer/sql/sql-client.ts';
import { createNodeSqlWorker } from './lib/node-sql-worker.ts';
import { EVENT_QUERIES, ensureEventsDb } from './lib/bench-events.ts';

import { benchBrowser } from './bench-browser.ts';
import { benchCrash } from './bench-crash.ts';
import { benchWorkbench, WORKBENCH_SECTIONS } from './bench-workbench.ts';
import { benchDashboard } from './bench-dashboard.ts';
import { benchImport } from './bench-import.ts';
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BENCH_DIR = join(ROOT, '.bench');
const DB_PATH = join(BENCH_DIR, 'bench-1m.sqlite');
const ROWS = 1_000_000;
const RUNAWAY = 'WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM r) SELECT count(*) FROM r';
const SECTIONS = ['engine', 'cancel', 'open', 'browser', ...WORKBENCH_SECTIONS, 'dashboard', 'import', 'crash'] as const;
const onlyArg = process.argv.find((a) => a.startsWith('--only='));
const selected = new Set(onlyArg ? onlyArg.slice('--only='.length).split(',') : SECTIONS.filter((s) => s !== 'crash'));
const REPS = Number(process.env.BENCH_REPS ?? 3);

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

/** A ~200 MB database (.bench/events-200mb.sqlite): the 57 MB events one plus a 3.5M-row archive table, built once. */
function ensureBigDb(eventsPath: string): string {
  const path = join(BENCH_DIR, 'events-200mb.sqlite');
  if (existsSync(path)) return path;
  copyFileSync(eventsPath, `${path}.tmp`);
  const db = new Database(`${path}.tmp`);
  db.pragma('journal_mode = OFF');
  db.exec(`CREATE TABLE events_archive AS SELECT * FROM events;
    INSERT INTO events_archive SELECT * FROM events;
    INSERT INTO events_archive SELECT * FROM events WHERE id % 2 = 0;`);
  db.close();
  renameSync(`${path}.tmp`, path);
  return path;
}

/** Timings of one cancel case: every run's cancel → the learner's table answers, and whether the table was there each time. */
interface CancelCase {
  name: string;
  times: number[];
  kept: boolean;
}

const sleep = (msDelay: number): Promise<void> => new Promise((r) => setTimeout(r, msDelay));

/**
 * Cancel → ready through SqlClient on worker_threads with a large database open, in the timings
 * a learner meets: (1) a plain cancel after a pause, (2) a cancel 150 ms into a runaway query
 * sent straight after a CREATE TABLE AS write, (3) two cancels 100 ms apart. Ready means a
 * query on the learner's own table answers (their next click), and it must find the table.
 */
async function cancelCases(bytes: Uint8Array): Promise<CancelCase[]> {
  const client = new SqlClient({ createWorker: createNodeSqlWorker });
  const plain: CancelCase = { name: 'plain', times: [], kept: true };
  const afterWrite: CancelCase = { name: 'right after a CREATE TABLE AS write', times: [], kept: true };
  const twice: CancelCase = { name: 'second of two cancels 100 ms apart', times: [], kept: true };
  const runaway = (): Promise<unknown> => client.exec(RUNAWAY, { maxRows: 10 }).catch((e: unknown) => e);
  const cancelThenCount = async (table: string, expected: number, into: CancelCase): Promise<void> => {
    const started = performance.now();
    await client.cancel();
    const check = await client.exec(`SELECT count(*) FROM ${table}`, { maxRows: 1 });
    into.times.push(performance.now() - started);
    if (check.error || check.results[0]?.rows[0]?.[0] !== expected) into.kept = false;
  };
  try {
    await client.openBytes('bench-events', bytes);
    await client.exec('CREATE TABLE learner_table AS SELECT * FROM users LIMIT 2', { maxRows: 10 });
    for (let i = 0; i < REPS; i++) {
      await client.standbysReady(); // a learner's pause: the standby workers catch up
      const a = runaway();
      await sleep(150);
      await cancelThenCount('learner_table', 2, plain);
      if (!((await a) instanceof QueryCancelledError)) plain.kept = false;

      await client.standbysReady();
      const write = await client.exec(`CREATE TABLE learner_${i} AS SELECT * FROM users LIMIT 1000`, { maxRows: 10 });
      if (write.error) afterWrite.kept = false;
      const b = runaway();
      await sleep(150);
      await cancelThenCount(`learner_${i}`, 1000, afterWrite);
      if (!((await b) instanceof QueryCancelledError)) afterWrite.kept = false;

      await client.standbysReady();
      const c = runaway();
      await sleep(150);
      await client.cancel();
      const d = runaway();
      await sleep(100);
      await cancelThenCount('learner_table', 2, twice);
      if (!((await c) instanceof QueryCancelledError) || !((await d) instanceof QueryCancelledError)) twice.kept = false;
    }
  } finally {
    client.dispose();
  }
  return [plain, afterWrite, twice];
}

/** Opening a learner's own 50 MB file through SqlClient.openBytes until its tables are listed. */
async function openUserFile(bytes: Uint8Array): Promise<{ medianMs: number; tables: number; runs: number }> {
  const times: number[] = [];
  let tables = 0;
  for (let i = 0; i < 3; i++) {
    const client = new SqlClient({ createWorker: createNodeSqlWorker });
    try {
      await client.exec('SELECT 1', { maxRows: 1 }).catch(() => undefined); // a started worker, as in the app
      const copy = bytes.slice(); // a file read from disk is a fresh buffer each time
      const started = performance.now();
      await client.openBytes(`user-file-${i}`, copy);
      tables = (await client.schema()).length;
      times.push(performance.now() - started);
    } finally {
      client.dispose();
    }
  }
  return { medianMs: median(times), tables, runs: times.length };
}

function timeNative(db: Database.Database, sql: string): number {
  const stmt = db.prepare(sql);
  return time(() => stmt.all());
}

async function benchEngine(): Promise<void> {
  buildDatabase();
  const bytes = new Uint8Array(readFileSync(DB_PATH));
  const SQL = await initSqlJs();
  const engine = new SqlEngine(SQL);

  const openTimes: number[] = [];
  for (let i = 0; i < 3; i++) openTimes.push(time(() => engine.open(bytes)));
  const openMs = median(openTimes);
  rows.push({
    figure: `(e1) open ${(bytes.length / 1e6).toFixed(0)} MB, 1M rows in the engine (sql.js, in memory)`,
    ours: ms(openMs),
    target: '≤ 150 ms',
    verdict: verdict(openMs <= 150),
  });
  const oneTimes: number[] = [];
  for (let i = 0; i < 200; i++) oneTimes.push(time(() => engine.exec('SELECT 1', 1000)));
  rows.push({
    figure: '(e2) SELECT 1 in the engine, 1M-row db open',
    ours: ms(median(oneTimes)),
    target: '≤ 20 ms click→drawn',
    verdict: verdict(median(oneTimes) <= 20),
  });
  const starTimes: number[] = [];
  let counted = 0;
  for (let i = 0; i < 3; i++) starTimes.push(time(() => (counted = engine.exec('SELECT * FROM t', 1000).results[0]?.rowCount ?? 0)));
  rows.push({
    figure: `(e3) SELECT * of ${counted.toLocaleString('en')} rows, first 1,000 kept`,
    ours: ms(median(starTimes)),
    target: 'first rows ≤ 300 ms',
    verdict: verdict(median(starTimes) <= 300),
  });
  engine.exec('CREATE TABLE learner_copy AS SELECT * FROM t LIMIT 10', 1);
  const snapTimes: number[] = [];
  let snapBytes = 0;
  for (let i = 0; i < 3; i++) snapTimes.push(time(() => (snapBytes = engine.snapshot().length)));
  rows.push({
    figure: `(e4) snapshot after a write (${(snapBytes / 1e6).toFixed(0)} MB, backup API)`,
    ours: ms(median(snapTimes)),
    target: 'once per writing batch, never per query',
    verdict: '',
  });
  engine.close();
}

/** (b): each learner-shaped query over 1M events, the engine against native in this run. */
async function benchQueries(eventsPath: string, eventBytes: Uint8Array): Promise<void> {
  const SQL = await initSqlJs();
  const engine = new SqlEngine(SQL);
  engine.open(eventBytes);
  const native = new Database(eventsPath, { readonly: true });
  rows.push({ figure: `(b) 1M-row events (${(eventBytes.length / 1e6).toFixed(0)} MB): engine vs native, same run`, ours: '', target: '', verdict: '' });
  for (const q of EVENT_QUERIES) {
    timeNative(native, q.sql); // both warm: the native OS cache, the engine's page cache
    engine.exec(q.sql, 1000);
    const n: number[] = [];
    const w: number[] = [];
    // Alternated, so load from other processes falls on both sides alike.
    for (let i = 0; i < REPS; i++) {
      n.push(timeNative(native, q.sql));
      w.push(time(() => engine.exec(q.sql, 1000)));
    }
    const ratio = median(w) / median(n);
    rows.push({
      figure: `    ${q.name}`,
      ours: `${ms(median(w))} vs native ${ms(median(n))} = ${ratio.toFixed(2)}×`,
      target: '≤ 1.5× native',
      verdict: verdict(ratio <= 1.5),
    });
  }
  native.close();
  engine.close();
}

async function main(): Promise<void> {
  const benchStarted = performance.now();
  // Only the SQL sections use the 1M-row events database: `--only=pipeline,models` neither builds nor reads it.
  const needsEvents = ['browser', 'engine', 'cancel', 'open'].some((s) => selected.has(s));
  const eventsPath = needsEvents ? ensureEventsDb(BENCH_DIR) : '';
  const eventBytes = needsEvents ? new Uint8Array(readFileSync(eventsPath)) : new Uint8Array(0);

  if (selected.has('browser')) {
    // First, while the engine sections have not yet warmed this process's caches for it.
    const browser = await benchBrowser(ROOT, eventsPath);
    if (typeof browser === 'string') rows.push({ figure: '(a), (g)–(j) browser figures', ours: 'n/a', target: '', verdict: browser });
    else
      for (const f of browser) rows.push({ figure: f.figure, ours: f.ours, target: f.target, verdict: f.ok === null ? '' : verdict(f.ok) });
  }
  if (selected.has('engine')) {
    await benchQueries(eventsPath, eventBytes);
    await benchEngine();
  }
  if (selected.has('cancel')) {
    const big = ensureBigDb(eventsPath);
    for (const path of [eventsPath, big]) {
      const dbBytes = path === eventsPath ? eventBytes : new Uint8Array(readFileSync(path));
      for (const c of await cancelCases(dbBytes)) {
        const worst = Math.max(...c.times);
        rows.push({
          figure: `(c) Cancel → own table answers, ${(dbBytes.length / 1e6).toFixed(0)} MB db, ${c.name} (SqlClient, ${c.times.length} runs)`,
          ours: `median ${ms(median(c.times))}, worst ${ms(worst)}, tables kept: ${c.kept ? 'yes' : 'NO'}`,
          target: '≤ 250 ms, tables kept',
          verdict: verdict(worst <= 250 && c.kept),
        });
      }
    }
  }
  if (selected.has('open')) {
    const open = await openUserFile(eventBytes);
    rows.push({
      figure: `(d) open a ${(eventBytes.length / 1e6).toFixed(0)} MB user .db → ${open.tables} tables listed (SqlClient.openBytes, Node worker; median of ${open.runs})`,
      ours: ms(open.medianMs),
      target: '≤ 0.5× the rival’s time (docs/targets.md)',
      verdict: '',
    });
  }
  const workbenchJobs = WORKBENCH_SECTIONS.filter((s) => selected.has(s));
  if (workbenchJobs.length > 0) {
    for (const f of await benchWorkbench(ROOT, workbenchJobs)) {
      rows.push({ figure: f.figure, ours: f.ours, target: f.target, verdict: f.ok === null ? '' : verdict(f.ok) });
    }
  }
  if (selected.has('dashboard')) {
    for (const f of await benchDashboard(ROOT)) rows.push({ figure: f.figure, ours: f.ours, target: f.target, verdict: f.ok === null ? '' : verdict(f.ok) });
  }
  if (selected.has('import')) {
    for (const f of await benchImport(ROOT)) rows.push({ figure: f.figure, ours: f.ours, target: f.target, verdict: f.ok === null ? '' : verdict(f.ok) });
  }
  if (selected.has('crash')) {
    const crashRuns = Number(process.env.BENCH_CRASH_RUNS ?? 1000);
    const crash = await benchCrash(crashRuns);
    rows.push({
      figure: `(k) saves SIGKILLed at random (${crash.midWrite} mid-write)`,
      ours: `${crash.bad} of ${crash.runs} lost or corrupt (${crash.seconds.toFixed(0)} s)`,
      target: '0 of 1,000',
      verdict: verdict(crash.bad === 0 && crash.runs >= 1000),
    });
  }

  const widths = (['figure', 'ours', 'target', 'verdict'] as const).map((k) => Math.max(k.length, ...rows.map((r) => r[k].length)));
  const line = (r: Row): string => [r.figure, r.ours, r.target, r.verdict].map((v, i) => v.padEnd(widths[i] as number)).join(' │ ');
  console.log(`\n${line({ figure: 'figure', ours: 'measured this run (median)', target: 'target (docs/targets.md)', verdict: 'verdict' })}`);
  console.log(widths.map((w) => '─'.repeat(w)).join('─┼─'));
  for (const r of rows) console.log(line(r));
  console.log(`\nNode ${process.version}; sections: ${[...selected].join(', ')}; bench took ${((performance.now() - benchStarted) / 1000).toFixed(1)} s`);
}

await main();
