import { describe, expect, it } from 'vitest';
import { formatNumber, isLabelNumberColumn, numberLocale } from '../../core/format/number.ts';

describe('numbers people can read', () => {
  it('groups thousands in Korean and English', () => {
    expect(formatNumber(108423140, 'en')).toBe('108,423,140');
    expect(formatNumber(108423140, 'ko')).toBe('108,423,140');
    expect(formatNumber(-1234567, 'en')).toBe('-1,234,567');
    expect(formatNumber(999, 'ko')).toBe('999');
    expect(formatNumber(12345678901234567890n, 'en')).toBe('12,345,678,901,234,567,890');
  });

  it('keeps decimals as they are, up to six', () => {
    expect(formatNumber(1234.5, 'en')).toBe('1,234.5');
    expect(formatNumber(0.25, 'ko')).toBe('0.25');
    expect(formatNumber(45231.123456789, 'en')).toBe('45,231.123457');
    expect(formatNumber(0.1 + 0.2, 'en')).toBe('0.3');
    expect(formatNumber(2, 'en')).toBe('2');
  });

  it('never shows a tiny number as 0, and leaves non-finite values as they are', () => {
    expect(formatNumber(1.5e-7, 'en')).toBe('1.5e-7');
    expect(formatNumber(1.5e-3, 'en')).toBe('0.0015');
    expect(formatNumber(Number.NaN, 'en')).toBe('NaN');
    expect(formatNumber(Number.POSITIVE_INFINITY, 'en')).toBe('Infinity');
  });

  it('keeps digits together when asked (ids, years)', () => {
    expect(formatNumber(100234, 'en', { grouping: false })).toBe('100234');
    expect(formatNumber(2024.5, 'ko', { grouping: false })).toBe('2024.5');
  });

  it('maps UI languages to locales', () => {
    expect(numberLocale('ko')).toBe('ko-KR');
    expect(numberLocale('ko-KR')).toBe('ko-KR');
    expect(numberLocale('en')).toBe('en-US');
    expect(numberLocale('fr')).toBe('en-US');
  });

  it('tells id and year columns from quantities', () => {
    expect(isLabelNumberColumn('order_id', [100234])).toBe(true);
    expect(isLabelNumberColumn('customerId', [5])).toBe(true);
    expect(isLabelNumberColumn('year', [2024, 2025])).toBe(true);
    expect(isLabelNumberColumn('order_year', [2024])).toBe(true);
    expect(isLabelNumberColumn('revenue', [108423140])).toBe(false);
    expect(isLabelNumberColumn('paid', [1])).toBe(false);
    expect(isLabelNumberColumn('valid', [1])).toBe(false);
    expect(isLabelNumberColumn('orders', [2024, 2030])).toBe(false);
  });
});
