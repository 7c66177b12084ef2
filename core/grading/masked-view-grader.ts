import type { Database } from 'sql.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { MaskCheckDetail, checkMaskedView } from '../governance/mask.ts';
import type { MaskColumns } from '../governance/pii.ts';
import type { Localized } from '../lessons/localized.ts';
import type { Cell } from '../sql/protocol.ts';
import type { ResultTable, Verdict } from './compare.ts';
import { runOnFreshCopy, type DatabaseCopy, type GradeContext, type GradingEngine } from './engine.ts';
import { message, type Message } from './messages.ts';
import { lineColumnAt } from '../sql/text-position.ts';
import { failed, runFailure } from './query-grader.ts';

/*
 * Grades a masked-view step: the step's setup and the learner's SQL run on a fresh copy of the
 * step's database with pseudonym() registered under a grading key, then the masked-view check
 * (core/governance/mask.ts) reads the view: direct identifiers left (by lineage or by value), ids
 * keyed (they change with a second key), raw ids, rows reconciling with the base table, k over the
 * quasi-identifiers at least the step's minimum. The same on the hidden variant, where other people
 * make other groups. Each failure is its own message; the smallest groups are the verdict's table.
 *
 * The check parses SQL with node-sql-parser, which must never load on the renderer's main thread:
 * mask.ts is imported lazily here, so importing this file (through the step kinds) does not load it.
 */

/** What a masked-view step asks. */
export interface MaskedViewGradeSpec {
  database: string;
  setup?: string | undefined;
  solution: string;
  view: string;
  base: string;
  quasi: readonly string[];
  minK: number;
  /** The database's direct identifiers, person keys of `base` and quasi-identifiers (maskColumnsFor). */
  columns: MaskColumns;
  knownWrong: readonly { sql: string; feedback?: Localized | undefined }[];
}

/**
 * The key pseudonym() is registered with while grading: any fixed key does (the check proves the ids
 * keyed by reading the view under a second one); never the learner's workspace key.
 */
export const GRADING_KEY = bytesToHex(sha256(utf8ToBytes('datalit:masked-view grading key')));

/** The part of the grading engine the check needs beyond GradingEngine (core/sql/engine.ts SqlEngine has it). */
interface MaskingEngine extends GradingEngine {
  setPseudonymKey(keyHex: string | null): void;
  database(): Database;
}

function maskingEngine(engine: GradingEngine): MaskingEngine | null {
  const e = engine as Partial<MaskingEngine>;
  return typeof e.setPseudonymKey === 'function' && typeof e.database === 'function' ? (engine as MaskingEngine) : null;
}

let maskModule: Promise<MaskModule> | null = null;

/** What the grader takes from the lazily loaded check module. */
interface MaskModule {
  checkMaskedView: typeof checkMaskedView;
}

/** One run of an answer on one copy: the check, or the message saying why there is none. */
export type MaskRun = { check: MaskCheckDetail; messages: Message[] } | { failure: Message };

function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** The base table's row count on a fresh copy with only the setup run (what the view must reconcile with). */
function baseRows(spec: MaskedViewGradeSpec, ctx: GradeContext, copy: DatabaseCopy): number | null {
  const outcome = runOnFreshCopy(ctx, spec.database, copy, spec.setup, `SELECT count(*) FROM ${quote(spec.base)}`);
  if (!outcome.ok) return null;
  const value = outcome.results[0]?.rows[0]?.[0];
  return typeof value === 'number' ? value : null;
}

function groupText(values: Record<string, string | number | null>): string {
  return Object.entries(values)
    .map(([c, v]) => `${c} = ${v === null ? 'NULL' : String(v)}`)
    .join(', ');
}

/** What the answer left under the view's name: a view, a table posing as one, or nothing. */
export type ViewKind = 'view' | 'table' | null;

/** The check's failures as messages, in the order a learner fixes them. */
export function checkMessages(
  check: MaskCheckDetail,
  kind: ViewKind,
  spec: Pick<MaskedViewGradeSpec, 'view' | 'base' | 'quasi' | 'minK'>,
  base: number,
): Message[] {
  if (kind === null) return [message('mask-view-missing', { view: spec.view, table: false })];
  const out: Message[] = [];
  if (kind === 'table') out.push(message('mask-view-missing', { view: check.view, table: true }));
  for (const d of check.directLeft) out.push(message('mask-direct-left', { column: d.column, source: d.source, how: d.how }));
  for (const c of check.rawIds) out.push(message('mask-raw-id', { column: c }));
  // A table's pseudonyms were computed once under the grading key and cannot change with the second one;
  // that the answer must be a view already says what is wrong.
  if (kind === 'view') for (const id of check.missingIds) out.push(message('mask-id-missing', { column: id.slice(id.indexOf('.') + 1) }));
  if (check.rows.view !== base) out.push(message('mask-rows', { view: check.rows.view, base, table: spec.base }));
  const missing = spec.quasi.filter((q) => !check.quasi.some((c) => c.toLowerCase() === q.toLowerCase()));
  if (missing.length > 0) out.push(message('mask-quasi-missing', { columns: missing }));
  if (check.quasi.length > 0 && check.k < spec.minK) {
    const group = check.smallestGroups[0];
    out.push(message('mask-k-too-small', { k: check.k, minK: spec.minK, quasi: check.quasi, group: group ? groupText(group.values) : '' }));
  }
  return out;
}

