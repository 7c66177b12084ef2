/**
 * A small SQLite tokenizer: enough to find keywords, identifiers and statement ends while
 * ignoring comments and string literals. It never throws; unterminated literals run to the end.
 */

/** What a token is; comments and whitespace are skipped and never returned. */
export type SqlTokenKind = 'word' | 'quoted-ident' | 'string' | 'blob' | 'number' | 'param' | 'operator' | 'semicolon';

/** One token with its [start, end) character offsets in the tokenized text. */
export interface SqlToken {
  kind: SqlTokenKind;
  text: string;
  start: number;
  end: number;
}

const MULTI_CHAR_OPERATORS = ['->>', '->', '||', '<=', '>=', '<>', '!=', '==', '<<', '>>'];

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

/** SQLite treats every non-ASCII character as part of an identifier, which covers Korean names. */
function isIdentChar(c: string | undefined): boolean {
  if (c === undefined) return false;
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c) || c === '_' || c === '$' || c.charCodeAt(0) >= 0x80;
}

function readQuoted(text: string, start: number, close: string, doubled: boolean): number {
  let i = start + 1;
  while (i < text.length) {
    if (text[i] === close) {
      if (doubled && text[i + 1] === close) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i++;
  }
  return text.length;
}

/** Splits SQL text into tokens, skipping whitespace and comments. */
export function tokenizeSql(text: string): SqlToken[] {
  const tokens: SqlToken[] = [];
  let i = 0;
  const push = (kind: SqlTokenKind, end: number): void => {
    tokens.push({ kind, text: text.slice(i, end), start: i, end });
    i = end;
  };
  while (i < text.length) {
    const c = text[i] as string;
    const next = text[i + 1];
    if (isSpace(c)) {
      i++;
    } else if (c === '-' && next === '-') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl + 1;
    } else if (c === '/' && next === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? text.length : close + 2;
    } else if (c === "'") {
      push('string', readQuoted(text, i, "'", true));
    } else if ((c === 'x' || c === 'X') && next === "'") {
      push('blob', readQuoted(text, i + 1, "'", false));
    } else if (c === '"' || c === '`') {
      push('quoted-ident', readQuoted(text, i, c, true));
    } else if (c === '[') {
      const close = text.indexOf(']', i + 1);
      push('quoted-ident', close < 0 ? text.length : close + 1);
    } else if (isDigit(c) || (c === '.' && isDigit(next))) {
      let j = i;
      if (c === '0' && (next === 'x' || next === 'X')) {
        j += 2;
        while (j < text.length && /[0-9a-fA-F_]/.test(text[j] as string)) j++;
      } else {
        while (isDigit(text[j]) || text[j] === '_') j++;
        if (text[j] === '.') {
          j++;
          while (isDigit(text[j]) || text[j] === '_') j++;
        }
        if (
          (text[j] === 'e' || text[j] === 'E') &&
          (isDigit(text[j + 1]) || ((text[j + 1] === '+' || text[j + 1] === '-') && isDigit(text[j + 2])))
        ) {
          j += 2;
          while (isDigit(text[j])) j++;
        }
      }
      push('number', j);
    } else if (c === '?' || ((c === ':' || c === '@' || c === '$') && isIdentChar(next))) {
      let j = i + 1;
      while (isIdentChar(text[j])) j++;
      push('param', j);
    } else if (isIdentChar(c)) {
      let j = i + 1;
      while (isIdentChar(text[j])) j++;
      push('word', j);
    } else if (c === ';') {
      push('semicolon', i + 1);
    } else {
      const op = MULTI_CHAR_OPERATORS.find((o) => text.startsWith(o, i));
      push('operator', i + (op ? op.length : 1));
    }
  }
  return tokens;
}

/** The identifier a word or quoted-identifier token names (quotes removed, escapes undone). */
export function identifierValue(token: SqlToken): string {
  if (token.kind !== 'quoted-ident') return token.text;
  const open = token.text[0];
  const close = open === '[' ? ']' : open;
  const closed = token.text.length >= 2 && token.text.endsWith(close as string);
  const inner = token.text.slice(1, closed ? -1 : undefined);
  return open === '[' ? inner : inner.split(`${close}${close}`).join(close);
}

/** True when the token is a bare word equal to the keyword (ASCII case-insensitive). */
export function isKeyword(token: SqlToken | undefined, keyword: string): boolean {
  return token !== undefined && token.kind === 'word' && token.text.toUpperCase() === keyword;
}

/** SQLite folds only ASCII letters when comparing identifiers. */
export function sameIdentifier(a: string, b: string): boolean {
  return a.length === b.length && a.replace(/[A-Z]/g, (m) => m.toLowerCase()) === b.replace(/[A-Z]/g, (m) => m.toLowerCase());
}

/**
 * Index of the token that ends the first statement starting at token `from` (its `;`), or -1
 * when it runs to the end. A CREATE TRIGGER body holds `;` between BEGIN and END, so those do
 * not end the statement.
 */
export function firstStatementEnd(tokens: SqlToken[], from = 0): number {
  const isTrigger = isKeyword(tokens[from], 'CREATE') && tokens.slice(from + 1, from + 4).some((t) => isKeyword(t, 'TRIGGER'));
  let inBody = false;
  // CASE ... END inside a trigger body must not be taken for the body's END.
  let caseDepth = 0;
  for (let i = from; i < tokens.length; i++) {
    const t = tokens[i] as SqlToken;
    if (isTrigger && isKeyword(t, 'BEGIN')) inBody = true;
    else if (isTrigger && inBody && isKeyword(t, 'CASE')) caseDepth++;
    else if (isTrigger && inBody && isKeyword(t, 'END')) {
      if (caseDepth > 0) caseDepth--;
      else inBody = false;
    } else if (t.kind === 'semicolon' && !inBody) return i;
  }
  return -1;
}
