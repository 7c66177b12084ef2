/**
 * The envelope every worker protocol shares (the SQL worker and the grader): a request carries an
 * id and an action; the worker answers it with exactly one response, may report progress on the
 * way, and a streaming request is followed by its bytes as chunk messages. Errors cross as values.
 * Cancel is the client's business: a queued request is dropped before it is posted, a running one
 * is stopped by terminating its worker (a synchronous SQLite step cannot be interrupted).
 */

/** A protocol's actions: what each request carries besides id and action, and what it answers with. */
export type ProtocolMap = Record<string, { request: object; result: unknown }>;

/** A request as it crosses to the worker. */
export type RequestOf<P extends ProtocolMap> = { [A in keyof P & string]: { id: number; action: A } & P[A]['request'] }[keyof P & string];

/** A request as the caller writes it; the connection assigns the id. */
export type RequestBody<P extends ProtocolMap, A extends keyof P & string = keyof P & string> = A extends keyof P & string
  ? { action: A } & P[A]['request']
  : never;

/** Result payload of one action. */
export type ResultOf<P extends ProtocolMap, A extends keyof P & string> = P[A]['result'];

/** How far a long operation has come: units done of the total (bytes, for an import). */
export interface Progress {
  done: number;
  total: number;
  /** Optional: what is being worked on now, for the UI to name (a quality run: the source being read, or the check running). */
  current?: { stage: string; text: string; line?: number };
}

/** Progress of the request with this id; the last one of a finished operation has done === total. */
export interface ProgressMessage {
  id: number;
  progress: Progress;
}

/** The one answer to a request: a value or an error text, never a thrown exception across the boundary. */
export type ResponseMessage<V = unknown> = { id: number; ok: true; value: V } | { id: number; ok: false; error: string };

/** What a worker posts: responses and progress. */
export type WorkerMessage<V = unknown> = ResponseMessage<V> | ProgressMessage;

/** One piece of a streaming request's bytes (its buffer is transferred, not copied). */
export interface ChunkMessage {
  id: number;
  chunk: ArrayBuffer;
}

/** The end of a streaming request's bytes; with error, the source failed and the operation must fail with it. */
export interface EndMessage {
  id: number;
  end: true;
  error?: string;
}

/** What a client posts: requests, and the bytes of a streaming request after it. */
export type ClientMessage<P extends ProtocolMap> = RequestOf<P> | ChunkMessage | EndMessage;

/** True for a progress report (responses carry `ok`). */
export function isProgress(message: WorkerMessage): message is ProgressMessage {
  return 'progress' in message;
}

/** True for a request (chunk and end messages carry no action). */
export function isRequest<P extends ProtocolMap>(message: ClientMessage<P>): message is RequestOf<P> {
  return 'action' in message;
}

/** The share of a progress report that is done, 0..1 (1 for an empty total). */
export function progressFraction(progress: Progress): number {
  return progress.total > 0 ? Math.min(1, progress.done / progress.total) : 1;
}

/**
 * A worker as its client sees it: the part of the DOM Worker interface the connection uses, which
 * a Node worker_threads adapter implements too (see scripts/lib/node-worker.ts).
 */
export interface WorkerPort {
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: { message: string; preventDefault?: () => void }) => void) | null;
  postMessage(message: unknown, transfer?: ArrayBuffer[]): void;
  terminate(): void;
}

/** The worker's side of the channel: incoming messages and how to post (the DOM scope or a Node parentPort). */
export interface WorkerEndpoint {
  listen(listener: (data: unknown) => void): void;
  post(message: unknown, transfer: ArrayBuffer[]): void;
}
