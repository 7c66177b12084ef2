import { describe, expect, it } from 'vitest';
import {
  createGraph,
  downstream,
  findCycle,
  generations,
  topoOrder,
  upstream,
  wouldCreateCycle,
  type Edge,
  type Graph,
} from '../../core/graph/graph.ts';

/**
 * The dependency graph every workbench orders its work with: a pipeline runs its tasks in this
 * order, a model build names the cycle that blocks it, impact analysis lists what lies downstream.
 */

const e = (from: string, to: string): Edge => ({ from, to });

/** Fails unless every edge goes forward in the order. */
function expectRespectsEdges(graph: Graph<unknown>, order: readonly string[]): void {
  const position = new Map(order.map((id, i) => [id, i]));
  expect(order).toHaveLength(graph.size);
  for (const { from, to } of graph.edges()) {
    expect(position.get(from), `${from} before ${to}`).toBeLessThan(position.get(to) as number);
  }
}

/** The ETL pipeline of Track 1: extract two sources, clean them, load a fact table and a report. */
const PIPELINE = {
  nodes: ['load_fact', 'extract_events', 'report', 'clean_events', 'extract_orders', 'clean_orders'],
  edges: [
    e('extract_events', 'clean_events'),
    e('extract_orders', 'clean_orders'),
    e('clean_events', 'load_fact'),
    e('clean_orders', 'load_fact'),
    e('load_fact', 'report'),
  ],
};

describe('topological order', () => {
  it('puts every task after every task it depends on, whatever order they were declared in', () => {
    const graph = createGraph(PIPELINE);
    const order = topoOrder(graph);
    expect(order.ok).toBe(true);
    if (order.ok) expectRespectsEdges(graph, order.value);
  });

  it('respects every edge of a random acyclic graph of 300 nodes', () => {
    // Edges only from a lower to a higher number keep it acyclic; nodes are added shuffled.
    let seed = 7;
    const random = (): number => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const ids = Array.from({ length: 300 }, (_, i) => `n${i}`);
    const shuffled = [...ids].sort(() => random() - 0.5);
    const edges: Edge[] = [];
    for (let i = 0; i < 900; i++) {
      const a = Math.floor(random() * 300);
      const b = Math.floor(random() * 300);
      if (a < b) edges.push(e(`n${a}`, `n${b}`));
    }
    const graph = createGraph({ nodes: shuffled, edges });
    const order = topoOrder(graph);
    expect(order.ok).toBe(true);
    if (order.ok) expectRespectsEdges(graph, order.value);
  });

  it('keeps nodes with no edges, in the first generation, in insertion order', () => {
    const graph = createGraph({ nodes: ['lonely', 'a', 'b', 'island'], edges: [e('a', 'b')] });
    expect(topoOrder(graph)).toEqual({ ok: true, value: ['lonely', 'a', 'island', 'b'] });
    expect(generations(graph)).toEqual({ ok: true, value: [['lonely', 'a', 'island'], ['b']] });
  });

  it('is deterministic: ties follow insertion order, and the same declarations give the same order', () => {
    const forward = createGraph({ nodes: ['c', 'b', 'a', 'z'], edges: [e('c', 'z'), e('b', 'z'), e('a', 'z')] });
    expect(topoOrder(forward)).toEqual({ ok: true, value: ['c', 'b', 'a', 'z'] });
    const reversed = createGraph({ nodes: ['a', 'b', 'c', 'z'], edges: [e('a', 'z'), e('b', 'z'), e('c', 'z')] });
    expect(topoOrder(reversed)).toEqual({ ok: true, value: ['a', 'b', 'c', 'z'] });
    const again = (): unknown => topoOrder(createGraph(PIPELINE));
    expect(again()).toEqual(again());
    expect(again()).toEqual({
      ok: true,
      value: ['extract_events', 'extract_orders', 'clean_events', 'clean_orders', 'load_fact', 'report'],
    });
  });

  it('orders an empty graph as nothing', () => {
    expect(topoOrder(createGraph())).toEqual({ ok: true, value: [] });
    expect(findCycle(createGraph())).toBeNull();
  });
});

describe('cycles are named by their members', () => {
  it('a → b → c → a is the cycle [a, b, c], and no order is given', () => {
    const graph = createGraph({ nodes: ['a', 'b', 'c'], edges: [e('a', 'b'), e('b', 'c'), e('c', 'a')] });
    expect(findCycle(graph)).toEqual(['a', 'b', 'c']);
    expect(topoOrder(graph)).toEqual({ ok: false, cycle: ['a', 'b', 'c'] });
    expect(generations(graph)).toEqual({ ok: false, cycle: ['a', 'b', 'c'] });
  });

  it('names only the members of the cycle, not the nodes that lead into it or hang off it', () => {
    const graph = createGraph({
      nodes: ['source', 'x', 'y', 'z', 'sink', 'other'],
      edges: [e('source', 'y'), e('y', 'z'), e('z', 'x'), e('x', 'y'), e('z', 'sink')],
    });
    // Read from its earliest-added member, x, following the edges.
    expect(findCycle(graph)).toEqual(['x', 'y', 'z']);
  });

  it('a self-loop is a cycle of one', () => {
    const graph = createGraph({ nodes: ['a', 'b'], edges: [e('a', 'b'), e('b', 'b')] });
    expect(findCycle(graph)).toEqual(['b']);
    expect(topoOrder(graph)).toEqual({ ok: false, cycle: ['b'] });
  });

  it('a graph without a cycle has none', () => {
    expect(findCycle(createGraph(PIPELINE))).toBeNull();
  });
});

