import sqlParser from 'node-sql-parser/build/sqlite.js';
import { rewriteWindows, WINDOW_STANDIN } from '../metrics/window-rewrite.ts';
import { PSEUDONYM_FUNCTION } from './mask-pseudonym.ts';

/*
 * Column lineage of a query's RESULT: for each output column, the base-table columns whose values
 * reach it, and whether they reach it as they are ('raw') or only through pseudonym() ('keyed').
 * `SELECT *` and `t.*` are expanded from the schema; aliases, subqueries in FROM, scalar subqueries,
 * CTEs, UNION branches and views (their stored SQL, parsed in turn) are followed. What cannot carry
 * a value into the result does not count: a column only compared (`email IS NULL`, `x = 1`), only
 * counted (`count(email)`), measured (`length(phone)`) or used in a CASE's WHEN. Everything else
 * passes the value through (`lower(email)`, `'x' || phone`, `substr(name, 1, 1)`, `CAST`), because
 * a function an analyst can undo or read through still leaks. Apart from that, `reads` lists every
 * column an output reads at all (a CASE's WHEN included): a generalised quasi-identifier for k. Node-only / worker-only: it loads
 * node-sql-parser (SQLite build), never on the main thread.
 */

/** A base column reaching an output column. */
export interface ColumnSource {
  table: string;
  column: string;
  /** 'raw' when the value (or a readable transform of it) reaches the result; 'keyed' when only pseudonym() of it does. */
  via: 'raw' | 'keyed';
}

/** One column of a result and where its values come from. */
export interface OutputColumn {
  name: string;
  sources: ColumnSource[];
  /**
   * Every base column its expression reads anywhere: the value-carrying sources plus what is only
   * tested or measured (a CASE's WHEN, `birth_date < '1980-01-01'`, `length(phone)`, `count(email)`).
   * A column generalised from a quasi-identifier is still one for k-anonymity, though its value is
   * not the identifier's. Optional for lineages made before it existed (then: `sources`).
   */
  reads?: ColumnSource[];
}

/** What the resolver knows about the database: tables with their columns, and views with their CREATE VIEW text. */
export interface LineageSchema {
  tables: Readonly<Record<string, readonly string[]>>;
  views?: Readonly<Record<string, string>>;
}

/** The lineage of each statement that returns rows (a CREATE VIEW reports its SELECT), or the parser's error. */
export interface StatementLineage {
  /** 0-based index among the parsed statements. */
  index: number;
  /** The view it creates, for CREATE VIEW; null for a query. */
  createsView: string | null;
  columns: OutputColumn[];
  /** Tables and views the statement reads (lowercased, CTE names excluded). */
  reads: string[];
}

/** The outcome of a lineage parse. */
export type LineageResult = { ok: true; statements: StatementLineage[] } | { ok: false; error: string };

type Node = Record<string, unknown>;
/** 'read': every column the expression touches, values or not (OutputColumn.reads). */
type Mode = 'raw' | 'keyed' | 'read';

interface Source {
  key: string;
  columns: OutputColumn[];
  /** A base table whose columns the schema does not list: unknown columns are attributed to it. */
  openTable: string | null;
}

interface Scope {
  sources: Source[];
  parent: Scope | null;
}

const { Parser } = sqlParser;
let parser: InstanceType<typeof Parser> | null = null;

/** Functions whose result carries nothing of the argument's value. */
const OPAQUE_FUNCTIONS = new Set([
  'length',
  'typeof',
  'count',
  'octet_length',
  WINDOW_STANDIN,
  'row_number',
  'rank',
  'dense_rank',
  'ntile',
]);
/** Operators that yield a truth value, not the operands. */
const PREDICATES = new Set([
  '=',
  '==',
  '!=',
  '<>',
  '<',
  '>',
  '<=',
  '>=',
  'IS',
  'IS NOT',
  'LIKE',
  'NOT LIKE',
  'GLOB',
  'NOT GLOB',
  'IN',
  'NOT IN',
  'BETWEEN',
  'NOT BETWEEN',
  'AND',
  'OR',
  'REGEXP',
  'MATCH',
  'EXISTS',
  'NOT EXISTS',
]);
const MAX_VIEW_DEPTH = 16;

function isNode(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (isNode(v) && typeof v.value === 'string') return v.value;
  if (isNode(v) && isNode(v.expr) && typeof v.expr.value === 'string') return v.expr.value;
  return null;
}

