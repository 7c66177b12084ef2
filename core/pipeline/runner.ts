import type { Database } from 'sql.js';
import { createGraph, downstream, findCycle, topoOrder, type Graph } from '../graph/graph.ts';
import type { ExecResult } from '../sql/protocol.ts';
import { statementNames } from '../sql/table-references.ts';
import { tokenizeSql } from '../sql/sql-tokens.ts';
import { CancelledError, checkpoint, NO_CONTROL, type ProgressInfo, type RunControl } from './control.ts';
import { loadExtract, quarantineTable, quoteIdent } from './extract.ts';
import { compilePattern } from './extract-parse.ts';
import { LakeReadError, type LakeReader } from './lake.ts';
import type { ExtractTask, Pipeline, PipelineTask, SqlTask, TaskState } from './schema.ts';
import { splitStatements } from './sql-statements.ts';
import { dsAdd, isDs, renderTaskTemplate, TaskTemplateError, type Ds } from './template.ts';

/**
 * Running a pipeline: tasks in dependency order (core/graph), each with a log; a failed task marks
 * everything downstream upstream_failed; run one task; clear a failed task and re-run it and what
 * depends on it on the current database; backfill a date range; check a task is idempotent. SQL
 * runs through the sandbox's engine rules (PipelineEngine, satisfied by core/sql/engine.ts's
 * SqlEngine), so a task cannot drop the bundled tables. Each task runs in a savepoint: a failed
 * task leaves nothing half-written. Pure: the same in the pipeline worker, the CLI and the grader.
 */

/** What the runner needs of a SQL engine; core/sql/engine.ts's SqlEngine satisfies it. */
export interface PipelineEngine {
  /** Opens a database from its file's bytes; without bundledNames every table in it counts as bundled. */
  open(bytes: Uint8Array, bundledNames?: string[]): { bundledNames: string[] };
  /** Runs learner SQL under the sandbox's rules (bundled tables cannot be dropped or altered). */
  exec(sql: string, maxRows: number): ExecResult;
  /** The open sql.js database, for the runner's own bulk loads and reads (never for learner SQL). */
  database(): Database;
}

/** A problem that keeps a pipeline from running. */
export interface PipelineProblem {
  code: 'duplicate-id' | 'unknown-task' | 'cycle' | 'bundled-target' | 'bad-pattern';
  message: string;
  /** The tasks concerned; for a cycle, its members in edge order (a → b → c → a as [a, b, c]). */
  tasks: string[];
}

/**
 * An error of a task, structured so each front door words it in its own language: the task, the
 * engine's own words (SQLite's, the template engine's) without any lead of ours, and the line.
 */
export interface TaskError {
  /** The task that failed. */
  task: string;
  /** What went wrong in the engine's words, e.g. "no such column: costs" (`CANCELLED_MESSAGE` for a cancel). */
  message: string;
  line?: number;
  column?: number;
  /** Where the line counts: the rendered SQL that ran, the SQL template, or the lake path template. */
  in?: 'sql' | 'template' | 'path';
  /** The run was cancelled while this task ran (nothing is wrong with the task). */
  cancelled?: boolean;
}

/** The message of a task stopped by a cancel. */
export const CANCELLED_MESSAGE = 'Cancelled';

/** What a failed task had done before its savepoint was rolled back (none of it stayed). */
export interface RolledBack {
  rowsWritten: number;
  rowsDeleted: number;
  rowsQuarantined: number;
}

/** An error as one English line (the CLI, plain logs): "Task 'x' failed at line 3: no such column: costs". */
export function taskErrorText(error: TaskError): string {
  if (error.cancelled) return `Task '${error.task}' was cancelled`;
  const where = error.in === 'template' ? ' in its SQL template' : error.in === 'path' ? ' in its lake path template' : '';
  const line = error.line !== undefined ? ` at line ${error.line}` : '';
  return `Task '${error.task}' failed${where}${line}: ${error.message}`;
}

