import * as nodeFs from 'node:fs/promises';
import path from 'node:path';
import type { FetchLike } from '../core/xapi/lrs-client.ts';
import { testConnection } from '../core/xapi/lrs-client.ts';
import { XapiQueue, type QueueStorage } from '../core/xapi/queue.ts';
import type { XapiCredentialsInput, XapiSetCredentialsResult, XapiStatus, XapiTestResult } from '../core/xapi/types.ts';
import { CredentialError, type CredentialStore } from './xapi-credentials.ts';
import { writeFileAtomic } from './store/atomic-file.ts';

/*
 * The desktop app's xAPI sender: the main process owns the queue (a JSON file in userData) and
 * the network, so the page's CSP stays `connect-src 'self'` and the secret never enters it.
 */

/** The queue's file in userData. */
export const QUEUE_FILE = 'xapi-queue.json';

/** The queue's state in a JSON file, replaced atomically on every change. */
export function fileQueueStorage(dir: string, fs: typeof nodeFs = nodeFs): QueueStorage {
  const file = path.join(dir, QUEUE_FILE);
  return {
    async load() {
      try {
        return JSON.parse(await fs.readFile(file, 'utf8')) as unknown;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
        // A damaged queue file is kept for a person to look at, and a fresh queue starts.
        await fs.rename(file, `${file}.corrupt-${Date.now()}`).catch(() => undefined);
        return null;
      }
    },
    async save(state) {
      await fs.mkdir(dir, { recursive: true });
      await writeFileAtomic(file, JSON.stringify(state));
    },
  };
}

/** What the xAPI handlers call. */
export interface XapiService {
  status(): Promise<XapiStatus>;
  setCredentials(input: XapiCredentialsInput): Promise<XapiSetCredentialsResult>;
  clearCredentials(): Promise<XapiStatus>;
  setEnabled(enabled: boolean): Promise<XapiStatus>;
  enqueue(statements: readonly unknown[]): Promise<XapiStatus>;
  sendNow(): Promise<XapiStatus>;
  retryRejected(): Promise<XapiStatus>;
  testConnection(): Promise<XapiTestResult>;
}

/** The service over a credential store, a queue storage and a fetch (Electron's net.fetch in the app). */
export function createXapiService({
  credentials,
  storage,
  fetch,
  queueOptions = {},
}: {
  credentials: CredentialStore;
  storage: QueueStorage;
  fetch: FetchLike;
  queueOptions?: Partial<Pick<Parameters<typeof XapiQueue.open>[0], 'batchSize' | 'backoff' | 'timers'>>;
}): XapiService {
  // Off until the renderer says otherwise (it sends the saved setting when it starts).
  let enabled = false;
  let queue: Promise<XapiQueue> | null = null;
  const getQueue = () =>
    (queue ??= XapiQueue.open({ storage, fetch, target: () => credentials.get(), enabled: () => enabled, ...queueOptions }));

  async function status(): Promise<XapiStatus> {
    return { enabled, credentials: await credentials.status(), queue: (await getQueue()).status() };
  }

  return {
    status,
    async setCredentials(input) {
      try {
        await credentials.set(input);
      } catch (e) {
        const problem = e instanceof CredentialError ? e.problem : 'write-failed';
        return { ok: false, problem, detail: e instanceof Error ? e.message : String(e), status: await status() };
      }
      await (await getQueue()).flush();
      return { ok: true, status: await status() };
    },
    async clearCredentials() {
      await credentials.clear();
      return status();
    },
    async setEnabled(value) {
      enabled = value;
      if (value) void (await getQueue()).flush();
      return status();
    },
    async enqueue(statements) {
      await (await getQueue()).enqueue(statements);
      return status();
    },
    async sendNow() {
      await (await getQueue()).flush();
      return status();
    },
    async retryRejected() {
      await (await getQueue()).retryRejected();
      return status();
    },
    async testConnection() {
      return testConnection(await credentials.get(), fetch);
    },
  };
}
