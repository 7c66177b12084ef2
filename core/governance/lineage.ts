import type { Localized } from '../datasets/catalog.ts';
import { auditMetric, auditSql } from '../metrics/audit.ts';
import { renderMetricSql } from '../metrics/render-sql.ts';
import type { Metric } from '../metrics/schema.ts';
import { compileModel, planProject } from '../models/compile.ts';
import { loadProject } from '../models/load-project.ts';
import { statementFlows, withoutTemplates } from './lineage-sql.ts';
import {
  lakeId,
  metricId,
  modelId,
  tableId,
  tileId,
  viewId,
  type LakeGroupInput,
  type LineageInputs,
  type ProjectLineageInput,
} from './lineage-inputs.ts';
import type { LineageEdge, LineageEdgeVia, LineageGraph, LineageNode } from './types.ts';

/*
 * The lineage graph from lake files through tables, views, models and metrics to dashboard tiles,
 * derived by parsing the SQL that defines each (node-sql-parser, SQLite grammar): the pipeline's
 * SQL tasks statement by statement (what each INSERT … SELECT or CREATE TABLE AS writes and reads),
 * CREATE VIEW statements, each model's compiled SQL, each metric's rendered SQL and each query
 * tile's. CTE names are not tables; subqueries and derived tables are followed. What cannot be
 * parsed is listed in `problems` with its node and the parser's message, and read by tokens instead.
 * The flows no SQL states (an export, the warehouse load written in code) come declared in the
 * inputs. Loads node-sql-parser: call it in a worker or in Node.
 */

interface Builder {
  nodes: Map<string, LineageNode>;
  edges: Map<string, LineageEdge>;
  problems: { node: string; message: string }[];
  /** Tables and views by database and lowercased name. */
  relations: Map<string, string>;
  /** Models by lowercased name: the reference project's and the learner's, each on its database. */
  models: { reference: Map<string, string>; learner: Map<string, string>; database: Map<string, string> };
}

const YOURS: Localized = { ko: '내 것', en: 'yours' };

function same(text: string): Localized {
  return { ko: text, en: text };
}

function relationKey(database: string, name: string): string {
  return `${database}\u0000${name.toLowerCase()}`;
}

function addNode(b: Builder, node: LineageNode): void {
  if (!b.nodes.has(node.id)) b.nodes.set(node.id, node);
}

function addEdge(b: Builder, from: string, to: string, via: LineageEdgeVia, detail?: string): void {
  // A statement that reads the table it writes (INSERT INTO t SELECT … FROM t) is no flow between nodes.
  if (from === to || !b.nodes.has(from) || !b.nodes.has(to)) return;
  const key = `${from}\u0000${to}`;
  if (!b.edges.has(key)) b.edges.set(key, detail === undefined ? { from, to, via } : { from, to, via, detail });
}

function addRelation(b: Builder, kind: 'table' | 'view', database: string, name: string, owner: string | null): string {
  const existing = b.relations.get(relationKey(database, name));
  if (existing) return existing;
  const id = kind === 'table' ? tableId(database, name) : viewId(database, name);
  addNode(b, { id, kind, label: same(name), owner, database });
  b.relations.set(relationKey(database, name), id);
  return id;
}

/**
 * The node a name read by SQL on a database stands for: a view or table of that database, else a
 * model built on it (the learner's first for the learner's own objects; never theirs for the company's).
 */
function resolve(b: Builder, database: string, name: string, learner: boolean): string | null {
  const relation = b.relations.get(relationKey(database, name));
  if (relation) return relation;
  const key = name.toLowerCase();
  if (b.models.database.get(key) !== undefined && b.models.database.get(key) !== database) return null;
  if (learner) return b.models.learner.get(key) ?? b.models.reference.get(key) ?? null;
  return b.models.reference.get(key) ?? null;
}

// ---------------------------------------------------------------- lake

