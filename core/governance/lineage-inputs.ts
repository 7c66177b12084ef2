import type { Catalog, Localized } from '../datasets/catalog.ts';
import { EXPERIMENT_TABLES, PRODUCTION_TABLES, TEAMS, WAREHOUSE_TABLES } from '../../datasets/hanbit/dictionary.ts';
import { HANBIT_METRICS } from '../metrics/hanbit-metrics.ts';
import type { Dashboard, Metric } from '../metrics/schema.ts';
import { STARTER_NAME, starterDashboard } from '../metrics/starter-dashboard.ts';
import type { ModelProjectFiles } from '../models/project.ts';
import { PipelineSchema, type Pipeline } from '../pipeline/schema.ts';

/*
 * What the lineage is built from, as plain data (so the renderer gathers it, a worker or Node
 * builds the graph, and the grader builds the same graph from the same reference files), and the
 * facts of Hanbit's data flow that no SQL states. No parser here: this module is safe on the
 * renderer's main thread.
 *
 * The honest story of Hanbit's data (datasets/hanbit/*.ts, ETL-RULES.md):
 * - The production database is where orders, payments and customers are born; nothing feeds it.
 * - The CRM team's customer export (exports/crm_customers_*.csv) is a dump of its production
 *   customers with their latest address (plus the marketing consent only the CRM tool keeps): so
 *   production customers and addresses flow INTO the lake file (`export`), not the other way.
 * - The reference ETL pipeline (lessons/_reference/pipeline) loads the lake's logs and the spend
 *   CSVs into the warehouse; its SQL is parsed. It finds the test accounts in the CRM export.
 * - The rest of the warehouse (customers, products, orders and their lines, the experiment copies,
 *   the rejects of those) is loaded by code (datasets/hanbit/etl.ts) from production and the
 *   experiment platform: declared below as `load` edges, each with the rules it implements.
 * - dbt models read the warehouse, metrics read the warehouse, tiles show metrics.
 */

/** A table of a database, with its owner team (null: nobody's, a learner's own). */
export interface LineageTableInput {
  name: string;
  owner: string | null;
}

/** A catalog database and its tables. */
export interface LineageDatabaseInput {
  id: string;
  tables: LineageTableInput[];
}

/** One kind of lake file: a folder and a file-name pattern ('crm_customers_*.csv'), and the files it covers when known. */
export interface LakeGroupInput {
  /** Folder relative to the lake root ('exports'). */
  folder: string;
  /** File names with their dates as '*'. */
  pattern: string;
  owner: string | null;
  /** The folder's title. */
  title: Localized;
  /** The files' names within the folder, when known (the catalog lists them). */
  files?: string[];
}

/** A flow no SQL states: a system's export to the lake, or the warehouse load written in code. */
export interface DeclaredFlow {
  from: string;
  to: string;
  via: 'export' | 'load';
  detail: string;
}

/** An ETL pipeline, the database it loads and the team that runs it. */
export interface PipelineLineageInput {
  pipeline: Pipeline;
  database: string;
  owner: string | null;
}

/** A model project; `learner` marks the learner's own (ids 'model:learner/<name>', no owner). */
export interface ProjectLineageInput {
  files: ModelProjectFiles;
  owner: string | null;
  learner: boolean;
}

/** A CREATE VIEW statement on a database (sqlite_master's, or a learner's masked view). */
export interface ViewLineageInput {
  database: string;
  sql: string;
  owner: string | null;
  learner: boolean;
}

/** A metric; the learner's own or edited copies are `learner` (ids 'metric:learner/<id>', no owner). */
export interface MetricLineageInput {
  metric: Metric;
  learner: boolean;
}

/** A dashboard; the learner's are `learner` (tile ids 'tile:learner/<dashboard>/<tile>', no owner). */
export interface DashboardLineageInput {
  dashboard: Dashboard;
  /** The dashboard's name in both languages (a stored dashboard has one name: used for both). */
  name: Localized;
  learner: boolean;
}

/** Everything the lineage graph is built from. */
export interface LineageInputs {
  databases: LineageDatabaseInput[];
  lake: LakeGroupInput[];
  flows: DeclaredFlow[];
  pipelines: PipelineLineageInput[];
  projects: ProjectLineageInput[];
  views: ViewLineageInput[];
  metrics: MetricLineageInput[];
  dashboards: DashboardLineageInput[];
}

// ---------------------------------------------------------------- ids

/** A table's node id. */
export function tableId(database: string, table: string): string {
  return `table:${database}.${table}`;
}

/** A view's node id. */
export function viewId(database: string, view: string): string {
  return `view:${database}.${view}`;
}

/** A lake group's node id ('lake:exports/crm_customers_*.csv'). */
export function lakeId(folder: string, pattern: string): string {
  return `lake:${folder}/${pattern}`;
}

