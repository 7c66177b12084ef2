import type { Localized } from '../lessons/localized.ts';
import type { Cell } from '../sql/protocol.ts';
import { compareResults, toResultTable, type Tolerance, type Verdict } from './compare.ts';
import { runOnFreshCopy, type DatabaseCopy, type GradeContext } from './engine.ts';
import { message, type Message } from './messages.ts';
import { failed, hardCodedLiterals, runFailure, setupFor } from './query-grader.ts';

/**
 * Grades a build step (create tables or views, or change data) by diffing the target tables
 * the answer leaves behind against the ones the reference leaves behind: existence, kind,
 * column names, column type affinity, then rows as a multiset. A wrong answer that leaves the
 * same targets behind as a known-wrong answer (kind, graded columns, rows) also gets that answer's
 * feedback, so a TABLE where a VIEW is asked for can be explained, not only reported.
 */

/** One table or view the step must leave behind. */
export interface BuildTarget {
  name: string;
  kind: 'table' | 'view' | 'any';
  /** The columns that matter; 'all' means every column of the reference's table. */
  columns: readonly string[] | 'all';
  extraColumns: 'allow' | 'forbid';
  /** Compare declared type affinity (tables only, where the reference declares a type). */
  types: boolean;
}

/** Everything a build step's grading needs. */
export interface BuildGradeSpec {
  database: string;
  setup?: string | undefined;
  solution: string;
  targets: readonly BuildTarget[];
  tolerance: Tolerance;
  /** Known mistakes; when an answer leaves the same targets behind as one of them, its feedback is added. */
  knownWrong: readonly { sql: string; feedback?: Localized | undefined }[];
}

/** A target as it exists after a run. */
export interface TableState {
  name: string;
  kind: 'table' | 'view';
  columns: { name: string; type: string }[];
  rows: Cell[][];
}

/** The targets after a run, by lowercase name (null when absent). */
type BuildState = Map<string, TableState | null>;

