import type { Cell } from '../sql/protocol.ts';
import { isKeyword, tokenizeSql, type SqlToken } from '../sql/sql-tokens.ts';
import { MAX_EXAMPLES, message, type DiffExample, type Message } from './messages.ts';

/**
 * Compares a learner's result with the reference result, the way dodona's judge-sql does:
 * columns by name (case-insensitive), rows as a multiset unless an order is asked for, numbers
 * within a tolerance, and messages that say what differs rather than just "wrong".
 *
 * Value rules: NULL equals NULL; an integer equals a real of the same value (SQLite hands both
 * over as numbers); text is compared exactly — no trimming, no case folding — because a stray
 * space or a different spelling is a data-cleaning mistake the course wants learners to see;
 * text never equals a number ('3' is not 3).
 */

/** Anything with named columns and rows, such as the engine's ResultSet. */
export interface ResultLike {
  columns: readonly { name: string }[];
  rows: readonly (readonly Cell[])[];
}

/** Numbers a and e are equal when |a - e| ≤ max(absolute, relative × |e|). */
export interface Tolerance {
  absolute: number;
  relative: number;
}

/** How to compare two results. */
export interface CompareOptions {
  /** When true the rows must come in the reference's order, and the query must say ORDER BY. */
  ordered: boolean;
  /** The required columns (aliases), matched case-insensitively; 'all' means every reference column. */
  columns: readonly string[] | 'all';
  /** Whether columns beyond the required ones fail the answer. */
  extraColumns: 'allow' | 'forbid';
  tolerance: Tolerance;
}

/** A result as shown side by side after a failed try (rows capped at PREVIEW_ROWS). */
export interface ResultTable {
  columns: string[];
  rows: Cell[][];
  /** True total rows, even when rows holds only the first PREVIEW_ROWS. */
  rowCount: number;
}

/** The outcome of grading: pass or not, why, and both results for the side-by-side view. */
export interface Verdict {
  pass: boolean;
  messages: Message[];
  expected: ResultTable | null;
  actual: ResultTable | null;
}

/** Rows kept in a verdict's result tables: enough for a side-by-side view, small enough to store. */
export const PREVIEW_ROWS = 200;

/** Floating-point noise tolerance used when a step states none. */
export const DEFAULT_TOLERANCE: Tolerance = { absolute: 1e-9, relative: 1e-9 };

/** The result as a capped table for a verdict. */
export function toResultTable(result: ResultLike, rowCount?: number): ResultTable {
  return {
    columns: result.columns.map((c) => c.name),
    rows: result.rows.slice(0, PREVIEW_ROWS).map((r) => [...r]),
    rowCount: rowCount ?? result.rows.length,
  };
}

