/**
 * The xAPI feature's values that cross the IPC boundary, as plain types (no zod), so the preload
 * and core/contract-channels.ts can name them without shipping a validator.
 */

/** Where and as whom statements are sent; the secret only ever travels renderer -> main. */
export interface XapiCredentialsInput {
  /** The LRS's xAPI endpoint, e.g. https://lrs.example.com/xapi/ (statements go to <endpoint>statements). */
  endpoint: string;
  /** The LRS's key (Basic auth user name). */
  key: string;
  /** The LRS's secret (Basic auth password). */
  secret: string;
}

/** Why the last attempt to send did not go through. */
export interface XapiSendProblem {
  /** network: no answer; server: 5xx (retried); auth: 401/403 (waits for new credentials); not-configured: no endpoint or key yet; disabled: switched off. */
  kind: 'network' | 'server' | 'auth' | 'not-configured' | 'disabled';
  /** The HTTP status, when there was one. */
  status: number | null;
  /** What the LRS (or the network layer) said, as it said it. */
  reason: string;
  at: string;
}

/** A statement the LRS refused (4xx): kept aside with the LRS's reason, never dropped. */
export interface XapiRejected {
  id: string;
  /** The verb's last path segment (attempted, passed, failed, completed). */
  verb: string;
  /** The activity's IRI. */
  object: string;
  status: number;
  reason: string;
  at: string;
}

/** What the queue holds and how sending goes. */
export interface XapiQueueStatus {
  waiting: number;
  sent: number;
  rejected: XapiRejected[];
  lastProblem: XapiSendProblem | null;
  lastSentAt: string | null;
  /** When the next automatic retry runs (after a network or server problem), or null. */
  nextAttemptAt: string | null;
  sending: boolean;
}

/** What the settings section shows about the stored connection (never the secret). */
export interface XapiCredentialStatus {
  stored: boolean;
  endpoint: string | null;
  /** The key with all but its first characters hidden, e.g. `abcd••••`. */
  keyHint: string | null;
  /** desktop: encrypted with the OS keychain (Electron safeStorage); session: web app, memory only, gone on reload. */
  storage: 'desktop' | 'session';
  /** False when the OS offers no encryption (credentials are then refused, not stored in plain text). */
  encryptionAvailable: boolean;
}

/** The whole picture for the settings section. */
export interface XapiStatus {
  enabled: boolean;
  credentials: XapiCredentialStatus;
  queue: XapiQueueStatus;
}

/** The outcome of saving credentials: refused with a reason the UI can translate, or the new status. */
export type XapiSetCredentialsResult =
  | { ok: true; status: XapiStatus }
  | { ok: false; problem: 'invalid-endpoint' | 'encryption-unavailable' | 'write-failed'; detail: string; status: XapiStatus };

/** The outcome of GET <endpoint>about. */
export type XapiTestResult =
  | { ok: true; versions: string[] }
  | { ok: false; problem: 'not-configured' | 'network' | 'http' | 'not-xapi'; status: number | null; reason: string };
