import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES, methodName, type Api } from '../../core/contract-channels.ts';
import { EXPECTED_METHODS } from '../fixtures/ipc-channels.ts';

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { invoke: vi.fn(async (..._args: unknown[]) => ({ data: null, notice: null })) },
}));
vi.mock('electron', () => electron);

// The preload is bundled into the sandboxed page: loading zod there (through core/contract.ts)
// would ship the validators main already runs. Any attempt to load it is recorded and fails.
const zodLoads = vi.hoisted(() => ({ count: 0 }));
vi.mock('zod', () => {
  zodLoads.count++;
  throw new Error('the preload must not load zod');
});

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
    const expected = CHANNEL_NAMES.map((channel) => methodName(channel));
    expect(Object.keys(exposed).sort()).toEqual([...expected].sort());
    expect([...expected].sort()).toEqual(EXPECTED_METHODS);
    for (const value of Object.values(exposed)) expect(typeof value).toBe('function');
  });

  it('loads without zod: channel names only, validators stay in main', () => {
    expect(zodLoads.count).toBe(0);
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
