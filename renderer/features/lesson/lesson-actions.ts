import i18next from 'i18next';
import type { LessonPack } from '../../../core/lessons/load.ts';
import type { Step } from '../../../core/lessons/step-kinds.ts';
import type { Verdict } from '../../../core/grading/compare.ts';
import { stepDatabases } from '../../../core/grading/grade-step.ts';
import { logicalDateFor } from '../../../core/grading/pipeline-grader.ts';
import { useStore } from '../../state/store.ts';
import { EMPTY_ANSWER } from '../../state/lesson-slice.ts';
import { GraderClient, GradeCancelledError, GradeTimeoutError } from '../../grading/grader-client.ts';
import { message } from '../../../core/grading/messages.ts';
import type { DatabaseFiles, LakeFolders } from '../../../core/grading/grader-protocol.ts';
import type { ModelProjectFiles } from '../../../core/models/project.ts';
import { PipelineSchema, type Pipeline } from '../../../core/pipeline/schema.ts';
import { pipelineOf, projectOf, type PipelineRef, type ProjectRef } from '../../../core/lessons/kinds/workbench-refs.ts';
import { z } from 'zod';
import { clearErrorMarks, getEditorText, markError, setEditorText } from '../../editor/editor-bridge.ts';
import { databaseReady, openDatabase, resetDatabase, runSilently } from '../sandbox/workbench.ts';
import { findLesson, resumeStep, stepKey } from '../course/course-data.ts';
import { packDatabaseFiles } from '../packs/pack-lesson-data.ts';
import { gradedRun } from './graded-run.ts';
import { governanceAnswer } from './governance-answers.ts';
import { capstoneAnswer } from './capstone-answer.ts';
import { piiAnswer } from './PiiStep.tsx';
import { flushPendingSaves } from '../../state/persistence.ts';
import { emitLearningEvent } from '../../state/learning-events.ts';
import { formatMessage } from '../../../core/grading/messages.ts';
import { isWorkbenchStep, type WorkbenchStep } from './step-traits.ts';
import type { Lang } from '../../../core/lessons/localized.ts';

const grader = new GraderClient();

/** How long a pipeline or models check may take: the runs of both pipelines on both copies of the lake. */
const WORKBENCH_GRADE_TIME_LIMIT_MS = 180_000;

/** A model project as saved in a draft. */
const ProjectFilesSchema = z.strictObject({ files: z.record(z.string(), z.string()) });

/** Time on a step counts in slices of at most this, so a tab left open overnight does not count. */
const MAX_SLICE_MS = 10 * 60 * 1000;
let sliceStart = performance.now();

/** Adds the time since the last slice to the step being left or checked. */
function recordTime(key: string | null): void {
  const now = performance.now();
  const spent = Math.min(now - sliceStart, MAX_SLICE_MS);
  sliceStart = now;
  if (key) useStore.getState().updateStep(key, (p) => ({ timeSpentMs: p.timeSpentMs + spent }));
}

/** The step's database: its grading database, else the lesson's. */
export function stepDatabase(pack: LessonPack, step: Step): string {
  return stepDatabases(pack.lesson, step)[0] ?? pack.lesson.dataset;
}

/** The setup SQL that gives a step its starting state, if any. */
function stepSetup(step: Step): string | undefined {
  // A masked-view step names its starting state beside its database, not under grading.
  if (step.kind === 'masked-view') return step.setup;
  return 'grading' in step && step.grading && 'setup' in step.grading ? (step.grading.setup as string | undefined) : undefined;
}

function currentKey(): string | null {
  const { lessonId, stepId } = useStore.getState();
  return lessonId && stepId ? stepKey(lessonId, stepId) : null;
}

