import { parentPort } from 'node:worker_threads';
import initSqlJs from 'sql.js';
import { SqlEngine } from '../../core/sql/engine.ts';
import type { WorkerRequest } from '../../core/sql/protocol.ts';
import { handleWorkerRequest } from '../../core/sql/worker-dispatch.ts';

/** Node only: the worker_threads twin of sql.worker.ts (see node-sql-worker.ts). Runs under Node's type stripping. */

const port = parentPort;
if (!port) throw new Error('node-sql-worker-entry.ts must run in a worker thread');

const engineReady: Promise<SqlEngine> = initSqlJs().then((sql) => new SqlEngine(sql));
let queue: Promise<void> = Promise.resolve();

port.on('message', (request: WorkerRequest) => {
  queue = queue.then(async () => {
    const engine = await engineReady;
    const { response, transfer, fault } = handleWorkerRequest(engine, request);
    if (fault) {
      // Uncaught on purpose: the client's error handler replaces this worker (see worker-dispatch.ts).
      setTimeout(() => {
        throw fault;
      });
      return;
    }
    port.postMessage(response, transfer);
  });
});
