/**
 * `node scripts/bench-engines.ts`: which SQLite-in-WebAssembly build runs the learner's queries
 * closest to native. Times the 1M-row events queries (scripts/lib/bench-events.ts) in sql.js (the
 * engine the app ships), in the official SQLite WebAssembly build when it is installed
 * (`npm install --no-save @sqlite.org/sqlite-wasm@3.54.1-build1`; it is not a dependency), and
 * in better-sqlite3, interleaved query by query in one process, as CPU time (process.cpuUsage):
 * on a shared machine CPU time moves far less with the neighbours' load than wall time does.
 * The evidence behind keeping sql.js (see docs/targets.md, "Why the engine is stock sql.js").
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import initSqlJs from 'sql.js';
import { EVENT_QUERIES, ensureEventsDb } from './lib/bench-events.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const REPS = Number(process.env.BENCH_REPS ?? 3);

/** The slice of the official build's API this script uses (its own types are not installed). */
interface OfficialSqlite {
  version: { libVersion: string };
  oo1: { DB: new () => { pointer: number; exec(opts: { sql: string; callback: () => void }): void } };
  wasm: { allocFromTypedArray(bytes: Uint8Array): number };
  capi: {
    sqlite3_deserialize(db: number, schema: string, p: number, size: number, max: number, flags: number): number;
    SQLITE_DESERIALIZE_FREEONCLOSE: number;
    SQLITE_DESERIALIZE_RESIZEABLE: number;
  };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** CPU milliseconds (user + system) the function took. */
function cpu(fn: () => void): number {
  const start = process.cpuUsage();
  fn();
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
}

async function official(bytes: Uint8Array): Promise<{ version: string; run: (sql: string) => void } | null> {
  const name = '@sqlite.org/sqlite-wasm';
  let init: () => Promise<OfficialSqlite>;
  try {
    init = ((await import(name)) as { default: () => Promise<OfficialSqlite> }).default;
  } catch {
    return null;
  }
  const sqlite3 = await init();
  const db = new sqlite3.oo1.DB();
  const p = sqlite3.wasm.allocFromTypedArray(bytes);
  const flags = sqlite3.capi.SQLITE_DESERIALIZE_FREEONCLOSE | sqlite3.capi.SQLITE_DESERIALIZE_RESIZEABLE;
  const rc = sqlite3.capi.sqlite3_deserialize(db.pointer, 'main', p, bytes.length, bytes.length, flags);
  if (rc !== 0) throw new Error(`sqlite3_deserialize failed: ${rc}`);
  return { version: sqlite3.version.libVersion, run: (sql) => db.exec({ sql, callback: () => undefined }) };
}

const path = ensureEventsDb(join(ROOT, '.bench'));
const bytes = new Uint8Array(readFileSync(path));
const SQL = await initSqlJs();
const sqljs = new SQL.Database(bytes);
const native = new Database(path, { readonly: true });
const off = await official(bytes);
const engines: { name: string; run: (sql: string) => void }[] = [
  {
    name: `sql.js ${String(sqljs.exec('SELECT sqlite_version()')[0]?.values[0]?.[0])}`,
    run: (sql) => {
      const st = sqljs.prepare(sql);
      while (st.step()) st.get();
      st.free();
    },
  },
  ...(off ? [{ name: `@sqlite.org/sqlite-wasm ${off.version}`, run: off.run }] : []),
  { name: 'better-sqlite3 (native)', run: (sql) => void native.prepare(sql).all() },
];
if (!off) console.log('@sqlite.org/sqlite-wasm is not installed: comparing sql.js with native only.');

const times = engines.map(() => EVENT_QUERIES.map((): number[] => []));
for (let rep = 0; rep <= REPS; rep++) {
  EVENT_QUERIES.forEach((q, qi) => {
    engines.forEach((e, ei) => {
      const t = cpu(() => e.run(q.sql));
      if (rep > 0) times[ei]![qi]!.push(t); // the first round warms caches and the wasm tiers
    });
  });
}
const nativeMs = times[engines.length - 1]!.map(median);
console.log(`CPU ms, median of ${REPS}; × native in the same run\n${EVENT_QUERIES.map((q, i) => `  q${i}: ${q.name}`).join('\n')}`);
engines.forEach((e, ei) => {
  const cells = times[ei]!.map((t, qi) => {
    const m = median(t);
    return `q${qi} ${String(Math.round(m)).padStart(5)} ms ${(m / nativeMs[qi]!).toFixed(2)}×`;
  });
  console.log(`${e.name.padEnd(34)} ${cells.join(' │ ')}`);
});