/** An error reading the view, placed where the answer creates it. */
function viewError(sql: string, view: string, text: string): Message {
  const escaped = view.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const at = new RegExp(`\\bcreate\\s+(?:temp(?:orary)?\\s+)?view\\s+(?:if\\s+not\\s+exists\\s+)?["\`[]?${escaped}\\b`, 'i').exec(sql);
  const { line, column } = lineColumnAt(sql, at?.index ?? 0);
  return message('sql-error', { message: text, line, column });
}

/** Runs the setup and `sql` on a fresh copy with pseudonym() registered, then checks the view. */
export async function maskRun(spec: MaskedViewGradeSpec, ctx: GradeContext, copy: DatabaseCopy, sql: string): Promise<MaskRun> {
  const engine = maskingEngine(ctx.engine);
  if (!engine) return { failure: message('lesson-error', { message: 'the grading engine cannot register pseudonym()' }) };
  maskModule ??= import('../governance/mask.ts');
  const { checkMaskedView } = await maskModule;
  const base = baseRows(spec, ctx, copy);
  engine.setPseudonymKey(GRADING_KEY);
  const outcome = runOnFreshCopy(ctx, spec.database, copy, spec.setup, sql);
  const failure = runFailure(outcome);
  if (failure) return { failure };
  if (base === null) return { failure: message('lesson-error', { message: `the base table '${spec.base}' cannot be counted` }) };
  const db = engine.database();
  const found = db.exec("SELECT type FROM sqlite_master WHERE name = ? COLLATE NOCASE AND type IN ('view', 'table')", [spec.view]);
  const type = found[0]?.values[0]?.[0];
  const kind: ViewKind = type === 'view' || type === 'table' ? type : null;
  if (kind === 'view') {
    // SQLite accepts a view naming a column that does not exist and fails only when it is read.
    const probe = engine.exec(`SELECT * FROM ${quote(spec.view)} LIMIT 1`, 1);
    if (probe.error) return { failure: viewError(sql, spec.view, probe.error.message) };
  }
  const check = checkMaskedView(db, {
    view: spec.view,
    base: spec.base,
    quasi: spec.quasi,
    directColumns: spec.columns.directColumns,
    idColumns: spec.columns.idColumns,
    quasiSources: spec.columns.quasiSources,
    key: GRADING_KEY,
    minK: spec.minK,
  });
  return { check, messages: checkMessages(check, kind, spec, base) };
}

/** The smallest groups as the verdict's table: the quasi-identifiers' values and how many people share them. */
export function groupsTable(check: MaskCheckDetail): ResultTable | null {
  if (check.quasi.length === 0) return null;
  const rows: Cell[][] = check.smallestGroups.map((g) => [...check.quasi.map((c) => g.values[c] ?? null), g.count]);
  return { columns: [...check.quasi, 'count'], rows, rowCount: rows.length };
}

/** A comparable form of a run's failures: codes and the columns they name. */
function signature(messages: readonly Message[]): string {
  return messages
    .map((m) => {
      const p = m.params as Record<string, unknown>;
      return `${m.code}:${String(p.column ?? '')}:${Array.isArray(p.columns) ? p.columns.join(',') : ''}`;
    })
    .sort()
    .join('|');
}

/** The lesson's feedback for the first known mistake failing the same way as the answer (on the same copy), if any. */
async function knownMistake(spec: MaskedViewGradeSpec, ctx: GradeContext, answer: readonly Message[], copy: DatabaseCopy): Promise<Message | null> {
  const want = signature(answer);
  for (const wrong of spec.knownWrong) {
    if (!wrong.feedback) continue;
    const run = await maskRun(spec, ctx, copy, wrong.sql);
    if ('check' in run && run.messages.length > 0 && signature(run.messages) === want) return message('known-mistake', { feedback: wrong.feedback });
  }
  return null;
}

/** Grades the learner's SQL for a masked-view step: the visible copy, then the hidden variant. */
export async function gradeMaskedView(spec: MaskedViewGradeSpec, sql: string, ctx: GradeContext): Promise<Verdict> {
  const visible = await maskRun(spec, ctx, 'visible', sql);
  if ('failure' in visible) return failed([visible.failure]);
  const actual = groupsTable(visible.check);
  if (visible.messages.length > 0) {
    const known = await knownMistake(spec, ctx, visible.messages, 'visible');
    // The lesson's explanation of the mistake leads; the check's messages say where it shows.
    return { pass: false, messages: known ? [known, ...visible.messages] : visible.messages, expected: null, actual };
  }
  if (!ctx.databases.bytes(spec.database, 'variant')) return { pass: true, messages: [], expected: null, actual };
  const variant = await maskRun(spec, ctx, 'variant', sql);
  if ('failure' in variant) return { pass: false, messages: [message('mask-variant-differs', { details: [variant.failure] })], expected: null, actual };
  if (variant.messages.length === 0) return { pass: true, messages: [], expected: null, actual };
  return {
    pass: false,
    messages: [message('mask-variant-differs', { details: variant.messages.slice(0, 2) })],
    expected: null,
    actual: groupsTable(variant.check),
  };
}
