import type { Database } from 'sql.js';
import { isMap, isScalar, parseDocument } from 'yaml';
import { matchLake } from '../pipeline/lake.ts';
import { DEFAULT_LAKE, LakeSourceCache, type DatabaseMaker } from '../governance/quality/lake-source.ts';
import { parseCheckFile } from '../governance/quality/format.ts';
import { runQualityFile, type QualitySources } from '../governance/quality/run.ts';
import type { CheckResult, QualityCheckType, QualityRun } from '../governance/types.ts';
import type { Localized } from '../lessons/localized.ts';
import type { Verdict } from './compare.ts';
import type { DatabaseCopy, GradeContext, LakeProvider } from './engine.ts';
import { message, type Message } from './messages.ts';

/*
 * Grades a quality step: the learner's check file runs on the step's data, and so does the
 * reference check file (lessons/_reference/quality/hanbit-checks.yml), whose checks named after
 * planted problems give each problem's count on that copy. Each problem the step names must be
 * caught by a check on its table that warns or fails with exactly its count (failing rows, or the
 * value); "its table" is the source the block reads (a database table, or the lake files a pattern
 * names), never the alias a lake block gives it (`as ev` is as right as `as events`);
 * a check that warns or fails with a count no planted problem of its table has raises an
 * alarm on healthy data and is named; the types the step asks for must be used. Graded on the
 * visible data and then on the hidden variant, where the counts differ (a threshold written to
 * this copy's count, `= 36` instead of `= 0`, passes here and misses there).
 */

/** Everything a quality step's grading needs. */
export interface QualityGradeSpec {
  /** Planted problem ids (the reference names its check after each). */
  mustFind: readonly string[];
  requireTypes: readonly QualityCheckType[];
  asOf: string | null;
  /** The reference check file's text. */
  reference: string;
  variant: boolean;
  knownWrong: readonly { yaml: string; feedback?: Localized | undefined }[];
}

/** Lake extracts kept between gradings (an extract of the events takes seconds), per lake provider and copy. */
const lakeCaches = new WeakMap<LakeProvider, Map<string, LakeSourceCache>>();

/** A sql.js Database class from the grading engine (it runs on sql.js: core/sql/engine.ts). */
function databaseMaker(ctx: GradeContext, anyBytes: Uint8Array): DatabaseMaker {
  const engine = ctx.engine as GradeContext['engine'] & { database?: () => Database };
  if (typeof engine.database !== 'function') throw new Error('the grading engine has no sql.js database to run quality checks on');
  engine.open(anyBytes);
  const Db = engine.database().constructor as DatabaseMaker['Database'];
  return { Database: Db };
}

/** The sources of one copy of the data, as the grader sees them. */
function sourcesFor(ctx: GradeContext, copy: DatabaseCopy, maker: DatabaseMaker): QualitySources & { close(): void } {
  const open = new Map<string, Database | null>();
  let lake: Pick<LakeSourceCache, 'table'> = { table: () => Promise.reject(new Error('no lake is available to the grader')) };
  const lakes = ctx.lakes;
  if (lakes) {
    let byCopy = lakeCaches.get(lakes);
    if (!byCopy) {
      byCopy = new Map();
      lakeCaches.set(lakes, byCopy);
    }
    let cache = byCopy.get(copy);
    if (!cache) {
      cache = new LakeSourceCache(maker, (lakeId) => {
        const reader = lakes.reader(lakeId, copy);
        if (!reader) throw new Error(`the lake '${lakeId}' has no ${copy} copy`);
        return reader;
      });
      byCopy.set(copy, cache);
    }
    lake = cache;
  }
  return {
    database(id) {
      if (!open.has(id)) {
        const bytes = ctx.databases.bytes(id, copy);
        open.set(id, bytes ? new maker.Database(bytes) : null);
      }
      return open.get(id) ?? null;
    },
    lake,
    period: null,
    close() {
      for (const db of open.values()) db?.close();
    },
  };
}

