import type { Cell, ColumnInfo } from '../../../core/sql/protocol.ts';
import type { BuildNodeState, ModelProjectFiles } from '../../../core/models/project.ts';

/*
 * What the model workbench needs from the models engine (core/models/* behind the models worker,
 * reached through renderer/workbench/models-client.ts). The screen is written against this small
 * interface so its components do not depend on the worker protocol's details; `models-engine.ts`
 * binds it to the real client.
 */

/** A problem found by checking the project: where it stands and what is wrong, in both languages. */
export interface ModelProblem {
  path: string;
  /** 1-based line (and column when known) in that file. */
  line: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  severity: 'error' | 'warning';
  message: { ko: string; en: string };
}

/** One node of the project graph: a source table, a seed, a model or a data test. */
export interface GraphNode {
  /** Unique id (e.g. `model.stg_orders`). */
  id: string;
  kind: 'source' | 'seed' | 'model' | 'test';
  /** What the learner calls it: the model's name, `source.table`, the test's name. */
  name: string;
  /** The file that defines it (none for sources declared in YAML without a file of their own). */
  path?: string;
  /** 1-based line in `path` where it is defined (YAML tests and sources). */
  line?: number;
  /** The models folder it is in, for the lineage graph's grouping: `staging`, `marts`, … */
  layer?: string;
  materialized?: string;
  /** For a test: the node it tests, and the column when it is a column test. */
  attachedTo?: string;
  column?: string;
}

/** The project's graph: nodes and `from → to` dependencies (a test depends on what it tests). */
export interface ProjectGraph {
  nodes: GraphNode[];
  edges: { from: string; to: string }[];
}

/** The result of checking a project: its graph (as far as it could be read) and its problems. */
export interface ProjectCheck {
  graph: ProjectGraph;
  problems: ModelProblem[];
}

/** A table of rows as it crosses to the UI. */
export interface RowsResult {
  columns: ColumnInfo[];
  rows: Cell[][];
  /** All rows the query gave, counted even when only the first are kept. */
  rowCount: number;
}

/** A node's outcome in a build. */
export interface NodeOutcome {
  id: string;
  state: BuildNodeState;
  /** Why it failed (the database's or the compiler's words), in both languages when the app wrote it. */
  message?: { ko: string; en: string };
  /** For a skipped node: the failed node that stopped it. */
  blockedBy?: string;
  /** Rows in the built table or view; for a test, its failing rows. */
  rows?: number;
  elapsedMs?: number;
  compiledSql?: string;
  /** For a test that failed or warned: the first failing rows. */
  failing?: RowsResult;
  /** For a column test: the column it checks. */
  testColumn?: string;
  /** Where a failed node's error stands in its file (the database's error mapped back to the source line). */
  error?: { path: string; line: number; column: number; message: string };
}

/** A build's progress event: one node changed state. */
export interface BuildProgress {
  outcome: NodeOutcome;
  done: number;
  total: number;
}

/** What a build did, node by node, in build order. */
export interface BuildReport {
  outcomes: NodeOutcome[];
  cancelled: boolean;
  /** Set when the project did not check clean and nothing was built. */
  blocked?: boolean;
  /** The built database was thrown away (a cancel stops the worker): no built model can be read. */
  discarded?: boolean;
}

/** The models engine as the workbench uses it. */
export interface ModelsEngine {
  /** Reads the project: its graph and its problems (YAML, Jinja, missing refs), with lines. */
  check(project: ModelProjectFiles): Promise<ProjectCheck>;
  /** Builds everything, or `+name` (a model and its parents); reports each node as it goes. */
  build(project: ModelProjectFiles, options: { select?: string; onProgress: (p: BuildProgress) => void }): Promise<BuildReport>;
  /** Stops the running build (the report comes back with `cancelled`). */
  cancel(): void;
  /** The SQL of one model or test after Jinja. */
  compile(project: ModelProjectFiles, nodeId: string): Promise<{ ok: true; sql: string } | { ok: false; message: { ko: string; en: string } }>;
  /** Reads the first rows of a built model from the built database. */
  preview(nodeName: string, limit: number): Promise<RowsResult>;
}
