import type { Cell } from '../../core/sql/protocol.ts';
import { formatNumber } from '../../core/format/number.ts';

/** The raw text of a cell, as the clipboard gets it (blobs as hex, long ones shortened). */
export function formatCell(value: Cell): string {
  if (value === null) return 'NULL';
  if (value instanceof Uint8Array) {
    const hex = Array.from(value.subarray(0, 32), (b) => b.toString(16).padStart(2, '0')).join('');
    return `x'${hex}${value.length > 32 ? '…' : ''}' (${value.length} B)`;
  }
  return String(value);
}

/** SQLite's ordering of storage classes: NULL < numbers < text < blob. */
export function compareCells(a: Cell, b: Cell): number {
  const rank = (v: Cell) => (v === null ? 0 : typeof v === 'number' ? 1 : typeof v === 'string' ? 2 : 3);
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return 0;
}

/**
 * How a cell reads on screen: numbers with the UI language's thousands separators
 * (`108,423,140`) unless `grouping` is off (ids, years); everything else as formatCell.
 */
export function displayCell(value: Cell, lang: string, grouping = true): string {
  return typeof value === 'number' ? formatNumber(value, lang, { grouping }) : formatCell(value);
}
