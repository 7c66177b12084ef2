/** A table name quoted for SQLite (a quote inside doubled). */
export function quoteName(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
