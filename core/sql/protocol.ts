/**
 * The typed protocol between the renderer and the SQL worker (sql.js in a Web Worker).
 * Errors cross as values and are rethrown on the client side. The envelope (ids, progress,
 * streamed bytes) is shared with the grader: see core/worker/envelope.ts.
 */

import type { RequestOf, ResponseMessage } from '../worker/envelope.ts';
import type { PiiWarning } from '../governance/pii-warnings.ts';

/** One cell as it crosses to the UI: SQLite integers/reals as numbers, text, blobs as bytes. */
export type Cell = string | number | null | Uint8Array;

/** A result column: its name and the declared type when SQLite knows it (null for expressions). */
export interface ColumnInfo {
  name: string;
  declType: string | null;
}

/** The result of one statement. Rows are capped at the requested limit; rowCount is the true total. */
export interface ResultSet {
  /** Index of the statement in the batch that produced it (0-based). */
  statementIndex: number;
  /** The statement's own text. */
  sql: string;
  columns: ColumnInfo[];
  rows: Cell[][];
  /** Total rows the statement returned, counted to the end even when only the first rows are kept. */
  rowCount: number;
  /** True when rows.length < rowCount. */
  truncated: boolean;
  /** Rows changed by INSERT/UPDATE/DELETE (0 for SELECT). */
  changes: number;
  elapsedMs: number;
}

/** A SQL error and where it points, in the coordinates of the text the learner ran. */
export interface SqlErrorInfo {
  message: string;
  /** 1-based line and column in the submitted text. */
  line: number;
  column: number;
  /** 0-based character offset in the submitted text, and how many characters to mark. */
  offset: number;
  length: number;
  statementIndex: number;
  /**
   * When the app itself refused the statement or hit a safety limit: a code and parameters the
   * UI shows in the learner's language (`message` keeps the English text for logs and tests).
   */
  guidance?: SqlGuidance;
}

/** The app's own explanations of a refused statement or a safety limit. */
export type SqlGuidance =
  | { code: 'attach-refused'; params: { keyword: string } }
  | { code: 'vacuum-into-refused'; params: Record<string, never> }
  | { code: 'bundled-drop' | 'bundled-alter'; params: { name: string } }
  | { code: 'pragma-refused'; params: { name: string } }
  | { code: 'disk-full'; params: { mainMb: number; tempMb: number } }
  | { code: 'out-of-memory'; params: { heapMb: number } };

/** What a run of one or many statements returns. Results of statements before an error are kept. */
export interface ExecResult {
  results: ResultSet[];
  error: SqlErrorInfo | null;
  elapsedMs: number;
  /** True when the batch changed the database (rows or schema); the client then takes a snapshot. */
  wrote: boolean;
}

/** A table or view with its columns, for the schema browser and completion. */
export interface SchemaObject {
  name: string;
  type: 'table' | 'view';
  /** True for objects that came with the bundled database; false for the learner's own. */
  bundled: boolean;
  rowCount: number | null;
  columns: { name: string; type: string; notNull: boolean; primaryKey: boolean }[];
}

/** What an import reads: comma-separated values, one JSON object per line, or a whole SQLite database file. */
export type ImportFormat = 'csv' | 'jsonl' | 'sqlite';

/** Text encodings an import reads: UTF-8 (with or without BOM), UTF-16 by its BOM, and Korean legacy EUC-KR/CP949. */
export type ImportEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'euc-kr';

/** Field separators a CSV import accepts. */
export type ImportDelimiter = ',' | ';' | '\t' | '|';

/** A column's type in an import: DATE is date-like text (stored as TEXT, ISO text sorts and compares as dates do). */
export type ImportColumnType = 'INTEGER' | 'REAL' | 'TEXT' | 'DATE';

/** How to read a text import (all optional: UTF-8, comma, a header row, types chosen from the first rows). */
export interface ImportTextOptions {
  encoding?: ImportEncoding;
  delimiter?: ImportDelimiter;
  /** False: the first row is data and columns are named column_1, column_2, … */
  header?: boolean;
  /** One type per column, as the learner chose them in the import dialog. */
  types?: ImportColumnType[];
}

