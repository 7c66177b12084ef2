import { describe, expect, it } from 'vitest';
import {
  compareResults,
  decimalPlaces,
  DEFAULT_TOLERANCE,
  hasTopLevelOrderBy,
  roundingClose,
  type CompareOptions,
  type ResultLike,
  type Verdict,
} from '../../core/grading/compare.ts';
import { formatMessage, type Message, type MessageCode } from '../../core/grading/messages.ts';
import type { Cell } from '../../core/sql/protocol.ts';

function table(columns: string[], rows: Cell[][]): ResultLike {
  return { columns: columns.map((name) => ({ name })), rows };
}

const UNORDERED: CompareOptions = { ordered: false, columns: 'all', extraColumns: 'forbid', tolerance: DEFAULT_TOLERANCE };

function codes(verdict: Verdict): MessageCode[] {
  return verdict.messages.map((m) => m.code);
}

function find<C extends MessageCode>(verdict: Verdict, code: C): Extract<Message, { code: C }> {
  const found = verdict.messages.find((m) => m.code === code);
  if (!found) throw new Error(`no ${code} message in ${JSON.stringify(codes(verdict))}`);
  return found as Extract<Message, { code: C }>;
}

const REGIONS = table(
  ['region', 'revenue'],
  [
    ['서울', 1200],
    ['부산', 800],
    ['대구', 450],
  ],
);

describe('compareResults: columns', () => {
  it('matches column names case-insensitively (alias case)', () => {
    const actual = table(
      ['Region', 'REVENUE'],
      [
        ['서울', 1200],
        ['부산', 800],
        ['대구', 450],
      ],
    );
    expect(compareResults(REGIONS, actual, UNORDERED).pass).toBe(true);
  });

  it('ignores the order of columns', () => {
    const actual = table(
      ['revenue', 'region'],
      [
        [800, '부산'],
        [1200, '서울'],
        [450, '대구'],
      ],
    );
    expect(compareResults(REGIONS, actual, UNORDERED).pass).toBe(true);
  });

  it('names missing and unexpected columns (a misspelt alias)', () => {
    const actual = table(
      ['region', 'sales'],
      [
        ['서울', 1200],
        ['부산', 800],
        ['대구', 450],
      ],
    );
    const verdict = compareResults(REGIONS, actual, UNORDERED);
    expect(verdict.pass).toBe(false);
    // One problem, one message: the missing alias and the column standing in for it, together.
    expect(codes(verdict)).toEqual(['missing-columns']);
    expect(find(verdict, 'missing-columns').params).toEqual({ columns: ['revenue'], instead: ['sales'] });
    expect(formatMessage(verdict.messages[0] as Message, 'en')).toBe(
      'Your result has no column revenue; it has sales instead. Give the task\'s name with AS (e.g. AS revenue).',
    );
    expect(formatMessage(verdict.messages[0] as Message, 'ko')).toContain('AS revenue');
  });

  it('fails extra columns when forbidden and passes them when allowed', () => {
    const actual = table(
      ['region', 'revenue', 'orders'],
      [
        ['서울', 1200, 3],
        ['부산', 800, 2],
        ['대구', 450, 1],
      ],
    );
    const forbidden = compareResults(REGIONS, actual, UNORDERED);
    expect(forbidden.pass).toBe(false);
    expect(codes(forbidden)).toEqual(['unexpected-columns']);
    expect(compareResults(REGIONS, actual, { ...UNORDERED, extraColumns: 'allow' }).pass).toBe(true);
  });

  it('compares only the listed required columns', () => {
    const expected = table(['region', 'revenue', 'note'], [['서울', 1200, 'a']]);
    const actual = table(['REGION', 'revenue'], [['서울', 1200]]);
    expect(compareResults(expected, actual, { ...UNORDERED, columns: ['region', 'revenue'] }).pass).toBe(true);
  });
});