/** Opens a lesson at a step (or where the learner left off) and prepares its database. */
export async function openLesson(lessonId: string, stepId?: string): Promise<void> {
  const pack = findLesson(lessonId);
  if (!pack) return;
  recordTime(currentKey());
  const state = useStore.getState();
  const target = stepId ?? resumeStep(pack, state.progress);
  const step = pack.lesson.steps.find((s) => s.id === target) ?? pack.lesson.steps[0]!;
  state.openStep(lessonId, step.id);
  state.setLastLocation(stepKey(lessonId, step.id));
  const key = stepKey(lessonId, step.id);
  if (!state.progress.steps[key]) state.updateStep(key, () => ({ status: 'in-progress' }));
  emitLearningEvent({ kind: 'step-opened', lessonId, stepId: step.id, at: new Date().toISOString() });
  await prepareStep(pack, step);
}

/** Opens the step's database and applies its starting state. */
async function prepareStep(pack: LessonPack, step: Step): Promise<void> {
  const db = stepDatabase(pack, step);
  if (useStore.getState().databaseId !== db) await openDatabase(db, { remember: false });
  // Named already but perhaps still opening (asked for by an earlier call): the setup must run in it, not in the one before.
  await databaseReady();
  const setup = stepSetup(step);
  if (setup) await runSilently(setup);
}

/** Back from the sandbox: the step's database again (the sandbox may have opened another one). */
export async function ensureStepDatabase(): Promise<void> {
  const { lessonId, stepId, databaseId } = useStore.getState();
  const pack = findLesson(lessonId);
  const step = pack?.lesson.steps.find((s) => s.id === stepId);
  if (!pack || !step || databaseId === stepDatabase(pack, step)) return;
  await prepareStep(pack, step);
}

/** Leaves the lesson for the course map. */
export function closeLesson(): void {
  recordTime(currentKey());
  useStore.getState().openScreen('course');
}

/** Moves to the previous or next step. */
export function moveStep(delta: -1 | 1): void {
  const { lessonId, stepId } = useStore.getState();
  const pack = findLesson(lessonId);
  if (!pack) return;
  const i = pack.lesson.steps.findIndex((s) => s.id === stepId);
  const next = pack.lesson.steps[i + delta];
  if (next) void openLesson(pack.lesson.id, next.id);
}

// In their own small module so startup code can ask them without loading this one.
export { isWorkbenchStep, usesEditor, type WorkbenchStep } from './step-traits.ts';

/** Where a workbench step's answer is saved: beside the SQL editors' drafts, so it survives a restart. */
export function workbenchDraftKey(key: string): string {
  return `lesson:${key}:workbench`;
}

/** The logical date ({{ ds }}) a pipeline step is graded for, which its workbench starts on; null for a models step. */
export function stepLogicalDate(step: WorkbenchStep): string | null {
  if (step.kind !== 'pipeline') return null;
  return logicalDateFor(step.grading.ds ?? null, valueOf(step, step.solution) as Pipeline);
}

/**
 * The tables and views a step's setup SQL creates (the step's starting state, such as the staging
 * table an extract would have loaded): the schema beside the editor shows them as the step's, not
 * as the learner's own.
 */
