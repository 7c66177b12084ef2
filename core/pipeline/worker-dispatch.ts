import type { WorkerEndpoint } from '../worker/envelope.ts';
import { serveWorker, type DispatchOutcome, type ServeContext } from '../worker/serve.ts';
import type { RunControl } from './control.ts';
import { previewExtract } from './extract.ts';
import type { LakeReader } from './lake.ts';
import { isCancelMessage, type BackfillAnswer, type PipelineProgress, type PipelineProtocol, type PipelineRequest, type PipelineStatus } from './protocol.ts';
import { reconcileAll, tablesWithoutRecord } from './reconcile.ts';
import { PipelineRunner, validatePipeline, type PipelineEngine, type RunEvent } from './runner.ts';
import { renderTaskTemplate } from './template.ts';

/**
 * The pipeline worker's request handler, shared by the browser worker and its Node twin: one
 * PipelineRunner kept between requests; cancel messages are taken off the endpoint before the
 * request queue sees them, so a running request can read its flag between batches.
 */

/** What the worker is given: its engine (once sql.js has started) and how to read a lake. */
export interface PipelineWorkerInit {
  engine: Promise<PipelineEngine>;
  /** The lake `lakeId` under `datasets` (a URL in the app, a folder in Node). */
  lakeFor(datasets: string, lakeId: string): LakeReader;
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Serves the pipeline protocol on an endpoint. */
export function servePipelineWorker(endpoint: WorkerEndpoint, init: PipelineWorkerInit): void {
  const cancelled = new Set<number>();
  const filtered: WorkerEndpoint = {
    listen(listener) {
      endpoint.listen((data) => {
        if (isCancelMessage(data)) cancelled.add(data.cancel);
        else listener(data);
      });
    },
    post: (message, transfer) => endpoint.post(message, transfer),
  };
  let runner: PipelineRunner | null = null;
  let datasets = '';

  const status = (r: PipelineRunner): PipelineStatus => ({ states: r.states(), unrecordedTables: tablesWithoutRecord(r.pipeline, r.runs()) });
  const need = (): PipelineRunner => {
    if (!runner) throw new Error('No pipeline is open in the worker');
    return runner;
  };

  const handle = async (request: PipelineRequest, ctx: ServeContext): Promise<unknown> => {
    const control: RunControl = {
      cancelled: () => cancelled.has(request.id),
      pause: () => new Promise((resolve) => setTimeout(resolve, 0)),
    };
    const r = request.action === 'open' ? null : need();
    const total = r ? r.pipeline.tasks.length : 0;
    let finished = 0;
    const onEvent = (event: RunEvent): void => {
      if (event.type === 'task' && event.state !== 'running') finished++;
      const share = event.type === 'progress' && event.progress.total > 0 ? event.progress.done / event.progress.total : 0;
      const progress: PipelineProgress = { done: Math.min(total, finished + share), total, event };
      ctx.progress(progress);
    };
    switch (request.action) {
      case 'open': {
        const engine = await init.engine;
        datasets = request.datasets;
        runner = new PipelineRunner({
          engine,
          lake: init.lakeFor(datasets, request.pipeline.lake),
          pipeline: request.pipeline,
          databaseBytes: request.databaseBytes,
        });
        runner.reset();
        return { bundledNames: runner.bundledNames, problems: validatePipeline(request.pipeline, runner.bundledNames) };
      }
      case 'set-pipeline': {
        const current = need();
        if (current.pipeline.lake !== request.pipeline.lake || current.pipeline.database !== request.pipeline.database) {
          throw new Error('A pipeline with another lake or database must be opened anew');
        }
        current.setPipeline(request.pipeline);
        return { ...status(current), problems: validatePipeline(request.pipeline, current.bundledNames) };
      }
      case 'run': {
        const run = await need().runAll(request.ds, { control, onEvent });
        return { run, ...status(need()) };
      }
      case 'run-task': {
        const run = await need().runTask(request.task, request.ds, { control, onEvent });
        return { run, ...status(need()) };
      }
      case 'rerun': {
        const run = await need().rerunFrom(request.task, request.ds, { control, onEvent });
        return { run, ...status(need()) };
      }
      case 'backfill': {
        let days = 1;
        let day = 0;
        const runs = await need().backfill(request.from, request.to, {
          control,
          onDay: (p) => {
            days = Math.max(1, p.total);
            day = p.done;
            const progress: PipelineProgress = { done: day, total: days, day: p };
            ctx.progress(progress);
          },
          onEvent: (event) => {
            const progress: PipelineProgress = { done: day, total: days, event };
            ctx.progress(progress);
          },
          onRun: (record) => {
            const progress: PipelineProgress = { done: day + 1, total: days, dayRun: record };
            ctx.progress(progress);
          },
        });
        const last = runs.at(-1);
        const answer: BackfillAnswer = { runs, cancelledDay: last?.state === 'cancelled' ? last.ds : null, days, ...status(need()) };
        return answer;
      }
      case 'idempotency':
        return need().idempotency(request.task, request.ds, { control });
      case 'reconcile':
        need().database();
        return reconcileAll(await init.engine, need().pipeline, request.ds);
      case 'preview': {
        const current = need();
        const path = renderTaskTemplate('preview', 'path', request.extract.path, request.ds);
        return previewExtract(init.lakeFor(datasets, current.pipeline.lake), { path, source: request.extract.source }, { rows: request.rows, lines: request.lines });
      }
      case 'query':
        return need().exec(request.sql, request.maxRows);
      case 'export':
        return need().database().export();
      case 'status':
        return { ...status(need()), runs: need().runs() };
    }
  };

  serveWorker<PipelineProtocol>(filtered, async (request, ctx): Promise<DispatchOutcome> => {
    try {
      const value = await handle(request, ctx);
      const transfer = value instanceof Uint8Array && value.byteOffset === 0 && value.buffer instanceof ArrayBuffer && value.byteLength === value.buffer.byteLength ? [value.buffer] : [];
      return { response: { id: request.id, ok: true, value }, transfer };
    } catch (e) {
      return { response: { id: request.id, ok: false, error: messageOf(e) }, transfer: [] };
    } finally {
      cancelled.delete(request.id);
    }
  });
}
