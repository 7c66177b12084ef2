import { quoteIdent as q } from '../../pipeline/extract.ts';
import { VALID_FORMATS, type CheckSpec } from './format.ts';

/*
 * Each check as SQL (SQLite). What is counted, NULLs included, is decided here and documented:
 *
 * - row_count: every row.
 * - missing_count(c): rows where c IS NULL, or c (as text) is one of `missing values`, or matches
 *   `missing regex`. An empty string is NOT missing unless `missing values: ['']` says so (SodaCL).
 * - invalid_count(c): rows whose c is present (not NULL, not a missing value) and breaks a validity
 *   rule; NULLs are never invalid (SodaCL counts them as missing, not invalid).
 * - duplicate_count(c1, …): the EXTRA rows: for each value (combination) occurring n > 1 times,
 *   n − 1 rows, i.e. rows whose value already appeared. Rows whose listed columns are all NULL are
 *   left out; otherwise NULLs compare equal. (SodaCL counts the duplicated values, dbt's unique the
 *   values too; we count rows because that is what must be removed, and the manifest's "extra rows".)
 *   Failing rows show each duplicated value with its number of rows.
 * - freshness(c): hours from the newest c to "now" (the end of the as-of day, or of the data).
 * - relationships (values in (c) must exist in t (k), dbt relationships): rows whose c is not NULL
 *   and has no row in t with k = c. The referenced table is read whole (main.t), never as of a day.
 * - failed rows: the rows of `fail condition` (a condition on one row of the block's table) or of
 *   `fail query` (any SELECT), counted.
 *
 * `regexp(pattern, value)` is a JavaScript regular expression, registered on every database a
 * check runs on (SQLite's `value REGEXP pattern` calls it too).
 */

/** What a table looks like to the compiler. */
export interface TableShape {
  /** The table's name as the checks write it (unquoted). */
  name: string;
  columns: string[];
  /** Columns that identify a row in failing rows: the primary key, else the lake's `_file`/`_line`, else the first column. */
  keyColumns: string[];
  /** The block's time column, if any. */
  timeColumn: string | null;
}

/** A check as SQL. */
export interface CompiledCheck {
  /** One row: the value (and, for freshness, the newest time). */
  measure: string;
  /** Up to 100 failing rows (or, for duplicates, duplicated values); null when the check has none. */
  failing: string | null;
  /**
   * History: one row per day `(d, n)` ('' for rows the time column cannot date, which count on every
   * day). `sum`: n rows fail on day d (cumulated); `max`: the newest time (julian day) of day d's rows.
   * Null when the check must run day by day (a fail query without the time column).
   */
  daily: { sql: string; kind: 'sum' | 'max' } | null;
  /** For relationships when history needs when each child row stops failing: never (the parent is read whole). */
}

/** A literal for SQL: numbers as they are, text quoted. */
export function literal(v: string | number): string {
  return typeof v === 'number' ? String(v) : `'${v.replace(/'/g, "''")}'`;
}

const asText = (col: string): string => `CAST(${col} AS TEXT)`;
const NUMERIC = '^\\s*[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?\\s*$';

/** The condition under which a row's column counts as missing. */
export function missingCondition(col: string, spec: Pick<CheckSpec, 'missingValues' | 'missingRegex'>): string {
  const parts = [`${col} IS NULL`];
  if (spec.missingValues.length > 0) parts.push(`${asText(col)} IN (${spec.missingValues.map((v) => literal(String(v))).join(', ')})`);
  if (spec.missingRegex !== null) parts.push(`regexp(${literal(spec.missingRegex)}, ${col})`);
  return parts.length === 1 ? (parts[0] as string) : `(${parts.join(' OR ')})`;
}

/** The condition under which a present value is invalid (a row with NULL or a missing value is never invalid). */
export function invalidCondition(col: string, spec: CheckSpec): string {
  const v = spec.validity;
  if (!v) throw new Error('invalid_count without validity');
  const text = asText(col);
  const bad: string[] = [];
  if (v.invalidValues) bad.push(`${text} IN (${v.invalidValues.map((x) => literal(String(x))).join(', ')})`);
  if (v.invalidRegex !== null) bad.push(`regexp(${literal(v.invalidRegex)}, ${col})`);
  if (v.values) bad.push(`${text} NOT IN (${v.values.map((x) => literal(String(x))).join(', ')})`);
  const numeric = `regexp(${literal(NUMERIC)}, ${col})`;
  if (v.min !== null) bad.push(`NOT (${numeric} AND CAST(${col} AS REAL) >= ${v.min})`);
  if (v.max !== null) bad.push(`NOT (${numeric} AND CAST(${col} AS REAL) <= ${v.max})`);
  if (v.format !== null) bad.push(`NOT regexp(${literal(VALID_FORMATS[v.format] ?? '')}, ${col})`);
  if (v.regex !== null) bad.push(`NOT regexp(${literal(v.regex)}, ${col})`);
  if (v.length !== null) bad.push(`length(${text}) <> ${v.length}`);
  if (v.minLength !== null) bad.push(`length(${text}) < ${v.minLength}`);
  if (v.maxLength !== null) bad.push(`length(${text}) > ${v.maxLength}`);
  const missingExtra = spec.missingValues.length > 0 || spec.missingRegex !== null ? ` AND NOT ${missingCondition(col, spec)}` : '';
  return `(${col} IS NOT NULL${missingExtra} AND (${bad.join(' OR ')}))`;
}

