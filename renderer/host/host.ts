import type { AppInfo, LoadResult, SaveResult } from '../../core/contract.ts';
import type { DocKey } from '../../core/persist/docs.ts';
import { createWebHost } from './web-host.ts';

/** Everything the renderer needs from its surroundings: Electron's main process or the browser. */
export interface Host {
  kind: 'electron' | 'web';
  loadDoc(key: DocKey): Promise<LoadResult>;
  /** Saves a document; a save that cannot be written answers why instead of throwing. */
  saveDoc(key: DocKey, data: unknown): Promise<SaveResult>;
  appInfo(): Promise<AppInfo>;
}

function createElectronHost(api: NonNullable<Window['api']>): Host {
  return {
    kind: 'electron',
    loadDoc: (key) => api.storeLoad(key),
    saveDoc: (key, data) => api.storeSave(key, data),
    appInfo: () => api.appInfo(),
  };
}

let host: Host | null = null;

/** The host for this window; the only place in the renderer that touches `window.api`. */
export function getHost(): Host {
  host ??= window.api ? createElectronHost(window.api) : createWebHost();
  return host;
}
