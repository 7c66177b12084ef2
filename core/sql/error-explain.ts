import { splitStatements } from '../editor/statements.ts';
import type { SchemaObject } from './protocol.ts';
import { identifierValue, isKeyword, sameIdentifier, tokenizeSql, type SqlToken } from './sql-tokens.ts';
import { CLAUSE_KEYWORDS, FOREIGN_FUNCTIONS, SQLITE_FUNCTIONS, SQLITE_KEYWORDS } from './sqlite-words.ts';
import { isPlainName, resolveQualifier, statementNames, type StatementNames } from './table-references.ts';

/**
 * Turns SQLite's terse error messages into a code the UI explains in the learner's language,
 * with parameters and "did you mean" suggestions drawn from the open database's schema. Pure:
 * it reads the message, the text that ran and the schema, and asks the engine nothing.
 */

/** What kind of mistake an error is; each code has a plain explanation in both UI languages. */
export type SqlErrorCode =
  | 'no-such-column'
  | 'column-in-other-table'
  | 'unknown-qualifier'
  | 'text-without-quotes'
  | 'no-such-table'
  | 'no-such-function'
  | 'foreign-function'
  | 'ambiguous-column'
  | 'aggregate-in-where'
  | 'aggregate-nested'
  | 'aggregate-misuse'
  | 'aggregate-in-group-by'
  | 'having-without-aggregate'
  | 'window-without-over'
  | 'window-in-where'
  | 'term-out-of-range'
  | 'datatype-mismatch'
  | 'missing-comma'
  | 'trailing-comma'
  | 'misspelled-keyword'
  | 'missing-by'
  | 'reserved-word'
  | 'unbalanced-parens'
  | 'syntax-error'
  | 'incomplete-input'
  | 'unclosed-quote'
  | 'unrecognized-token'
  | 'wrong-argument-count'
  | 'compound-column-count'
  | 'subquery-columns'
  | 'row-value-misused'
  | 'values-count'
  | 'not-null-failed'
  | 'unique-failed'
  | 'foreign-key-failed'
  | 'check-failed'
  | 'already-exists'
  | 'join-using-column'
  | 'distinct-aggregate-args'
  | 'no-tables'
  | 'unknown';

/** A classified error: its code, the values its explanation names, and names the learner may have meant. */
export interface SqlErrorExplanation {
  code: SqlErrorCode;
  params: Record<string, string | number>;
  /** Best first; empty when nothing in the schema is close. */
  suggestions: string[];
}

/** The part of an engine error this needs: the message and where it points in the text that ran. */
export interface ExplainableError {
  message: string;
  /** 0-based offset in `sql` of the marked characters. */
  offset: number;
}

const AGGREGATES = new Set(['count', 'sum', 'avg', 'min', 'max', 'total', 'group_concat', 'string_agg', 'median']);

/** Clause keywords that end an expression list: a `,` right before one is a trailing comma. */
const CLAUSE_ENDS = new Set([
  'FROM',
  'WHERE',
  'GROUP',
  'ORDER',
  'HAVING',
  'LIMIT',
  'UNION',
  'EXCEPT',
  'INTERSECT',
  'ON',
  'JOIN',
  'WINDOW',
  'VALUES',
  'SET',
]);

/** Keywords that may start an expression, so seeing one after SELECT or `,` is not a misused name. */
const EXPRESSION_KEYWORDS = new Set([
  'DISTINCT',
  'ALL',
  'CASE',
  'CAST',
  'NOT',
  'NULL',
  'EXISTS',
  'CURRENT_DATE',
  'CURRENT_TIME',
  'CURRENT_TIMESTAMP',
  'RAISE',
  'SELECT',
  'WITH',
  'VALUES',
]);

/** Optimal string alignment distance: edits, with a swap of neighbours (`nmae` → `name`) counted as one. */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const up = rows[i - 1] as number[];
      let best = Math.min((up[j] as number) + 1, (row[j - 1] as number) + 1, (up[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      row.push(best);
    }
    rows.push(row);
  }
  return (rows[a.length] as number[])[b.length] as number;
}

