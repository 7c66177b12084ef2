import type { NodeResult } from '../../../core/models/build.ts';
import type { Lineage } from '../../../core/models/lineage.ts';
import type { ModelProblem as CoreProblem } from '../../../core/models/load-project.ts';
import type { GraphNode, ModelProblem, NodeOutcome, ProjectGraph } from './engine.ts';

/*
 * From the models engine's results (core/models) to what the workbench shows: problems with
 * their file and line, the graph's nodes with their file and layer, and each node's outcome.
 * Pure, so the shapes are tested without a worker.
 */

/** A load or compile problem as the editor marks it. */
export function toProblem(p: CoreProblem): ModelProblem {
  return { path: p.file, line: Math.max(1, p.line), column: Math.max(1, p.column), severity: p.severity, message: p.message.text };
}

/** The project graph from its lineage. */
export function toGraph(lineage: Lineage): ProjectGraph {
  const nodes: GraphNode[] = lineage.nodes.map((n) => {
    const layer = /^models\/([^/]+)\//.exec(n.file)?.[1];
    return {
      id: n.id,
      kind: n.type,
      name: n.name,
      ...(n.file ? { path: n.file } : {}),
      ...(layer && n.type === 'model' ? { layer } : {}),
      ...(n.materialized ? { materialized: n.materialized } : {}),
      ...(n.attachedTo ? { attachedTo: n.attachedTo } : {}),
    };
  });
  return { nodes, edges: lineage.edges.map((e) => ({ from: e.from, to: e.to })) };
}

/** A node's build result as the build log, the Tests tab and the graph show it. */
export function toOutcome(n: NodeResult): NodeOutcome {
  const out: NodeOutcome = { id: n.id, state: n.state, elapsedMs: n.ms };
  if (n.message) out.message = n.message.text;
  if (n.compiledSql) out.compiledSql = n.compiledSql;
  if (n.error) out.error = { path: n.error.file, line: Math.max(1, n.error.line), column: Math.max(1, n.error.column), message: n.error.message };
  if (n.test) {
    out.rows = n.test.failures;
    if (n.test.column) out.testColumn = n.test.column;
    if (n.test.failures > 0) out.failing = { columns: n.test.columns, rows: n.test.rows, rowCount: n.test.failures };
  } else if (n.rows !== null) out.rows = n.rows;
  return out;
}
