import { cloneLayout, verticalCompactor, type Layout, type LayoutItem } from 'react-grid-layout/core';
import type { Tile, TileLayout } from '../../../core/metrics/schema.ts';

/*
 * The dashboard grid's layout operations, on react-grid-layout's own layout model and compactor
 * (the library the mouse uses), so a tile moved or resized by keyboard lands where a drag would
 * put it: no overlaps, no gaps above a tile. Pure functions; the store applies their results.
 */

/** Columns of the dashboard grid. */
export const GRID_COLS = 12;
/** The largest tile height in rows (the schema's bound). */
export const MAX_ROWS_PER_TILE = 12;

/** The smallest size a tile of each kind stays readable at (grid units). */
export const MIN_SIZE: Record<Tile['kind'], { w: number; h: number }> = {
  kpi: { w: 2, h: 2 },
  chart: { w: 3, h: 2 },
};

/** The size a new tile of each kind starts at. */
export const DEFAULT_SIZE: Record<Tile['kind'], { w: number; h: number }> = {
  kpi: { w: 3, h: 2 },
  chart: { w: 6, h: 4 },
};

/** The grid layout of a dashboard's tiles (react-grid-layout items, with each kind's minimum size). */
export function toGridLayout(tiles: readonly Tile[]): Layout {
  return tiles.map((t) => ({
    i: t.id,
    ...t.layout,
    minW: MIN_SIZE[t.kind].w,
    minH: MIN_SIZE[t.kind].h,
    maxH: MAX_ROWS_PER_TILE,
  }));
}

/** The tile layouts of a grid layout, by tile id, clamped to the schema's bounds. */
export function layoutsById(layout: Layout): Record<string, TileLayout> {
  const out: Record<string, TileLayout> = {};
  for (const item of layout) {
    const w = clamp(Math.round(item.w), 1, GRID_COLS);
    out[item.i] = {
      x: clamp(Math.round(item.x), 0, GRID_COLS - w),
      y: Math.max(0, Math.round(item.y)),
      w,
      h: clamp(Math.round(item.h), 1, MAX_ROWS_PER_TILE),
    };
  }
  return out;
}

/** True when the grid layout puts every tile where it already is (react-grid-layout reports unchanged layouts too). */
export function sameLayout(tiles: readonly Tile[], layout: Layout): boolean {
  const byId = layoutsById(layout);
  return (
    tiles.length === layout.length &&
    tiles.every((t) => {
      const l = byId[t.id];
      return !!l && l.x === t.layout.x && l.y === t.layout.y && l.w === t.layout.w && l.h === t.layout.h;
    })
  );
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, n));
}

function overlapsColumns(a: LayoutItem, b: LayoutItem): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w;
}

/** A keyboard step: move one cell (or swap with the tile above/below), or grow/shrink by one cell. */
export type LayoutStep =
  { op: 'move'; dir: 'left' | 'right' | 'up' | 'down' } | { op: 'resize'; dir: 'wider' | 'narrower' | 'taller' | 'shorter' };

/** What a step did: the new layout, or why nothing changed (an edge or a minimum size). */
export type StepResult = { changed: true; layout: Layout } | { changed: false; reason: 'edge' | 'min' | 'max' };

/**
 * One keyboard step on tile `id`. Left/right move it one column (pushing what it meets down, as a
 * drag does); up/down swap it with the nearest tile above or below it in its columns (a single
 * row step would be undone by the compactor, which pulls every tile up). Resizing keeps the
 * kind's minimum size and the grid's width. The result is compacted like a drop.
 */