/** One task's log in a run. */
export interface TaskLog {
  task: string;
  kind: PipelineTask['kind'];
  state: TaskState;
  /** Extract: records read from the files. SQL: rows of the tables it reads, before it ran. */
  rowsRead: number;
  /** Rows inserted or updated that stayed (an extract: rows loaded); 0 for a task whose work was rolled back. */
  rowsWritten: number;
  /** Rows deleted by DELETE statements. */
  rowsDeleted: number;
  rowsQuarantined: number;
  ms: number;
  /** The SQL that ran, after templating (SQL tasks). */
  sql?: string;
  /** The lake path after templating, and the files it named (extract tasks). */
  path?: string;
  files?: string[];
  /** Tables the task created, filled, changed or dropped. */
  tablesWritten: string[];
  error?: TaskError;
  /** A failed task's savepoint was rolled back: what it had done before the error, undone (the counts above are what stayed: 0). */
  rolledBack?: RolledBack;
}

/** What kind of request a run was. */
export type RunKind = 'all' | 'task' | 'rerun' | 'backfill';

/** How a run ended. */
export type RunState = 'running' | 'success' | 'failed' | 'cancelled';

/** A run for the run history. */
export interface RunRecord {
  id: string;
  kind: RunKind;
  ds: Ds;
  /** ISO time the run started. */
  started: string;
  ms: number;
  state: RunState;
  /** Logs of the tasks this run ran or marked, in run order. */
  tasks: TaskLog[];
}

/** What happens during a run, as it happens. */
export type RunEvent =
  | { type: 'task'; run: string; task: string; state: TaskState; log?: TaskLog }
  | { type: 'progress'; run: string; task: string; progress: ProgressInfo };

/** Options of one request. */
export interface RunOptions {
  control?: RunControl;
  onEvent?: (event: RunEvent) => void;
}

/** How many runs the history keeps. */
export const RUN_HISTORY_LIMIT = 100;

/** Problems that keep the pipeline from running: duplicate ids, edges to unknown tasks, a cycle, bad patterns, bundled targets. */
export function validatePipeline(pipeline: Pipeline, bundledNames: readonly string[] = []): PipelineProblem[] {
  const problems: PipelineProblem[] = [];
  const seen = new Set<string>();
  for (const task of pipeline.tasks) {
    if (seen.has(task.id)) problems.push({ code: 'duplicate-id', message: `Two tasks are named '${task.id}'`, tasks: [task.id] });
    seen.add(task.id);
  }
  for (const edge of pipeline.edges) {
    for (const id of [edge.from, edge.to]) {
      if (!seen.has(id)) {
        problems.push({ code: 'unknown-task', message: `The dependency ${edge.from} → ${edge.to} names the unknown task '${id}'`, tasks: [id] });
      }
    }
  }
  const bundled = new Set(bundledNames.map((n) => n.toLowerCase()));
  for (const task of pipeline.tasks) {
    if (task.kind !== 'extract') continue;
    if (bundled.has(task.target.toLowerCase()) || bundled.has(quarantineTable(task.target).toLowerCase())) {
      problems.push({
        code: 'bundled-target',
        message: `Task '${task.id}' would replace '${task.target}', a table that came with the database; extract into a new staging table instead`,
        tasks: [task.id],
      });
    }
    if (task.source.format === 'regex') {
      try {
        compilePattern(task.source.pattern);
      } catch (e) {
        problems.push({ code: 'bad-pattern', message: `Task '${task.id}': ${e instanceof Error ? e.message : String(e)}`, tasks: [task.id] });
      }
    }
  }
  if (problems.some((p) => p.code === 'duplicate-id' || p.code === 'unknown-task')) return problems;
  const cycle = findCycle(pipelineGraph(pipeline));
  if (cycle) {
    problems.push({
      code: 'cycle',
      message: `The tasks ${[...cycle, cycle[0]].join(' → ')} depend on each other in a circle: no order can run them`,
      tasks: cycle,
    });
  }
  return problems;
}

/** The pipeline's dependency graph (tasks in declaration order, which breaks ties). Throws on duplicate ids or unknown tasks. */
export function pipelineGraph(pipeline: Pipeline): Graph<PipelineTask> {
  return createGraph<PipelineTask>({ nodes: pipeline.tasks.map((t) => ({ id: t.id, data: t })), edges: pipeline.edges });
}

