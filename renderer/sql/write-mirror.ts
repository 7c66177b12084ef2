import { firstStatementEnd, tokenizeSql, type SqlToken } from '../../core/sql/sql-tokens.ts';

/**
 * Which of the learner's batches SqlClient may replay in its standby workers (see sql-client.ts):
 * a batch that writes, with nothing in it whose result depends on the worker that runs it (the
 * clock, random numbers, the connection's own change counters) and no transaction control (a
 * replay runs in autocommit; the learner's transaction is the active worker's alone). Decided
 * from the text before anything is posted, so the decision never waits for a worker.
 */

/** What a batch does, as far as replaying it elsewhere is concerned. */
export interface BatchKind {
  /** Some statement may change the database (anything but a query). */
  writes: boolean;
  /** Replaying it on a copy of the same database gives the same database. */
  replayable: boolean;
  /** It begins, ends or marks a transaction (BEGIN, COMMIT, END, ROLLBACK, SAVEPOINT, RELEASE). */
  transaction: boolean;
}

const QUERY_HEADS = new Set(['SELECT', 'VALUES', 'EXPLAIN']);
const WRITE_WORDS = new Set(['INSERT', 'UPDATE', 'DELETE', 'REPLACE']);
const TRANSACTION_HEADS = new Set(['BEGIN', 'COMMIT', 'END', 'ROLLBACK', 'SAVEPOINT', 'RELEASE']);
/** Functions whose value differs between two runs or two connections. */
const UNSTABLE_FUNCTIONS = new Set(['RANDOM', 'RANDOMBLOB', 'CHANGES', 'TOTAL_CHANGES', 'LAST_INSERT_ROWID']);
const UNSTABLE_WORDS = new Set(['CURRENT_DATE', 'CURRENT_TIME', 'CURRENT_TIMESTAMP']);
/** Date functions that read the clock when called without a time value. */
const CLOCK_FUNCTIONS = new Set(['DATE', 'TIME', 'DATETIME', 'JULIANDAY', 'UNIXEPOCH', 'TIMEDIFF']);

function upper(token: SqlToken | undefined): string {
  return token?.kind === 'word' ? token.text.toUpperCase() : '';
}

/** True when the tokens read the clock or a random or per-connection value. */
function unstable(tokens: SqlToken[]): boolean {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as SqlToken;
    if (t.kind === 'string' && t.text.slice(1, -1).trim().toLowerCase() === 'now') return true;
    const word = upper(t);
    if (!word) continue;
    if (UNSTABLE_WORDS.has(word)) return true;
    const open = tokens[i + 1];
    if (open?.text !== '(') continue;
    if (UNSTABLE_FUNCTIONS.has(word)) return true;
    // date() or strftime('%Y') with no time value is now.
    if (CLOCK_FUNCTIONS.has(word) && tokens[i + 2]?.text === ')') return true;
    if (word === 'STRFTIME' && tokens[i + 2]?.kind === 'string' && tokens[i + 3]?.text === ')') return true;
  }
  return false;
}

/** Classifies a batch of statements (see BatchKind). */
export function batchKind(sql: string): BatchKind {
  const tokens = tokenizeSql(sql);
  let writes = false;
  let transaction = false;
  let t = 0;
  while (t < tokens.length) {
    if (tokens[t]?.kind === 'semicolon') {
      t++;
      continue;
    }
    const end = firstStatementEnd(tokens, t);
    const statement = tokens.slice(t, end < 0 ? tokens.length : end);
    const head = upper(statement[0]);
    if (TRANSACTION_HEADS.has(head)) transaction = true;
    else if (head === 'WITH') writes ||= statement.some((s) => WRITE_WORDS.has(upper(s)));
    else if (!QUERY_HEADS.has(head)) writes = true;
    t = end < 0 ? tokens.length : end + 1;
  }
  return { writes, transaction, replayable: writes && !transaction && !unstable(tokens) };
}

/** The tables and views a batch creates, by name (what the learner would lose with it). */
export function createdNames(sql: string): string[] {
  const tokens = tokenizeSql(sql);
  const names: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (upper(tokens[i]) !== 'CREATE') continue;
    let j = i + 1;
    if (['TEMP', 'TEMPORARY'].includes(upper(tokens[j]))) j++;
    if (!['TABLE', 'VIEW'].includes(upper(tokens[j]))) continue;
    j++;
    if (upper(tokens[j]) === 'IF' && upper(tokens[j + 1]) === 'NOT' && upper(tokens[j + 2]) === 'EXISTS') j += 3;
    // schema.name: the name is the last part.
    if (tokens[j + 1]?.text === '.') j += 2;
    const name = tokens[j];
    if (!name) continue;
    names.push(name.kind === 'quoted-ident' ? name.text.slice(1, -1).replace(/""/g, '"') : name.text);
  }
  return names;
}
