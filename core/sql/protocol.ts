/**
 * The typed protocol between the renderer and the SQL worker (sql.js in a Web Worker).
 * Errors cross as values and are rethrown on the client side.
 */

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

/** Requests, each answered by exactly one response with the same id. */
export type WorkerRequest =
  | { id: number; action: 'open'; bytes: Uint8Array; bundledNames?: string[] }
  | { id: number; action: 'exec'; sql: string; maxRows: number }
  | { id: number; action: 'schema' }
  | { id: number; action: 'export-csv'; sql: string }
  | { id: number; action: 'snapshot' };

/** Result payload per action. */
export interface WorkerResults {
  /** bundledNames: the names the engine treats as bundled; the client passes them back when it opens a snapshot. */
  open: { tables: number; bundledNames: string[] };
  exec: ExecResult;
  schema: SchemaObject[];
  'export-csv': string;
  snapshot: SnapshotValue;
}

/** The learner's state of a database: its file's bytes and the names of their own tables and views in it. */
export interface SnapshotValue {
  bytes: Uint8Array;
  /** Tables and views that did not come with the bundled database: what is lost if the bytes cannot be opened again. */
  ownTables: string[];
}

export type WorkerAction = WorkerRequest['action'];

/** Responses: a value or an error value, never a thrown exception across the boundary. */
export type WorkerResponse = { id: number; ok: true; value: WorkerResults[WorkerAction] } | { id: number; ok: false; error: string };
