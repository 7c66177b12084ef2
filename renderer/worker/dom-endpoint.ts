import type { WorkerEndpoint, WorkerPort } from '../../core/worker/envelope.ts';

/** The browser's two sides of a worker channel, as the shared envelope (core/worker/) sees them. */

/** The part of DedicatedWorkerGlobalScope used here (the webworker lib would clash with DOM's). */
interface WorkerScope {
  onmessage: ((event: MessageEvent) => void) | null;
  postMessage(message: unknown, transfer?: Transferable[]): void;
}

/** Inside a worker: its global scope as an endpoint. */
export function domEndpoint(): WorkerEndpoint {
  const scope = self as unknown as WorkerScope;
  return {
    listen(listener) {
      scope.onmessage = (event) => listener(event.data);
    },
    post(message, transfer) {
      scope.postMessage(message, transfer);
    },
  };
}

/** Outside: a started DOM Worker as the port a connection drives. */
export function domWorkerPort(worker: Worker): WorkerPort {
  const port: WorkerPort = {
    onmessage: null,
    onerror: null,
    postMessage(message, transfer) {
      worker.postMessage(message, transfer ?? []);
    },
    terminate() {
      worker.terminate();
    },
  };
  worker.onmessage = (event: MessageEvent) => port.onmessage?.({ data: event.data });
  worker.onerror = (event: ErrorEvent) => port.onerror?.({ message: event.message, preventDefault: () => event.preventDefault() });
  return port;
}
