import type { Cell } from './protocol.ts';
import { sameIdentifier } from './sql-tokens.ts';
import { resolveQualifier, type StatementNames } from './table-references.ts';

/**
 * EXPLAIN QUERY PLAN, read for a learner: the flat rows (id, parent, notused, detail) become a
 * tree, and each node gets a note code the UI explains in plain words (a full scan, a search
 * through an index, a temporary B-tree for sorting, a subquery run once per row).
 */

/** One row of EXPLAIN QUERY PLAN. */
export interface PlanRow {
  id: number;
  parent: number;
  detail: string;
}

/** What a plan step does, as a code with the names its explanation uses. */
export type PlanNoteCode =
  | 'full-scan'
  | 'scan-index'
  | 'scan-covering-index'
  | 'scan-subquery'
  | 'scan-virtual'
  | 'constant-row'
  | 'search-index'
  | 'search-covering-index'
  | 'search-primary-key'
  | 'search-other'
  | 'automatic-index'
  | 'temp-b-tree-order'
  | 'temp-b-tree-order-part'
  | 'temp-b-tree-group'
  | 'temp-b-tree-distinct'
  | 'correlated-subquery'
  | 'scalar-subquery'
  | 'list-subquery'
  | 'reuse-subquery'
  | 'co-routine'
  | 'materialize'
  | 'compound'
  | 'compound-part'
  | 'compound-temp-b-tree'
  | 'bloom-filter'
  | 'multi-index-or'
  | 'or-branch'
  | 'recursive-setup'
  | 'recursive-step'
  | 'right-join'
  | 'other';

/**
 * How a step weighs on speed: `costly` for work that grows with the table or repeats per row
 * (a full scan, a sort, a correlated subquery), `fast` for lookups through an index.
 */
export type PlanTone = 'costly' | 'fast' | 'neutral';

/** A plan step's note: a code, its parameters and its tone. */
export interface PlanNote {
  code: PlanNoteCode;
  params: Record<string, string>;
  tone: PlanTone;
}

/** A node of the plan tree. */
export interface PlanNode {
  id: number;
  detail: string;
  note: PlanNote;
  children: PlanNode[];
}

/** What a whole plan does, counted, for a one-line summary. */
export interface PlanSummary {
  /** Tables read in full, in plan order (each once). */
  fullScans: string[];
  indexSearches: number;
  tempBTrees: number;
  correlatedSubqueries: number;
  automaticIndexes: number;
}

/** Reads EXPLAIN QUERY PLAN's result rows; returns null when the columns are not (id, parent, notused, detail). */
export function planRows(columns: readonly string[], rows: readonly Cell[][]): PlanRow[] | null {
  const wanted = ['id', 'parent', 'notused', 'detail'];
  if (columns.length !== 4 || columns.some((c, i) => c !== wanted[i])) return null;
  return rows.map((r) => ({ id: Number(r[0]), parent: Number(r[1]), detail: String(r[3] ?? '') }));
}

function note(code: PlanNoteCode, tone: PlanTone, params: Record<string, string> = {}): PlanNote {
  return { code, tone, params };
}

/** `(a=? AND b>?)` → `a=? AND b>?`; empty when absent. */
function condition(text: string | undefined): string {
  const m = /\((.*)\)\s*$/.exec(text ?? '');
  return m ? (m[1] as string) : '';
}

/** Table (lower case) → its INTEGER PRIMARY KEY column, which a plan calls `rowid`. */
export type RowidColumns = Readonly<Record<string, string>>;

/** The INTEGER PRIMARY KEY column of each table (the rowid's own name), from the schema's columns. */
export function rowidColumns(
  tables: readonly { name: string; columns: readonly { name: string; type: string; primaryKey: boolean }[] }[],
): RowidColumns {
  const out: Record<string, string> = {};
  for (const t of tables) {
    const keys = t.columns.filter((c) => c.primaryKey);
    if (keys.length === 1 && keys[0]?.type.toUpperCase() === 'INTEGER') out[t.name.toLowerCase()] = keys[0].name;
  }
  return out;
}

/** The schema table a plan's object name stands for (a plan says `SCAN c` for `customers AS c`). */
function tableName(object: string, names: StatementNames | null): { table: string; alias: string } {
  if (!names) return { table: object, alias: '' };
  const table = resolveQualifier(names, object);
  if (table && !sameIdentifier(table, object)) return { table, alias: object };
  return { table: table ?? object, alias: '' };
}

function scanOrSearch(verb: 'SCAN' | 'SEARCH', rest: string, names: StatementNames | null, rowids: RowidColumns): PlanNote {
  if (verb === 'SCAN' && rest === 'CONSTANT ROW') return note('constant-row', 'neutral');
  const virtual = / VIRTUAL TABLE INDEX .*$/.exec(rest);
  if (virtual) return note('scan-virtual', 'neutral', { table: rest.slice(0, virtual.index) });
  let object = rest;
  let using = '';
  const at = rest.indexOf(' USING ');
  if (at >= 0) {
    object = rest.slice(0, at);
    using = rest.slice(at + ' USING '.length);
  }
  object = object.replace(/ EXISTS$/, '').replace(/ LEFT-JOIN$/, '');
  const subquery = /^\(subquery-\d+\)$/.test(object) || (names?.derived.some((d) => sameIdentifier(d, object)) ?? false);
  const { table, alias } = tableName(object, names);
  // `rowid=?` means the table's INTEGER PRIMARY KEY: say the name the learner knows.
  const key = rowids[table.toLowerCase()];
  const params = { table, alias, condition: key ? condition(using).replace(/\browid\b/g, key) : condition(using) };
  const index = /^(?:COVERING )?INDEX (\S+)/.exec(using)?.[1] ?? '';
  if (verb === 'SCAN') {
    if (subquery) return note('scan-subquery', 'neutral', { ...params, table: object });
    if (using.startsWith('COVERING INDEX')) return note('scan-covering-index', 'neutral', { ...params, index });
    if (using.startsWith('INDEX')) return note('scan-index', 'neutral', { ...params, index });
    return note('full-scan', 'costly', params);
  }
  if (using.startsWith('AUTOMATIC')) return note('automatic-index', 'costly', params);
  if (/^(?:INTEGER )?PRIMARY KEY/.test(using)) return note('search-primary-key', 'fast', params);
  if (using.startsWith('COVERING INDEX')) return note('search-covering-index', 'fast', { ...params, index });
  if (using.startsWith('INDEX')) return note('search-index', 'fast', { ...params, index });
  return note('search-other', 'neutral', params);
}