/** The order tasks run in; throws with the problems' messages when the pipeline cannot run. */
export function runOrder(pipeline: Pipeline): string[] {
  const problems = validatePipeline(pipeline).filter((p) => p.code !== 'bundled-target' && p.code !== 'bad-pattern');
  if (problems.length > 0) throw new Error(problems.map((p) => p.message).join('; '));
  const order = topoOrder(pipelineGraph(pipeline));
  if (!order.ok) throw new Error(`cycle: ${order.cycle.join(' → ')}`);
  return order.value;
}

/** The days from `from` to `to`, both included, in order. */
export function daysBetween(from: Ds, to: Ds): Ds[] {
  if (!isDs(from) || !isDs(to)) throw new Error(`A backfill needs two dates written YYYY-MM-DD (got '${from}' and '${to}')`);
  if (from > to) throw new Error(`A backfill's start ${from} comes after its end ${to}`);
  const days: Ds[] = [];
  for (let d = from; d <= to; d = dsAdd(d, 1)) {
    days.push(d);
    if (days.length > 3660) throw new Error('A backfill covers at most ten years of days');
  }
  return days;
}

function emptyLog(task: PipelineTask, state: TaskState): TaskLog {
  return { task: task.id, kind: task.kind, state, rowsRead: 0, rowsWritten: 0, rowsDeleted: 0, rowsQuarantined: 0, ms: 0, tablesWritten: [] };
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

const SAVEPOINT = 'datalit_pipeline_task';

/** Everything a runner is given. */
export interface RunnerInit {
  engine: PipelineEngine;
  lake: LakeReader;
  pipeline: Pipeline;
  /** The target database's file as bundled: every run-all starts from a fresh copy of it. */
  databaseBytes: Uint8Array;
}

/**
 * One pipeline's working state: the database its runs write (kept between requests), each task's
 * state, and the run history.
 */
export class PipelineRunner {
  private readonly engine: PipelineEngine;
  private readonly lake: LakeReader;
  private readonly databaseBytes: Uint8Array;
  private pipelineValue: Pipeline;
  private bundled: string[] = [];
  private opened = false;
  private readonly stateOf = new Map<string, TaskState>();
  private readonly history: RunRecord[] = [];
  private nextRun = 1;

  /** Takes the engine, the lake, the pipeline and the target database's bytes; opens nothing yet. */
  constructor(init: RunnerInit) {
    this.engine = init.engine;
    this.lake = init.lake;
    this.databaseBytes = init.databaseBytes;
    this.pipelineValue = init.pipeline;
    for (const t of init.pipeline.tasks) this.stateOf.set(t.id, 'pending');
  }

  /** The pipeline being run. */
  get pipeline(): Pipeline {
    return this.pipelineValue;
  }

  /** The tables that came with the target database (a task may not replace them). */
  get bundledNames(): string[] {
    this.ensureOpen();
    return [...this.bundled];
  }

  /** Replaces the pipeline (the learner edited it); states of tasks that still exist are kept, the database too. */
  setPipeline(pipeline: Pipeline): void {
    this.pipelineValue = pipeline;
    const states = new Map(this.stateOf);
    this.stateOf.clear();
    for (const t of pipeline.tasks) this.stateOf.set(t.id, states.get(t.id) ?? 'pending');
  }

  /** Each task's current state. */
  states(): Record<string, TaskState> {
    return Object.fromEntries(this.stateOf);
  }

  /** The run history, oldest first. */
  runs(): RunRecord[] {
    return [...this.history];
  }

  /** The working database, as the engine has it open (opened fresh on first use). */
  database(): Database {
    this.ensureOpen();
    return this.engine.database();
  }

  /** Runs SQL on the working database under the sandbox rules (inspecting tables). */
  exec(sql: string, maxRows: number): ExecResult {
    this.ensureOpen();
    return this.engine.exec(sql, maxRows);
  }

  /** Starts over: a fresh copy of the target database, every task pending. */
  reset(): void {
    this.bundled = this.engine.open(this.databaseBytes).bundledNames;
    this.opened = true;
    for (const id of this.stateOf.keys()) this.stateOf.set(id, 'pending');
  }

  /** Runs every task in dependency order on a fresh copy of the target database. */
  async runAll(ds: Ds, options: RunOptions = {}): Promise<RunRecord> {
    this.checkRunnable();
    this.reset();
    return this.runTasks('all', ds, runOrder(this.pipelineValue), options);
  }

  /** Runs one task on the current database, whatever the state of its upstream tasks. */
  async runTask(id: string, ds: Ds, options: RunOptions = {}): Promise<RunRecord> {
    this.checkRunnable();
    this.ensureOpen();
    this.taskById(id);
    return this.runTasks('task', ds, [id], options, { ignoreUpstream: true });
  }

  /** Clears a task and everything downstream of it, and runs them again on the current database (upstream successes kept). */
  async rerunFrom(id: string, ds: Ds, options: RunOptions = {}): Promise<RunRecord> {
    this.checkRunnable();
    this.ensureOpen();
    this.taskById(id);
    const graph = pipelineGraph(this.pipelineValue);
    const cleared = [id, ...downstream(graph, id)];
    for (const t of cleared) this.stateOf.set(t, 'pending');
    const order = runOrder(this.pipelineValue).filter((t) => cleared.includes(t));
    return this.runTasks('rerun', ds, order, options);
  }

  /**
   * One run per day from `from` to `to`, in order, on a fresh copy of the target database (the
   * days' partitions accumulate in it). Stops at a cancel (that day's run, last, is 'cancelled');
   * a failed day does not stop the next. `onRun` hears each day's run as it ends.
   */
  async backfill(
    from: Ds,
    to: Ds,
    options: RunOptions & { onDay?: (progress: ProgressInfo) => void; onRun?: (record: RunRecord) => void } = {},
  ): Promise<RunRecord[]> {
    const days = daysBetween(from, to);
    this.checkRunnable();
    this.reset();
    const order = runOrder(this.pipelineValue);
    const records: RunRecord[] = [];
    for (const [i, day] of days.entries()) {
      options.onDay?.({ done: i, total: days.length, label: day });
      for (const id of order) this.stateOf.set(id, 'pending');
      const record = await this.runTasks('backfill', day, order, options);
      records.push(record);
      options.onRun?.(record);
      if (record.state === 'cancelled') break;
    }
    options.onDay?.({ done: records.length, total: days.length });
    return records;
  }

  /** Runs the tasks given (already in order) as one run. */
  private async runTasks(
    kind: RunKind,
    ds: Ds,
    order: string[],
    options: RunOptions,
    flags: { ignoreUpstream?: boolean } = {},
  ): Promise<RunRecord> {
    if (!isDs(ds)) throw new Error(`'${ds}' is not a logical date written YYYY-MM-DD`);
    const control = options.control ?? NO_CONTROL;
    const graph = pipelineGraph(this.pipelineValue);
    const record: RunRecord = { id: `run-${this.nextRun++}`, kind, ds, started: new Date().toISOString(), ms: 0, state: 'running', tasks: [] };
    this.history.push(record);
    if (this.history.length > RUN_HISTORY_LIMIT) this.history.shift();
    const started = performance.now();
    const emit = (task: string, state: TaskState, log?: TaskLog): void => {
      this.stateOf.set(task, state);
      options.onEvent?.({ type: 'task', run: record.id, task, state, log });
    };
    let cancelled = false;
    for (const id of order) {
      const task = this.taskById(id);
      if (cancelled) break;
      if (!flags.ignoreUpstream) {
        const ups = graph.predecessors(id).map((u) => this.stateOf.get(u));
        const blocked = ups.find((s) => s !== 'success' && s !== 'skipped');
        if (blocked !== undefined || ups.includes('skipped')) {
          // Airflow's all_success rule: a failed (or never run) upstream blocks, a skipped one skips.
          const state: TaskState = blocked !== undefined ? 'upstream_failed' : 'skipped';
          const log = emptyLog(task, state);
          record.tasks.push(log);
          emit(id, state, log);
          continue;
        }
      }
      emit(id, 'running');
      const log = await this.execute(task, ds, control, (progress) =>
        options.onEvent?.({ type: 'progress', run: record.id, task: id, progress }),
      );
      if (log.error?.cancelled) cancelled = true;
      record.tasks.push(log);
      emit(id, log.state, log);
    }
    record.ms = performance.now() - started;
    record.state = cancelled ? 'cancelled' : record.tasks.some((t) => t.state === 'failed' || t.state === 'upstream_failed') ? 'failed' : 'success';
    return record;
  }

  /** Runs one task in a savepoint and returns its log; never throws for the task's own failure. */
  private async execute(task: PipelineTask, ds: Ds, control: RunControl, onProgress: (p: ProgressInfo) => void): Promise<TaskLog> {
    const log = emptyLog(task, 'running');
    const started = performance.now();
    const db = this.engine.database();
    let wrapped = false;
    try {
      if (task.kind === 'extract') {
        log.path = renderTaskTemplate(task.id, 'path', task.path, ds);
        db.exec(`SAVEPOINT ${SAVEPOINT}`);
        wrapped = true;
        await this.runExtract(task, log, control, onProgress);
      } else {
        log.sql = renderTaskTemplate(task.id, 'sql', task.sql, ds);
        const statements = splitStatements(log.sql);
        if (statements.length === 0) {
          log.state = 'skipped';
          log.ms = performance.now() - started;
          return log;
        }
        // A task that manages its own transaction cannot run inside the runner's savepoint.
        wrapped = !statements.some((s) => s.transaction);
        if (wrapped) db.exec(`SAVEPOINT ${SAVEPOINT}`);
        await this.runSql(task, log, statements, control);
      }
      if (wrapped) db.exec(`RELEASE ${SAVEPOINT}`);
      log.state = 'success';
    } catch (e) {
      if (wrapped) {
        try {
          db.exec(`ROLLBACK TO ${SAVEPOINT}; RELEASE ${SAVEPOINT}`);
        } catch {
          // SQLite already rolled the transaction back on its own: nothing of the task is left.
        }
        // The log reports what stayed; what was undone is kept apart, so "rows written" never counts rows that are gone.
        log.rolledBack = { rowsWritten: log.rowsWritten, rowsDeleted: log.rowsDeleted, rowsQuarantined: log.rowsQuarantined };
        log.rowsWritten = 0;
        log.rowsDeleted = 0;
        log.rowsQuarantined = 0;
      }
      log.state = 'failed';
      log.error = this.describe(task.id, e);
    }
    log.ms = performance.now() - started;
    return log;
  }

  private describe(task: string, e: unknown): TaskError {
    if (e instanceof CancelledError) return { task, message: CANCELLED_MESSAGE, cancelled: true };
    if (e instanceof TaskTemplateError) {
      return { task, message: messageOf(e.cause ?? e), in: e.field === 'sql' ? 'template' : 'path', ...(e.line !== undefined ? { line: e.line } : {}), ...(e.column !== undefined ? { column: e.column } : {}) };
    }
    if (e instanceof SqlTaskError) return { task, message: e.reason, line: e.line, column: e.column, in: 'sql' };
    if (e instanceof LakeReadError) return { task, message: e.message };
    return { task, message: messageOf(e) };
  }

  private async runExtract(task: ExtractTask, log: TaskLog, control: RunControl, onProgress: (p: ProgressInfo) => void): Promise<void> {
    const bundled = new Set(this.bundled.map((n) => n.toLowerCase()));
    if (bundled.has(task.target.toLowerCase()) || bundled.has(quarantineTable(task.target).toLowerCase())) {
      throw new Error(`'${task.target}' came with the database and cannot be replaced; extract into a new staging table instead`);
    }
    const result = await loadExtract(this.engine.database(), this.lake, { path: log.path ?? task.path, source: task.source, target: task.target, mode: task.mode }, { control, onProgress });
    log.files = result.files;
    log.rowsRead = result.rowsRead;
    log.rowsWritten = result.rowsWritten;
    log.rowsQuarantined = result.rowsQuarantined;
    log.tablesWritten = [task.target, quarantineTable(task.target)];
  }

  private async runSql(task: SqlTask, log: TaskLog, statements: ReturnType<typeof splitStatements>, control: RunControl): Promise<void> {
    const db = this.engine.database();
    const tables = (db.exec("SELECT name FROM main.sqlite_master WHERE type = 'table'")[0]?.values ?? []).map((r) => String(r[0]));
    const written = new Set<string>();
    const read = new Set<string>();
    for (const s of statements) {
      if (s.writes) written.add(s.writes);
      for (const ref of statementNames(tokenizeSql(s.text), tables).tables) read.add(ref.table);
    }
    for (const name of read) {
      if ([...written].some((w) => w.toLowerCase() === name.toLowerCase())) continue;
      log.rowsRead += Number(db.exec(`SELECT count(*) FROM main.${quoteIdent(name)}`)[0]?.values[0]?.[0] ?? 0);
    }
    for (const s of statements) {
      await checkpoint(control);
      const result = this.engine.exec(s.text, 0);
      if (result.error) {
        const line = result.error.line + s.lineOffset;
        throw new SqlTaskError(task.id, result.error.message, line, result.error.column);
      }
      const changes = result.results.reduce((n, r) => n + r.changes, 0);
      if (s.verb === 'DELETE') log.rowsDeleted += changes;
      else log.rowsWritten += changes;
      if (s.createAs && s.writes) {
        log.rowsWritten += Number(db.exec(`SELECT count(*) FROM main.${quoteIdent(s.writes)}`)[0]?.values[0]?.[0] ?? 0);
      }
    }
    log.tablesWritten = [...written];
  }

  private ensureOpen(): void {
    if (!this.opened) this.reset();
  }

  private checkRunnable(): void {
    const problems = validatePipeline(this.pipelineValue, this.opened ? this.bundled : []);
    if (problems.length > 0) throw new Error(problems.map((p) => p.message).join('; '));
  }

  private taskById(id: string): PipelineTask {
    const task = this.pipelineValue.tasks.find((t) => t.id === id);
    if (!task) throw new Error(`The pipeline has no task '${id}'`);
    return task;
  }

  /**
   * Runs a task twice for one ds and diffs the tables it writes between the two runs, then puts
   * the database back as it was. An idempotent task (DELETE the partition, then INSERT it) shows
   * no difference; a blind INSERT shows the second run's rows as added duplicates.
   */
  async idempotency(id: string, ds: Ds, options: RunOptions & { sampleRows?: number } = {}): Promise<IdempotencyReport> {
    this.checkRunnable();
    this.ensureOpen();
    const task = this.taskById(id);
    const control = options.control ?? NO_CONTROL;
    const db = this.engine.database();
    const sampleRows = options.sampleRows ?? 5;
    const OUTER = 'datalit_idempotency';
    db.exec(`SAVEPOINT ${OUTER}`);
    try {
      const first = await this.execute(task, ds, control, () => undefined);
      if (first.state !== 'success') return { task: id, ds, idempotent: false, tables: [], first, second: null };
      const copies = first.tablesWritten.map((table, i) => {
        const copy = `__datalit_idem_${i}`;
        db.exec(`DROP TABLE IF EXISTS temp.${copy}`);
        const exists = db.exec(`SELECT 1 FROM main.sqlite_master WHERE type = 'table' AND name = ? COLLATE NOCASE`, [table]).length > 0;
        if (exists) db.exec(`CREATE TEMP TABLE ${copy} AS SELECT * FROM main.${quoteIdent(table)}`);
        return { table, copy, exists };
      });
      const second = await this.execute(task, ds, control, () => undefined);
      if (second.state !== 'success') return { task: id, ds, idempotent: false, tables: [], first, second };
      const tables = copies.map((c) => diffTable(db, c.table, c.exists ? c.copy : null, sampleRows));
      const idempotent = tables.every((t) => t.added === 0 && t.removed === 0 && !t.schemaChanged);
      return { task: id, ds, idempotent, tables, first, second };
    } finally {
      db.exec(`ROLLBACK TO ${OUTER}; RELEASE ${OUTER}`);
    }
  }
}

/** A SQL task's failure, with the line in its rendered SQL; `reason` is SQLite's own message. */
export class SqlTaskError extends Error {
  readonly task: string;
  readonly reason: string;
  readonly line: number;
  readonly column: number;
  constructor(task: string, reason: string, line: number, column: number) {
    super(`Task '${task}' failed at line ${line}: ${reason}`);
    this.name = 'SqlTaskError';
    this.task = task;
    this.reason = reason;
    this.line = line;
    this.column = column;
  }
}

/** One table's difference between the first and the second run of a task. */
export interface TableDiff {
  table: string;
  columns: string[];
  /** Rows after the first run and after the second. */
  rowsFirst: number;
  rowsSecond: number;
  /** Rows the second run added (as a multiset: a duplicate counts) and removed. */
  added: number;
  removed: number;
  addedSample: (string | number | null)[][];
  removedSample: (string | number | null)[][];
  /** The table's columns changed between the runs (or it appeared or vanished). */
  schemaChanged: boolean;
}

/** The idempotency check's answer. */
export interface IdempotencyReport {
  task: string;
  ds: Ds;
  idempotent: boolean;
  tables: TableDiff[];
  first: TaskLog;
  second: TaskLog | null;
}

function columnsOf(db: Database, schema: 'main' | 'temp', table: string): string[] {
  return (db.exec(`SELECT name FROM pragma_table_info(?, '${schema}')`, [table])[0]?.values ?? []).map((r) => String(r[0]));
}

type Plain = string | number | null;

function plainRows(rows: unknown[][]): Plain[][] {
  return rows.map((r) => r.map((v) => (v instanceof Uint8Array ? `x'${[...v].map((b) => b.toString(16).padStart(2, '0')).join('')}'` : (v as Plain))));
}

/** Multiset difference of a table now against its copy after the first run. */
function diffTable(db: Database, table: string, copy: string | null, sampleRows: number): TableDiff {
  const now = columnsOf(db, 'main', table);
  const before = copy ? columnsOf(db, 'temp', copy) : [];
  const count = (sql: string): number => Number(db.exec(sql)[0]?.values[0]?.[0] ?? 0);
  const rowsSecond = now.length > 0 ? count(`SELECT count(*) FROM main.${quoteIdent(table)}`) : 0;
  const rowsFirst = copy ? count(`SELECT count(*) FROM temp.${copy}`) : 0;
  const base = { table, columns: now, rowsFirst, rowsSecond, addedSample: [], removedSample: [] };
  const same = now.length > 0 && now.join('\u0000').toLowerCase() === before.join('\u0000').toLowerCase();
  if (!same) return { ...base, added: rowsSecond, removed: rowsFirst, schemaChanged: true };
  const cols = now.map(quoteIdent).join(', ');
  const diff = `SELECT ${cols}, sum(__side) AS __n FROM (SELECT ${cols}, 1 AS __side FROM main.${quoteIdent(table)} UNION ALL SELECT ${cols}, -1 AS __side FROM temp.${copy}) GROUP BY ${cols} HAVING sum(__side) <> 0`;
  const rows = db.exec(diff)[0]?.values ?? [];
  let added = 0;
  let removed = 0;
  const addedSample: unknown[][] = [];
  const removedSample: unknown[][] = [];
  for (const row of rows) {
    const n = Number(row.at(-1));
    const values = row.slice(0, -1);
    if (n > 0) {
      added += n;
      if (addedSample.length < sampleRows) addedSample.push(values);
    } else {
      removed -= n;
      if (removedSample.length < sampleRows) removedSample.push(values);
    }
  }
  return { ...base, added, removed, addedSample: plainRows(addedSample), removedSample: plainRows(removedSample), schemaChanged: false };
}
