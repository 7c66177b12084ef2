import sqlParser from 'node-sql-parser/build/sqlite.js';
import { identifierValue, isKeyword, type SqlToken } from '../sql/sql-tokens.ts';
import { tokenizeSql } from '../sql/sql-tokens.ts';
import { isPlainName, statementNames } from '../sql/table-references.ts';
import { renderMetricSql } from './render-sql.ts';
import { rewriteWindows } from './window-rewrite.ts';
import type { Grain, Metric } from './schema.ts';

/*
 * A metric's audit trail, the "Auditable" of the 3A: the query it runs and the tables and columns
 * it reads, found by parsing its SQL (node-sql-parser's SQLite grammar) rather than trusting what
 * its author wrote down. CTE names and subquery aliases are not tables; a column is attributed to
 * its table when the query says so (a qualifier) or leaves no doubt (one table in its scope, or
 * the schema knows which table of the scope has it). When the parser cannot read the SQL the audit
 * says so and falls back to the tables named after FROM and JOIN; it never throws.
 */

/** Column names by table name (from the catalog or the engine's schema), to attribute unqualified columns in joins. */
export type TableColumns = Readonly<Record<string, readonly string[]>>;

/** A column a query reads, with its table. */
export interface ColumnRead {
  table: string;
  column: string;
}

/** Why an audit could not use the parser. */
export type AuditFallback = { reason: 'template' | 'parse'; message: string };

/** What a query reads. */
export interface SqlAudit {
  /** True when the parser read the query (tables and columns are then exact); false for the fallback. */
  parsed: boolean;
  /** True when window clauses were rewritten for the parser first (see window-rewrite.ts); what is read is the same. */
  rewritten: boolean;
  /** Tables read (CTE names and subquery aliases removed), in order of name. */
  tables: string[];
  /** Columns read, attributed to their tables, in order of table then column. */
  columns: ColumnRead[];
  /** Column references that could not be attributed to one table (ambiguous or unknown qualifier), as written. */
  unresolved: string[];
  /** Names of the query's common table expressions. */
  ctes: string[];
  /** With a schema: tables the query names that the schema does not have. */
  unknownTables: string[];
  /** Set when the fallback was used, with the parser's (or the template's) words. */
  fallback: AuditFallback | null;
}

/** A metric's audit: the rendered query at a grain and what it reads. */
export interface MetricAudit extends SqlAudit {
  metricId: string;
  grain: Grain;
  database: string;
  /** The SQL that runs (null when the template does not render). */
  sql: string | null;
}

/** Options of an audit. */
export interface AuditOptions {
  /** Known tables and their columns: resolves unqualified columns of joins and lists unknown tables. */
  schema?: TableColumns;
}

type Node = Record<string, unknown>;

interface Source {
  /** The name the scope knows it by (alias, else table name), lowercased. */
  key: string;
  kind: 'table' | 'derived';
  /** The schema table, for kind 'table'. */
  table: string;
}

interface Scope {
  sources: Source[];
  /** Output column aliases of the SELECT (GROUP BY period, ORDER BY value). */
  aliases: Set<string>;
  parent: Scope | null;
}

const { Parser } = sqlParser;
let parser: InstanceType<typeof Parser> | null = null;

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | null {
  if (typeof value === 'string') return value;
  // Newer parser versions wrap some names: { type, value }.
  if (isNode(value) && typeof value.value === 'string') return value.value;
  if (isNode(value) && isNode(value.expr) && typeof value.expr.value === 'string') return value.expr.value;
  return null;
}

/** Walks the AST, keeping scopes, and collects what it reads. */
class Collector {
  readonly tables = new Map<string, string>();
  readonly columns = new Map<string, ColumnRead>();
  readonly unresolved = new Set<string>();
  readonly ctes: string[] = [];
  private readonly schema: Map<string, Set<string>> | null;
  private readonly schemaNames: Map<string, string>;

  constructor(schema: TableColumns | undefined) {
    this.schema = schema
      ? new Map(Object.entries(schema).map(([t, cols]) => [t.toLowerCase(), new Set(cols.map((c) => c.toLowerCase()))]))
      : null;
    this.schemaNames = new Map(Object.keys(schema ?? {}).map((t) => [t.toLowerCase(), t]));
  }

