import { formatNumber, numberLocale } from '../../../core/format/number.ts';
import type { MetricUnit } from '../../../core/metrics/schema.ts';

/** A metric's value as the reader's language writes it in its unit: 1,234,567원 / ₩1,234,567, 12.3%, 1,024. */
export function formatValue(value: number, unit: MetricUnit, lang: string): string {
  switch (unit) {
    case 'krw': {
      const n = formatNumber(Math.round(value), lang);
      return numberLocale(lang) === 'ko-KR' ? `${n}원` : `₩${n}`;
    }
    case 'ratio':
      return new Intl.NumberFormat(numberLocale(lang), { style: 'percent', maximumFractionDigits: 1 }).format(value);
    case 'count':
      return formatNumber(Math.round(value), lang);
    default:
      return formatNumber(Math.round(value * 100) / 100, lang);
  }
}
