import { isKeyword, tokenizeSql, type SqlToken } from '../../sql/sql-tokens.ts';

/**
 * An ordered step is only fair when its reference orders rows completely: with ties, SQLite may
 * return tied rows in any order and a right answer could be told "wrong order". This builds a
 * query that finds ties among the reference's result rows under its own ORDER BY terms.
 */

/** Splits tokens at top-level commas. */
function splitTopLevel(tokens: SqlToken[]): SqlToken[][] {
  const parts: SqlToken[][] = [[]];
  let depth = 0;
  for (const t of tokens) {
    if (t.kind === 'operator' && t.text === '(') depth++;
    if (t.kind === 'operator' && t.text === ')') depth--;
    if (depth === 0 && t.kind === 'operator' && t.text === ',') parts.push([]);
    else (parts[parts.length - 1] as SqlToken[]).push(t);
  }
  return parts;
}

/**
 * SQL returning one row per group of distinct result rows that tie on the ORDER BY terms, or
 * null when the reference has no top-level ORDER BY. The terms must name result columns (or
 * positions); when they do not, running it fails and the check is inconclusive.
 */
export function tiesQuery(sql: string, columns: readonly string[]): string | null {
  const tokens = tokenizeSql(sql);
  let start = 0;
  tokens.forEach((t, i) => {
    if (t.kind === 'semicolon' && tokens.slice(i + 1).some((n) => n.kind !== 'semicolon')) start = i + 1;
  });
  const statement = tokens.filter((t, i) => i >= start && t.kind !== 'semicolon');
  let depth = 0;
  let orderAt = -1;
  let endAt = statement.length;
  statement.forEach((t, i) => {
    if (t.kind === 'operator' && t.text === '(') depth++;
    else if (t.kind === 'operator' && t.text === ')') depth--;
    else if (depth === 0 && isKeyword(t, 'ORDER') && isKeyword(statement[i + 1], 'BY')) orderAt = i;
    else if (depth === 0 && orderAt >= 0 && i > orderAt && (isKeyword(t, 'LIMIT') || isKeyword(t, 'OFFSET')) && endAt === statement.length)
      endAt = i;
  });
  const first = statement[0];
  const last = statement[statement.length - 1];
  if (orderAt < 0 || !first || !last) return null;
  const terms = splitTopLevel(statement.slice(orderAt + 2, endAt)).map((term) => {
    // Direction and NULLS placement change the order, not which rows tie.
    let kept = term;
    while (kept.length > 0 && ['ASC', 'DESC', 'FIRST', 'LAST', 'NULLS'].some((k) => isKeyword(kept[kept.length - 1], k)))
      kept = kept.slice(0, -1);
    const only = kept[0];
    if (kept.length === 1 && only?.kind === 'number' && /^\d+$/.test(only.text)) {
      const name = columns[Number(only.text) - 1];
      return name === undefined ? only.text : `"${name.replace(/"/g, '""')}"`;
    }
    const from = kept[0]?.start ?? 0;
    const to = kept[kept.length - 1]?.end ?? 0;
    return sql.slice(from, to);
  });
  const prefix = sql.slice(0, first.start);
  const body = sql.slice(first.start, last.end);
  return `${prefix}WITH __datalit_reference AS (\n${body}\n)\nSELECT 1 FROM (SELECT DISTINCT * FROM __datalit_reference) GROUP BY ${terms.join(', ')} HAVING count(*) > 1`;
}
