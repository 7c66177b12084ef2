import { identifierValue, isKeyword, sameIdentifier, type SqlToken } from './sql-tokens.ts';
import type { SqlGuidance } from './protocol.ts';

/**
 * Refuses statements that would reach outside the sandbox or break the bundled dataset, before
 * they run. It reads tokens, so keywords inside comments and string literals never trigger it.
 */

/** What the guard needs to know about the open database. */
export interface GuardContext {
  /** True when a main-schema table or view of this name came with the bundled database. */
  isBundled(name: string): boolean;
  /** True when a temp table or view of this name exists (an unqualified DROP or ALTER would hit it first). */
  hasTempTable(name: string): boolean;
}

/** Why a statement was refused and which characters of it to mark (offsets within the statement). */
export interface Refusal {
  message: string;
  guidance: SqlGuidance;
  start: number;
  end: number;
}

/** Pragmas that only read, even when given an argument: `PRAGMA table_info(t)`. */
const READ_PRAGMAS_WITH_ARGUMENT = new Set([
  'table_info',
  'table_xinfo',
  'table_list',
  'index_info',
  'index_xinfo',
  'index_list',
  'foreign_key_list',
  'foreign_key_check',
  'integrity_check',
  'quick_check',
]);

/** Settings a learner may change: they affect only their own session's behaviour. */
const HARMLESS_PRAGMA_WRITES = new Set([
  'foreign_keys',
  'defer_foreign_keys',
  'recursive_triggers',
  'case_sensitive_like',
  'reverse_unordered_selects',
  'automatic_index',
  'optimize',
  'analysis_limit',
]);

function span(tokens: SqlToken[], from: number, to: number): { start: number; end: number } {
  let last = Math.min(to, tokens.length - 1);
  while (last > from && tokens[last]?.kind === 'semicolon') last--;
  const first = tokens[from] ?? tokens[0];
  const lastToken = tokens[last] ?? first;
  return { start: first?.start ?? 0, end: lastToken?.end ?? 0 };
}

/** Reads `[schema .] name` at index i; returns the name, its schema and the index of its last token. */
function qualifiedName(tokens: SqlToken[], i: number): { schema: string | null; name: string; last: number } | null {
  const first = tokens[i];
  if (!first || (first.kind !== 'word' && first.kind !== 'quoted-ident')) return null;
  const dot = tokens[i + 1];
  const second = tokens[i + 2];
  if (dot?.text === '.' && second && (second.kind === 'word' || second.kind === 'quoted-ident')) {
    return { schema: identifierValue(first), name: identifierValue(second), last: i + 2 };
  }
  return { schema: null, name: identifierValue(first), last: i };
}

function bundledTarget(ctx: GuardContext, target: { schema: string | null; name: string }): boolean {
  if (target.schema !== null) return sameIdentifier(target.schema, 'main') && ctx.isBundled(target.name);
  return ctx.isBundled(target.name) && !ctx.hasTempTable(target.name);
}

function bundledMessage(name: string, verb: string): string {
  return (
    `${name} is part of the bundled dataset and cannot be ${verb}; use Reset to undo changes to the data, ` +
    `or create your own copy with CREATE TABLE my_${name} AS SELECT * FROM ${name};`
  );
}

/** Checks one statement's tokens; returns null when it may run. */
export function checkStatement(tokens: SqlToken[], ctx: GuardContext): Refusal | null {
  let i = 0;
  // EXPLAIN runs nothing, but refusing the same text either way is simpler to explain.
  if (isKeyword(tokens[i], 'EXPLAIN')) {
    i++;
    if (isKeyword(tokens[i], 'QUERY') && isKeyword(tokens[i + 1], 'PLAN')) i += 2;
  }
  const head = tokens[i];
  if (!head) return null;
  const keyword = head.kind === 'word' ? head.text.toUpperCase() : '';

  if (keyword === 'ATTACH' || keyword === 'DETACH') {
    return {
      message: `${keyword} is not allowed here: queries can only use the open database, not other database files.`,
      guidance: { code: 'attach-refused', params: { keyword } },
      ...span(tokens, i, i),
    };
  }
  if (keyword === 'VACUUM' && tokens.slice(i + 1).some((t) => isKeyword(t, 'INTO'))) {
    return {
      message: 'VACUUM INTO is not allowed here: it writes a database file outside the sandbox.',
      guidance: { code: 'vacuum-into-refused', params: {} },
      ...span(tokens, i, tokens.length - 1),
    };
  }
  if (keyword === 'DROP' && (isKeyword(tokens[i + 1], 'TABLE') || isKeyword(tokens[i + 1], 'VIEW'))) {
    let j = i + 2;
    if (isKeyword(tokens[j], 'IF') && isKeyword(tokens[j + 1], 'EXISTS')) j += 2;
    const target = qualifiedName(tokens, j);
    if (target && bundledTarget(ctx, target)) {
      return {
        message: bundledMessage(target.name, 'dropped'),
        guidance: { code: 'bundled-drop', params: { name: target.name } },
        ...span(tokens, i, target.last),
      };
    }
  }
  if (keyword === 'ALTER' && isKeyword(tokens[i + 1], 'TABLE')) {
    const target = qualifiedName(tokens, i + 2);
    if (target && bundledTarget(ctx, target)) {
      return {
        message: bundledMessage(target.name, 'altered'),
        guidance: { code: 'bundled-alter', params: { name: target.name } },
        ...span(tokens, i, target.last),
      };
    }
  }
  if (keyword === 'PRAGMA') {
    const target = qualifiedName(tokens, i + 1);
    if (!target) return null;
    const after = tokens[target.last + 1];
    const name = target.name.toLowerCase();
    // Anything after the name counts as setting it: SQLite also reads `==` as `=`, and a
    // refusal of nonsense costs nothing, where a missed write changes the engine.
    const writes = after !== undefined && after.kind !== 'semicolon';
    const allowed = !writes || HARMLESS_PRAGMA_WRITES.has(name) || (after?.text === '(' && READ_PRAGMAS_WITH_ARGUMENT.has(name));
    if (!allowed) {
      return {
        message:
          `PRAGMA ${target.name} cannot be changed here: it controls how the engine runs. ` +
          'Reading pragmas works, for example PRAGMA table_info(table_name).',
        guidance: { code: 'pragma-refused', params: { name: target.name } },
        ...span(tokens, i, tokens.length - 1),
      };
    }
  }
  return null;
}
