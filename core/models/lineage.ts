import type { BuildResult } from './build.ts';
import type { ProjectPlan } from './compile.ts';
import type { Materialization } from './load-project.ts';
import type { BuildNodeState } from './project.ts';

/**
 * The lineage graph the workbench draws: sources, seeds, models and tests as nodes, dependencies
 * as edges, each node with its state from the last build (pending before one) and, for models,
 * seeds and sources, how their tests came out.
 */

/** A node on the lineage graph. */
export interface LineageNode {
  id: string;
  type: 'source' | 'seed' | 'model' | 'test';
  name: string;
  file: string;
  state: BuildNodeState;
  materialized?: Materialization;
  description?: string;
  /** Counts of its tests' states (models, seeds, sources). */
  tests?: { pass: number; fail: number; warn: number; error: number; other: number };
  /** For a test: the node it is attached to. */
  attachedTo?: string | null;
}

/** An edge: `from` is read by `to`. */
export interface LineageEdge {
  from: string;
  to: string;
  /** The state of the edge's downstream end, so the UI can dim edges into skipped nodes. */
  state: BuildNodeState;
}

/** The lineage graph. */
export interface Lineage {
  nodes: LineageNode[];
  edges: LineageEdge[];
}

/** The lineage of a plan, with states from a build when given (nodes not in it are pending). */
export function lineage(plan: ProjectPlan, build?: BuildResult): Lineage {
  const states = new Map<string, BuildNodeState>((build?.nodes ?? []).map((n) => [n.id, n.state]));
  const nodes: LineageNode[] = [];
  for (const node of plan.nodes.values()) {
    const state = states.get(node.id) ?? (plan.broken.has(node.id) ? 'error' : 'pending');
    const item: LineageNode = { id: node.id, type: node.type, name: node.name, file: node.file, state };
    if (node.type === 'model') {
      item.materialized = node.materialized;
      item.description = node.model.description;
    } else if (node.type === 'seed') item.description = node.seed.description;
    else if (node.type === 'source') item.description = node.source.description;
    else item.attachedTo = node.attachedTo;
    nodes.push(item);
  }
  for (const item of nodes) {
    if (item.type === 'test') continue;
    const tests = { pass: 0, fail: 0, warn: 0, error: 0, other: 0 };
    for (const t of nodes) {
      if (t.type !== 'test' || t.attachedTo !== item.id) continue;
      if (t.state === 'pass' || t.state === 'fail' || t.state === 'warn' || t.state === 'error') tests[t.state]++;
      else tests.other++;
    }
    item.tests = tests;
  }
  const edges = plan.graph.edges().map((e) => ({ ...e, state: states.get(e.to) ?? 'pending' }));
  return { nodes, edges };
}
