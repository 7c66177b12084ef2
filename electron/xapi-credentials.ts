import * as nodeFs from 'node:fs/promises';
import path from 'node:path';
import { normalizeEndpoint } from '../core/xapi/lrs-client.ts';
import type { XapiCredentialStatus, XapiCredentialsInput } from '../core/xapi/types.ts';
import { writeFileAtomic } from './store/atomic-file.ts';

/*
 * The LRS endpoint, key and secret, kept by the main process only: encrypted with Electron's
 * safeStorage (the OS keychain: Keychain, DPAPI, libsecret/kwallet) in one file under userData.
 * The renderer can set, clear and ask for a status that never holds the secret; where the OS
 * offers no encryption the credentials are refused rather than written in plain text.
 */

/** The part of Electron's safeStorage this store uses (a mock in tests). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/** The encrypted file's name in userData. */
export const CREDENTIALS_FILE = 'xapi-credentials.bin';

/** Why credentials were not stored. */
export class CredentialError extends Error {
  readonly problem: 'invalid-endpoint' | 'encryption-unavailable' | 'write-failed';
  constructor(problem: CredentialError['problem'], detail: string) {
    super(detail);
    this.problem = problem;
  }
}

/** Keeps the LRS credentials encrypted on disk; `get` is for the main process's own use only. */
export interface CredentialStore {
  set(input: XapiCredentialsInput): Promise<void>;
  clear(): Promise<void>;
  get(): Promise<XapiCredentialsInput | null>;
  status(): Promise<XapiCredentialStatus>;
}

/** `abcd••••`: enough of the key to recognise it, not enough to use it. */
export function keyHint(key: string): string {
  return `${key.slice(0, Math.min(4, Math.floor(key.length / 2)))}••••`;
}

/** The credential store over `dir` (userData). */
export function createCredentialStore({ dir, safeStorage, fs = nodeFs }: { dir: string; safeStorage: SafeStorageLike; fs?: typeof nodeFs }): CredentialStore {
  const file = path.join(dir, CREDENTIALS_FILE);
  let cache: XapiCredentialsInput | null | undefined;

  async function get(): Promise<XapiCredentialsInput | null> {
    if (cache !== undefined) return cache;
    let bytes: Buffer;
    try {
      bytes = Buffer.from((await fs.readFile(file, 'utf8')).trim(), 'base64');
    } catch {
      cache = null;
      return cache;
    }
    try {
      const parsed = JSON.parse(safeStorage.decryptString(bytes)) as Partial<XapiCredentialsInput>;
      cache =
        typeof parsed.endpoint === 'string' && typeof parsed.key === 'string' && typeof parsed.secret === 'string'
          ? { endpoint: parsed.endpoint, key: parsed.key, secret: parsed.secret }
          : null;
    } catch {
      // Encrypted under another OS account or keychain: unusable here, so treated as not set.
      cache = null;
    }
    return cache;
  }

  return {
    get,
    async set(input) {
      const endpoint = normalizeEndpoint(input.endpoint);
      if (!endpoint) throw new CredentialError('invalid-endpoint', input.endpoint);
      if (!safeStorage.isEncryptionAvailable()) throw new CredentialError('encryption-unavailable', 'safeStorage.isEncryptionAvailable() is false');
      const value = { endpoint, key: input.key.trim(), secret: input.secret };
      const encrypted = safeStorage.encryptString(JSON.stringify(value));
      try {
        await fs.mkdir(dir, { recursive: true });
        // Base64 of the encrypted bytes, so the atomic text writer can keep it crash-safe.
        await writeFileAtomic(file, encrypted.toString('base64'));
      } catch (e) {
        throw new CredentialError('write-failed', e instanceof Error ? e.message : String(e));
      }
      cache = value;
    },
    async clear() {
      await fs.rm(file, { force: true });
      cache = null;
    },
    async status() {
      const value = await get();
      return {
        stored: value !== null,
        endpoint: value?.endpoint ?? null,
        keyHint: value ? keyHint(value.key) : null,
        storage: 'desktop',
        encryptionAvailable: safeStorage.isEncryptionAvailable(),
      };
    },
  };
}