/** SQLite's type affinity of a declared type (https://sqlite.org/datatype3.html §3.1). */
export function typeAffinity(declared: string): 'INTEGER' | 'TEXT' | 'BLOB' | 'REAL' | 'NUMERIC' {
  const t = declared.toUpperCase();
  if (t.includes('INT')) return 'INTEGER';
  if (t.includes('CHAR') || t.includes('CLOB') || t.includes('TEXT')) return 'TEXT';
  if (t.includes('BLOB') || t.trim() === '') return 'BLOB';
  if (t.includes('REAL') || t.includes('FLOA') || t.includes('DOUB')) return 'REAL';
  return 'NUMERIC';
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Reads the targets from the engine's open database. */
export function readTargets(ctx: GradeContext, targets: readonly BuildTarget[]): BuildState {
  const objects = ctx.engine.schema();
  const state: BuildState = new Map();
  for (const target of targets) {
    const found = objects.find((o) => o.name.toLowerCase() === target.name.toLowerCase());
    if (!found) {
      state.set(target.name.toLowerCase(), null);
      continue;
    }
    const read = ctx.engine.exec(`SELECT * FROM main.${quoteIdent(found.name)}`, Number.MAX_SAFE_INTEGER);
    const result = read.results[0];
    state.set(target.name.toLowerCase(), {
      name: found.name,
      kind: found.type,
      columns: result ? result.columns.map((c) => ({ name: c.name, type: found.columns.find((f) => f.name === c.name)?.type ?? '' })) : [],
      rows: result ? result.rows : [],
    });
  }
  return state;
}

/** Runs a script on a fresh copy and reads the targets, or says why it could not. */
function buildState(
  spec: BuildGradeSpec,
  ctx: GradeContext,
  copy: DatabaseCopy,
  sql: string,
): { state: BuildState } | { message: Message } {
  const outcome = runOnFreshCopy(ctx, spec.database, copy, setupFor(copy, spec.setup), sql);
  const failure = runFailure(outcome);
  if (failure) return { message: failure };
  return { state: readTargets(ctx, spec.targets) };
}

function asResult(table: TableState): { columns: { name: string }[]; rows: Cell[][] } {
  return { columns: table.columns, rows: table.rows };
}

/** The differences between the reference's targets and the answer's, and the first differing pair for display. */
export function diffTargets(targets: readonly BuildTarget[], expected: BuildState, actual: BuildState, tolerance: Tolerance): Verdict {
  const messages: Message[] = [];
  let shown: Pick<Verdict, 'expected' | 'actual'> = { expected: null, actual: null };
  for (const target of targets) {
    const key = target.name.toLowerCase();
    const want = expected.get(key);
    if (!want) {
      messages.push(message('lesson-error', { message: `the reference solution does not create ${target.name}` }));
      continue;
    }
    const got = actual.get(key);
    const before = messages.length;
    if (!got) {
      messages.push(message('table-missing', { table: target.name }, target.name));
    } else {
      if (target.kind !== 'any' && got.kind !== target.kind) {
        messages.push(message('table-kind', { table: target.name, expected: target.kind, actual: got.kind }, target.name));
      }
      const required = target.columns === 'all' ? want.columns.map((c) => c.name) : [...target.columns];
      const has = (cols: { name: string }[], name: string): boolean => cols.some((c) => c.name.toLowerCase() === name.toLowerCase());
      const missing = required.filter((n) => !has(got.columns, n));
      const unexpected =
        target.extraColumns === 'forbid'
          ? got.columns.map((c) => c.name).filter((n) => !required.some((r) => r.toLowerCase() === n.toLowerCase()))
          : [];
      if (missing.length > 0 || unexpected.length > 0)
        messages.push(message('table-columns', { table: target.name, missing, unexpected }, target.name));
      if (target.types && want.kind === 'table' && got.kind === 'table') {
        for (const name of required) {
          const w = want.columns.find((c) => c.name.toLowerCase() === name.toLowerCase());
          const g = got.columns.find((c) => c.name.toLowerCase() === name.toLowerCase());
          // A reference column without a declared type (CREATE TABLE … AS SELECT sum(…)) constrains nothing.
          if (w && g && w.type.trim() !== '' && typeAffinity(w.type) !== typeAffinity(g.type)) {
            messages.push(
              message(
                'table-column-type',
                { table: target.name, column: name, expected: typeAffinity(w.type), actual: typeAffinity(g.type) },
                target.name,
              ),
            );
          }
        }
      }
      if (missing.length === 0) {
        const rows = compareResults(asResult(want), asResult(got), { ordered: false, columns: required, extraColumns: 'allow', tolerance });
        messages.push(...rows.messages.map((m) => ({ ...m, table: target.name })));
      }
    }
    if (messages.length > before && shown.expected === null) {
      shown = { expected: toResultTable(asResult(want)), actual: got ? toResultTable(asResult(got)) : null };
    }
  }
  return { pass: messages.length === 0, messages, ...shown };
}

/**
 * True when the answer leaves the same targets behind as a known-wrong answer: the same ones
 * exist, each of the same kind (table or view), holding the same graded columns with the same
 * rows as a multiset. Graded columns are the target's list, or with 'all' the reference's columns
 * (the known answer's own when no reference is given); columns the step does not grade (a free
 * text such as a purpose) are not compared, and where extra columns are forbidden the answer
 * must have the known answer's extra ones too. Unlike diffTargets it ignores what the step asks
 * for, so a learner who makes exactly the known mistake (a table instead of a view, a SELECT *)
 * is recognised even though the known answer itself breaks the step's rules.
 */
export function sameTargets(
  targets: readonly BuildTarget[],
  known: BuildState,
  actual: BuildState,
  tolerance: Tolerance,
  reference?: BuildState,
): boolean {
  const lower = (cols: readonly { name: string }[]): string[] => cols.map((c) => c.name.toLowerCase());
  return targets.every((target) => {
    const key = target.name.toLowerCase();
    const want = known.get(key) ?? null;
    const got = actual.get(key) ?? null;
    if (want === null || got === null) return want === got;
    if (want.kind !== got.kind) return false;
    const graded =
      target.columns === 'all' ? lower((reference?.get(key) ?? want).columns) : target.columns.map((c) => c.toLowerCase());
    const knownColumns = lower(want.columns);
    const answerColumns = lower(got.columns);
    // A graded column one lacks and the other has is a different mistake.
    if (graded.some((c) => knownColumns.includes(c) !== answerColumns.includes(c))) return false;
    const present = graded.filter((c) => knownColumns.includes(c));
    if (target.extraColumns === 'forbid') {
      const extras = (cols: string[]): string[] => cols.filter((c) => !graded.includes(c)).sort();
      if (extras(knownColumns).join('\u0000') !== extras(answerColumns).join('\u0000')) return false;
    }
    const options = { ordered: false, columns: present, extraColumns: 'allow', tolerance } as const;
    return compareResults(asResult(want), asResult(got), options).pass;
  });
}

/** The lesson's feedback for the first known mistake that leaves the answer's targets behind (on the same copy), if any. */
function knownMistake(
  spec: BuildGradeSpec,
  ctx: GradeContext,
  answer: BuildState,
  reference: BuildState,
  copy: DatabaseCopy = 'visible',
): Message | null {
  for (const wrong of spec.knownWrong) {
    if (!wrong.feedback) continue;
    const known = buildState(spec, ctx, copy, wrong.sql);
    if ('state' in known && sameTargets(spec.targets, known.state, answer, spec.tolerance, reference))
      return message('known-mistake', { feedback: wrong.feedback });
  }
  return null;
}

/** Grades the learner's SQL for a build step. */
export function gradeBuild(spec: BuildGradeSpec, sql: string, ctx: GradeContext): Verdict {
  const reference = buildState(spec, ctx, 'visible', spec.solution);
  if ('message' in reference) {
    const m = reference.message;
    return failed([m.code === 'sql-error' ? message('lesson-error', { message: `reference solution: ${m.params.message}` }) : m]);
  }
  const answer = buildState(spec, ctx, 'visible', sql);
  if ('message' in answer) return failed([answer.message]);
  const verdict = diffTargets(spec.targets, reference.state, answer.state, spec.tolerance);
  if (!verdict.pass) {
    // The lesson's explanation of this mistake leads; the generic messages say where it shows.
    const known = knownMistake(spec, ctx, answer.state, reference.state);
    if (known) verdict.messages.unshift(known);
    return verdict;
  }
  if (!ctx.databases.bytes(spec.database, 'variant')) return verdict;
  const variantReference = buildState(spec, ctx, 'variant', spec.solution);
  if ('message' in variantReference) return verdict;
  const variantAnswer = buildState(spec, ctx, 'variant', sql);
  if ('message' in variantAnswer)
    return { ...verdict, pass: false, messages: [message('variant-differs', { details: [variantAnswer.message] })] };
  const onVariant = diffTargets(spec.targets, variantReference.state, variantAnswer.state, spec.tolerance);
  if (onVariant.pass) return verdict;
  const literals = referenceLiterals(spec, ctx, sql);
  if (literals.length > 0) return { ...verdict, pass: false, messages: [message('hard-coded', { literals })] };
  const known = knownMistake(spec, ctx, variantAnswer.state, variantReference.state, 'variant');
  const differs = message('variant-differs', { details: onVariant.messages.slice(0, 2) });
  return { ...verdict, pass: false, messages: known ? [known, differs] : [differs] };
}

/** Literals of the answer that are values of the reference's targets on the visible copy (see hardCodedLiterals). */
function referenceLiterals(spec: BuildGradeSpec, ctx: GradeContext, sql: string): string[] {
  const reference = buildState(spec, ctx, 'visible', spec.solution);
  if ('message' in reference) return [];
  const rows = [...reference.state.values()].flatMap((t) => t?.rows ?? []);
  return hardCodedLiterals(sql, spec.solution, { rows }, spec.tolerance);
}