function fold(s: string): string {
  return s.replace(/[A-Z]/g, (m) => m.toLowerCase());
}

/**
 * Names from `candidates` close enough to `word` to be what was meant, best first. The allowed
 * distance grows with length, so `id` does not "mean" `at` but `cutsomer_id` means `customer_id`.
 */
export function closestNames(word: string, candidates: Iterable<string>, limit = 3): string[] {
  const target = fold(word);
  const allowed = target.length <= 3 ? 1 : target.length <= 6 ? 2 : 3;
  const scored: { name: string; d: number }[] = [];
  const seen = new Set<string>();
  for (const name of candidates) {
    const key = fold(name);
    if (seen.has(key)) continue;
    seen.add(key);
    const d = editDistance(target, key);
    if (d <= allowed && d < Math.max(target.length, key.length)) scored.push({ name, d });
  }
  scored.sort((x, y) => x.d - y.d || x.name.localeCompare(y.name));
  return scored.slice(0, limit).map((s) => s.name);
}

/** Schema tables and views with their column names. */
type Tables = { name: string; columns: string[] }[];

function tablesOf(schema: readonly SchemaObject[]): Tables {
  return schema.map((o) => ({ name: o.name, columns: o.columns.map((c) => c.name) }));
}

function columnsOf(tables: Tables, name: string): string[] {
  return tables.find((t) => sameIdentifier(t.name, name))?.columns ?? [];
}

function hasColumn(tables: Tables, table: string, column: string): boolean {
  return columnsOf(tables, table).some((c) => sameIdentifier(c, column));
}

/** Splits `a.b` or `main.a.b` into the qualifier just before the name and the name. */
function splitQualified(name: string): { qualifier: string | null; name: string } {
  const parts = name.split('.');
  if (parts.length === 1) return { qualifier: null, name };
  return { qualifier: parts[parts.length - 2] as string, name: parts[parts.length - 1] as string };
}

/** The name a reference goes by in the statement: its alias, else the table. */
function qualifierOf(ref: { table: string; alias: string | null }): string {
  return ref.alias ?? ref.table;
}

/** Output aliases (`expr AS name`) of the statement, which ORDER BY may also use. */
function outputAliases(tokens: SqlToken[]): string[] {
  const out: string[] = [];
  for (let i = 1; i < tokens.length; i++) {
    if (isKeyword(tokens[i - 1], 'AS') && isPlainName(tokens[i]) && tokens[i + 1]?.text !== '(')
      out.push(identifierValue(tokens[i] as SqlToken));
  }
  return out;
}

/** Index of the matching `)` for the `(` at i, or tokens.length when it never closes. */
function closeParen(tokens: SqlToken[], i: number): number {
  let depth = 0;
  for (let j = i; j < tokens.length; j++) {
    const text = (tokens[j] as SqlToken).text;
    if (text === '(') depth++;
    else if (text === ')' && --depth === 0) return j;
  }
  return tokens.length;
}

/** Token ranges [from, to) of every WHERE and ON clause, each ending where its nesting level ends or a clause begins. */
function filterClauses(tokens: SqlToken[]): { from: number; to: number; keyword: string }[] {
  const ranges: { from: number; to: number; keyword: string }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as SqlToken;
    if (!isKeyword(t, 'WHERE') && !isKeyword(t, 'ON')) continue;
    let depth = 0;
    let j = i + 1;
    for (; j < tokens.length; j++) {
      const u = tokens[j] as SqlToken;
      if (u.text === '(') depth++;
      else if (u.text === ')') {
        if (depth === 0) break;
        depth--;
      } else if (
        depth === 0 &&
        u.kind === 'word' &&
        [
          'GROUP',
          'ORDER',
          'HAVING',
          'LIMIT',
          'WINDOW',
          'UNION',
          'EXCEPT',
          'INTERSECT',
          'JOIN',
          'WHERE',
          'LEFT',
          'INNER',
          'CROSS',
          'RETURNING',
        ].includes(u.text.toUpperCase())
      )
        break;
      else if (u.kind === 'semicolon') break;
    }
    ranges.push({ from: i + 1, to: j, keyword: t.text.toUpperCase() });
  }
  return ranges;
}

