import type { Database, SqlValue } from 'sql.js';
import { quoteIdent as q } from '../../pipeline/extract.ts';
import type { CheckOutcome, CheckResult, QualityHistory, QualityRun, RowSample } from '../types.ts';
import { compileCheck, dailyOfQuery, type CompiledCheck, type TableShape } from './compile.ts';
import { parseCheckFile, satisfies, type BlockSpec, type CheckSpec, type ParsedChecks, type Threshold } from './format.ts';
import type { LakeSourceCache } from './lake-source.ts';
import { problemText as P, resultText as R, type QualityProblem } from './messages.ts';

/*
 * Running a check file: parse, find every table and column (a problem with its line stops the run
 * before any check runs), compile each check to SQL and run it on sql.js. `as of` a day shows each
 * block's table with only its rows up to that day (a TEMP VIEW of the same name shadows the table,
 * so a learner's fail query sees the same); the history runs each check once with GROUP BY day and
 * accumulates, which equals running it as of each day (a test holds the two together).
 */

/** Where a check file's blocks read: databases by catalog id, lake files through the cache. */
export interface QualitySources {
  /** The database by catalog id; null when there is no such database; throws when it is not open yet (the worker's NOT_OPEN). */
  database(id: string): Database | null;
  lake: Pick<LakeSourceCache, 'table'>;
  /** The simulated days of the dataset (the manifest's period), when known: history's days and the data's "now". */
  period?: { from: string; to: string } | null;
}

/** What a run is doing now: reading a block's source (a lake extract takes seconds), or running a check. */
export interface RunStage {
  stage: 'source' | 'check';
  /** The source (`lake:events/*.jsonl.gz`), or the check as the results name it (its `name:` for failed rows, else its text). */
  text: string;
  line: number;
}

/** Options of one run. */
export interface RunOptions {
  /** Run as of this simulated day (rows up to its end), or null for the data as a whole. */
  asOf?: string | null;
  /** Checks done of the total, and what runs now; called before each check (and while sources are read, with 0 done). */
  onProgress?: (done: number, total: number, current: RunStage | null) => void;
  /** Asked between checks: true stops the run with a QualityCancelledError. */
  cancelled?: () => boolean;
}

/** Options of a history. */
export interface HistoryOptions {
  /** Checks done of the total. */
  onProgress?: (done: number, total: number) => void;
  /** Asked between checks (and days): true stops the history with a CancelledError. */
  cancelled?: () => boolean;
}

/** The error a cancelled history ends with. */
export class QualityCancelledError extends Error {
  constructor() {
    super('Cancelled');
    this.name = 'QualityCancelledError';
  }
}

const MS_DAY = 86_400_000;
const JULIAN_EPOCH = 2_440_587.5;

/** A day 'YYYY-MM-DD' as a julian day number at its midnight. */
function julian(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) / MS_DAY + JULIAN_EPOCH;
}

/** The day after. */
function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + MS_DAY).toISOString().slice(0, 10);
}

/** Every day from..to inclusive. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = from; d <= to && days.length < 10_000; d = nextDay(d)) days.push(d);
  return days;
}

/** JavaScript regular expressions as SQL's regexp(pattern, value): NULL for a NULL value. */
export function registerRegexp(db: Database): void {
  const cache = new Map<string, RegExp>();
  db.create_function('regexp', (pattern: SqlValue, value: SqlValue) => {
    if (value === null || pattern === null) return null;
    const p = String(pattern);
    let re = cache.get(p);
    if (!re) {
      re = new RegExp(p);
      cache.set(p, re);
    }
    return re.test(value instanceof Uint8Array ? '' : String(value)) ? 1 : 0;
  });
}

/** A value of a result cell as the grid shows it. */
function cell(v: unknown): string | number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (v instanceof Uint8Array) return `[${v.length} bytes]`;
  return String(v);
}

function rowsOf(db: Database, sql: string): RowSample {
  const result = db.exec(sql)[0];
  return result ? { columns: result.columns, rows: result.values.map((r) => r.map(cell)) } : { columns: [], rows: [] };
}

