import { afterEach, describe, expect, it } from 'vitest';
import { postStatements } from '../../../core/xapi/lrs-client.ts';
import { XapiQueue, type QueueState, type QueueStorage } from '../../../core/xapi/queue.ts';
import { RegistrationBook } from '../../../core/xapi/registrations.ts';
import type { XapiStatement } from '../../../core/xapi/schema.ts';
import { statementsFor } from '../../../core/xapi/statements.ts';
import type { XapiCredentialsInput } from '../../../core/xapi/types.ts';
import { freePort, startLocalLrs, type LocalLrs } from './local-lrs.ts';

/** Storage shared by queue instances, as a file or IndexedDB would be across a restart (JSON round trip). */
function memoryStorage(): QueueStorage & { saves: number } {
  let text: string | null = null;
  return {
    saves: 0,
    load: async () => (text === null ? null : JSON.parse(text)),
    async save(state: QueueState) {
      this.saves += 1;
      text = JSON.stringify(state);
    },
  };
}

function makeStatements(n: number): XapiStatement[] {
  const book = new RegistrationBook();
  const settings = {
    activityBase: 'https://datalit.studio/xapi',
    homePage: 'https://lms.example.com',
    accountName: 'kim',
    platform: 'Datalit Studio test',
    language: 'en-US' as const,
    names: () => null,
  };
  return Array.from({ length: n }, (_, i) =>
    statementsFor({ kind: 'step-opened', lessonId: 'l01', stepId: `s${i}`, at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString() }, settings, book),
  ).flat();
}

/** Timers the test fires by hand, so retries happen when the test says. */
function manualTimers() {
  const pending = new Map<number, () => void>();
  let next = 0;
  return {
    pending,
    set: (fn: () => void) => {
      next += 1;
      pending.set(next, fn);
      return next;
    },
    clear: (h: unknown) => pending.delete(h as number),
    fireAll() {
      const fns = [...pending.values()];
      pending.clear();
      fns.forEach((f) => f());
    },
  };
}

let lrs: LocalLrs | null = null;
afterEach(async () => {
  await lrs?.stop().catch(() => undefined);
  lrs = null;
});

const fetchFn = (url: string, init: Parameters<typeof fetch>[1]) => fetch(url, init);