export function setupObjects(step: Step): string[] {
  const setup = stepSetup(step);
  if (!setup) return [];
  const code = setup.replace(/--[^\n]*/g, ' ').replace(/\/\*[\s\S]*?\*\//g, ' ');
  const names = new Set<string>();
  const create = /\bCREATE\s+(?:TEMP(?:ORARY)?\s+)?(?:TABLE|VIEW)\s+(?:IF\s+NOT\s+EXISTS\s+)?(?:main\.)?("(?:[^"]|"")+"|`[^`]+`|\[[^\]]+\]|[A-Za-z_][A-Za-z0-9_]*)/gi;
  for (const m of code.matchAll(create)) {
    const raw = m[1] ?? '';
    const name = /^["`[]/.test(raw) ? raw.slice(1, -1).replaceAll('""', '"') : raw;
    names.add(name.toLowerCase());
  }
  return [...names];
}

/** The step's starter as a value (pipelines and projects are resolved when the lesson loads). */
function starterOf(step: WorkbenchStep): Pipeline | ModelProjectFiles {
  return valueOf(step, step.starter);
}

/** A pipeline or project reference of a loaded step as the value the workbench edits. */
function valueOf(step: WorkbenchStep, ref: WorkbenchStep['starter']): Pipeline | ModelProjectFiles {
  const value = step.kind === 'pipeline' ? pipelineOf(ref as PipelineRef) : projectOf(ref as ProjectRef);
  if (!value) throw new Error(`step '${step.id}' names a file that was not loaded`);
  return value;
}

/** The learner's saved pipeline or project for a step, or the step's starter when there is none (or it no longer reads). */
export function workbenchAnswer(step: WorkbenchStep, key: string): Pipeline | ModelProjectFiles {
  const text = useStore.getState().queries.drafts[workbenchDraftKey(key)];
  if (text !== undefined) {
    try {
      const json: unknown = JSON.parse(text);
      const parsed = step.kind === 'pipeline' ? PipelineSchema.safeParse(json) : ProjectFilesSchema.safeParse(json);
      if (parsed.success) return parsed.data;
    } catch {
      // A damaged draft falls back to the starter rather than breaking the step.
    }
  }
  return starterOf(step);
}

/** Saves the learner's pipeline or project for a step (every edit, as the SQL editor saves its text). */
export function saveWorkbenchAnswer(key: string, answer: Pipeline | ModelProjectFiles): void {
  useStore.getState().setDraft(workbenchDraftKey(key), JSON.stringify(answer));
}

/** Puts the step's starter back in the workbench (the learner asked to start over). */
export function restartWorkbench(): void {
  const key = currentKey();
  const pack = findLesson(useStore.getState().lessonId);
  const step = pack?.lesson.steps.find((s) => s.id === useStore.getState().stepId);
  if (!key || !step || !isWorkbenchStep(step)) return;
  saveWorkbenchAnswer(key, starterOf(step));
  useStore.getState().setOutcome(key, null);
}

/** Puts the reference solution in the step's workbench (after the learner chose to see it). */
export function putSolutionInWorkbench(): void {
  const key = currentKey();
  const pack = findLesson(useStore.getState().lessonId);
  const step = pack?.lesson.steps.find((s) => s.id === useStore.getState().stepId);
  if (!key || !step || !isWorkbenchStep(step)) return;
  saveWorkbenchAnswer(key, valueOf(step, step.solution));
}

/** Where the grader finds a lake's files: the served folder and the manifest that lists them, for both copies. */
function lakeFolders(step: Step): LakeFolders[] {
  const kind: string = step.kind;
  if (kind !== 'pipeline' && kind !== 'capstone' && kind !== 'quality') return [];
  const abs = (path: string) => new URL(`datasets/${path}`, document.baseURI).href;
  // A quality step's `lake:` blocks read the company's lake (DEFAULT_LAKE of core/governance/quality/lake-source.ts,
  // not imported: it would bring the lake extract onto the main thread's bundle).
  const id = step.kind === 'capstone' ? step.load.lake : step.kind === 'pipeline' ? step.grading.lake : 'hanbit';
  return [
    {
      id,
      visible: { url: abs(`lake/${id}/`), manifestUrl: abs(`${id}-manifest.json`) },
      variant: { url: abs(`variants/lake/${id}/`), manifestUrl: abs(`variants/${id}-manifest.json`) },
    },
  ];
}

function answerFor(step: Step, key: string): unknown {
  const draft = useStore.getState().answers[key] ?? EMPTY_ANSWER;
  switch (step.kind) {
    case 'query':
    case 'build':
    case 'metric':
      return { sql: getEditorText() };
    case 'experiment':
      // The call is kept in the draft's text, the reasons in its selection (ExperimentStep.tsx).
      return { sql: getEditorText(), decision: draft.text === '' ? null : draft.text, reasons: draft.selected };
    case 'pipeline':
    case 'models':
      return workbenchAnswer(step, key);
    case 'capstone':
      return capstoneAnswer(step, key);
    case 'choice':
      return draft.reason.trim() ? { selected: draft.selected, reason: draft.reason } : { selected: draft.selected };
    case 'number':
      return { text: draft.text };
    case 'masked-view':
      return { sql: getEditorText() };
    case 'pii':
      // The learner's one set of tags (the governance document), those of the step's columns.
      return piiAnswer(step);
    default:
      // Quality and impact steps keep their answers beside the drafts (governance-answers.ts).
      return governanceAnswer(step, key) ?? {};
  }
}

function lastAnswerText(step: Step, answer: unknown): string | undefined {
  if (step.kind === 'query' || step.kind === 'build' || step.kind === 'metric' || step.kind === 'masked-view') return (answer as { sql: string }).sql;
  if (step.kind === 'read') return undefined;
  return JSON.stringify(answer);
}

function databaseFiles(ids: string[]): DatabaseFiles[] {
  const catalog = useStore.getState().catalog;
  const abs = (path: string) => new URL(`datasets/${path}`, document.baseURI).href;
  return ids.flatMap((id) => {
    const db = catalog?.databases.find((d) => d.id === id);
    // Not in the catalog: a class pack's dataset (installed.ts), or nothing.
    return db ? [{ id, url: abs(db.file), variantUrl: db.variantFile ? abs(db.variantFile) : null }] : packDatabaseFiles(id);
  });
}

/** Checks the learner's answer to the current step; progress is saved after every check. */
export async function checkStep(): Promise<void> {
  const state = useStore.getState();
  const pack = findLesson(state.lessonId);
  const step = pack?.lesson.steps.find((s) => s.id === state.stepId);
  if (!pack || !step || state.checking) return;
  const key = stepKey(pack.lesson.id, step.id);
  // The answer being graded is saved now, not after the autosave delay.
  flushPendingSaves();
  recordTime(key);
  if (step.kind === 'read') return finishReading(key);
  const answer = answerFor(step, key);
  state.startCheck();
  try {
    // A pipeline or a model build runs several times (reference and answer, each copy): it gets longer.
    // So does a check file on the lake: the lake's files are read from both copies.
    const longer = isWorkbenchStep(step) || step.kind === 'capstone' || (step.kind as string) === 'quality';
    const limit = longer ? WORKBENCH_GRADE_TIME_LIMIT_MS : undefined;
    const verdict = await grader.grade(pack.lesson, step, answer, databaseFiles(stepDatabases(pack.lesson, step)), lakeFolders(step), limit);
    useStore.getState().setOutcome(key, { verdict });
    const wasComplete = lessonComplete(pack);
    useStore.getState().updateStep(key, (p) => ({
      attempts: p.attempts + 1,
      status: verdict.pass ? 'done' : p.status === 'done' ? 'done' : 'in-progress',
      lastAnswer: lastAnswerText(step, answer) ?? p.lastAnswer,
    }));
    announceCheck(pack, step, key, verdict, wasComplete);
    if (step.kind === 'query' || step.kind === 'build' || step.kind === 'metric' || step.kind === 'experiment')
      showGraded(step, (answer as { sql: string }).sql, verdict);
  } catch (e) {
    if (e instanceof GradeTimeoutError || e instanceof GradeCancelledError) {
      useStore.getState().setOutcome(key, { error: e instanceof GradeTimeoutError ? i18next.t('lesson.timeout') : e.message });
    } else {
      // The grader itself failed: a problem of the step for its author, shown as such (never as the learner's mistake).
      const problem = message('lesson-error', { message: `grader: ${e instanceof Error ? e.message : String(e)}` });
      useStore.getState().setOutcome(key, { verdict: { pass: false, messages: [problem], expected: null, actual: null } });
    }
  } finally {
    useStore.getState().finishCheck();
  }
}

/** Puts the result the grader saw in the results pane, so the verdict and the grid agree. */
function showGraded(step: Step, sql: string, verdict: Verdict): void {
  const run = gradedRun(step, sql, verdict);
  if (!run) return;
  useStore.getState().showRun(run);
  clearErrorMarks();
  const error = run.outcome && 'error' in run.outcome ? run.outcome.error : null;
  if (error) markError(error.offset, error.length, error.message);
}

/** A read step has nothing to grade: Continue marks it done and moves on at once. */
function finishReading(key: string): void {
  const { lessonId } = useStore.getState();
  const pack = findLesson(lessonId);
  const wasComplete = pack ? lessonComplete(pack) : true;
  useStore.getState().updateStep(key, () => ({ status: 'done' }));
  if (pack && !wasComplete && lessonComplete(pack)) announceCompleted(pack);
  moveStep(1);
}

/** Shows one more hint (the ladder goes from nudge to near-solution). */
export function revealHint(): void {
  const { lessonId, stepId } = useStore.getState();
  const pack = findLesson(lessonId);
  const step = pack?.lesson.steps.find((s) => s.id === stepId);
  if (!pack || !step || !('hints' in step)) return;
  const total = (step.hints ?? []).length;
  const key = stepKey(pack.lesson.id, step.id);
  useStore.getState().updateStep(key, (p) => ({ hintsUsed: Math.min(total, p.hintsUsed + 1) }));
  const hintsUsed = useStore.getState().progress.steps[key]?.hintsUsed ?? 0;
  emitLearningEvent({ kind: 'hint-shown', lessonId: pack.lesson.id, stepId: step.id, at: new Date().toISOString(), hintsUsed });
}

/** Records that the solution was shown (after the learner confirmed). */
export function revealSolution(): void {
  const key = currentKey();
  if (!key) return;
  useStore.getState().updateStep(key, () => ({ solutionRevealed: true }));
  const { lessonId, stepId } = useStore.getState();
  if (lessonId && stepId) emitLearningEvent({ kind: 'solution-shown', lessonId, stepId, at: new Date().toISOString() });
}

/** True when every step of the lesson is done in the learner's progress. */
function lessonComplete(pack: LessonPack): boolean {
  const steps = useStore.getState().progress.steps;
  return pack.lesson.steps.every((s) => steps[stepKey(pack.lesson.id, s.id)]?.status === 'done');
}

/** Publishes a check's outcome (and the lesson's completion, when this check finished it) as learning events. */
function announceCheck(pack: LessonPack, step: Step, key: string, verdict: Verdict, wasComplete: boolean): void {
  const progress = useStore.getState().progress.steps[key];
  const first = verdict.pass ? null : (verdict.messages[0] ?? null);
  const lang: Lang = i18next.language === 'ko' ? 'ko' : 'en';
  emitLearningEvent({
    kind: 'step-checked',
    lessonId: pack.lesson.id,
    stepId: step.id,
    at: new Date().toISOString(),
    passed: verdict.pass,
    attempt: progress?.attempts ?? 1,
    timeSpentMs: progress?.timeSpentMs ?? 0,
    messageCode: first?.code ?? null,
    messageText: first ? formatMessage(first, lang) : null,
    score: verdict.pass ? 1 : 0,
  });
  if (!wasComplete && lessonComplete(pack)) announceCompleted(pack);
}

/** Publishes a lesson's completion with the time spent over its steps. */
function announceCompleted(pack: LessonPack): void {
  const steps = useStore.getState().progress.steps;
  const timeSpentMs = pack.lesson.steps.reduce((sum, s) => sum + (steps[stepKey(pack.lesson.id, s.id)]?.timeSpentMs ?? 0), 0);
  emitLearningEvent({ kind: 'lesson-completed', lessonId: pack.lesson.id, at: new Date().toISOString(), timeSpentMs });
}

/** Puts text into the step's editor. */
export function putInEditor(text: string): void {
  setEditorText(text);
}

/** Returns the step's database to its bundled state and re-applies the step's starting state. */
export async function resetStepData(): Promise<void> {
  const { lessonId, stepId } = useStore.getState();
  const pack = findLesson(lessonId);
  const step = pack?.lesson.steps.find((s) => s.id === stepId);
  if (!pack || !step) return;
  await resetDatabase();
  const setup = stepSetup(step);
  if (setup) await runSilently(setup);
}