function scalar(db: Database, sql: string): SqlValue[] {
  return db.exec(sql)[0]?.values[0] ?? [];
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** A block resolved against the data: its database and table. */
interface ResolvedBlock {
  spec: BlockSpec;
  db: Database;
  shape: TableShape;
}

interface Prepared {
  parsed: ParsedChecks;
  blocks: (ResolvedBlock | null)[];
  compiled: Map<string, CompiledCheck>;
  problems: QualityProblem[];
}

function tableColumns(db: Database, table: string): { name: string; pk: number }[] {
  const stmt = db.prepare(`SELECT name, pk FROM pragma_table_info(?)`);
  try {
    stmt.bind([table]);
    const out: { name: string; pk: number }[] = [];
    while (stmt.step()) {
      const [name, pk] = stmt.get();
      out.push({ name: String(name), pk: Number(pk) });
    }
    return out;
  } finally {
    stmt.free();
  }
}

function findColumn(columns: string[], name: string): string | null {
  return columns.find((c) => c === name) ?? columns.find((c) => c.toLowerCase() === name.toLowerCase()) ?? null;
}

/** Parses the file and finds every table and column; the problems say what stops it from running. */
async function prepare(yaml: string, sources: QualitySources, onSource?: (stage: RunStage, total: number) => void): Promise<Prepared> {
  const parsed = parseCheckFile(yaml);
  const problems = [...parsed.problems];
  const compiled = new Map<string, CompiledCheck>();
  if (problems.length > 0) return { parsed, blocks: [], compiled, problems };
  const blocks: (ResolvedBlock | null)[] = [];
  for (const spec of parsed.blocks) {
    let db: Database | null;
    if (spec.lakePattern !== null) {
      onSource?.({ stage: 'source', text: spec.dataset, line: spec.line }, parsed.checks.length);
      try {
        db = await sources.lake.table(spec.lakePattern, spec.table);
      } catch (e) {
        problems.push({ line: spec.line, message: P.lakeFailed(spec.lakePattern, messageOf(e)) });
        blocks.push(null);
        continue;
      }
    } else {
      db = sources.database(spec.dataset);
      if (db === null) {
        problems.push({ line: spec.line, message: P.unknownDatabase(spec.dataset) });
        blocks.push(null);
        continue;
      }
    }
    registerRegexp(db);
    const info = tableColumns(db, spec.table);
    if (info.length === 0) {
      problems.push({ line: spec.line, message: P.unknownTable(spec.table, spec.lakePattern !== null ? spec.dataset : spec.dataset) });
      blocks.push(null);
      continue;
    }
    const columns = info.map((c) => c.name);
    const pk = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
    const keyColumns = pk.length > 0 ? pk : columns.includes('_file') && columns.includes('_line') ? ['_file', '_line'] : columns.slice(0, 1);
    let timeColumn: string | null = null;
    if (spec.timeColumn !== null) {
      timeColumn = findColumn(columns, spec.timeColumn);
      if (timeColumn === null) problems.push({ line: spec.timeColumnLine, message: P.unknownColumn(spec.timeColumn, spec.table, columns) });
    }
    blocks.push({ spec, db, shape: { name: spec.table, columns, keyColumns, timeColumn } });
  }
  for (const check of parsed.checks) {
    const block = blocks[check.block];
    if (!block) continue;
    const columns: string[] = [];
    let ok = true;
    for (const c of check.columns) {
      const found = findColumn(block.shape.columns, c);
      if (found === null) {
        problems.push({ line: check.line, message: P.unknownColumn(c, check.table, block.shape.columns) });
        ok = false;
      } else columns.push(found);
    }
    let reference = check.reference;
    if (reference) {
      const dot = reference.table.lastIndexOf('.');
      const refDb = dot > 0 ? reference.table.slice(0, dot) : null;
      const refTable = dot > 0 ? reference.table.slice(dot + 1) : reference.table;
      if (refDb !== null && refDb !== block.spec.dataset) {
        problems.push({ line: check.line, message: P.otherDatabase() });
        continue;
      }
      const refColumns = tableColumns(block.db, refTable).map((c) => c.name);
      if (refColumns.length === 0) {
        problems.push({ line: check.line, message: P.unknownTable(refTable, block.spec.dataset) });
        continue;
      }
      const refColumn = findColumn(refColumns, reference.column);
      if (refColumn === null) {
        problems.push({ line: check.line, message: P.unknownColumn(reference.column, refTable, refColumns) });
        continue;
      }
      reference = { table: refTable, column: refColumn };
    }
    if (!ok) continue;
    const resolved: CheckSpec = { ...check, columns, column: columns[0] ?? null, reference };
    const sql = compileCheck(resolved, block.shape);
    // The app's own SQL must compile; a learner's condition or query that does not is that check's error, at run time.
    if (check.type !== 'custom_sql') {
      try {
        block.db.prepare(sql.measure).free();
      } catch (e) {
        problems.push({ line: check.line, message: P.sqlProblem(messageOf(e)) });
        continue;
      }
    }
    compiled.set(check.id, sql);
    Object.assign(check, { columns, column: resolved.column, reference });
  }
  return { parsed, blocks, compiled, problems };
}

/** The outcome a value gets from a check's thresholds. */
export function outcomeOf(check: Pick<CheckSpec, 'pass' | 'warnWhen' | 'failWhen'>, value: number): CheckOutcome {
  if (check.pass) return satisfies(check.pass, value) ? 'pass' : 'fail';
  if (check.failWhen && satisfies(check.failWhen, value)) return 'fail';
  if (check.warnWhen && satisfies(check.warnWhen, value)) return 'warn';
  return 'pass';
}

function formatValue(check: CheckSpec, value: number): string {
  if (check.type === 'freshness') return value >= 48 ? `${(value / 24).toFixed(1)}d` : `${value.toFixed(1)}h`;
  return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toFixed(2);
}

function whenText(t: Threshold): string {
  return `${t.text}`;
}

function messageFor(check: CheckSpec, outcome: CheckOutcome, value: number): CheckResult['message'] {
  const v = formatValue(check, value);
  if (outcome === 'pass') return null;
  if (check.pass) return R.failed(check.text, v);
  const t = outcome === 'fail' ? check.failWhen : check.warnWhen;
  return t ? (outcome === 'fail' ? R.failWhen(v, whenText(t)) : R.warnWhen(v, whenText(t))) : null;
}

const NO_ROWS: RowSample = { columns: [], rows: [] };

function publicCheck(check: CheckSpec): CheckResult['check'] {
  return { id: check.id, dataset: check.dataset, table: check.table, type: check.type, column: check.column, text: check.text, line: check.line };
}

/** Runs one compiled check on its database (already shadowed when as of a day). */
function runOne(check: CheckSpec, sql: CompiledCheck, db: Database, now: number | null): CheckResult {
  try {
    let value: number;
    let failingCount = 0;
    let failingRows = NO_ROWS;
    if (check.type === 'freshness') {
      const [newest, newestJulian] = scalar(db, sql.measure);
      if (newestJulian === null || newestJulian === undefined || now === null) {
        return { check: publicCheck(check), outcome: 'error', value: null, failingCount: 0, failingRows: NO_ROWS, sql: sql.measure, message: R.empty(check.column ?? '') };
      }
      value = Math.round((now - Number(newestJulian)) * 24 * 1000) / 1000;
      const outcome = outcomeOf(check, value);
      if (outcome !== 'pass') {
        const nowText = new Date((now - JULIAN_EPOCH) * MS_DAY).toISOString().slice(0, 19).replace('T', ' ');
        failingRows = { columns: ['newest', 'now', 'hours'], rows: [[cell(newest), nowText, value]] };
      }
      return { check: publicCheck(check), outcome, value, failingCount: 0, failingRows, sql: sql.measure, message: messageFor(check, outcome, value) };
    }
    value = Number(scalar(db, sql.measure)[0] ?? 0);
    if (check.type !== 'row_count') failingCount = value;
    const outcome = outcomeOf(check, value);
    if (sql.failing !== null && failingCount > 0) failingRows = rowsOf(db, sql.failing);
    return { check: publicCheck(check), outcome, value, failingCount, failingRows, sql: sql.measure, message: messageFor(check, outcome, value) };
  } catch (e) {
    return { check: publicCheck(check), outcome: 'error', value: null, failingCount: 0, failingRows: NO_ROWS, sql: sql.measure, message: R.error(messageOf(e)) };
  }
}

/** Shadows each dated block's table with its rows up to the end of `day` (TEMP VIEWs; undone by the returned function). */
function shadow(blocks: (ResolvedBlock | null)[], day: string): () => void {
  const made: { db: Database; view: string }[] = [];
  for (const b of blocks) {
    if (!b || b.shape.timeColumn === null) continue;
    if (made.some((m) => m.db === b.db && m.view.toLowerCase() === b.shape.name.toLowerCase())) continue;
    const tc = q(b.shape.timeColumn);
    b.db.exec(`DROP VIEW IF EXISTS temp.${q(b.shape.name)}`);
    b.db.exec(`CREATE TEMP VIEW ${q(b.shape.name)} AS SELECT * FROM main.${q(b.shape.name)} WHERE date(${tc}) <= '${day}' OR date(${tc}) IS NULL`);
    made.push({ db: b.db, view: b.shape.name });
  }
  return () => {
    for (const m of made) m.db.exec(`DROP VIEW IF EXISTS temp.${q(m.view)}`);
  };
}

/** "Now" for freshness: the end of the as-of day, else the end of the dataset's last day (or of the newest dated row). */
function nowFor(prepared: Prepared, sources: QualitySources, asOf: string | null): number | null {
  if (asOf !== null) return julian(nextDay(asOf));
  if (sources.period) return julian(nextDay(sources.period.to));
  let newest: number | null = null;
  for (const check of prepared.parsed.checks) {
    const block = prepared.blocks[check.block];
    const sql = prepared.compiled.get(check.id);
    if (!block || !sql || check.type !== 'freshness') continue;
    try {
      const j = scalar(block.db, sql.measure)[1];
      if (typeof j === 'number') newest = Math.max(newest ?? j, j);
    } catch {
      // That check reports its own error.
    }
  }
  return newest === null ? null : Math.floor(newest - 0.5) + 1.5;
}

/** Runs a check file (optionally as of a simulated day): every check's result, or the file's problems and nothing run. */
export async function runQualityFile(yaml: string, sources: QualitySources, options: RunOptions = {}): Promise<QualityRun> {
  const started = Date.now();
  const asOf = options.asOf ?? null;
  const { onProgress, cancelled } = options;
  const prepared = await prepare(yaml, sources, onProgress ? (stage, total) => onProgress(0, total, stage) : undefined);
  if (prepared.problems.length > 0) {
    return { results: [], problems: sortProblems(prepared.problems), asOf, elapsedMs: Date.now() - started };
  }
  const undo = asOf !== null ? shadow(prepared.blocks, asOf) : () => undefined;
  try {
    const now = nowFor(prepared, sources, asOf);
    const checks = prepared.parsed.checks;
    const results: CheckResult[] = [];
    for (let i = 0; i < checks.length; i++) {
      const check = checks[i] as CheckSpec;
      if (onProgress) {
        onProgress(i, checks.length, { stage: 'check', text: check.type === 'custom_sql' && !check.id.startsWith(`${check.dataset}/${check.table}/`) ? check.id : check.text, line: check.line });
        // A turn of the event loop between checks: the progress goes out and a cancel can land.
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      if (cancelled?.()) throw new QualityCancelledError();
      const block = prepared.blocks[check.block] as ResolvedBlock;
      results.push(runOne(check, prepared.compiled.get(check.id) as CompiledCheck, block.db, now));
    }
    onProgress?.(checks.length, checks.length, null);
    return { results, problems: [], asOf, elapsedMs: Date.now() - started };
  } finally {
    undo();
  }
}

function sortProblems(problems: QualityProblem[]): QualityProblem[] {
  return [...problems].sort((a, b) => a.line - b.line);
}

/** The problems of a check file (parse and data), without running a check: for an editor's markers. */
export async function checkFileProblems(yaml: string, sources: QualitySources): Promise<QualityProblem[]> {
  return sortProblems((await prepare(yaml, sources)).problems);
}

/** The days a history covers: the dataset's period, else the span of the blocks' dated rows. */
function historyDays(prepared: Prepared, sources: QualitySources): string[] {
  if (sources.period) return daysBetween(sources.period.from, sources.period.to);
  let from: string | null = null;
  let to: string | null = null;
  for (const b of prepared.blocks) {
    if (!b || b.shape.timeColumn === null) continue;
    const tc = q(b.shape.timeColumn);
    const [lo, hi] = scalar(b.db, `SELECT MIN(date(${tc})), MAX(date(${tc})) FROM main.${q(b.shape.name)}`);
    if (typeof lo === 'string' && (from === null || lo < from)) from = lo;
    if (typeof hi === 'string' && (to === null || hi > to)) to = hi;
  }
  return from !== null && to !== null ? daysBetween(from, to) : [];
}

type DayPoint = QualityHistory['outcomes'][string][number];

/** A history, or the file's problems (with lines) when it could not run. */
export type QualityHistoryRun = QualityHistory & { problems: QualityProblem[] };

/** Accumulates `(d, n)` rows into a value per day ('' rows count from the start). */
function accumulate(rows: SqlValue[][], days: string[], kind: 'sum' | 'max'): (number | null)[] {
  const sorted = rows.map(([d, n]) => [String(d ?? ''), n === null ? null : Number(n)] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const out: (number | null)[] = [];
  let i = 0;
  let acc: number | null = kind === 'sum' ? 0 : null;
  for (const day of days) {
    while (i < sorted.length && (sorted[i] as readonly [string, number | null])[0] <= day) {
      const n = (sorted[i] as readonly [string, number | null])[1];
      if (n !== null) acc = kind === 'sum' ? (acc ?? 0) + n : Math.max(acc ?? n, n);
      i++;
    }
    out.push(acc);
  }
  return out;
}

/**
 * Every check on every simulated day, with the first day each turned warn or fail after passing
 * on a day its table had rows (or the first day with rows, when it failed from the start).
 * One GROUP BY day query per check where the check allows it; a fail query that does not return the
 * block's time column runs once per day (shadowed), and a check on a table with no time column once.
 */
export async function runQualityHistory(yaml: string, sources: QualitySources, options: HistoryOptions = {}): Promise<QualityHistoryRun> {
  const prepared = await prepare(yaml, sources);
  if (prepared.problems.length > 0) return { days: [], outcomes: {}, brokeOn: {}, failingSince: {}, problems: sortProblems(prepared.problems) };
  const days = historyDays(prepared, sources);
  const outcomes: QualityHistory['outcomes'] = {};
  const brokeOn: QualityHistory['brokeOn'] = {};
  const failingSince: Record<string, string | null> = {};
  const rowsOfBlock = new Map<number, number[]>();
  const checks = prepared.parsed.checks;
  const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
  for (let i = 0; i < checks.length; i++) {
    options.onProgress?.(i, checks.length);
    await pause();
    if (options.cancelled?.()) throw new QualityCancelledError();
    const check = checks[i] as CheckSpec;
    const block = prepared.blocks[check.block] as ResolvedBlock;
    const sql = prepared.compiled.get(check.id) as CompiledCheck;
    outcomes[check.id] = await historyOf(check, sql, block, prepared, days, options);
    let rows = rowsOfBlock.get(check.block);
    if (!rows) {
      rows = rowsByDay(block, days);
      rowsOfBlock.set(check.block, rows);
    }
    const since = evidenceOf(outcomes[check.id] ?? [], rows, days);
    brokeOn[check.id] = since.brokeOn;
    failingSince[check.id] = since.failingSince;
  }
  options.onProgress?.(checks.length, checks.length);
  return { days, outcomes, brokeOn, failingSince, problems: [] };
}

/** Rows of the block's table as of each day (rows with no day count from the start; no time column: all of them every day). */
function rowsByDay(block: ResolvedBlock, days: string[]): number[] {
  const table = `main.${q(block.shape.name)}`;
  const tc = block.shape.timeColumn;
  try {
    if (tc === null) {
      const n = Number(scalar(block.db, `SELECT COUNT(*) FROM ${table}`)[0] ?? 0);
      return days.map(() => n);
    }
    const rows = block.db.exec(`SELECT COALESCE(date(${q(tc)}), '') AS d, COUNT(*) FROM ${table} GROUP BY d`)[0]?.values ?? [];
    return accumulate(rows, days, 'sum').map((n) => n ?? 0);
  } catch {
    // Unreadable here means the check errors on its own; count every day as evidence as before.
    return days.map(() => 1);
  }
}

/**
 * The day a check broke, or the day it was failing from: only days with rows in its table are
 * evidence (on a day before the first row a check has nothing to check, and its "pass" says
 * nothing), so a problem present in the first rows reads "failing from the start", not "broke".
 */
function evidenceOf(points: DayPoint[], rows: number[], days: string[]): { brokeOn: string | null; failingSince: string | null } {
  let passed = false;
  let first = true;
  let failingSince: string | null = null;
  for (let i = 0; i < points.length; i++) {
    if ((rows[i] ?? 0) === 0) continue;
    const o = (points[i] as DayPoint).outcome;
    const bad = o === 'warn' || o === 'fail';
    if (first && o !== 'error') {
      first = false;
      if (bad) failingSince = days[i] ?? null;
    }
    if (o === 'pass') passed = true;
    else if (bad && passed) return { brokeOn: days[i] ?? null, failingSince };
  }
  return { brokeOn: null, failingSince };
}

async function historyOf(check: CheckSpec, sql: CompiledCheck, block: ResolvedBlock, prepared: Prepared, days: string[], options: HistoryOptions): Promise<DayPoint[]> {
  const point = (value: number | null): DayPoint => {
    if (value === null) return { outcome: 'error', value: null, failingCount: 0 };
    const counted = check.type !== 'row_count' && check.type !== 'freshness';
    return { outcome: outcomeOf(check, value), value, failingCount: counted ? value : 0 };
  };
  const tc = block.shape.timeColumn;
  try {
    if (tc === null) {
      // No time column: the table is whole on every day.
      const r = runOne(check, sql, block.db, days.length > 0 ? julian(nextDay(days[days.length - 1] as string)) : null);
      return days.map(() => ({ outcome: r.outcome, value: r.value, failingCount: r.failingCount }));
    }
    let daily = sql.daily;
    if (daily === null && check.failQuery !== null) {
      const stmt = block.db.prepare(`SELECT * FROM (\n${check.failQuery}\n) LIMIT 0`);
      const names = stmt.getColumnNames();
      stmt.free();
      if (names.some((n) => n.toLowerCase() === tc.toLowerCase())) daily = { sql: dailyOfQuery(check.failQuery, tc), kind: 'sum' };
    }
    if (daily !== null) {
      const rows = block.db.exec(daily.sql)[0]?.values ?? [];
      const values = accumulate(rows, days, daily.kind);
      if (daily.kind === 'max') return days.map((day, i) => point(values[i] === null ? null : Math.round((julian(nextDay(day)) - (values[i] as number)) * 24 * 1000) / 1000));
      return values.map((v) => point(v));
    }
    // A fail query placed on no day: run it as of each day.
    const out: DayPoint[] = [];
    for (const day of days) {
      if (options.cancelled?.()) throw new QualityCancelledError();
      const undo = shadow(prepared.blocks, day);
      try {
        out.push(point(Number(scalar(block.db, sql.measure)[0] ?? 0)));
      } finally {
        undo();
      }
      if (out.length % 30 === 0) await new Promise((resolve) => setTimeout(resolve, 0));
    }
    return out;
  } catch (e) {
    if (e instanceof QualityCancelledError) throw e;
    return days.map(() => ({ outcome: 'error', value: null, failingCount: 0 }));
  }
}
