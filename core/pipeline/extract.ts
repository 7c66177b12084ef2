import type { Database, Statement } from 'sql.js';
import { checkpoint, NO_CONTROL, type ProgressInfo, type RunControl } from './control.ts';
import { parseRecords, type ExtractSource, type QuarantinedLine } from './extract-parse.ts';
import { matchLake, unpackLakeFile, type LakeReader } from './lake.ts';

/**
 * The extract step: lake files loaded as they are into a staging table, every column TEXT, plus
 * `_file` and `_line` saying where each row came from. Lines that cannot be read go to
 * `<target>__quarantine(_file, _line, reason, raw)` and are counted, never dropped. Rows are
 * inserted in batches through one prepared statement; between batches the work reports progress
 * (share of the files' stored bytes) and stops if cancelled.
 */

/** What an extract loads: the lake path (already rendered, may be a glob), how to read it, where to. */
export interface ExtractSpec {
  path: string;
  source: ExtractSource;
  target: string;
  mode: 'replace' | 'append';
}

/** Options of a load. */
export interface ExtractOptions {
  control?: RunControl;
  onProgress?: (progress: ProgressInfo) => void;
  /** Rows per batch between pauses (default 5000). */
  batchRows?: number;
}

/** What a load did. */
export interface ExtractResult {
  files: string[];
  /** The staging table's columns, `_file` and `_line` first. */
  columns: string[];
  /** Records read from the files (rows and quarantined lines). */
  rowsRead: number;
  rowsWritten: number;
  rowsQuarantined: number;
  /** Bytes of the files as stored. */
  bytes: number;
}

/** A quarantined line as the preview shows it. */
export interface QuarantineSample {
  file: string;
  line: number;
  reason: string;
  raw: string;
}

/** What the learner sees before loading: columns as they would be created, the first rows, problems found. */
export interface ExtractPreview {
  files: string[];
  columns: string[];
  /** The first rows, values in `columns` order (`_file`, `_line` first). */
  rows: (string | number | null)[][];
  quarantineCount: number;
  quarantineSamples: QuarantineSample[];
  /** Records (rows and quarantined lines) looked at. */
  linesScanned: number;
  /** True when every line of every file was looked at. */
  complete: boolean;
}

/** Column names the extract adds itself. */
const FILE_COLUMN = '_file';
const LINE_COLUMN = '_line';

/** The quarantine table of a staging table. */
export function quarantineTable(target: string): string {
  return `${target}__quarantine`;
}

/** An identifier in double quotes. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Data columns of a staging table, case-insensitively unique, never clashing with `_file`/`_line`. */
class Columns {
  readonly names: string[] = [];
  private readonly byLower = new Map<string, string>([
    [FILE_COLUMN, FILE_COLUMN],
    [LINE_COLUMN, LINE_COLUMN],
  ]);
  /** Data keys already mapped to a column (a key named `_file` maps to `_file_2`). */
  private readonly mapped = new Map<string, string>();

  /** Columns a table already has (append mode). */
  adopt(existing: string[]): void {
    for (const name of existing) {
      if (name === FILE_COLUMN || name === LINE_COLUMN) continue;
      this.names.push(name);
      this.byLower.set(name.toLowerCase(), name);
      this.mapped.set(name.toLowerCase(), name);
    }
  }

  /** The column for a key, and whether it is new. */
  columnFor(key: string): { name: string; added: boolean } {
    const lower = key.toLowerCase();
    const known = this.mapped.get(lower);
    if (known !== undefined) return { name: known, added: false };
    let name = key;
    for (let n = 2; this.byLower.has(name.toLowerCase()); n++) name = `${key}_${n}`;
    this.byLower.set(name.toLowerCase(), name);
    this.mapped.set(lower, name);
    this.names.push(name);
    return { name, added: true };
  }
}

interface FileBytes {
  path: string;
  stored: Uint8Array;
}

async function readAll(lake: LakeReader, pattern: string): Promise<FileBytes[]> {
  const paths = await matchLake(lake, pattern);
  const files: FileBytes[] = [];
  for (const path of paths) files.push({ path, stored: await lake.read(path) });
  return files;
}

/** sql.js's table_info rows: the column names of a main table, or null when there is none. */
function tableColumns(db: Database, table: string): string[] | null {
  const rows = db.exec(`SELECT name FROM pragma_table_info(?, 'main')`, [table])[0]?.values ?? [];
  return rows.length === 0 ? null : rows.map((r) => String(r[0]));
}

/**
 * Loads the files the spec's path names into its staging table (and quarantine table). The caller
 * wraps it in a savepoint when a failure must leave no half-loaded table. A path that names no
 * file (a glob matching nothing) is an error: an empty load would look like success.
 */