describe('compareResults: rows', () => {
  it('treats rows as an unordered multiset', () => {
    const actual = table(
      ['region', 'revenue'],
      [
        ['대구', 450],
        ['서울', 1200],
        ['부산', 800],
      ],
    );
    expect(compareResults(REGIONS, actual, UNORDERED).pass).toBe(true);
  });

  it('counts duplicates: the same rows with another multiplicity fail', () => {
    const expected = table(['city'], [['서울'], ['서울'], ['부산']]);
    const actual = table(['city'], [['서울'], ['부산'], ['부산']]);
    const verdict = compareResults(expected, actual, UNORDERED);
    expect(verdict.pass).toBe(false);
    expect(find(verdict, 'rows-missing').params.examples).toEqual([['서울']]);
    expect(find(verdict, 'rows-extra').params.examples).toEqual([['부산']]);
  });

  it('reports DISTINCT that drops duplicates as the missing rows, named by column (the count is not said twice)', () => {
    const expected = table(['city'], [['서울'], ['서울'], ['부산']]);
    const actual = table(['city'], [['서울'], ['부산']]);
    const verdict = compareResults(expected, actual, UNORDERED);
    expect(codes(verdict)).toEqual(['rows-missing']);
    expect(formatMessage(find(verdict, 'rows-missing'), 'en')).toBe('1 row missing (e.g. (city = 서울))');
  });

  it('shows at most five examples of missing and extra rows', () => {
    const expected = table(
      ['n'],
      Array.from({ length: 12 }, (_, i) => [i]),
    );
    const actual = table(
      ['n'],
      Array.from({ length: 9 }, (_, i) => [i + 100]),
    );
    const verdict = compareResults(expected, actual, UNORDERED);
    const missing = find(verdict, 'rows-missing');
    const extra = find(verdict, 'rows-extra');
    expect(missing.params.count).toBe(12);
    expect(missing.params.examples).toHaveLength(5);
    expect(extra.params.count).toBe(9);
    expect(extra.params.examples).toHaveLength(5);
    expect(formatMessage(missing, 'en')).toMatch(/^12 rows missing/);
  });

  it('passes two empty results and reports an empty answer when rows were expected', () => {
    expect(compareResults(table(['n'], []), table(['n'], []), UNORDERED).pass).toBe(true);
    const verdict = compareResults(REGIONS, table(['region', 'revenue'], []), UNORDERED);
    expect(verdict.pass).toBe(false);
    expect(codes(verdict)).toContain('row-count');
    expect(formatMessage(find(verdict, 'row-count'), 'en')).toBe('Your result is empty; expected 3 rows.');
    expect(formatMessage(find(verdict, 'row-count'), 'ko')).toContain('비어 있습니다');
  });

  it('reports rows where none were expected', () => {
    const verdict = compareResults(table(['n'], []), table(['n'], [[1]]), UNORDERED);
    expect(codes(verdict)).toEqual(['rows-extra']);
  });

  it('says which column differs and in which rows when the keys line up', () => {
    const actual = table(
      ['region', 'revenue'],
      [
        ['서울', 1300],
        ['부산', 800],
        ['대구', 500],
      ],
    );
    const verdict = compareResults(REGIONS, actual, UNORDERED);
    const differs = find(verdict, 'column-differs');
    expect(differs.params.column).toBe('revenue');
    expect(differs.params.count).toBe(2);
    expect(differs.params.keyColumns).toEqual(['region']);
    expect(differs.params.examples).toContainEqual({ key: ['서울'], expected: 1200, actual: 1300 });
    expect(codes(verdict)).not.toContain('rows-missing');
    expect(formatMessage(differs, 'en')).toMatch(/^Column revenue differs in 2 rows/);
  });

  it('aligns rows by every other column when values are swapped between groups', () => {
    const actual = table(
      ['region', 'revenue'],
      [
        ['서울', 800],
        ['부산', 1200],
        ['대구', 450],
      ],
    );
    const differs = find(compareResults(REGIONS, actual, UNORDERED), 'column-differs');
    expect(differs.params.column).toBe('revenue');
    expect(differs.params.count).toBe(2);
  });

  it('compares text exactly: no trimming, no case folding', () => {
    const expected = table(['city'], [['Seoul']]);
    expect(compareResults(expected, table(['city'], [['Seoul ']]), UNORDERED).pass).toBe(false);
    expect(compareResults(expected, table(['city'], [['seoul']]), UNORDERED).pass).toBe(false);
  });

  it('never equates text with a number', () => {
    expect(compareResults(table(['n'], [[3]]), table(['n'], [['3']]), UNORDERED).pass).toBe(false);
  });

  it('compares blobs byte by byte', () => {
    const expected = table(['b'], [[new Uint8Array([1, 2])]]);
    expect(compareResults(expected, table(['b'], [[new Uint8Array([1, 2])]]), UNORDERED).pass).toBe(true);
    expect(compareResults(expected, table(['b'], [[new Uint8Array([1, 3])]]), UNORDERED).pass).toBe(false);
  });
});

