import { firstStatementEnd, identifierValue, isKeyword, tokenizeSql, type SqlToken } from '../sql/sql-tokens.ts';

/**
 * A task's SQL cut into statements by the app's own tokenizer (so each can be checked for cancel
 * between them and its error line mapped back), with what each statement writes, found from its
 * tokens: `INSERT INTO t`, `DELETE FROM t`, `UPDATE t`, `CREATE TABLE t`, `DROP TABLE t`. Not a
 * parser; enough to say which tables a task wrote.
 */

/** One statement of a task's SQL. */
export interface TaskStatement {
  text: string;
  /** Offset of its first character in the task's SQL. */
  offset: number;
  /** Lines before it in the task's SQL (added to an error's line). */
  lineOffset: number;
  /** The statement's kind by its leading verb (after any WITH clause): INSERT, DELETE, CREATE, SELECT, ... */
  verb: string;
  /** The table it writes, if any. */
  writes: string | null;
  /** CREATE TABLE … AS SELECT (SQLite counts no changes for it). */
  createAs: boolean;
  /** BEGIN, COMMIT, SAVEPOINT and the like. */
  transaction: boolean;
}

const WRITE_VERBS = new Set(['INSERT', 'REPLACE', 'DELETE', 'UPDATE', 'CREATE', 'DROP', 'ALTER', 'SELECT', 'VALUES']);
const TRANSACTION_VERBS = new Set(['BEGIN', 'COMMIT', 'END', 'ROLLBACK', 'SAVEPOINT', 'RELEASE']);

/** The name after index i, skipping `schema.`; null when there is none. */
function nameAt(tokens: SqlToken[], i: number): string | null {
  let t = tokens[i];
  if (!t || (t.kind !== 'word' && t.kind !== 'quoted-ident')) return null;
  if (tokens[i + 1]?.text === '.') t = tokens[i + 2];
  return t && (t.kind === 'word' || t.kind === 'quoted-ident') ? identifierValue(t) : null;
}

/** What one statement's tokens say it does. */
function describe(tokens: SqlToken[]): Pick<TaskStatement, 'verb' | 'writes' | 'createAs' | 'transaction'> {
  let depth = 0;
  let v = -1;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as SqlToken;
    if (t.text === '(') depth++;
    else if (t.text === ')') depth--;
    else if (depth === 0 && t.kind === 'word' && (i === 0 ? true : WRITE_VERBS.has(t.text.toUpperCase()))) {
      if (i === 0 && t.text.toUpperCase() === 'WITH') continue;
      v = i;
      break;
    }
  }
  const head = v >= 0 ? (tokens[v] as SqlToken).text.toUpperCase() : '';
  const out = { verb: head, writes: null as string | null, createAs: false, transaction: TRANSACTION_VERBS.has(head) };
  let i = v + 1;
  const skip = (...words: string[]): void => {
    while (words.some((w) => isKeyword(tokens[i], w))) i++;
  };
  if (head === 'INSERT' || head === 'REPLACE') {
    skip('OR', 'ROLLBACK', 'ABORT', 'REPLACE', 'FAIL', 'IGNORE');
    skip('INTO');
    out.writes = nameAt(tokens, i);
  } else if (head === 'DELETE') {
    skip('FROM');
    out.writes = nameAt(tokens, i);
  } else if (head === 'UPDATE') {
    skip('OR', 'ROLLBACK', 'ABORT', 'REPLACE', 'FAIL', 'IGNORE');
    out.writes = nameAt(tokens, i);
  } else if (head === 'CREATE' || head === 'DROP' || head === 'ALTER') {
    skip('TEMP', 'TEMPORARY');
    if (!isKeyword(tokens[i], 'TABLE')) return out;
    i++;
    skip('IF', 'NOT', 'EXISTS');
    out.writes = nameAt(tokens, i);
    if (head === 'CREATE') {
      let d = 0;
      for (let j = i; j < tokens.length; j++) {
        const t = tokens[j] as SqlToken;
        if (t.text === '(') d++;
        else if (t.text === ')') d--;
        else if (d === 0 && isKeyword(t, 'AS')) {
          out.createAs = true;
          break;
        }
      }
    }
  }
  return out;
}

/** The statements of a task's SQL, in order (empty when it holds only comments and whitespace). */
export function splitStatements(sql: string): TaskStatement[] {
  const tokens = tokenizeSql(sql);
  const out: TaskStatement[] = [];
  let t = 0;
  while (t < tokens.length) {
    const first = tokens[t] as SqlToken;
    if (first.kind === 'semicolon') {
      t++;
      continue;
    }
    const endIndex = firstStatementEnd(tokens, t);
    const end = endIndex < 0 ? sql.length : (tokens[endIndex] as SqlToken).end;
    const text = sql.slice(first.start, end);
    const own = tokens.slice(t, endIndex < 0 ? tokens.length : endIndex);
    out.push({ text, offset: first.start, lineOffset: (sql.slice(0, first.start).match(/\n/g) ?? []).length, ...describe(own) });
    t = endIndex < 0 ? tokens.length : endIndex + 1;
  }
  return out;
}