export async function loadExtract(db: Database, lake: LakeReader, spec: ExtractSpec, options: ExtractOptions = {}): Promise<ExtractResult> {
  const control = options.control ?? NO_CONTROL;
  const batchRows = options.batchRows ?? 5000;
  const files = await readAll(lake, spec.path);
  if (files.length === 0) throw new Error(`no lake file matches '${spec.path}'`);
  const total = files.reduce((n, f) => n + f.stored.length, 0);
  const target = quoteIdent(spec.target);
  const quarantine = quoteIdent(quarantineTable(spec.target));
  if (spec.mode === 'replace') db.exec(`DROP TABLE IF EXISTS main.${target}; DROP TABLE IF EXISTS main.${quarantine};`);
  db.exec(`CREATE TABLE IF NOT EXISTS main.${target} (${quoteIdent(FILE_COLUMN)} TEXT, ${quoteIdent(LINE_COLUMN)} INTEGER)`);
  db.exec(
    `CREATE TABLE IF NOT EXISTS main.${quarantine} (${quoteIdent(FILE_COLUMN)} TEXT, ${quoteIdent(LINE_COLUMN)} INTEGER, reason TEXT, raw TEXT)`,
  );
  const columns = new Columns();
  columns.adopt(tableColumns(db, spec.target) ?? []);
  let insert: Statement | null = null;
  const quarantineInsert = db.prepare(`INSERT INTO main.${quarantine} VALUES (?, ?, ?, ?)`);
  const prepareInsert = (): Statement => {
    insert?.free();
    const names = [FILE_COLUMN, LINE_COLUMN, ...columns.names].map(quoteIdent);
    insert = db.prepare(`INSERT INTO main.${target} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`);
    return insert;
  };
  const result: ExtractResult = { files: files.map((f) => f.path), columns: [], rowsRead: 0, rowsWritten: 0, rowsQuarantined: 0, bytes: total };
  let doneBytes = 0;
  try {
    let stmt = prepareInsert();
    for (const file of files) {
      const content = unpackLakeFile(file.path, file.stored);
      let inBatch = 0;
      for (const record of parseRecords(content, spec.source)) {
        result.rowsRead++;
        if (record.kind === 'bad') {
          quarantineInsert.run([file.path, record.line, record.reason, record.raw]);
          result.rowsQuarantined++;
        } else {
          let grew = false;
          const cells = new Map<string, string | null>();
          for (const [key, value] of record.values) {
            const column = columns.columnFor(key);
            if (column.added) {
              db.exec(`ALTER TABLE main.${target} ADD COLUMN ${quoteIdent(column.name)} TEXT`);
              grew = true;
            }
            cells.set(column.name, value);
          }
          if (grew) stmt = prepareInsert();
          stmt.run([file.path, record.line, ...columns.names.map((n) => cells.get(n) ?? null)]);
          result.rowsWritten++;
        }
        if (++inBatch >= batchRows) {
          inBatch = 0;
          options.onProgress?.({ done: doneBytes + Math.round(file.stored.length * record.share), total, label: file.path });
          await checkpoint(control);
        }
      }
      doneBytes += file.stored.length;
      options.onProgress?.({ done: doneBytes, total, label: file.path });
      await checkpoint(control);
    }
  } finally {
    (insert as Statement | null)?.free();
    quarantineInsert.free();
  }
  result.columns = [FILE_COLUMN, LINE_COLUMN, ...columns.names];
  return result;
}

/** Limits of a preview. */
export interface PreviewLimits {
  /** Rows returned (default 50). */
  rows?: number;
  /** Records looked at, over all files (default 5000). */
  lines?: number;
}

/** Reads the start of what an extract would load, without writing anything. */
export async function previewExtract(lake: LakeReader, spec: Pick<ExtractSpec, 'path' | 'source'>, limits: PreviewLimits = {}): Promise<ExtractPreview> {
  const maxRows = limits.rows ?? 50;
  const maxLines = limits.lines ?? 5000;
  const files = await readAll(lake, spec.path);
  const columns = new Columns();
  const rows: Map<string, string | null>[] = [];
  const where: { file: string; line: number }[] = [];
  const samples: QuarantineSample[] = [];
  let bad = 0;
  let scanned = 0;
  let complete = true;
  outer: for (const file of files) {
    const content = unpackLakeFile(file.path, file.stored);
    for (const record of parseRecords(content, spec.source)) {
      if (scanned >= maxLines) {
        complete = false;
        break outer;
      }
      scanned++;
      if (record.kind === 'bad') {
        bad++;
        if (samples.length < 10) samples.push(sample(file.path, record));
        continue;
      }
      const cells = new Map<string, string | null>();
      for (const [key, value] of record.values) cells.set(columns.columnFor(key).name, value);
      if (rows.length < maxRows) {
        rows.push(cells);
        where.push({ file: file.path, line: record.line });
      }
    }
  }
  return {
    files: files.map((f) => f.path),
    columns: [FILE_COLUMN, LINE_COLUMN, ...columns.names],
    rows: rows.map((cells, i) => [where[i]?.file ?? null, where[i]?.line ?? null, ...columns.names.map((n) => cells.get(n) ?? null)]),
    quarantineCount: bad,
    quarantineSamples: samples,
    linesScanned: scanned,
    complete,
  };
}

function sample(file: string, record: QuarantinedLine): QuarantineSample {
  return { file, line: record.line, reason: record.reason, raw: record.raw.length > 500 ? `${record.raw.slice(0, 500)}…` : record.raw };
}
