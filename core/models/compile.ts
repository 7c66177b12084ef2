import { createGraph, findCycle, type Graph } from '../graph/graph.ts';
import { bindArgs, parseTemplate, Renderable, renderTemplate, splitArgs, TemplateError, type ParsedTemplate } from '../jinja/render.ts';
import { genericTestSql } from './data-tests.ts';
import {
  MATERIALIZATIONS,
  type DataTestDef,
  type Materialization,
  type ModelDef,
  type ModelProblem,
  type ModelProject,
  type SeedDef,
  type SourceDef,
} from './load-project.ts';
import { closeMatches, modelMessage, type ModelMessage } from './messages.ts';

/**
 * Compiles a project the way dbt does: every model's Jinja is rendered once at "parse" time to
 * learn its refs, sources and config (dependencies come from the refs found, not from reading
 * SQL), which gives the dependency graph; at build time each model is rendered again with
 * `is_incremental()` and `execute` answered for the database as it is then.
 */

/** A node of the project graph. Ids follow dbt: model.x, seed.x, source.src.tbl, test.x. */
export type PlanNode =
  | { id: string; type: 'model'; name: string; file: string; model: ModelDef; materialized: Materialization; config: Record<string, unknown> }
  | { id: string; type: 'seed'; name: string; file: string; seed: SeedDef }
  | { id: string; type: 'source'; name: string; file: string; source: SourceDef }
  | { id: string; type: 'test'; name: string; file: string; test: DataTestDef; attachedTo: string | null };

/** A project ready to build: its nodes, their dependency graph and every problem found so far. */
export interface ProjectPlan {
  project: ModelProject;
  nodes: Map<string, PlanNode>;
  graph: Graph<PlanNode>;
  /** Load problems plus compile problems (missing refs, Jinja errors, cycles). */
  problems: ModelProblem[];
  /** Nodes that cannot be built, with the problem that says why. */
  broken: Map<string, ModelProblem>;
  macros: ParsedTemplate[];
}

/** The schema every relation lives in (SQLite's main database). */
export const SCHEMA = 'main';

/** A quoted SQLite identifier. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** How a relation is written in compiled SQL ("main"."name"), as dbt-sqlite renders one. */
export function relationSql(identifier: string): string {
  return `${quoteIdent(SCHEMA)}.${quoteIdent(identifier)}`;
}

function relation(identifier: string): Renderable {
  return new Renderable(relationSql(identifier), { schema: SCHEMA, database: SCHEMA, identifier, name: identifier, table: identifier });
}

/** An error a dbt context function raises: the learner's message. */
export class ModelCompileError extends Error {
  readonly modelMessage: ModelMessage;
  constructor(message: ModelMessage) {
    super(message.text.en);
    this.name = 'ModelCompileError';
    this.modelMessage = message;
  }
}

/** What rendering a model or test found. */
export interface Compiled {
  /** The SQL with ephemeral models injected as CTEs. */
  sql: string;
  refs: string[];
  sources: [string, string][];
  config: Record<string, unknown>;
}

/** The state of the database that build-time compilation asks about. */
export interface CompileState {
  /** True at build time (dbt's `execute`); false while parsing. */
  execute: boolean;
  /** Whether a relation exists now (is_incremental()). */
  exists?: (identifier: string) => boolean;
  fullRefresh?: boolean;
}

const PARSE: CompileState = { execute: false };