/** A model's node id. */
export function modelId(name: string, learner: boolean): string {
  return learner ? `model:learner/${name}` : `model:${name}`;
}

/** A metric's node id. */
export function metricId(id: string, learner: boolean): string {
  return learner ? `metric:learner/${id}` : `metric:${id}`;
}

/** A dashboard tile's node id. */
export function tileId(dashboard: string, tile: string, learner: boolean): string {
  return learner ? `tile:learner/${dashboard}/${tile}` : `tile:${dashboard}/${tile}`;
}

// ---------------------------------------------------------------- lake groups

/** A lake file's name with its date as '*': '2025-01.jsonl.gz' → '*.jsonl.gz', 'crm_customers_2025-12-31.csv' → 'crm_customers_*.csv'. */
export function lakePattern(fileName: string): string {
  return fileName.replace(/\d{4}-\d{2}(?:-\d{2})?/g, '*');
}

/** The catalog's lake folders as groups of files of one kind (one node each). */
export function lakeGroupsFromCatalog(catalog: Pick<Catalog, 'lake'>): LakeGroupInput[] {
  const groups: LakeGroupInput[] = [];
  for (const folder of catalog.lake) {
    if (folder.size !== 'small') continue;
    // 'lake/hanbit/events' → 'events': lineage speaks in paths relative to the lake root, as pipelines do.
    const name = folder.path.split('/').slice(2).join('/') || folder.path;
    for (const file of folder.files) {
      const pattern = lakePattern(file.name);
      let group = groups.find((g) => g.folder === name && g.pattern === pattern);
      if (!group) {
        group = { folder: name, pattern, owner: folder.owner, title: folder.title, files: [] };
        groups.push(group);
      }
      group.files?.push(file.name);
    }
  }
  return groups;
}

/**
 * Hanbit's small lake by kind of file, for where the catalog is not at hand (the grader): the
 * same folders, patterns, owners and titles as lakeGroupsFromCatalog gives from catalog.json
 * (tests/core/governance/lineage-hanbit.spec.ts keeps them equal).
 */
export const HANBIT_LAKE: readonly LakeGroupInput[] = [
  { folder: 'events', pattern: '*.jsonl.gz', owner: 'data-platform', title: { ko: '앱·웹 이벤트 로그', en: 'App and web events' } },
  { folder: 'search', pattern: 'clicks-*.jsonl.gz', owner: 'search', title: { ko: '검색 로그와 클릭 로그', en: 'Search and click logs' } },
  { folder: 'search', pattern: 'searches-*.jsonl.gz', owner: 'search', title: { ko: '검색 로그와 클릭 로그', en: 'Search and click logs' } },
  { folder: 'exports', pattern: 'crm_customers_*.csv', owner: 'marketing', title: { ko: 'CSV 내보내기', en: 'CSV exports' } },
  { folder: 'exports', pattern: 'marketing_spend_*.csv', owner: 'marketing', title: { ko: 'CSV 내보내기', en: 'CSV exports' } },
  { folder: 'access-logs', pattern: 'access-*.log.gz', owner: 'infra', title: { ko: '웹 서버 접근 로그', en: 'Web server access logs' } },
];

// ---------------------------------------------------------------- Hanbit's declared flows

const PROD = 'hanbit-prod';
const WAREHOUSE = 'hanbit-warehouse';
const EXPERIMENTS = 'hanbit-experiments';
const CRM_EXPORT = lakeId('exports', 'crm_customers_*.csv');

function loads(target: string, from: string[], rules: string): DeclaredFlow[] {
  return from.map((f) => ({ from: f, to: tableId(WAREHOUSE, target), via: 'load' as const, detail: `datasets/hanbit/etl.ts, ETL-RULES.md ${rules}` }));
}

/**
 * The flows of Hanbit's data that are code, not SQL: the CRM export of production customers, and
 * the warehouse tables datasets/hanbit/etl.ts loads from production, the CRM export and the
 * experiment platform (the tables the reference pipeline loads are parsed from it instead).
 */
