import type { Localized } from '../lessons/localized.ts';
import type { BuildNodeState, ModelProjectFiles } from '../models/project.ts';
import type { Tolerance, Verdict } from './compare.ts';
import { diffTargets, readTargets, sameTargets, type BuildTarget } from './build-grader.ts';
import type { DatabaseCopy, GradeContext, GradingEngine } from './engine.ts';
import { message, type Message } from './messages.ts';
import { failed, setupFor } from './query-grader.ts';

/**
 * Grades a models step: the learner's model project and the reference project are each built on a
 * fresh copy of the step's database; the project must build, the tests the step names must pass,
 * and the target models (marts) must hold the reference's rows (the build step's diff: which rows
 * and columns differ), on the visible database and on the hidden variant. A data-test step
 * (`catches`) instead asks that a named test fails on the data with a planted problem on exactly
 * the rows the reference test flags, and passes once the problem is fixed.
 */

/** One model as a build left it. */
export interface ModelOutcome {
  name: string;
  state: BuildNodeState;
  error?: Localized | null | undefined;
}

/** One data test as a build left it: failures is its failing-row count. */
export interface TestOutcome {
  name: string;
  state: BuildNodeState;
  failures: number;
  error?: Localized | null | undefined;
}

/** A problem reading the project (YAML, Jinja, a ref to a missing model), with its place. */
export interface ProjectProblem {
  file: string;
  line: number | null;
  message: Localized;
}

/** What a build reports: its models and tests, or why it could not start. */
export type ModelBuildResult = { ok: true; models: ModelOutcome[]; tests: TestOutcome[] } | { ok: false; problems: ProjectProblem[] };

/** Builds a project on the engine's open database (models, then tests); the grader's view of the model engine. */
export type ModelBuilder = (project: ModelProjectFiles, options: { engine: GradingEngine; select: string | null }) => Promise<ModelBuildResult>;

/** The data-test part of a step: the test must catch the planted problem. */
export interface CatchSpec {
  test: string;
  /** SQL that fixes the problem in the database before the build; the test must then pass. */
  fix?: string | undefined;
}

/** Everything a models step's grading needs. */
export interface ModelsGradeSpec {
  database: string;
  setup?: string | undefined;
  select: string | null;
  reference: ModelProjectFiles;
  targets: readonly BuildTarget[];
  tolerance: Tolerance;
  /** Tests that must pass: every test of the answer's project, or the named ones. */
  tests: 'all' | readonly string[];
  catches?: CatchSpec | undefined;
  variant: boolean;
  knownWrong: readonly { project: ModelProjectFiles; feedback?: Localized | undefined }[];
}

type State = ReturnType<typeof readTargets>;

/** A build's outcome as the grader uses it. */
interface Built {
  state: State;
  models: ModelOutcome[];
  tests: TestOutcome[];
}

function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** The messages of a build that did not finish: the project could not be read, or models failed. */
export function buildProblems(result: ModelBuildResult): Message[] {
  if (!result.ok) return result.problems.map((p) => message('project-error', { file: p.file, line: p.line, message: p.message }));
  const out: Message[] = [];
  for (const model of result.models) {
    if (model.state === 'error') out.push(message('model-failed', { model: model.name, error: model.error ?? { en: 'error', ko: '오류' } }));
  }
  const skipped = result.models.filter((m) => m.state === 'skipped').map((m) => m.name);
  if (skipped.length > 0 && out.length > 0) out.push(message('models-not-built', { models: skipped }));
  return out;
}

/** Opens a fresh copy, applies the setup (and a fix), builds the project; the targets and tests, or why not. */
async function buildFresh(
  spec: ModelsGradeSpec,
  ctx: GradeContext,
  build: ModelBuilder,
  copy: DatabaseCopy,
  project: ModelProjectFiles,
  fix?: string,
): Promise<Built | { messages: Message[] }> {
  const bytes = ctx.databases.bytes(spec.database, copy);
  if (!bytes) return { messages: [message('no-database', { database: spec.database })] };
  ctx.engine.open(bytes);
  for (const [label, sql] of [
    ['setup', setupFor(copy, spec.setup)],
    ['fix', fix],
  ] as const) {
    if (sql === undefined || sql.trim() === '') continue;
    const prepared = ctx.engine.exec(sql, 0);
    if (prepared.error) return { messages: [message('lesson-error', { message: `${label}: ${prepared.error.message}` })] };
  }
  const result = await build(project, { engine: ctx.engine, select: spec.select });
  const problems = buildProblems(result);
  if (problems.length > 0 || !result.ok) return { messages: problems };
  return { state: readTargets(ctx, spec.targets), models: result.models, tests: result.tests };
}