/** A `ref`, `source`, `config`, `var` context for one file, recording what it was called with. */
function makeContext(
  project: ModelProject,
  self: { name: string; materialized: Materialization } | null,
  state: CompileState,
  models: Map<string, ModelDef>,
  ephemeral: (name: string) => boolean,
  found: { refs: string[]; sources: [string, string][]; config: Record<string, unknown> },
): Record<string, unknown> {
  return {
    ref: (...args: unknown[]) => {
      const { positional } = splitArgs(args);
      const name = String(positional.length >= 2 ? positional[1] : positional[0] ?? '');
      const seed = project.seeds.find((s) => s.name === name);
      if (!models.has(name) && !seed) {
        const names = [...models.keys(), ...project.seeds.map((s) => s.name)];
        throw new ModelCompileError(modelMessage('ref-missing', { name, suggestions: closeMatches(name, names) }));
      }
      if (!found.refs.includes(name)) found.refs.push(name);
      if (models.has(name) && ephemeral(name)) return `__dbt__cte__${name}`;
      return relation(name);
    },
    source: (...args: unknown[]) => {
      const a = bindArgs('source', args, ['source_name', 'table_name']);
      const src = String(a.source_name ?? '');
      const tbl = String(a.table_name ?? '');
      const def = project.sources.find((s) => s.source === src && s.table === tbl);
      if (!def) {
        const names = project.sources.map((s) => `${s.source}.${s.table}`);
        throw new ModelCompileError(
          modelMessage('source-missing', { source: src, table: tbl, suggestions: closeMatches(`${src}.${tbl}`, names) }),
        );
      }
      if (!found.sources.some(([s, t]) => s === src && t === tbl)) found.sources.push([src, tbl]);
      return relation(def.identifier);
    },
    config: (...args: unknown[]) => {
      const { positional, kwargs } = splitArgs(args);
      for (const p of positional) if (typeof p === 'object' && p !== null) Object.assign(found.config, p);
      Object.assign(found.config, kwargs);
      return '';
    },
    var: (...args: unknown[]) => {
      const { positional } = splitArgs(args);
      const name = String(positional[0] ?? '');
      if (Object.hasOwn(project.vars, name)) return project.vars[name];
      if (positional.length >= 2) return positional[1];
      throw new ModelCompileError(modelMessage('var-missing', { name }));
    },
    env_var: (...args: unknown[]) => {
      const { positional } = splitArgs(args);
      if (positional.length >= 2) return positional[1];
      throw new ModelCompileError(modelMessage('var-missing', { name: String(positional[0] ?? '') }));
    },
    is_incremental: () =>
      self !== null &&
      self.materialized === 'incremental' &&
      state.execute &&
      state.fullRefresh !== true &&
      (state.exists?.(self.name) ?? false),
    log: () => '',
    execute: state.execute,
    this: self === null ? null : relation(self.name),
    target: { name: 'dev', type: 'sqlite', schema: SCHEMA, database: SCHEMA, threads: 1, profile_name: project.name },
    project_name: project.name,
  };
}

/** A compile failure as a problem in the file, at the line the error points to. */
export function problemFromError(file: string, e: unknown): ModelProblem {
  const line = e instanceof TemplateError ? (e.line ?? 1) : 1;
  const column = e instanceof TemplateError ? (e.column ?? 1) : 1;
  const original = e instanceof TemplateError ? e.original : e;
  let message: ModelMessage;
  if (original instanceof ModelCompileError) message = original.modelMessage;
  else if (e instanceof TemplateError && original instanceof SyntaxError) message = modelMessage('jinja-syntax', { message: e.message });
  else if (e instanceof TemplateError && original === undefined) message = modelMessage('jinja-syntax', { message: e.message });
  else message = modelMessage('jinja-error', { message: e instanceof Error ? e.message : String(e) });
  return { file, line, column, severity: 'error', message };
}

/** Puts ephemeral models in front of a query as CTEs, as dbt does (merged into a leading WITH). */
export function injectCtes(sql: string, ctes: { name: string; sql: string }[]): string {
  if (ctes.length === 0) return sql;
  const defs = ctes.map((c) => `__dbt__cte__${c.name} as (\n${c.sql}\n)`).join(', ');
  const lead = /^(\s*(?:--[^\n]*\n|\/\*[\s\S]*?\*\/)?)*\s*/.exec(sql)?.[0] ?? '';
  const rest = sql.slice(lead.length);
  const withHead = /^with(\s+recursive)?\s+/i.exec(rest);
  if (withHead) return `${lead}${withHead[0]}${defs}, ${rest.slice(withHead[0].length)}`;
  return `${lead}with ${defs}\n${rest}`;
}

