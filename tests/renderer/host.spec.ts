import { afterEach, describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES, methodName, type Api } from '../../core/contract-channels.ts';
import { createWebHost, type KeyValueStore } from '../../renderer/host/web-host.ts';

const memory: KeyValueStore = { get: async () => undefined, set: async () => undefined, del: async () => undefined };

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

describe('the host', () => {
  it('in the browser, answers every channel of the contract, under the preload’s names', () => {
    const host = createWebHost(memory);
    expect(host.kind).toBe('web');
    const methods = Object.keys(host).filter((k) => k !== 'kind');
    expect(methods.sort()).toEqual(CHANNEL_NAMES.map(methodName).sort());
    for (const name of methods) expect(typeof (host as unknown as Record<string, unknown>)[name], name).toBe('function');
  });

  it('in Electron, is window.api itself: each call goes to the preload’s function', async () => {
    const api: Api = {
      storeLoad: vi.fn(async () => ({ data: { version: 1 }, notice: null })),
      storeSave: vi.fn(async () => ({ ok: true as const })),
      appInfo: vi.fn(async () => ({ version: '9.9.9', platform: 'linux', packaged: false, locale: 'ko-KR', userDataPath: '/tmp/x' })),
      launchTakeFile: vi.fn(async () => null),
      authorOpenFolder: vi.fn(async () => null),
      authorReadFolder: vi.fn(async () => null),
      authorCloseFolder: vi.fn(async () => null),
      xapiStatus: vi.fn(),
      xapiSetCredentials: vi.fn(),
      xapiClearCredentials: vi.fn(),
      xapiSetEnabled: vi.fn(),
      xapiEnqueue: vi.fn(),
      xapiSendNow: vi.fn(),
      xapiRetryRejected: vi.fn(),
      xapiTestConnection: vi.fn(),
    };
    vi.stubGlobal('window', { api });
    const { getHost } = await import('../../renderer/host/host.ts');
    const host = getHost();
    expect(host.kind).toBe('electron');
    expect(await host.storeLoad('progress')).toEqual({ data: { version: 1 }, notice: null });
    expect(api.storeLoad).toHaveBeenCalledWith('progress');
    await host.storeSave('settings', { version: 1 });
    expect(api.storeSave).toHaveBeenCalledWith('settings', { version: 1 });
    expect((await host.appInfo()).locale).toBe('ko-KR');
    expect(getHost()).toBe(host);
  });
});
