import type { SqlJsStatic } from 'sql.js';
import { SqlEngine } from '../sql/engine.ts';
import type { ExecResult } from '../sql/protocol.ts';
import type { DispatchOutcome, ServeContext } from '../worker/serve.ts';
import type * as AuditTs from './audit.ts';
import type { MetricAudit, TableColumns } from './audit.ts';
import type { Grain, Metric } from './schema.ts';
import { SeriesRunner, type BatchResult, type SeriesRequest } from './series.ts';

/*
 * The analytics worker's protocol and request handler, shared by the browser worker
 * (renderer/workbench/metrics.worker.ts) and its Node twin: open a bundled database read-only,
 * run a batch of metric series in one round trip (progress per series), run a plain query, audit a
 * metric's SQL (node-sql-parser, loaded on the first audit so it never reaches the main thread nor
 * slows the first series). Each database stays open with its own series cache until the worker is
 * replaced (a cancel).
 */

/** The start of the error a request for a database this worker has not opened fails with (the client reopens and retries). */
export const NOT_OPEN = 'metrics-worker: database not open:';

/** The analytics worker's protocol. */
export type MetricsProtocol = {
  /** Opens (or reopens) a database from its bytes, read-only. */
  open: { request: { database: string; bytes: Uint8Array }; result: { database: string; tables: number } };
  /** Runs metric series on an open database; progress is series done of the total. */
  batch: { request: { database: string; items: SeriesRequest[] }; result: BatchResult };
  /** Runs a plain query (read-only) on an open database. */
  query: { request: { database: string; sql: string; maxRows: number }; result: ExecResult };
  /** A metric's audit trail at a grain (tables and columns read); needs no open database. */
  audit: { request: { metric: Metric; grain: Grain; schema?: TableColumns }; result: MetricAudit };
};

/** A request of the metrics protocol as it reaches the worker. */
export type MetricsRequest = {
  [A in keyof MetricsProtocol]: { id: number; action: A } & MetricsProtocol[A]['request'];
}[keyof MetricsProtocol];

type AuditModule = typeof AuditTs;

interface OpenDatabase {
  engine: SqlEngine;
  runner: SeriesRunner;
}

/** Opens bytes as a read-only database: a write fails in SQLite ("attempt to write a readonly database"). */
export function openReadOnly(sql: SqlJsStatic, bytes: Uint8Array): { engine: SqlEngine; tables: number } {
  const engine = new SqlEngine(sql);
  const { tables } = engine.open(bytes);
  // The engine's guard refuses a learner's PRAGMA; this one is the app's own, before any learner SQL.
  engine.database().exec('PRAGMA query_only = ON');
  return { engine, tables };
}

/** A metrics request handler over sql.js. */
export function metricsRequestHandler(
  sqlReady: Promise<SqlJsStatic>,
): (request: MetricsRequest, ctx: ServeContext) => Promise<DispatchOutcome> {
  const open = new Map<string, OpenDatabase>();
  // The parser is a large module: imported on the first audit only.
  let audit: Promise<AuditModule> | null = null;
  const need = (database: string): OpenDatabase => {
    const db = open.get(database);
    if (!db) throw new Error(`${NOT_OPEN} ${database}`);
    return db;
  };
  return async (request, ctx) => {
    const { id } = request;
    const ok = (value: unknown): DispatchOutcome => ({ response: { id, ok: true, value }, transfer: [] });
    if (request.action === 'audit') {
      audit ??= import('./audit.ts');
      const { auditMetric } = await audit;
      const { metric, grain, schema } = request;
      return ok(auditMetric(metric, { grain, ...(schema ? { schema } : {}) }));
    }
    const sql = await sqlReady;
    switch (request.action) {
      case 'open': {
        open.get(request.database)?.engine.close();
        const { engine, tables } = openReadOnly(sql, request.bytes);
        open.set(request.database, { engine, runner: new SeriesRunner(engine) });
        return ok({ database: request.database, tables });
      }
      case 'batch': {
        const { runner } = need(request.database);
        return ok(runner.runBatch(request.database, request.items, (done, total) => ctx.progress({ done, total })));
      }
      case 'query':
        return ok(need(request.database).engine.exec(request.sql, request.maxRows));
      default: {
        const unknown: never = request;
        throw new Error(`Unknown action: ${JSON.stringify(unknown)}`);
      }
    }
  };
}