/** Drops trailing semicolons and whitespace (a model is one query, wrapped by the build). */
export function stripTrailingSemicolons(sql: string): string {
  return sql.replace(/[\s;]+$/, '');
}

function materializationOf(config: Record<string, unknown>): Materialization | string {
  const m = config.materialized;
  return typeof m === 'string' ? m : 'view';
}

/** Renders one model (and the ephemeral models it refs, recursively) for a state of the database. */
export function compileModel(plan: ProjectPlan, name: string, state: CompileState): Compiled {
  const node = plan.nodes.get(`model.${name}`);
  if (!node || node.type !== 'model') throw new Error(`No model '${name}'`);
  const models = new Map(plan.project.models.map((m) => [m.name, m]));
  return compileModelSql(plan.project, plan.macros, models, node.model, node.materialized, state, (n) => {
    const other = plan.nodes.get(`model.${n}`);
    return other?.type === 'model' && other.materialized === 'ephemeral';
  });
}

function compileModelSql(
  project: ModelProject,
  macros: ParsedTemplate[],
  models: Map<string, ModelDef>,
  model: ModelDef,
  materialized: Materialization,
  state: CompileState,
  ephemeral: (name: string) => boolean,
  visiting: Set<string> = new Set(),
): Compiled {
  const found = { refs: [] as string[], sources: [] as [string, string][], config: {} as Record<string, unknown> };
  const ctx = makeContext(project, { name: model.name, materialized }, state, models, ephemeral, found);
  const sql = stripTrailingSemicolons(renderTemplate(model.sql, ctx, { macros }));
  const ctes: { name: string; sql: string }[] = [];
  visiting.add(model.name);
  for (const ref of found.refs) {
    const child = models.get(ref);
    if (!child || !ephemeral(ref) || visiting.has(ref)) continue;
    const inner = compileModelSql(project, macros, models, child, 'ephemeral', state, ephemeral, visiting);
    for (const c of collectCtes(inner)) if (!ctes.some((x) => x.name === c.name)) ctes.push(c);
    if (!ctes.some((x) => x.name === ref)) ctes.push({ name: ref, sql: stripCtes(inner) });
  }
  visiting.delete(model.name);
  const compiled: Compiled & { ctes?: { name: string; sql: string }[]; bare?: string } = {
    sql: injectCtes(sql, ctes),
    refs: found.refs,
    sources: found.sources,
    config: found.config,
  };
  compiled.ctes = ctes;
  compiled.bare = sql;
  return compiled;
}

function collectCtes(c: Compiled): { name: string; sql: string }[] {
  return (c as Compiled & { ctes?: { name: string; sql: string }[] }).ctes ?? [];
}

function stripCtes(c: Compiled): string {
  return (c as Compiled & { bare?: string }).bare ?? c.sql;
}

/** Renders a singular test's SQL. */
function compileSingular(plan: ProjectPlan, test: DataTestDef, state: CompileState): Compiled {
  const models = new Map(plan.project.models.map((m) => [m.name, m]));
  const found = { refs: [] as string[], sources: [] as [string, string][], config: {} as Record<string, unknown> };
  const ephemeral = (n: string): boolean => {
    const other = plan.nodes.get(`model.${n}`);
    return other?.type === 'model' && other.materialized === 'ephemeral';
  };
  const ctx = makeContext(plan.project, null, state, models, ephemeral, found);
  const sql = stripTrailingSemicolons(renderTemplate(test.sql ?? '', ctx, { macros: plan.macros }));
  const ctes: { name: string; sql: string }[] = [];
  for (const ref of found.refs) {
    const child = models.get(ref);
    if (!child || !ephemeral(ref)) continue;
    const inner = compileModelSql(plan.project, plan.macros, models, child, 'ephemeral', state, ephemeral);
    for (const c of collectCtes(inner)) if (!ctes.some((x) => x.name === c.name)) ctes.push(c);
    ctes.push({ name: ref, sql: stripCtes(inner) });
  }
  return { sql: injectCtes(sql, ctes), refs: found.refs, sources: found.sources, config: found.config };
}