describe('generations: what can run together', () => {
  it('a diamond runs in three generations, the two middle tasks side by side', () => {
    const graph = createGraph({
      nodes: ['top', 'left', 'right', 'bottom'],
      edges: [e('top', 'left'), e('top', 'right'), e('left', 'bottom'), e('right', 'bottom')],
    });
    expect(generations(graph)).toEqual({ ok: true, value: [['top'], ['left', 'right'], ['bottom']] });
  });

  it('a task waits for its slowest dependency, not its first', () => {
    // report needs raw (generation 0) and mart (generation 2): it runs in generation 3.
    const graph = createGraph({
      nodes: ['raw', 'stg', 'mart', 'report'],
      edges: [e('raw', 'report'), e('raw', 'stg'), e('stg', 'mart'), e('mart', 'report')],
    });
    expect(generations(graph)).toEqual({ ok: true, value: [['raw'], ['stg'], ['mart'], ['report']] });
  });
});

describe('upstream and downstream', () => {
  const graph = createGraph(PIPELINE);

  it('upstream of the fact table is everything it is built from, in run order', () => {
    expect(upstream(graph, 'load_fact')).toEqual(['extract_events', 'extract_orders', 'clean_events', 'clean_orders']);
    expect(upstream(graph, 'extract_events')).toEqual([]);
  });

  it('downstream of a source is everything a change to it affects, in run order', () => {
    expect(downstream(graph, 'extract_orders')).toEqual(['clean_orders', 'load_fact', 'report']);
    expect(downstream(graph, 'report')).toEqual([]);
  });

  it('direct neighbours, and data kept on a node', () => {
    const withData = createGraph<{ owner: string }>({ nodes: [{ id: 'a', data: { owner: 'data-eng' } }, 'b'], edges: [e('a', 'b')] });
    expect(withData.successors('a')).toEqual(['b']);
    expect(withData.predecessors('b')).toEqual(['a']);
    expect(withData.data('a')).toEqual({ owner: 'data-eng' });
    expect(withData.data('b')).toBeUndefined();
  });

  it('an unknown node is refused with its name', () => {
    expect(() => upstream(graph, 'nope')).toThrow("unknown node 'nope'");
    expect(() => createGraph({ nodes: ['a'], edges: [e('a', 'ghost')] })).toThrow("unknown node 'ghost'");
    expect(() => createGraph({ nodes: ['a', 'a'] })).toThrow("'a' already exists");
  });
});

describe('wouldCreateCycle', () => {
  it('refuses an edge that closes a loop and accepts one that does not', () => {
    const graph = createGraph(PIPELINE);
    expect(wouldCreateCycle(graph, e('report', 'extract_events'))).toBe(true);
    expect(wouldCreateCycle(graph, e('load_fact', 'load_fact'))).toBe(true);
    expect(wouldCreateCycle(graph, e('extract_events', 'report'))).toBe(false);
    expect(wouldCreateCycle(graph, e('clean_events', 'clean_orders'))).toBe(false);
    // The answer matches what adding the edge would do.
    graph.addEdge(e('report', 'extract_events'));
    expect(findCycle(graph)).toEqual(['load_fact', 'report', 'extract_events', 'clean_events']);
  });
});

describe('size', () => {
  it('orders, names the cycle of, and traverses a 10,000-node chain quickly and without overflowing the stack', () => {
    const ids = Array.from({ length: 10_000 }, (_, i) => `t${i}`);
    const edges = ids.slice(1).map((id, i) => e(ids[i] as string, id));
    const started = performance.now();
    const graph = createGraph({ nodes: ids, edges });
    expect(topoOrder(graph)).toEqual({ ok: true, value: ids });
    expect(generations(graph).ok && (generations(graph) as { value: string[][] }).value).toHaveLength(10_000);
    expect(downstream(graph, 't0')).toHaveLength(9_999);
    expect(upstream(graph, 't9999')).toHaveLength(9_999);
    graph.addEdge(e('t9999', 't0'));
    expect(findCycle(graph)).toEqual(ids);
    // Linear work: seconds at most even on a busy machine (a quadratic sort would take minutes).
    expect(performance.now() - started).toBeLessThan(15_000);
  });
});
