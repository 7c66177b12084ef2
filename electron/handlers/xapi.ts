import { app, net, safeStorage } from 'electron';
import { createCredentialStore } from '../xapi-credentials.ts';
import { createXapiService, fileQueueStorage, type XapiService } from '../xapi-service.ts';
import type { Handlers } from './types.ts';

let service: XapiService | null = null;

// Created on first use: userData is final only once the app is ready. Electron's net.fetch goes
// through Chromium's network stack, so a company's system proxy applies to the LRS too.
function xapi(): XapiService {
  const dir = app.getPath('userData');
  service ??= createXapiService({
    credentials: createCredentialStore({ dir, safeStorage }),
    storage: fileQueueStorage(dir),
    fetch: (url, init) => net.fetch(url, init),
  });
  return service;
}

/** The `xapi:*` channels: the LRS credentials (set, clear, status; the secret never returns) and the statement queue. */
export const xapiHandlers: Pick<
  Handlers,
  | 'xapi:status'
  | 'xapi:set-credentials'
  | 'xapi:clear-credentials'
  | 'xapi:set-enabled'
  | 'xapi:enqueue'
  | 'xapi:send-now'
  | 'xapi:retry-rejected'
  | 'xapi:test-connection'
> = {
  'xapi:status': () => xapi().status(),
  'xapi:set-credentials': (input) => xapi().setCredentials(input),
  'xapi:clear-credentials': () => xapi().clearCredentials(),
  'xapi:set-enabled': (enabled) => xapi().setEnabled(enabled),
  'xapi:enqueue': (statements) => xapi().enqueue(statements),
  'xapi:send-now': () => xapi().sendNow(),
  'xapi:retry-rejected': () => xapi().retryRejected(),
  'xapi:test-connection': () => xapi().testConnection(),
};

/** Forgets the service (tests start each case from a fresh userData folder). */
export function resetXapiServiceForTests(): void {
  service = null;
}