/** Where a generic test's relationships `to:` points: a ref or a source, rendered as dbt would. */
function relationshipsTarget(plan: ProjectPlan, to: unknown): { sql: string; refs: string[]; sources: [string, string][] } {
  const models = new Map(plan.project.models.map((m) => [m.name, m]));
  const found = { refs: [] as string[], sources: [] as [string, string][], config: {} as Record<string, unknown> };
  const text = String(to ?? '');
  if (!/^\s*(ref|source)\s*\(/.test(text)) throw new ModelCompileError(modelMessage('relationships-to', { value: text }));
  const ctx = makeContext(plan.project, null, PARSE, models, () => false, found);
  const sql = renderTemplate(`{{ ${text} }}`, ctx);
  return { sql, refs: found.refs, sources: found.sources };
}

/** The compiled SQL of a data test (generic or singular): rows it returns are failures. */
export function compileTest(plan: ProjectPlan, test: DataTestDef, state: CompileState): Compiled {
  if (test.kind === 'singular') return compileSingular(plan, test, state);
  const target = test.target;
  if (!target) throw new Error(`Test ${test.name} has no target`);
  let model: string;
  const refs: string[] = [];
  const sources: [string, string][] = [];
  if (target.type === 'source') {
    const def = plan.project.sources.find((s) => s.source === target.source && s.table === target.table);
    model = relationSql(def?.identifier ?? target.table);
    sources.push([target.source, target.table]);
  } else {
    const node = plan.nodes.get(`model.${target.name}`);
    if (node?.type === 'model' && node.materialized === 'ephemeral') {
      model = `(${compileModel(plan, target.name, state).sql}) dbt_ephemeral`;
    } else model = relationSql(target.name);
    refs.push(target.name);
  }
  if (test.where !== undefined) model = `(select * from ${model} where ${test.where}) dbt_subquery`;
  let to: string | undefined;
  if (test.kind === 'relationships') {
    const t = relationshipsTarget(plan, test.args.to);
    to = t.sql;
    refs.push(...t.refs.filter((r) => !refs.includes(r)));
    sources.push(...t.sources);
  }
  const sql = genericTestSql(test, model, to);
  return { sql, refs, sources, config: {} };
}

/** Builds the plan: parse-compiles every model and test, finds dependencies, cycles and problems. */
export function planProject(project: ModelProject): ProjectPlan {
  const problems: ModelProblem[] = [...project.problems];
  const broken = new Map<string, ModelProblem>();
  const nodes = new Map<string, PlanNode>();
  const macros: ParsedTemplate[] = [];
  for (const file of project.macros) {
    try {
      macros.push(parseTemplate(file.source));
    } catch (e) {
      problems.push(problemFromError(file.path, e));
    }
  }
  const plan: ProjectPlan = { project, nodes, graph: createGraph<PlanNode>(), problems, broken, macros };

  for (const source of project.sources) {
    const id = `source.${source.source}.${source.table}`;
    nodes.set(id, { id, type: 'source', name: `${source.source}.${source.table}`, file: source.file, source });
  }
  for (const seed of project.seeds) {
    const id = `seed.${seed.name}`;
    nodes.set(id, { id, type: 'seed', name: seed.name, file: seed.path, seed });
  }
  const models = new Map(project.models.map((m) => [m.name, m]));
  const deps = new Map<string, string[]>();
  // Parse-time render: config() may change the materialization, so read it first (with every
  // ref answered as a relation), then fix the materializations before anything inlines ephemerals.
  const parsed = new Map<string, Compiled>();
  for (const model of project.models) {
    try {
      const found = { refs: [] as string[], sources: [] as [string, string][], config: {} as Record<string, unknown> };
      const ctx = makeContext(project, { name: model.name, materialized: 'view' }, PARSE, models, () => false, found);
      renderTemplate(model.sql, ctx, { macros });
      parsed.set(model.name, { sql: '', ...found });
    } catch (e) {
      const problem = problemFromError(model.path, e);
      problems.push(problem);
      broken.set(`model.${model.name}`, problem);
    }
  }
  for (const model of project.models) {
    const id = `model.${model.name}`;
    const config = { ...model.config, ...(parsed.get(model.name)?.config ?? {}) };
    let materialized = materializationOf(config);
    if (!MATERIALIZATIONS.includes(materialized as Materialization)) {
      const problem: ModelProblem = {
        file: model.path,
        line: lineOf(model.sql, /materialized\s*=/) ?? 1,
        column: 1,
        severity: 'error',
        message: modelMessage('materialized-unknown', { value: String(materialized) }),
      };
      problems.push(problem);
      broken.set(id, problem);
      materialized = 'view';
    }
    nodes.set(id, { id, type: 'model', name: model.name, file: model.path, model, materialized: materialized as Materialization, config });
    const found = parsed.get(model.name);
    deps.set(id, [
      ...(found?.refs ?? []).map((r) => (models.has(r) ? `model.${r}` : `seed.${r}`)),
      ...(found?.sources ?? []).map(([s, t]) => `source.${s}.${t}`),
    ]);
  }
  // A source over a table a seed of this project makes (an exported project, whose sources point at
  // the seeds holding their rows) reads that seed: the seed is its parent, so one build makes the
  // table before the source's check that it exists. The seed named as the identifier (the table
  // read) comes first, else the one named as the source's table.
  for (const source of project.sources) {
    const seed = project.seeds.find((s) => s.name === source.identifier) ?? project.seeds.find((s) => s.name === source.table);
    if (seed !== undefined) deps.set(`source.${source.source}.${source.table}`, [`seed.${seed.name}`]);
  }
  for (const test of project.tests) {
    const id = `test.${test.name}`;
    const target = test.target;
    const attachedTo =
      target === undefined ? null : target.type === 'source' ? `source.${target.source}.${target.table}` : `${target.type}.${target.name}`;
    nodes.set(id, { id, type: 'test', name: test.name, file: test.file, test, attachedTo });
    try {
      const compiled = compileTest(plan, test, PARSE);
      const parents = [
        ...compiled.refs.map((r) => (models.has(r) ? `model.${r}` : `seed.${r}`)),
        ...compiled.sources.map(([s, t]) => `source.${s}.${t}`),
      ];
      if (attachedTo !== null && !parents.includes(attachedTo)) parents.unshift(attachedTo);
      deps.set(id, parents);
    } catch (e) {
      const problem = problemFromError(test.file, e);
      if (test.kind !== 'singular') {
        problem.line = test.line;
        problem.column = test.column;
      }
      problems.push(problem);
      broken.set(id, problem);
      deps.set(id, attachedTo !== null ? [attachedTo] : []);
    }
  }

  const graph = createGraph<PlanNode>();
  for (const node of nodes.values()) graph.addNode(node.id, node);
  for (const [id, parents] of deps) {
    for (const parent of parents) if (nodes.has(parent) && parent !== id) graph.addEdge({ from: parent, to: id });
    // A model that refs itself is a cycle of one.
    if (parents.includes(id)) graph.addEdge({ from: id, to: id });
  }
  plan.graph = graph;
  const cycle = findCycle(graph);
  if (cycle) {
    const names = cycle.map((id) => nodes.get(id)?.name ?? id);
    for (const id of cycle) {
      const node = nodes.get(id);
      if (!node) continue;
      const problem: ModelProblem = { file: node.file, line: 1, column: 1, severity: 'error', message: modelMessage('cycle', { cycle: names }) };
      if (node.type === 'model') problem.line = lineOf(node.model.sql, /\bref\s*\(/) ?? 1;
      problems.push(problem);
      broken.set(id, problem);
    }
  }
  return plan;
}

function lineOf(text: string, re: RegExp): number | null {
  const m = re.exec(text);
  return m ? (text.slice(0, m.index).match(/\n/g) ?? []).length + 1 : null;
}
