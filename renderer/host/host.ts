import type { AppInfo, LoadResult } from '../../core/contract.ts';
import type { DocKey } from '../../core/persist/docs.ts';
import { createWebHost } from './web-host.ts';

/** Everything the renderer needs from its surroundings: Electron's main process or the browser. */
export interface Host {
  kind: 'electron' | 'web';
  loadDoc(key: DocKey): Promise<LoadResult>;
  saveDoc(key: DocKey, data: unknown): Promise<void>;
  appInfo(): Promise<AppInfo>;
  /** Opens an http(s) link in the system browser (Electron) or a new tab (web). */
  openExternal(url: string): Promise<void>;
}

function createElectronHost(api: NonNullable<Window['api']>): Host {
  return {
    kind: 'electron',
    loadDoc: (key) => api.storeLoad(key),
    saveDoc: (key, data) => api.storeSave(key, data),
    appInfo: () => api.appInfo(),
    openExternal: (url) => api.shellOpenExternal(url),
  };
}

let host: Host | null = null;

/** The host for this window; the only place in the renderer that touches `window.api`. */
export function getHost(): Host {
  host ??= window.api ? createElectronHost(window.api) : createWebHost();
  return host;
}