function functionName(node: Node): string {
  const name = node.name;
  if (typeof name === 'string') return name.toLowerCase();
  if (isNode(name) && Array.isArray(name.name))
    return name.name
      .map((p) => str(p) ?? '')
      .join('.')
      .toLowerCase();
  return '';
}

function dedupe(sources: ColumnSource[]): ColumnSource[] {
  const seen = new Map<string, ColumnSource>();
  for (const s of sources) {
    const key = `${s.table.toLowerCase()}\u0000${s.column.toLowerCase()}\u0000${s.via}`;
    if (!seen.has(key)) seen.set(key, s);
  }
  return [...seen.values()];
}

/** What a column reads anywhere (its sources, for a column made before `reads` existed). */
export function readsOf(col: OutputColumn): ColumnSource[] {
  return col.reads ?? col.sources;
}

function keyedAll(sources: ColumnSource[]): ColumnSource[] {
  return sources.map((s) => ({ ...s, via: 'keyed' as const }));
}

function subqueryAst(v: Node): Node | null {
  if (v.type === 'select') return v;
  if (isNode(v.ast) && v.ast.type === 'select') return v.ast;
  return null;
}

class Resolver {
  readonly reads = new Set<string>();
  private readonly tables: Map<string, { name: string; columns: readonly string[] }>;
  private readonly views: Map<string, string>;
  private readonly viewCache = new Map<string, OutputColumn[]>();
  private depth = 0;

  constructor(schema: LineageSchema) {
    this.tables = new Map(Object.entries(schema.tables).map(([name, columns]) => [name.toLowerCase(), { name, columns }]));
    this.views = new Map(Object.entries(schema.views ?? {}).map(([name, sql]) => [name.toLowerCase(), sql]));
  }

  /** The columns a SELECT returns; `filterReads` (a scalar subquery's) collects what its WHERE and HAVING read. */
  select(node: Node, parent: Scope | null, outerCtes: Map<string, OutputColumn[]>, filterReads?: ColumnSource[]): OutputColumn[] {
    const ctes = new Map(outerCtes);
    for (const w of Array.isArray(node.with) ? node.with : []) {
      if (!isNode(w)) continue;
      const name = str(w.name);
      const stmt = isNode(w.stmt) ? subqueryAst(w.stmt) : null;
      if (!name || !stmt) continue;
      // A recursive CTE reads itself: known (as empty) inside its own body.
      ctes.set(name.toLowerCase(), []);
      let cols = this.select(stmt, parent, ctes);
      const renamed = Array.isArray(w.columns) ? w.columns.map((c) => str(c)) : [];
      if (renamed.length > 0) cols = cols.map((c, i) => ({ ...c, name: renamed[i] ?? c.name }));
      ctes.set(name.toLowerCase(), cols);
    }
    const scope: Scope = { sources: [], parent };
    const joined: { on: unknown; src: Source }[] = [];
    for (const item of Array.isArray(node.from) ? node.from : []) {
      if (!isNode(item)) continue;
      const before = scope.sources.length;
      const alias = str(item.as);
      const table = str(item.table);
      if (table !== null) {
        const lower = table.toLowerCase();
        const key = (alias ?? table).toLowerCase();
        const cte = ctes.get(lower);
        if (cte) scope.sources.push({ key, columns: cte, openTable: null });
        else scope.sources.push(this.tableSource(table, key));
      } else if (isNode(item.expr)) {
        const sub = subqueryAst(item.expr);
        const cols = sub ? this.select(sub, parent, ctes) : [];
        scope.sources.push({ key: (alias ?? '').toLowerCase(), columns: cols, openTable: null });
      }
      const src = scope.sources[before];
      if (src && item.on !== undefined && item.on !== null) joined.push({ on: item.on, src });
    }
    // A table joined ON a condition is looked up by it (a band table joined on a birth date): its
    // columns read what the condition reads (values of the condition do not reach them: reads only).
    for (const { on, src } of joined) {
      const reads = dedupe(this.expr(on, scope, ctes, 'read'));
      if (reads.length > 0) src.columns = src.columns.map((c) => ({ ...c, reads: dedupe([...readsOf(c), ...reads]) }));
    }
    if (filterReads) for (const clause of [node.where, node.having]) filterReads.push(...this.expr(clause, scope, ctes, 'read'));
    const out: OutputColumn[] = [];
    const columns = node.columns;
    const items = Array.isArray(columns) ? columns : columns === '*' ? [{ expr: { type: 'column_ref', table: null, column: '*' } }] : [];
    for (const item of items) {
      if (!isNode(item) || !isNode(item.expr)) continue;
      const expr = item.expr;
      if (expr.type === 'column_ref' && str(expr.column) === '*') {
        const qualifier = str(expr.table)?.toLowerCase() ?? null;
        for (const src of scope.sources) if (qualifier === null || src.key === qualifier) out.push(...src.columns);
        continue;
      }
      const as = str(item.as);
      const name = as ?? (expr.type === 'column_ref' ? (str(expr.column) ?? '?') : `column ${out.length + 1}`);
      out.push({ name, sources: dedupe(this.expr(expr, scope, ctes, 'raw')), reads: dedupe(this.expr(expr, scope, ctes, 'read')) });
    }
    // UNION / INTERSECT / EXCEPT: a column's values come from every branch at its position.
    if (isNode(node._next)) {
      const next = this.select(node._next, parent, outerCtes);
      out.forEach((c, i) => {
        const other = next[i];
        if (other) {
          c.sources = dedupe([...c.sources, ...other.sources]);
          c.reads = dedupe([...readsOf(c), ...readsOf(other)]);
        }
      });
    }
    return out;
  }