/** The reference's build; one that fails is the lesson's fault. */
async function referenceBuild(
  spec: ModelsGradeSpec,
  ctx: GradeContext,
  build: ModelBuilder,
  copy: DatabaseCopy,
  fix?: string,
): Promise<Built | { message: Message }> {
  const outcome = await buildFresh(spec, ctx, build, copy, spec.reference, fix);
  if (!('messages' in outcome)) return outcome;
  const first = outcome.messages[0];
  if (first && (first.code === 'no-database' || first.code === 'lesson-error')) return { message: first };
  const why = outcome.messages.map((m) =>
    m.code === 'project-error'
      ? `${m.params.file}: ${m.params.message.en}`
      : m.code === 'model-failed'
        ? `${m.params.model}: ${m.params.error.en}`
        : m.code,
  );
  return { message: message('lesson-error', { message: `the reference project does not build: ${why.join('; ')}` }) };
}

/** Messages for the tests that must pass and do not. */
function testProblems(spec: ModelsGradeSpec, tests: readonly TestOutcome[]): Message[] {
  const out: Message[] = [];
  const caught = spec.catches?.test;
  const required =
    spec.tests === 'all' ? tests.map((t) => t.name).filter((n) => caught === undefined || !same(n, caught)) : [...spec.tests];
  for (const name of required) {
    const test = tests.find((t) => same(t.name, name));
    if (!test) out.push(message('test-missing', { test: name }));
    else if (test.state === 'error') out.push(message('test-failed', { test: test.name, failures: test.failures }));
    else if (test.state === 'fail' || test.state === 'warn') out.push(message('test-failed', { test: test.name, failures: test.failures }));
  }
  return out;
}

/** Whether the answer's catching test flags exactly the reference test's rows on this copy, and passes after the fix. */
async function catchProblems(
  spec: ModelsGradeSpec,
  catches: CatchSpec,
  ctx: GradeContext,
  build: ModelBuilder,
  copy: DatabaseCopy,
  answer: ModelProjectFiles,
  built: Built,
  reference: Built,
): Promise<Message[]> {
  const want = reference.tests.find((t) => same(t.name, catches.test));
  if (!want) return [message('lesson-error', { message: `the reference project has no test ${catches.test}` })];
  const got = built.tests.find((t) => same(t.name, catches.test));
  if (!got) return [message('test-missing', { test: catches.test })];
  const actual = got.state === 'pass' ? 0 : got.failures;
  if (got.state === 'error') return [message('test-failed', { test: got.name, failures: got.failures })];
  if (actual !== want.failures) return [message('problem-not-caught', { test: got.name, expected: want.failures, actual })];
  if (catches.fix === undefined) return [];
  const fixed = await buildFresh(spec, ctx, build, copy, answer, catches.fix);
  if ('messages' in fixed) return fixed.messages;
  const after = fixed.tests.find((t) => same(t.name, catches.test));
  if (after && after.state !== 'pass') return [message('fails-after-fix', { test: after.name, failures: after.failures })];
  return [];
}

/** Everything wrong with the answer on one copy, against the reference built on that copy. */
async function problemsOn(
  spec: ModelsGradeSpec,
  ctx: GradeContext,
  build: ModelBuilder,
  copy: DatabaseCopy,
  answer: ModelProjectFiles,
  reference: Built,
): Promise<{ verdict: Verdict; built: Built | null }> {
  const built = await buildFresh(spec, ctx, build, copy, answer);
  if ('messages' in built) return { verdict: failed(built.messages), built: null };
  // A failing test stops the models after it (as dbt build does): say so rather than 'missing'.
  const skipped = built.models.filter((m) => m.state === 'skipped').map((m) => m.name);
  const compared = spec.targets.filter((t) => !skipped.some((name) => same(name, t.name)));
  const verdict = diffTargets(compared, reference.state, built.state, spec.tolerance);
  verdict.messages.push(...testProblems(spec, built.tests));
  if (spec.catches) verdict.messages.push(...(await catchProblems(spec, spec.catches, ctx, build, copy, answer, built, reference)));
  if (skipped.length > 0 && compared.length < spec.targets.length) verdict.messages.push(message('models-not-built', { models: skipped }));
  verdict.pass = verdict.messages.length === 0;
  return { verdict, built };
}

/**
 * Where and how a project failed, so a known-wrong project that fails the same way is recognised:
 * its build stops with the same problems (a model's error, a YAML or Jinja problem at the same
 * place), it builds but leaves the same graded rows and test results, or it differs only on the
 * hidden variant.
 */
type Failure = { stage: 'build'; problems: string[] } | { stage: 'visible'; built: Built } | { stage: 'variant' };

