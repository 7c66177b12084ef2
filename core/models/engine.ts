import type { Cell, ColumnInfo } from '../sql/protocol.ts';
import type { SqlEngine } from '../sql/engine.ts';

/**
 * What a build needs from a database: run SQL, read a result, ask whether a relation exists.
 * The sandbox's SqlEngine satisfies it through `sqlEngineModelEngine`; the grader can pass its
 * own engine the same way. Methods may answer synchronously or with a promise.
 */

/** A query's result as a build keeps it: columns, the first rows and the true count. */
export interface ModelQueryResult {
  columns: ColumnInfo[];
  rows: Cell[][];
  rowCount: number;
  changes: number;
}

/** An SQL error with its place in the text that ran (1-based). */
export class ModelSqlError extends Error {
  readonly line: number;
  readonly column: number;
  constructor(message: string, line: number, column: number) {
    super(message);
    this.name = 'ModelSqlError';
    this.line = line;
    this.column = column;
  }
}

type Maybe<T> = T | Promise<T>;

/** The database a project builds in. */
export interface ModelEngine {
  /** Runs one or more statements; returns the last statement's result (rows capped at maxRows); throws ModelSqlError. */
  run(sql: string, maxRows?: number): Maybe<ModelQueryResult | null>;
  /** 'table', 'view' or null for a name in the main schema (case-insensitive, as SQLite). */
  relationType(name: string): Maybe<'table' | 'view' | null>;
}

/** A ModelEngine over an open SqlEngine (the sandbox's sql.js engine with its statement guard). */
export function sqlEngineModelEngine(engine: SqlEngine): ModelEngine {
  const run = (sql: string, maxRows = 0): ModelQueryResult | null => {
    const result = engine.exec(sql, maxRows);
    if (result.error) throw new ModelSqlError(result.error.message, result.error.line, result.error.column);
    const last = result.results.at(-1);
    return last ? { columns: last.columns, rows: last.rows, rowCount: last.rowCount, changes: last.changes } : null;
  };
  return {
    run,
    relationType(name) {
      const quoted = `'${name.replace(/'/g, "''")}'`;
      const r = run(`select type from main.sqlite_master where name = ${quoted} collate nocase and type in ('table', 'view')`, 1);
      const t = r?.rows[0]?.[0];
      return t === 'table' || t === 'view' ? t : null;
    },
  };
}
