import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNELS, methodName, type Api } from '../../core/contract.ts';

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { invoke: vi.fn(async (..._args: unknown[]) => ({ data: null, notice: null })) },
}));
vi.mock('electron', () => electron);

let exposed: Record<string, unknown> = {};
let exposeCalls = 0;

beforeAll(async () => {
  await import('../../electron/preload.ts');
  exposeCalls = electron.contextBridge.exposeInMainWorld.mock.calls.length;
  const [name, api] = electron.contextBridge.exposeInMainWorld.mock.calls[0] as unknown as [string, Record<string, unknown>];
  expect(name).toBe('api');
  exposed = api;
});

describe('preload', () => {
  it('exposes exactly one function per channel, named after it', () => {
    expect(exposeCalls).toBe(1);
    const expected = Object.keys(CHANNELS).map((channel) => methodName(channel as keyof typeof CHANNELS));
    expect(Object.keys(exposed).sort()).toEqual([...expected].sort());
    expect([...expected].sort()).toEqual(['appInfo', 'storeLoad', 'storeSave']);
    for (const value of Object.values(exposed)) expect(typeof value).toBe('function');
  });

  it('never exposes ipcRenderer itself', () => {
    expect(Object.values(exposed)).not.toContain(electron.ipcRenderer);
    expect(Object.values(exposed)).not.toContain(electron.ipcRenderer.invoke);
  });

  it('forwards a call to its channel with the same arguments', async () => {
    const api = exposed as unknown as Api;
    expect(await api.storeLoad('settings')).toEqual({ data: null, notice: null });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith('store:load', 'settings');
    await api.appInfo();
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith('app:info');
  });
});
