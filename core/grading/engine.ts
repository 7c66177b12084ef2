import type { LakeReader } from '../pipeline/lake.ts';
import type { ExecResult, ResultSet, SchemaObject, SqlErrorInfo } from '../sql/protocol.ts';

/**
 * What the grader needs from a SQL engine and from the datasets. SqlEngine (core/sql/engine.ts)
 * satisfies GradingEngine as is; give the grader its own instance so grading never touches the
 * learner's sandbox database.
 */

/** The slice of SqlEngine the grader uses. */
export interface GradingEngine {
  open(bytes: Uint8Array): unknown;
  exec(sql: string, maxRows: number): ExecResult;
  schema(): SchemaObject[];
}

/** Which copy of a database: the one the learner sees, or the hidden variant built from another seed. */
export type DatabaseCopy = 'visible' | 'variant';

/** The bytes of the bundled databases, by catalog id. Returns null when a copy does not exist. */
export interface DatabaseProvider {
  bytes(id: string, copy: DatabaseCopy): Uint8Array | null;
}

/**
 * The raw files of the data lakes (pipeline steps extract from them), by catalog lake id ('hanbit')
 * and copy: the visible lake, or the hidden variant's lake built from the variant seed. A reader
 * is async: the browser fetches a file when a pipeline reads it, Node reads the disk.
 */
export interface LakeProvider {
  /** The lake's reader, or null when this copy of it does not exist. */
  reader(lake: string, copy: DatabaseCopy): LakeReader | null;
}

/** Everything grading needs besides the step and the answer. */
export interface GradeContext {
  engine: GradingEngine;
  databases: DatabaseProvider;
  /** The lakes, for step kinds that extract from them (pipeline steps); absent where no lake is reachable. */
  lakes?: LakeProvider | undefined;
}

/** Rows the grader reads from one result; beyond it the answer is refused as too large to grade. */
export const GRADE_MAX_ROWS = 100_000;

/** The outcome of running a script on a fresh copy of a database. */
export type RunOutcome =
  | { ok: true; results: ResultSet[] }
  | { ok: false; stage: 'setup' | 'main'; error: SqlErrorInfo }
  | { ok: false; stage: 'database'; database: string };

/** Opens a fresh copy of the database, runs the setup (the step's starting state), then the script. */
export function runOnFreshCopy(
  ctx: GradeContext,
  database: string,
  copy: DatabaseCopy,
  setup: string | undefined,
  sql: string,
): RunOutcome {
  const bytes = ctx.databases.bytes(database, copy);
  if (!bytes) return { ok: false, stage: 'database', database };
  ctx.engine.open(bytes);
  if (setup !== undefined && setup.trim() !== '') {
    const prepared = ctx.engine.exec(setup, 0);
    if (prepared.error) return { ok: false, stage: 'setup', error: prepared.error };
  }
  const run = ctx.engine.exec(sql, GRADE_MAX_ROWS);
  if (run.error) return { ok: false, stage: 'main', error: run.error };
  return { ok: true, results: run.results };
}

/** The result a query step grades: the last statement that returned columns, if it is the last statement. */
export function finalResult(results: ResultSet[]): ResultSet | null {
  const last = results[results.length - 1];
  return last && last.columns.length > 0 ? last : null;
}
