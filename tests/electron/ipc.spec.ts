import * as nodeFs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS, type Channel } from '../../core/contract.ts';
import { defaultDoc } from '../../core/persist/docs.ts';

const userData = await nodeFs.mkdtemp(path.join(os.tmpdir(), 'datalit-ipc-'));

const electron = vi.hoisted(() => ({
  app: {
    getPath: vi.fn((_name: string) => ''),
    getVersion: vi.fn(() => '0.1.0'),
    getLocale: vi.fn(() => 'en-US'),
    getPreferredSystemLanguages: vi.fn((): string[] => ['ko-KR', 'en-US']),
    isPackaged: true,
    on: vi.fn(),
  },
  ipcMain: { handle: vi.fn() },
  shell: { openExternal: vi.fn(async () => undefined) },
  session: {},
}));
vi.mock('electron', () => electron);

const { assertTrustedSender, dispatch, registerIpc } = await import('../../electron/ipc.ts');
const { HANDLERS } = await import('../../electron/handlers/index.ts');

const APP_FRAME = { url: 'app://bundle/index.html', parent: null };
const trusted = { senderFrame: APP_FRAME };

beforeEach(() => {
  vi.clearAllMocks();
  electron.app.getPath.mockImplementation(() => userData);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

afterAll(async () => {
  await nodeFs.rm(userData, { recursive: true, force: true });
});

describe('assertTrustedSender', () => {
  it('accepts the top frame of the app page', () => {
    expect(() => assertTrustedSender(trusted)).not.toThrow();
  });

  it('rejects a sub-frame, even one showing the app', () => {
    expect(() => assertTrustedSender({ senderFrame: { url: 'app://bundle/index.html', parent: APP_FRAME } })).toThrow(
      'Blocked IPC from untrusted sender',
    );
  });

  it('rejects a foreign origin', () => {
    expect(() => assertTrustedSender({ senderFrame: { url: 'https://evil.example/', parent: null } })).toThrow(
      'Blocked IPC from untrusted sender',
    );
    expect(() => assertTrustedSender({ senderFrame: { url: 'file:///tmp/page.html', parent: null } })).toThrow(
      'Blocked IPC from untrusted sender',
    );
  });

  it('rejects a missing or disposed frame', () => {
    expect(() => assertTrustedSender({ senderFrame: null })).toThrow('Blocked IPC from untrusted sender');
    expect(() => assertTrustedSender({ senderFrame: undefined })).toThrow('Blocked IPC from untrusted sender');
    const disposed = {
      get senderFrame(): never {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    };
    expect(() => assertTrustedSender(disposed)).toThrow('Blocked IPC from untrusted sender');
  });

  it('accepts the dev server, and only it, in development', () => {
    vi.stubGlobal('MAIN_WINDOW_VITE_DEV_SERVER_URL', 'http://127.0.0.1:5173');
    expect(() => assertTrustedSender({ senderFrame: { url: 'http://127.0.0.1:5173/', parent: null } })).not.toThrow();
    expect(() => assertTrustedSender({ senderFrame: { url: 'http://127.0.0.1:9999/', parent: null } })).toThrow();
  });
});

describe('dispatch', () => {
  it('does not call the handler for an untrusted sender', async () => {
    const handler = vi.fn();
    await expect(dispatch('app:info', handler, { senderFrame: { url: 'https://evil.example/', parent: null } }, [])).rejects.toThrow(
      'Blocked IPC from untrusted sender',
    );
    expect(handler).not.toHaveBeenCalled();
  });

  it('rejects store:save with an unknown key', async () => {
    const handler = vi.fn();
    await expect(dispatch('store:save', handler, trusted, ['passwords', { version: 1 }])).rejects.toThrow(
      /^Invalid arguments for store:save: argument 0: /,
    );
    expect(handler).not.toHaveBeenCalled();
  });

  it('rejects store:save without data, and extra arguments', async () => {
    const handler = vi.fn();
    await expect(dispatch('store:save', handler, trusted, ['settings'])).rejects.toThrow(/^Invalid arguments for store:save/);
    await expect(dispatch('store:load', handler, trusted, ['settings', 'extra'])).rejects.toThrow(/^Invalid arguments for store:load/);
    expect(handler).not.toHaveBeenCalled();
  });

  it('calls the handler with the parsed arguments and returns its result', async () => {
    const handler = vi.fn(async () => ({ data: null, notice: null }));
    expect(await dispatch('store:load', handler, trusted, ['settings'])).toEqual({ data: null, notice: null });
    expect(handler).toHaveBeenCalledWith('settings');
  });
});

describe('handler table', () => {
  it('has exactly one handler per contract channel', () => {
    expect(Object.keys(HANDLERS).sort()).toEqual(Object.keys(CHANNELS).sort());
  });

  it('offers no channel that opens URLs: links leave the app only through the window-open wrapper', () => {
    // shell:open-external was called by nothing and reported success for URLs it ignored.
    expect(Object.keys(CHANNELS)).toEqual([
      'store:load',
      'store:save',
      'app:info',
      'launch:take-file',
      'author:open-folder',
      'author:read-folder',
      'author:close-folder',
      'xapi:status',
      'xapi:set-credentials',
      'xapi:clear-credentials',
      'xapi:set-enabled',
      'xapi:enqueue',
      'xapi:send-now',
      'xapi:retry-rejected',
      'xapi:test-connection',
    ]);
  });

  it('registers one ipcMain.handle per channel, each going through the checks', async () => {
    registerIpc();
    const registered = electron.ipcMain.handle.mock.calls as unknown as [
      Channel,
      (event: unknown, ...args: unknown[]) => Promise<unknown>,
    ][];
    expect(registered.map(([channel]) => channel).sort()).toEqual(Object.keys(CHANNELS).sort());

    const listener = (channel: Channel) => registered.find(([c]) => c === channel)?.[1] ?? (() => Promise.reject(new Error('none')));
    await expect(listener('app:info')({ senderFrame: { url: 'https://evil.example/', parent: null } })).rejects.toThrow(
      'Blocked IPC from untrusted sender',
    );
    await expect(listener('store:load')(trusted, '../../etc/passwd')).rejects.toThrow(/Invalid arguments/);
  });

  it('saves and loads documents in the user-data folder end to end', async () => {
    registerIpc();
    const registered = electron.ipcMain.handle.mock.calls as unknown as [
      Channel,
      (event: unknown, ...args: unknown[]) => Promise<unknown>,
    ][];
    const call = (channel: Channel, ...args: unknown[]) => registered.find(([c]) => c === channel)?.[1](trusted, ...args);
    const doc = { ...defaultDoc('settings'), theme: 'dark' };
    expect(await call('store:save', 'settings', doc)).toEqual({ ok: true });
    expect(JSON.parse(await nodeFs.readFile(path.join(userData, 'settings.json'), 'utf8'))).toEqual(doc);
    expect(await call('store:load', 'settings')).toEqual({ data: doc, notice: null });
  });

  it('answers app:info from Electron', async () => {
    expect(await HANDLERS['app:info']()).toEqual({
      version: '0.1.0',
      platform: process.platform,
      packaged: true,
      locale: 'ko-KR',
      userDataPath: userData,
    });
    electron.app.getPreferredSystemLanguages.mockReturnValueOnce([]);
    expect((await HANDLERS['app:info']()).locale).toBe('en-US');
  });
});
