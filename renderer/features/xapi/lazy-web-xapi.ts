import type { XapiMethods } from './web-xapi.ts';

let loaded: Promise<XapiMethods> | null = null;

// The queue, the schema and IndexedDB load only when xAPI is first used, not with the app.
const methods = (): Promise<XapiMethods> => (loaded ??= import('./web-xapi.ts').then((m) => m.createWebXapi()));

/** The web host's xAPI methods, each loading the implementation on first call. */
export function lazyWebXapi(): XapiMethods {
  return {
    xapiStatus: () => methods().then((m) => m.xapiStatus()),
    xapiSetCredentials: (input) => methods().then((m) => m.xapiSetCredentials(input)),
    xapiClearCredentials: () => methods().then((m) => m.xapiClearCredentials()),
    xapiSetEnabled: (enabled) => methods().then((m) => m.xapiSetEnabled(enabled)),
    xapiEnqueue: (statements) => methods().then((m) => m.xapiEnqueue(statements)),
    xapiSendNow: () => methods().then((m) => m.xapiSendNow()),
    xapiRetryRejected: () => methods().then((m) => m.xapiRetryRejected()),
    xapiTestConnection: () => methods().then((m) => m.xapiTestConnection()),
  };
}
