import type { Localized } from '../datasets/catalog.ts';
import { statementLineage, type LineageSchema } from './pii-lineage.ts';

/*
 * The SQL editor's PII warning (it warns, never blocks): after a run, which direct identifiers the
 * result shows: columns whose values come from a direct-identifier column of the catalog, found by
 * the result's lineage (through `SELECT *`, aliases, subqueries, CTEs and views), unless the
 * statement reads only masked views. Runs where node-sql-parser may load: the SQL worker.
 */

/** What the warning needs to know about the open database. */
export interface PiiWarningContext extends LineageSchema {
  /** Direct-identifier columns by table, from the catalog (core/governance/pii.ts directColumnsOf). */
  direct: Readonly<Record<string, readonly string[]>>;
  /** Views the learner saved as masked (the governance document): a query reading only these is not warned about. */
  masked?: readonly string[];
}

/** One direct identifier in a result. */
export interface PiiWarningColumn {
  /** The result column's name. */
  output: string;
  table: string;
  column: string;
}

/** A warning about one statement's result. */
export interface PiiWarning {
  /** 0-based index of the statement in the text run. */
  statementIndex: number;
  columns: PiiWarningColumn[];
  message: Localized;
}

function named(c: PiiWarningColumn): string {
  const source = `${c.table}.${c.column}`;
  return c.output.toLowerCase() === c.column.toLowerCase() ? source : `${c.output} (${source})`;
}

/** The warning's words: the columns named, and the masked view (or pseudonym()) suggested. */
export function piiWarningMessage(columns: readonly PiiWarningColumn[], masked: readonly string[] = []): Localized {
  const list = columns.map(named).join(', ');
  const view = masked[0];
  return view
    ? {
        ko: `이 결과에 직접 식별자가 있습니다: ${list}. 분석할 때는 ${view} 같은 마스킹한 뷰를 조회하는 것이 좋습니다.`,
        en: `This result shows direct identifiers: ${list}. For analysis, query the masked view ${view} instead.`,
      }
    : {
        ko: `이 결과에 직접 식별자가 있습니다: ${list}. 분석에는 직접 식별자를 빼고 id는 pseudonym()으로 가명처리한 마스킹 뷰를 쓰는 것이 좋습니다.`,
        en: `This result shows direct identifiers: ${list}. For analysis, use a masked view that leaves them out and pseudonymises ids with pseudonym().`,
      };
}

/**
 * The warnings for a run of `sql`: one per statement whose result carries a direct identifier as
 * it is. None when the SQL cannot be parsed (the editor shows SQLite's own error) or the statement
 * reads only masked views.
 */
export function piiWarnings(sql: string, context: PiiWarningContext): PiiWarning[] {
  const result = statementLineage(sql, context);
  if (!result.ok) return [];
  const direct = new Map(Object.entries(context.direct).map(([t, cols]) => [t.toLowerCase(), new Set(cols.map((c) => c.toLowerCase()))]));
  const masked = new Set((context.masked ?? []).map((m) => m.toLowerCase()));
  const out: PiiWarning[] = [];
  for (const stmt of result.statements) {
    if (stmt.createsView !== null) continue;
    if (stmt.reads.length > 0 && stmt.reads.every((r) => masked.has(r))) continue;
    const columns: PiiWarningColumn[] = [];
    for (const col of stmt.columns) {
      for (const s of col.sources) {
        if (s.via !== 'raw' || !direct.get(s.table.toLowerCase())?.has(s.column.toLowerCase())) continue;
        if (!columns.some((c) => c.output === col.name && c.table === s.table && c.column === s.column))
          columns.push({ output: col.name, table: s.table, column: s.column });
      }
    }
    if (columns.length > 0) out.push({ statementIndex: stmt.index, columns, message: piiWarningMessage(columns, context.masked ?? []) });
  }
  return out;
}
