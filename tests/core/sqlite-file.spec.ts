import { describe, expect, it } from 'vitest';
import initSqlJs from 'sql.js';
import { checkSqliteFile, hasDatabaseExtension, hasSqliteHeader, MAX_DATABASE_BYTES } from '../../core/sql/sqlite-file.ts';

const text = (s: string) => new TextEncoder().encode(s);

describe('the SQLite file check', () => {
  it('accepts a real database file made by SQLite', async () => {
    const SQL = await initSqlJs();
    const db = new SQL.Database();
    db.run('CREATE TABLE t (x)');
    const bytes = db.export();
    db.close();
    expect(hasSqliteHeader(bytes)).toBe(true);
    expect(checkSqliteFile(bytes.byteLength, bytes.subarray(0, 16))).toBeNull();
  });

  it('refuses text, a header without its NUL, a short file, and an empty one', () => {
    expect(checkSqliteFile(100, text('These are my notes, not a db'))).toEqual({ code: 'not-sqlite' });
    // "SQLite format 3" followed by a space instead of the NUL is a text file that quotes the header.
    expect(checkSqliteFile(100, text('SQLite format 3 and more'))).toEqual({ code: 'not-sqlite' });
    expect(checkSqliteFile(15, text('SQLite format 3'))).toEqual({ code: 'not-sqlite' });
    expect(checkSqliteFile(0, new Uint8Array())).toEqual({ code: 'empty' });
  });

  it('refuses a file above the limit before looking at its bytes', () => {
    const header = text('SQLite format 3\0');
    expect(checkSqliteFile(MAX_DATABASE_BYTES, header)).toBeNull();
    expect(checkSqliteFile(MAX_DATABASE_BYTES + 1, header)).toEqual({ code: 'too-large', size: MAX_DATABASE_BYTES + 1, limit: MAX_DATABASE_BYTES });
  });

  it('knows the usual database file names in any case', () => {
    expect(['a.db', 'B.SQLITE', 'c.sqlite3', 'd.db3'].map(hasDatabaseExtension)).toEqual([true, true, true, true]);
    expect(['notes.txt', 'db', 'x.db.txt'].map(hasDatabaseExtension)).toEqual([false, false, false]);
  });
});