/** The reference file cut to the blocks on the given datasets (a lake extract is skipped when no check needs it). */
function referenceFor(reference: string, datasets: Set<string>): string {
  const doc = parseDocument(reference);
  const root = doc.contents;
  if (!isMap(root)) return reference;
  root.items = root.items.filter((pair) => {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const m = /^checks\s+for\s+(.+?)(?:\s+as\s+\S+)?$/i.exec(key.trim());
    if (!m) return true;
    const source = (m[1] ?? '').trim();
    const dataset = source.toLowerCase().startsWith('lake:') ? `lake:${source.slice(5).trim()}` : source.slice(0, source.indexOf('.'));
    return datasets.has(dataset);
  });
  return String(doc);
}

/** A reference check named after a planted problem (named, not numbered). */
function isPlanted(r: CheckResult): boolean {
  return !r.check.id.startsWith(`${r.check.dataset}/${r.check.table}/`);
}

function flagged(r: CheckResult): boolean {
  return r.outcome === 'warn' || r.outcome === 'fail';
}

function counts(r: CheckResult): number[] {
  return [r.failingCount, ...(r.value !== null ? [r.value] : [])];
}

interface CopyOutcome {
  messages: Message[];
  /** The learner's file has problems: nothing else was graded. */
  stopped: boolean;
}

/**
 * What a check reads, whatever it calls it: `db.table` for a database block, the lake files its
 * pattern names for a lake block (`lakeFiles` resolves patterns; a pattern it does not know stands
 * for itself). The alias of a lake block (`as events`) is the learner's choice and never counts.
 */
export function checkSource(check: CheckResult['check'], lakeFiles: ReadonlyMap<string, string> = new Map()): string {
  if (check.dataset.startsWith('lake:')) {
    const pattern = check.dataset.slice(5).replace(/^\.?\/+/, '');
    return lakeFiles.get(pattern) ?? `lake:${pattern}`;
  }
  return `${check.dataset}.${check.table.toLowerCase()}`;
}

