import { describe, expect, it } from 'vitest';
import { compareResults, DEFAULT_TOLERANCE, roundingClose, type CompareOptions, type ResultLike } from '../../core/grading/compare.ts';
import { formatMessage } from '../../core/grading/messages.ts';
import type { Cell } from '../../core/sql/protocol.ts';

/**
 * "Differs only by rounding" is said only when the learner's value is the expected one shown with
 * another number of decimals, never when a whole number stands for a wrongly computed ratio.
 */

function table(columns: string[], rows: Cell[][]): ResultLike {
  return { columns: columns.map((name) => ({ name })), rows };
}

const UNORDERED: CompareOptions = { ordered: false, columns: 'all', extraColumns: 'forbid', tolerance: DEFAULT_TOLERANCE };

function codes(expected: ResultLike, actual: ResultLike): string[] {
  return compareResults(expected, actual, UNORDERED).messages.map((m) => m.code);
}

describe('rounding is claimed only for the same number at another precision', () => {
  it('a conversion rate of exactly 1 (conversions counted with count()) against 0.707 is a wrong value, not rounding', () => {
    const expected = table(['arm', 'rate'], [['control', 0.707], ['treatment', 0.731]]);
    const actual = table(['arm', 'rate'], [['control', 1], ['treatment', 1]]);
    const verdict = compareResults(expected, actual, UNORDERED);
    expect(verdict.messages.map((m) => m.code)).toEqual(['column-differs']);
    const text = formatMessage(verdict.messages[0]!, 'en');
    expect(text).toContain('0.707');
    expect(text).not.toMatch(/rounding|precision/i);
    expect(formatMessage(verdict.messages[0]!, 'ko')).not.toContain('반올림');
  });

  it('a single rate of 1 against 0.707 is not rounding either', () => {
    expect(codes(table(['rate'], [[0.707]]), table(['rate'], [[1]]))).not.toContain('rounding');
    expect(roundingClose(0.707, 1)).toBe(false);
    expect(roundingClose(0.95, 1)).toBe(false);
    expect(roundingClose(0.004, 0)).toBe(false);
  });

  it('a ratio cut to a whole number by integer division is a wrong computation, not rounding', () => {
    const expected = table(['units', 'days', 'units_per_day'], [[4840, 61, 4840 / 61]]);
    // 79.34 would also round to 79: only the direction of the cut tells integer division apart.
    const actual = table(['units', 'days', 'units_per_day'], [[4840, 61, 79]]);
    expect(codes(expected, actual)).toEqual(['column-differs']);
  });

  it('keeps the true cases: an unrounded answer to a rounded reference, and the other way round', () => {
    expect(codes(table(['ctr'], [[0.707]]), table(['ctr'], [[0.7068]]))).toEqual(['rounding']);
    expect(codes(table(['ctr'], [[0.7068]]), table(['ctr'], [[0.707]]))).toEqual(['rounding']);
    expect(codes(table(['share'], [[0.0468]]), table(['share'], [[0.05]]))).toEqual(['rounding']);
  });

  it('keeps a learner’s whole numbers as rounding when they were rounded (some up), not cut', () => {
    const expected = table(['region', 'avg'], [['서울', 2.96], ['부산', 7.2]]);
    const actual = table(['region', 'avg'], [['서울', 3], ['부산', 7]]);
    expect(codes(expected, actual)).toEqual(['rounding']);
    expect(roundingClose(2.96, 3)).toBe(true);
  });
});
