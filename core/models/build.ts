import type { Cell, ColumnInfo } from '../sql/protocol.ts';
import { createGraph, downstream, topoOrder, upstream, wouldCreateCycle, type Graph } from '../graph/graph.ts';
import { compileModel, compileTest, problemFromError, quoteIdent, relationSql, type PlanNode, type ProjectPlan } from './compile.ts';
import { ModelSqlError, type ModelEngine } from './engine.ts';
import type { Materialization } from './load-project.ts';
import { modelMessage, type ModelMessage } from './messages.ts';
import type { BuildNodeState } from './project.ts';
import { parseSeed, seedStatements } from './seeds.ts';

/**
 * `dbt build` on a ModelEngine: seeds, then every model followed by its tests, in dependency
 * order. A model that fails, or an error-severity test of it that fails, skips everything
 * downstream, each with the reason. Views and tables are dropped and recreated; an incremental
 * model is created the first time and appended to (or merged on unique_key) after; an ephemeral
 * model is not built, it is inlined as a CTE where it is used.
 */

/** Where an error is: the file, the line (in the source when the compiled line could be found there), and the compiled SQL's line. */
export interface NodeError {
  file: string;
  line: number;
  column: number;
  /** Line in the compiled SQL (what ran). */
  compiledLine?: number;
  message: string;
}

/** A data test's outcome. */
export interface TestOutcome {
  kind: string;
  severity: 'error' | 'warn';
  column?: string;
  /** The node it is attached to (model.x, seed.x, source.a.b), or null for a singular test. */
  attachedTo: string | null;
  /** Number of failing rows (dbt's failures). */
  failures: number;
  /** The failing rows (at most maxFailingRows). */
  columns: ColumnInfo[];
  rows: Cell[][];
}

/** One node's result in the build log and on the lineage graph. */
export interface NodeResult {
  id: string;
  type: PlanNode['type'];
  name: string;
  file: string;
  state: BuildNodeState;
  /** Rows in the table made (seeds, tables, incremental: rows inserted by this run); null for views, ephemerals, tests. */
  rows: number | null;
  ms: number;
  materialized?: Materialization;
  compiledSql?: string;
  /** Why it failed or was skipped, or a test's failure summary. */
  message?: ModelMessage;
  error?: NodeError;
  test?: TestOutcome;
}

/** A build progress event: a node started (state running) or finished. */
export interface BuildEvent {
  node: NodeResult;
  /** Nodes finished so far, of the total in this build. */
  done: number;
  total: number;
}

/** Options of a build. */
export interface BuildOptions {
  /** dbt selection: space-separated `name`, `+name` (with parents), `name+` (with children), `+name+`. */
  select?: string;
  /** Rebuild incremental models from scratch. */
  fullRefresh?: boolean;
  onEvent?: (event: BuildEvent) => void;
  /** Checked before each node: true stops the build (remaining nodes are skipped as cancelled). */
  shouldStop?: () => boolean;
  /** Failing rows kept per test (default 100). */
  maxFailingRows?: number;
}

/** What a build did. */
export interface BuildResult {
  /** True when no node errored or failed (warnings allowed) and the build was not cancelled. */
  ok: boolean;
  cancelled: boolean;
  /** Nodes in the order they ran. */
  nodes: NodeResult[];
  elapsedMs: number;
}

/** The nodes a selection names, or the name that matches nothing. */
export function selectNodes(plan: ProjectPlan, select: string): { ok: true; ids: Set<string> } | { ok: false; unknown: string } {
  const ids = new Set<string>();
  for (const term of select.split(/[\s,]+/).filter((t) => t !== '')) {
    const m = /^(\+?)(.*?)(\+?)$/.exec(term);
    const name = m?.[2] ?? term;
    const matches = [...plan.nodes.values()].filter(
      (n) => n.name === name || n.id === name || (n.type === 'source' && `source:${n.name}` === name),
    );
    if (matches.length === 0) return { ok: false, unknown: name };
    for (const node of matches) {
      ids.add(node.id);
      if (m?.[1] === '+') for (const up of upstream(plan.graph, node.id)) ids.add(up);
      if (m?.[3] === '+') for (const down of downstream(plan.graph, node.id)) ids.add(down);
    }
  }
  // Tests come with the nodes they test, when everything they read is selected (dbt's cautious selection).
  for (const node of plan.nodes.values()) {
    if (node.type !== 'test' || ids.has(node.id)) continue;
    const parents = plan.graph.predecessors(node.id).filter((p) => plan.nodes.get(p)?.type !== 'source');
    if (parents.length > 0 && parents.every((p) => ids.has(p))) ids.add(node.id);
  }
  // Sources a selected node reads are checked too.
  for (const id of [...ids]) for (const p of plan.graph.predecessors(id)) if (plan.nodes.get(p)?.type === 'source') ids.add(p);
  return { ok: true, ids };
}

