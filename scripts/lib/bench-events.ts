/**
 * The benchmark's 1M-row events database (.bench/events-1m.sqlite), built once with better-sqlite3:
 * text timestamps over 348 days, eight event names, a users table to join, and the queries a
 * learner writes against it (grouping by text and by expression, sorting, a join, a window).
 */
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/** Rows in the events table. */
export const EVENT_ROWS = 1_000_000;

/** The queries measured against native, each returning few rows so only the engine's work is timed. */
export const EVENT_QUERIES: { name: string; sql: string }[] = [
  { name: 'GROUP BY event (text, 8 groups)', sql: 'SELECT event, count(*) AS n FROM events GROUP BY event' },
  {
    name: 'GROUP BY substr(ts,1,10) ORDER BY (348 groups)',
    sql: 'SELECT substr(ts, 1, 10) AS day, count(*) AS n, count(DISTINCT user_id) AS users FROM events GROUP BY day ORDER BY day',
  },
  { name: 'ORDER BY page (text) LIMIT 100', sql: 'SELECT id, page, ts FROM events ORDER BY page, ts LIMIT 100' },
  {
    name: 'JOIN users, GROUP BY country',
    sql: 'SELECT u.country, count(*) AS n FROM events e JOIN users u ON u.id = e.user_id GROUP BY u.country ORDER BY n DESC',
  },
  {
    name: 'window lag() OVER (PARTITION BY user ORDER BY ts)',
    sql: "SELECT count(*) FROM (SELECT ts, lag(ts) OVER (PARTITION BY user_id ORDER BY ts) AS prev FROM events) WHERE prev IS NULL OR substr(ts, 1, 10) <> substr(prev, 1, 10)",
  },
];

/** Builds the events database under dir if it is missing; returns its path. */
export function ensureEventsDb(dir: string): string {
  const path = join(dir, 'events-1m.sqlite');
  if (existsSync(path)) return path;
  mkdirSync(dir, { recursive: true });
  const started = performance.now();
  rmSync(`${path}.tmp`, { force: true });
  const db = new Database(`${path}.tmp`);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.exec(`
    CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, country TEXT NOT NULL, signup TEXT NOT NULL);
    INSERT INTO users
      WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r WHERE x < 50000)
      SELECT x, printf('user-%05d', x),
        CASE x % 12 WHEN 0 THEN 'KR' WHEN 1 THEN 'US' WHEN 2 THEN 'JP' WHEN 3 THEN 'DE' WHEN 4 THEN 'FR' WHEN 5 THEN 'GB'
          WHEN 6 THEN 'VN' WHEN 7 THEN 'BR' WHEN 8 THEN 'IN' WHEN 9 THEN 'CA' WHEN 10 THEN 'AU' ELSE 'SG' END,
        date('2024-01-01', '+' || (x % 300) || ' days') FROM r;
    CREATE TABLE events (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL, event TEXT NOT NULL, ts TEXT NOT NULL, page TEXT NOT NULL);
    INSERT INTO events
      WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r WHERE x < ${EVENT_ROWS})
      SELECT x, 1 + abs(random()) % 50000,
        CASE abs(random()) % 8 WHEN 0 THEN 'page_view' WHEN 1 THEN 'click' WHEN 2 THEN 'search' WHEN 3 THEN 'add_to_cart'
          WHEN 4 THEN 'checkout' WHEN 5 THEN 'purchase' WHEN 6 THEN 'signup' ELSE 'logout' END,
        strftime('%Y-%m-%d %H:%M:%S', julianday('2024-01-01') + (abs(random()) % (348 * 86400)) / 86400.0),
        '/products/' || (abs(random()) % 20000)
      FROM r;
  `);
  db.close();
  // Renamed only when complete, so an interrupted build is never taken for the database.
  renameSync(`${path}.tmp`, path);
  console.log(`built ${path} (${(statSync(path).size / 1e6).toFixed(1)} MB) in ${Math.round(performance.now() - started)} ms`);
  return path;
}