export const HANBIT_FLOWS: readonly DeclaredFlow[] = [
  { from: tableId(PROD, 'customers'), to: CRM_EXPORT, via: 'export', detail: 'datasets/hanbit/lake.ts writeCrmExport' },
  { from: tableId(PROD, 'addresses'), to: CRM_EXPORT, via: 'export', detail: 'datasets/hanbit/lake.ts writeCrmExport' },
  ...loads('dim_customer', [tableId(PROD, 'customers'), tableId(PROD, 'addresses'), CRM_EXPORT], 'rules 1, 3, 9'),
  ...loads(
    'dim_product',
    [tableId(PROD, 'products'), tableId(PROD, 'categories'), tableId(PROD, 'order_items'), tableId(PROD, 'orders')],
    'rule 7',
  ),
  ...loads(
    'fact_orders',
    [tableId(PROD, 'orders'), tableId(PROD, 'payments'), tableId(PROD, 'refunds'), tableId(PROD, 'order_items'), tableId(PROD, 'customers'), tableId(PROD, 'addresses')],
    'rules 1, 3-6',
  ),
  ...loads('fact_order_items', [tableId(PROD, 'order_items'), tableId(PROD, 'orders'), tableId(PROD, 'customers')], 'rules 1, 2, 5'),
  ...loads(
    'etl_rejects',
    [tableId(PROD, 'customers'), tableId(PROD, 'orders'), tableId(PROD, 'payments'), tableId(PROD, 'order_items'), CRM_EXPORT],
    'rules 1, 2, 4, 9',
  ),
  ...loads('exp_experiments', [tableId(EXPERIMENTS, 'experiments')], 'rule 14'),
  ...loads('exp_assignments', [tableId(EXPERIMENTS, 'assignments')], 'rule 14'),
  ...loads('exp_outcomes', [tableId(EXPERIMENTS, 'outcomes')], 'rule 14'),
];

/** The databases of Hanbit's lineage: production, warehouse, experiment platform (not the empty practice copy nor the demo). */
export const HANBIT_DATABASES = [PROD, WAREHOUSE, EXPERIMENTS] as const;

/** Hanbit's databases from the data dictionary (the catalog is written from it): the grader's source of owners. */
export function hanbitDatabasesFromDictionary(): LineageDatabaseInput[] {
  const tables = (list: typeof PRODUCTION_TABLES) => list.map((t) => ({ name: t.name, owner: t.owner }));
  return [
    { id: PROD, tables: tables(PRODUCTION_TABLES) },
    { id: WAREHOUSE, tables: tables(WAREHOUSE_TABLES) },
    { id: EXPERIMENTS, tables: tables(EXPERIMENT_TABLES) },
  ];
}

/** Hanbit's databases from the catalog. */
export function hanbitDatabasesFromCatalog(catalog: Pick<Catalog, 'databases'>): LineageDatabaseInput[] {
  return HANBIT_DATABASES.flatMap((id) => {
    const db = catalog.databases.find((d) => d.id === id);
    return db ? [{ id, tables: db.tables.map((t) => ({ name: t.name, owner: t.owner })) }] : [];
  });
}

// ---------------------------------------------------------------- the reference inputs

/** Where the reference files live under lessons/. */
export const REFERENCE_PIPELINE_PATH = '_reference/pipeline/hanbit-etl.pipeline.json';
/** The reference dbt project's folder under lessons/. */
export const REFERENCE_PROJECT_FOLDER = '_reference/dbt/hanbit';

/**
 * The data platform team runs the reference ETL and the reference dbt project: the catalog gives
 * them the warehouse tables these build, so the intermediate tables and the models are theirs too.
 */
export const REFERENCE_PIPELINE_OWNER = 'data-platform';

/** The reference files a lineage is built from: the ETL pipeline (its JSON) and the dbt project (its files). */
export interface ReferenceFiles {
  pipeline: unknown;
  project: ModelProjectFiles;
}

/**
 * The company's lineage inputs (no learner objects): databases and lake from the catalog when given
 * (else the data dictionary and HANBIT_LAKE), the declared flows, the reference pipeline loading the
 * warehouse, the reference dbt project, the published metrics and the starter dashboard.
 */
export function referenceLineageInputs(files: ReferenceFiles, catalog?: Pick<Catalog, 'databases' | 'lake'>): LineageInputs {
  const pipeline = PipelineSchema.parse(files.pipeline);
  return {
    databases: catalog ? hanbitDatabasesFromCatalog(catalog) : hanbitDatabasesFromDictionary(),
    lake: catalog ? lakeGroupsFromCatalog(catalog) : HANBIT_LAKE.map((g) => ({ ...g })),
    flows: [...HANBIT_FLOWS],
    // The pipeline's own database is the empty practice copy the lesson loads; what it documents is how the warehouse is loaded.
    pipelines: [{ pipeline, database: WAREHOUSE, owner: REFERENCE_PIPELINE_OWNER }],
    projects: [{ files: files.project, owner: REFERENCE_PIPELINE_OWNER, learner: false }],
    views: [],
    metrics: HANBIT_METRICS.map((metric) => ({ metric, learner: false })),
    dashboards: [{ dashboard: starterDashboard('ko'), name: { ...STARTER_NAME }, learner: false }],
  };
}

/** The owner teams' names (TEAMS of the data dictionary). */
export const LINEAGE_TEAMS: Readonly<Record<string, Localized>> = TEAMS;