/** Calls `name(` in the tokens. */
function callsOf(tokens: SqlToken[], name: string): number[] {
  const found: number[] = [];
  tokens.forEach((t, i) => {
    if ((t.kind === 'word' || t.kind === 'quoted-ident') && sameIdentifier(identifierValue(t), name) && tokens[i + 1]?.text === '(')
      found.push(i);
  });
  return found;
}

/** The function whose parentheses enclose token i, if any. */
function enclosingCall(tokens: SqlToken[], i: number): string | null {
  let depth = 0;
  for (let j = i - 1; j >= 0; j--) {
    const text = (tokens[j] as SqlToken).text;
    if (text === ')') depth++;
    else if (text === '(') {
      if (depth === 0) {
        const before = tokens[j - 1];
        return before && (before.kind === 'word' || before.kind === 'quoted-ident') ? fold(identifierValue(before)) : null;
      }
      depth--;
    }
  }
  return null;
}

/** `expr AS alias` pairs whose expression calls `fn`: the aliases that stand for it. */
function aliasesOfCall(tokens: SqlToken[], fn: string): string[] {
  const aliases: string[] = [];
  for (const at of callsOf(tokens, fn)) {
    const close = closeParen(tokens, at + 1);
    let j = close + 1;
    // Skip `OVER (…)` and `FILTER (…)` so a window's alias is found too.
    while (isKeyword(tokens[j], 'OVER') || isKeyword(tokens[j], 'FILTER')) {
      j = tokens[j + 1]?.text === '(' ? closeParen(tokens, j + 1) + 1 : j + 2;
    }
    if (isKeyword(tokens[j], 'AS') && isPlainName(tokens[j + 1])) aliases.push(identifierValue(tokens[j + 1] as SqlToken));
    else if (isPlainName(tokens[j])) aliases.push(identifierValue(tokens[j] as SqlToken));
  }
  return aliases;
}

function inRanges(i: number, ranges: { from: number; to: number }[]): boolean {
  return ranges.some((r) => i >= r.from && i < r.to);
}

function parensBalanced(tokens: SqlToken[]): boolean {
  let depth = 0;
  for (const t of tokens) {
    if (t.text === '(') depth++;
    else if (t.text === ')') depth--;
    if (depth < 0) return false;
  }
  return depth === 0;
}

/** The failing statement: the one the error offset falls in, with its tokens and the offset inside it. */
function statementAround(sql: string, offset: number): { tokens: SqlToken[]; at: number } {
  const spans = splitStatements(sql);
  let chosen = spans[0];
  for (const span of spans) if (span.start <= offset) chosen = span;
  if (!chosen) return { tokens: [], at: 0 };
  return { tokens: tokenizeSql(chosen.text), at: offset - chosen.start };
}

interface Context {
  tokens: SqlToken[];
  at: number;
  tables: Tables;
  names: StatementNames;
}

