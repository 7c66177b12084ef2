import { describe, expect, it } from 'vitest';
import { buildSpec, countMarks, defaultChoice, inferFieldType, MAX_MARKS, TOP_N, topCategories } from '../../core/charts/spec.ts';
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

const cols = (...names: string[]): ColumnInfo[] => names.map((name) => ({ name, declType: null }));
type Enc = Record<string, Record<string, unknown>>;
const enc = (spec: Record<string, unknown> | null) => spec!.encoding as Enc;

// The sandbox's month × platform × revenue: three platforms per month.
const monthCols = cols('month', 'platform', 'revenue');
const monthRows: Cell[][] = ['2024-07', '2024-08', '2024-09'].flatMap((m, i) => [
  [m, 'android', 12038080 + i * 1000],
  [m, 'ios', 6393080 + i * 1000],
  [m, 'web', 10875160 + i * 1000],
]);

describe('chart builder', () => {
  it('infers field types from values', () => {
    expect(inferFieldType(['2025-01-01', null], 'TEXT')).toBe('temporal');
    expect(inferFieldType([1, 2.5], null)).toBe('quantitative');
    expect(inferFieldType(['서울', '부산'], null)).toBe('nominal');
    expect(inferFieldType([null], 'INTEGER')).toBe('quantitative');
  });

  it('draws month × platform × revenue as one coloured line per platform, not one sawtooth', () => {
    const choice = defaultChoice(monthCols, monthRows);
    expect(choice).toMatchObject({ mark: 'line', x: 'month', y: 'revenue', color: 'platform', top: null });
    const e = enc(buildSpec(choice, monthCols, monthRows));
    expect(e.x).toMatchObject({ field: 'month', type: 'temporal', scale: { type: 'utc' } });
    expect(e.color).toMatchObject({ field: 'platform', type: 'nominal' });
    expect(e.y).toMatchObject({ field: 'revenue', axis: { format: ',~f' } });
  });

  it('proposes a line over time for a date and a number, with no colour when there is no category', () => {
    expect(defaultChoice(cols('day', 'revenue'), [['2025-01-01', 1], ['2025-01-02', 2]])).toMatchObject({
      mark: 'line',
      x: 'day',
      y: 'revenue',
      color: null,
    });
    expect(defaultChoice(columns, rows)).toMatchObject({ mark: 'line', x: 'day', y: 'revenue', color: 'region' });
  });

  it('draws categories and a number as bars sorted by value, biggest first', () => {
    const c = cols('platform', 'orders');
    const r: Cell[][] = [['android', 5], ['ios', 9], ['web', 7]];
    const choice = defaultChoice(c, r);
    expect(choice).toMatchObject({ mark: 'bar', x: 'platform', y: 'orders', color: null });
    expect(enc(buildSpec(choice, c, r)).x).toMatchObject({ field: 'platform', type: 'nominal', sort: '-y' });
  });

  it('keeps the order of numbered categories such as age bands', () => {
    const c = cols('age_band', 'customers');
    const r: Cell[][] = [['10대', 5], ['20대', 40], ['30대', 30]];
    expect(enc(buildSpec(defaultChoice(c, r), c, r)).x).toMatchObject({ field: 'age_band', sort: null });
  });

  it('lays bars down when labels are long', () => {
    const c = cols('product_name', 'revenue');
    const r: Cell[][] = [['무선 블루투스 이어폰 프로', 5], ['스테인리스 텀블러 500ml', 9]];
    const e = enc(buildSpec(defaultChoice(c, r), c, r));
    expect(e.y).toMatchObject({ field: 'product_name', type: 'nominal', sort: '-x' });
    expect(e.x).toMatchObject({ field: 'revenue', type: 'quantitative' });
  });

  it('draws a count against a small whole number (hour) as bars, one per hour', () => {
    const c = cols('hour', 'requests');
    const r: Cell[][] = Array.from({ length: 24 }, (_, h) => [h, 100 + ((h * 37) % 50)]);
    const choice = defaultChoice(c, r);
    expect(choice).toMatchObject({ mark: 'bar', x: 'hour', y: 'requests' });
    expect(enc(buildSpec(choice, c, r)).x).toMatchObject({ field: 'hour', type: 'ordinal' });
  });

  it('draws two measures as points', () => {
    const c = cols('price', 'discount_rate');
    const r: Cell[][] = [[1200.5, 0.1], [3400.25, 0.2], [990.75, 0.05]];
    expect(defaultChoice(c, r)).toMatchObject({ mark: 'point', x: 'price', y: 'discount_rate' });
  });

  it('counts the rows of a lone category column', () => {
    const c = cols('status');
    const r: Cell[][] = [['paid'], ['paid'], ['refunded']];
    const choice = defaultChoice(c, r);
    expect(choice).toMatchObject({ mark: 'bar', x: 'status', aggregate: 'count' });
    expect(enc(buildSpec(choice, c, r)).y).toMatchObject({ aggregate: 'count', title: 'count' });
    // The count axis is named in the UI language.
    expect(enc(buildSpec(choice, c, r, '개수')).y).toMatchObject({ aggregate: 'count', title: '개수' });
  });

  it('treats years as categories with their digits together', () => {
    const c = cols('year', 'revenue');
    const r: Cell[][] = [[2024, 5000], [2025, 9000]];
    const choice = defaultChoice(c, r);
    expect(choice).toMatchObject({ mark: 'bar', x: 'year', y: 'revenue' });
    expect(enc(buildSpec(choice, c, r)).x).toMatchObject({ field: 'year', type: 'ordinal' });
  });

  it('keeps only the top categories by value when there are too many, and says how many there were', () => {
    const c = cols('term', 'searches');
    const r: Cell[][] = Array.from({ length: 30 }, (_, i) => [`term ${String(i).padStart(2, '0')}`, i * 10]);
    const choice = defaultChoice(c, r);
    expect(choice.top).toBe(TOP_N);
    const top = topCategories(choice, c, r)!;
    expect(top.total).toBe(30);
    expect([...top.keep]).toContain('term 29');
    expect([...top.keep]).not.toContain('term 00');
    const values = (buildSpec(choice, c, r)!.data as { values: unknown[] }).values;
    expect(values).toHaveLength(TOP_N);
    expect((buildSpec({ ...choice, top: null }, c, r)!.data as { values: unknown[] }).values).toHaveLength(30);
  });

  it('limits series by colour, not months, on a line over time', () => {
    const c = cols('month', 'category', 'revenue');
    const r: Cell[][] = Array.from({ length: 20 }, (_, i) => ['2024-07', `cat ${i}`, i]);
    const choice = defaultChoice(c, r);
    expect(choice).toMatchObject({ mark: 'line', color: 'category', top: TOP_N });
    expect(topCategories(choice, c, r)).toMatchObject({ field: 'category', total: 20 });
  });

  it('formats quantitative axes and tooltips with thousands separators, ids and years without', () => {
    const spec = buildSpec({ mark: 'point', x: 'order_id', y: 'revenue', color: null, aggregate: 'none', top: null }, cols('order_id', 'revenue'), [
      [100234, 108423140],
    ])!;
    expect(enc(spec).y).toMatchObject({ axis: { format: ',~f' } });
    expect(enc(spec).x).toMatchObject({ type: 'ordinal' });
    expect(spec.encoding).toMatchObject({ tooltip: [{ field: 'order_id' }, { field: 'revenue', format: ',~f' }] });
  });

  it('builds a Vega-Lite spec with the chosen encodings and aggregate', () => {
    const spec = buildSpec({ mark: 'bar', x: 'region', y: 'revenue', color: null, aggregate: 'sum', top: null }, columns, rows)!;
    expect(spec.mark).toMatchObject({ type: 'bar' });
    expect(spec.encoding).toMatchObject({
      x: { field: 'region', type: 'nominal', sort: '-y' },
      y: { field: 'revenue', aggregate: 'sum', type: 'quantitative' },
    });
    expect((spec.data as { values: unknown[] }).values).toHaveLength(3);
  });

  it('counts a count aggregate without a Y field', () => {
    const spec = buildSpec({ mark: 'bar', x: 'region', y: null, color: null, aggregate: 'count', top: null }, columns, rows)!;
    expect(spec.encoding).toMatchObject({ y: { aggregate: 'count' } });
  });

  it('returns no spec until X and Y are chosen', () => {
    expect(buildSpec({ mark: 'bar', x: null, y: 'revenue', color: null, aggregate: 'none', top: null }, columns, rows)).toBeNull();
  });

  it('counts marks as rows, or as groups when aggregated', () => {
    expect(countMarks({ mark: 'point', x: 'day', y: 'revenue', color: null, aggregate: 'none', top: null }, columns, rows)).toBe(3);
    expect(countMarks({ mark: 'bar', x: 'region', y: 'revenue', color: null, aggregate: 'sum', top: null }, columns, rows)).toBe(2);
    const many: Cell[][] = Array.from({ length: MAX_MARKS + 1 }, (_, i) => [String(i), 'x', i]);
    expect(countMarks({ mark: 'point', x: 'day', y: 'revenue', color: null, aggregate: 'none', top: null }, columns, many)).toBeGreaterThan(MAX_MARKS);
  });
});