export function stepLayout(layout: Layout, id: string, step: LayoutStep): StepResult {
  const items = cloneLayout(layout);
  const item = items.find((l) => l.i === id);
  if (!item) return { changed: false, reason: 'edge' };
  if (step.op === 'move') {
    if (step.dir === 'left' || step.dir === 'right') {
      const x = item.x + (step.dir === 'left' ? -1 : 1);
      if (x < 0 || x + item.w > GRID_COLS) return { changed: false, reason: 'edge' };
      item.x = x;
      return { changed: true, layout: settle(items, item) };
    }
    if (step.dir === 'down') {
      const below = items
        .filter((o) => o !== item && overlapsColumns(o, item) && o.y >= item.y + item.h)
        .sort((a, b) => a.y - b.y || a.x - b.x)[0];
      if (!below) return { changed: false, reason: 'edge' };
      const top = item.y;
      item.y = below.y + below.h;
      below.y = top;
    } else {
      const above = items
        .filter((o) => o !== item && overlapsColumns(o, item) && o.y + o.h <= item.y)
        .sort((a, b) => b.y + b.h - (a.y + a.h) || a.x - b.x)[0];
      if (!above) return { changed: false, reason: 'edge' };
      const top = above.y;
      above.y = top + item.h;
      item.y = top;
    }
    return { changed: true, layout: verticalCompactor.compact(items, GRID_COLS) };
  }
  const minW = item.minW ?? 1;
  const minH = item.minH ?? 1;
  const maxH = Math.min(item.maxH ?? MAX_ROWS_PER_TILE, MAX_ROWS_PER_TILE);
  switch (step.dir) {
    case 'wider':
      if (item.x + item.w >= GRID_COLS) return { changed: false, reason: 'max' };
      item.w = item.w + 1;
      break;
    case 'narrower':
      if (item.w <= minW) return { changed: false, reason: 'min' };
      item.w = item.w - 1;
      break;
    case 'taller':
      if (item.h >= maxH) return { changed: false, reason: 'max' };
      item.h = item.h + 1;
      break;
    case 'shorter':
      if (item.h <= minH) return { changed: false, reason: 'min' };
      item.h = item.h - 1;
      break;
  }
  return { changed: true, layout: settle(items, item) };
}

/** Compacts with the changed item placed first among its row, so it keeps its place and others make way. */
function settle(items: LayoutItem[], moved: LayoutItem): Layout {
  // The compactor orders by row then column; tiles the changed one now overlaps must yield to it.
  const others = items.filter((o) => o !== moved);
  const pushed = others.map((o) => {
    const collides = o.x < moved.x + moved.w && moved.x < o.x + o.w && o.y < moved.y + moved.h && moved.y < o.y + o.h;
    return collides ? { ...o, y: moved.y + moved.h } : o;
  });
  return verticalCompactor.compact([moved, ...pushed], GRID_COLS);
}

/** Where a new tile of a kind goes: the first place at the bottom of the grid where it fits. */
export function placeNewTile(tiles: readonly Tile[], kind: Tile['kind']): TileLayout {
  const size = DEFAULT_SIZE[kind];
  const bottom = tiles.reduce((m, t) => Math.max(m, t.layout.y + t.layout.h), 0);
  // Beside the last row's tiles when there is room, else below everything.
  const lastRow = tiles.filter((t) => t.layout.y + t.layout.h === bottom);
  const rowTop = lastRow.reduce((m, t) => Math.min(m, t.layout.y), bottom);
  const used = lastRow.reduce((m, t) => Math.max(m, t.layout.x + t.layout.w), 0);
  const blocked = tiles.some((t) => t.layout.y + t.layout.h > rowTop && t.layout.x + t.layout.w > used);
  if (lastRow.length > 0 && used + size.w <= GRID_COLS && !blocked) return { x: used, y: rowTop, ...size };
  return { x: 0, y: bottom, ...size };
}

/** The tiles in reading order (row, then column): the order keyboard users tab through. */
export function readingOrder<T extends { layout: TileLayout }>(tiles: readonly T[]): T[] {
  return [...tiles].sort((a, b) => a.layout.y - b.layout.y || a.layout.x - b.layout.x);
}

/** The tiles with their layouts compacted as the grid shows them (after a tile is removed, the gap closes in the saved layout too). */
export function compactTiles<T extends Tile>(tiles: readonly T[]): T[] {
  const byId = layoutsById(verticalCompactor.compact(toGridLayout(tiles), GRID_COLS));
  return tiles.map((t) => {
    const l = byId[t.id];
    return l && (l.x !== t.layout.x || l.y !== t.layout.y || l.w !== t.layout.w || l.h !== t.layout.h) ? { ...t, layout: l } : t;
  });
}
