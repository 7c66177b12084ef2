import { beforeAll, describe, expect, it } from 'vitest';
import { periodExpression } from '../../../core/metrics/render-sql.ts';
import type { SqlEngine } from '../../../core/sql/engine.ts';
import { warehouseEngine } from './support.ts';

/** The week a date falls in, by the textbook arithmetic: (strftime('%w') + 6) % 7 days back is Monday. */
const ARITHMETIC = (c: string): string => `date(${c}, '-' || ((CAST(strftime('%w', ${c}) AS INTEGER) + 6) % 7) || ' days')`;

let engine: SqlEngine;
beforeAll(async () => {
  engine = await warehouseEngine();
});

function count(sql: string): number {
  const r = engine.exec(sql, 1);
  if (r.error) throw new Error(r.error.message);
  return Number(r.results[0]?.rows[0]?.[0]);
}

describe('periodExpression', () => {
  it('starts every week on its Monday: the same dates as the %w arithmetic on every date, timestamp and hour of the warehouse', () => {
    const cases: [string, string][] = [
      ['dim_date', 'date'],
      ['fact_orders', 'ordered_at'],
      ['fact_searches', 'searched_at'],
      ['fact_web_requests_hourly', 'hour'],
    ];
    for (const [table, column] of cases) {
      expect(count(`SELECT COUNT(*) FROM ${table}`), table).toBeGreaterThan(300);
      const differ = count(`SELECT COUNT(*) FROM ${table} WHERE ${periodExpression(column, 'week')} IS NOT ${ARITHMETIC(column)}`);
      expect(differ, `${table}.${column}`).toBe(0);
      expect(count(`SELECT COUNT(*) FROM ${table} WHERE strftime('%w', ${periodExpression(column, 'week')}) <> '1'`), table).toBe(0);
    }
    expect(count(`SELECT ${periodExpression("'2025-12-28'", 'week')} = '2025-12-22'`)).toBe(1); // a Sunday
    expect(count(`SELECT ${periodExpression("'2025-12-29 23:59'", 'week')} = '2025-12-29'`)).toBe(1); // a Monday
    expect(count(`SELECT ${periodExpression('NULL', 'week')} IS NULL`)).toBe(1);
  });
});
