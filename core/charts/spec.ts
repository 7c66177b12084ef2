import type { Cell, ColumnInfo } from '../sql/protocol.ts';

/** Mark types the chart builder offers. */
export const MARKS = ['bar', 'line', 'point', 'area'] as const;
export type MarkType = (typeof MARKS)[number];
/** Aggregates the chart builder offers for the Y field. */
export const AGGREGATES = ['none', 'count', 'sum', 'mean', 'min', 'max'] as const;
export type Aggregate = (typeof AGGREGATES)[number];

/** More marks than this and the chart is refused: it would be unreadable and slow. */
export const MAX_MARKS = 5000;

/** What the learner picked in the chart builder. */
export interface ChartChoice {
  mark: MarkType;
  x: string | null;
  y: string | null;
  color: string | null;
  aggregate: Aggregate;
}

export type FieldType = 'quantitative' | 'temporal' | 'nominal';

const DATE_LIKE = /^\d{4}-\d{2}(-\d{2})?([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z?)?$/;

/** Vega-Lite field type from the values a column holds (declared type as a tie-breaker). */
export function inferFieldType(values: Cell[], declType: string | null): FieldType {
  let numbers = 0;
  let dates = 0;
  let seen = 0;
  for (const v of values) {
    if (v === null) continue;
    seen++;
    if (typeof v === 'number') numbers++;
    else if (typeof v === 'string' && DATE_LIKE.test(v)) dates++;
    if (seen >= 200) break;
  }
  if (seen === 0) return /INT|REAL|NUM|FLOA|DOUB|DEC/i.test(declType ?? '') ? 'quantitative' : 'nominal';
  if (numbers === seen) return 'quantitative';
  if (dates === seen) return 'temporal';
  return 'nominal';
}

/** A sensible first chart for a result: first text/date column on X, first numeric on Y. */
export function defaultChoice(columns: ColumnInfo[], rows: Cell[][]): ChartChoice {
  const types = columns.map((c, i) =>
    inferFieldType(
      rows.map((r) => r[i] ?? null),
      c.declType,
    ),
  );
  const yIndex = types.lastIndexOf('quantitative');
  const xIndex = types.findIndex((t, i) => i !== yIndex && t !== 'quantitative');
  const x = columns[xIndex >= 0 ? xIndex : types.findIndex((_, i) => i !== yIndex)]?.name ?? null;
  const temporalX = xIndex >= 0 && types[xIndex] === 'temporal';
  return { mark: temporalX ? 'line' : 'bar', x, y: yIndex >= 0 ? columns[yIndex]!.name : null, color: null, aggregate: 'none' };
}

/** How many marks the chart would draw: groups when aggregated, else one per row. */
export function countMarks(choice: ChartChoice, columns: ColumnInfo[], rows: Cell[][]): number {
  if (choice.aggregate === 'none') return rows.length;
  const keys = [choice.x, choice.color].filter((k): k is string => k !== null).map((k) => columns.findIndex((c) => c.name === k));
  const groups = new Set<string>();
  for (const r of rows) groups.add(JSON.stringify(keys.map((i) => r[i] ?? null)));
  return groups.size;
}

/** A Vega-Lite spec type loose enough to avoid importing vega-lite into core. */
export type VegaLiteSpec = Record<string, unknown>;

/** Builds the Vega-Lite spec for a choice over a result; null when X or Y is missing. */
export function buildSpec(choice: ChartChoice, columns: ColumnInfo[], rows: Cell[][]): VegaLiteSpec | null {
  if (!choice.x || (!choice.y && choice.aggregate !== 'count')) return null;
  const idx = (name: string) => columns.findIndex((c) => c.name === name);
  const fieldType = (name: string) =>
    inferFieldType(
      rows.map((r) => r[idx(name)] ?? null),
      columns[idx(name)]?.declType ?? null,
    );
  const used = [choice.x, choice.y, choice.color].filter((f): f is string => f !== null);
  const values = rows.map((r) => {
    const o: Record<string, string | number | null> = {};
    for (const f of used) {
      const v = r[idx(f)] ?? null;
      o[f] = v instanceof Uint8Array ? `<blob ${v.length} bytes>` : v;
    }
    return o;
  });
  const xType = fieldType(choice.x);
  const encoding: Record<string, unknown> = {
    // Categories keep the query's own order (its ORDER BY), not the alphabet.
    x: { field: choice.x, type: xType, ...(xType === 'nominal' ? { sort: null } : {}) },
  };
  if (choice.aggregate === 'count') encoding.y = { aggregate: 'count', type: 'quantitative', title: 'count' };
  else if (choice.y) {
    encoding.y = {
      field: choice.y,
      type: 'quantitative',
      ...(choice.aggregate !== 'none' ? { aggregate: choice.aggregate } : {}),
    };
  }
  if (choice.color) encoding.color = { field: choice.color, type: fieldType(choice.color) === 'quantitative' ? 'quantitative' : 'nominal' };
  encoding.tooltip = [
    { field: choice.x, type: xType },
    ...(choice.aggregate === 'count'
      ? [{ aggregate: 'count', type: 'quantitative', title: 'count' }]
      : choice.y
        ? [{ field: choice.y, type: 'quantitative', ...(choice.aggregate !== 'none' ? { aggregate: choice.aggregate } : {}) }]
        : []),
    ...(choice.color ? [{ field: choice.color }] : []),
  ];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { values },
    mark: { type: choice.mark, ...(choice.mark === 'line' || choice.mark === 'area' ? { point: false } : {}) },
    encoding,
    width: 'container',
    height: 'container',
    autosize: { type: 'fit', contains: 'padding' },
  };
}
