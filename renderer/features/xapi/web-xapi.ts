import { createStore, get, set } from 'idb-keyval';
import { normalizeEndpoint, testConnection } from '../../../core/xapi/lrs-client.ts';
import { XapiQueue, type QueueStorage } from '../../../core/xapi/queue.ts';
import type { XapiCredentialsInput, XapiStatus } from '../../../core/xapi/types.ts';
import type { Host } from '../../host/host.ts';

/*
 * The web app's xAPI: the queue lives in the page and is kept in IndexedDB (its own database, so
 * it survives a reload and never mixes with the learner's documents). Credentials are different:
 * a browser has no safe place for a secret, so they are held in this module's memory only, for
 * this tab, and gone on reload; the settings section says so. The page's CSP (connect-src 'self')
 * lets it reach only an LRS served from the app's own site, e.g. behind a proxy at /xapi/.
 */

/** The xAPI methods of the host. */
export type XapiMethods = Pick<
  Host,
  'xapiStatus' | 'xapiSetCredentials' | 'xapiClearCredentials' | 'xapiSetEnabled' | 'xapiEnqueue' | 'xapiSendNow' | 'xapiRetryRejected' | 'xapiTestConnection'
>;

/** The queue's state in IndexedDB `datalit-xapi`, store `queue`, key `state`. */
export function indexedDbQueueStorage(): QueueStorage {
  const store = createStore('datalit-xapi', 'queue');
  return {
    load: async () => (await get('state', store)) ?? null,
    save: (state) => set('state', state, store),
  };
}

/** An absolute endpoint, or one on this site given as a path (/xapi/), normalised; null when neither. */
function resolveEndpoint(text: string): string | null {
  if (!text.trim()) return null;
  try {
    return normalizeEndpoint(new URL(text.trim(), location.href).href);
  } catch {
    return null;
  }
}

/** The web host's xAPI methods over a queue storage (IndexedDB in the app). */
export function createWebXapi(storage: QueueStorage = indexedDbQueueStorage(), fetchFn: typeof fetch = (...a) => fetch(...a)): XapiMethods {
  let session: XapiCredentialsInput | null = null;
  let enabled = false;
  let queue: Promise<XapiQueue> | null = null;
  const getQueue = () => (queue ??= XapiQueue.open({ storage, fetch: fetchFn, target: () => session, enabled: () => enabled }));
  // Back online: send what waited at once rather than at the next backoff retry.
  if (typeof window !== 'undefined') window.addEventListener('online', () => void queue?.then((q) => q.flush()));
  const status = async (): Promise<XapiStatus> => ({
    enabled,
    credentials: {
      stored: session !== null,
      endpoint: session?.endpoint ?? null,
      keyHint: session ? `${session.key.slice(0, Math.min(4, Math.floor(session.key.length / 2)))}••••` : null,
      storage: 'session',
      encryptionAvailable: false,
    },
    queue: (await getQueue()).status(),
  });
  return {
    xapiStatus: status,
    async xapiSetCredentials(input) {
      const endpoint = resolveEndpoint(input.endpoint);
      if (!endpoint || !input.key.trim() || !input.secret) return { ok: false, problem: 'invalid-endpoint', detail: input.endpoint, status: await status() };
      session = { endpoint, key: input.key.trim(), secret: input.secret };
      await (await getQueue()).flush();
      return { ok: true, status: await status() };
    },
    async xapiClearCredentials() {
      session = null;
      return status();
    },
    async xapiSetEnabled(value) {
      enabled = value;
      if (value) void (await getQueue()).flush();
      return status();
    },
    async xapiEnqueue(statements) {
      await (await getQueue()).enqueue(statements);
      return status();
    },
    async xapiSendNow() {
      await (await getQueue()).flush();
      return status();
    },
    async xapiRetryRejected() {
      await (await getQueue()).retryRejected();
      return status();
    },
    xapiTestConnection: () => testConnection(session, fetchFn),
  };
}