/** True when two numbers are equal within the tolerance. */
export function numbersClose(expected: number, actual: number, tolerance: Tolerance): boolean {
  if (expected === actual) return true;
  return Math.abs(actual - expected) <= Math.max(tolerance.absolute, tolerance.relative * Math.abs(expected));
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** True when two cells are equal under the grading rules (see the file comment). */
export function cellsEqual(expected: Cell, actual: Cell, tolerance: Tolerance): boolean {
  if (expected === null || actual === null) return expected === actual;
  if (typeof expected === 'number') return typeof actual === 'number' && numbersClose(expected, actual, tolerance);
  if (typeof expected === 'string') return expected === actual;
  return actual instanceof Uint8Array && bytesEqual(expected, actual);
}

function rowsEqual(expected: readonly Cell[], actual: readonly Cell[], tolerance: Tolerance): boolean {
  return expected.length === actual.length && expected.every((c, i) => cellsEqual(c, actual[i] ?? null, tolerance));
}

function cellKey(cell: Cell): string {
  if (cell instanceof Uint8Array) return `x${Array.from(cell, (b) => b.toString(16).padStart(2, '0')).join('')}`;
  if (typeof cell === 'number') return `n${cell}`;
  if (typeof cell === 'string') return `s${cell}`;
  return 'null';
}

function rowKey(row: readonly Cell[]): string {
  return JSON.stringify(row.map(cellKey));
}

/** Rows of each side that found no partner: indices into expected and actual. */
interface Unmatched {
  missing: number[];
  extra: number[];
}

/**
 * Matches rows as multisets: exact matches first (hashing), then the leftovers within tolerance,
 * only among rows whose text and NULL cells agree, so the slow path stays small.
 */
function matchMultiset(expected: readonly (readonly Cell[])[], actual: readonly (readonly Cell[])[], tolerance: Tolerance): Unmatched {
  const byKey = new Map<string, number[]>();
  actual.forEach((row, i) => {
    const key = rowKey(row);
    const list = byKey.get(key);
    if (list) list.push(i);
    else byKey.set(key, [i]);
  });
  const leftExpected: number[] = [];
  expected.forEach((row, i) => {
    const list = byKey.get(rowKey(row));
    if (list && list.length > 0) list.shift();
    else leftExpected.push(i);
  });
  const leftActual = new Set<number>();
  for (const list of byKey.values()) for (const i of list) leftActual.add(i);
  const signature = (row: readonly Cell[]): string => JSON.stringify(row.map((c) => (typeof c === 'number' ? '#' : cellKey(c))));
  const bySignature = new Map<string, number[]>();
  for (const i of leftActual) {
    const sig = signature(actual[i] as Cell[]);
    const list = bySignature.get(sig);
    if (list) list.push(i);
    else bySignature.set(sig, [i]);
  }
  const missing: number[] = [];
  for (const e of leftExpected) {
    const row = expected[e] as Cell[];
    const candidates = bySignature.get(signature(row)) ?? [];
    const found = candidates.findIndex((a) => rowsEqual(row, actual[a] as Cell[], tolerance));
    if (found >= 0) {
      leftActual.delete(candidates[found] as number);
      candidates.splice(found, 1);
    } else {
      missing.push(e);
    }
  }
  return { missing, extra: [...leftActual].sort((a, b) => a - b) };
}

/** Decimal places a number is written with (1/3 → 16, 0.33 → 2, 3 → 0). */
export function decimalPlaces(value: number): number {
  if (!Number.isFinite(value) || Number.isInteger(value)) return 0;
  const text = String(value);
  const exp = /e([+-]\d+)$/.exec(text);
  const mantissa = exp ? text.slice(0, exp.index) : text;
  const dot = mantissa.indexOf('.');
  const places = dot < 0 ? 0 : mantissa.length - dot - 1;
  return Math.max(0, places - (exp ? Number(exp[1]) : 0));
}

/**
 * True when two numbers differ only by rounding one of them to fewer decimal places: the finer
 * one, rounded to the places the coarser one shows, gives the coarser one, and keeps a
 * significant digit at that precision. 0.7068 and 0.707, 2.96 and 3 are rounding; 0.707 and 1 are
 * not: no lesson states a rate to 0 decimals, and a rate of exactly 1 (conversions counted with
 * count(), say) is a wrong computation, not a coarser view of the right one.
 */
export function roundingClose(expected: number, actual: number): boolean {
  const places = Math.min(decimalPlaces(expected), decimalPlaces(actual));
  if (Math.abs(expected - actual) > 0.5 * 10 ** -places + 1e-12) return false;
  const finer = decimalPlaces(expected) >= decimalPlaces(actual) ? expected : actual;
  return Math.abs(finer) >= 10 ** -places - 1e-12;
}

/**
 * A whole number where the reference has decimals, cut toward zero: what SQLite's division of two
 * integers gives (79.4 → 79), so a column of only these is a wrong computation, not rounding.
 */
function truncated(expected: number, actual: number): boolean {
  return Number.isInteger(actual) && !Number.isInteger(expected) && actual === Math.trunc(expected);
}

/** True when the statement has an ORDER BY of its own (not one inside parentheses, a CTE or OVER). */
export function hasTopLevelOrderBy(sql: string): boolean {
  const tokens = tokenizeSql(sql);
  // Only the last statement produces the graded result.
  let start = 0;
  let depth = 0;
  tokens.forEach((t, i) => {
    if (t.kind === 'semicolon' && i < tokens.length - 1 && tokens.slice(i + 1).some((n) => n.kind !== 'semicolon')) start = i + 1;
  });
  const statement: SqlToken[] = tokens.slice(start);
  for (let i = 0; i < statement.length; i++) {
    const t = statement[i] as SqlToken;
    if (t.kind === 'operator' && t.text === '(') depth++;
    else if (t.kind === 'operator' && t.text === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0 && isKeyword(t, 'ORDER') && isKeyword(statement[i + 1], 'BY')) return true;
  }
  return false;
}

/** Pairs of rows (expected index, actual index) believed to be the same row with some values wrong. */
interface Alignment {
  keyColumns: number[];
  pairs: [number, number][];
}

function alignByKey(keyColumns: number[], missing: Cell[][], extra: Cell[][]): Alignment | null {
  if (keyColumns.length === 0 || missing.length !== extra.length) return null;
  const keyOf = (row: Cell[]): string => JSON.stringify(keyColumns.map((j) => cellKey(row[j] ?? null)));
  const groups = new Map<string, number[]>();
  extra.forEach((row, i) => {
    const k = keyOf(row);
    const list = groups.get(k);
    if (list) list.push(i);
    else groups.set(k, [i]);
  });
  const pairs: [number, number][] = [];
  for (let e = 0; e < missing.length; e++) {
    const list = groups.get(keyOf(missing[e] as Cell[]));
    const a = list?.shift();
    if (a === undefined) return null;
    pairs.push([e, a]);
  }
  return { keyColumns, pairs };
}

function multisetOf(rows: Cell[][], column: number): string {
  return rows
    .map((r) => cellKey(r[column] ?? null))
    .sort()
    .join('\u0000');
}

function compareRowsForSort(a: Cell[], b: Cell[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? null;
    const y = b[i] ?? null;
    if (typeof x === 'number' && typeof y === 'number') {
      if (x !== y) return x - y;
    } else {
      const kx = cellKey(x);
      const ky = cellKey(y);
      if (kx !== ky) return kx < ky ? -1 : 1;
    }
  }
  return 0;
}

/**
 * Finds which unmatched rows are "the same row, some values wrong": first by the columns whose
 * values agree as multisets (the group keys), then by every column but one. Without any key
 * (a one-column result, say), rows are paired in sorted order only to recognise rounding.
 */
function align(missing: Cell[][], extra: Cell[][], width: number): { alignment: Alignment | null; sortedOnly: boolean } {
  if (missing.length === 0 || missing.length !== extra.length) return { alignment: null, sortedOnly: false };
  const agreeing: number[] = [];
  for (let j = 0; j < width; j++) if (multisetOf(missing, j) === multisetOf(extra, j)) agreeing.push(j);
  if (agreeing.length < width) {
    // Keys read best as the labels (text columns) alone, when they name each row once.
    const labels = agreeing.filter((j) => missing.every((r) => typeof r[j] === 'string'));
    const unique = (key: number[]): boolean =>
      new Set(missing.map((r) => JSON.stringify(key.map((j) => cellKey(r[j] ?? null))))).size === missing.length;
    if (labels.length > 0 && labels.length < agreeing.length && unique(labels)) {
      const byLabels = alignByKey(labels, missing, extra);
      if (byLabels) return { alignment: byLabels, sortedOnly: false };
    }
    const byAgreeing = alignByKey(agreeing, missing, extra);
    if (byAgreeing) return { alignment: byAgreeing, sortedOnly: false };
  }
  if (width > 1) {
    // Measures are usually the numeric columns and keys the text ones: try dropping numbers first.
    const numeric = (j: number): boolean => missing.every((r) => typeof r[j] === 'number');
    const columns = Array.from({ length: width }, (_, j) => j).sort((x, y) => Number(numeric(y)) - Number(numeric(x)));
    for (const d of columns) {
      const key = Array.from({ length: width }, (_, j) => j).filter((j) => j !== d);
      const byOthers = alignByKey(key, missing, extra);
      if (byOthers) return { alignment: byOthers, sortedOnly: false };
    }
  }
  const order = (rows: Cell[][]): number[] =>
    rows.map((_, i) => i).sort((x, y) => compareRowsForSort(rows[x] as Cell[], rows[y] as Cell[]));
  const e = order(missing);
  const a = order(extra);
  return { alignment: { keyColumns: [], pairs: e.map((ei, i) => [ei, a[i] as number]) }, sortedOnly: true };
}

/** Messages for values that differ between aligned rows, one per column; null if not explainable. */
function explainAligned(
  alignment: Alignment,
  sortedOnly: boolean,
  columns: string[],
  missing: Cell[][],
  extra: Cell[][],
  tolerance: Tolerance,
): Message[] | null {
  const out: Message[] = [];
  for (let j = 0; j < columns.length; j++) {
    if (alignment.keyColumns.includes(j)) continue;
    const diffs: DiffExample[] = [];
    for (const [e, a] of alignment.pairs) {
      const ev = (missing[e] as Cell[])[j] ?? null;
      const av = (extra[a] as Cell[])[j] ?? null;
      if (!cellsEqual(ev, av, tolerance)) {
        diffs.push({ key: alignment.keyColumns.map((k) => (missing[e] as Cell[])[k] ?? null), expected: ev, actual: av });
      }
    }
    if (diffs.length === 0) continue;
    const column = columns[j] as string;
    const numeric = diffs.every((d) => typeof d.expected === 'number' && typeof d.actual === 'number');
    const rounded =
      numeric &&
      diffs.every((d) => roundingClose(d.expected as number, d.actual as number)) &&
      // Rounded values go up as well as down; values that were all cut down came from integer division.
      !diffs.every((d) => truncated(d.expected as number, d.actual as number));
    if (rounded) {
      out.push(
        message('rounding', {
          column,
          count: diffs.length,
          expectedDecimals: Math.max(...diffs.map((d) => decimalPlaces(d.expected as number))),
          actualDecimals: Math.max(...diffs.map((d) => decimalPlaces(d.actual as number))),
          keyColumns: alignment.keyColumns.map((k) => columns[k] as string),
          examples: diffs.slice(0, MAX_EXAMPLES),
          affectsOrder: false,
        }),
      );
    } else if (sortedOnly) {
      // Pairing by sorted position is a guess: only rounding is safe to claim from it.
      return null;
    } else if (!diffs.every((d) => d.actual === null)) {
      // Columns that are only NULL where values belong are reported as nulls-where-values instead.
      out.push(
        message('column-differs', {
          column,
          count: diffs.length,
          keyColumns: alignment.keyColumns.map((k) => columns[k] as string),
          examples: diffs.slice(0, MAX_EXAMPLES),
        }),
      );
    }
  }
  return out;
}

function lower(name: string): string {
  return name.toLowerCase();
}

/** Compares the learner's result with the reference; `actualSql` (the learner's statement) is needed for ORDER BY. */
export function compareResults(expected: ResultLike, actual: ResultLike, options: CompareOptions, actualSql?: string): Verdict {
  const messages: Message[] = [];
  const verdict = (): Verdict => ({
    pass: messages.length === 0,
    messages,
    expected: toResultTable(expected),
    actual: toResultTable(actual),
  });
  const expectedNames = expected.columns.map((c) => c.name);
  const required = options.columns === 'all' ? expectedNames : [...options.columns];
  const actualIndex = new Map<string, number>();
  actual.columns.forEach((c, i) => {
    if (!actualIndex.has(lower(c.name))) actualIndex.set(lower(c.name), i);
  });
  const requiredSet = new Set(required.map(lower));
  const missingColumns = required.filter((n) => !actualIndex.has(lower(n)));
  const unexpected = actual.columns.map((c) => c.name).filter((n) => !requiredSet.has(lower(n)));
  if (missingColumns.length > 0) {
    // A misspelt or missing alias shows up as one missing and one unexpected column: one message names both.
    messages.push(message('missing-columns', { columns: missingColumns, instead: unexpected }));
    if (expected.rows.length !== actual.rows.length) {
      messages.push(message('row-count', { expected: expected.rows.length, actual: actual.rows.length }));
    }
    return verdict();
  }
  if (unexpected.length > 0 && options.extraColumns === 'forbid') messages.push(message('unexpected-columns', { columns: unexpected }));

  const expectedIndex = new Map<string, number>();
  expectedNames.forEach((n, i) => {
    if (!expectedIndex.has(lower(n))) expectedIndex.set(lower(n), i);
  });
  const project = (rows: readonly (readonly Cell[])[], index: Map<string, number>): Cell[][] =>
    rows.map((r) => required.map((n) => r[index.get(lower(n)) ?? -1] ?? null));
  const exp = project(expected.rows, expectedIndex);
  const act = project(actual.rows, actualIndex);
  const needsOrderBy = options.ordered && actualSql !== undefined && !hasTopLevelOrderBy(actualSql);

  const { missing, extra } = matchMultiset(exp, act, options.tolerance);
  if (act.length === 0 && exp.length > 0) {
    // An empty result: listing every expected row as missing says nothing more.
    messages.push(message('row-count', { expected: exp.length, actual: 0 }));
    return verdict();
  }
  if (missing.length > 0 || extra.length > 0) {
    for (let j = 0; j < required.length; j++) {
      const nullsExpected = exp.filter((r) => r[j] === null).length;
      const nullsActual = act.filter((r) => r[j] === null).length;
      if (nullsActual > nullsExpected)
        messages.push(message('nulls-where-values', { column: required[j] as string, count: nullsActual - nullsExpected }));
    }
    const missingRows = missing.map((i) => exp[i] as Cell[]);
    const extraRows = extra.map((i) => act[i] as Cell[]);
    // One row each side: the same row with other values, whatever its columns hold.
    const { alignment, sortedOnly } =
      exp.length === 1 && act.length === 1
        ? { alignment: { keyColumns: [], pairs: [[0, 0]] as [number, number][] }, sortedOnly: false }
        : align(missingRows, extraRows, required.length);
    const explained = alignment ? explainAligned(alignment, sortedOnly, required, missingRows, extraRows, options.tolerance) : null;
    if (explained && explained.length > 0) {
      if (exp.length !== act.length) messages.push(message('row-count', { expected: exp.length, actual: act.length }));
      messages.push(...explained);
    } else if (!messages.some((m) => m.code === 'nulls-where-values') || missing.length !== extra.length) {
      // The missing and extra rows say how the count differs; a separate row count would repeat it.
      if (missingRows.length > 0) {
        messages.push(
          message('rows-missing', { count: missingRows.length, columns: required, examples: missingRows.slice(0, MAX_EXAMPLES) }),
        );
      }
      if (extraRows.length > 0) {
        messages.push(message('rows-extra', { count: extraRows.length, columns: required, examples: extraRows.slice(0, MAX_EXAMPLES) }));
      }
    }
    if (needsOrderBy) messages.push(message('order-by-required', {}));
    return verdict();
  }
  if (options.ordered) {
    const position = exp.findIndex((row, i) => !rowsEqual(row, act[i] as Cell[], options.tolerance));
    // Without ORDER BY the order is luck even when it happens to be right, so say that first.
    if (needsOrderBy) messages.push(message('order-by-required', {}));
    else if (position >= 0) messages.push(unroundedOrder(required, exp, act, options.tolerance) ?? message('wrong-order', { position: position + 1 }));
  }
  return verdict();
}

/**
 * When rows match only within the tolerance and the learner's values carry more decimals, a
 * wrong order comes from sorting unrounded values (ties that rounding would make): say so, with
 * the rounding, rather than "wrong order".
 */
function unroundedOrder(columns: string[], exp: Cell[][], act: Cell[][], tolerance: Tolerance): Message | null {
  const { pairs } = pairWithin(exp, act, tolerance);
  for (let j = 0; j < columns.length; j++) {
    const diffs: DiffExample[] = [];
    for (const [e, a] of pairs) {
      const ev = (exp[e] as Cell[])[j] ?? null;
      const av = (act[a] as Cell[])[j] ?? null;
      if (typeof ev === 'number' && typeof av === 'number' && ev !== av && decimalPlaces(av) > decimalPlaces(ev))
        diffs.push({ key: [], expected: ev, actual: av });
    }
    if (diffs.length === 0) continue;
    return message('rounding', {
      column: columns[j] as string,
      count: diffs.length,
      expectedDecimals: Math.max(...diffs.map((d) => decimalPlaces(d.expected as number))),
      actualDecimals: Math.max(...diffs.map((d) => decimalPlaces(d.actual as number))),
      keyColumns: [],
      examples: diffs.slice(0, MAX_EXAMPLES),
      affectsOrder: true,
    });
  }
  return null;
}

/** Pairs each expected row with an equal-within-tolerance actual row (the multiset match, with its pairs). */
function pairWithin(exp: Cell[][], act: Cell[][], tolerance: Tolerance): { pairs: [number, number][] } {
  const used = new Set<number>();
  const pairs: [number, number][] = [];
  exp.forEach((row, e) => {
    // Same position first (the common case), then any unused row.
    if (!used.has(e) && act[e] && rowsEqual(row, act[e] as Cell[], tolerance)) {
      used.add(e);
      pairs.push([e, e]);
      return;
    }
    const a = act.findIndex((r, i) => !used.has(i) && rowsEqual(row, r, tolerance));
    if (a >= 0) {
      used.add(a);
      pairs.push([e, a]);
    }
  });
  return { pairs };
}
