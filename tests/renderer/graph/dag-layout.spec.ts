import { describe, expect, it } from 'vitest';
import { DAG_NODE_HEIGHT, DAG_NODE_WIDTH, layoutDag } from '../../../renderer/ui/graph/dag-layout.ts';

function overlaps(a: { x: number; y: number }, b: { x: number; y: number }): boolean {
  return Math.abs(a.x - b.x) < DAG_NODE_WIDTH && Math.abs(a.y - b.y) < DAG_NODE_HEIGHT;
}

describe('layoutDag', () => {
  const nodes = ['extract_spend', 'extract_orders', 'clean_spend', 'load_fact', 'lonely'];
  const edges = [
    { from: 'extract_spend', to: 'clean_spend' },
    { from: 'clean_spend', to: 'load_fact' },
    { from: 'extract_orders', to: 'load_fact' },
  ];

  it('puts every task left of the tasks that depend on it, with no two boxes on top of each other', () => {
    const at = layoutDag(nodes, edges);
    for (const e of edges) expect(at[e.from]!.x + DAG_NODE_WIDTH, `${e.from} → ${e.to}`).toBeLessThan(at[e.to]!.x);
    for (const a of nodes) for (const b of nodes) if (a < b) expect(overlaps(at[a]!, at[b]!), `${a} / ${b}`).toBe(false);
    expect(Object.keys(at).sort()).toEqual([...nodes].sort());
  });

  it('lays out top to bottom on request, and ignores arrows to nodes that are not on the graph', () => {
    const at = layoutDag(nodes, [...edges, { from: 'clean_spend', to: 'deleted_task' }], 'TB');
    for (const e of edges) expect(at[e.from]!.y + DAG_NODE_HEIGHT).toBeLessThan(at[e.to]!.y);
    expect(at).not.toHaveProperty('deleted_task');
  });
});
