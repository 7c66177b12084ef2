import initSqlJs, { type Database, type SqlJsStatic } from 'sql.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalText, keyBytes, pseudonymOf, registerPseudonym } from '../../../core/governance/mask-pseudonym.ts';

/**
 * pseudonym(): HMAC-SHA256 as the RFC 4231 vectors define it, registered on sql.js; stable for one
 * key, different under another, not a plain hash of the id, NULL stays NULL, 42 and '42' agree.
 */

const KEY_A = '0b'.repeat(32);
const KEY_B = '1f'.repeat(32);

let SQL: SqlJsStatic;
let db: Database;

beforeAll(async () => {
  SQL = await initSqlJs();
  db = new SQL.Database();
});

function one(sql: string): unknown {
  return db.exec(sql)[0]?.values[0]?.[0];
}

describe('HMAC-SHA256 (RFC 4231)', () => {
  // The library the function rests on, against the RFC's own vectors (test cases 1, 2 and 6).
  it.each([
    ['0b'.repeat(20), bytesToHex(utf8ToBytes('Hi There')), 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7'],
    [
      bytesToHex(utf8ToBytes('Jefe')),
      bytesToHex(utf8ToBytes('what do ya want for nothing?')),
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    ],
    [
      'aa'.repeat(131),
      bytesToHex(utf8ToBytes('Test Using Larger Than Block-Size Key - Hash Key First')),
      '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
    ],
  ])('key %s', (key, data, expected) => {
    expect(bytesToHex(hmac(sha256, hexToBytes(key), hexToBytes(data)))).toBe(expected);
  });

  it('pseudonymOf is that HMAC over the canonical text', () => {
    // RFC 4231 test case 1 through our function: the key is 20 bytes there, so call the primitive with it.
    expect(pseudonymOf(hexToBytes('0b'.repeat(20)), 'Hi There')).toBe('b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7');
  });
});

describe('canonical text', () => {
  it('writes integers, integral reals and their text alike, and keeps other text as stored', () => {
    expect(canonicalText(42)).toBe('42');
    expect(canonicalText(42.0)).toBe('42');
    expect(canonicalText('42')).toBe('42');
    expect(canonicalText(-7)).toBe('-7');
    expect(canonicalText(0.1)).toBe('0.1');
    expect(canonicalText(' 42')).toBe(' 42');
    expect(canonicalText(null)).toBeNull();
    expect(canonicalText(new Uint8Array([1, 255]))).toBe('x01ff');
  });
});

describe('pseudonym() in SQL', () => {
  it('is stable for one key, differs under another, and is not a plain SHA-256 of the id', () => {
    registerPseudonym(db, KEY_A);
    const a1 = one('SELECT pseudonym(42)');
    const a2 = one('SELECT pseudonym(42)');
    expect(a1).toMatch(/^[0-9a-f]{64}$/);
    expect(a2).toBe(a1);
    expect(one("SELECT pseudonym('42')")).toBe(a1);
    expect(one('SELECT pseudonym(42.0)')).toBe(a1);
    expect(one('SELECT pseudonym(43)')).not.toBe(a1);
    expect(a1).toBe(pseudonymOf(keyBytes(KEY_A), 42));
    expect(a1).not.toBe(bytesToHex(sha256(utf8ToBytes('42'))));
    registerPseudonym(db, KEY_B);
    const b = one('SELECT pseudonym(42)');
    expect(b).not.toBe(a1);
    expect(b).toBe(pseudonymOf(keyBytes(KEY_B), 42));
  });

  it('keeps NULL as NULL and offers a documented short form', () => {
    registerPseudonym(db, KEY_A);
    expect(one('SELECT pseudonym(NULL)')).toBeNull();
    const full = one('SELECT pseudonym(7)') as string;
    expect(one('SELECT pseudonym(7, 16)')).toBe(full.slice(0, 16));
    expect(() => db.exec('SELECT pseudonym(7, 5)')).toThrow(/even number from 8 to 64/);
  });

  it('gives distinct ids distinct pseudonyms over a whole column, so joins still work', () => {
    registerPseudonym(db, KEY_A);
    db.exec(
      'CREATE TABLE ids(id INTEGER); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000) INSERT INTO ids SELECT i FROM n',
    );
    expect(one('SELECT count(DISTINCT pseudonym(id)) FROM ids')).toBe(3000);
    // Two tables pseudonymised apart still join on the pseudonym (text ids of another table included).
    db.exec(
      'CREATE TABLE a AS SELECT pseudonym(id) AS pid FROM ids; CREATE TABLE b AS SELECT pseudonym(CAST(id AS TEXT)) AS pid FROM ids WHERE id % 3 = 0; CREATE INDEX b_pid ON b(pid)',
    );
    expect(one('SELECT count(*) FROM a JOIN b USING (pid)')).toBe(1000);
  });

  it('fails with a clear message when no key is set, and refuses a malformed key', () => {
    const fresh = new SQL.Database();
    registerPseudonym(fresh, null);
    expect(() => fresh.exec('SELECT pseudonym(1)')).toThrow(/no workspace key/);
    expect(() => registerPseudonym(fresh, 'abc')).toThrow(/64 lowercase hex/);
    fresh.close();
  });
});
