import type { Database, SqlJsStatic } from 'sql.js';
import type { LakeReader } from '../pipeline/lake.ts';
import { SqlEngine } from '../sql/engine.ts';
import type { DispatchOutcome, ServeContext } from '../worker/serve.ts';
import { LakeSourceCache } from './quality/lake-source.ts';
import type { DatasetPeriod } from './quality/period.ts';
import { runQualityFile, runQualityHistory, type QualityHistoryRun, type QualitySources } from './quality/run.ts';
import type { QualityRun } from './types.ts';
import type { LineageGraph } from './types.ts';
import type { LineageInputs } from './lineage-inputs.ts';
import type * as LineageTs from './lineage.ts';
import type * as MaskTs from './mask.ts';
import type { MaskCheckDetail, MaskCheckOptions } from './mask.ts';
import { failedMaskCheck } from './mask-failed.ts';
import type { ExecResult, SqlErrorInfo } from '../sql/protocol.ts';

/*
 * The governance worker's protocol and request handler, shared by the browser worker
 * (renderer/workbench/governance.worker.ts) and its Node twin (scripts/lib/node-governance-worker-entry.ts).
 * The worker keeps each opened database as a PRIVATE WRITABLE copy (the client sends a copy of the
 * bundled bytes, which never change): a masked view may be created in it, a quality check only reads.
 * Lake files named by a check file are extracted once into their own in-memory database and kept.
 *
 * Adding an action (lineage, pii-mask helpers): add its request/result to your own block of the
 * protocol below, its `case` to the switch in governanceRequestHandler (TypeScript's exhaustive
 * check names a missing one), and a one-line method to renderer/workbench/governance-client.ts that
 * calls `this.run(...)`. The handler's `GovernanceState` gives you the open databases (`database(id)`
 * throws NOT_OPEN, which makes the client open it and retry) and sql.js.
 */

/** The start of the error a request for a database this worker has not opened fails with (the client opens and retries). */
export const NOT_OPEN = 'governance-worker: database not open:';

/** The database id named by a NOT_OPEN error, or null for any other error. */
export function notOpenDatabase(message: string): string | null {
  return message.startsWith(NOT_OPEN) ? message.slice(NOT_OPEN.length).trim() : null;
}

/** Actions of the quality checks (owner: quality). */
export type QualityActions = {
  /** Opens (or reopens) a database from a private copy of its bytes, writable. */
  open: { request: { database: string; bytes: Uint8Array }; result: { database: string; tables: number } };
  /**
   * Runs a check file (core/governance/quality) on the open databases and the lake under `datasets`
   * (the served datasets folder's URL in the app, a folder path in Node), optionally as of a day.
   * Progress: checks done of the total, with `current` naming the source being read or the check running.
   */
  quality: { request: { yaml: string; asOf?: string | null; datasets: string; unavailable?: string[] }; result: QualityRun };
  /** Every check of the file on every simulated day; progress is checks done of the total. */
  history: { request: { yaml: string; datasets: string; unavailable?: string[] }; result: QualityHistoryRun };
};

/** Actions of the lineage graph (owner: lineage). */
export type LineageActions = {
  /**
   * Builds the lineage graph (core/governance/lineage.ts) from its inputs, adding the views found in
   * sqlite_master of those `viewDatabases` the worker has open (a masked view made in its copy).
   */
  lineage: { request: { inputs: LineageInputs; viewDatabases?: string[] }; result: LineageGraph };
};

/** Actions of the masked views (owner: pii-mask). */
export type MaskActions = {
  /**
   * Runs the learner's SQL (CREATE VIEW included) on the worker's private writable copy of `database`
   * with pseudonym() registered under `key`. `reset` first drops every table and view the learner made
   * in that copy, so the same CREATE VIEW can run again.
   */
  'mask-query': {
    request: { database: string; sql: string; key: string; maxRows?: number; reset?: boolean };
    result: ExecResult;
  };
  /**
   * Checks a view (core/governance/mask.ts checkMaskedView) under the key. With `sql`, the copy is
   * reset and the SQL run first, so the view checked is the one written; its SQL error becomes the
   * check's message.
   */
  'mask-check': { request: { database: string; sql?: string } & MaskCheckOptions; result: MaskCheckDetail };
};

/** The governance worker's protocol. */
export type GovernanceProtocol = QualityActions & LineageActions & MaskActions;

/** A request of the governance protocol as it reaches the worker. */
export type GovernanceRequest = {
  [A in keyof GovernanceProtocol]: { id: number; action: A } & GovernanceProtocol[A]['request'];
}[keyof GovernanceProtocol];

/** What the worker is given: sql.js (once started) and how to read a lake. */
export interface GovernanceWorkerInit {
  sql: Promise<SqlJsStatic>;
  /** The lake `lakeId` under `datasets` (a URL in the app, a folder in Node). */
  lakeFor(datasets: string, lakeId: string): LakeReader;
  /** The simulated days of the data under `datasets` (its manifest's period), or null. */
  periodFor(datasets: string): Promise<DatasetPeriod | null>;
}

/** What every action's code can reach: the open databases and sql.js. */
export interface GovernanceState {
  sql: SqlJsStatic;
  /** The open database's engine by catalog id; throws NOT_OPEN when the client has not opened it. */
  engine(database: string): SqlEngine;
  /** The open database's sql.js Database by catalog id; throws NOT_OPEN likewise. */
  database(database: string): Database;
  /** The sources a check file runs on: the open databases (`unavailable` ones do not exist) and the lake under `datasets`. */
  sources(datasets: string, unavailable?: string[]): Promise<QualitySources>;
}

