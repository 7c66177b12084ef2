import Papa from 'papaparse';
import { quoteIdent } from './compile.ts';

/**
 * A CSV seed as a table, with dbt's type inference (agate): a column whose non-empty values are
 * all integers is INTEGER, all numbers is REAL, anything else TEXT; an empty cell is NULL.
 */

/** A seed read from CSV: column names and types, and rows of typed cells. */
export interface SeedTable {
  columns: { name: string; type: 'INTEGER' | 'REAL' | 'TEXT' }[];
  rows: (string | number | null)[][];
}

const INTEGER = /^[-+]?\d+$/;
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** Parses a seed's CSV (a leading BOM is dropped). Throws with papaparse's first error. */
export function parseSeed(csv: string): SeedTable {
  const text = csv.replace(/^\uFEFF/, '');
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy' });
  const fatal = parsed.errors.find((e) => e.type !== 'Delimiter');
  if (fatal) throw new Error(`row ${(fatal.row ?? 0) + 1}: ${fatal.message}`);
  const [header, ...body] = parsed.data;
  if (!header || header.length === 0) throw new Error('the file has no header row');
  const names = header.map((h, i) => (h.trim() === '' ? `column_${i + 1}` : h.trim()));
  const types = names.map((_, i) => {
    const values = body.map((r) => (r[i] ?? '').trim()).filter((v) => v !== '');
    if (values.length > 0 && values.every((v) => INTEGER.test(v) && Number.isSafeInteger(Number(v)))) return 'INTEGER' as const;
    if (values.length > 0 && values.every((v) => NUMBER.test(v))) return 'REAL' as const;
    return 'TEXT' as const;
  });
  const rows = body.map((r) =>
    names.map((_, i) => {
      const raw = r[i] ?? '';
      if (raw.trim() === '') return null;
      return types[i] === 'TEXT' ? raw : Number(raw.trim());
    }),
  );
  return { columns: names.map((name, i) => ({ name, type: types[i] ?? 'TEXT' })), rows };
}

function sqlValue(v: string | number | null): string {
  if (v === null) return 'NULL';
  if (typeof v === 'number') return String(v);
  return `'${v.replace(/'/g, "''")}'`;
}

/** The statements that (re)create a seed's table and load its rows, in batches. */
export function seedStatements(name: string, table: SeedTable, batch = 500): string[] {
  const cols = table.columns.map((c) => `${quoteIdent(c.name)} ${c.type}`).join(', ');
  const out = [`create table ${quoteIdent(name)} (${cols})`];
  for (let i = 0; i < table.rows.length; i += batch) {
    const values = table.rows
      .slice(i, i + batch)
      .map((r) => `(${r.map(sqlValue).join(', ')})`)
      .join(',\n');
    out.push(`insert into ${quoteIdent(name)} values\n${values}`);
  }
  return out;
}
