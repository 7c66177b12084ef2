import initSqlJs from 'sql.js';
import wasmUrl from 'sql.js/dist/sql-wasm-browser.wasm?url';
import { SqlEngine } from '../../core/sql/engine.ts';
import type { WorkerRequest, WorkerResponse } from '../../core/sql/protocol.ts';
import { handleWorkerRequest } from '../../core/sql/worker-dispatch.ts';

/**
 * The SQL worker: sql.js compiled as soon as the worker starts (so a spare worker is warm before
 * it is needed), then one request at a time, each answered by one response.
 */

/** The part of DedicatedWorkerGlobalScope used here (the webworker lib would clash with DOM's). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerResponse, transfer?: Transferable[]): void;
}

const scope = self as unknown as WorkerScope;

const engineReady: Promise<SqlEngine> = initSqlJs({ locateFile: () => wasmUrl }).then((sql) => new SqlEngine(sql));

let queue: Promise<void> = Promise.resolve();

scope.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  queue = queue.then(async () => {
    let engine: SqlEngine;
    try {
      engine = await engineReady;
    } catch (e) {
      scope.postMessage({ id: request.id, ok: false, error: `SQLite failed to start: ${e instanceof Error ? e.message : String(e)}` });
      return;
    }
    const { response, transfer, fault } = handleWorkerRequest(engine, request);
    if (fault) {
      // Uncaught on purpose: the client's error handler replaces this worker (see worker-dispatch.ts).
      setTimeout(() => {
        throw fault;
      });
      return;
    }
    scope.postMessage(response, transfer);
  });
};
