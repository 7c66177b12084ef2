import type { SqlJsStatic } from 'sql.js';
import type { CatalogTable } from '../core/datasets/catalog.ts';

/** A table of a SQLite file and its columns, in the file's order. */
export interface SchemaTable {
  name: string;
  columns: string[];
}

/** Reads the user tables (not sqlite_*) of a SQLite file and their columns, in the file's order. */
export function readSchema(SQL: SqlJsStatic, bytes: Uint8Array): SchemaTable[] {
  const db = new SQL.Database(bytes);
  try {
    const names =
      db
        .exec("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid")[0]
        ?.values.map((row) => String(row[0])) ?? [];
    return names.map((name) => ({
      name,
      columns: db.exec(`PRAGMA table_info("${name.replaceAll('"', '""')}")`)[0]?.values.map((row) => String(row[1])) ?? [],
    }));
  } finally {
    db.close();
  }
}

/** Lists every mismatch between a file's schema and its dictionary (empty when they agree). */
export function findDictionaryProblems(schema: readonly SchemaTable[], dictionary: readonly CatalogTable[]): string[] {
  const problems: string[] = [];
  const blank = (s: string | undefined): boolean => s === undefined || s.trim().length === 0;
  for (const table of schema) {
    const entry = dictionary.find((t) => t.name === table.name);
    if (!entry) {
      problems.push(`table '${table.name}' has no description in the dictionary`);
      continue;
    }
    if (blank(entry.description.ko) || blank(entry.description.en)) {
      problems.push(`table '${table.name}' needs a Korean and an English description`);
    }
    for (const column of table.columns) {
      const col = entry.columns.find((c) => c.name === column);
      if (!col) problems.push(`column '${table.name}.${column}' has no description in the dictionary`);
      else if (blank(col.description.ko) || blank(col.description.en)) {
        problems.push(`column '${table.name}.${column}' needs a Korean and an English description`);
      }
    }
    for (const col of entry.columns) {
      if (!table.columns.includes(col.name)) {
        problems.push(`the dictionary describes '${table.name}.${col.name}', which is not in the file`);
      }
    }
  }
  for (const entry of dictionary) {
    if (!schema.some((t) => t.name === entry.name)) {
      problems.push(`the dictionary describes table '${entry.name}', which is not in the file`);
    }
  }
  return problems;
}