function globRegex(glob: string): RegExp {
  const body = glob
    .split('')
    .map((c) => (c === '*' ? '[^/]*' : c === '?' ? '[^/]' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`);
}

/** Whether an extract path (a glob) reads files of a lake group: by its files when known, else by its pattern. */
function globReadsGroup(glob: string, group: LakeGroupInput): boolean {
  const re = globRegex(glob);
  if (group.files && group.files.length > 0) return group.files.some((f) => re.test(`${group.folder}/${f}`));
  // Without the file list: a file of the group (its date filled in) matches the glob, or the glob names one file of the group.
  const sample = `${group.folder}/${group.pattern.replaceAll('*', '2025-01-01')}`;
  return re.test(sample) || globRegex(`${group.folder}/${group.pattern}`).test(glob.replaceAll('*', '2025-01-01'));
}

function addLake(b: Builder, inputs: LineageInputs): void {
  for (const g of inputs.lake) {
    addNode(b, {
      id: lakeId(g.folder, g.pattern),
      kind: 'lake-file',
      label: { ko: `${g.folder}/${g.pattern} (${g.title.ko})`, en: `${g.folder}/${g.pattern} (${g.title.en})` },
      owner: g.owner,
    });
  }
}

// ---------------------------------------------------------------- pipelines

function addPipelines(b: Builder, inputs: LineageInputs): void {
  for (const { pipeline, database, owner } of inputs.pipelines) {
    const parsed = pipeline.tasks.map((task) => ({ task, flow: task.kind === 'sql' ? statementFlows(task.sql) : null }));
    // Every table a task makes exists before any task reads it, whatever their order in the file.
    for (const { task, flow } of parsed) {
      if (task.kind === 'extract') addRelation(b, 'table', database, task.target, owner);
      for (const f of flow?.flows ?? []) {
        if (f.target === null) continue;
        if (f.kind === 'create-view') addRelation(b, 'view', database, f.target, owner);
        else if (f.kind !== 'drop') addRelation(b, 'table', database, f.target, owner);
      }
    }
    for (const { task, flow } of parsed) {
      if (task.kind === 'extract') {
        const target = resolve(b, database, task.target, false) as string;
        const glob = withoutTemplates(task.path.replace(/\{\{[\s\S]*?\}\}/g, '*'));
        const groups = inputs.lake.filter((g) => globReadsGroup(glob, g));
        if (groups.length === 0) {
          const id = `lake:${glob}`;
          addNode(b, { id, kind: 'lake-file', label: same(glob), owner: null });
          b.problems.push({ node: id, message: `pipeline ${pipeline.id}, task ${task.id}: '${task.path}' matches no lake file` });
          addEdge(b, id, target, 'extract', task.id);
        }
        for (const g of groups) addEdge(b, lakeId(g.folder, g.pattern), target, 'extract', task.id);
        continue;
      }
      if (!flow) continue;
      for (const p of flow.problems)
        b.problems.push({ node: `pipeline:${pipeline.id}/${task.id}`, message: `${p.message} (in: ${p.sql.slice(0, 120)})` });
      for (const f of flow.flows) {
        if (f.target === null || f.kind === 'drop' || f.kind === 'other' || f.kind === 'select') continue;
        const target = resolve(b, database, f.target, false);
        if (!target) continue;
        for (const read of f.reads) {
          const source = resolve(b, database, read, false);
          if (source) addEdge(b, source, target, f.kind === 'create-view' ? 'view' : 'sql', task.id);
          else b.problems.push({ node: target, message: `pipeline ${pipeline.id}, task ${task.id} reads '${read}', which is not a table of ${database}` });
        }
      }
    }
  }
}

// ---------------------------------------------------------------- views

function addViews(b: Builder, inputs: LineageInputs): void {
  const parsed = inputs.views.map((v) => ({ v, flow: statementFlows(v.sql) }));
  for (const { v, flow } of parsed) {
    for (const f of flow.flows) if (f.kind === 'create-view' && f.target) addRelation(b, 'view', v.database, f.target, v.learner ? null : v.owner);
  }
  for (const { v, flow } of parsed) {
    for (const f of flow.flows) {
      if (f.kind !== 'create-view' || !f.target) continue;
      const target = resolve(b, v.database, f.target, v.learner) as string;
      if (!f.parsed) for (const p of flow.problems) b.problems.push({ node: target, message: p.message });
      for (const read of f.reads) {
        const source = resolve(b, v.database, read, v.learner);
        if (source) addEdge(b, source, target, 'view');
        else b.problems.push({ node: target, message: `reads '${read}', which is not a table of ${v.database}` });
      }
    }
  }
}

// ---------------------------------------------------------------- models

function addProjects(b: Builder, inputs: LineageInputs): void {
  // Reference projects first, so a learner's model of the same name is told apart by its id.
  const ordered = [...inputs.projects.filter((p) => !p.learner), ...inputs.projects.filter((p) => p.learner)];
  const plans = ordered.map((p) => ({ input: p, plan: planProject(loadProject(p.files)) }));
  for (const { input, plan } of plans) {
    const database = plan.project.database ?? 'hanbit-warehouse';
    for (const model of plan.project.models) {
      const id = modelId(model.name, input.learner);
      const name = input.learner ? { ko: `${model.name} (${YOURS.ko})`, en: `${model.name} (${YOURS.en})` } : same(model.name);
      addNode(b, { id, kind: 'model', label: name, owner: input.learner ? null : input.owner });
      (input.learner ? b.models.learner : b.models.reference).set(model.name.toLowerCase(), id);
      b.models.database.set(model.name.toLowerCase(), database);
    }
  }
  for (const { input, plan } of plans) addProjectEdges(b, input, plan);
}

function addProjectEdges(b: Builder, input: ProjectLineageInput, plan: ReturnType<typeof planProject>): void {
  const database = plan.project.database ?? 'hanbit-warehouse';
  const models = new Set(plan.project.models.map((m) => m.name.toLowerCase()));
  const sources = new Map(plan.project.sources.map((s) => [s.identifier.toLowerCase(), s]));
  const own = (name: string): string => modelId(name, input.learner);
  for (const model of plan.project.models) {
    const id = own(model.name);
    const broken = plan.broken.get(`model.${model.name}`);
    if (broken) {
      b.problems.push({ node: id, message: `${model.path}:${broken.line}: ${broken.message.text.en}` });
      continue;
    }
    let compiled: ReturnType<typeof compileModel>;
    try {
      compiled = compileModel(plan, model.name, { execute: false });
    } catch (e) {
      b.problems.push({ node: id, message: `${model.path}: ${e instanceof Error ? e.message : String(e)}` });
      continue;
    }
    const flow = statementFlows(compiled.sql);
    for (const p of flow.problems) b.problems.push({ node: id, message: `${model.path}: ${p.message}` });
    for (const f of flow.flows) {
      for (const read of f.reads) {
        const key = read.toLowerCase();
        if (models.has(key)) addEdge(b, own(plan.project.models.find((m) => m.name.toLowerCase() === key)?.name ?? read), id, 'ref', model.path);
        else if (sources.has(key)) addEdge(b, resolve(b, database, read, false) ?? '', id, 'source', model.path);
        else {
          const node = resolve(b, database, read, input.learner);
          if (node) addEdge(b, node, id, 'sql', model.path);
          else b.problems.push({ node: id, message: `${model.path} reads '${read}', which is not a table of ${database}` });
        }
      }
    }
    // Ephemeral models are inlined as CTEs, and a model the parser could not read still has the refs
    // dbt found while rendering it: both come from the compile.
    for (const ref of compiled.refs) if (models.has(ref.toLowerCase())) addEdge(b, own(ref), id, 'ref', model.path);
    for (const [src, tbl] of compiled.sources) {
      const def = plan.project.sources.find((s) => s.source === src && s.table === tbl);
      const node = def ? resolve(b, database, def.identifier, false) : null;
      if (node) addEdge(b, node, id, 'source', model.path);
    }
  }
}

// ---------------------------------------------------------------- metrics and tiles

function metricLabel(metric: Metric, learner: boolean): Localized {
  return learner ? { ko: `${metric.name.ko} (${YOURS.ko})`, en: `${metric.name.en} (${YOURS.en})` } : { ...metric.name };
}

function addReads(b: Builder, to: string, database: string, tables: string[], learner: boolean, via: LineageEdgeVia): void {
  for (const read of tables) {
    const node = resolve(b, database, read, learner);
    if (node) addEdge(b, node, to, via);
    else b.problems.push({ node: to, message: `reads '${read}', which is not a table of ${database}` });
  }
}

function addMetrics(b: Builder, inputs: LineageInputs): void {
  for (const { metric, learner } of inputs.metrics) {
    const id = metricId(metric.id, learner);
    addNode(b, { id, kind: 'metric', label: metricLabel(metric, learner), owner: learner ? null : metric.owner });
    const audit = auditMetric(metric);
    if (audit.fallback) b.problems.push({ node: id, message: audit.fallback.message });
    addReads(b, id, metric.database, audit.tables, learner, 'metric');
  }
}

function addTiles(b: Builder, inputs: LineageInputs): void {
  for (const { dashboard, name, learner } of inputs.dashboards) {
    for (const tile of dashboard.tiles) {
      const id = tileId(dashboard.id, tile.id, learner);
      const ownMetric = learner ? inputs.metrics.find((m) => m.learner && m.metric.id === tile.metricId) : undefined;
      const published = inputs.metrics.find((m) => !m.learner && m.metric.id === tile.metricId);
      const metric = ownMetric ?? published;
      const what = tile.title ?? metric?.metric.name ?? same(tile.metricId ?? tile.id);
      const kind = tile.kind === 'kpi' ? { ko: 'KPI', en: 'KPI' } : { ko: '차트', en: 'chart' };
      addNode(b, {
        id,
        kind: 'tile',
        label: { ko: `${name.ko} › ${what.ko} ${kind.ko}`, en: `${name.en} › ${what.en} ${kind.en}` },
        owner: learner || !metric ? null : metric.metric.owner,
      });
      if (tile.metricId !== undefined) {
        if (metric) addEdge(b, metricId(metric.metric.id, metric.learner), id, 'tile');
        else b.problems.push({ node: id, message: `shows the metric '${tile.metricId}', which is not in the registry` });
        continue;
      }
      const database = tile.database ?? 'hanbit-warehouse';
      let tables: string[];
      try {
        const audit = auditSql(renderMetricSql(tile.sql ?? '', 'month'));
        if (audit.fallback) b.problems.push({ node: id, message: audit.fallback.message });
        tables = audit.tables;
      } catch (e) {
        b.problems.push({ node: id, message: e instanceof Error ? e.message : String(e) });
        tables = auditSql(withoutTemplates(tile.sql ?? '')).tables;
      }
      addReads(b, id, database, tables, learner, 'tile');
    }
  }
}

// ---------------------------------------------------------------- the graph

/** Builds the lineage graph from its inputs; never throws for what it cannot read (see `problems`). */
export function buildLineage(inputs: LineageInputs): LineageGraph {
  const b: Builder = {
    nodes: new Map(),
    edges: new Map(),
    problems: [],
    relations: new Map(),
    models: { reference: new Map(), learner: new Map(), database: new Map() },
  };
  addLake(b, inputs);
  for (const db of inputs.databases) for (const t of db.tables) addRelation(b, 'table', db.id, t.name, t.owner);
  for (const flow of inputs.flows) {
    if (b.nodes.has(flow.from) && b.nodes.has(flow.to)) addEdge(b, flow.from, flow.to, flow.via, flow.detail);
    else b.problems.push({ node: b.nodes.has(flow.from) ? flow.to : flow.from, message: `declared ${flow.via} ${flow.from} → ${flow.to} names a node that is not in the inputs` });
  }
  addPipelines(b, inputs);
  addViews(b, inputs);
  addProjects(b, inputs);
  addMetrics(b, inputs);
  addTiles(b, inputs);
  const edges = [...b.edges.values()];
  // A file a system exports is that system's owners' (the CRM export is the CRM team's, whatever folder it lands in).
  for (const node of b.nodes.values()) {
    if (node.kind !== 'lake-file') continue;
    const owners = new Set(edges.filter((e) => e.to === node.id && e.via === 'export').map((e) => b.nodes.get(e.from)?.owner ?? null));
    const [only] = owners;
    if (owners.size === 1 && only) node.owner = only;
  }
  return { nodes: [...b.nodes.values()], edges, problems: b.problems };
}
