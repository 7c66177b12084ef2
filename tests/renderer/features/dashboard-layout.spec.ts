import { describe, expect, it } from 'vitest';
import type { Tile } from '../../../core/metrics/schema.ts';
import {
  layoutsById,
  placeNewTile,
  readingOrder,
  sameLayout,
  stepLayout,
  toGridLayout,
} from '../../../renderer/features/dashboard/layout-ops.ts';
import { stepForKey } from '../../../renderer/features/dashboard/Tile.tsx';

/*
 * The dashboard grid's keyboard operations on react-grid-layout's own model: what a learner sees
 * when they press an arrow key on a focused tile.
 */

const tile = (id: string, kind: Tile['kind'], x: number, y: number, w: number, h: number): Tile => ({
  id,
  kind,
  metricId: 'orders',
  chart: { mark: 'line' },
  layout: { x, y, w, h },
});

// Two KPIs side by side over a wide chart, and a tall chart on the right.
const tiles = [tile('a', 'kpi', 0, 0, 3, 3), tile('b', 'kpi', 3, 0, 3, 3), tile('c', 'chart', 0, 3, 6, 5), tile('d', 'chart', 6, 0, 6, 8)];
const grid = toGridLayout(tiles);
const at = (layout: ReturnType<typeof toGridLayout>, id: string) => layoutsById(layout)[id];

describe('keyboard steps on the grid', () => {
  it('moves a tile one column right, and refuses to leave the grid at the left edge', () => {
    const right = stepLayout(grid, 'b', { op: 'move', dir: 'right' });
    expect(right.changed).toBe(true);
    if (!right.changed) return;
    expect(at(right.layout, 'b')).toMatchObject({ x: 4, y: 0 });
    // It now overlaps the tall chart's columns: the chart makes way below it, as a drag would.
    expect(at(right.layout, 'd')!.y).toBeGreaterThanOrEqual(3);
    expect(stepLayout(grid, 'a', { op: 'move', dir: 'left' })).toEqual({ changed: false, reason: 'edge' });
    expect(stepLayout(grid, 'd', { op: 'move', dir: 'right' })).toEqual({ changed: false, reason: 'edge' });
  });

  it('swaps a tile with the one below it and back again (a one-row step would be undone by compaction)', () => {
    const down = stepLayout(grid, 'a', { op: 'move', dir: 'down' });
    expect(down.changed).toBe(true);
    if (!down.changed) return;
    expect(at(down.layout, 'c')).toMatchObject({ x: 0, y: 0 });
    expect(at(down.layout, 'a')!.y).toBe(5);
    const up = stepLayout(down.layout, 'a', { op: 'move', dir: 'up' });
    expect(up.changed).toBe(true);
    if (!up.changed) return;
    expect(at(up.layout, 'a')).toMatchObject({ x: 0, y: 0 });
    expect(at(up.layout, 'c')!.y).toBe(3);
    expect(stepLayout(grid, 'a', { op: 'move', dir: 'up' })).toEqual({ changed: false, reason: 'edge' });
  });

  it('resizes with the kind’s minimum and the grid’s width as limits, never overlapping', () => {
    const wider = stepLayout(grid, 'a', { op: 'resize', dir: 'wider' });
    expect(wider.changed).toBe(true);
    if (!wider.changed) return;
    expect(at(wider.layout, 'a')).toMatchObject({ x: 0, y: 0, w: 4, h: 3 });
    // b was in the way: pushed below, not overlapped.
    const b = at(wider.layout, 'b')!;
    expect(b.y).toBeGreaterThanOrEqual(3);
    const taller = stepLayout(grid, 'c', { op: 'resize', dir: 'taller' });
    expect(taller.changed && at(taller.layout, 'c')!.h).toBe(6);
    // A KPI is at least 2 columns wide and 2 rows high.
    let small = toGridLayout([tile('k', 'kpi', 0, 0, 2, 2)]);
    expect(stepLayout(toGridLayout([tile('c', 'chart', 0, 0, 3, 2)]), 'c', { op: 'resize', dir: 'narrower' })).toEqual({
      changed: false,
      reason: 'min',
    });
    expect(stepLayout(small, 'k', { op: 'resize', dir: 'narrower' })).toEqual({ changed: false, reason: 'min' });
    expect(stepLayout(small, 'k', { op: 'resize', dir: 'shorter' })).toEqual({ changed: false, reason: 'min' });
    small = toGridLayout([tile('k', 'chart', 6, 0, 6, 12)]);
    expect(stepLayout(small, 'k', { op: 'resize', dir: 'wider' })).toEqual({ changed: false, reason: 'max' });
    expect(stepLayout(small, 'k', { op: 'resize', dir: 'taller' })).toEqual({ changed: false, reason: 'max' });
  });

  it('never leaves two tiles overlapping after any step', () => {
    const steps = [
      { op: 'move', dir: 'right' },
      { op: 'move', dir: 'down' },
      { op: 'resize', dir: 'wider' },
      { op: 'resize', dir: 'taller' },
      { op: 'move', dir: 'left' },
      { op: 'move', dir: 'up' },
    ] as const;
    let layout = grid;
    for (let i = 0; i < 40; i++) {
      const r = stepLayout(layout, tiles[i % 4]!.id, steps[i % steps.length]!);
      if (r.changed) layout = r.layout;
      const ls = Object.values(layoutsById(layout));
      for (const p of ls)
        for (const q of ls) if (p !== q) expect(p.x < q.x + q.w && q.x < p.x + p.w && p.y < q.y + q.h && q.y < p.y + p.h).toBe(false);
    }
  });

  it('maps arrow keys to moves and Shift+arrows to resizes; other keys and modifiers to nothing', () => {
    const key = (k: string, shiftKey = false, ctrlKey = false) => stepForKey({ key: k, shiftKey, altKey: false, ctrlKey, metaKey: false });
    expect(key('ArrowRight')).toEqual({ op: 'move', dir: 'right' });
    expect(key('ArrowUp')).toEqual({ op: 'move', dir: 'up' });
    expect(key('ArrowRight', true)).toEqual({ op: 'resize', dir: 'wider' });
    expect(key('ArrowLeft', true)).toEqual({ op: 'resize', dir: 'narrower' });
    expect(key('ArrowDown', true)).toEqual({ op: 'resize', dir: 'taller' });
    expect(key('ArrowUp', true)).toEqual({ op: 'resize', dir: 'shorter' });
    expect(key('ArrowRight', false, true)).toBeNull();
    expect(key('Enter')).toBeNull();
  });
});

describe('layout bookkeeping', () => {
  it('places a new tile beside the last row when it fits, else below everything', () => {
    expect(placeNewTile([], 'kpi')).toEqual({ x: 0, y: 0, w: 3, h: 2 });
    expect(placeNewTile([tile('a', 'kpi', 0, 0, 3, 2)], 'kpi')).toEqual({ x: 3, y: 0, w: 3, h: 2 });
    expect(placeNewTile(tiles, 'chart')).toEqual({ x: 0, y: 8, w: 6, h: 4 });
  });

  it('knows an unchanged layout (react-grid-layout reports those too) and orders tiles for reading', () => {
    expect(sameLayout(tiles, grid)).toBe(true);
    const r = stepLayout(grid, 'a', { op: 'resize', dir: 'taller' });
    expect(r.changed && sameLayout(tiles, r.layout)).toBe(false);
    expect(readingOrder(tiles).map((t) => t.id)).toEqual(['a', 'b', 'd', 'c']);
  });
});
