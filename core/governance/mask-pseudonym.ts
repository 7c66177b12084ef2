import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';

/*
 * Pseudonymised ids: `pseudonym(value)` is HMAC-SHA256 under the workspace key, as lowercase hex.
 * Keyed, so the same id gives the same pseudonym in one workspace (joins still work) but nobody
 * without the key can recompute it from a guessed id, as they could a plain hash of 1, 2, 3 …
 * sql.js calls a registered function synchronously, which is why the hash comes from
 * @noble/hashes and not WebCrypto (its HMAC answers with a promise).
 *
 * The canonical text of a value, the bytes that are hashed (UTF-8):
 *   - NULL has none: pseudonym(NULL) is NULL (a missing id stays missing, it is not one person);
 *   - an integer is its decimal digits ('42', '-7'); a REAL with an integral value is written the
 *     same (sql.js hands SQLite's 42 and 42.0 over as one JS number), so 42, 42.0 and '42' agree;
 *   - any other REAL is JavaScript's shortest round-trip form ('0.1', '1e+21');
 *   - text is hashed exactly as stored: ' 42' and 'A@x.kr' differ from '42' and 'a@x.kr', so
 *     normalise ids (trim, lower) before pseudonymising when the source is messy;
 *   - a BLOB is 'x' followed by its bytes in lowercase hex.
 * The short form `pseudonym(value, n)` keeps the first n hex digits (n even, 8 to 64), e.g. 16 for
 * 64 bits: shorter to read, and collisions stay negligible for millions of ids.
 */

/** The workspace key's form: 32 bytes as 64 lowercase hex characters. */
export const KEY_PATTERN = /^[0-9a-f]{64}$/;

/** The SQL function's name. */
export const PSEUDONYM_FUNCTION = 'pseudonym';

/** The canonical text hashed for a value (see the file's comment), or null for NULL. */
export function canonicalText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    if (Number.isInteger(value) && Math.abs(value) < 1e21) return value.toFixed(0);
    return String(value);
  }
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return `x${bytesToHex(value)}`;
  return String(value);
}

/** The key's bytes; throws with a readable message when the key is not 64 hex characters. */
export function keyBytes(keyHex: string): Uint8Array {
  if (!KEY_PATTERN.test(keyHex)) throw new Error('pseudonym(): the workspace key must be 64 lowercase hex characters');
  return hexToBytes(keyHex);
}

/** HMAC-SHA256 of the value's canonical text under the key, as lowercase hex (null for NULL). */
export function pseudonymOf(key: Uint8Array, value: unknown, length = 64): string | null {
  const text = canonicalText(value);
  if (text === null) return null;
  const hex = bytesToHex(hmac(sha256, key, utf8ToBytes(text)));
  return length >= 64 ? hex : hex.slice(0, length);
}

function shortLength(n: unknown): number {
  const len = typeof n === 'number' ? n : Number(n);
  if (!Number.isInteger(len) || len < 8 || len > 64 || len % 2 !== 0)
    throw new Error('pseudonym(value, n): n is the number of hex digits to keep, an even number from 8 to 64');
  return len;
}

/** What registerPseudonym needs of a sql.js Database. */
export interface FunctionHost {
  create_function(name: string, fn: (...args: never[]) => unknown): unknown;
}

/**
 * Registers `pseudonym(value)` and `pseudonym(value, n)` on a sql.js Database under the key (64 hex
 * characters). Registering again replaces the key, so the same SQL then gives other pseudonyms.
 * With `keyHex` null the function is still there but fails with a message saying the key is missing.
 */
export function registerPseudonym(db: FunctionHost, keyHex: string | null): void {
  const key = keyHex === null ? null : keyBytes(keyHex);
  const need = (): Uint8Array => {
    if (key === null) throw new Error('pseudonym(): no workspace key is set yet (open the Governance screen once to create it)');
    return key;
  };
  db.create_function(PSEUDONYM_FUNCTION, (value: unknown) => pseudonymOf(need(), value));
  db.create_function(PSEUDONYM_FUNCTION, (value: unknown, n: unknown) => pseudonymOf(need(), value, shortLength(n)));
}

/** A new random workspace key (64 hex characters) from the platform's CSPRNG. */
export function newWorkspaceKey(): string {
  const bytes = new Uint8Array(32);
  globalThis.crypto.getRandomValues(bytes);
  return bytesToHex(bytes);
}
