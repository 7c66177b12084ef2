import {
  isProgress,
  type Progress,
  type ProtocolMap,
  type RequestBody,
  type ResultOf,
  type WorkerMessage,
  type WorkerPort,
} from './envelope.ts';

/**
 * One worker and its queue, for any protocol on the shared envelope: requests are posted one at a
 * time, each after the previous answer, so the connection always knows which operation is running
 * when it has to be stopped, and a queued one can be dropped without touching the worker.
 */

/** Bytes a streaming request sends after it: any (async) sequence of byte arrays. */
export type ByteSource = AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

/** Options for one request. */
export interface RequestOptions<R> {
  transfer?: ArrayBuffer[];
  /** Put the request at the head of the queue (used for the snapshot that must precede later queries). */
  front?: boolean;
  /** Runs synchronously when the answer arrives, before the next queued request is posted. */
  onAnswer?: (value: R) => void;
  /** Progress reports, in the order the worker made them. */
  onProgress?: (progress: Progress) => void;
  /** Runs when the request leaves the queue, just before it is posted to the worker. */
  onStart?: () => void;
  /** The request's bytes, sent as transferred chunks once it is posted. */
  stream?: ByteSource;
}

/** A request on its way: its id (to cancel it by) and its answer. */
export interface Operation<R> {
  id: number;
  result: Promise<R>;
}

/** What cancel(id) found: a queued request (now dropped), the running one (the owner must stop the worker), or nothing. */
export type CancelOutcome = 'removed' | 'running' | 'unknown';

/** Connection options. */
export interface ConnectionOptions {
  /** Start of the error a request rejects with when the worker dies on its own. */
  crashMessage?: string;
}

/** At most this many streamed bytes are posted but not yet taken in by the worker (its progress says how many it has). */
export const STREAM_WINDOW_BYTES = 4 * 1024 * 1024;

/** Size of the pieces a byte array is cut into when it is streamed. */
export const STREAM_CHUNK_BYTES = 1024 * 1024;

interface Job {
  id: number;
  body: object;
  options: RequestOptions<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  /** Stream bytes the worker has reported as done, and a waiter for the next report. */
  acked: number;
  wake: (() => void) | null;
  finished: boolean;
}

/** Ids are unique across connections, so an id keeps naming one operation when a queue moves to a new worker. */
let nextId = 1;

/** Cuts a byte array into copies of at most `size` bytes (copies, so transferring them leaves the caller's array intact). */
export function* chunksOf(bytes: Uint8Array, size = STREAM_CHUNK_BYTES): Generator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.slice(at, at + size);
}

/** A buffer holding exactly this view's bytes, safe to transfer. */
function ownedBuffer(view: Uint8Array): ArrayBuffer {
  if (view.byteOffset === 0 && view.byteLength === view.buffer.byteLength && view.buffer instanceof ArrayBuffer) return view.buffer;
  return view.slice().buffer as ArrayBuffer;
}

/** A typed queue on one worker for the protocol P. */
export class WorkerConnection<P extends ProtocolMap> {
  private worker: WorkerPort;
  private readonly queue: Job[] = [];
  private current: Job | null = null;
  private deadReason: Error | null = null;
  private readonly crashMessage: string;
  /** Called when the worker dies on its own (uncaught error, out of memory); it must call kill() or replaceWorker(). */
  onCrash: ((error: Error) => void) | null = null;

  /** Wraps a started worker. */
  constructor(worker: WorkerPort, options: ConnectionOptions = {}) {
    this.crashMessage = options.crashMessage ?? 'The worker stopped';
    this.worker = worker;
    this.attach(worker);
  }

  /** True when nothing is running or queued. */
  get idle(): boolean {
    return this.current === null && this.queue.length === 0;
  }

  /** True once terminated. */
  get dead(): boolean {
    return this.deadReason !== null;
  }

  /** The id of the running request, if any. */
  get runningId(): number | null {
    return this.current?.id ?? null;
  }

  /** True when the request with this id is running or queued here. */
  has(id: number): boolean {
    return this.current?.id === id || this.queue.some((job) => job.id === id);
  }

  /** Queues a request and returns its id with its answer (a value, its error, or the reason it was cancelled). */
  start<A extends keyof P & string>(body: RequestBody<P, A>, options: RequestOptions<ResultOf<P, A>> = {}): Operation<ResultOf<P, A>> {
    const id = nextId++;
    const result = new Promise<ResultOf<P, A>>((resolve, reject) => {
      if (this.deadReason) {
        reject(this.deadReason);
        return;
      }
      const job: Job = {
        id,
        body,
        options: options as RequestOptions<unknown>,
        resolve: resolve as (value: unknown) => void,
        reject,
        acked: 0,
        wake: null,
        finished: false,
      };
      if (options.front) this.queue.unshift(job);
      else this.queue.push(job);
      this.pump();
    });
    return { id, result };
  }

