import { z } from 'zod';
import { postStatements, type FetchLike } from './lrs-client.ts';
import { XapiStatementSchema, type XapiStatement } from './schema.ts';
import type { XapiCredentialsInput, XapiQueueStatus, XapiRejected, XapiSendProblem } from './types.ts';

/*
 * The outbox of xAPI statements: persisted before anything is sent, sent in batches, retried with
 * backoff while the LRS cannot be reached or fails (5xx), paused on 401/403 until the credentials
 * change, and a statement the LRS refuses (other 4xx) is set aside with the LRS's reason, never
 * dropped. Ids already queued, sent or set aside are not queued again. The desktop app runs it in
 * the main process (file storage), the web app in the page (IndexedDB).
 */

/** The queue's persisted form. */
export interface QueueState {
  version: 1;
  waiting: XapiStatement[];
  rejected: { statement: unknown; status: number; reason: string; at: string }[];
  /** The ids sent most recently (for dedupe), newest last. */
  sentIds: string[];
  sent: number;
  lastSentAt: string | null;
  lastProblem: XapiSendProblem | null;
}

/** Where the queue keeps its state: a file in userData, IndexedDB, or a Map in tests. */
export interface QueueStorage {
  load(): Promise<unknown>;
  save(state: QueueState): Promise<void>;
}

/** Timers, injectable so tests do not wait. */
export interface QueueTimers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

/** What the queue needs from its surroundings. */
export interface XapiQueueOptions {
  storage: QueueStorage;
  fetch: FetchLike;
  /** The LRS to send to now, or null when none is configured. */
  target: () => XapiCredentialsInput | null | Promise<XapiCredentialsInput | null>;
  /** Sending waits while this is false (the statements stay queued). */
  enabled?: () => boolean;
  /** Statements per POST. */
  batchSize?: number;
  /** Retry delays after a network or server problem: base doubled per failure, up to max. */
  backoff?: { baseMs: number; maxMs: number };
  now?: () => Date;
  random?: () => number;
  timers?: QueueTimers;
  /** Called after every change of the status. */
  onChange?: (status: XapiQueueStatus) => void;
}

/** How many sent ids are remembered for dedupe. */
const SENT_IDS_KEPT = 10_000;

const ProblemSchema = z.object({
  kind: z.enum(['network', 'server', 'auth', 'not-configured', 'disabled']),
  status: z.number().nullable(),
  reason: z.string(),
  at: z.string(),
});

const StoredStateSchema = z.object({
  version: z.literal(1),
  waiting: z.array(z.unknown()).default([]),
  rejected: z.array(z.object({ statement: z.unknown(), status: z.number(), reason: z.string(), at: z.string() })).default([]),
  sentIds: z.array(z.string()).default([]),
  sent: z.number().int().nonnegative().default(0),
  lastSentAt: z.string().nullable().default(null),
  lastProblem: ProblemSchema.nullable().default(null),
});

function emptyState(): QueueState {
  return { version: 1, waiting: [], rejected: [], sentIds: [], sent: 0, lastSentAt: null, lastProblem: null };
}

function idOf(statement: unknown): string {
  return statement && typeof statement === 'object' && typeof (statement as { id?: unknown }).id === 'string' ? (statement as { id: string }).id : '';
}

function describeRejected(entry: QueueState['rejected'][number]): XapiRejected {
  const s = (entry.statement ?? {}) as { verb?: { id?: unknown }; object?: { id?: unknown } };
  const verb = typeof s.verb?.id === 'string' ? (s.verb.id.split('/').pop() ?? '') : '';
  const object = typeof s.object?.id === 'string' ? s.object.id : '';
  return { id: idOf(entry.statement), verb, object, status: entry.status, reason: entry.reason, at: entry.at };
}

