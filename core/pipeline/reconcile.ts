import type { Cell } from '../sql/protocol.ts';
import { quarantineTable, quoteIdent } from './extract.ts';
import type { PipelineEngine } from './runner.ts';
import type { Pipeline, ReconcileSpec } from './schema.ts';
import { renderTaskTemplate, type Ds } from './template.ts';

/**
 * Reconciliation after a run: does the target hold what the source says it should? Rows (and a
 * sum) of the source and the target, and the difference explained step by step: lake lines
 * quarantined by the extract, duplicates dropped, rows of an earlier partition (late) or a later
 * one, and what is left unexplained. Every query is a SELECT run through the sandbox's engine.
 */

/** One line of the explanation. */
export interface ReconcileLine {
  kind: 'lake_lines' | 'quarantined' | 'source' | 'duplicates' | 'late' | 'outside_partition' | 'unexplained' | 'target';
  rows: number;
  /** The sum over those rows (null without a sum, or where nothing can be summed: quarantined lines). */
  sum: number | null;
}

/** A reconciliation's answer. */
export interface ReconcileReport {
  id: string;
  title: string;
  ds: Ds;
  /** In order: lake lines (when the source has a quarantine table), quarantined, source, duplicates, late, outside_partition, unexplained, target. */
  lines: ReconcileLine[];
  /** True when nothing is unexplained (rows and sum). */
  balanced: boolean;
  error?: string;
}

function num(v: Cell | undefined): number {
  return typeof v === 'number' ? v : v === null || v === undefined ? 0 : Number(v);
}

function numOrNull(v: Cell | undefined): number | null {
  return v === null || v === undefined ? null : num(v);
}

function one(engine: PipelineEngine, sql: string): Cell[] {
  const result = engine.exec(sql, 1);
  if (result.error) throw new Error(`${result.error.message} (in: ${sql.replace(/\s+/g, ' ').slice(0, 300)})`);
  const row = result.results.at(-1)?.rows[0];
  if (!row) throw new Error('the reconciliation query returned no row');
  return row;
}

function tableExists(engine: PipelineEngine, table: string): boolean {
  return engine.database().exec("SELECT 1 FROM main.sqlite_master WHERE type IN ('table', 'view') AND name = ? COLLATE NOCASE", [table]).length > 0;
}

/** Checks one reconciliation for the logical date; a failed query comes back as `error`, not thrown. */
export function reconcile(engine: PipelineEngine, spec: ReconcileSpec, ds: Ds): ReconcileReport {
  const report: ReconcileReport = { id: spec.id, title: spec.title, ds, lines: [], balanced: false };
  try {
    const render = (text: string): string => renderTaskTemplate(spec.id, 'sql', text, ds);
    const where = (w: string | undefined): string => (w ? `WHERE ${render(w)}` : '');
    const sumOf = (expr: string | undefined): string => (expr ? `sum(${expr})` : 'NULL');
    const source = `main.${quoteIdent(spec.source.table)}`;
    const key = spec.key ?? 'rowid';
    const part = spec.partition;
    const value = part ? render(part.value).replace(/'/g, "''") : '';
    const partitionExpr = part ? part.source : 'NULL';
    const v = spec.sum ? spec.sum.source : 'NULL';
    const s = one(
      engine,
      `WITH s AS (SELECT rowid AS __r, (${key}) AS __k, (${partitionExpr}) AS __p, (${v}) AS __v FROM ${source} ${where(spec.source.where)}),
r AS (SELECT __p, __v, row_number() OVER (PARTITION BY __k ORDER BY __r) AS __n FROM s)
SELECT count(*), sum(__v),
  coalesce(sum(__n > 1), 0), sum(CASE WHEN __n > 1 THEN __v END),
  coalesce(sum(__n = 1 AND ${part ? `__p < '${value}'` : '0'}), 0), sum(CASE WHEN __n = 1 AND ${part ? `__p < '${value}'` : '0'} THEN __v END),
  coalesce(sum(__n = 1 AND ${part ? `(__p > '${value}' OR __p IS NULL)` : '0'}), 0), sum(CASE WHEN __n = 1 AND ${part ? `(__p > '${value}' OR __p IS NULL)` : '0'} THEN __v END)
FROM r`,
    );
    const t = one(engine, `SELECT count(*), ${sumOf(spec.sum?.target)} FROM main.${quoteIdent(spec.target.table)} ${where(spec.target.where)}`);
    const hasSum = spec.sum !== undefined;
    const line = (kind: ReconcileLine['kind'], rows: Cell | undefined, sum: Cell | undefined): ReconcileLine => ({
      kind,
      rows: num(rows),
      sum: hasSum ? (numOrNull(sum) ?? 0) : null,
    });
    const q = quarantineTable(spec.source.table);
    if (tableExists(engine, q)) {
      const quarantined = num(one(engine, `SELECT count(*) FROM main.${quoteIdent(q)}`)[0]);
      report.lines.push({ kind: 'lake_lines', rows: num(s[0]) + quarantined, sum: null });
      report.lines.push({ kind: 'quarantined', rows: quarantined, sum: null });
    }
    const src = line('source', s[0], s[1]);
    const dup = line('duplicates', s[2], s[3]);
    const late = line('late', s[4], s[5]);
    const outside = line('outside_partition', s[6], s[7]);
    const target = line('target', t[0], t[1]);
    const unexplained: ReconcileLine = {
      kind: 'unexplained',
      rows: src.rows - dup.rows - late.rows - outside.rows - target.rows,
      sum: hasSum ? (src.sum ?? 0) - (dup.sum ?? 0) - (late.sum ?? 0) - (outside.sum ?? 0) - (target.sum ?? 0) : null,
    };
    report.lines.push(src, dup, late, outside, unexplained, target);
    // Sums of money are whole numbers; a REAL sum may differ in its last bits.
    report.balanced = unexplained.rows === 0 && (unexplained.sum === null || Math.abs(unexplained.sum) < 1e-6);
  } catch (e) {
    report.error = e instanceof Error ? e.message : String(e);
  }
  return report;
}

/** Every reconciliation of the pipeline for the logical date. */
export function reconcileAll(engine: PipelineEngine, pipeline: Pipeline, ds: Ds): ReconcileReport[] {
  return pipeline.reconcile.map((spec) => reconcile(engine, spec, ds));
}

/**
 * Tables the runs wrote that have no owner-and-purpose record in the pipeline (quarantine tables
 * go with their staging table), in the order they were first written: what the UI asks about.
 */
export function tablesWithoutRecord(pipeline: Pipeline, runs: { tasks: { tablesWritten: string[]; state: string }[] }[]): string[] {
  const recorded = new Set(pipeline.tables.map((t) => t.table.toLowerCase()));
  const out: string[] = [];
  const seen = new Set<string>();
  for (const run of runs) {
    for (const task of run.tasks) {
      if (task.state !== 'success') continue;
      for (const table of task.tablesWritten) {
        const lower = table.toLowerCase();
        if (lower.endsWith('__quarantine') || recorded.has(lower) || seen.has(lower)) continue;
        seen.add(lower);
        out.push(table);
      }
    }
  }
  return out;
}