  private tableSource(table: string, key: string): Source {
    const lower = table.toLowerCase();
    this.reads.add(lower);
    const view = this.views.get(lower);
    if (view !== undefined) return { key, columns: this.viewColumns(lower, view), openTable: null };
    const known = this.tables.get(lower);
    const name = known?.name ?? table;
    const columns = (known?.columns ?? []).map((c) => {
      const sources = [{ table: name, column: c, via: 'raw' as const }];
      return { name: c, sources, reads: sources };
    });
    return { key, columns, openTable: known ? null : name };
  }

  private viewColumns(lower: string, sql: string): OutputColumn[] {
    const cached = this.viewCache.get(lower);
    if (cached) return cached;
    if (this.depth >= MAX_VIEW_DEPTH) return [];
    this.viewCache.set(lower, []);
    this.depth++;
    try {
      const ast = parse(sql);
      const stmt = (Array.isArray(ast) ? ast[0] : ast) as Node | undefined;
      const select = stmt && isNode(stmt.select) ? stmt.select : stmt?.type === 'select' ? stmt : null;
      let cols = select ? this.select(select, null, new Map()) : [];
      const renamed = stmt && Array.isArray(stmt.columns) ? stmt.columns.map((c) => str(c)) : [];
      if (renamed.length > 0) cols = cols.map((c, i) => ({ ...c, name: renamed[i] ?? c.name }));
      this.viewCache.set(lower, cols);
      return cols;
    } catch {
      return [];
    } finally {
      this.depth--;
    }
  }

