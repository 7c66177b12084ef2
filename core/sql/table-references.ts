import { identifierValue, isKeyword, sameIdentifier, type SqlToken } from './sql-tokens.ts';
import { SQLITE_KEYWORDS } from './sqlite-words.ts';

/**
 * Which tables a statement reads and by which names (aliases), found from tokens alone. Good
 * enough to narrow "did you mean" to the tables in play and to map a plan's `SCAN c` back to
 * `customers`; it is not a parser and does not need to be.
 */

/** A schema table used by the statement, and the alias it goes by there (null when none). */
export interface TableReference {
  table: string;
  alias: string | null;
}

/** What the statement names: schema tables (with aliases) and other names that can qualify a column. */
export interface StatementNames {
  tables: TableReference[];
  /** CTE names and subquery aliases: valid qualifiers whose columns are not in the schema. */
  derived: string[];
}

/** True for a word or quoted identifier that is not an SQL keyword. */
export function isPlainName(t: SqlToken | undefined): t is SqlToken {
  if (!t) return false;
  if (t.kind === 'quoted-ident') return true;
  return t.kind === 'word' && !SQLITE_KEYWORDS.has(t.text.toUpperCase());
}

/** Reads `[AS] alias` after index i; returns the alias or null. */
function aliasAfter(tokens: SqlToken[], i: number): string | null {
  let j = i + 1;
  if (isKeyword(tokens[j], 'AS')) j++;
  const t = tokens[j];
  if (!isPlainName(t)) return null;
  // `name(` would be a function call or a CTE's column list, not an alias.
  if (tokens[j + 1]?.text === '(' || tokens[j + 1]?.text === '.') return null;
  return identifierValue(t);
}

/** Finds the schema tables a statement uses, their aliases, and its CTE and subquery names. */
export function statementNames(tokens: SqlToken[], tableNames: readonly string[]): StatementNames {
  const tables: TableReference[] = [];
  const derived: string[] = [];
  const schemaName = (name: string): string | undefined => tableNames.find((n) => sameIdentifier(n, name));
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as SqlToken;
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    if (t.kind === 'word' || t.kind === 'quoted-ident') {
      if (prev?.text === '.' || next?.text === '.') continue;
      // A CTE: `WITH name AS (` or `, name(cols) AS (`.
      if (isPlainName(t) && (prev?.text === ',' || isKeyword(prev, 'WITH') || isKeyword(prev, 'RECURSIVE'))) {
        let j = i + 1;
        if (tokens[j]?.text === '(') {
          while (j < tokens.length && tokens[j]?.text !== ')') j++;
          j++;
        }
        if (
          isKeyword(tokens[j], 'AS') &&
          (tokens[j + 1]?.text === '(' || isKeyword(tokens[j + 1], 'MATERIALIZED') || isKeyword(tokens[j + 1], 'NOT'))
        ) {
          derived.push(identifierValue(t));
          continue;
        }
      }
      const table = schemaName(identifierValue(t));
      if (table) {
        const alias = aliasAfter(tokens, i);
        if (!tables.some((r) => r.table === table && r.alias === alias)) tables.push({ table, alias });
      }
    } else if (t.text === ')') {
      // `(SELECT …) AS x` or `(SELECT …) x`: a derived table's alias.
      const alias = aliasAfter(tokens, i);
      if (alias) derived.push(alias);
    }
  }
  return { tables, derived };
}

/** The schema table an alias or table name stands for in this statement, if any. */
export function resolveQualifier(names: StatementNames, qualifier: string): string | null {
  const byAlias = names.tables.find((r) => r.alias !== null && sameIdentifier(r.alias, qualifier));
  if (byAlias) return byAlias.table;
  const byName = names.tables.find((r) => r.alias === null && sameIdentifier(r.table, qualifier));
  if (byName) return byName.table;
  // A table referred to by name even though it also has an alias: SQLite rejects that, so not resolved.
  return null;
}
