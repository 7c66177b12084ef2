import { identifierValue, isKeyword, tokenizeSql, type SqlToken } from '../sql/sql-tokens.ts';

/*
 * node-sql-parser's SQLite grammar (5.4) reads few window clauses: `SUM(x) OVER (ORDER BY d)`,
 * frames (`ROWS BETWEEN 6 PRECEDING AND CURRENT ROW`), LAG/LEAD/ROW_NUMBER, named windows and
 * `FILTER (WHERE …)` all fail to parse, yet metric SQL is full of them (a 7-day average, a change
 * against last week). For an audit only the columns matter, so these clauses are rewritten into a
 * plain call that mentions the same expressions, `+ __window(a, b)`, and the result is parsed
 * instead. The rewrite is for reading lineage only, never for running.
 */

/** The function name the rewrite calls (chosen to collide with nothing a metric would name). */
export const WINDOW_STANDIN = '__window';

const DIRECTION = new Set(['ASC', 'DESC', 'NULLS', 'FIRST', 'LAST']);

function upper(t: SqlToken | undefined): string {
  return t && t.kind === 'word' ? t.text.toUpperCase() : '';
}

/** Index of the parenthesis closing the one at `open` (or the end). */
function closing(tokens: SqlToken[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    const text = (tokens[i] as SqlToken).text;
    if (text === '(') depth++;
    else if (text === ')' && --depth === 0) return i;
  }
  return tokens.length - 1;
}

/**
 * The expressions a window specification reads (tokens between its parentheses): the base
 * window's, the PARTITION BY and ORDER BY items without their direction; the frame is dropped
 * (its offsets are constants).
 */
function specExpressions(sql: string, tokens: SqlToken[], from: number, to: number, named: Map<string, string[]>): string[] {
  const out: string[] = [];
  let i = from;
  const first = tokens[i];
  if (
    first &&
    (first.kind === 'word' || first.kind === 'quoted-ident') &&
    !['PARTITION', 'ORDER', 'ROWS', 'RANGE', 'GROUPS'].includes(upper(first))
  ) {
    out.push(...(named.get(identifierValue(first).toLowerCase()) ?? []));
    i++;
  }
  let itemStart = -1;
  let itemEnd = -1;
  let depth = 0;
  const flush = (): void => {
    if (itemStart >= 0 && itemEnd >= itemStart)
      out.push(sql.slice((tokens[itemStart] as SqlToken).start, (tokens[itemEnd] as SqlToken).end));
    itemStart = -1;
    itemEnd = -1;
  };
  let skipDirection = false;
  for (; i < to; i++) {
    const t = tokens[i] as SqlToken;
    if (depth === 0) {
      const word = upper(t);
      if ((word === 'PARTITION' || word === 'ORDER') && isKeyword(tokens[i + 1], 'BY')) {
        flush();
        i++;
        skipDirection = false;
        continue;
      }
      if (word === 'ROWS' || word === 'RANGE' || word === 'GROUPS') break;
      if (t.text === ',') {
        flush();
        skipDirection = false;
        continue;
      }
      if (DIRECTION.has(word) || skipDirection) {
        skipDirection = true;
        continue;
      }
    }
    if (t.text === '(') depth++;
    else if (t.text === ')') depth--;
    if (itemStart < 0) itemStart = i;
    itemEnd = i;
  }
  flush();
  return out;
}

/** The SQL with window clauses and FILTER rewritten for the parser, or null when it has none. */
export function rewriteWindows(sql: string): string | null {
  const tokens = tokenizeSql(sql);
  const named = new Map<string, string[]>();
  /** [start, end) character spans to replace, with their replacement. */
  const edits: { start: number; end: number; text: string }[] = [];
  // Named windows first: `WINDOW w AS (…), v AS (…)` is removed and its uses get its expressions.
  for (let i = 0; i < tokens.length; i++) {
    if (!isKeyword(tokens[i], 'WINDOW')) continue;
    let j = i + 1;
    let end = i;
    while (tokens[j] && isKeyword(tokens[j + 1], 'AS') && tokens[j + 2]?.text === '(') {
      const close = closing(tokens, j + 2);
      named.set(identifierValue(tokens[j] as SqlToken).toLowerCase(), specExpressions(sql, tokens, j + 3, close, named));
      end = close;
      j = close + 1;
      if (tokens[j]?.text !== ',') break;
      j++;
    }
    if (end > i) edits.push({ start: (tokens[i] as SqlToken).start, end: (tokens[end] as SqlToken).end, text: ' ' });
  }
  const call = (exprs: string[]): string => (exprs.length ? `+ ${WINDOW_STANDIN}(${exprs.join(', ')})` : '');
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as SqlToken;
    if (isKeyword(t, 'OVER')) {
      const next = tokens[i + 1];
      if (next?.text === '(') {
        const close = closing(tokens, i + 1);
        edits.push({ start: t.start, end: (tokens[close] as SqlToken).end, text: call(specExpressions(sql, tokens, i + 2, close, named)) });
        i = close;
      } else if (next && (next.kind === 'word' || next.kind === 'quoted-ident')) {
        edits.push({ start: t.start, end: next.end, text: call(named.get(identifierValue(next).toLowerCase()) ?? []) });
        i++;
      }
    } else if (isKeyword(t, 'FILTER') && tokens[i + 1]?.text === '(' && isKeyword(tokens[i + 2], 'WHERE')) {
      const close = closing(tokens, i + 1);
      const cond = close > i + 3 ? sql.slice((tokens[i + 3] as SqlToken).start, (tokens[close - 1] as SqlToken).end) : '';
      edits.push({ start: t.start, end: (tokens[close] as SqlToken).end, text: cond ? call([`(${cond})`]) : '' });
      i = close;
    }
  }
  if (edits.length === 0) return null;
  edits.sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const edit of edits) {
    if (edit.start < at) continue;
    out += sql.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + sql.slice(at);
}