/** Drops every table and view the learner made in an open copy (views first: they may read the tables). */
function dropOwn(e: SqlEngine): void {
  const db = e.database();
  const own = e.ownTables().map((name) => ({ name, type: db.exec('SELECT type FROM sqlite_master WHERE name = ?', [name])[0]?.values[0]?.[0] }));
  for (const kind of ['view', 'table'] as const)
    for (const o of own.filter((x) => x.type === kind)) db.exec(`DROP ${kind.toUpperCase()} IF EXISTS "${o.name.replace(/"/g, '""')}"`);
}

/** A failed check whose only message is the SQL's error (the view was never made). */
function sqlErrorCheck(view: string, error: SqlErrorInfo): MaskCheckDetail {
  return failedMaskCheck(view, [
    {
      ko: `SQL 오류(${error.line}행 ${error.column}열): ${error.message}`,
      en: `SQL error at line ${error.line}, column ${error.column}: ${error.message}`,
    },
  ]);
}

/** A governance request handler over sql.js. */
export function governanceRequestHandler(init: GovernanceWorkerInit): (request: GovernanceRequest, ctx: ServeContext) => Promise<DispatchOutcome> {
  const open = new Map<string, SqlEngine>();
  const lakes = new Map<string, LakeSourceCache>();
  const periods = new Map<string, Promise<DatasetPeriod | null>>();
  let ready: SqlJsStatic | null = null;
  let lineage: Promise<typeof LineageTs> | null = null;
  let mask: Promise<typeof MaskTs> | null = null;
  const engine = (database: string): SqlEngine => {
    const e = open.get(database);
    if (!e) throw new Error(`${NOT_OPEN} ${database}`);
    return e;
  };
  const state = (sql: SqlJsStatic): GovernanceState => ({
    sql,
    engine,
    database: (database) => engine(database).database(),
    sources: async (datasets, unavailable = []) => {
      let cache = lakes.get(datasets);
      if (!cache) {
        cache = new LakeSourceCache(sql, (lakeId) => init.lakeFor(datasets, lakeId));
        lakes.set(datasets, cache);
      }
      let period = periods.get(datasets);
      if (!period) {
        period = init.periodFor(datasets).catch(() => null);
        periods.set(datasets, period);
      }
      return { database: (id) => (unavailable.includes(id) ? null : engine(id).database()), lake: cache, period: await period };
    },
  });
  return async (request, ctx) => {
    const { id } = request;
    const ok = (value: unknown): DispatchOutcome => ({ response: { id, ok: true, value }, transfer: [] });
    ready ??= await init.sql;
    const s = state(ready);
    switch (request.action) {
      // ------------------------------------------------------------ quality (owner: quality)
      case 'open': {
        open.get(request.database)?.close();
        const e = new SqlEngine(s.sql);
        const { tables } = e.open(request.bytes);
        open.set(request.database, e);
        return ok({ database: request.database, tables });
      }
      case 'quality':
        return ok(
          await runQualityFile(request.yaml, await s.sources(request.datasets, request.unavailable), {
            asOf: request.asOf ?? null,
            onProgress: (done, total, current) => ctx.progress(current ? { done, total, current } : { done, total }),
          }),
        );
      case 'history':
        return ok(
          await runQualityHistory(request.yaml, await s.sources(request.datasets, request.unavailable), {
            onProgress: (done, total) => ctx.progress({ done, total }),
          }),
        );
      // ------------------------------------------------------------ lineage (owner: lineage)
      case 'lineage': {
        // The parser is a large module: loaded on the first lineage only.
        lineage ??= import('./lineage.ts');
        const { buildLineage } = await lineage;
        const views = [...request.inputs.views];
        for (const database of request.viewDatabases ?? []) {
          if (!open.has(database)) continue;
          const found = s.engine(database).exec("SELECT sql FROM sqlite_master WHERE type = 'view' AND sql IS NOT NULL ORDER BY name", 1000);
          for (const row of found.results[0]?.rows ?? [])
            if (typeof row[0] === 'string' && !views.some((v) => v.database === database && v.sql === row[0]))
              views.push({ database, sql: row[0], owner: null, learner: true });
        }
        return ok(buildLineage({ ...request.inputs, views }));
      }
      // ------------------------------------------------------------ masked views (owner: pii-mask)
      case 'mask-query': {
        const e = s.engine(request.database);
        if (request.reset === true) dropOwn(e);
        e.setPseudonymKey(request.key);
        return ok(e.exec(request.sql, request.maxRows ?? 1000));
      }
      case 'mask-check': {
        // Parses the view's SQL: the parser loads on the first check only.
        mask ??= import('./mask.ts');
        const { checkMaskedView } = await mask;
        const { id: _id, action: _action, database, sql, ...options } = request;
        const e = s.engine(database);
        if (sql !== undefined) {
          dropOwn(e);
          e.setPseudonymKey(options.key);
          const run = e.exec(sql, 0);
          if (run.error) return ok(sqlErrorCheck(options.view, run.error));
        }
        e.setPseudonymKey(options.key);
        return ok(checkMaskedView(e.database(), options));
      }
      default: {
        const unknown: never = request;
        throw new Error(`Unknown action: ${JSON.stringify(unknown)}`);
      }
    }
  };
}