/** The persisted outbox of statements and the loop that sends it. Create with `XapiQueue.open`. */
export class XapiQueue {
  private state: QueueState = emptyState();
  private readonly options: XapiQueueOptions;
  private flushing: Promise<void> | null = null;
  /** Statements arrived while a send was under way: look again when it ends. */
  private kick = false;
  private saving: Promise<void> = Promise.resolve();
  private failures = 0;
  private timer: unknown = null;
  private nextAttemptAt: Date | null = null;
  private closed = false;

  private constructor(options: XapiQueueOptions) {
    this.options = options;
  }

  /** Loads the queue from its storage (what a previous run left waiting is sent again). */
  static async open(options: XapiQueueOptions): Promise<XapiQueue> {
    const queue = new XapiQueue(options);
    await queue.restore();
    return queue;
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  private async restore(): Promise<void> {
    const raw = await this.options.storage.load();
    if (raw === null || raw === undefined) return;
    const parsed = StoredStateSchema.safeParse(raw);
    if (!parsed.success) {
      // Not a queue this build can read: kept whole among the set-aside entries, so the next save keeps it too.
      this.state = { ...emptyState(), rejected: [{ statement: raw, status: 0, reason: `Stored queue is not readable: ${parsed.error.issues[0]?.message ?? ''}`, at: this.now().toISOString() }] };
      return;
    }
    const stored = parsed.data;
    const state: QueueState = { ...stored, waiting: [], rejected: [...stored.rejected] };
    // A stored statement that no longer passes the schema is set aside with the reason, not lost.
    for (const item of stored.waiting) {
      const ok = XapiStatementSchema.safeParse(item);
      if (ok.success) state.waiting.push(ok.data);
      else state.rejected.push({ statement: item, status: 0, reason: `Stored statement is not valid: ${ok.error.issues[0]?.message ?? ''}`, at: this.now().toISOString() });
    }
    this.state = state;
  }

  /** The status the settings section shows. */
  status(): XapiQueueStatus {
    return {
      waiting: this.state.waiting.length,
      sent: this.state.sent,
      rejected: this.state.rejected.map(describeRejected),
      lastProblem: this.state.lastProblem,
      lastSentAt: this.state.lastSentAt,
      nextAttemptAt: this.nextAttemptAt?.toISOString() ?? null,
      sending: this.flushing !== null,
    };
  }

  private changed(): void {
    this.options.onChange?.(this.status());
  }

  private persist(): Promise<void> {
    const snapshot = structuredClone(this.state);
    this.saving = this.saving.then(() => this.options.storage.save(snapshot));
    return this.saving;
  }

  /**
   * Adds statements (ids already queued, sent or set aside are skipped), saves, then starts
   * sending. Resolves once they are stored, not once they are sent.
   */
  async enqueue(statements: readonly unknown[]): Promise<XapiQueueStatus> {
    const known = new Set([...this.state.waiting.map((s) => s.id), ...this.state.sentIds, ...this.state.rejected.map((r) => idOf(r.statement))]);
    let added = 0;
    for (const item of statements) {
      const id = idOf(item);
      if (id && known.has(id)) continue;
      const parsed = XapiStatementSchema.safeParse(item);
      if (parsed.success) this.state.waiting.push(parsed.data);
      else this.state.rejected.push({ statement: item, status: 0, reason: `Not a valid statement: ${parsed.error.issues[0]?.message ?? ''}`, at: this.now().toISOString() });
      if (id) known.add(id);
      added += 1;
    }
    if (added > 0) {
      await this.persist();
      this.changed();
      void this.flush();
    }
    return this.status();
  }

  /** Sends what is waiting now (the settings' "Send now", a new connection, or a retry timer). */
  flush(): Promise<XapiQueueStatus> {
    if (this.flushing) {
      this.kick = true;
      return this.flushing.then(() => this.status());
    }
    this.cancelTimer();
    this.flushing = this.sendAll().finally(() => {
      this.flushing = null;
      this.changed();
      const again = this.kick && this.state.lastProblem === null && this.timer === null;
      this.kick = false;
      if (again && this.state.waiting.length > 0) void this.flush();
    });
    this.changed();
    return this.flushing.then(() => this.status());
  }

  /** Puts the statements set aside back in line (after the LRS or the app was fixed), then sends. */
  async retryRejected(): Promise<XapiQueueStatus> {
    const back = this.state.rejected;
    this.state.rejected = [];
    for (const entry of back) {
      const parsed = XapiStatementSchema.safeParse(entry.statement);
      if (parsed.success) this.state.waiting.push(parsed.data);
      else this.state.rejected.push(entry);
    }
    await this.persist();
    this.changed();
    return this.flush();
  }

  /** Stops the retry timer (the app is closing or the settings changed). */
  close(): void {
    this.closed = true;
    this.cancelTimer();
  }

  private cancelTimer(): void {
    if (this.timer !== null) (this.options.timers ?? defaultTimers).clear(this.timer);
    this.timer = null;
    this.nextAttemptAt = null;
  }

  private scheduleRetry(): void {
    if (this.closed) return;
    const { baseMs, maxMs } = this.options.backoff ?? { baseMs: 5_000, maxMs: 10 * 60_000 };
    const exp = Math.min(maxMs, baseMs * 2 ** Math.min(this.failures - 1, 20));
    // Jitter, so many learners' apps do not all hit a recovering LRS at the same moment.
    const delay = Math.round(exp * (0.5 + (this.options.random?.() ?? Math.random()) / 2));
    this.nextAttemptAt = new Date(this.now().getTime() + delay);
    this.timer = (this.options.timers ?? defaultTimers).set(() => {
      this.timer = null;
      this.nextAttemptAt = null;
      void this.flush();
    }, delay);
  }

  private problem(kind: XapiSendProblem['kind'], status: number | null, reason: string): void {
    this.state.lastProblem = { kind, status, reason, at: this.now().toISOString() };
  }

  private async sendAll(): Promise<void> {
    if (this.options.enabled && !this.options.enabled()) return;
    const batchSize = Math.max(1, this.options.batchSize ?? 25);
    // After a refused batch its statements go one by one, so only the bad one is set aside.
    let singles = 0;
    while (this.state.waiting.length > 0 && !this.closed) {
      const target = await this.options.target();
      if (!target) {
        this.problem('not-configured', null, '');
        await this.persist();
        return;
      }
      const batch = this.state.waiting.slice(0, singles > 0 ? 1 : batchSize);
      const outcome = await postStatements(target, batch, this.options.fetch);
      if (outcome.kind === 'sent') {
        const ids = new Set(batch.map((s) => s.id));
        this.state.waiting = this.state.waiting.filter((s) => !ids.has(s.id));
        this.state.sentIds = [...this.state.sentIds, ...ids].slice(-SENT_IDS_KEPT);
        this.state.sent += batch.length;
        this.state.lastSentAt = this.now().toISOString();
        this.state.lastProblem = null;
        this.failures = 0;
        if (singles > 0) singles -= 1;
        await this.persist();
        this.changed();
        continue;
      }
      const status = outcome.kind === 'http' ? outcome.status : null;
      if (status === null || status >= 500 || status === 408 || status === 429) {
        this.failures += 1;
        this.problem(status === null ? 'network' : 'server', status, outcome.reason);
        await this.persist();
        this.scheduleRetry();
        return;
      }
      if (status === 401 || status === 403) {
        // Wrong or revoked credentials: retrying would not help until they change.
        this.problem('auth', status, outcome.reason);
        await this.persist();
        return;
      }
      if (batch.length > 1) {
        singles = batch.length;
        continue;
      }
      const [bad] = batch;
      this.state.waiting = this.state.waiting.filter((s) => s.id !== bad!.id);
      this.state.rejected.push({ statement: bad, status, reason: outcome.reason, at: this.now().toISOString() });
      if (singles > 0) singles -= 1;
      await this.persist();
      this.changed();
    }
  }
}

const defaultTimers: QueueTimers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
