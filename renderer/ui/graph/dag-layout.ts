import dagre from '@dagrejs/dagre';

/*
 * Automatic layered layout for the app's dependency graphs (pipeline tasks, model lineage):
 * dagre ranks the nodes so every arrow points the same way and places each rank in a column
 * (left to right) or a row (top to bottom). Pure and fast (a few ms for a hundred nodes), so it
 * runs where the graph is drawn.
 */

/** Width of a node box on the graph, in flow units (the CSS gives the box the same size). */
export const DAG_NODE_WIDTH = 210;
/** Height of a node box on the graph, in flow units. */
export const DAG_NODE_HEIGHT = 58;

/** A point on the graph's plane (the node box's top-left corner). */
export interface DagPoint {
  x: number;
  y: number;
}

/** Top-left positions for every node, ranked by its edges; isolated nodes get a place too. */
export function layoutDag(
  nodes: readonly string[],
  edges: readonly { from: string; to: string }[],
  direction: 'LR' | 'TB' = 'LR',
): Record<string, DagPoint> {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: direction, nodesep: 28, ranksep: 70, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const id of nodes) g.setNode(id, { width: DAG_NODE_WIDTH, height: DAG_NODE_HEIGHT });
  const known = new Set(nodes);
  // An edge to a node not (or no longer) on the graph is left out rather than invented.
  for (const e of edges) if (known.has(e.from) && known.has(e.to) && e.from !== e.to) g.setEdge(e.from, e.to);
  dagre.layout(g);
  const out: Record<string, DagPoint> = {};
  for (const id of nodes) {
    const n = g.node(id);
    // dagre gives centres; the graph view places boxes by their top-left corner.
    out[id] = { x: Math.round(n.x - DAG_NODE_WIDTH / 2), y: Math.round(n.y - DAG_NODE_HEIGHT / 2) };
  }
  return out;
}
