import { DirectedGraph } from 'graphology';
import { hasCycle, topologicalGenerations, willCreateCycle } from 'graphology-dag';
import { bfsFromNode } from 'graphology-traversal';

/**
 * The one dependency graph of the app: ETL pipelines (tasks), models (refs), lineage and impact
 * all build a Graph and ask it for an order, the cycle that blocks one, what can run together
 * and what lies upstream or downstream. The algorithms come from graphology (graphology-dag,
 * graphology-traversal); this module only fixes the vocabulary and makes every answer
 * deterministic, so the same declarations always give the same order in the UI and in tests.
 *
 * An edge `{ from, to }` means `from` comes before `to` (`to` depends on `from`). Ties are broken
 * by insertion order: a graph built in the same order always answers the same way.
 */

/** A dependency: `from` must come before `to` (`to` reads what `from` makes). */
export interface Edge {
  from: string;
  to: string;
}

/** A node to add: its id alone, or its id with the data the caller keeps on it. */
export type NodeInit<T> = string | { id: string; data: T };

/** A directed graph of named nodes, each with optional data of type T. */
export interface Graph<T = undefined> {
  /** Number of nodes. */
  readonly size: number;
  /** Adds a node; throws if the id is already taken (two tasks or models with one name is the caller's error to report). */
  addNode(id: string, data?: T): void;
  /** Adds a dependency between two existing nodes; adding the same edge twice is a no-op. Throws if a node is missing. */
  addEdge(edge: Edge): void;
  /** True when the graph has this node. */
  hasNode(id: string): boolean;
  /** The data given with the node, if any. */
  data(id: string): T | undefined;
  /** Every node id, in insertion order. */
  nodes(): string[];
  /** Every edge, in insertion order. */
  edges(): Edge[];
  /** Nodes this one depends on directly (its in-neighbours). */
  predecessors(id: string): string[];
  /** Nodes that depend on this one directly (its out-neighbours). */
  successors(id: string): string[];
}

/** An order, or the cycle that makes one impossible (its members in edge order, a→b→c→a as [a, b, c]). */
export type OrderResult<R> = { ok: true; value: R } | { ok: false; cycle: string[] };

interface NodeAttributes<T> {
  /** Position of insertion: the tie-breaker of every answer. */
  index: number;
  data: T | undefined;
}

class GraphImpl<T> implements Graph<T> {
  readonly inner = new DirectedGraph<NodeAttributes<T>>({ allowSelfLoops: true });
  #next = 0;

  get size(): number {
    return this.inner.order;
  }

