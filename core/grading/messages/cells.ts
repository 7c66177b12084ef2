import type { Cell } from '../../sql/protocol.ts';
import type { Lang } from '../../lessons/localized.ts';
import { formatNumber, isLabelNumberColumn } from '../../format/number.ts';
import { formatPValue } from '../../format/p-value.ts';

/** How a cell reads in feedback: NULL spelled out, numbers with the locale's separators (not ids or years), blobs as short hex. */
export function formatCell(cell: Cell, lang: Lang = 'en', column = ''): string {
  if (cell === null) return 'NULL';
  if (typeof cell === 'number') return formatNumber(cell, lang, { grouping: !isLabelNumberColumn(column, [cell]) });
  if (typeof cell === 'string') return cell;
  const hex = Array.from(cell.slice(0, 16), (b) => b.toString(16).padStart(2, '0')).join('');
  return `x'${hex}${cell.length > 16 ? '…' : ''}'`;
}

/** A row as "name = value" pairs, so no value stands without its column. */
export function formatNamedRow(columns: string[], row: Cell[], lang: Lang): string {
  return row.map((cell, i) => `${columns[i] ?? '?'} = ${formatCell(cell, lang, columns[i])}`).join(', ');
}

/** Rows as parenthesised "name = value" lists, separated by semicolons. */
export function formatRows(columns: string[], rows: Cell[][], lang: Lang): string {
  return rows.map((r) => `(${formatNamedRow(columns, r, lang)})`).join('; ');
}

/** A p-value as the readout writes it (core/format/p-value.ts): p = 0.008, p = 4.4 × 10⁻⁶. */
export function pValue(p: number, lang: Lang): string {
  return formatPValue(p, lang);
}

/** A difference of proportions in percentage points, signed, one decimal. */
export function pp(diff: number): string {
  const v = Math.round(diff * 1000) / 10;
  return `${v > 0 ? '+' : ''}${v.toFixed(1)}`;
}
