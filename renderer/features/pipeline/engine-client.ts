import i18next from 'i18next';
import { parseCatalog, type Catalog } from '../../../core/datasets/catalog.ts';
import type { Pipeline } from '../../../core/pipeline/schema.ts';
import { fetchDatasetBytes } from '../../sql/dataset-cache.ts';
import { useStore } from '../../state/store.ts';
import { PipelineClient } from '../../workbench/pipeline-client.ts';
import type { EngineCallbacks, PipelineEngine } from './engine.ts';

/*
 * The workbench's engine: the pipeline worker's client (one worker for the app, started on first
 * use). The worker holds one pipeline's working database at a time, so a call for another
 * pipeline (the lesson's after the screen's) opens that one first on a fresh copy of its
 * database; a call after an edit hands the worker the edited pipeline, keeping its database.
 */

const CATALOG_PATH = 'datasets/catalog.json';

async function catalog(): Promise<Catalog> {
  const known = useStore.getState().catalog;
  if (known) return known;
  const res = await fetch(CATALOG_PATH);
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const parsed = parseCatalog(await res.json());
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.catalog;
}

async function databaseBytes(id: string): Promise<Uint8Array> {
  const db = (await catalog()).databases.find((d) => d.id === id);
  if (!db) throw new Error(`'${id}' is not in the catalog`);
  return fetchDatasetBytes({ url: `datasets/${db.file}`, ...(db.sha256 !== undefined ? { sha256: db.sha256 } : {}) });
}

/** An engine over a PipelineClient (exported for tests with a Node worker). */
export function clientEngine(makeClient: () => PipelineClient, datasetsUrl: () => string, onRestart?: () => void): PipelineEngine {
  let client: PipelineClient | null = null;
  /** What the worker holds: which session's pipeline, as last handed over, on which database. */
  let open: { key: string; pipeline: Pipeline; database: string } | null = null;
  let opening: Promise<void> | null = null;

  const get = () =>
    (client ??= (() => {
      const c = makeClient();
      // A statement that would not stop was ended by replacing the worker: the pipeline is open again on a fresh database.
      if (onRestart) c.onRestart(onRestart);
      return c;
    })());

  async function ready(key: string, p: Pipeline): Promise<PipelineClient> {
    const c = get();
    while (opening) await opening;
    if (open && open.key === key && open.database === p.database) {
      if (open.pipeline !== p) {
        open = { key, pipeline: p, database: p.database };
        await c.setPipeline(p);
      }
      return c;
    }
    opening = (async () => {
      const bytes = await databaseBytes(p.database);
      await c.open(p, bytes, datasetsUrl());
      open = { key, pipeline: p, database: p.database };
    })();
    try {
      await opening;
    } finally {
      opening = null;
    }
    return c;
  }

  const callbacks = (cb: EngineCallbacks) => ({ onEvent: cb.onEvent, onProgress: cb.onProgress });

  return {
    async runAll(key, p, ds, cb) {
      return (await ready(key, p)).run(ds, callbacks(cb));
    },
    async runTask(key, p, task, ds, cb) {
      return (await ready(key, p)).runTask(task, ds, callbacks(cb));
    },
    async rerunFrom(key, p, task, ds, cb) {
      return (await ready(key, p)).rerun(task, ds, callbacks(cb));
    },
    async backfill(key, p, from, to, cb) {
      return (await ready(key, p)).backfill(from, to, callbacks(cb));
    },
    async idempotency(key, p, task, ds) {
      return (await ready(key, p)).idempotency(task, ds);
    },
    async reconcile(key, p, ds) {
      return (await ready(key, p)).reconcile(ds);
    },
    async preview(key, p, task, ds) {
      const extract = p.tasks.find((t) => t.id === task);
      if (!extract || extract.kind !== 'extract') throw new Error(`'${task}' is not an extract task`);
      return (await ready(key, p)).preview({ path: extract.path, source: extract.source }, ds, { rows: 100, lines: 20000 });
    },
    async query(key, p, sql, maxRows) {
      return (await ready(key, p)).query(sql, maxRows);
    },
    async status(key, p) {
      return (await ready(key, p)).status();
    },
    cancel() {
      void client?.cancel();
    },
  };
}

let engine: PipelineEngine | null = null;

/** Binds the engine the workbench uses (tests bind their own). */
export function bindPipelineEngine(next: PipelineEngine): void {
  engine = next;
}

/** The engine the workbench uses: the pipeline worker, started on first use. */
export function pipelineEngine(): PipelineEngine {
  engine ??= clientEngine(
    () => new PipelineClient(),
    () => new URL('datasets/', document.baseURI).href,
    () => useStore.getState().notify('warning', i18next.t('pipeline.restarted')),
  );
  return engine;
}
