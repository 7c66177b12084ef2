import { contextBridge, ipcRenderer } from 'electron';
import { CHANNEL_NAMES, methodName, type Api } from '../core/contract-channels.ts';

/*
 * Sandboxed preload: bundled by Vite into one CommonJS file, since a sandboxed preload cannot
 * require local modules. It exposes one named function per contract channel and never
 * ipcRenderer itself, so the page can call exactly the channels the contract lists. It imports
 * the channel names without their validators (core/contract-channels.ts), so zod stays out of
 * the page: main validates every call anyway.
 */

/** Builds `window.api` from the contract: `store:load` becomes `storeLoad(...)`, and so on. */
export function buildApi(): Api {
  const entries = CHANNEL_NAMES.map((channel) => [
    methodName(channel),
    (...args: unknown[]): Promise<unknown> => ipcRenderer.invoke(channel, ...args),
  ]);
  // Each entry's shape follows from the contract; arguments are validated again in main.
  return Object.freeze(Object.fromEntries(entries)) as Api;
}

contextBridge.exposeInMainWorld('api', buildApi());
