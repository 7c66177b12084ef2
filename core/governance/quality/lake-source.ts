import type { Database, SqlJsStatic } from 'sql.js';
import { loadExtract } from '../../pipeline/extract.ts';
import type { ExtractSource } from '../../pipeline/extract-parse.ts';
import type { LakeReader } from '../../pipeline/lake.ts';

/*
 * Lake files as a checkable table: a check block `checks for lake:events/*.jsonl.gz as events:`
 * extracts the files with the pipeline's own extract (core/pipeline/extract.ts: every value TEXT
 * as it is, `_file` and `_line` first, files in name order) into an in-memory database of its own,
 * kept for the next run. So a check on the lake sees exactly what an ETL's staging table sees.
 */

/** The lake a `lake:` source reads when it names none (the bundled company's). */
export const DEFAULT_LAKE = 'hanbit';

/** How a lake file is read, from its name: JSON lines or CSV (gzip or not); null for any other file. */
export function lakeFormatOf(pattern: string): ExtractSource | null {
  const name = pattern.replace(/\.gz$/i, '').toLowerCase();
  if (name.endsWith('.jsonl') || name.endsWith('.json')) return { format: 'jsonl' };
  if (name.endsWith('.csv') || name.endsWith('.tsv')) return { format: 'csv', delimiter: 'auto', encoding: 'auto' };
  return null;
}

/** The table name a lake pattern gets when the block names none: the file name's stem ('marketing_spend'), else its folder ('events'). */
export function defaultLakeTable(pattern: string): string {
  const parts = pattern.split('/').filter(Boolean);
  const file = (parts.at(-1) ?? '').replace(/\..*$/, '');
  const stem = file.replace(/[*?].*$/, '').replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  if (stem !== '' && /^[A-Za-z_]/.test(stem)) return stem;
  const folder = (parts.at(-2) ?? 'lake').replace(/[^A-Za-z0-9_]+/g, '_');
  return /^[A-Za-z_]/.test(folder) ? folder : `lake_${folder}`;
}

/** Lake sources extracted once and kept (per lake, pattern and table name). */
export class LakeSourceCache {
  private readonly sql: SqlJsStatic;
  private readonly readerFor: (lakeId: string) => LakeReader;
  private readonly readers = new Map<string, LakeReader>();
  private readonly loaded = new Map<string, Promise<Database>>();

  /** Takes sql.js and how to read a lake by id. */
  constructor(sql: SqlJsStatic, readerFor: (lakeId: string) => LakeReader) {
    this.sql = sql;
    this.readerFor = readerFor;
  }

  /** The database holding table `table` extracted from the lake files `pattern` names (extracted on first use). */
  table(pattern: string, table: string, lakeId = DEFAULT_LAKE): Promise<Database> {
    const key = `${lakeId}\u0000${pattern}\u0000${table}`;
    let pending = this.loaded.get(key);
    if (!pending) {
      pending = this.extract(pattern, table, lakeId);
      this.loaded.set(key, pending);
      pending.catch(() => this.loaded.delete(key));
    }
    return pending;
  }

  private async extract(pattern: string, table: string, lakeId: string): Promise<Database> {
    const source = lakeFormatOf(pattern);
    if (!source) throw new Error(`${pattern}: only JSON lines and CSV lake files can be checked`);
    let reader = this.readers.get(lakeId);
    if (!reader) {
      reader = this.readerFor(lakeId);
      this.readers.set(lakeId, reader);
    }
    const db = new this.sql.Database();
    try {
      await loadExtract(db, reader, { path: pattern, source, target: table, mode: 'replace' }, { batchRows: 20_000 });
    } catch (e) {
      db.close();
      throw e;
    }
    return db;
  }

  /** Closes every extracted database. */
  close(): void {
    for (const pending of this.loaded.values()) void pending.then((db) => db.close()).catch(() => undefined);
    this.loaded.clear();
  }
}