function explainNoSuchColumn(ctx: Context, full: string, onlyTable: string | null): SqlErrorExplanation {
  const { qualifier, name } = splitQualified(full);
  const inScope = onlyTable ? [onlyTable] : ctx.names.tables.map((r) => r.table);
  if (qualifier && !onlyTable) {
    const table = resolveQualifier(ctx.names, qualifier);
    if (table) {
      const suggestions = closestNames(name, columnsOf(ctx.tables, table)).map((c) => `${qualifier}.${c}`);
      if (suggestions.length > 0) return { code: 'no-such-column', params: { name: full, table }, suggestions };
      const elsewhere = ctx.names.tables.filter((r) => r.table !== table && hasColumn(ctx.tables, r.table, name));
      if (elsewhere.length > 0) {
        return {
          code: 'column-in-other-table',
          params: { name, tables: elsewhere.map((r) => r.table).join(', ') },
          suggestions: elsewhere.map((r) => `${qualifierOf(r)}.${name}`),
        };
      }
      return { code: 'no-such-column', params: { name: full, table }, suggestions: [] };
    }
    if (!ctx.names.derived.some((d) => sameIdentifier(d, qualifier))) {
      const available = [...ctx.names.tables.map(qualifierOf), ...ctx.names.derived];
      return {
        code: 'unknown-qualifier',
        params: { qualifier, name, available: available.join(', ') },
        suggestions: closestNames(qualifier, available).map((q) => `${q}.${name}`),
      };
    }
    return { code: 'no-such-column', params: { name: full, table: qualifier }, suggestions: [] };
  }
  // Without tables in the statement (a CTE, or a query SQLite stopped reading early), use the whole schema.
  const scope = inScope.length > 0 ? inScope : ctx.tables.map((t) => t.name);
  const candidates = [...scope.flatMap((t) => columnsOf(ctx.tables, t)), ...(onlyTable ? [] : outputAliases(ctx.tokens))];
  const suggestions = closestNames(name, candidates);
  const table = onlyTable ?? (scope.length === 1 ? (scope[0] as string) : '');
  if (suggestions.length > 0) return { code: 'no-such-column', params: { name: full, table }, suggestions };
  const others = ctx.tables.filter((t) => !scope.some((s) => sameIdentifier(s, t.name)));
  const exact = others.filter((t) => t.columns.some((c) => sameIdentifier(c, name)));
  if (exact.length > 0) {
    return {
      code: 'column-in-other-table',
      params: { name, tables: exact.map((t) => t.name).join(', ') },
      suggestions: exact.map((t) => `${t.name}.${name}`),
    };
  }
  const index = ctx.tokens.findIndex((t) => (t.kind === 'word' || t.kind === 'quoted-ident') && sameIdentifier(identifierValue(t), name));
  const before = ctx.tokens[index - 1]?.text ?? '';
  // A bare word right after a comparison, or in an IN list, is most likely a value missing its quotes.
  const valueSpot = ['=', '==', '<>', '!=', '<', '>', '<=', '>='].includes(before) || isInList(ctx.tokens, index);
  if (index >= 0 && (valueSpot || [...name].some((c) => c.charCodeAt(0) > 0x7f))) {
    return { code: 'text-without-quotes', params: { name }, suggestions: [`'${name}'`] };
  }
  return { code: 'no-such-column', params: { name: full, table }, suggestions: [] };
}

/** True when token i sits in the parentheses of `IN (…)`. */
function isInList(tokens: SqlToken[], i: number): boolean {
  let depth = 0;
  for (let j = i - 1; j >= 0; j--) {
    const text = (tokens[j] as SqlToken).text;
    if (text === ')') depth++;
    else if (text === '(') {
      if (depth === 0) return isKeyword(tokens[j - 1], 'IN');
      depth--;
    }
  }
  return false;
}

function explainAggregateMisuse(ctx: Context, fn: string): SqlErrorExplanation {
  const filters = filterClauses(ctx.tokens);
  const calls = callsOf(ctx.tokens, fn);
  const inFilter = calls.find((i) => inRanges(i, filters));
  if (inFilter !== undefined) {
    const clause = filters.find((r) => inFilter >= r.from && inFilter < r.to)?.keyword ?? 'WHERE';
    return { code: 'aggregate-in-where', params: { fn, clause }, suggestions: ['HAVING'] };
  }
  const aliases = aliasesOfCall(ctx.tokens, fn);
  for (const range of filters) {
    for (let i = range.from; i < range.to; i++) {
      const t = ctx.tokens[i];
      if (isPlainName(t) && aliases.some((a) => sameIdentifier(a, identifierValue(t)))) {
        return { code: 'aggregate-in-where', params: { fn: identifierValue(t), clause: range.keyword }, suggestions: ['HAVING'] };
      }
    }
  }
  const outer = calls.map((i) => enclosingCall(ctx.tokens, i)).find((f) => f !== null && AGGREGATES.has(f));
  if (outer) return { code: 'aggregate-nested', params: { fn, outer }, suggestions: [] };
  return { code: 'aggregate-misuse', params: { fn }, suggestions: [] };
}

