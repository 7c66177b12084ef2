import { CATALOG_PATH, parseCatalog } from '../../../core/datasets/catalog.ts';
import type { ModelProjectFiles } from '../../../core/models/project.ts';
import { fetchDatasetBytes } from '../../sql/dataset-cache.ts';
import { ModelsCancelledError, ModelsClient } from '../../workbench/models-client.ts';
import type { BuildReport, ModelsEngine, NodeOutcome } from './engine.ts';
import { toGraph, toOutcome, toProblem } from './engine-mapping.ts';
import type { DbtIoResponse } from './dbt-io.worker.ts';

/*
 * The workbench's engine over the models worker (renderer/workbench/models-client.ts): check,
 * build with progress, cancel, compile, read a built model. One client for the app; a lesson's
 * workbench and the Models screen share it (one build at a time, as one worker runs one).
 */

let client: ModelsClient | null = null;

function modelsClient(): ModelsClient {
  client ??= new ModelsClient({ databaseBytes: catalogDatabase });
  return client;
}

/** SQLite's quoting of an identifier. */
function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** The engine bound to a client (tests pass a client over a Node worker). */
export function clientEngine(c: () => ModelsClient): ModelsEngine {
  return {
    async check(project) {
      const r = await c().check(project);
      return { graph: toGraph(r.lineage), problems: r.problems.map(toProblem) };
    },
    async build(project, { select, onProgress }) {
      const seen = new Map<string, NodeOutcome>();
      try {
        const r = await c().build(project, {
          ...(select ? { select } : {}),
          onEvent: (e) => {
            const outcome = toOutcome(e.node);
            seen.set(outcome.id, outcome);
            onProgress({ outcome, done: e.done, total: e.total });
          },
        });
        return { outcomes: r.nodes.map(toOutcome), cancelled: r.cancelled } satisfies BuildReport;
      } catch (e) {
        if (!(e instanceof ModelsCancelledError)) throw e;
        // Cancelled: what finished is reported; what was running did not finish.
        const outcomes = [...seen.values()].map((o) => (o.state === 'running' || o.state === 'pending' ? { ...o, state: 'skipped' as const } : o));
        return { outcomes, cancelled: true, discarded: true };
      }
    },
    cancel() {
      c().cancel();
    },
    async compile(project, nodeId) {
      const name = nodeId.replace(/^model\./, '');
      const r = await c().compile(project, name);
      if (r.sql !== null) return { ok: true, sql: r.sql };
      const problem = r.problems.find((p) => p.severity === 'error') ?? r.problems[0];
      return { ok: false, message: problem ? problem.message.text : { en: 'It does not compile.', ko: '컴파일할 수 없습니다.' } };
    },
    async preview(name, limit) {
      const r = await c().query(`select * from ${quote(name)}`, limit);
      if (r.error) throw new Error(r.error.message);
      const set = r.results[0];
      return { columns: set?.columns ?? [], rows: set?.rows ?? [], rowCount: set?.rowCount ?? 0 };
    },
  };
}

let engine: ModelsEngine | null = null;

/** The models engine the workbench builds with (the models worker, started on first use). */
export function defaultEngine(): ModelsEngine {
  engine ??= clientEngine(modelsClient);
  return engine;
}

/** The bytes of a catalog database (from the dataset cache after the first download). */
async function catalogDatabase(id: string): Promise<Uint8Array> {
  const res = await fetch(CATALOG_PATH);
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const parsed = parseCatalog(await res.json());
  if (!parsed.ok) throw new Error(parsed.reason);
  const db = parsed.catalog.databases.find((d) => d.id === id);
  if (!db) throw new Error(`'${id}' is not in the catalog`);
  return fetchDatasetBytes({ url: `datasets/${db.file}`, ...(db.sha256 !== undefined ? { sha256: db.sha256 } : {}) });
}

/**
 * The project as a dbt project zip that runs with dbt-core (its sources' rows written as seeds,
 * read from the project's database), made in a worker. Rejects with the reason in the UI language.
 */
export async function exportProjectZip(project: ModelProjectFiles, lang: 'ko' | 'en'): Promise<{ bytes: Uint8Array; name: string }> {
  // Which database is read in the models worker: the project's YAML is not parsed on the UI thread.
  const database = await modelsClient().database(project);
  const databaseBytes = database ? (await catalogDatabase(database)).slice() : null;
  const worker = new Worker(new URL('./dbt-io.worker.ts', import.meta.url), { type: 'module' });
  try {
    const answer = await new Promise<DbtIoResponse>((resolve, reject) => {
      worker.onmessage = (e: MessageEvent<DbtIoResponse>) => resolve(e.data);
      worker.onerror = (e) => reject(new Error(e.message));
      worker.postMessage({ id: 0, kind: 'export', project, databaseBytes }, databaseBytes ? [databaseBytes.buffer] : []);
    });
    const r = answer.result;
    if ('exported' in r) return r.exported;
    throw new Error('crash' in r ? r.crash : 'error' in r ? r.error[lang] : 'export failed');
  } finally {
    worker.terminate();
  }
}
