import type { BuildNodeState } from '../../../core/models/project.ts';
import type { DagState } from '../../ui/graph/DagView.tsx';
import type { GraphNode, NodeOutcome, ProjectGraph } from './engine.ts';

/** The graph state a build state is drawn with (a node skipped for a failed parent is "upstream failed"). */
export function dagStateOf(state: BuildNodeState | undefined): DagState {
  switch (state) {
    case undefined:
      return 'idle';
    case 'error':
      return 'failed';
    case 'skipped':
      return 'upstream_failed';
    default:
      return state;
  }
}

/** How a node's data tests came out in the last build. */
export interface TestTally {
  pass: number;
  fail: number;
  warn: number;
  error: number;
  /** Not run: skipped for a failed parent, or cancelled. */
  skipped: number;
  total: number;
}

/** The tests attached to each node, tallied from the build outcomes. */
export function testTallies(graph: ProjectGraph, outcomes: Record<string, NodeOutcome>): Record<string, TestTally> {
  const out: Record<string, TestTally> = {};
  for (const test of graph.nodes) {
    if (test.kind !== 'test') continue;
    // A custom test (tests/*.sql) is attached to what it refs: every parent edge.
    const targets = test.attachedTo ? [test.attachedTo] : graph.edges.filter((e) => e.to === test.id).map((e) => e.from);
    const state = outcomes[test.id]?.state;
    for (const target of targets) {
      const tally = (out[target] ??= { pass: 0, fail: 0, warn: 0, error: 0, skipped: 0, total: 0 });
      tally.total++;
      if (state === 'pass') tally.pass++;
      else if (state === 'fail') tally.fail++;
      else if (state === 'warn') tally.warn++;
      else if (state === 'error') tally.error++;
      else if (state === 'skipped') tally.skipped++;
    }
  }
  return out;
}

/**
 * What a model shows on the lineage graph: its own build state while it is not built (waiting,
 * running, failed, skipped), and once built, its tests' verdict (a failing test wins), so the
 * graph answers "which tables can I trust" at a glance.
 */
export function lineageState(node: GraphNode, outcome: NodeOutcome | undefined, tally: TestTally | undefined): DagState {
  const own = dagStateOf(outcome?.state);
  if (!outcome || outcome.state !== 'success' || !tally || tally.total === 0) return own;
  if (tally.fail > 0) return 'fail';
  if (tally.error > 0) return 'error';
  if (tally.warn > 0) return 'warn';
  if (tally.pass === tally.total) return 'pass';
  return own;
}

/** The layer a model belongs to, from its folder (`models/staging/…` → staging). */
export function layerOf(node: GraphNode): 'source' | 'seed' | 'staging' | 'mart' | 'model' | 'test' {
  if (node.kind === 'source' || node.kind === 'seed' || node.kind === 'test') return node.kind;
  const layer = node.layer ?? /^models\/([^/]+)\//.exec(node.path ?? '')?.[1];
  if (layer === 'staging' || /^stg_/.test(node.name)) return 'staging';
  if (layer === 'marts' || layer === 'mart') return 'mart';
  return 'model';
}