/** The graph a build runs: the selected nodes, and each test before the children of what it tests (dbt build). */
function buildGraph(plan: ProjectPlan, ids: Set<string>): Graph<PlanNode> {
  const graph = createGraph<PlanNode>();
  for (const id of plan.graph.nodes()) if (ids.has(id)) graph.addNode(id, plan.nodes.get(id));
  for (const e of plan.graph.edges()) if (ids.has(e.from) && ids.has(e.to)) graph.addEdge(e);
  for (const node of plan.nodes.values()) {
    if (node.type !== 'test' || !ids.has(node.id) || node.attachedTo === null || node.test.severity !== 'error') continue;
    for (const child of plan.graph.successors(node.attachedTo)) {
      if (!ids.has(child) || plan.nodes.get(child)?.type === 'test') continue;
      const edge = { from: node.id, to: child };
      if (!wouldCreateCycle(graph, edge)) graph.addEdge(edge);
    }
  }
  return graph;
}

function now(): number {
  return globalThis.performance.now();
}

/** The source line that holds the compiled line's text, when exactly one does (Jinja moves lines). */
function sourceLine(source: string, compiled: string, compiledLine: number): number {
  const text = compiled.split('\n')[compiledLine - 1]?.trim() ?? '';
  if (text === '') return compiledLine;
  const hits = source
    .split('\n')
    .map((l, i) => (l.trim() === text ? i + 1 : 0))
    .filter((n) => n > 0);
  return hits.length === 1 ? (hits[0] as number) : compiledLine;
}

function sqlErrorOf(e: unknown, file: string, source: string, compiled: string, prefixLines: number): NodeError {
  if (e instanceof ModelSqlError) {
    const compiledLine = Math.max(1, e.line - prefixLines);
    return { file, line: sourceLine(source, compiled, compiledLine), column: e.column, compiledLine, message: e.message };
  }
  return { file, line: 1, column: 1, message: e instanceof Error ? e.message : String(e) };
}

async function dropRelation(engine: ModelEngine, name: string): Promise<void> {
  const type = await engine.relationType(name);
  if (type !== null) await engine.run(`drop ${type} if exists ${relationSql(name)}`);
}

async function countRows(engine: ModelEngine, name: string): Promise<number> {
  const r = await engine.run(`select count(*) from ${relationSql(name)}`, 1);
  return Number(r?.rows[0]?.[0] ?? 0);
}

