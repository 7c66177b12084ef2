/**
 * `node scripts/bench-pragmas.ts`: how the engine's open-time pragmas change sql.js's speed on the
 * 1M-row events database, against better-sqlite3 on the same file. The evidence behind
 * ENGINE_PRAGMAS in core/sql/engine.ts; re-run it before changing them.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import initSqlJs, { type Database as SqlJsDatabase } from 'sql.js';
import { EVENT_QUERIES, ensureEventsDb } from './lib/bench-events.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const REPS = Number(process.env.BENCH_REPS ?? 3);

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function timeSqlJs(db: SqlJsDatabase, sql: string): number {
  const t0 = performance.now();
  const stmt = db.prepare(sql);
  while (stmt.step()) stmt.get();
  stmt.free();
  return performance.now() - t0;
}

const path = ensureEventsDb(join(ROOT, '.bench'));
const bytes = new Uint8Array(readFileSync(path));
const cacheKiB = Math.ceil((bytes.length * 1.25) / 1024);
const configs: { name: string; pragmas: string[] }[] = [
  { name: 'stock', pragmas: [] },
  { name: 'temp_store=MEMORY', pragmas: ['PRAGMA temp_store = MEMORY'] },
  { name: `cache_size=-${cacheKiB}`, pragmas: [`PRAGMA cache_size = -${cacheKiB}`] },
  { name: 'temp+cache', pragmas: ['PRAGMA temp_store = MEMORY', `PRAGMA cache_size = -${cacheKiB}`] },
  {
    name: 'temp+cache+journal OFF+sync OFF',
    pragmas: ['PRAGMA temp_store = MEMORY', `PRAGMA cache_size = -${cacheKiB}`, 'PRAGMA journal_mode = MEMORY', 'PRAGMA synchronous = OFF'],
  },
  {
    name: 'all + mmap + threads',
    pragmas: [
      'PRAGMA temp_store = MEMORY',
      `PRAGMA cache_size = -${cacheKiB}`,
      'PRAGMA journal_mode = MEMORY',
      'PRAGMA synchronous = OFF',
      'PRAGMA mmap_size = 268435456',
      'PRAGMA threads = 2',
    ],
  },
];
const only = process.argv.slice(2);

const native = new Database(path, { readonly: true });
const nativeMs = EVENT_QUERIES.map((q) => {
  if (process.env.BENCH_NO_NATIVE) return NaN;
  const stmt = native.prepare(q.sql);
  stmt.all();
  const t: number[] = [];
  for (let i = 0; i < REPS; i++) {
    const t0 = performance.now();
    stmt.all();
    t.push(performance.now() - t0);
  }
  return median(t);
});
native.close();
console.log(`native: ${nativeMs.map((m) => Math.round(m)).join(' / ')} ms  (${EVENT_QUERIES.map((q) => q.name).join(' | ')})`);

const SQL = await initSqlJs();
for (const config of configs) {
  if (only.length && !only.includes(config.name)) continue;
  const db = new SQL.Database(bytes);
  for (const p of config.pragmas) db.exec(p);
  const reported = ['temp_store', 'cache_size', 'journal_mode', 'threads'].map((p) => `${p}=${db.exec(`PRAGMA ${p}`)[0]?.values[0]?.[0]}`);
  const cells = EVENT_QUERIES.map((q, i) => {
    timeSqlJs(db, q.sql); // warm: the first run fills the page cache
    const t: number[] = [];
    for (let r = 0; r < REPS; r++) t.push(timeSqlJs(db, q.sql));
    const m = median(t);
    return `${Math.round(m)} ms ${(m / nativeMs[i]!).toFixed(2)}×`;
  });
  db.close();
  console.log(`${config.name.padEnd(34)} ${cells.join(' │ ')}   [${reported.join(' ')}]`);
}