/** The problems of a build that did not finish, in a stable order: its failure fingerprint. */
function problemKeys(messages: readonly Message[]): string[] {
  const keys: string[] = [];
  for (const m of messages) {
    if (m.code === 'project-error') keys.push(`${m.params.file}:${m.params.line ?? ''}: ${m.params.message.en}`);
    else if (m.code === 'model-failed') keys.push(`model ${m.params.model}: ${m.params.error.en}`);
    else keys.push(m.code);
  }
  return keys.sort();
}

/** The reference's builds per copy, each built once per grading. */
type References = (copy: DatabaseCopy) => Promise<Built | { message: Message }>;

function referencesFor(spec: ModelsGradeSpec, ctx: GradeContext, build: ModelBuilder): References {
  const cache = new Map<DatabaseCopy, Promise<Built | { message: Message }>>();
  return (copy) => {
    let found = cache.get(copy);
    if (!found) {
      found = referenceBuild(spec, ctx, build, copy);
      cache.set(copy, found);
    }
    return found;
  };
}

/** Builds a project through the grader's checks (visible, then variant) and stops at the first that fails. */
async function evaluate(
  spec: ModelsGradeSpec,
  ctx: GradeContext,
  build: ModelBuilder,
  references: References,
  project: ModelProjectFiles,
  until: Failure['stage'] = 'variant',
): Promise<{ verdict: Verdict; failure: Failure | null }> {
  const reference = await references('visible');
  if ('message' in reference) return { verdict: failed([reference.message]), failure: null };
  const { verdict, built } = await problemsOn(spec, ctx, build, 'visible', project, reference);
  if (!verdict.pass)
    return { verdict, failure: built ? { stage: 'visible', built } : { stage: 'build', problems: problemKeys(verdict.messages) } };
  if (until !== 'variant' || !spec.variant || !ctx.databases.bytes(spec.database, 'variant')) return { verdict, failure: null };
  const variantReference = await references('variant');
  // A reference that fails on the variant is a lesson bug the checker reports; do not blame the learner.
  if ('message' in variantReference) return { verdict, failure: null };
  const onVariant = await problemsOn(spec, ctx, build, 'variant', project, variantReference);
  if (onVariant.verdict.pass) return { verdict, failure: null };
  return {
    verdict: { ...verdict, pass: false, messages: [message('variant-differs', { details: onVariant.verdict.messages.slice(0, 2) })] },
    failure: { stage: 'variant' },
  };
}

/** Whether two failures are the same mistake (see Failure). */
function sameFailure(spec: ModelsGradeSpec, known: Failure, answer: Failure, reference: Built): boolean {
  switch (answer.stage) {
    case 'build':
      return known.stage === 'build' && known.problems.join('\n') === answer.problems.join('\n');
    case 'variant':
      return known.stage === 'variant';
    case 'visible': {
      if (known.stage !== 'visible') return false;
      const [k, a] = [known.built, answer.built];
      const testsAlike =
        k.tests.length === a.tests.length &&
        k.tests.every((t) => a.tests.some((x) => same(x.name, t.name) && x.state === t.state && x.failures === t.failures));
      return testsAlike && sameTargets(spec.targets, k.state, a.state, spec.tolerance, reference.state);
    }
  }
}

/** Grades the learner's project (see the file comment); a known mistake's feedback leads when the answer fails the same way. */
export async function gradeModels(spec: ModelsGradeSpec, answer: ModelProjectFiles, ctx: GradeContext, build: ModelBuilder): Promise<Verdict> {
  const references = referencesFor(spec, ctx, build);
  const reference = await references('visible');
  if ('message' in reference) return failed([reference.message]);
  const { verdict, failure } = await evaluate(spec, ctx, build, references, answer);
  if (!failure) return verdict;
  for (const wrong of spec.knownWrong) {
    if (!wrong.feedback) continue;
    const known = await evaluate(spec, ctx, build, references, wrong.project, failure.stage);
    if (known.failure && sameFailure(spec, known.failure, failure, reference))
      return { ...verdict, messages: [message('known-mistake', { feedback: wrong.feedback }), ...verdict.messages] };
  }
  return verdict;
}

/** The reference's failing-row count of a test on the visible copy (the checker compares it with the manifest). */
export async function referenceFailures(spec: ModelsGradeSpec, ctx: GradeContext, build: ModelBuilder, test: string): Promise<number | string> {
  const reference = await referenceBuild(spec, ctx, build, 'visible');
  if ('message' in reference) return reference.message.code === 'lesson-error' ? reference.message.params.message : reference.message.code;
  const found = reference.tests.find((t) => same(t.name, test));
  if (!found) return `the reference project has no test ${test}`;
  return found.state === 'pass' ? 0 : found.failures;
}
