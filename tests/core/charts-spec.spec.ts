import { describe, expect, it } from 'vitest';
import { buildSpec, countMarks, defaultChoice, inferFieldType, MAX_MARKS } from '../../core/charts/spec.ts';
import type { Cell, ColumnInfo } from '../../core/sql/protocol.ts';

const columns: ColumnInfo[] = [
  { name: 'day', declType: 'TEXT' },
  { name: 'region', declType: 'TEXT' },
  { name: 'revenue', declType: 'INTEGER' },
];
const rows: Cell[][] = [
  ['2025-01-01', '서울', 100],
  ['2025-01-01', '부산', 50],
  ['2025-01-02', '서울', 70],
];

describe('chart builder', () => {
  it('infers field types from values', () => {
    expect(inferFieldType(['2025-01-01', null], 'TEXT')).toBe('temporal');
    expect(inferFieldType([1, 2.5], null)).toBe('quantitative');
    expect(inferFieldType(['서울', '부산'], null)).toBe('nominal');
    expect(inferFieldType([null], 'INTEGER')).toBe('quantitative');
  });

  it('proposes a line over time for a date and a number', () => {
    expect(defaultChoice(columns, rows)).toMatchObject({ mark: 'line', x: 'day', y: 'revenue' });
  });

  it('builds a Vega-Lite spec with the chosen encodings and aggregate', () => {
    const spec = buildSpec({ mark: 'bar', x: 'region', y: 'revenue', color: null, aggregate: 'sum' }, columns, rows)!;
    expect(spec.mark).toMatchObject({ type: 'bar' });
    expect(spec.encoding).toMatchObject({
      x: { field: 'region', type: 'nominal', sort: null },
      y: { field: 'revenue', aggregate: 'sum', type: 'quantitative' },
    });
    expect((spec.data as { values: unknown[] }).values).toHaveLength(3);
  });

  it('counts a count aggregate without a Y field', () => {
    const spec = buildSpec({ mark: 'bar', x: 'region', y: null, color: null, aggregate: 'count' }, columns, rows)!;
    expect(spec.encoding).toMatchObject({ y: { aggregate: 'count' } });
  });

  it('returns no spec until X and Y are chosen', () => {
    expect(buildSpec({ mark: 'bar', x: null, y: 'revenue', color: null, aggregate: 'none' }, columns, rows)).toBeNull();
  });

  it('counts marks as rows, or as groups when aggregated', () => {
    expect(countMarks({ mark: 'point', x: 'day', y: 'revenue', color: null, aggregate: 'none' }, columns, rows)).toBe(3);
    expect(countMarks({ mark: 'bar', x: 'region', y: 'revenue', color: null, aggregate: 'sum' }, columns, rows)).toBe(2);
    const many: Cell[][] = Array.from({ length: MAX_MARKS + 1 }, (_, i) => [String(i), 'x', i]);
    expect(countMarks({ mark: 'point', x: 'day', y: 'revenue', color: null, aggregate: 'none' }, columns, many)).toBeGreaterThan(MAX_MARKS);
  });
});
