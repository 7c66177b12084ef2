import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import initSqlJs from 'sql.js';
import { parseCatalog } from '../../core/datasets/catalog.ts';

// The large dataset is built only by `npm run datasets:large` (CI does not build it): checked when present.
const FILE = 'public/datasets/hanbit-warehouse-large.sqlite';
const built = existsSync(FILE);
if (!built) console.log(`[datasets] large event table test skipped: ${FILE} is not built (npm run datasets:large builds it)`);

describe.skipIf(!built)('the large warehouse’s event table (built by npm run datasets:large)', () => {
  it('holds every clean event, over a million, agreeing with the daily aggregate, and the catalog describes it', async () => {
    const SQL = await initSqlJs();
    const db = new SQL.Database(readFileSync(FILE));
    try {
      const one = (sql: string) => Number(db.exec(sql)[0]?.values[0]?.[0]);
      const rows = one('SELECT count(*) FROM fact_events');
      expect(rows).toBeGreaterThanOrEqual(1_000_000);
      expect(rows).toBe(one('SELECT sum(events) FROM fact_events_daily'));
      expect(one('SELECT count(DISTINCT event_id) FROM fact_events')).toBe(rows);
      // Times are KST: the date is the first ten characters of the time.
      expect(one('SELECT count(*) FROM fact_events WHERE event_date <> substr(event_at, 1, 10)')).toBe(0);
    } finally {
      db.close();
    }
    const catalog = parseCatalog(JSON.parse(readFileSync('public/datasets/catalog.json', 'utf8')));
    if (!catalog.ok) throw new Error(catalog.reason);
    const large = catalog.catalog.databases.find((d) => d.id === 'hanbit-warehouse-large');
    expect(large?.tables.find((t) => t.name === 'fact_events')?.columns.map((c) => c.name)).toEqual([
      'event_id', 'event_at', 'event_date', 'event_name', 'platform', 'user_id', 'session_id',
    ]);
    // The small warehouse stays small.
    expect(catalog.catalog.databases.find((d) => d.id === 'hanbit-warehouse')?.tables.some((t) => t.name === 'fact_events')).toBe(false);
  }, 120_000);
});