function explainWindowMisuse(ctx: Context, fn: string, aliased: boolean): SqlErrorExplanation {
  if (aliased) return { code: 'window-in-where', params: { fn }, suggestions: [] };
  const calls = callsOf(ctx.tokens, fn);
  const withoutOver = calls.find((i) => !isKeyword(ctx.tokens[closeParen(ctx.tokens, i + 1) + 1], 'OVER'));
  if (withoutOver !== undefined) return { code: 'window-without-over', params: { fn }, suggestions: [`${fn}() OVER (ORDER BY …)`] };
  return { code: 'window-in-where', params: { fn }, suggestions: [] };
}

/** The token a `near "x"` message is about: the one at the error offset if it matches, else the first match. */
function nearIndex(ctx: Context, near: string): number {
  const exact = ctx.tokens.findIndex((t) => t.start === ctx.at && t.text === near);
  if (exact >= 0) return exact;
  const same = ctx.tokens.findIndex((t) => t.text === near);
  return same >= 0 ? same : ctx.tokens.findIndex((t) => sameIdentifier(t.text, near));
}

function isSchemaName(ctx: Context, word: string): boolean {
  return ctx.tables.some((t) => sameIdentifier(t.name, word) || t.columns.some((c) => sameIdentifier(c, word)));
}

function misspelledKeyword(ctx: Context, t: SqlToken | undefined): string | null {
  if (!t || t.kind !== 'word' || SQLITE_KEYWORDS.has(t.text.toUpperCase()) || isSchemaName(ctx, t.text)) return null;
  if (t.text.length < 3) return null;
  const upper = t.text.toUpperCase();
  const allowed = upper.length <= 4 ? 1 : 2;
  const best = CLAUSE_KEYWORDS.map((k) => ({ k, d: editDistance(upper, k) }))
    .filter((x) => x.d <= allowed)
    .sort((a, b) => a.d - b.d)[0];
  return best ? best.k : null;
}

