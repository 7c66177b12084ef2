import { afterEach, describe, expect, it, vi } from 'vitest';
import type { QueueState, QueueStorage } from '../../../core/xapi/queue.ts';
import { RegistrationBook } from '../../../core/xapi/registrations.ts';
import { statementsFor } from '../../../core/xapi/statements.ts';
import { createWebXapi } from '../../../renderer/features/xapi/web-xapi.ts';
import { startLocalLrs, type LocalLrs } from '../../core/xapi/local-lrs.ts';

const SECRET = 'tab-only-secret';
let lrs: LocalLrs | null = null;
afterEach(async () => {
  vi.unstubAllGlobals();
  await lrs?.stop();
  lrs = null;
});

/** What IndexedDB would hold, as the text a reload reads back. */
function storage(): QueueStorage & { text: () => string } {
  let text = 'null';
  return { load: async () => JSON.parse(text) as unknown, save: async (s: QueueState) => void (text = JSON.stringify(s)), text: () => text };
}

function statements(n: number) {
  const book = new RegistrationBook();
  const settings = { activityBase: 'https://datalit.studio/xapi', homePage: 'https://datalit.studio', accountName: 'lee', platform: 'web', language: 'en-US' as const, names: () => null };
  return Array.from({ length: n }, (_, i) => statementsFor({ kind: 'step-opened', lessonId: 'l', stepId: `s${i}`, at: new Date().toISOString() }, settings, book)).flat();
}

describe('xAPI in the web app', () => {
  it('keeps statements in its storage but credentials only in memory: a reload forgets them and the statements still wait', async () => {
    lrs = await startLocalLrs('k', SECRET);
    vi.stubGlobal('location', new URL(lrs.endpoint.replace('/xapi/', '/index.html')));
    const kv = storage();
    const tab = createWebXapi(kv);
    await tab.xapiSetEnabled(true);
    // A path on the app's own site is accepted (the page's CSP allows only that origin).
    const set = await tab.xapiSetCredentials({ endpoint: '/xapi', key: 'k', secret: SECRET });
    expect(set).toMatchObject({ ok: true, status: { credentials: { stored: true, storage: 'session', endpoint: lrs.endpoint, keyHint: '••••' } } });
    await tab.xapiClearCredentials();
    await tab.xapiEnqueue(statements(3));
    expect(kv.text()).not.toContain(SECRET);

    // Reload: a new instance over the same storage.
    const reloaded = createWebXapi(kv);
    await reloaded.xapiSetEnabled(true);
    const status = await reloaded.xapiSendNow();
    expect(status).toMatchObject({ credentials: { stored: false }, queue: { waiting: 3, lastProblem: { kind: 'not-configured' } } });
    await reloaded.xapiSetCredentials({ endpoint: lrs.endpoint, key: 'k', secret: SECRET });
    expect((await reloaded.xapiStatus()).queue).toMatchObject({ waiting: 0, sent: 3 });
    expect(kv.text()).not.toContain(SECRET);
    expect(lrs.batches.flat()).toHaveLength(3);
  });

  it('refuses an empty or non-http endpoint', async () => {
    vi.stubGlobal('location', new URL('http://127.0.0.1:1/index.html'));
    const tab = createWebXapi(storage());
    expect(await tab.xapiSetCredentials({ endpoint: '  ', key: 'k', secret: 's' })).toMatchObject({ ok: false, problem: 'invalid-endpoint' });
    expect(await tab.xapiSetCredentials({ endpoint: 'javascript:alert(1)', key: 'k', secret: 's' })).toMatchObject({ ok: false, problem: 'invalid-endpoint' });
  });
});
