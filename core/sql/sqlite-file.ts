/**
 * What a file must be before the app opens it as a database: a SQLite file (known by its
 * 16-byte header, not by its name) no larger than the engine can hold in memory. Checked before
 * anything is read beyond the header, so a refused file changes nothing.
 */

/** The first 16 bytes of every SQLite 3 database file: "SQLite format 3" and a NUL. */
export const SQLITE_HEADER = new Uint8Array([0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66, 0x6f, 0x72, 0x6d, 0x61, 0x74, 0x20, 0x33, 0x00]);

/** The largest file the app opens: sql.js holds the whole database in WebAssembly memory (at most 4 GiB, with room to query). */
export const MAX_DATABASE_BYTES = 1024 * 1024 * 1024;

/** Why a file was refused: empty, too large, or not a SQLite database. */
export type SqliteFileProblem =
  | { code: 'empty' }
  | { code: 'too-large'; size: number; limit: number }
  | { code: 'not-sqlite' };

/** True when the bytes start with the SQLite 3 header. */
export function hasSqliteHeader(head: Uint8Array): boolean {
  if (head.byteLength < SQLITE_HEADER.length) return false;
  return SQLITE_HEADER.every((b, i) => head[i] === b);
}

/** Checks a file by its size and its first bytes (at least 16); null when it may be opened. */
export function checkSqliteFile(size: number, head: Uint8Array, limit = MAX_DATABASE_BYTES): SqliteFileProblem | null {
  if (size === 0) return { code: 'empty' };
  if (size > limit) return { code: 'too-large', size, limit };
  if (!hasSqliteHeader(head)) return { code: 'not-sqlite' };
  return null;
}

/** File names the app offers to open as databases (the header still decides). */
export const DATABASE_EXTENSIONS = ['.db', '.sqlite', '.sqlite3', '.db3'] as const;

/** True when the name ends in one of DATABASE_EXTENSIONS (any case). */
export function hasDatabaseExtension(name: string): boolean {
  const lower = name.toLowerCase();
  return DATABASE_EXTENSIONS.some((ext) => lower.endsWith(ext));
}
