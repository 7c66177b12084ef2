import { firstStatementEnd, identifierValue, sameIdentifier, type SqlToken } from './sql-tokens.ts';

/**
 * Where in a failing statement an error points. sql.js does not expose sqlite3_error_offset, so
 * the position is recovered from the message: the token or identifier it names, found by tokens.
 */

/** Characters [start, end) of the statement text to mark. */
export interface ErrorSpan {
  start: number;
  end: number;
}

/** Returns SQLite's error for preparing this text, or null when it prepares. Used to confirm syntax-error positions. */
export type PrepareProbe = (text: string) => string | null;

const NAMED_IDENTIFIER = [
  /^no such table: (.+)$/,
  /^no such column: (.+)$/,
  /^ambiguous column name: (.+)$/,
  /^no such function: (.+)$/,
  /^no such view: (.+)$/,
  /^no such index: (.+)$/,
  /^(?:table|view|index|trigger) (.+) already exists$/,
  /^misuse of (?:aggregate|window) function:? (.+?)\(\)$/,
  /^misuse of aggregate: (.+?)\(\)$/,
  /^wrong number of arguments to function (.+?)\(\)$/,
];

/** The first to last real token of the statement, without its trailing `;`. */
export function statementSpan(tokens: SqlToken[]): ErrorSpan {
  const endIndex = firstStatementEnd(tokens);
  const body = endIndex < 0 ? tokens : tokens.slice(0, endIndex);
  const first = body[0];
  const last = body[body.length - 1];
  if (!first || !last) return { start: 0, end: 0 };
  return { start: first.start, end: last.end };
}

function isName(t: SqlToken | undefined): t is SqlToken {
  return t !== undefined && (t.kind === 'word' || t.kind === 'quoted-ident');
}

/** Finds `a.b.c` as consecutive tokens; prefers a match not preceded by a dot (a bare `x`, not `t.x`). */
function findQualified(tokens: SqlToken[], parts: string[]): ErrorSpan | null {
  let fallback: ErrorSpan | null = null;
  for (let i = 0; i < tokens.length; i++) {
    let ok = true;
    for (let p = 0; p < parts.length && ok; p++) {
      const t = tokens[i + p * 2];
      ok = isName(t) && sameIdentifier(identifierValue(t), parts[p] as string);
      if (ok && p < parts.length - 1) ok = tokens[i + p * 2 + 1]?.text === '.';
    }
    if (!ok) continue;
    const found = { start: (tokens[i] as SqlToken).start, end: (tokens[i + (parts.length - 1) * 2] as SqlToken).end };
    if (tokens[i - 1]?.text !== '.') return found;
    fallback ??= found;
  }
  return fallback;
}

function locateNearToken(near: string, message: string, statement: string, tokens: SqlToken[], probe?: PrepareProbe): ErrorSpan | null {
  let candidates = tokens.filter((t) => t.text === near);
  if (candidates.length === 0) candidates = tokens.filter((t) => sameIdentifier(t.text, near));
  if (candidates.length === 0) {
    const at = statement.indexOf(near, tokens[0]?.start ?? 0);
    return at < 0 || near === '' ? null : { start: at, end: at + near.length };
  }
  // The parser stops at the first token it cannot accept: the first prefix ending at a
  // candidate that fails with the same message is the one SQLite meant.
  if (probe && candidates.length > 1) {
    for (const c of candidates) {
      if (probe(statement.slice(0, c.end)) === message) return { start: c.start, end: c.end };
    }
  }
  const first = candidates[0] as SqlToken;
  return { start: first.start, end: first.end };
}

/** Maps an SQLite error message to the characters of the statement it is about. */
export function locateError(message: string, statement: string, tokens: SqlToken[], probe?: PrepareProbe): ErrorSpan {
  const whole = statementSpan(tokens);
  if (message === 'incomplete input') return { start: whole.end, end: whole.end };

  const near = /^near "([\s\S]*)": syntax error$/.exec(message);
  if (near) return locateNearToken(near[1] as string, message, statement, tokens, probe) ?? whole;

  const unrecognized = /^unrecognized token: "([\s\S]*)"$/.exec(message);
  if (unrecognized) {
    const text = unrecognized[1] as string;
    const at = text === '' ? -1 : statement.indexOf(text, whole.start);
    return at < 0 ? whole : { start: at, end: at + text.length };
  }

  for (const pattern of NAMED_IDENTIFIER) {
    const m = pattern.exec(message);
    if (!m) continue;
    const name = m[1] as string;
    const parts = name.split('.');
    return findQualified(tokens, parts) ?? (parts.length > 1 ? findQualified(tokens, parts.slice(-1)) : null) ?? whole;
  }
  return whole;
}