  addNode(id: string, data?: T): void {
    if (this.inner.hasNode(id)) throw new Error(`graph: the node '${id}' already exists`);
    this.inner.addNode(id, { index: this.#next++, data });
  }

  addEdge({ from, to }: Edge): void {
    for (const id of [from, to])
      if (!this.inner.hasNode(id)) throw new Error(`graph: the edge ${from} → ${to} names the unknown node '${id}'`);
    if (!this.inner.hasDirectedEdge(from, to)) this.inner.addDirectedEdge(from, to);
  }

  hasNode(id: string): boolean {
    return this.inner.hasNode(id);
  }

  data(id: string): T | undefined {
    return this.inner.hasNode(id) ? this.inner.getNodeAttribute(id, 'data') : undefined;
  }

  nodes(): string[] {
    return this.inner.nodes();
  }

  edges(): Edge[] {
    return this.inner.mapEdges((_edge, _attributes, from, to) => ({ from, to }));
  }

  predecessors(id: string): string[] {
    return this.inner.inNeighbors(known(this, id));
  }

  successors(id: string): string[] {
    return this.inner.outNeighbors(known(this, id));
  }

  indexOf(id: string): number {
    return this.inner.getNodeAttribute(id, 'index');
  }
}

function impl<T>(graph: Graph<T>): GraphImpl<T> {
  if (!(graph instanceof GraphImpl)) throw new Error('graph: not a graph made by createGraph');
  return graph as GraphImpl<T>;
}

function known<T>(graph: GraphImpl<T>, id: string): string {
  if (!graph.inner.hasNode(id)) throw new Error(`graph: unknown node '${id}'`);
  return id;
}

/** A new graph, optionally with nodes and then edges (edges may only name nodes given). */
export function createGraph<T = undefined>(init: { nodes?: Iterable<NodeInit<T>>; edges?: Iterable<Edge> } = {}): Graph<T> {
  const graph = new GraphImpl<T>();
  for (const node of init.nodes ?? []) {
    if (typeof node === 'string') graph.addNode(node);
    else graph.addNode(node.id, node.data);
  }
  for (const edge of init.edges ?? []) graph.addEdge(edge);
  return graph;
}

/** One cycle of the graph, its members in edge order starting from the earliest added one; null when there is none. */
export function findCycle<T>(graph: Graph<T>): string[] | null {
  const g = impl(graph);
  if (!hasCycle(g.inner)) return null;
  // graphology-dag says whether there is a cycle but not which: walk depth-first (iteratively,
  // so a long chain cannot overflow the stack) and cut the path at the first edge back into it.
  const ON_PATH = 1;
  const DONE = 2;
  const state = new Map<string, number>();
  for (const start of g.inner.nodes()) {
    if (state.has(start)) continue;
    const path: string[] = [];
    const pending: Iterator<string>[] = [];
    const enter = (id: string): void => {
      state.set(id, ON_PATH);
      path.push(id);
      pending.push(g.inner.outNeighbors(id)[Symbol.iterator]());
    };
    enter(start);
    while (pending.length > 0) {
      const step = (pending[pending.length - 1] as Iterator<string>).next();
      if (step.done) {
        state.set(path.pop() as string, DONE);
        pending.pop();
        continue;
      }
      const next = step.value;
      const seen = state.get(next);
      if (seen === ON_PATH) return rotateToEarliest(g, path.slice(path.lastIndexOf(next)));
      if (seen === undefined) enter(next);
    }
  }
  return null;
}

/** The same cycle, read from its earliest-added member, so one cycle is always named the same way. */
function rotateToEarliest<T>(graph: GraphImpl<T>, cycle: string[]): string[] {
  let first = 0;
  cycle.forEach((id, i) => {
    if (graph.indexOf(id) < graph.indexOf(cycle[first] as string)) first = i;
  });
  return [...cycle.slice(first), ...cycle.slice(0, first)];
}

/**
 * What can run together: generation 0 depends on nothing, each later one only on earlier ones,
 * every node as early as its dependencies allow; each generation in insertion order.
 */
export function generations<T>(graph: Graph<T>): OrderResult<string[][]> {
  const g = impl(graph);
  const cycle = findCycle(g);
  if (cycle) return { ok: false, cycle };
  const byIndex = (a: string, b: string): number => g.indexOf(a) - g.indexOf(b);
  return { ok: true, value: topologicalGenerations(g.inner).map((generation) => generation.sort(byIndex)) };
}

/** Every node after all it depends on: generation by generation, ties in insertion order. */
export function topoOrder<T>(graph: Graph<T>): OrderResult<string[]> {
  const result = generations(graph);
  return result.ok ? { ok: true, value: result.value.flat() } : result;
}

/** Everything the node depends on, directly or not (not itself), in run order (insertion order if the graph has a cycle). */
export function upstream<T>(graph: Graph<T>, id: string): string[] {
  return reachable(impl(graph), id, 'inbound');
}

/** Everything that depends on the node, directly or not (not itself): what a change to it affects, in run order. */
export function downstream<T>(graph: Graph<T>, id: string): string[] {
  return reachable(impl(graph), id, 'outbound');
}

function reachable<T>(graph: GraphImpl<T>, id: string, mode: 'inbound' | 'outbound'): string[] {
  known(graph, id);
  const found = new Set<string>();
  bfsFromNode(
    graph.inner,
    id,
    (node) => {
      if (node !== id) found.add(node);
    },
    { mode },
  );
  const order = topoOrder(graph);
  if (order.ok) return order.value.filter((node) => found.has(node));
  return [...found].sort((a, b) => graph.indexOf(a) - graph.indexOf(b));
}

/** True when adding this edge would leave the graph with a cycle (checked before an editor accepts a new dependency). */
export function wouldCreateCycle<T>(graph: Graph<T>, edge: Edge): boolean {
  const g = impl(graph);
  if (edge.from === edge.to) return true;
  if (hasCycle(g.inner)) return true;
  if (!g.inner.hasNode(edge.from) || !g.inner.hasNode(edge.to)) return false;
  // graphology-dag asks that the graph be acyclic, which the line above made sure of.
  return willCreateCycle(g.inner, edge.from, edge.to);
}