/** The day a row belongs to: its time column's date, '' when it has none. */
export function dayExpression(timeColumn: string, alias = '_t'): string {
  return `COALESCE(date(${alias}.${q(timeColumn)}), '')`;
}

/** Compiles one check against its table (and, for relationships, the referenced table's name). */
export function compileCheck(spec: CheckSpec, table: TableShape): CompiledCheck {
  const t = `${q(table.name)} AS _t`;
  const main = `main.${q(table.name)} AS _t`;
  const col = (c: string): string => `_t.${q(c)}`;
  const tc = table.timeColumn;
  const day = tc !== null ? dayExpression(tc) : null;
  const shown = (cols: string[]): string => {
    const all = [...table.keyColumns, ...cols, ...(tc !== null ? [tc] : [])];
    return [...new Set(all)].map((c) => col(c)).join(', ');
  };
  const byCondition = (cond: string, cols: string[]): CompiledCheck => ({
    measure: `SELECT COUNT(*) FROM ${t} WHERE ${cond}`,
    failing: `SELECT ${shown(cols)} FROM ${t} WHERE ${cond} LIMIT 100`,
    daily: day !== null ? { sql: `SELECT ${day} AS d, COUNT(*) FROM ${main} WHERE ${cond} GROUP BY d`, kind: 'sum' } : null,
  });
  switch (spec.type) {
    case 'row_count':
      return {
        measure: `SELECT COUNT(*) FROM ${t}`,
        failing: null,
        daily: day !== null ? { sql: `SELECT ${day} AS d, COUNT(*) FROM ${main} GROUP BY d`, kind: 'sum' } : null,
      };
    case 'missing_count':
      return byCondition(missingCondition(col(spec.columns[0] ?? ''), spec), spec.columns);
    case 'invalid_count':
      return byCondition(invalidCondition(col(spec.columns[0] ?? ''), spec), spec.columns);
    case 'duplicate_count': {
      const cols = spec.columns.map(col).join(', ');
      const present = `NOT (${spec.columns.map((c) => `${col(c)} IS NULL`).join(' AND ')})`;
      return {
        measure: `SELECT COALESCE(SUM(n - 1), 0) FROM (SELECT COUNT(*) AS n FROM ${t} WHERE ${present} GROUP BY ${cols} HAVING COUNT(*) > 1)`,
        failing: `SELECT ${cols}, COUNT(*) AS "rows" FROM ${t} WHERE ${present} GROUP BY ${cols} HAVING COUNT(*) > 1 ORDER BY COUNT(*) DESC LIMIT 100`,
        daily:
          day !== null
            ? {
                // The first row of a value (by day) is the original; every later one an extra from its own day on.
                sql: `SELECT d, COUNT(*) FROM (SELECT ${day} AS d, ROW_NUMBER() OVER (PARTITION BY ${cols} ORDER BY ${day}) AS rn FROM ${main} WHERE ${present}) WHERE rn > 1 GROUP BY d`,
                kind: 'sum',
              }
            : null,
      };
    }
    case 'freshness': {
      const c = col(spec.columns[0] ?? '');
      return {
        measure: `SELECT MAX(${c}), julianday(MAX(${c})) FROM ${t}`,
        failing: null,
        daily: day !== null ? { sql: `SELECT ${day} AS d, MAX(julianday(${c})) FROM ${main} GROUP BY d`, kind: 'max' } : null,
      };
    }
    case 'relationships': {
      const ref = spec.reference;
      if (!ref) throw new Error('relationships without a reference');
      const c = col(spec.columns[0] ?? '');
      return byCondition(`${c} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM main.${q(ref.table)} AS _p WHERE _p.${q(ref.column)} = ${c})`, spec.columns);
    }
    case 'custom_sql': {
      if (spec.failCondition !== null) {
        const cond = `(${spec.failCondition})`;
        return {
          measure: `SELECT COUNT(*) FROM ${t} WHERE ${cond}`,
          failing: `SELECT * FROM ${t} WHERE ${cond} LIMIT 100`,
          daily: day !== null ? { sql: `SELECT ${day} AS d, COUNT(*) FROM ${main} WHERE ${cond} GROUP BY d`, kind: 'sum' } : null,
        };
      }
      const query = spec.failQuery ?? '';
      return {
        measure: `SELECT COUNT(*) FROM (\n${query}\n)`,
        failing: `SELECT * FROM (\n${query}\n) LIMIT 100`,
        // A fail query that returns the time column is placed on days by it (history decides, it knows the columns).
        daily: null,
      };
    }
  }
}

/** History of a fail query that returns the block's time column: its rows counted by that column's day. */
export function dailyOfQuery(query: string, timeColumn: string): string {
  return `SELECT ${dayExpression(timeColumn)} AS d, COUNT(*) FROM (\n${query}\n) AS _t GROUP BY d`;
}