  private addTable(name: string): string {
    const key = name.toLowerCase();
    const shown = this.schemaNames.get(key) ?? this.tables.get(key) ?? name;
    this.tables.set(key, shown);
    return shown;
  }

  private addColumn(table: string, column: string): void {
    const key = `${table.toLowerCase()}\u0000${column.toLowerCase()}`;
    if (!this.columns.has(key)) this.columns.set(key, { table, column });
  }

  statement(node: Node, parent: Scope | null, ctes: Set<string>): void {
    if (node.type === 'select') this.select(node, parent, ctes);
    else this.expr(node, parent ?? { sources: [], aliases: new Set(), parent: null }, ctes);
  }

  private select(node: Node, parent: Scope | null, outerCtes: Set<string>): void {
    const ctes = new Set(outerCtes);
    const withs = Array.isArray(node.with) ? node.with : [];
    for (const w of withs) {
      if (!isNode(w)) continue;
      const name = str(w.name);
      const stmt = isNode(w.stmt) ? (isNode(w.stmt.ast) ? w.stmt.ast : w.stmt) : null;
      // A recursive CTE reads itself: its name is known inside its own body.
      if (name) {
        ctes.add(name.toLowerCase());
        this.ctes.push(name);
      }
      if (stmt) this.statement(stmt, parent, ctes);
    }
    const scope: Scope = { sources: [], aliases: new Set(), parent };
    const from = Array.isArray(node.from) ? node.from : [];
    for (const item of from) {
      if (!isNode(item)) continue;
      const alias = str(item.as);
      const table = str(item.table);
      if (table !== null) {
        if (ctes.has(table.toLowerCase())) scope.sources.push({ key: (alias ?? table).toLowerCase(), kind: 'derived', table });
        else {
          const shown = this.addTable(table);
          scope.sources.push({ key: (alias ?? table).toLowerCase(), kind: 'table', table: shown });
        }
      } else if (isNode(item.expr)) {
        const sub = isNode(item.expr.ast) ? item.expr.ast : item.expr;
        if (sub.type === 'select') this.select(sub, parent, ctes);
        else this.expr(sub, scope, ctes);
        if (alias) scope.sources.push({ key: alias.toLowerCase(), kind: 'derived', table: alias });
      }
    }
    const columns = Array.isArray(node.columns) ? node.columns : [];
    for (const c of columns) {
      const as = isNode(c) ? str(c.as) : null;
      if (as) scope.aliases.add(as.toLowerCase());
    }
    for (const item of from) {
      if (!isNode(item)) continue;
      if (item.on !== undefined) this.expr(item.on, scope, ctes);
      if (Array.isArray(item.using)) for (const u of item.using) this.column(null, str(u), scope, true);
    }
    // The SELECT list cannot use its own aliases; WHERE, GROUP BY, HAVING and ORDER BY can.
    this.expr(node.columns, { ...scope, aliases: new Set() }, ctes);
    for (const [key, value] of Object.entries(node)) {
      if (key === 'with' || key === 'from' || key === 'columns' || key === '_next' || key === 'loc') continue;
      this.expr(value, scope, ctes);
    }
    // UNION / INTERSECT / EXCEPT: the next SELECT has its own scope.
    if (isNode(node._next)) this.statement(node._next, parent, outerCtes);
  }

  private expr(value: unknown, scope: Scope, ctes: Set<string>): void {
    if (Array.isArray(value)) {
      for (const v of value) this.expr(v, scope, ctes);
      return;
    }
    if (!isNode(value)) return;
    if (value.type === 'select') {
      this.select(value, scope, ctes);
      return;
    }
    if (value.type === 'column_ref') {
      this.column(str(value.table), str(value.column), scope, false);
      return;
    }
    for (const [key, v] of Object.entries(value)) {
      if (key === 'tableList' || key === 'columnList' || key === 'loc') continue;
      this.expr(v, scope, ctes);
    }
  }