/** An import's request: the bytes follow as chunks (see core/worker/envelope.ts). */
export interface ImportSpec {
  format: ImportFormat;
  /** The new table for CSV and JSON lines (it must not exist yet); a SQLite file brings its own table names. */
  table: string;
  /** The source's size, for progress (bytes processed / total). */
  totalBytes: number;
  /** CSV and JSON lines: encoding, delimiter, header, column types. A gzip-compressed source is known by its bytes. */
  options?: ImportTextOptions;
}

/** Why an import refused its file: a code the UI words in the learner's language. */
export type ImportRefusalCode =
  'binary' | 'gzip-truncated' | 'gzip-corrupt' | 'no-header' | 'no-json' | 'table-exists' | 'table-name' | 'encoding';

/** An import's refusal: its message is English for logs, ending in a tag the UI reads the code from. */
export class ImportRefusal extends Error {
  readonly code: ImportRefusalCode;
  constructor(code: ImportRefusalCode, message: string) {
    super(`${message} [import:${code}]`);
    this.name = 'ImportRefusal';
    this.code = code;
  }
}

/** The refusal code an import's error text carries across the worker boundary (null for any other error). */
export function importRefusalCode(message: string): ImportRefusalCode | null {
  const match = /\[import:([a-z-]+)\]$/.exec(message);
  return match ? (match[1] as ImportRefusalCode) : null;
}

/** An import's progress carries the rows inserted so far as its `current` (stage 'rows'). */
export const IMPORT_ROWS_STAGE = 'rows';

/** A line of the source that could not be imported: reported with its line number, never dropped silently. */
export type ImportProblem =
  | { line: number; code: 'csv-field-count'; expected: number; found: number }
  | { line: number; code: 'csv-unclosed-quote' }
  | { line: number; code: 'json-invalid'; detail: string }
  | { line: number; code: 'json-not-object' };

/** What an import did. */
export interface ImportResult {
  /** Tables (and views, for a SQLite file) it created. */
  tables: string[];
  /** Rows it inserted. */
  rows: number;
  /** The first problems found (at most IMPORT_PROBLEM_LIMIT); problemCount counts them all. */
  problems: ImportProblem[];
  problemCount: number;
  bytes: number;
  /** Always true once an import succeeded: the client then takes a snapshot. */
  wrote: boolean;
}

/** How many problems an import lists before it only counts them. */
export const IMPORT_PROBLEM_LIMIT = 200;

/** The SQL worker's actions: what each request carries and what it answers with. */
export type SqlProtocol = {
  /** bundledNames: the names the engine treats as bundled; the client passes them back when it opens a snapshot. */
  open: { request: { bytes: Uint8Array; bundledNames?: string[] }; result: { tables: number; bundledNames: string[] } };
  exec: { request: { sql: string; maxRows: number }; result: ExecResult };
  schema: { request: Record<never, never>; result: SchemaObject[] };
  'export-csv': { request: { sql: string }; result: string };
  snapshot: { request: Record<never, never>; result: SnapshotValue };
  /** A streaming request: its bytes follow it; progress counts bytes processed of totalBytes. */
  import: { request: ImportSpec; result: ImportResult };
  /** Sets the workspace key of pseudonym(value) for the open database and every later open (null: none yet). */
  'pseudonym-key': { request: { key: string | null }; result: null };
  /**
   * The PII warning after a run: which direct identifiers the results of `sql` show, from their
   * lineage over the open database (node-sql-parser, loaded in the worker on first use).
   * `direct`: direct-identifier columns by table (from the catalog); `masked`: the learner's masked views.
   */
  'pii-warnings': { request: { sql: string; direct: Record<string, string[]>; masked?: string[] }; result: PiiWarning[] };
};

/** Requests, each answered by exactly one response with the same id. */
export type WorkerRequest = RequestOf<SqlProtocol>;

/** Result payload per action. */
export type WorkerResults = { [A in keyof SqlProtocol]: SqlProtocol[A]['result'] };

/** The learner's state of a database: its file's bytes and the names of their own tables and views in it. */
export interface SnapshotValue {
  bytes: Uint8Array;
  /** Tables and views that did not come with the bundled database: what is lost if the bytes cannot be opened again. */
  ownTables: string[];
}

export type WorkerAction = WorkerRequest['action'];

/** Responses: a value or an error value, never a thrown exception across the boundary. */
export type WorkerResponse = ResponseMessage<WorkerResults[WorkerAction]>;
