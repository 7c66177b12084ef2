import { firstStatementEnd, tokenizeSql } from '../sql/sql-tokens.ts';

/** A statement's span in the editor text: [start, end) character offsets, and its text. */
export interface StatementSpan {
  start: number;
  end: number;
  text: string;
}

/**
 * Splits SQL text into statements at top-level semicolons, using the engine's tokenizer, so
 * semicolons in strings, quoted names, comments and trigger bodies never split. Spans run from
 * the first token to the last (no semicolon, no surrounding comments); empty statements drop.
 */
export function splitStatements(sql: string): StatementSpan[] {
  const tokens = tokenizeSql(sql);
  const spans: StatementSpan[] = [];
  let i = 0;
  while (i < tokens.length) {
    const rest = tokens.slice(i);
    const end = firstStatementEnd(rest);
    const body = end === -1 ? rest : rest.slice(0, end);
    if (body.length > 0) {
      const start = body[0]!.start;
      const stop = body.at(-1)!.end;
      spans.push({ start, end: stop, text: sql.slice(start, stop) });
    }
    i += end === -1 ? rest.length : end + 1;
  }
  return spans;
}

/**
 * The statement the cursor is in. Between statements, the one just before the cursor (the one
 * the learner just finished typing); before the first, the first. Null when there is no SQL.
 */
export function statementAt(sql: string, offset: number): StatementSpan | null {
  const spans = splitStatements(sql);
  if (spans.length === 0) return null;
  let best: StatementSpan = spans[0]!;
  for (const span of spans) {
    if (span.start <= offset) best = span;
    if (offset <= span.end) break;
  }
  return best;
}