  private column(qualifier: string | null, column: string | null, scope: Scope, using: boolean): void {
    if (column === null || column === '*' || column === '') return;
    const shown = qualifier ? `${qualifier}.${column}` : column;
    if (qualifier) {
      for (let s: Scope | null = scope; s; s = s.parent) {
        const source = s.sources.find((src) => src.key === qualifier.toLowerCase());
        if (!source) continue;
        // A CTE's or subquery's column: what it reads was collected inside it.
        if (source.kind === 'table') this.addColumn(source.table, column);
        return;
      }
      this.unresolved.add(shown);
      return;
    }
    const name = column.toLowerCase();
    for (let s: Scope | null = scope; s; s = s.parent) {
      if (s.sources.length === 0) continue; // no FROM here (a scalar subquery): the name belongs to an outer scope
      const tables = s.sources.filter((src) => src.kind === 'table');
      const derived = s.sources.some((src) => src.kind === 'derived');
      const known = this.schema;
      if (known) {
        const having = tables.filter((src) => known.get(src.table.toLowerCase())?.has(name));
        const unknown = tables.filter((src) => !known.has(src.table.toLowerCase()));
        if (having.length === 1 || (using && having.length > 1)) {
          for (const src of having) this.addColumn(src.table, column);
          if (unknown.length > 0 && !using) this.unresolved.add(shown);
          return;
        }
        if (having.length > 1) {
          this.unresolved.add(shown);
          return;
        }
        if (s.aliases.has(name)) return;
        if (unknown.length === 1 && s.sources.length === 1) {
          this.addColumn((unknown[0] as Source).table, column);
          return;
        }
        // Not in any table of this scope: a CTE's or subquery's column, or one of an outer query.
        if (derived || unknown.length > 0) {
          if (unknown.length > 0) this.unresolved.add(shown);
          return;
        }
        continue;
      }
      // An output alias (GROUP BY period): not a column of a table.
      if (s.aliases.has(name)) return;
      if (s.sources.length === 1) {
        if (tables.length === 1) this.addColumn((tables[0] as Source).table, column);
        return;
      }
      if (using) for (const src of tables) this.addColumn(src.table, column);
      else this.unresolved.add(shown);
      return;
    }
    this.unresolved.add(shown);
  }
}

function sortedColumns(columns: Iterable<ColumnRead>): ColumnRead[] {
  return [...columns].sort((a, b) => a.table.localeCompare(b.table) || a.column.localeCompare(b.column));
}

/** CTE names from tokens: `WITH [RECURSIVE] name [(cols)] AS (` and `, name [(cols)] AS (` after it. */
function cteNames(tokens: SqlToken[]): string[] {
  const out: string[] = [];
  let inWith = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as SqlToken;
    if (isKeyword(t, 'WITH')) {
      inWith = true;
      if (isKeyword(tokens[i + 1], 'RECURSIVE')) i++;
      continue;
    }
    if (!inWith || !isPlainName(t)) continue;
    const prev = tokens[i - 1];
    if (!(prev?.text === ',' || isKeyword(prev, 'WITH') || isKeyword(prev, 'RECURSIVE'))) continue;
    let j = i + 1;
    if (tokens[j]?.text === '(') j = tokens.findIndex((x, k) => k > j && x.text === ')') + 1;
    if (
      j > 0 &&
      isKeyword(tokens[j], 'AS') &&
      (tokens[j + 1]?.text === '(' || isKeyword(tokens[j + 1], 'MATERIALIZED') || isKeyword(tokens[j + 1], 'NOT'))
    ) {
      out.push(identifierValue(t));
    }
  }
  return out;
}