  /** Queues a request; resolves with its value or rejects with its error (or the reason it was cancelled). */
  request<A extends keyof P & string>(body: RequestBody<P, A>, options: RequestOptions<ResultOf<P, A>> = {}): Promise<ResultOf<P, A>> {
    return this.start(body, options).result;
  }

  /**
   * Cancels by id. A queued request is dropped (rejecting with the reason) and the worker never
   * sees it; the running one is left to the owner, who stops it by terminating the worker.
   */
  cancel(id: number, reason: Error): CancelOutcome {
    if (this.current?.id === id) return 'running';
    const index = this.queue.findIndex((job) => job.id === id);
    if (index < 0) return 'unknown';
    const [job] = this.queue.splice(index, 1);
    if (job) this.settle(job, () => job.reject(reason));
    return 'removed';
  }

  /** Drops every queued request (each rejects with the reason) and leaves the running one alone. */
  dropQueued(reason: Error): void {
    for (const job of this.queue.splice(0)) this.settle(job, () => job.reject(reason));
  }

  /** Terminates the worker at once and rejects everything running or queued with the reason. */
  kill(reason: Error): void {
    if (this.deadReason) return;
    this.deadReason = reason;
    this.worker.terminate();
    const jobs = [...(this.current ? [this.current] : []), ...this.queue.splice(0)];
    this.current = null;
    for (const job of jobs) this.settle(job, () => job.reject(reason));
  }

  /**
   * Terminates the worker, rejects only the running request with the reason, and carries the
   * queue on to a fresh worker: one runaway operation does not take the others with it.
   */
  replaceWorker(worker: WorkerPort, reason: Error): void {
    if (this.deadReason) {
      worker.terminate();
      return;
    }
    this.detach(this.worker);
    this.worker.terminate();
    const running = this.current;
    this.current = null;
    if (running) this.settle(running, () => running.reject(reason));
    this.worker = worker;
    this.attach(worker);
    this.pump();
  }

  private attach(worker: WorkerPort): void {
    worker.onmessage = (event) => {
      if (worker === this.worker) this.receive(event.data as WorkerMessage);
    };
    worker.onerror = (event) => {
      event.preventDefault?.();
      if (worker !== this.worker) return;
      const error = new Error(`${this.crashMessage}: ${event.message || 'unknown error'}`);
      // The owner decides what the running request rejects with; it must kill or replace the worker.
      if (this.onCrash) this.onCrash(error);
      else this.kill(error);
    };
  }

  private detach(worker: WorkerPort): void {
    worker.onmessage = null;
    worker.onerror = null;
  }

  private settle(job: Job, how: () => void): void {
    job.finished = true;
    job.wake?.();
    how();
  }

  private pump(): void {
    if (this.current || this.deadReason) return;
    const job = this.queue.shift();
    if (!job) return;
    this.current = job;
    // Before posting: the worker may start (and, on a busy machine, finish) before this thread
    // runs another line, so a round trip timed from here always covers the worker's own time.
    job.options.onStart?.();
    try {
      this.worker.postMessage({ ...job.body, id: job.id }, job.options.transfer ?? []);
    } catch (e) {
      this.current = null;
      this.settle(job, () => job.reject(e instanceof Error ? e : new Error(String(e))));
      this.pump();
      return;
    }
    if (job.options.stream) void this.sendStream(job, job.options.stream);
  }

  /** Posts a streaming request's bytes, keeping at most STREAM_WINDOW_BYTES ahead of what the worker has taken in. */
  private async sendStream(job: Job, source: ByteSource): Promise<void> {
    const worker = this.worker;
    const live = (): boolean => !job.finished && this.current === job && this.worker === worker;
    let sent = 0;
    try {
      for await (const piece of source) {
        if (!live()) return;
        while (sent - job.acked >= STREAM_WINDOW_BYTES && live()) {
          await new Promise<void>((resolve) => {
            job.wake = resolve;
          });
          job.wake = null;
        }
        if (!live()) return;
        if (piece.byteLength === 0) continue;
        const chunk = ownedBuffer(piece);
        sent += chunk.byteLength;
        worker.postMessage({ id: job.id, chunk }, [chunk]);
      }
      if (live()) worker.postMessage({ id: job.id, end: true });
    } catch (e) {
      if (live()) worker.postMessage({ id: job.id, end: true, error: e instanceof Error ? e.message : String(e) });
    }
  }

  private receive(message: WorkerMessage): void {
    const job = this.current;
    if (!job || message.id !== job.id) return;
    if (isProgress(message)) {
      job.acked = message.progress.done;
      job.wake?.();
      job.options.onProgress?.(message.progress);
      return;
    }
    this.current = null;
    if (message.ok) {
      this.settle(job, () => {
        job.options.onAnswer?.(message.value);
        job.resolve(message.value);
      });
    } else {
      this.settle(job, () => job.reject(new Error(message.error)));
    }
    this.pump();
  }
}
