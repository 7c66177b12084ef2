import type { ExecResult } from '../../../core/sql/protocol.ts';
import { sharedMetricsClient } from '../../workbench/metrics-client.ts';

/**
 * The Experiments screen's queries (the experiment tables, daily counts, the breakdown, the
 * learner's per-arm query) run in the app's shared analytics worker, never on the UI thread and
 * never in the sandbox's database: the worker opens each bundled database read-only by id and
 * keeps it open, so the warehouse is held once for the registry, the dashboards and this screen.
 */

/** The databases the screen reads: the warehouse (exp_* tables) and the experiments database. */
export type ExperimentDatabase = 'hanbit-warehouse' | 'hanbit-experiments';

/** A SQL error the learner's query raised (the engine's words, with where it points). */
export class ExperimentSqlError extends Error {
  readonly line: number;
  constructor(message: string, line: number) {
    super(message);
    this.name = 'ExperimentSqlError';
    this.line = line;
  }
}

/**
 * Runs one or more statements on a database in the worker; a SQL error rejects as ExperimentSqlError.
 * Aborting `signal` stops this query only (MetricsCancelledError), not the other screens' work.
 */
export async function runExperimentSql(database: ExperimentDatabase, sql: string, maxRows = 5000, signal?: AbortSignal): Promise<ExecResult> {
  const result = await sharedMetricsClient().query(database, sql, maxRows, signal ? { signal } : {});
  if (result.error) throw new ExperimentSqlError(result.error.message, result.error.line);
  return result;
}
