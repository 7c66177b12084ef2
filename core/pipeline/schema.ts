import { z } from 'zod';

/**
 * A saved pipeline (ETL): tasks with dependencies, as the learner builds it in the pipeline
 * workbench, as `npm run pipeline` reads it from a `.pipeline.json` file, and as a lesson step's
 * answer. Data only: no code but SQL. Extract tasks load one lake file (or several, by glob) as it
 * is into a staging table; SQL tasks transform and load. `{{ ds }}` (and `{{ ds_nodash }}`) in a
 * task's SQL or extract path is the run's logical date, as in Airflow.
 */

/** A task id: a name Airflow and SQLite both accept (letters, digits, underscore; starts with a letter). */
export const TaskIdSchema = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,62}$/, 'letters, digits and _ only, starting with a letter');

/** How a lake file is read. */
export const ExtractFormatSchema = z.discriminatedUnion('format', [
  /** One JSON object per line (gzip recognised by its magic bytes). Nested objects stay JSON text in their column. */
  z.strictObject({ format: z.literal('jsonl') }),
  z.strictObject({
    format: z.literal('csv'),
    /** 'auto' guesses from the header line (`,` or `;` or tab). */
    delimiter: z.enum(['auto', ',', ';', '\t']).default('auto'),
    /** 'auto' decodes UTF-8 (BOM stripped) and falls back to EUC-KR per line where UTF-8 is invalid. */
    encoding: z.enum(['auto', 'utf-8', 'euc-kr']).default('auto'),
  }),
  z.strictObject({
    format: z.literal('regex'),
    /** A JavaScript regular expression with named groups; each group becomes a TEXT column. */
    pattern: z.string().min(1),
  }),
]);

/** A task that loads lake files as they are into a staging table (all columns TEXT, plus `_file` and `_line`). */
export const ExtractTaskSchema = z.strictObject({
  id: TaskIdSchema,
  kind: z.literal('extract'),
  /** Lake path relative to the lake root, e.g. 'exports/marketing_spend_{{ ds[:7] }}.csv' or a glob 'events/*.jsonl.gz'. */
  path: z.string().min(1),
  source: ExtractFormatSchema,
  /** Staging table to (re)create; malformed lines go to `<target>__quarantine` (line, reason, raw text). */
  target: TaskIdSchema,
  /** replace: drop and recreate the staging table each run; append: add rows (for a partitioned extract). */
  mode: z.enum(['replace', 'append']).default('replace'),
  note: z.string().optional(),
});

/** A task that runs SQL (transform or load). `{{ ds }}` is replaced with the logical date as a string literal's content. */
export const SqlTaskSchema = z.strictObject({
  id: TaskIdSchema,
  kind: z.literal('sql'),
  sql: z.string(),
  note: z.string().optional(),
});

/** One task of a pipeline. */
export const TaskSchema = z.discriminatedUnion('kind', [ExtractTaskSchema, SqlTaskSchema]);

/** Who owns a loaded table and why it exists (the notes: requests pile up; keep records; name a business owner). */
export const TableRecordSchema = z.strictObject({
  table: z.string().min(1),
  owner: z.string().min(1),
  purpose: z.string().min(1),
});

/**
 * A reconciliation after a run: rows (and optionally a sum) of a source (a staging table) against
 * a target table, with the difference explained: lines quarantined by the extract, rows dropped
 * as duplicates of an earlier row with the same key, rows of another partition (late: an earlier
 * one; outside: a later one), and what is left unexplained. `where`, `partition.value` are
 * templated like task SQL (`{{ ds }}`); the expressions are SQL over the table's columns.
 */
export const ReconcileSchema = z.strictObject({
  id: TaskIdSchema,
  title: z.string().default(''),
  source: z.strictObject({ table: z.string().min(1), where: z.string().optional() }),
  target: z.strictObject({ table: z.string().min(1), where: z.string().optional() }),
  /** SQL expressions summed on each side, e.g. source "CAST(replace(spend, ',', '') AS INTEGER)" and target "spend". */
  sum: z.strictObject({ source: z.string().min(1), target: z.string().min(1) }).optional(),
  /** The source expression that identifies a row: a row whose key came earlier (by rowid) is a duplicate. */
  key: z.string().min(1).optional(),
  /** The source row's partition (e.g. its KST date) and the partition the run loads, e.g. "{{ ds }}". */
  partition: z.strictObject({ source: z.string().min(1), value: z.string().min(1) }).optional(),
});

/** A saved pipeline. */
export const PipelineSchema = z.strictObject({
  formatVersion: z.literal(1),
  /** Becomes the Airflow dag_id. */
  id: TaskIdSchema,
  title: z.string().default(''),
  /** Catalog id of the database the pipeline loads into (a fresh copy each run), e.g. 'hanbit-warehouse-empty'. */
  database: z.string().min(1),
  /** Catalog id of the lake folder extract paths are relative to, e.g. 'hanbit'. */
  lake: z.string().default('hanbit'),
  tasks: z.array(TaskSchema),
  /** `from` runs before `to`. */
  edges: z.array(z.strictObject({ from: TaskIdSchema, to: TaskIdSchema })).default([]),
  tables: z.array(TableRecordSchema).default([]),
  /** Logical date range the schedule covers (Airflow start_date; a backfill's default range). */
  schedule: z
    .strictObject({ start: z.iso.date(), end: z.iso.date().optional(), cron: z.string().default('@daily') })
    .optional(),
  /** Reconciliations to check after a run (see ReconcileSchema). */
  reconcile: z.array(ReconcileSchema).default([]),
  /** Node positions the learner dragged (layout is automatic otherwise). */
  layout: z.record(z.string(), z.strictObject({ x: z.number(), y: z.number() })).optional(),
});

/** A task of a pipeline. */
export type PipelineTask = z.output<typeof TaskSchema>;
/** An extract task. */
export type ExtractTask = z.output<typeof ExtractTaskSchema>;
/** A SQL task. */
export type SqlTask = z.output<typeof SqlTaskSchema>;
/** A saved pipeline. */
export type Pipeline = z.output<typeof PipelineSchema>;
/** A saved pipeline as written (defaults not yet applied). */
export type PipelineInput = z.input<typeof PipelineSchema>;

/** A reconciliation check of a pipeline. */
export type ReconcileSpec = z.output<typeof ReconcileSchema>;

/** What a task looks like on the graph and in the run log. */
export type TaskState = 'pending' | 'running' | 'success' | 'failed' | 'skipped' | 'upstream_failed';
