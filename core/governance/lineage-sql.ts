import sqlParser from 'node-sql-parser/build/sqlite.js';
import { auditSql } from '../metrics/audit.ts';
import { rewriteWindows } from '../metrics/window-rewrite.ts';
import { firstStatementEnd, identifierValue, isKeyword, tokenizeSql, type SqlToken } from '../sql/sql-tokens.ts';
import { isPlainName } from '../sql/table-references.ts';

/*
 * What each statement of a SQL script writes and reads, for lineage: the script is cut into
 * statements by tokens, each parsed with node-sql-parser's SQLite grammar (window clauses rewritten
 * first when the grammar lacks them, as the metric audit does); the tables read come from the audit's
 * scope walk (CTE names and subquery aliases are not tables; subqueries and derived tables are
 * followed). A statement the parser cannot read keeps the parser's message and falls back to tokens.
 * Loads node-sql-parser: import this only in workers and Node.
 */

/** What a statement does to the table it names. */
export type StatementKind = 'select' | 'insert' | 'create-table' | 'create-view' | 'update' | 'delete' | 'drop' | 'other';

/** One statement's flow: the table (or view) it writes, the tables it reads. */
export interface StatementFlow {
  kind: StatementKind;
  /** The table or view written, created, emptied or dropped; null for a SELECT. */
  target: string | null;
  /** Tables read (CTE names and aliases removed), in order of name. */
  reads: string[];
  /** True when the parser read the statement; false when tokens had to do. */
  parsed: boolean;
  /** The statement's text. */
  sql: string;
}

/** A statement the parser could not read, with its words. */
export interface FlowProblem {
  sql: string;
  message: string;
}

const { Parser } = sqlParser;
let parser: InstanceType<typeof Parser> | null = null;

type Node = Record<string, unknown>;

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nameOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (isNode(value) && typeof value.value === 'string') return value.value;
  return null;
}

/** The first `{ table }` of a list such as an INSERT's `table` or a DROP's `name`. */
function firstTable(list: unknown): string | null {
  const first = Array.isArray(list) ? list[0] : list;
  return isNode(first) ? nameOf(first.table) : null;
}

/** Jinja in a pipeline task (`{{ ds }}`) becomes a literal the parser reads, inside quotes or not. */
export function withoutTemplates(sql: string): string {
  return sql.replace(/\{\{[\s\S]*?\}\}/g, '0').replace(/\{%[\s\S]*?%\}/g, '');
}

/** The statements of a script, as text, empty ones left out. */
export function splitStatements(sql: string): string[] {
  const tokens = tokenizeSql(sql);
  const out: string[] = [];
  let from = 0;
  while (from < tokens.length) {
    if ((tokens[from] as SqlToken).kind === 'semicolon') {
      from++;
      continue;
    }
    const end = firstStatementEnd(tokens, from);
    const last = end < 0 ? tokens.length - 1 : end - 1;
    const first = tokens[from] as SqlToken;
    const stop = tokens[last] as SqlToken;
    if (last >= from) out.push(sql.slice(first.start, stop.end));
    if (end < 0) break;
    from = end + 1;
  }
  return out;
}

function parse(sql: string): { ast: Node } | { error: string } {
  parser ??= new Parser();
  try {
    const ast: unknown = parser.astify(sql, { database: 'sqlite' });
    const first = Array.isArray(ast) ? ast[0] : ast;
    return isNode(first) ? { ast: first } : { error: 'empty statement' };
  } catch (e) {
    const relaxed = rewriteWindows(sql);
    if (relaxed !== null) {
      try {
        const ast: unknown = parser.astify(relaxed, { database: 'sqlite' });
        const first = Array.isArray(ast) ? ast[0] : ast;
        if (isNode(first)) return { ast: first };
      } catch {
        // The first failure is the one worth showing.
      }
    }
    const message = e instanceof Error ? e.message : String(e);
    return { error: message.length > 300 ? `${message.slice(0, 300)}…` : message };
  }
}

