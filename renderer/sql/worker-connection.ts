import type { WorkerAction, WorkerRequest, WorkerResponse, WorkerResults } from '../../core/sql/protocol.ts';

/** A request as the caller writes it; the connection assigns the id. */
export type RequestBody<A extends WorkerAction> = A extends WorkerAction ? Omit<Extract<WorkerRequest, { action: A }>, 'id'> : never;

interface Job {
  body: RequestBody<WorkerAction>;
  transfer: Transferable[];
  resolve: (value: WorkerResults[WorkerAction]) => void;
  reject: (error: Error) => void;
  /** Runs synchronously when the answer arrives, before the next queued request is posted. */
  onAnswer?: (value: WorkerResults[WorkerAction]) => void;
}

/** Options for one request. */
export interface RequestOptions<A extends WorkerAction> {
  transfer?: Transferable[];
  /** Put the request at the head of the queue (used for the snapshot that must precede later queries). */
  front?: boolean;
  onAnswer?: (value: WorkerResults[A]) => void;
}

/**
 * One SQL worker and its queue: requests are posted one at a time, each waiting for the previous
 * answer, so the connection always knows which request is running when it has to be killed.
 */
export class WorkerConnection {
  private readonly worker: Worker;
  private readonly queue: Job[] = [];
  private current: { id: number; job: Job } | null = null;
  private nextId = 1;
  private deadReason: Error | null = null;
  /** Called when the worker dies on its own (uncaught error, out of memory); it must call kill(). */
  onCrash: ((error: Error) => void) | null = null;

  /** Wraps a started worker. */
  constructor(worker: Worker) {
    this.worker = worker;
    worker.onmessage = (event: MessageEvent<WorkerResponse>) => this.receive(event.data);
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault?.();
      const error = new Error(`The SQL engine stopped: ${event.message || 'unknown error'}`);
      // The owner decides what the running request rejects with; it must kill this connection.
      if (this.onCrash) this.onCrash(error);
      else this.kill(error);
    };
  }

  /** True when nothing is running or queued. */
  get idle(): boolean {
    return this.current === null && this.queue.length === 0;
  }

  /** True once terminated. */
  get dead(): boolean {
    return this.deadReason !== null;
  }

  /** Queues a request; resolves with its value or rejects with its error (or the reason the worker was killed). */
  request<A extends WorkerAction>(body: RequestBody<A> & { action: A }, options: RequestOptions<A> = {}): Promise<WorkerResults[A]> {
    return new Promise<WorkerResults[A]>((resolve, reject) => {
      if (this.deadReason) {
        reject(this.deadReason);
        return;
      }
      const job: Job = {
        body,
        transfer: options.transfer ?? [],
        resolve: resolve as (value: WorkerResults[WorkerAction]) => void,
        reject,
        onAnswer: options.onAnswer as ((value: WorkerResults[WorkerAction]) => void) | undefined,
      };
      if (options.front) this.queue.unshift(job);
      else this.queue.push(job);
      this.pump();
    });
  }

  /** Terminates the worker at once and rejects everything running or queued with the reason. */
  kill(reason: Error): void {
    if (this.deadReason) return;
    this.deadReason = reason;
    this.worker.terminate();
    const jobs = [...(this.current ? [this.current.job] : []), ...this.queue.splice(0)];
    this.current = null;
    for (const job of jobs) job.reject(reason);
  }

  private pump(): void {
    if (this.current || this.deadReason) return;
    const job = this.queue.shift();
    if (!job) return;
    const id = this.nextId++;
    this.current = { id, job };
    try {
      this.worker.postMessage({ ...job.body, id }, job.transfer);
    } catch (e) {
      this.current = null;
      job.reject(e instanceof Error ? e : new Error(String(e)));
      this.pump();
    }
  }

  private receive(response: WorkerResponse): void {
    const current = this.current;
    if (!current || response.id !== current.id) return;
    this.current = null;
    if (response.ok) {
      current.job.onAnswer?.(response.value);
      current.job.resolve(response.value);
    } else {
      current.job.reject(new Error(response.error));
    }
    this.pump();
  }
}
