import type { Database, SqlJsStatic, SqlValue } from 'sql.js';

/**
 * Writing generated rows into a SQLite file with sql.js, so that the same rows always give the
 * same bytes: a fixed page size, one transaction, prepared inserts, VACUUM before export.
 */

/** A new empty database with the settings every generated file uses. */
export function newDatabase(SQL: SqlJsStatic, schema: string): Database {
  const db = new SQL.Database();
  db.run('PRAGMA page_size = 4096; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;');
  db.run(schema);
  return db;
}

/** Inserts rows into a table through one prepared statement. */
export function insertRows(db: Database, table: string, columnCount: number, rows: Iterable<readonly (SqlValue | undefined)[]>): number {
  const statement = db.prepare(`INSERT INTO ${table} VALUES (${new Array(columnCount).fill('?').join(', ')})`);
  let n = 0;
  try {
    for (const row of rows) {
      // A missing value (from a destructured row) is stored as NULL.
      statement.run(row.map((v) => v ?? null));
      n++;
    }
  } finally {
    statement.free();
  }
  return n;
}

/** VACUUMs (so free pages and insert order leave no trace), exports the bytes and closes. */
export function finishDatabase(db: Database): Uint8Array {
  try {
    db.run('VACUUM');
    return db.export();
  } finally {
    db.close();
  }
}

/** The single value of a query, or null. */
export function scalarOf(db: Database, sql: string): SqlValue {
  return db.exec(sql)[0]?.values[0]?.[0] ?? null;
}
