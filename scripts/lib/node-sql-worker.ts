import { Worker as NodeWorker } from 'node:worker_threads';

/**
 * Node only (tests and scripts), never imported by the app: the SQL worker protocol on a worker_threads thread behind
 * the small part of the DOM Worker interface the client uses. Tests and `npm run bench` pass it
 * to SqlClient so a runaway query really blocks a thread and really gets terminated.
 */

interface WorkerLike {
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  postMessage(message: unknown, transfer?: Transferable[]): void;
  terminate(): void;
}

/** Starts node-sql-worker-entry.ts (real sql.js + SqlEngine) on a thread, shaped as a DOM Worker. */
export function createNodeSqlWorker(): Worker {
  const thread = new NodeWorker(new URL('./node-sql-worker-entry.ts', import.meta.url));
  const adapter: WorkerLike = {
    onmessage: null,
    onerror: null,
    postMessage(message, transfer) {
      thread.postMessage(message, (transfer ?? []) as ArrayBuffer[]);
    },
    terminate() {
      void thread.terminate();
    },
  };
  thread.on('message', (data: unknown) => adapter.onmessage?.({ data } as MessageEvent));
  thread.on('error', (error: Error) => adapter.onerror?.({ message: error.message, preventDefault() {} } as ErrorEvent));
  return adapter as unknown as Worker;
}