/** The note for one plan row's detail text (names resolved through the statement when given). */
export function planNote(detail: string, names: StatementNames | null = null, rowids: RowidColumns = {}): PlanNote {
  const d = detail.trim();
  let m: RegExpExecArray | null;
  if ((m = /^(SCAN|SEARCH) (.+)$/.exec(d))) return scanOrSearch(m[1] as 'SCAN' | 'SEARCH', m[2] as string, names, rowids);
  if ((m = /^USE TEMP B-TREE FOR (.+)$/.exec(d))) {
    const purpose = m[1] as string;
    if (purpose === 'GROUP BY') return note('temp-b-tree-group', 'costly');
    if (purpose === 'DISTINCT') return note('temp-b-tree-distinct', 'costly');
    if (purpose === 'ORDER BY') return note('temp-b-tree-order', 'costly');
    return note('temp-b-tree-order-part', 'costly', { purpose });
  }
  if ((m = /^CORRELATED (SCALAR|LIST) SUBQUERY\b/.exec(d))) return note('correlated-subquery', 'costly', { kind: m[1] as string });
  if (/^SCALAR SUBQUERY\b/.test(d)) return note('scalar-subquery', 'neutral');
  if (/^LIST SUBQUERY\b/.test(d)) return note('list-subquery', 'neutral');
  if (/^REUSE (?:LIST )?SUBQUERY\b/.test(d)) return note('reuse-subquery', 'neutral');
  if ((m = /^CO-ROUTINE (.+)$/.exec(d))) return note('co-routine', 'neutral', { name: m[1] as string });
  if ((m = /^MATERIALIZE (.+)$/.exec(d))) return note('materialize', 'neutral', { name: m[1] as string });
  if (d === 'COMPOUND QUERY') return note('compound', 'neutral', { op: '' });
  if ((m = /^MERGE \((.+)\)$/.exec(d))) return note('compound', 'neutral', { op: m[1] as string });
  if ((m = /^(UNION|INTERSECT|EXCEPT) USING TEMP B-TREE$/.exec(d))) return note('compound-temp-b-tree', 'costly', { op: m[1] as string });
  if (d === 'LEFT-MOST SUBQUERY' || d === 'LEFT' || d === 'RIGHT' || d === 'UNION ALL') return note('compound-part', 'neutral');
  if ((m = /^BLOOM FILTER ON (\S+)/.exec(d)))
    return note('bloom-filter', 'neutral', { ...tableName(m[1] as string, names), condition: condition(d) });
  if (d === 'MULTI-INDEX OR') return note('multi-index-or', 'fast');
  if (/^INDEX \d+$/.test(d)) return note('or-branch', 'neutral');
  if (d === 'SETUP') return note('recursive-setup', 'neutral');
  if (d === 'RECURSIVE STEP') return note('recursive-step', 'neutral');
  if ((m = /^RIGHT-JOIN (.+)$/.exec(d))) return note('right-join', 'neutral', tableName(m[1] as string, names));
  return note('other', 'neutral');
}

/** Builds the plan tree: each row under its parent (rows whose parent is missing go to the top), in row order. */
export function buildPlanTree(rows: readonly PlanRow[], names: StatementNames | null = null, rowids: RowidColumns = {}): PlanNode[] {
  const byId = new Map<number, PlanNode>();
  const roots: PlanNode[] = [];
  for (const row of rows) {
    const node: PlanNode = { id: row.id, detail: row.detail, note: planNote(row.detail, names, rowids), children: [] };
    const parent = byId.get(row.parent);
    if (parent) parent.children.push(node);
    else roots.push(node);
    byId.set(row.id, node);
  }
  return roots;
}

/** Counts what matters for speed across the whole tree. */
export function summarizePlan(nodes: readonly PlanNode[]): PlanSummary {
  const summary: PlanSummary = { fullScans: [], indexSearches: 0, tempBTrees: 0, correlatedSubqueries: 0, automaticIndexes: 0 };
  const visit = (node: PlanNode): void => {
    const { code, params } = node.note;
    if (code === 'full-scan' && params.table && !summary.fullScans.includes(params.table)) summary.fullScans.push(params.table);
    if (code === 'search-index' || code === 'search-covering-index' || code === 'search-primary-key') summary.indexSearches++;
    if (code.startsWith('temp-b-tree') || code === 'compound-temp-b-tree') summary.tempBTrees++;
    if (code === 'correlated-subquery') summary.correlatedSubqueries++;
    if (code === 'automatic-index') summary.automaticIndexes++;
    node.children.forEach(visit);
  };
  nodes.forEach(visit);
  return summary;
}
