import { parentPort, Worker as NodeWorker } from 'node:worker_threads';
import type { WorkerEndpoint, WorkerPort } from '../../core/worker/envelope.ts';

/**
 * Node only (tests and scripts), never imported by the app: the shared worker envelope on
 * worker_threads, so the app's clients drive real threads in Node exactly as they drive Web
 * Workers in the app, and a runaway query really blocks a thread and really gets terminated.
 */

/** Starts a worker thread from a .ts entry (run under Node's type stripping) as the port a connection drives. */
export function createNodeWorker(entry: URL): WorkerPort {
  const thread = new NodeWorker(entry);
  const port: WorkerPort = {
    onmessage: null,
    onerror: null,
    postMessage(message, transfer) {
      thread.postMessage(message, transfer ?? []);
    },
    terminate() {
      void thread.terminate();
    },
  };
  thread.on('message', (data: unknown) => port.onmessage?.({ data }));
  thread.on('error', (error: Error) => port.onerror?.({ message: error.message }));
  return port;
}

/** Inside a worker thread: its parent port as an endpoint. */
export function nodeEndpoint(): WorkerEndpoint {
  const port = parentPort;
  if (!port) throw new Error('This module must run in a worker thread');
  return {
    listen(listener) {
      port.on('message', listener);
    },
    post(message, transfer) {
      port.postMessage(message, transfer);
    },
  };
}