function explainSyntax(ctx: Context, near: string): SqlErrorExplanation {
  const i = nearIndex(ctx, near);
  const x = ctx.tokens[i];
  const prev = ctx.tokens[i - 1];
  const prev2 = ctx.tokens[i - 2];
  if (!x) return { code: 'syntax-error', params: { near }, suggestions: [] };
  const upper = x.text.toUpperCase();

  // `FORM customers`: the typo was read as an alias, so SQLite only stumbles on the next word.
  const prevTypo = isPlainName(prev) && isPlainName(x) ? misspelledKeyword(ctx, prev) : null;
  if (prevTypo && prev) return { code: 'misspelled-keyword', params: { word: prev.text, keyword: prevTypo }, suggestions: [prevTypo] };
  const typo = misspelledKeyword(ctx, x);
  if (typo) return { code: 'misspelled-keyword', params: { word: x.text, keyword: typo }, suggestions: [typo] };

  if ((isKeyword(prev, 'GROUP') || isKeyword(prev, 'ORDER') || isKeyword(prev, 'PARTITION')) && upper !== 'BY') {
    const keyword = (prev as SqlToken).text.toUpperCase();
    return { code: 'missing-by', params: { keyword }, suggestions: [`${keyword} BY`] };
  }
  if (prev?.text === ',' && (CLAUSE_ENDS.has(upper) || x.text === ')')) {
    return { code: 'trailing-comma', params: { keyword: x.text }, suggestions: [] };
  }
  if (x.kind === 'word' && SQLITE_KEYWORDS.has(upper) && !EXPRESSION_KEYWORDS.has(upper)) {
    const namePosition =
      prev?.text === ',' ||
      prev?.text === '.' ||
      ['SELECT', 'FROM', 'JOIN', 'BY', 'INTO', 'TABLE', 'UPDATE'].includes((prev?.text ?? '').toUpperCase());
    if (isSchemaName(ctx, x.text) || namePosition) {
      return { code: 'reserved-word', params: { word: x.text }, suggestions: [`"${x.text}"`] };
    }
  }
  const expressionEnd = (t: SqlToken | undefined): boolean =>
    t !== undefined && (t.text === ')' || t.text === '*' || t.kind === 'number' || t.kind === 'string' || isPlainName(t));
  // Two names in a row (`name email city`): the second was taken as an alias, so the third fails.
  if (isPlainName(x) && isPlainName(prev)) {
    return { code: 'missing-comma', params: { word: x.text, before: prev.text }, suggestions: [`${prev.text}, ${x.text}`] };
  }
  // `count(*) sum(amount)`: a call right after a finished expression and its alias.
  if (x.text === '(' && isPlainName(prev) && expressionEnd(prev2)) {
    return { code: 'missing-comma', params: { word: prev.text, before: prev2?.text ?? '' }, suggestions: [] };
  }
  if (!parensBalanced(ctx.tokens)) return { code: 'unbalanced-parens', params: { near: x.text }, suggestions: [] };
  return { code: 'syntax-error', params: { near: x.text }, suggestions: [] };
}

