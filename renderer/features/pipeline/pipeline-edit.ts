import { createGraph, downstream, findCycle, wouldCreateCycle } from '../../../core/graph/graph.ts';
import { TaskIdSchema, type ExtractTask, type Pipeline, type PipelineTask, type SqlTask } from '../../../core/pipeline/schema.ts';

/*
 * The learner's edits to a pipeline, as pure functions from one saved pipeline to the next: the
 * workbench calls them and hands the result to its owner (the screen's store, or a lesson step).
 * Every refusal says why, so the UI can show it at once (a cycle names the tasks that form it).
 */

/** An edit that was refused, and why (the UI maps each reason to a localised message). */
export type EditRefusal =
  | { reason: 'cycle'; cycle: string[] }
  | { reason: 'self'; task: string }
  | { reason: 'duplicate'; from: string; to: string }
  | { reason: 'badId'; id: string }
  | { reason: 'taken'; id: string };

/** The pipeline after an edit, or why the edit was refused (the pipeline then stays as it was). */
export type EditResult = { ok: true; pipeline: Pipeline } | ({ ok: false } & EditRefusal);

/** The first free id `base_1`, `base_2`, … among the pipeline's tasks. */
export function freeTaskId(p: Pipeline, base: string): string {
  const taken = new Set(p.tasks.map((t) => t.id));
  for (let i = 1; ; i++) if (!taken.has(`${base}_${i}`)) return `${base}_${i}`;
}

/** A pipeline with a new task of the kind, named freely; it depends on `after` when given. */
export function addTask(p: Pipeline, kind: 'extract' | 'sql', defaults: { path: string; after?: string | null }): { pipeline: Pipeline; id: string } {
  const id = freeTaskId(p, kind === 'extract' ? 'extract' : 'transform');
  const task: PipelineTask =
    kind === 'extract'
      ? ({ id, kind: 'extract', path: defaults.path, source: { format: 'csv', delimiter: 'auto', encoding: 'auto' }, target: `stg_${id}`, mode: 'replace' } satisfies ExtractTask)
      : ({ id, kind: 'sql', sql: '' } satisfies SqlTask);
  const edges = defaults.after && p.tasks.some((t) => t.id === defaults.after) ? [...p.edges, { from: defaults.after, to: id }] : p.edges;
  return { pipeline: { ...p, tasks: [...p.tasks, task], edges }, id };
}

/** Renames a task, keeping its arrows and saved position; refused for an invalid or taken name. */
export function renameTask(p: Pipeline, from: string, to: string): EditResult {
  if (from === to) return { ok: true, pipeline: p };
  if (!TaskIdSchema.safeParse(to).success) return { ok: false, reason: 'badId', id: to };
  if (p.tasks.some((t) => t.id === to)) return { ok: false, reason: 'taken', id: to };
  const swap = (id: string) => (id === from ? to : id);
  const layout = p.layout ? Object.fromEntries(Object.entries(p.layout).map(([k, v]) => [swap(k), v])) : undefined;
  return {
    ok: true,
    pipeline: {
      ...p,
      tasks: p.tasks.map((t) => (t.id === from ? { ...t, id: to } : t)),
      edges: p.edges.map((e) => ({ from: swap(e.from), to: swap(e.to) })),
      ...(layout ? { layout } : {}),
    },
  };
}

/** Removes a task with its arrows and saved position. */
export function deleteTask(p: Pipeline, id: string): Pipeline {
  const layout = p.layout ? Object.fromEntries(Object.entries(p.layout).filter(([k]) => k !== id)) : undefined;
  return {
    ...p,
    tasks: p.tasks.filter((t) => t.id !== id),
    edges: p.edges.filter((e) => e.from !== id && e.to !== id),
    ...(layout ? { layout } : {}),
  };
}

/** Replaces one task's definition (same id). */
export function updateTask(p: Pipeline, task: PipelineTask): Pipeline {
  return { ...p, tasks: p.tasks.map((t) => (t.id === task.id ? task : t)) };
}

function graphOf(p: Pipeline) {
  const ids = new Set(p.tasks.map((t) => t.id));
  return createGraph({ nodes: p.tasks.map((t) => t.id), edges: p.edges.filter((e) => ids.has(e.from) && ids.has(e.to)) });
}

/**
 * Adds a dependency `from` → `to` (`to` runs after `from`). A cycle is refused at once, naming
 * its tasks in arrow order starting with `from`'s new arrow: [to, …, from] reads "to runs before
 * … before from, which would run before to".
 */
export function connectTasks(p: Pipeline, edge: { from: string; to: string }): EditResult {
  if (edge.from === edge.to) return { ok: false, reason: 'self', task: edge.from };
  if (p.edges.some((e) => e.from === edge.from && e.to === edge.to)) return { ok: false, reason: 'duplicate', ...edge };
  const graph = graphOf(p);
  if (wouldCreateCycle(graph, edge)) {
    graph.addEdge(edge);
    const cycle = findCycle(graph) ?? [edge.to, edge.from];
    // Start the cycle at the task the new arrow points to, so it reads in the learner's order.
    const at = cycle.indexOf(edge.to);
    return { ok: false, reason: 'cycle', cycle: at > 0 ? [...cycle.slice(at), ...cycle.slice(0, at)] : cycle };
  }
  return { ok: true, pipeline: { ...p, edges: [...p.edges, edge] } };
}

/** Removes a dependency. */
export function disconnectTasks(p: Pipeline, edge: { from: string; to: string }): Pipeline {
  return { ...p, edges: p.edges.filter((e) => !(e.from === edge.from && e.to === edge.to)) };
}

/** The tasks a "clear and re-run" of `id` runs: the task itself, then everything downstream in run order. */
export function rerunSet(p: Pipeline, id: string): string[] {
  return [id, ...downstream(graphOf(p), id)];
}

/** Tasks that run directly before `id`. */
export function upstreamOf(p: Pipeline, id: string): string[] {
  return p.edges.filter((e) => e.to === id).map((e) => e.from);
}

/** The table a task writes: an extract's target, else the tables its SQL creates or inserts into. */
export function tablesWritten(task: PipelineTask): string[] {
  if (task.kind === 'extract') return [task.target];
  const out = new Set<string>();
  // Comments and string literals out first, so `-- INSERT INTO x` or 'CREATE TABLE y' is not a table.
  const sql = task.sql.replace(/--[^\n]*/g, ' ').replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/'(?:[^']|'')*'/g, "''");
  const re = /\b(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|REPLACE\s+INTO|CREATE\s+(?:TEMP\w*\s+)?(?:TABLE|VIEW)\s+(?:IF\s+NOT\s+EXISTS\s+)?)\s*["`[]?([A-Za-z_][A-Za-z0-9_]*)/gi;
  for (const m of sql.matchAll(re)) out.add(m[1]!);
  return [...out];
}

/** Tables the pipeline loads (excluding staging and quarantine) that have no owner-and-purpose record yet. */
export function unrecordedTables(p: Pipeline): string[] {
  const recorded = new Set(p.tables.map((r) => r.table.toLowerCase()));
  const loaded = new Set<string>();
  for (const task of p.tasks) {
    if (task.kind !== 'sql') continue;
    for (const t of tablesWritten(task)) loaded.add(t);
  }
  return [...loaded].filter((t) => !recorded.has(t.toLowerCase()) && !/^stg_|__quarantine$/i.test(t)).sort();
}
