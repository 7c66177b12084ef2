import { describe, expect, it } from 'vitest';
import { markDifferences, type MarkOptions } from '../../renderer/features/lesson/result-marks.ts';
import { offsetAt } from '../../renderer/features/lesson/graded-run.ts';
import type { ResultTable } from '../../core/grading/compare.ts';
import { lineColumnAt } from '../../core/sql/text-position.ts';

const OPTS: MarkOptions = { ordered: false, columns: 'all', extraColumns: 'forbid', tolerance: { absolute: 1e-9, relative: 1e-9 } };
const table = (columns: string[], rows: (string | number | null)[][]): ResultTable => ({ columns, rows, rowCount: rows.length });

describe('markDifferences', () => {
  const expected = table(['platform', 'orders'], [
    ['web', 10],
    ['ios', 7],
    ['android', 5],
  ]);

  it('marks nothing when the rows are the same in another order (unordered step)', () => {
    const d = markDifferences(expected, table(['Platform', 'ORDERS'], [['android', 5], ['web', 10], ['ios', 7]]), OPTS);
    expect(d.marks.rows.size + d.marks.cells.size + d.marks.columns.size).toBe(0);
    expect(d.missingRows).toBe(0);
  });

  it('marks the row and only the cell whose value differs', () => {
    const d = markDifferences(expected, table(['platform', 'orders'], [['web', 11], ['ios', 7], ['android', 5]]), OPTS);
    expect([...d.marks.rows]).toEqual([0]);
    expect([...d.marks.cells]).toEqual(['0:1']);
    expect(d.missingRows).toBe(0);
  });

  it('finds cells by column name when the learner orders columns differently', () => {
    const d = markDifferences(expected, table(['orders', 'platform'], [[10, 'web'], [8, 'ios'], [5, 'android']]), OPTS);
    expect([...d.marks.rows]).toEqual([1]);
    expect([...d.marks.cells]).toEqual(['1:0']);
  });

  it('counts expected rows the result lacks, and marks extra rows whole', () => {
    const d = markDifferences(expected, table(['platform', 'orders'], [['web', 10], ['tv', 1]]), OPTS);
    expect([...d.marks.rows]).toEqual([1]);
    expect(d.marks.cells.size).toBe(0);
    expect(d.missingRows).toBe(2);
  });

  it('marks rows out of place when only the order is wrong and the step is ordered', () => {
    const d = markDifferences(expected, table(['platform', 'orders'], [['ios', 7], ['web', 10], ['android', 5]]), { ...OPTS, ordered: true });
    expect([...d.marks.rows].sort()).toEqual([0, 1]);
  });

  it('marks columns that were not asked for, and no rows when a required column is missing', () => {
    const extra = markDifferences(expected, table(['platform', 'orders', 'x'], [['web', 10, 1], ['ios', 7, 1], ['android', 5, 1]]), OPTS);
    expect([...extra.marks.columns]).toEqual([2]);
    expect(extra.marks.rows.size).toBe(0);
    const missing = markDifferences(expected, table(['platform', 'n'], [['web', 1]]), OPTS);
    expect([...missing.marks.columns]).toEqual([1]);
    expect(missing.marks.rows.size).toBe(0);
  });

  it('numbers within the tolerance are equal', () => {
    const d = markDifferences(expected, table(['platform', 'orders'], [['web', 10.0000000001], ['ios', 7], ['android', 5]]), OPTS);
    expect(d.marks.rows.size).toBe(0);
  });

  it('does not compare rows of results capped to a preview', () => {
    const capped = { ...table(['platform', 'orders'], [['web', 99]]), rowCount: 500 };
    expect(markDifferences(expected, capped, OPTS).marks.rows.size).toBe(0);
  });
});

describe('offsetAt', () => {
  it('is the inverse of lineColumnAt for \\n and \\r\\n text', () => {
    for (const text of ['SELECT 1;\nSELECT x\nFROM t;', 'SELECT 1;\r\nSELECT x\r\nFROM t;']) {
      for (let offset = 0; offset <= text.length; offset++) {
        if (text[offset - 1] === '\r' && text[offset] === '\n') continue;
        const { line, column } = lineColumnAt(text, offset);
        expect(offsetAt(text, line, column)).toBe(offset);
      }
    }
  });
});

describe('markDifferences with many extra rows', () => {
  it('marks no cells when the result has more rows than the reference lacks', () => {
    const expected = table(['platform', 'orders'], [['web', 10], ['ios', 7]]);
    const actual = table(['platform', 'orders'], [['web', 1], ['web', 2], ['ios', 3], ['ios', 4]]);
    const d = markDifferences(expected, actual, OPTS);
    expect(d.marks.rows.size).toBe(4);
    expect(d.marks.cells.size).toBe(0);
    expect(d.missingRows).toBe(2);
  });
});