/** Builds the plan's nodes (or a selection) in dependency order on the engine's database. */
export async function buildProject(plan: ProjectPlan, engine: ModelEngine, options: BuildOptions = {}): Promise<BuildResult> {
  const started = now();
  const maxRows = options.maxFailingRows ?? 100;
  let ids = new Set(plan.nodes.keys());
  if (options.select !== undefined && options.select.trim() !== '') {
    const selected = selectNodes(plan, options.select);
    if (!selected.ok) throw new Error(`--select: nothing is named '${selected.unknown}'`);
    ids = selected.ids;
  }
  const graph = buildGraph(plan, ids);
  const ordered = topoOrder(graph);
  const order = ordered.ok ? ordered.value : graph.nodes();
  const total = order.length;
  const results: NodeResult[] = [];
  /** Nodes whose dependants must skip, with the reason they give. */
  const blocked = new Map<string, ModelMessage>();
  let cancelled = false;

  const emit = (node: NodeResult): void => options.onEvent?.({ node, done: results.length, total });

  for (const id of order) {
    const node = plan.nodes.get(id) as PlanNode;
    const base: NodeResult = { id, type: node.type, name: node.name, file: node.file, state: 'pending', rows: null, ms: 0 };
    if (node.type === 'model') base.materialized = node.materialized;
    const finish = (result: NodeResult): void => {
      results.push(result);
      emit(result);
    };
    if (cancelled || options.shouldStop?.() === true) {
      cancelled = true;
      finish({ ...base, state: 'skipped', message: modelMessage('cancelled', {}) });
      continue;
    }
    const broken = plan.broken.get(id);
    if (broken) {
      blocked.set(id, modelMessage('upstream-failed', { node: node.name }));
      finish({
        ...base,
        state: 'error',
        message: broken.message,
        error: { file: broken.file, line: broken.line, column: broken.column, message: broken.message.text.en },
      });
      continue;
    }
    const blocker = graph.predecessors(id).find((p) => blocked.has(p));
    if (blocker !== undefined) {
      const reason = blocked.get(blocker) as ModelMessage;
      blocked.set(id, reason);
      finish({ ...base, state: 'skipped', message: reason });
      continue;
    }
    emit({ ...base, state: 'running' });
    const t0 = now();
    const result = await runNode(plan, engine, node, base, options, maxRows);
    result.ms = now() - t0;
    if (result.state === 'error') blocked.set(id, modelMessage('upstream-failed', { node: node.name }));
    if (result.state === 'fail' && node.type === 'test') {
      const attached = node.attachedTo === null ? node.name : (plan.nodes.get(node.attachedTo)?.name ?? node.attachedTo);
      blocked.set(id, modelMessage('test-failed-upstream', { test: node.name, model: attached }));
    }
    finish(result);
  }
  const ok = !cancelled && results.every((r) => r.state !== 'error' && r.state !== 'fail');
  return { ok, cancelled, nodes: results, elapsedMs: now() - started };
}

async function runNode(
  plan: ProjectPlan,
  engine: ModelEngine,
  node: PlanNode,
  base: NodeResult,
  options: BuildOptions,
  maxRows: number,
): Promise<NodeResult> {
  switch (node.type) {
    case 'source': {
      const type = await engine.relationType(node.source.identifier);
      if (type !== null) return { ...base, state: 'success' };
      const message = modelMessage('source-table-missing', { source: node.source.source, table: node.source.table, identifier: node.source.identifier });
      return { ...base, state: 'error', message, error: { file: node.file, line: node.source.line, column: 1, message: message.text.en } };
    }
    case 'seed': {
      try {
        const table = parseSeed(node.seed.csv);
        await dropRelation(engine, node.name);
        for (const sql of seedStatements(node.name, table)) await engine.run(sql);
        return { ...base, state: 'success', rows: table.rows.length };
      } catch (e) {
        const text = e instanceof Error ? e.message : String(e);
        const message = e instanceof ModelSqlError ? modelMessage('sql-error', { message: text }) : modelMessage('seed-parse', { message: text });
        return { ...base, state: 'error', message, error: { file: node.file, line: 1, column: 1, message: text } };
      }
    }
    case 'model':
      return runModel(plan, engine, node, base, options);
    case 'test':
      return runTest(plan, engine, node, base, maxRows);
  }
}

