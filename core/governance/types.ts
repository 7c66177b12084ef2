import type { Localized, PiiClass } from '../datasets/catalog.ts';

/*
 * The shared vocabulary of the governance tools (issue 13): the PII catalogue, quality checks and
 * their runs, the lineage graph and an impact, and a masked view's check. Pure data, no behaviour:
 * core/governance/* computes these, the workers carry them, renderer/features/governance shows them.
 * Extend additively.
 */

export type { PiiClass } from '../datasets/catalog.ts';

// ---------------------------------------------------------------- PII catalogue

/** Where a catalogued column lives. */
export type CatalogueLayer = 'production' | 'lake' | 'warehouse' | 'experiments';

/**
 * One column (or lake field) of the catalogue. `key` is stable and readable:
 * `<database id>.<table>.<column>` for a database ('hanbit-prod.customers.email'),
 * `lake:<folder or file pattern>.<field>` for a lake file ('lake:exports/crm_customers_*.csv.이메일').
 */
export interface CatalogueEntry {
  key: string;
  layer: CatalogueLayer;
  /** Database id, or the lake path pattern. */
  source: string;
  table: string;
  column: string;
  description: Localized;
  /** Owner team id (TEAMS in datasets/hanbit/dictionary.ts). */
  owner: string;
  /** The reference class (the data dictionary's). */
  reference: PiiClass;
  /** Why the reference class is right for this column, in both languages. */
  reason: Localized;
}

/** The learner's tag of a column compared with the reference. */
export interface TagComparison {
  key: string;
  /** The learner's tag; null when untagged. */
  yours: PiiClass | null;
  reference: PiiClass;
  agrees: boolean;
  /** The reference's reason, shown for every difference. */
  reason: Localized;
}

// ---------------------------------------------------------------- quality checks

/** The check types (Soda's metric names; dbt's generic tests map onto them). */
export type QualityCheckType =
  | 'row_count'
  | 'missing_count'
  | 'duplicate_count'
  | 'invalid_count'
  | 'freshness'
  | 'relationships'
  | 'custom_sql';

/** A check's outcome: warn and fail come from the check's `warn:` / `fail:` thresholds; error when it could not run. */
export type CheckOutcome = 'pass' | 'warn' | 'fail' | 'error';

/** One check as parsed from the YAML, with the line it was written on. */
export interface QualityCheck {
  /** Stable id: `<dataset>/<table>/<n>` or the check's `name:`. */
  id: string;
  /** Database id or `lake:<path pattern>`. */
  dataset: string;
  table: string;
  type: QualityCheckType;
  column: string | null;
  /** The check as written ('missing_count(email) = 0'), shown in results. */
  text: string;
  /** 1-based line in the YAML. */
  line: number;
}

/** Rows of a result, as the results grid shows them. */
export interface RowSample {
  columns: string[];
  rows: (string | number | null)[][];
}

/** One check's result in a run. */
export interface CheckResult {
  check: QualityCheck;
  outcome: CheckOutcome;
  /** The measured value (a count, hours since the newest row …); null on error. */
  value: number | null;
  /** The number of failing rows (0 for a passing check; for row_count and freshness, 0). */
  failingCount: number;
  /** Up to 100 failing rows, with the columns that show why. */
  failingRows: RowSample;
  /** The SQL that measured it (shown under the result). */
  sql: string;
  /** Why it failed, warned or errored, in both languages. */
  message: Localized | null;
}

/** One run of a check file. */
export interface QualityRun {
  results: CheckResult[];
  /** Problems of the YAML itself (with lines); nothing ran when there are any. */
  problems: { line: number; message: Localized }[];
  /** Simulated day the run is 'as of' (YYYY-MM-DD); null for the data as a whole. */
  asOf: string | null;
  elapsedMs: number;
}

/** The check history: every check's outcome on each simulated day of the dataset. */
export interface QualityHistory {
  days: string[];
  /** By check id, one entry per day (same order as days). */
  outcomes: Record<string, { outcome: CheckOutcome; value: number | null; failingCount: number }[]>;
  /**
   * By check id, the first day its outcome turned warn or fail after at least one day that passed
   * with rows in its table (the day the source broke), or null. A day with no rows is no evidence.
   */
  brokeOn: Record<string, string | null>;
  /**
   * By check id, the first day with rows in its table when the check already warned or failed on
   * it (failing from the start: nothing broke, the problem was there from its first rows), or null.
   * Optional for histories made before it existed.
   */
  failingSince?: Record<string, string | null>;
}

// ---------------------------------------------------------------- lineage and impact

/** What a lineage node is. */
export type LineageNodeKind = 'lake-file' | 'table' | 'view' | 'model' | 'metric' | 'tile';

/**
 * One node. Ids are typed and readable: 'lake:events/*.jsonl.gz', 'table:hanbit-warehouse.fact_orders',
 * 'view:hanbit-warehouse.v_x', 'model:mart_orders', 'metric:net-revenue', 'tile:<dashboard id>/<tile id>'.
 */
export interface LineageNode {
  id: string;
  kind: LineageNodeKind;
  label: Localized;
  /** Owner team id; null when nobody owns it (a learner's own object). */
  owner: string | null;
  /** Database id, for tables and views. */
  database?: string;
}

/**
 * How an edge was derived: `extract` a pipeline's extract task (lake file → staging table), `sql` a
 * parsed SQL statement (INSERT … SELECT, CREATE TABLE AS), `view` a parsed CREATE VIEW, `ref` /
 * `source` a model's ref() / source(), `metric` a metric's parsed SQL, `tile` a dashboard tile;
 * `export` a system dumping its tables to a lake file (the CRM export of production customers) and
 * `load` the warehouse load written in code rather than SQL (datasets/hanbit/etl.ts, ETL-RULES.md):
 * declared, not parsed.
 */
export type LineageEdgeVia = 'extract' | 'sql' | 'view' | 'ref' | 'source' | 'metric' | 'tile' | 'export' | 'load';

/** Data flows from `from` to `to`. */
export interface LineageEdge {
  from: string;
  to: string;
  via: LineageEdgeVia;
  /** Where the edge was read from, language-neutral: a pipeline task id, a model's file, the ETL rules of a load. */
  detail?: string;
}

/** The whole graph, with what could not be parsed (its node and the parser's message). */
export interface LineageGraph {
  nodes: LineageNode[];
  edges: LineageEdge[];
  problems: { node: string; message: string }[];
}

/** Everything downstream of a broken source. */
export interface Impact {
  source: string;
  /** Downstream nodes, nearest first, each with one path from the source. */
  affected: { node: string; depth: number; path: string[] }[];
  /** Owner teams of the affected nodes (and the source's), with their nodes. */
  owners: { team: string; nodes: string[] }[];
}

// ---------------------------------------------------------------- masked views

/** The result of checking a masked view. */
export interface MaskCheck {
  view: string;
  passed: boolean;
  /** Direct identifiers still in the view: by column lineage ('email' from customers.email) or by value (a raw value found). */
  directLeft: { column: string; source: string; how: 'lineage' | 'value' }[];
  /** Id columns whose values are raw ids rather than pseudonyms. */
  rawIds: string[];
  /** Row counts: the view's and the base table's (they must reconcile). */
  rows: { view: number; base: number; reconciles: boolean };
  /** The quasi-identifiers found in the view, and k (the smallest group over them). */
  quasi: string[];
  k: number;
  /** The smallest groups (values of the quasi-identifiers and their size), smallest first, at most 20. */
  smallestGroups: { values: Record<string, string | number | null>; count: number }[];
  messages: Localized[];
}
