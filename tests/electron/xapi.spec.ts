import * as nodeFs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RegistrationBook } from '../../core/xapi/registrations.ts';
import { statementsFor } from '../../core/xapi/statements.ts';
import { startLocalLrs, type LocalLrs } from '../core/xapi/local-lrs.ts';

const root = await nodeFs.mkdtemp(path.join(os.tmpdir(), 'datalit-xapi-'));

// safeStorage stand-in: a reversible scramble, so the file never holds the secret as text.
const electron = vi.hoisted(() => ({
  app: { getPath: vi.fn((_name: string) => ''), on: vi.fn() },
  ipcMain: { handle: vi.fn() },
  net: { fetch: vi.fn((url: string, init?: RequestInit) => fetch(url, init)) },
  safeStorage: {
    isEncryptionAvailable: vi.fn(() => true),
    encryptString: vi.fn((s: string) => Buffer.from(Buffer.from(s, 'utf8').map((x) => x ^ 0x5a))),
    decryptString: vi.fn((b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a)).toString('utf8')),
  },
  shell: { openExternal: vi.fn() },
  session: {},
}));
vi.mock('electron', () => electron);

const { dispatch } = await import('../../electron/ipc.ts');
const { HANDLERS } = await import('../../electron/handlers/index.ts');
const { resetXapiServiceForTests } = await import('../../electron/handlers/xapi.ts');
const { CREDENTIALS_FILE } = await import('../../electron/xapi-credentials.ts');
const { QUEUE_FILE } = await import('../../electron/xapi-service.ts');

const trusted = { senderFrame: { url: 'app://bundle/index.html', parent: null } };
/** Calls a channel the way the renderer does: through the sender check and the contract's validator. */
const call = <C extends keyof typeof HANDLERS>(channel: C, ...args: unknown[]) => dispatch(channel, HANDLERS[channel], trusted, args);

let userData = '';
let lrs: LocalLrs | null = null;
const SECRET = 'pa55-비밀-secret';

function statements(n: number) {
  const book = new RegistrationBook();
  const settings = { activityBase: 'https://datalit.studio/xapi', homePage: 'https://lms.example.com', accountName: 'kim', platform: 'test', language: 'ko-KR' as const, names: () => null };
  return Array.from({ length: n }, (_, i) => statementsFor({ kind: 'step-opened', lessonId: 'l1', stepId: `s${i}`, at: new Date().toISOString() }, settings, book)).flat();
}

beforeEach(async () => {
  userData = await nodeFs.mkdtemp(path.join(root, 'user-'));
  electron.app.getPath.mockImplementation(() => userData);
  electron.safeStorage.isEncryptionAvailable.mockReturnValue(true);
  resetXapiServiceForTests();
});

afterEach(async () => {
  await lrs?.stop();
  lrs = null;
});

afterAll(async () => {
  await nodeFs.rm(root, { recursive: true, force: true });
});

describe('xAPI in the main process', () => {
  it('stores the credentials encrypted with safeStorage and never hands the secret back', async () => {
    lrs = await startLocalLrs('company-key', SECRET);
    const result = await call('xapi:set-credentials', { endpoint: lrs.endpoint.replace(/\/$/, ''), key: 'company-key', secret: SECRET });
    expect(result).toMatchObject({ ok: true, status: { credentials: { stored: true, endpoint: lrs.endpoint, keyHint: 'comp••••', storage: 'desktop' } } });
    expect(electron.safeStorage.encryptString).toHaveBeenCalledTimes(1);
    const onDisk = await nodeFs.readFile(path.join(userData, CREDENTIALS_FILE), 'utf8');
    expect(onDisk).not.toContain(SECRET);
    expect(Buffer.from(onDisk, 'base64').toString('utf8')).not.toContain(SECRET);
    // No channel's answer carries the secret (or the whole key).
    const answers = [result, await call('xapi:status'), await call('xapi:send-now'), await call('xapi:test-connection'), await call('xapi:set-enabled', true)];
    for (const answer of answers) {
      expect(JSON.stringify(answer)).not.toContain(SECRET);
      expect(JSON.stringify(answer)).not.toContain('company-key');
    }
    expect(answers[3]).toEqual({ ok: true, versions: ['1.0.3'] });
    // A restart reads them back through safeStorage.
    resetXapiServiceForTests();
    expect(await call('xapi:status')).toMatchObject({ credentials: { stored: true, endpoint: lrs.endpoint } });
    expect(electron.safeStorage.decryptString).toHaveBeenCalled();
    const cleared = await call('xapi:clear-credentials');
    expect(cleared).toMatchObject({ credentials: { stored: false, endpoint: null } });
    await expect(nodeFs.stat(path.join(userData, CREDENTIALS_FILE))).rejects.toThrow();
  });

  it('refuses to keep credentials where the OS offers no encryption (nothing written in plain text)', async () => {
    electron.safeStorage.isEncryptionAvailable.mockReturnValue(false);
    const result = await call('xapi:set-credentials', { endpoint: 'https://lrs.example.com/xapi/', key: 'k', secret: SECRET });
    expect(result).toMatchObject({ ok: false, problem: 'encryption-unavailable', status: { credentials: { stored: false, encryptionAvailable: false } } });
    expect(await nodeFs.readdir(userData)).not.toContain(CREDENTIALS_FILE);
  });

  it('refuses an endpoint that is not an http(s) URL', async () => {
    const result = await call('xapi:set-credentials', { endpoint: 'file:///etc/passwd', key: 'k', secret: 's' });
    expect(result).toMatchObject({ ok: false, problem: 'invalid-endpoint' });
  });

  it('validates statements against the schema before they reach the queue', async () => {
    const [good] = statements(1);
    await expect(call('xapi:enqueue', [{ ...good, version: '1.0.0' }])).rejects.toThrow(/Invalid arguments for xapi:enqueue/);
    await expect(call('xapi:set-credentials', { endpoint: 'https://x/', key: 'k' })).rejects.toThrow(/Invalid arguments/);
  });

  it('queues in a file while off or offline, keeps it across a restart, and sends once switched on and connected', async () => {
    const batch = statements(30);
    const queued = await call('xapi:enqueue', batch);
    expect(queued).toMatchObject({ enabled: false, queue: { waiting: 30, sent: 0 } });
    const file = JSON.parse(await nodeFs.readFile(path.join(userData, QUEUE_FILE), 'utf8')) as { waiting: unknown[] };
    expect(file.waiting).toHaveLength(30);

    resetXapiServiceForTests();
    lrs = await startLocalLrs('k', SECRET);
    await call('xapi:set-credentials', { endpoint: lrs.endpoint, key: 'k', secret: SECRET });
    // Still off: nothing leaves.
    expect(lrs.batches).toHaveLength(0);
    await call('xapi:set-enabled', true);
    const sent = await call('xapi:send-now');
    expect(sent).toMatchObject({ enabled: true, queue: { waiting: 0, sent: 30, rejected: [] } });
    expect(lrs.batches.map((b) => b.length)).toEqual([25, 5]);
    expect(electron.net.fetch).toHaveBeenCalled();
  });
});