describe('the xAPI queue', () => {
  it('keeps statements while the LRS is down, across a restart, then sends each once, in batches', async () => {
    const port = await freePort();
    const target: XapiCredentialsInput = { endpoint: `http://127.0.0.1:${port}/xapi`, key: 'key-1', secret: '비밀 secret' };
    const storage = memoryStorage();
    const timers = manualTimers();
    const statements = makeStatements(12);

    // Offline: nothing listens on the port.
    const first = await XapiQueue.open({ storage, fetch: fetchFn, target: () => target, batchSize: 5, timers, random: () => 0.5 });
    await first.enqueue(statements);
    const offline = await first.flush();
    expect(offline.waiting).toBe(12);
    expect(offline.sent).toBe(0);
    expect(offline.lastProblem?.kind).toBe('network');
    expect(offline.nextAttemptAt).not.toBeNull();
    expect(timers.pending.size).toBe(1);
    first.close();

    // Restart: a new queue on the same storage; the same statements offered again are not queued twice.
    const second = await XapiQueue.open({ storage, fetch: fetchFn, target: () => target, batchSize: 5, timers, random: () => 0.5 });
    expect(second.status().waiting).toBe(12);
    await second.enqueue(statements.slice(0, 3));
    expect(second.status().waiting).toBe(12);

    // The LRS comes up on that port; the retry sends everything.
    lrs = await startLocalLrs('key-1', '비밀 secret', port);
    const done = await second.flush();
    expect(done).toMatchObject({ waiting: 0, sent: 12, rejected: [], lastProblem: null });
    expect(lrs.batches.map((b) => b.length)).toEqual([5, 5, 2]);
    const ids = lrs.batches.flat().map((s) => (s as XapiStatement).id);
    expect(ids).toEqual(statements.map((s) => s.id));

    // Sent ids are remembered: offering them again sends nothing more.
    await second.enqueue(statements);
    await second.flush();
    expect(lrs.batches.flat()).toHaveLength(12);
    const third = await XapiQueue.open({ storage, fetch: fetchFn, target: () => target, timers });
    await third.enqueue(statements);
    expect(third.status()).toMatchObject({ waiting: 0, sent: 12 });
  });

  it('retries after 5xx with growing delays and loses nothing', async () => {
    lrs = await startLocalLrs('k', 's', 0);
    const target = { endpoint: lrs.endpoint, key: 'k', secret: 's' };
    const timers = manualTimers();
    const delays: number[] = [];
    const queue = await XapiQueue.open({
      storage: memoryStorage(),
      fetch: fetchFn,
      target: () => target,
      timers: { set: (fn, ms) => (delays.push(ms), timers.set(fn)), clear: timers.clear },
      backoff: { baseMs: 1000, maxMs: 60_000 },
      random: () => 1,
    });
    lrs.failNext(2, 503);
    await queue.enqueue(makeStatements(3));
    await queue.flush();
    expect(queue.status()).toMatchObject({ waiting: 3, lastProblem: { kind: 'server', status: 503, reason: 'LRS is having a moment' } });
    timers.fireAll();
    await queue.flush();
    expect(delays).toEqual([1000, 2000]);
    timers.fireAll();
    const status = await queue.flush();
    expect(status).toMatchObject({ waiting: 0, sent: 3, lastProblem: null });
    expect(lrs.statuses.filter((s) => s === 503)).toHaveLength(2);
  });

  it('sets a stored statement that no longer passes the schema aside on restore (with the reason) and sends the rest', async () => {
    lrs = await startLocalLrs('k', 's', 0);
    const target = { endpoint: lrs.endpoint, key: 'k', secret: 's' };
    const storage = memoryStorage();
    const good = makeStatements(4);
    // A statement stored by an older build that the LRS's schema refuses (a relative object id).
    const broken = { ...structuredClone(good[1]!), id: crypto.randomUUID(), object: { ...good[1]!.object, id: 'https://datalit.studio/xapi/lessons/l01/steps/s1' } };
    broken.result = { completion: true, duration: 'PT1S' } as XapiStatement['result'];
    const queue = await XapiQueue.open({ storage, fetch: fetchFn, target: () => target, batchSize: 10 });
    await queue.enqueue(good);
    // Straight into the stored state, as an older build would have left it, then reloaded.
    const saved = (await storage.load()) as QueueState;
    saved.waiting.splice(2, 0, broken as XapiStatement);
    await storage.save(saved);
    const reopened = await XapiQueue.open({ storage, fetch: fetchFn, target: () => target, batchSize: 10 });
    const status = reopened.status();
    // The stored one no longer passes the app's own schema: set aside before it is ever sent.
    expect(status.rejected).toHaveLength(1);
    expect(status.rejected[0]).toMatchObject({ id: broken.id, status: 0 });
    expect(status.rejected[0]!.reason).toMatch(/not valid/);
    await reopened.flush();
    expect(reopened.status()).toMatchObject({ waiting: 0, sent: 4 });
  });

  it('a 400 from the LRS on a batch sends the good statements one by one and keeps the refused one with the reason', async () => {
    lrs = await startLocalLrs('k', 's', 0);
    const target = { endpoint: lrs.endpoint, key: 'k', secret: 's' };
    const statements = makeStatements(4);
    let calls = 0;
    // An LRS with a rule of its own: it refuses the third statement (as a real LRS might, e.g. a policy).
    const picky = async (url: string, init: Parameters<typeof fetch>[1]) => {
      calls += 1;
      const body = JSON.parse(String(init?.body)) as XapiStatement[];
      if (body.some((s) => s.id === statements[2]!.id)) return new Response(JSON.stringify({ message: 'Statement rejected by policy' }), { status: 400 });
      return fetch(url, init);
    };
    const queue = await XapiQueue.open({ storage: memoryStorage(), fetch: picky, target: () => target, batchSize: 10 });
    await queue.enqueue(statements);
    const status = await queue.flush();
    expect(status.waiting).toBe(0);
    expect(status.sent).toBe(3);
    expect(status.rejected).toEqual([
      expect.objectContaining({ id: statements[2]!.id, verb: 'attempted', status: 400, reason: 'Statement rejected by policy', object: statements[2]!.object.id }),
    ]);
    expect(calls).toBe(5);
    // Retrying puts it back in line; still refused, still kept.
    const again = await queue.retryRejected();
    expect(again.rejected).toHaveLength(1);
    expect(again.sent).toBe(3);
  });

  it('keeps a stored queue it cannot read (set aside whole, not overwritten) and goes on queueing', async () => {
    const storage = memoryStorage();
    await storage.save({ version: 2, waiting: 'something newer' } as unknown as QueueState);
    const queue = await XapiQueue.open({ storage, fetch: fetchFn, target: () => null });
    expect(queue.status().rejected).toEqual([expect.objectContaining({ status: 0, reason: expect.stringMatching(/^Stored queue is not readable/) })]);
    await queue.enqueue(makeStatements(1));
    const saved = (await storage.load()) as QueueState;
    expect(saved.rejected[0]!.statement).toEqual({ version: 2, waiting: 'something newer' });
    expect(saved.waiting).toHaveLength(1);
  });

  it('the local LRS answers 200 with the ids for good statements and 400 with a reason for a bad one', async () => {
    lrs = await startLocalLrs('k', 's', 0);
    const target = { endpoint: lrs.endpoint, key: 'k', secret: 's' };
    const [good] = makeStatements(1);
    expect(await postStatements(target, [good!], fetchFn)).toEqual({ kind: 'sent' });
    const bad = { ...good!, id: crypto.randomUUID(), version: '1.0.0' } as unknown as XapiStatement;
    const outcome = await postStatements(target, [bad], fetchFn);
    expect(outcome).toMatchObject({ kind: 'http', status: 400 });
    expect(outcome.kind === 'http' && outcome.reason).toMatch(/^Statement 0 is invalid/);
    expect(lrs.statuses).toEqual([200, 400]);
  });

  it('waits on wrong credentials (401) with the LRS reason, and sends once they are fixed', async () => {
    lrs = await startLocalLrs('k', 'right', 0);
    let target = { endpoint: lrs.endpoint, key: 'k', secret: 'wrong' };
    const timers = manualTimers();
    const queue = await XapiQueue.open({ storage: memoryStorage(), fetch: fetchFn, target: () => target, timers });
    await queue.enqueue(makeStatements(2));
    const status = await queue.flush();
    expect(status).toMatchObject({ waiting: 2, lastProblem: { kind: 'auth', status: 401, reason: 'Unauthorized: bad key or secret' } });
    expect(timers.pending.size).toBe(0);
    target = { ...target, secret: 'right' };
    expect(await queue.flush()).toMatchObject({ waiting: 0, sent: 2, lastProblem: null });
  });

  it('holds statements while switched off or not configured', async () => {
    let enabled = false;
    let calls = 0;
    const counting = async (url: string, init: Parameters<typeof fetch>[1]) => {
      calls += 1;
      return fetch(url, init);
    };
    lrs = await startLocalLrs('k', 's', 0);
    const endpoint = lrs.endpoint;
    let target: XapiCredentialsInput | null = null;
    const queue = await XapiQueue.open({ storage: memoryStorage(), fetch: counting, target: () => target, enabled: () => enabled });
    await queue.enqueue(makeStatements(2));
    expect((await queue.flush()).waiting).toBe(2);
    enabled = true;
    expect(await queue.flush()).toMatchObject({ waiting: 2, lastProblem: { kind: 'not-configured' } });
    expect(calls).toBe(0);
    target = { endpoint, key: 'k', secret: 's' };
    expect(await queue.flush()).toMatchObject({ waiting: 0, sent: 2 });
  });
});
