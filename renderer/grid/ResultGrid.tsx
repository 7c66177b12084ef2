import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useVirtualizer } from '@tanstack/react-virtual';
import * as ContextMenu from '@radix-ui/react-context-menu';
import { ArrowDown, ArrowUp } from 'lucide-react';
import type { Cell, ColumnInfo } from '../../core/sql/protocol.ts';
import { compareCells, displayCell, formatCell } from './cells.ts';
import { isLabelNumberColumn } from '../../core/format/number.ts';
import { useUiScale } from '../ui/ui-scale.ts';

/** A row's height at the normal type scale (the tokens' --grid-row-height; presenter mode scales both). */
const ROW_HEIGHT = 28;

/** Parts of a result to mark as differing from an expected result (indices into rows and columns). */
export interface GridMarks {
  rows: ReadonlySet<number>;
  /** Cells as `${row}:${column}`. */
  cells: ReadonlySet<string>;
  columns: ReadonlySet<number>;
}

// Hangul, CJK ideographs and full-width forms take about two Latin letters' width.
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

/** A text's width in Latin letters, for sizing a column before it is drawn. */
function textUnits(text: string): number {
  let units = 0;
  for (const ch of text) units += WIDE.test(ch) ? 1.9 : 1;
  return units;
}

/** A virtualised, sortable, keyboard-navigable result table. */
export function ResultGrid({
  columns,
  rows,
  onCopied,
  marks,
}: {
  columns: ColumnInfo[];
  rows: Cell[][];
  onCopied: () => void;
  /** Rows, cells and columns to mark (a lesson's failed Check). */
  marks?: GridMarks | undefined;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const scrollRef = useRef<HTMLDivElement>(null);
  // Presenter mode enlarges the type through the tokens: rows and column widths grow with it.
  const scale = useUiScale();
  const rowHeight = Math.round(ROW_HEIGHT * scale);
  const [sort, setSort] = useState<{ col: number; dir: 1 | -1 } | null>(null);
  const [active, setActive] = useState<{ row: number; col: number } | null>(null);

  useEffect(() => {
    setSort(null);
    setActive(null);
  }, [rows, columns]);

  const order = useMemo(() => {
    const idx = rows.map((_, i) => i);
    if (sort) idx.sort((a, b) => sort.dir * compareCells(rows[a]![sort.col] ?? null, rows[b]![sort.col] ?? null));
    return idx;
  }, [rows, sort]);

  const numeric = useMemo(
    () =>
      columns.map(
        (_, c) =>
          rows.slice(0, 100).some((r) => typeof r[c] === 'number') &&
          rows.slice(0, 100).every((r) => r[c] === null || typeof r[c] === 'number'),
      ),
    [columns, rows],
  );

  // Quantities read with thousands separators; ids and years keep their digits together.
  // Only the screen: copies keep the raw value (formatCell), exports are raw in core/sql/csv.ts.
  const grouping = useMemo(
    () => columns.map((col, c) => !isLabelNumberColumn(col.name, rows.slice(0, 200).map((r) => r[c] ?? null))),
    [columns, rows],
  );
  const shown = (value: Cell, c: number) => displayCell(value, lang, grouping[c]);

  const widths = useMemo(() => {
    return columns.map((col, c) => {
      // The header holds the name and, smaller, its declared type (INTEGER); Hangul is about twice a Latin letter's width.
      let w = textUnits(col.name) * 8 + (col.declType ? col.declType.length * 6.5 + 8 : 0) + 48;
      for (let r = 0; r < Math.min(rows.length, 200); r++) w = Math.max(w, textUnits(displayCell(rows[r]![c] ?? null, lang, grouping[c])) * 7.5 + 24);
      return Math.min(Math.max(w, 72), 360) * scale;
    });
  }, [columns, rows, lang, grouping, scale]);
  const rowNumberWidth = Math.round(56 * scale);
  const template = `${rowNumberWidth}px ${widths.map((w) => `${Math.round(w)}px`).join(' ')}`;
  const totalWidth = rowNumberWidth + widths.reduce((a, b) => a + b, 0);

  const virtualizer = useVirtualizer({
    count: order.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });
  // Estimates are cached per row: a new row height (presenter mode on or off) needs them measured again.
  useEffect(() => virtualizer.measure(), [virtualizer, rowHeight]);

  const copyText = useCallback(
    async (text: string) => {
      await navigator.clipboard.writeText(text);
      onCopied();
    },
    [onCopied],
  );
  const cellText = (row: number, col: number) => {
    const value = rows[order[row]!]?.[col] ?? null;
    return value === null ? '' : formatCell(value);
  };
  const copy = (row: number, col: number) => copyText(cellText(row, col));
  // A row copies as tab-separated values, so it pastes into a spreadsheet as cells.
  const copyRow = (row: number) => copyText(columns.map((_, c) => cellText(row, c)).join('\t'));

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (rows.length === 0 || columns.length === 0) return;
    const cur = active ?? { row: 0, col: 0 };
    const move = (row: number, col: number) => {
      const next = { row: Math.max(0, Math.min(order.length - 1, row)), col: Math.max(0, Math.min(columns.length - 1, col)) };
      setActive(next);
      virtualizer.scrollToIndex(next.row, { align: 'auto' });
      e.preventDefault();
    };
    if (e.key === 'ArrowDown') move(cur.row + 1, cur.col);
    else if (e.key === 'ArrowUp') move(cur.row - 1, cur.col);
    else if (e.key === 'ArrowRight') move(cur.row, cur.col + 1);
    else if (e.key === 'ArrowLeft') move(cur.row, cur.col - 1);
    else if (e.key === 'PageDown') move(cur.row + 20, cur.col);
    else if (e.key === 'PageUp') move(cur.row - 20, cur.col);
    else if (e.key === 'Home') move(e.ctrlKey ? 0 : cur.row, 0);
    else if (e.key === 'End') move(e.ctrlKey ? order.length - 1 : cur.row, columns.length - 1);
    else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'c' && active) {
      e.preventDefault();
      void copy(active.row, active.col);
    }
  };

  const toggleSort = (col: number) => setSort((s) => (s?.col === col ? (s.dir === 1 ? { col, dir: -1 } : null) : { col, dir: 1 }));

  return (
    <ContextMenu.Root>
      <ContextMenu.Trigger asChild>
        <div
          className="grid-scroll"
          ref={scrollRef}
          role="grid"
          aria-label={t('results.gridLabel')}
          aria-rowcount={rows.length + 1}
          aria-colcount={columns.length}
          tabIndex={0}
          onKeyDown={onKeyDown}
          data-testid="result-grid"
        >
          <div className="grid-inner" style={{ width: totalWidth, height: virtualizer.getTotalSize() + rowHeight }}>
            <div className="grid-row grid-header" role="row" aria-rowindex={1} style={{ gridTemplateColumns: template }}>
              <div className="grid-cell rownum" role="columnheader">
                #
              </div>
              {columns.map((col, c) => (
                <div
                  key={c}
                  className={`grid-cell ${numeric[c] ? 'num' : ''} ${marks?.columns.has(c) ? 'marked-col' : ''}`}
                  role="columnheader"
                  aria-sort={sort?.col === c ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'}
                >
                  <button
                    className="sort-btn"
                    onClick={() => toggleSort(c)}
                    title={`${t('results.sortHint')}${col.declType ? ` · ${col.declType}` : ''}`}
                    data-testid={`sort-${col.name}`}
                  >
                    <span className="col-title">{col.name}</span>
                    {marks?.columns.has(c) ? <span className="sr-only">{t('results.markedColumn')}</span> : null}
                    {col.declType ? <span className="col-decl">{col.declType}</span> : null}
                    {sort?.col === c ? sort.dir === 1 ? <ArrowUp size={12} aria-hidden /> : <ArrowDown size={12} aria-hidden /> : null}
                  </button>
                </div>
              ))}
            </div>
            {virtualizer.getVirtualItems().map((v) => {
              const rowIndex = order[v.index]!;
              const row = rows[rowIndex]!;
              const rowMarked = marks?.rows.has(rowIndex) ?? false;
              return (
                <div
                  key={v.key}
                  className={`grid-row ${rowMarked ? 'marked' : ''}`}
                  role="row"
                  aria-rowindex={v.index + 2}
                  style={{ gridTemplateColumns: template, transform: `translateY(${v.start + rowHeight}px)` }}
                >
                  <div className="grid-cell rownum" role="rowheader" title={rowMarked ? t('results.markedRow') : undefined}>
                    {rowIndex + 1}
                    {rowMarked ? <span className="sr-only">{t('results.markedRow')}</span> : null}
                  </div>
                  {columns.map((_, c) => {
                    const value = row[c] ?? null;
                    const isActive = active?.row === v.index && active.col === c;
                    const cellMarked = marks?.cells.has(`${rowIndex}:${c}`) ?? false;
                    return (
                      <div
                        key={c}
                        role="gridcell"
                        aria-selected={isActive}
                        className={`grid-cell ${value === null ? 'null' : ''} ${numeric[c] || typeof value === 'number' ? 'num' : ''} ${isActive ? 'active' : ''} ${cellMarked ? 'marked-cell' : ''}`}
                        onClick={() => setActive({ row: v.index, col: c })}
                        onContextMenu={() => setActive({ row: v.index, col: c })}
                        onDoubleClick={() => void copy(v.index, c)}
                        title={value === null ? 'NULL' : formatCell(value)}
                      >
                        {value === null ? 'NULL' : shown(value, c)}
                      </div>
                    );
                  })}
                </div>
              );
            })}
          </div>
        </div>
      </ContextMenu.Trigger>
      <ContextMenu.Portal>
        <ContextMenu.Content className="menu-content" data-testid="grid-menu">
          <ContextMenu.Item className="menu-item" disabled={!active} onSelect={() => active && void copy(active.row, active.col)}>
            {t('results.copyCell')}
            <span className="kbd">Ctrl+C</span>
          </ContextMenu.Item>
          <ContextMenu.Item className="menu-item" disabled={!active} onSelect={() => active && void copyRow(active.row)}>
            {t('results.copyRow')}
          </ContextMenu.Item>
          <ContextMenu.Item
            className="menu-item"
            disabled={!active}
            onSelect={() => active && void copyText(columns[active.col]?.name ?? '')}
          >
            {t('results.copyColumnName')}
          </ContextMenu.Item>
        </ContextMenu.Content>
      </ContextMenu.Portal>
    </ContextMenu.Root>
  );
}