/** The files each lake pattern of the runs names, as one key per distinct set (patterns naming the same files are one source). */
async function lakeFilesOf(ctx: GradeContext, copy: DatabaseCopy, runs: readonly QualityRun[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const reader = ctx.lakes?.reader(DEFAULT_LAKE, copy);
  if (!reader) return out;
  for (const run of runs) {
    for (const r of run.results) {
      if (!r.check.dataset.startsWith('lake:')) continue;
      const pattern = r.check.dataset.slice(5).replace(/^\.?\/+/, '');
      if (out.has(pattern)) continue;
      try {
        const files = await matchLake(reader, pattern);
        if (files.length > 0) out.set(pattern, `lake:${files.join('|')}`);
      } catch {
        // A pattern naming no file stands for itself (its check has already failed to load).
      }
    }
  }
  return out;
}

/** Grades the learner's run against the reference run on one copy. */
function judge(spec: QualityGradeSpec, learner: QualityRun, reference: QualityRun, lakeFiles: ReadonlyMap<string, string> = new Map()): CopyOutcome {
  if (learner.problems.length > 0) {
    return { messages: learner.problems.slice(0, 5).map((p) => message('quality-file-problem', { line: p.line, message: p.message })), stopped: true };
  }
  const messages: Message[] = [];
  const types = new Set(learner.results.map((r) => r.check.type));
  const missingTypes = spec.requireTypes.filter((t) => !types.has(t));
  if (missingTypes.length > 0) messages.push(message('quality-type-missing', { types: [...missingTypes] }));
  for (const r of learner.results) {
    if (r.outcome === 'error') messages.push(message('quality-check-error', { check: r.check.text, line: r.check.line, message: r.message ?? { en: '', ko: '' } }));
  }
  const sameTable = (a: CheckResult, b: CheckResult): boolean => checkSource(a.check, lakeFiles) === checkSource(b.check, lakeFiles);
  for (const id of spec.mustFind) {
    const ref = reference.results.find((r) => r.check.id === id);
    if (!ref) throw new Error(`the reference check file has no check named '${id}'`);
    const expected = ref.failingCount;
    const candidates = learner.results.filter((r) => sameTable(r, ref));
    if (candidates.some((r) => flagged(r) && counts(r).includes(expected))) continue;
    // The nearest attempt: a check of the same type first, then the one whose count is closest.
    const closest = [...candidates].sort(
      (a, b) =>
        Number(b.check.type === ref.check.type) - Number(a.check.type === ref.check.type) ||
        Math.abs(a.failingCount - expected) - Math.abs(b.failingCount - expected),
    )[0];
    messages.push(
      message('quality-problem-missed', {
        problem: id,
        table: ref.check.dataset.startsWith('lake:') ? ref.check.dataset : `${ref.check.dataset}.${ref.check.table}`,
        expected,
        closest: closest ? { check: closest.check.text, line: closest.check.line, outcome: closest.outcome, count: closest.failingCount || (closest.value ?? 0) } : null,
      }),
    );
  }
  const planted = reference.results.filter((r) => isPlanted(r) && flagged(r));
  for (const r of learner.results) {
    if (!flagged(r)) continue;
    const explained = planted.some((p) => sameTable(p, r) && counts(r).includes(p.failingCount));
    if (!explained) messages.push(message('quality-fails-on-healthy', { check: r.check.text, line: r.check.line, outcome: r.outcome, count: r.failingCount || (r.value ?? 0) }));
  }
  return { messages, stopped: false };
}

/** The datasets the learner's file and the step's problems read (so the reference runs only those blocks). */
function datasetsOf(yaml: string, reference: string, mustFind: readonly string[]): Set<string> {
  const out = new Set(parseCheckFile(yaml).blocks.map((b) => b.dataset));
  for (const c of parseCheckFile(reference).checks) if (mustFind.includes(c.id)) out.add(c.dataset);
  return out;
}

async function gradeCopy(spec: QualityGradeSpec, yaml: string, ctx: GradeContext, copy: DatabaseCopy, maker: DatabaseMaker): Promise<CopyOutcome> {
  const sources = sourcesFor(ctx, copy, maker);
  try {
    const options = { asOf: spec.asOf };
    const learner = await runQualityFile(yaml, sources, options);
    if (learner.problems.length > 0) return judge(spec, learner, { results: [], problems: [], asOf: spec.asOf, elapsedMs: 0 });
    const reference = await runQualityFile(referenceFor(spec.reference, datasetsOf(yaml, spec.reference, spec.mustFind)), sources, options);
    if (reference.problems.length > 0) throw new Error(`the reference check file has problems: ${reference.problems.map((p) => `line ${p.line}: ${p.message.en}`).join('; ')}`);
    return judge(spec, learner, reference, await lakeFilesOf(ctx, copy, [learner, reference]));
  } finally {
    sources.close();
  }
}

function failedVerdict(messages: Message[]): Verdict {
  return { pass: false, messages, expected: null, actual: null };
}

/** Grades the learner's check file (visible data, then the hidden variant). */
export async function gradeQuality(spec: QualityGradeSpec, answer: { yaml: string }, ctx: GradeContext, database: string): Promise<Verdict> {
  const bytes = ctx.databases.bytes(database, 'visible');
  if (!bytes) return failedVerdict([message('no-database', { database })]);
  const maker = databaseMaker(ctx, bytes);
  const visible = await gradeCopy(spec, answer.yaml, ctx, 'visible', maker);
  if (visible.messages.length > 0) {
    const known = visible.stopped ? undefined : await knownMistake(spec, visible.messages, ctx, maker);
    return failedVerdict(known ? [...visible.messages, message('known-mistake', { feedback: known })] : visible.messages);
  }
  if (spec.variant && ctx.databases.bytes(database, 'variant')) {
    const variant = await gradeCopy(spec, answer.yaml, ctx, 'variant', maker);
    if (variant.messages.length > 0) return failedVerdict([message('variant-differs', { details: variant.messages })]);
  }
  return { pass: true, messages: [], expected: null, actual: null };
}

/** The lesson's feedback for a known mistake that gets the same messages on the visible data. */
async function knownMistake(spec: QualityGradeSpec, got: Message[], ctx: GradeContext, maker: DatabaseMaker): Promise<Localized | undefined> {
  const key = JSON.stringify(got);
  for (const wrong of spec.knownWrong) {
    if (!wrong.feedback) continue;
    const outcome = await gradeCopy(spec, wrong.yaml, ctx, 'visible', maker);
    if (JSON.stringify(outcome.messages) === key) return wrong.feedback;
  }
  return undefined;
}