describe('compareResults: numbers', () => {
  it('treats an integer and a real of the same value as equal', () => {
    expect(compareResults(table(['n'], [[3]]), table(['n'], [[3.0]]), UNORDERED).pass).toBe(true);
  });

  it('absorbs floating-point noise by default', () => {
    expect(compareResults(table(['n'], [[0.3]]), table(['n'], [[0.1 + 0.2]]), UNORDERED).pass).toBe(true);
  });

  it('passes 1/3 against 0.333 with a stated tolerance', () => {
    const options = { ...UNORDERED, tolerance: { absolute: 0.001, relative: 0 } };
    expect(compareResults(table(['share'], [[1 / 3]]), table(['share'], [[0.333]]), options).pass).toBe(true);
  });

  it('reports rounding specifically when the tolerance is not met', () => {
    const verdict = compareResults(table(['share'], [[1 / 3]]), table(['share'], [[0.333]]), UNORDERED);
    expect(verdict.pass).toBe(false);
    const rounding = find(verdict, 'rounding');
    expect(rounding.params).toMatchObject({ column: 'share', count: 1, expectedDecimals: 16, actualDecimals: 3 });
    expect(formatMessage(rounding, 'en')).toContain('differs only in precision (rounding)');
    // The reference is unrounded: the fix is not to round, never "round(..., 16)".
    expect(formatMessage(rounding, 'en')).toContain('Do not round');
    expect(formatMessage(rounding, 'en')).not.toContain('round(..., 16)');
  });

  it('reports rounding when the reference rounds and the answer does not', () => {
    const expected = table(
      ['region', 'avg'],
      [
        ['서울', 12.35],
        ['부산', 7.1],
      ],
    );
    const actual = table(
      ['region', 'avg'],
      [
        ['서울', 12.3456],
        ['부산', 7.0999],
      ],
    );
    const rounding = find(compareResults(expected, actual, UNORDERED), 'rounding');
    expect(rounding.params).toMatchObject({ column: 'avg', count: 2, expectedDecimals: 2, actualDecimals: 4 });
  });

  it('does not call a real difference rounding', () => {
    const verdict = compareResults(table(['n'], [[3.5]]), table(['n'], [[4.2]]), UNORDERED);
    expect(codes(verdict)).not.toContain('rounding');
    // One row each side: the column that differs is named, not "1 row missing, 1 extra row".
    expect(codes(verdict)).toEqual(['column-differs']);
    expect(formatMessage(find(verdict, 'column-differs'), 'en')).toBe('Column n differs: expected 3.5, yours 4.2.');
  });

  it('counts decimal places and rounding closeness as written', () => {
    expect(decimalPlaces(0.33)).toBe(2);
    expect(decimalPlaces(3)).toBe(0);
    expect(decimalPlaces(1e-7)).toBe(7);
    expect(roundingClose(1 / 3, 0.33)).toBe(true);
    expect(roundingClose(2.5, 3)).toBe(true);
    expect(roundingClose(2.4, 3)).toBe(false);
  });
});

