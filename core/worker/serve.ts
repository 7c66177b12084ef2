import {
  isRequest,
  type ClientMessage,
  type Progress,
  type ProtocolMap,
  type RequestOf,
  type ResponseMessage,
  type WorkerEndpoint,
} from './envelope.ts';

/**
 * The worker's side of the shared envelope: requests run one at a time in arrival order, each
 * answered by one response; a handler reports progress and reads a streaming request's bytes
 * through its context. Used by the SQL worker, the grader worker and their Node twins alike.
 */

/** What a handler can do besides answering. */
export interface ServeContext {
  /** Posts progress for the request being handled. */
  progress(progress: Progress): void;
  /** The request's streamed bytes in order; ends when the client says so, throws if its source failed. */
  chunks(): AsyncIterable<Uint8Array>;
}

/**
 * A response and the buffers to transfer with it. With `fault`, the worker must not answer but
 * throw it uncaught: the client sees the worker die and recovers as after a cancel.
 */
export interface DispatchOutcome<V = unknown> {
  response: ResponseMessage<V>;
  transfer: ArrayBuffer[];
  fault?: Error;
}

/** Handles one request of protocol P. */
export type RequestHandler<P extends ProtocolMap> = (
  request: RequestOf<P>,
  ctx: ServeContext,
) => DispatchOutcome | Promise<DispatchOutcome>;

interface Inbox {
  items: Uint8Array[];
  ended: boolean;
  error: string | null;
  wake: (() => void) | null;
}

/** Serves protocol P on an endpoint with the handler. */
export function serveWorker<P extends ProtocolMap>(endpoint: WorkerEndpoint, handler: RequestHandler<P>): void {
  const inboxes = new Map<number, Inbox>();
  /** Requests already answered: bytes still in flight for them are dropped, not kept. */
  const answered = new Set<number>();
  let queue: Promise<void> = Promise.resolve();

  const inbox = (id: number): Inbox => {
    let box = inboxes.get(id);
    if (!box) {
      box = { items: [], ended: false, error: null, wake: null };
      inboxes.set(id, box);
    }
    return box;
  };

  const chunks = (id: number): AsyncIterable<Uint8Array> => ({
    async *[Symbol.asyncIterator]() {
      const box = inbox(id);
      for (;;) {
        const next = box.items.shift();
        if (next) {
          yield next;
          continue;
        }
        if (box.error !== null) throw new Error(box.error);
        if (box.ended) return;
        await new Promise<void>((resolve) => {
          box.wake = resolve;
        });
        box.wake = null;
      }
    },
  });

  const run = async (request: RequestOf<P>): Promise<void> => {
    const { id } = request;
    const ctx: ServeContext = {
      progress: (progress) => endpoint.post({ id, progress }, []),
      chunks: () => chunks(id),
    };
    let outcome: DispatchOutcome;
    try {
      outcome = await handler(request, ctx);
    } catch (e) {
      outcome = { response: { id, ok: false, error: e instanceof Error ? e.message : String(e) }, transfer: [] };
    }
    answered.add(id);
    inboxes.delete(id);
    const { fault } = outcome;
    if (fault) {
      // Uncaught on purpose: the client's error handler replaces this worker.
      setTimeout(() => {
        throw fault;
      });
      return;
    }
    endpoint.post(outcome.response, outcome.transfer);
  };

  endpoint.listen((data) => {
    const message = data as ClientMessage<P>;
    if (isRequest(message)) {
      queue = queue.then(() => run(message));
      return;
    }
    if (answered.has(message.id)) return;
    const box = inbox(message.id);
    if ('chunk' in message) box.items.push(new Uint8Array(message.chunk));
    else {
      box.ended = true;
      if (message.error !== undefined) box.error = message.error;
    }
    box.wake?.();
  });
}
