import { CATALOG_PATH, parseCatalog } from '../../../core/datasets/catalog.ts';
import type { ExecResult } from '../../../core/sql/protocol.ts';
import { SqlClient } from '../../sql/sql-client.ts';

/**
 * The Experiments screen's own SQL worker: its queries (the experiment tables, the learner's
 * per-arm query) run there, never on the UI thread, and never disturb the sandbox's database.
 * Read-only use: nothing here writes, so no snapshot is ever taken.
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

let client: SqlClient | null = null;
let opened: ExperimentDatabase | null = null;
let opening: Promise<void> | null = null;
let catalog: Promise<Map<string, { file: string; sha256?: string }>> | null = null;

function files(): Promise<Map<string, { file: string; sha256?: string }>> {
  catalog ??= fetch(CATALOG_PATH)
    .then((res) => {
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return res.json() as Promise<unknown>;
    })
    .then((json) => {
      const parsed = parseCatalog(json);
      if (!parsed.ok) throw new Error(parsed.reason);
      return new Map(parsed.catalog.databases.map((d) => [d.id, { file: d.file, ...(d.sha256 !== undefined ? { sha256: d.sha256 } : {}) }]));
    });
  catalog.catch(() => {
    catalog = null;
  });
  return catalog;
}

async function openOn(database: ExperimentDatabase): Promise<SqlClient> {
  client ??= new SqlClient();
  const c = client;
  while (opened !== database) {
    if (opening) {
      await opening.catch(() => undefined);
      continue;
    }
    opening = (async () => {
      const entry = (await files()).get(database);
      if (!entry) throw new Error(`The database '${database}' is not in the catalog.`);
      await c.open({ id: database, url: `datasets/${entry.file}`, ...(entry.sha256 !== undefined ? { sha256: entry.sha256 } : {}) });
      opened = database;
    })().finally(() => {
      opening = null;
    });
    await opening;
  }
  return c;
}

/** Runs one or more statements on a database in the worker; a SQL error rejects as ExperimentSqlError. */
export async function runExperimentSql(database: ExperimentDatabase, sql: string, maxRows = 5000): Promise<ExecResult> {
  const c = await openOn(database);
  const result = await c.exec(sql, { maxRows });
  if (result.error) throw new ExperimentSqlError(result.error.message, result.error.line);
  return result;
}

/** Stops whatever query runs (the learner's runaway query); the worker comes back with the database. */
export async function cancelExperimentSql(): Promise<void> {
  await client?.cancel();
}
