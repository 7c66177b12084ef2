/**
 * Numbers people can read: thousands separators by locale, decimals kept as they are up to a
 * sensible maximum. For display only; copies and exports keep the raw value.
 */

/** At most this many decimals on screen: 0.1 + 0.2 reads 0.3, 45231.123456789 reads 45,231.123457. */
export const MAX_FRACTION_DIGITS = 6;

/** The Intl locale for a UI language: Korean or (anything else) English. */
export function numberLocale(lang: string): 'ko-KR' | 'en-US' {
  return lang.toLowerCase().startsWith('ko') ? 'ko-KR' : 'en-US';
}

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(locale: string, digits: number, grouping: boolean): Intl.NumberFormat {
  const key = `${locale}|${digits}|${grouping}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: 0, useGrouping: grouping });
    formatters.set(key, f);
  }
  return f;
}

/** How many decimals the shortest round-trip text of a number has (1.5e-3 has 4). */
function fractionDigits(value: number): number {
  const [mantissa = '', exp] = String(Math.abs(value)).split('e');
  const decimals = mantissa.split('.')[1]?.length ?? 0;
  return Math.max(0, decimals - Number(exp ?? 0));
}

/**
 * A number as a learner reads it in the UI language: `108423140` → `108,423,140`, `0.5` → `0.5`.
 * `grouping: false` keeps digits together (identifiers, years). Values too small for
 * MAX_FRACTION_DIGITS keep JavaScript's own text (`1.2e-7`) rather than reading as 0.
 */
export function formatNumber(value: number | bigint, lang: string, options: { grouping?: boolean } = {}): string {
  const grouping = options.grouping ?? true;
  if (typeof value === 'bigint') return formatter(numberLocale(lang), 0, grouping).format(value);
  if (!Number.isFinite(value)) return String(value);
  if (value !== 0 && Math.abs(value) < 10 ** -MAX_FRACTION_DIGITS) return String(value);
  const digits = Math.min(fractionDigits(value), MAX_FRACTION_DIGITS);
  return formatter(numberLocale(lang), digits, grouping).format(value);
}

// Names whose numbers are labels, not quantities: order_id, customerId, id, year, zip_code, phone.
const LABEL_NAME = /(^|[_\s.])(id|key|year|yr|code|zip|phone|no)$|^(id|year|연도|년도)$/i;
const CAMEL_ID = /[a-z](Id|Key|Year)$/;

/**
 * Whether a numeric column holds labels (ids, years) whose digits should stay together:
 * `2024` must not read `2,024`, nor `order_id` 100234 as `100,234`.
 */
export function isLabelNumberColumn(name: string, values: readonly unknown[]): boolean {
  if (LABEL_NAME.test(name.trim()) || CAMEL_ID.test(name.trim())) return true;
  // A column of whole numbers all between 1900 and 2100 named like a period is a year.
  let seen = 0;
  for (const v of values) {
    if (v === null || v === undefined) continue;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1900 || v > 2100) return false;
    if (++seen >= 200) break;
  }
  return seen > 0 && /year|yr|연|년/i.test(name);
}