async function runModel(
  plan: ProjectPlan,
  engine: ModelEngine,
  node: Extract<PlanNode, { type: 'model' }>,
  base: NodeResult,
  options: BuildOptions,
): Promise<NodeResult> {
  const name = node.name;
  const existing = await engine.relationType(name);
  let sql: string;
  try {
    sql = compileModel(plan, name, {
      execute: true,
      exists: (n) => n === name && existing === 'table',
      fullRefresh: options.fullRefresh === true,
    }).sql;
  } catch (e) {
    const problem = problemFromError(node.file, e);
    return {
      ...base,
      state: 'error',
      message: problem.message,
      error: { file: problem.file, line: problem.line, column: problem.column, message: problem.message.text.en },
    };
  }
  const fail = (e: unknown, prefixLines: number): NodeResult => {
    const error = sqlErrorOf(e, node.file, node.model.sql, sql, prefixLines);
    return { ...base, state: 'error', compiledSql: sql, message: modelMessage('sql-error', { message: error.message }), error };
  };
  const target = relationSql(name);
  switch (node.materialized) {
    case 'ephemeral':
      return { ...base, state: 'success', compiledSql: sql };
    case 'view':
      try {
        // SQLite checks a view's columns only when it is read: read it once now, so a wrong column
        // fails this model (at its line) rather than the first model that selects from it.
        await engine.run(`select * from (\n${sql}\n) limit 0`, 0);
        await dropRelation(engine, name);
        await engine.run(`create view ${target} as\n${sql}`);
        return { ...base, state: 'success', compiledSql: sql };
      } catch (e) {
        return fail(e, 1);
      }
    case 'table': {
      const tmp = `${name}__dbt_tmp`;
      try {
        await dropRelation(engine, tmp);
        await engine.run(`create table ${relationSql(tmp)} as\n${sql}`);
      } catch (e) {
        return fail(e, 1);
      }
      try {
        await dropRelation(engine, name);
        await engine.run(`alter table ${relationSql(tmp)} rename to ${quoteIdent(name)}`);
        return { ...base, state: 'success', compiledSql: sql, rows: await countRows(engine, name) };
      } catch (e) {
        return fail(e, 0);
      }
    }
    case 'incremental': {
      const incremental = existing === 'table' && options.fullRefresh !== true;
      if (!incremental) {
        try {
          await dropRelation(engine, name);
          await engine.run(`create table ${target} as\n${sql}`);
          return { ...base, state: 'success', compiledSql: sql, rows: await countRows(engine, name) };
        } catch (e) {
          return fail(e, 1);
        }
      }
      const tmp = `${name}__dbt_tmp`;
      try {
        await dropRelation(engine, tmp);
        await engine.run(`create temp table ${quoteIdent(tmp)} as\n${sql}`);
      } catch (e) {
        return fail(e, 1);
      }
      try {
        const cols = (await engine.run(`select * from temp.${quoteIdent(tmp)} limit 0`, 0))?.columns.map((c) => quoteIdent(c.name)) ?? [];
        const keys = node.config.unique_key;
        const keyList = (Array.isArray(keys) ? keys : typeof keys === 'string' ? [keys] : []).map(String);
        if (keyList.length > 0) {
          const k = keyList.map(quoteIdent);
          const match = k.map((c) => `${target}.${c} = t.${c}`).join(' and ');
          await engine.run(`delete from ${target} where exists (select 1 from temp.${quoteIdent(tmp)} t where ${match})`);
        }
        const inserted = await engine.run(`insert into ${target} (${cols.join(', ')}) select ${cols.join(', ')} from temp.${quoteIdent(tmp)}`);
        await engine.run(`drop table temp.${quoteIdent(tmp)}`);
        return { ...base, state: 'success', compiledSql: sql, rows: inserted?.changes ?? 0 };
      } catch (e) {
        return fail(e, 0);
      }
    }
  }
}

async function runTest(
  plan: ProjectPlan,
  engine: ModelEngine,
  node: Extract<PlanNode, { type: 'test' }>,
  base: NodeResult,
  maxRows: number,
): Promise<NodeResult> {
  const test = node.test;
  const outcome = (failures: number, columns: ColumnInfo[], rows: Cell[][]): TestOutcome => ({
    kind: test.kind,
    severity: test.severity,
    ...(test.columnName !== undefined ? { column: test.columnName } : {}),
    attachedTo: node.attachedTo,
    failures,
    columns,
    rows,
  });
  let sql: string;
  try {
    sql = compileTest(plan, test, { execute: true }).sql;
  } catch (e) {
    const problem = problemFromError(node.file, e);
    return {
      ...base,
      state: 'error',
      message: problem.message,
      error: { file: problem.file, line: problem.line, column: problem.column, message: problem.message.text.en },
      test: outcome(0, [], []),
    };
  }
  try {
    const r = await engine.run(sql, maxRows);
    const failures = r?.rowCount ?? 0;
    const state: BuildNodeState = failures === 0 ? 'pass' : test.severity === 'warn' ? 'warn' : 'fail';
    return {
      ...base,
      state,
      compiledSql: sql,
      ...(failures > 0 ? { message: modelMessage('test-failures', { count: failures }) } : {}),
      test: outcome(failures, r?.columns ?? [], r?.rows ?? []),
    };
  } catch (e) {
    const error = sqlErrorOf(e, node.file, test.sql ?? '', sql, 0);
    if (test.kind !== 'singular') {
      error.line = test.line;
      error.column = test.column;
    }
    return { ...base, state: 'error', compiledSql: sql, message: modelMessage('sql-error', { message: error.message }), error, test: outcome(0, [], []) };
  }
}
