import type { Api } from '../../core/contract-channels.ts';
import { createWebHost } from './web-host.ts';

/**
 * Everything the renderer needs from its surroundings: Electron's main process or the browser.
 * It is the contract's `Api` (one function per channel, named after it: `store:load` is
 * `storeLoad`) plus which host it is, so a channel added to core/contract-channels.ts appears
 * here by itself, and the web host fails to compile until it implements it too.
 */
export type Host = Api & { kind: 'electron' | 'web' };

let host: Host | null = null;

/** The host for this window; the only place in the renderer that touches `window.api`. */
export function getHost(): Host {
  host ??= window.api ? { ...window.api, kind: 'electron' } : createWebHost();
  return host;
}