/** Classifies one SQLite error message in the statement it came from, against the open database's schema. */
export function explainSqlError(error: ExplainableError, sql: string, schema: readonly SchemaObject[]): SqlErrorExplanation {
  const { tokens, at } = statementAround(sql, error.offset);
  const tables = tablesOf(schema);
  const ctx: Context = {
    tokens,
    at,
    tables,
    names: statementNames(
      tokens,
      tables.map((t) => t.name),
    ),
  };
  const message = error.message.trim();
  const none = (code: SqlErrorCode, params: Record<string, string | number> = {}): SqlErrorExplanation => ({
    code,
    params,
    suggestions: [],
  });
  let m: RegExpExecArray | null;

  if ((m = /^no such column: (.+)$/.exec(message))) return explainNoSuchColumn(ctx, m[1] as string, null);
  if ((m = /^table (.+) has no column named (.+)$/.exec(message))) return explainNoSuchColumn(ctx, m[2] as string, m[1] as string);
  if ((m = /^no such table: (.+)$/.exec(message))) {
    const { name } = splitQualified(m[1] as string);
    const known = [...tables.map((t) => t.name), ...ctx.names.tables.flatMap((r) => (r.alias ? [r.alias] : [])), ...ctx.names.derived];
    return { code: 'no-such-table', params: { name }, suggestions: closestNames(name, known) };
  }
  if ((m = /^no such function: (.+)$/.exec(message))) {
    const name = m[1] as string;
    const equivalent = FOREIGN_FUNCTIONS[fold(name)];
    if (equivalent) return { code: 'foreign-function', params: { name, equivalent }, suggestions: [equivalent] };
    return { code: 'no-such-function', params: { name }, suggestions: closestNames(name, SQLITE_FUNCTIONS).map((f) => `${f}()`) };
  }
  if ((m = /^ambiguous column name: (.+)$/.exec(message))) {
    const { name } = splitQualified(m[1] as string);
    const refs = ctx.names.tables.filter((r) => hasColumn(tables, r.table, name));
    return {
      code: 'ambiguous-column',
      params: { name, tables: [...new Set(refs.map((r) => r.table))].join(', ') },
      suggestions: refs.map((r) => `${qualifierOf(r)}.${name}`),
    };
  }
  if ((m = /^misuse of aggregate(?: function)?:? (.+?)\(\)$/.exec(message))) return explainAggregateMisuse(ctx, m[1] as string);
  if ((m = /^misuse of aliased aggregate (.+)$/.exec(message))) {
    return { code: 'aggregate-in-where', params: { fn: m[1] as string, clause: 'WHERE' }, suggestions: ['HAVING'] };
  }
  if ((m = /^misuse of window function (.+?)\(\)$/.exec(message))) return explainWindowMisuse(ctx, m[1] as string, false);
  if ((m = /^misuse of aliased window function (.+)$/.exec(message))) return explainWindowMisuse(ctx, m[1] as string, true);
  if (message === 'aggregate functions are not allowed in the GROUP BY clause') return none('aggregate-in-group-by');
  if (message === 'HAVING clause on a non-aggregate query') return none('having-without-aggregate');
  if ((m = /^(\d+)(?:st|nd|rd|th) (ORDER BY|GROUP BY) term out of range - should be between 1 and (\d+)$/.exec(message))) {
    return none('term-out-of-range', { position: Number(m[1]), clause: m[2] as string, max: Number(m[3]) });
  }
  if (message === 'datatype mismatch') return none('datatype-mismatch');
  if ((m = /^near "([\s\S]*)": syntax error$/.exec(message))) return explainSyntax(ctx, m[1] as string);
  if (message === 'incomplete input') return none(parensBalanced(tokens) ? 'incomplete-input' : 'unbalanced-parens', { near: '' });
  if ((m = /^unrecognized token: "([\s\S]*)"$/.exec(message))) {
    const token = m[1] as string;
    const quote = token[0];
    if (quote === "'" || quote === '"' || quote === '`' || quote === '[')
      return none('unclosed-quote', { token: token.slice(0, 30), quote: quote === '[' ? ']' : quote });
    return none('unrecognized-token', { token });
  }
  if ((m = /^wrong number of arguments to function (.+?)\(\)$/.exec(message))) return none('wrong-argument-count', { fn: m[1] as string });
  if ((m = /^SELECTs to the left and right of (.+) do not have the same number of result columns$/.exec(message))) {
    return none('compound-column-count', { op: m[1] as string });
  }
  if ((m = /^sub-select returns (\d+) columns - expected (\d+)$/.exec(message)))
    return none('subquery-columns', { count: Number(m[1]), expected: Number(m[2]) });
  if (message === 'row value misused') return none('row-value-misused');
  if ((m = /^table (.+) has (\d+) columns but (\d+) values were supplied$/.exec(message))) {
    return none('values-count', { table: m[1] as string, columns: Number(m[2]), values: Number(m[3]) });
  }
  if ((m = /^(\d+) values for (\d+) columns$/.exec(message)))
    return none('values-count', { table: '', columns: Number(m[2]), values: Number(m[1]) });
  if ((m = /^NOT NULL constraint failed: (.+)$/.exec(message))) return none('not-null-failed', { column: m[1] as string });
  if ((m = /^(?:UNIQUE|PRIMARY KEY) constraint failed: (.+)$/.exec(message))) return none('unique-failed', { columns: m[1] as string });
  if (message === 'FOREIGN KEY constraint failed') return none('foreign-key-failed');
  if ((m = /^CHECK constraint failed: (.+)$/.exec(message))) return none('check-failed', { name: m[1] as string });
  if ((m = /^(table|view|index|trigger) (.+) already exists$/.exec(message)))
    return none('already-exists', { kind: m[1] as string, name: m[2] as string });
  if ((m = /^cannot join using column (.+) - column not present in both tables$/.exec(message)))
    return none('join-using-column', { name: m[1] as string });
  if (message === 'DISTINCT aggregates must have exactly one argument') return none('distinct-aggregate-args');
  if (message === 'no tables specified') return none('no-tables');
  return none('unknown');
}
