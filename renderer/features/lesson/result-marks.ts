import { cellsEqual, type ResultTable, type Tolerance } from '../../../core/grading/compare.ts';
import type { Cell } from '../../../core/sql/protocol.ts';
import type { GridMarks } from '../../grid/ResultGrid.tsx';

/** How the step compares results (the query step's grading options; defaults for other steps). */
export interface MarkOptions {
  ordered: boolean;
  columns: readonly string[] | 'all';
  extraColumns: 'allow' | 'forbid';
  tolerance: Tolerance;
}

/** Marks in the learner's result, and how many expected rows it lacks (those cannot be marked). */
export interface Differences {
  marks: GridMarks;
  missingRows: number;
}

const NONE: Differences = { marks: { rows: new Set(), cells: new Set(), columns: new Set() }, missingRows: 0 };

function rowsEqual(a: readonly Cell[], b: readonly Cell[], tolerance: Tolerance): boolean {
  return a.length === b.length && a.every((c, i) => cellsEqual(c, b[i] ?? null, tolerance));
}

function sameCells(a: readonly Cell[], b: readonly Cell[], tolerance: Tolerance): number {
  return a.reduce<number>((n, c, i) => n + (cellsEqual(c, b[i] ?? null, tolerance) ? 1 : 0), 0);
}

/**
 * Which rows, cells and columns of the learner's result differ from the expected one, for marking
 * the grid after a failed Check. Rows are paired as the grader pairs them (as multisets, or by
 * position when only the order is wrong); an unpaired row is marked, and when as many rows are
 * missing as are extra, a row that resembles a missing one (at least half its values agree) has
 * the differing cells marked too.
 * Rows are compared only when both results are complete (not capped to a preview).
 */
export function markDifferences(expected: ResultTable, actual: ResultTable, options: MarkOptions): Differences {
  const lower = (n: string) => n.toLowerCase();
  const required = options.columns === 'all' ? expected.columns : [...options.columns];
  const requiredSet = new Set(required.map(lower));
  const columns = new Set<number>();
  if (options.extraColumns === 'forbid') actual.columns.forEach((c, i) => !requiredSet.has(lower(c)) && columns.add(i));
  const actualIndex = required.map((n) => actual.columns.findIndex((c) => lower(c) === lower(n)));
  const expectedIndex = required.map((n) => expected.columns.findIndex((c) => lower(c) === lower(n)));
  const complete = expected.rows.length === expected.rowCount && actual.rows.length === actual.rowCount;
  if (actualIndex.includes(-1) || expectedIndex.includes(-1) || !complete) return { ...NONE, marks: { ...NONE.marks, columns } };

  const exp = expected.rows.map((r) => expectedIndex.map((i) => r[i] ?? null));
  const act = actual.rows.map((r) => actualIndex.map((i) => r[i] ?? null));
  const rows = new Set<number>();
  const cells = new Set<string>();
  const markCells = (a: number, e: readonly Cell[]) =>
    actualIndex.forEach((col, j) => !cellsEqual(e[j] ?? null, act[a]![j] ?? null, options.tolerance) && cells.add(`${a}:${col}`));

  // Multiset pairing: each expected row takes the first equal learner row still free.
  const free = new Set(act.map((_, i) => i));
  const unmatchedExpected: number[] = [];
  exp.forEach((row, e) => {
    const partner = [...free].find((a) => rowsEqual(row, act[a]!, options.tolerance));
    if (partner === undefined) unmatchedExpected.push(e);
    else free.delete(partner);
  });

  if (unmatchedExpected.length === 0 && free.size === 0) {
    // Same rows: only the order can be wrong, so mark the rows out of place.
    if (options.ordered) {
      act.forEach((row, i) => {
        if (!rowsEqual(row, exp[i]!, options.tolerance)) rows.add(i);
      });
    }
    return { marks: { rows, cells, columns }, missingRows: 0 };
  }

  const width = required.length;
  const leftExpected = new Set(unmatchedExpected);
  // As the grader does: rows are "the same row, values wrong" only when the counts agree.
  const pairable = width > 1 && unmatchedExpected.length === free.size;
  for (const a of [...free].sort((x, y) => x - y)) {
    rows.add(a);
    if (!pairable) continue;
    let best = -1;
    let bestSame = -1;
    for (const e of leftExpected) {
      const same = sameCells(exp[e]!, act[a]!, options.tolerance);
      if (same > bestSame) [best, bestSame] = [e, same];
    }
    // A near match is "the same row with some values wrong": say which values.
    if (best >= 0 && bestSame * 2 >= width) {
      leftExpected.delete(best);
      markCells(a, exp[best]!);
    }
  }
  // Expected rows paired with a near match are "values differ", not missing.
  return { marks: { rows, cells, columns }, missingRows: leftExpected.size };
}