describe('compareResults: NULL', () => {
  it('treats NULL as equal to NULL', () => {
    expect(compareResults(table(['a', 'b'], [[1, null]]), table(['a', 'b'], [[1, null]]), UNORDERED).pass).toBe(true);
  });

  it('reports NULLs where the reference has values (a LEFT JOIN without COALESCE)', () => {
    const expected = table(
      ['region', 'orders'],
      [
        ['서울', 3],
        ['세종', 0],
      ],
    );
    const actual = table(
      ['region', 'orders'],
      [
        ['서울', 3],
        ['세종', null],
      ],
    );
    const verdict = compareResults(expected, actual, UNORDERED);
    expect(verdict.pass).toBe(false);
    expect(find(verdict, 'nulls-where-values').params).toEqual({ column: 'orders', count: 1 });
    expect(codes(verdict)).not.toContain('column-differs');
  });

  it('does not equate NULL with zero or the empty string', () => {
    expect(compareResults(table(['a'], [[0]]), table(['a'], [[null]]), UNORDERED).pass).toBe(false);
    expect(compareResults(table(['a'], [['']]), table(['a'], [[null]]), UNORDERED).pass).toBe(false);
  });
});

describe('compareResults: order', () => {
  const ORDERED: CompareOptions = { ...UNORDERED, ordered: true };
  const SORTED = 'SELECT region, revenue FROM t ORDER BY revenue DESC';

  it('passes the right rows in the right order with ORDER BY', () => {
    expect(compareResults(REGIONS, REGIONS, ORDERED, SORTED).pass).toBe(true);
  });

  it('reports right rows, wrong order', () => {
    const actual = table(
      ['region', 'revenue'],
      [
        ['대구', 450],
        ['부산', 800],
        ['서울', 1200],
      ],
    );
    const verdict = compareResults(REGIONS, actual, ORDERED, 'SELECT region, revenue FROM t ORDER BY revenue');
    expect(codes(verdict)).toEqual(['wrong-order']);
    expect(find(verdict, 'wrong-order').params.position).toBe(1);
    expect(formatMessage(verdict.messages[0] as Message, 'en')).toBe('Right rows, wrong order (from row 1).');
  });

  it('requires ORDER BY even when the order happens to be right', () => {
    const verdict = compareResults(REGIONS, REGIONS, ORDERED, 'SELECT region, revenue FROM t');
    expect(codes(verdict)).toEqual(['order-by-required']);
  });

  it('ignores order when the step does not ask for one', () => {
    const actual = table(
      ['region', 'revenue'],
      [
        ['대구', 450],
        ['부산', 800],
        ['서울', 1200],
      ],
    );
    expect(compareResults(REGIONS, actual, UNORDERED, 'SELECT region, revenue FROM t').pass).toBe(true);
  });

  it('finds only a top-level ORDER BY', () => {
    expect(hasTopLevelOrderBy('SELECT * FROM t ORDER BY 1')).toBe(true);
    expect(hasTopLevelOrderBy('select * from t order  by 1;')).toBe(true);
    expect(hasTopLevelOrderBy('SELECT * FROM (SELECT * FROM t ORDER BY 1)')).toBe(false);
    expect(hasTopLevelOrderBy('WITH x AS (SELECT * FROM t ORDER BY 1) SELECT * FROM x')).toBe(false);
    expect(hasTopLevelOrderBy('SELECT row_number() OVER (ORDER BY a) FROM t')).toBe(false);
    expect(hasTopLevelOrderBy("SELECT 'ORDER BY' FROM t -- ORDER BY x")).toBe(false);
    expect(hasTopLevelOrderBy('SELECT 1 ORDER BY 1; SELECT 2')).toBe(false);
  });
});

describe('compareResults: the verdict carries both results for the side-by-side view', () => {
  it('returns expected and actual tables', () => {
    const actual = table(['region', 'revenue'], [['서울', 1]]);
    const verdict = compareResults(REGIONS, actual, UNORDERED);
    expect(verdict.expected).toEqual({ columns: ['region', 'revenue'], rows: REGIONS.rows, rowCount: 3 });
    expect(verdict.actual?.rows).toEqual([['서울', 1]]);
  });
});
