import { numberLocale } from '../../../core/format/number.ts';
import { formatPValue } from '../../../core/format/p-value.ts';

/**
 * How the Experiments screen writes its numbers, in the UI language: percentages, percentage
 * points, p-values (never a bare 0), test statistics and counts.
 */

const cache = new Map<string, Intl.NumberFormat>();

function nf(lang: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${numberLocale(lang)}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(numberLocale(lang), options);
    cache.set(key, f);
  }
  return f;
}

/** A count with thousands separators: 1,825. */
export function fmtCount(value: number, lang: string): string {
  return nf(lang, { maximumFractionDigits: 0 }).format(value);
}

/** A number with a fixed count of decimals: 21.07. */
export function fmtFixed(value: number, lang: string, digits: number): string {
  return nf(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

/** A share as a percentage: 0.7068 → 70.68%. */
export function fmtPercent(value: number, lang: string, digits = 2): string {
  return nf(lang, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

/** A difference of shares in percentage points, without the unit: 0.0783 → 7.83 (two decimals, so 0.3 and 0.03 differ). */
export function fmtPp(value: number, lang: string, signed = false): string {
  const text = nf(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: signed ? 'exceptZero' : 'auto' }).format(value * 100);
  // −0.00 reads as a difference where there is none.
  return text.replace(/^[-−+]0\.00$/, '0.00');
}

/**
 * A p-value as people quote it: three decimals from 0.001 up (p = 0.008), and below that an
 * exact small number in scientific notation (4.4 × 10⁻⁶), never "0.000". The grader's feedback
 * writes it the same way (core/format/p-value.ts).
 */
export function fmtP(value: number, lang: string): string {
  return formatPValue(value, lang);
}

/** A p-value for a sentence: "< 0.001" below it, else as fmtP. */
export function fmtPShort(value: number, lang: string): string {
  return value < 0.001 ? `< ${fmtFixed(0.001, lang, 3)}` : fmtP(value, lang);
}

/** A test statistic or degrees of freedom: two decimals. */
export function fmtStat(value: number, lang: string): string {
  return fmtFixed(value, lang, 2);
}

/** An amount of won: ₩36,975 in English, 36,975원 in Korean; `signed` puts + or − in front. */
export function fmtWon(value: number, lang: string, signed = false): string {
  const sign = value < 0 ? '−' : signed && value > 0 ? '+' : '';
  const amount = fmtCount(Math.abs(value), lang);
  return lang.startsWith('ko') ? `${sign}${amount}원` : `${sign}₩${amount}`;
}