/** Tables named after FROM or JOIN, from tokens alone: the fallback when the parser cannot read the SQL. */
function tokenTables(sql: string, schema: TableColumns | undefined): { tables: string[]; ctes: string[] } {
  const tokens = tokenizeSql(sql);
  const names = statementNames(tokens, Object.keys(schema ?? {}));
  const ctes = cteNames(tokens);
  // statementNames' derived names include expression aliases (`f(x) AS period`): fine to exclude, not to report.
  const derived = new Set([...names.derived, ...ctes].map((d) => d.toLowerCase()));
  const found = new Map<string, string>();
  if (schema) for (const ref of names.tables) found.set(ref.table.toLowerCase(), ref.table);
  else {
    tokens.forEach((t: SqlToken, i) => {
      if (!(isKeyword(t, 'FROM') || isKeyword(t, 'JOIN'))) return;
      let j = i + 1;
      for (;;) {
        const name = tokens[j];
        if (!isPlainName(name) || tokens[j + 1]?.text === '(') return;
        // `schema.table`: the table is the part after the dot.
        const table = tokens[j + 1]?.text === '.' && isPlainName(tokens[j + 2]) ? (tokens[j + 2] as SqlToken) : name;
        const value = identifierValue(table);
        if (!derived.has(value.toLowerCase())) found.set(value.toLowerCase(), value);
        // A comma-separated FROM list: `FROM a x, b y`.
        j = tokens.indexOf(table) + 1;
        if (isKeyword(tokens[j], 'AS')) j++;
        if (isPlainName(tokens[j]) && tokens[j + 1]?.text !== '(') j++;
        if (tokens[j]?.text !== ',' || !isKeyword(t, 'FROM')) return;
        j++;
      }
    });
  }
  return { tables: [...found.values()].sort((a, b) => a.localeCompare(b)), ctes };
}

function unknownTables(tables: string[], schema: TableColumns | undefined): string[] {
  if (!schema) return [];
  const known = new Set(Object.keys(schema).map((t) => t.toLowerCase()));
  return tables.filter((t) => !known.has(t.toLowerCase()));
}

/** What plain SQL (no template) reads: tables and columns by parsing it, or the token fallback with the parser's message. */
export function auditSql(sql: string, options: AuditOptions = {}): SqlAudit {
  let ast: unknown;
  let rewritten = false;
  try {
    parser ??= new Parser();
    try {
      ast = parser.astify(sql, { database: 'sqlite' });
    } catch (e) {
      // The grammar lacks most window clauses: read the same columns from a rewrite, else report the first failure.
      const relaxed = rewriteWindows(sql);
      if (relaxed === null) throw e;
      try {
        ast = parser.astify(relaxed, { database: 'sqlite' });
        rewritten = true;
      } catch {
        throw e;
      }
    }
  } catch (e) {
    const { tables, ctes } = tokenTables(sql, options.schema);
    const message = e instanceof Error ? e.message : String(e);
    return {
      parsed: false,
      rewritten: false,
      tables,
      columns: [],
      unresolved: [],
      ctes,
      unknownTables: unknownTables(tables, options.schema),
      fallback: { reason: 'parse', message: message.length > 300 ? `${message.slice(0, 300)}…` : message },
    };
  }
  const collector = new Collector(options.schema);
  for (const statement of Array.isArray(ast) ? ast : [ast]) if (isNode(statement)) collector.statement(statement, null, new Set());
  const tables = [...collector.tables.values()].sort((a, b) => a.localeCompare(b));
  return {
    parsed: true,
    rewritten,
    tables,
    columns: sortedColumns(collector.columns.values()),
    unresolved: [...collector.unresolved].sort(),
    ctes: collector.ctes,
    unknownTables: unknownTables(tables, options.schema),
    fallback: null,
  };
}

/** The tables a query reads (CTE names and subquery aliases removed), parsed, or by tokens when the parser cannot read it. */
export function tablesRead(sql: string, options: AuditOptions = {}): string[] {
  return auditSql(sql, options).tables;
}

/** A metric's audit trail at a grain (default month): the SQL that runs and the tables and columns it reads. */
export function auditMetric(metric: Metric, options: AuditOptions & { grain?: Grain } = {}): MetricAudit {
  const grain = options.grain ?? 'month';
  const base = { metricId: metric.id, grain, database: metric.database };
  let sql: string;
  try {
    sql = renderMetricSql(metric.sql, grain);
  } catch (e) {
    // The template does not render: read the tables from the template's text, which names them all the same.
    const { tables, ctes } = tokenTables(metric.sql.replace(/\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g, 'NULL'), options.schema);
    return {
      ...base,
      sql: null,
      parsed: false,
      rewritten: false,
      tables,
      columns: [],
      unresolved: [],
      ctes,
      unknownTables: unknownTables(tables, options.schema),
      fallback: { reason: 'template', message: e instanceof Error ? e.message : String(e) },
    };
  }
  return { ...base, sql, ...auditSql(sql, options) };
}