  private expr(value: unknown, scope: Scope, ctes: Map<string, OutputColumn[]>, mode: Mode): ColumnSource[] {
    if (Array.isArray(value)) return value.flatMap((v) => this.expr(v, scope, ctes, mode));
    if (!isNode(value)) return [];
    const sub = subqueryAst(value);
    if (sub && value.type !== 'column_ref') {
      // A scalar subquery: its first column's values (what it reads: that column's reads and its WHERE's, the row it picks).
      const filter: ColumnSource[] = [];
      const cols = this.select(sub, scope, ctes, mode === 'read' ? filter : undefined);
      if (mode === 'read') return [...(cols[0] ? readsOf(cols[0]) : []), ...filter];
      const first = cols[0]?.sources ?? [];
      return mode === 'keyed' ? keyedAll(first) : first;
    }
    if (mode === 'read' && value.type !== 'column_ref') {
      // Everything it touches: tests, counts, measures and CASE conditions included.
      const out: ColumnSource[] = [];
      for (const [k, v] of Object.entries(value)) {
        if (k === 'loc' || k === 'tableList' || k === 'columnList' || k === 'over') continue;
        out.push(...this.expr(v, scope, ctes, mode));
      }
      return out;
    }
    switch (value.type) {
      case 'column_ref':
        return this.column(str(value.table), str(value.column), scope, mode);
      case 'function': {
        const name = functionName(value);
        if (OPAQUE_FUNCTIONS.has(name)) return [];
        const args = isNode(value.args) ? value.args.value : [];
        return this.expr(args, scope, ctes, name === PSEUDONYM_FUNCTION ? 'keyed' : mode);
      }
      case 'aggr_func': {
        if (functionName(value) === 'count') return [];
        return this.expr(isNode(value.args) ? value.args.expr : null, scope, ctes, mode);
      }
      case 'binary_expr':
        if (PREDICATES.has(String(value.operator).toUpperCase())) return [];
        return [...this.expr(value.left, scope, ctes, mode), ...this.expr(value.right, scope, ctes, mode)];
      case 'unary_expr':
        return String(value.operator).toUpperCase() === 'NOT' ? [] : this.expr(value.expr, scope, ctes, mode);
      case 'case':
        // CASE x WHEN … compares x; each WHEN's condition is a test; only THEN and ELSE values reach the result.
        return (Array.isArray(value.args) ? value.args : []).flatMap((a) => (isNode(a) ? this.expr(a.result, scope, ctes, mode) : []));
      default: {
        const out: ColumnSource[] = [];
        for (const [k, v] of Object.entries(value)) {
          if (k === 'loc' || k === 'tableList' || k === 'columnList' || k === 'over') continue;
          out.push(...this.expr(v, scope, ctes, mode));
        }
        return out;
      }
    }
  }

  private column(qualifier: string | null, column: string | null, scope: Scope, mode: Mode): ColumnSource[] {
    if (column === null || column === '' || column === '*') return [];
    const name = column.toLowerCase();
    const found = (src: Source): ColumnSource[] | null => {
      const col = src.columns.find((c) => c.name.toLowerCase() === name);
      if (col) return mode === 'read' ? readsOf(col) : mode === 'keyed' ? keyedAll(col.sources) : col.sources;
      if (src.openTable !== null) return [{ table: src.openTable, column, via: mode === 'keyed' ? 'keyed' : 'raw' }];
      return null;
    };
    for (let s: Scope | null = scope; s; s = s.parent) {
      if (qualifier !== null) {
        const src = s.sources.find((x) => x.key === qualifier.toLowerCase());
        if (src) return found(src) ?? [];
        continue;
      }
      // Unqualified: the scope's sources that have it (open tables last, as a guess).
      const known = s.sources.filter((src) => src.columns.some((c) => c.name.toLowerCase() === name));
      if (known.length > 0) return known.flatMap((src) => found(src) ?? []);
      const open = s.sources.filter((src) => src.openTable !== null);
      if (open.length === 1) return found(open[0] as Source) ?? [];
    }
    return [];
  }
}

function parse(sql: string): unknown {
  parser ??= new Parser();
  try {
    return parser.astify(sql, { database: 'sqlite' });
  } catch (e) {
    const relaxed = rewriteWindows(sql);
    if (relaxed === null) throw e;
    try {
      return parser.astify(relaxed, { database: 'sqlite' });
    } catch {
      throw e;
    }
  }
}

/** The result lineage of each statement of `sql` that returns rows or creates a view. */
export function statementLineage(sql: string, schema: LineageSchema): LineageResult {
  let ast: unknown;
  try {
    ast = parse(sql);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { ok: false, error: message.length > 300 ? `${message.slice(0, 300)}…` : message };
  }
  const statements: StatementLineage[] = [];
  (Array.isArray(ast) ? ast : [ast]).forEach((stmt, index) => {
    if (!isNode(stmt)) return;
    const resolver = new Resolver(schema);
    if (stmt.type === 'select') {
      statements.push({ index, createsView: null, columns: resolver.select(stmt, null, new Map()), reads: [...resolver.reads] });
    } else if (stmt.type === 'create' && isNode(stmt.select)) {
      const view = isNode(stmt.view) ? str(stmt.view.view) : null;
      let columns = resolver.select(stmt.select, null, new Map());
      const renamed = Array.isArray(stmt.columns) ? stmt.columns.map((c) => str(c)) : [];
      if (renamed.length > 0) columns = columns.map((c, i) => ({ ...c, name: renamed[i] ?? c.name }));
      statements.push({ index, createsView: view, columns, reads: [...resolver.reads] });
    }
  });
  return { ok: true, statements };
}
