import type { Database, SqlJsStatic } from 'sql.js';

/** What makes an empty sql.js database: sql.js itself, or the class of an open database (`db.constructor`). */
export type DatabaseMaker = Pick<SqlJsStatic, 'Database'>;
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

/**
 * Lake sources extracted once and kept: one in-memory database per lake, one table per name, so a
 * check's SQL on one lake table can read another (events joined with the CRM export's test accounts).
 */
export class LakeSourceCache {
  private readonly sql: DatabaseMaker;
  private readonly readerFor: (lakeId: string) => LakeReader;
  private readonly lakes = new Map<string, { db: Database; reader: LakeReader; tables: Map<string, string> }>();
  /** Loads run one after another: two blocks never extract into one database at once. */
  private queue: Promise<unknown> = Promise.resolve();

  /** Takes sql.js and how to read a lake by id. */
  constructor(sql: DatabaseMaker, readerFor: (lakeId: string) => LakeReader) {
    this.sql = sql;
    this.readerFor = readerFor;
  }

  /** The lake's database, with table `table` extracted from the files `pattern` names (extracted on first use). */
  table(pattern: string, table: string, lakeId = DEFAULT_LAKE): Promise<Database> {
    const next = this.queue.then(() => this.load(pattern, table, lakeId));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async load(pattern: string, table: string, lakeId: string): Promise<Database> {
    const source = lakeFormatOf(pattern);
    if (!source) throw new Error(`${pattern}: only JSON lines and CSV lake files can be checked`);
    let lake = this.lakes.get(lakeId);
    if (!lake) {
      lake = { db: new this.sql.Database(), reader: this.readerFor(lakeId), tables: new Map() };
      this.lakes.set(lakeId, lake);
    }
    if (lake.tables.get(table) === pattern) return lake.db;
    lake.tables.delete(table);
    // In a savepoint: a file that cannot be read leaves no half-loaded table behind.
    lake.db.exec('SAVEPOINT lake_extract');
    try {
      await loadExtract(lake.db, lake.reader, { path: pattern, source, target: table, mode: 'replace' }, { batchRows: 20_000 });
      lake.db.exec('RELEASE lake_extract');
    } catch (e) {
      lake.db.exec('ROLLBACK TO lake_extract; RELEASE lake_extract');
      throw e;
    }
    lake.tables.set(table, pattern);
    return lake.db;
  }

  /** Closes every lake database. */
  close(): void {
    for (const lake of this.lakes.values()) lake.db.close();
    this.lakes.clear();
  }
}