function kindOfAst(ast: Node): { kind: StatementKind; target: string | null } {
  switch (ast.type) {
    case 'select':
      return { kind: 'select', target: null };
    case 'insert':
    case 'replace':
      return { kind: 'insert', target: firstTable(ast.table) };
    case 'update':
      return { kind: 'update', target: firstTable(ast.table) };
    case 'delete':
      return { kind: 'delete', target: firstTable(ast.table) ?? firstTable(ast.from) };
    case 'drop':
      return { kind: 'drop', target: firstTable(ast.name) };
    case 'create':
      if (ast.keyword === 'view') return { kind: 'create-view', target: isNode(ast.view) ? nameOf(ast.view.view) : null };
      if (ast.keyword === 'table') return { kind: 'create-table', target: firstTable(ast.table) };
      return { kind: 'other', target: null };
    default:
      return { kind: 'other', target: null };
  }
}

/** The written table from tokens alone: the fallback when the parser cannot read a statement. */
function kindOfTokens(sql: string): { kind: StatementKind; target: string | null } {
  const tokens = tokenizeSql(sql);
  const nameAfter = (i: number): string | null => {
    let j = i;
    if (isKeyword(tokens[j], 'IF')) j += isKeyword(tokens[j + 1], 'NOT') ? 3 : 2;
    const t = tokens[j];
    if (!isPlainName(t)) return null;
    // `schema.table`: the table is the part after the dot.
    const dotted = tokens[j + 1]?.text === '.' && isPlainName(tokens[j + 2]) ? (tokens[j + 2] as SqlToken) : t;
    return identifierValue(dotted);
  };
  const at = (i: number, word: string): boolean => isKeyword(tokens[i], word);
  if (at(0, 'WITH') || at(0, 'SELECT') || at(0, 'VALUES')) {
    const insert = tokens.findIndex((t) => isKeyword(t, 'INSERT') || isKeyword(t, 'REPLACE'));
    if (insert < 0) return { kind: 'select', target: null };
    const into = tokens.findIndex((t, k) => k > insert && isKeyword(t, 'INTO'));
    return { kind: 'insert', target: into < 0 ? null : nameAfter(into + 1) };
  }
  if (at(0, 'INSERT') || at(0, 'REPLACE')) {
    const into = tokens.findIndex((t) => isKeyword(t, 'INTO'));
    return { kind: 'insert', target: into < 0 ? null : nameAfter(into + 1) };
  }
  if (at(0, 'UPDATE')) return { kind: 'update', target: nameAfter(at(1, 'OR') ? 3 : 1) };
  if (at(0, 'DELETE')) return { kind: 'delete', target: nameAfter(2) };
  if (at(0, 'DROP')) return { kind: 'drop', target: nameAfter(2) };
  if (at(0, 'CREATE')) {
    let i = 1;
    if (at(i, 'TEMP') || at(i, 'TEMPORARY')) i++;
    if (at(i, 'VIEW')) return { kind: 'create-view', target: nameAfter(i + 1) };
    if (at(i, 'TABLE')) return { kind: 'create-table', target: nameAfter(i + 1) };
  }
  return { kind: 'other', target: null };
}

/** What each statement of a script writes and reads; the statements the parser could not read are also listed as problems. */
export function statementFlows(script: string): { flows: StatementFlow[]; problems: FlowProblem[] } {
  const flows: StatementFlow[] = [];
  const problems: FlowProblem[] = [];
  for (const sql of splitStatements(withoutTemplates(script))) {
    const parsed = parse(sql);
    if ('ast' in parsed) {
      const { kind, target } = kindOfAst(parsed.ast);
      // A DROP reads nothing; the audit's walk finds the tables inside every other statement's SELECTs.
      const reads = kind === 'drop' ? [] : auditSql(sql).tables;
      flows.push({ kind, target, reads: reads.filter((t) => t !== target || kind === 'select'), parsed: true, sql });
    } else {
      problems.push({ sql, message: parsed.error });
      const { kind, target } = kindOfTokens(sql);
      const reads = kind === 'drop' ? [] : auditSql(sql).tables;
      flows.push({ kind, target, reads: reads.filter((t) => t !== target), parsed: false, sql });
    }
  }
  return { flows, problems };
}
