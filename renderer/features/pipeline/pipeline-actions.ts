import i18next from 'i18next';
import { PipelineSchema, type Pipeline } from '../../../core/pipeline/schema.ts';
import { parseDocText } from '../../../core/persist/docs.ts';
import { useStore } from '../../state/store.ts';
import { downloadBlob } from '../../host/download.ts';
import { pipelineEngine } from './engine-client.ts';
import { currentPipeline, frameBatcher, usePipelineDocStore, usePipelineSessionStore } from './pipeline-store.ts';
import { rerunSet } from './pipeline-edit.ts';
import type { EngineCallbacks, RunAnswer, RunRecord } from './engine.ts';

/*
 * What the pipeline workbench's buttons and commands do. Each action names the pipeline it works
 * on and its session key (the screen's pipelines and a lesson's are kept apart); the engine does
 * the work in its worker and reports progress into the session store.
 */

const notify = (tone: 'info' | 'success' | 'warning' | 'error', text: string) => useStore.getState().notify(tone, text);
const session = () => usePipelineSessionStore.getState();

/** The key of a pipeline's live session: its mode and id. */
export function sessionKey(mode: 'free' | 'lesson', p: Pipeline): string {
  return `${mode}:${p.id}`;
}

/** A message for an engine failure the learner can act on (the engine's own words kept as detail). */
function failure(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return i18next.t('pipeline.engineFailed', { message });
}

function isCancel(e: unknown): boolean {
  return e instanceof Error && (e.name === 'CancelledError' || /cancel/i.test(e.message));
}

/** Callbacks that put a call's events and progress into the session, one store update per frame; `flush` before the answer lands. */
function live(key: string): EngineCallbacks & { flush: () => void } {
  const batch = frameBatcher((b) => session().reportBatch(key, b));
  return {
    onEvent: (e) => batch.event(e),
    onProgress: (p) => batch.progress({ done: p.done, total: p.total, ...(p.day?.label ? { label: p.day.label } : {}) }),
    flush: batch.flush,
  };
}

async function doRun(key: string, tasks: string[], work: (callbacks: EngineCallbacks) => Promise<RunAnswer>): Promise<RunRecord | null> {
  const s = session();
  if (s.sessions[key]?.busy) return null;
  s.startWork(key, 'run');
  s.markPending(key, tasks);
  const callbacks = live(key);
  try {
    const answer = await work(callbacks);
    callbacks.flush();
    session().finishRun(key, answer.run, answer.states, answer.unrecordedTables);
    if (answer.run.state === 'cancelled') notify('info', i18next.t('pipeline.cancelled'));
    return answer.run;
  } catch (e) {
    notify(isCancel(e) ? 'info' : 'error', isCancel(e) ? i18next.t('pipeline.cancelled') : failure(e));
    return null;
  } finally {
    callbacks.flush();
    session().finishWork(key);
  }
}

async function afterRun(key: string, p: Pipeline, ds: string, run: RunRecord | null): Promise<void> {
  if (!run || run.state === 'cancelled') return;
  const failed = run.tasks.filter((t) => t.state === 'failed').map((t) => t.task);
  if (failed.length > 0) notify('warning', i18next.t('pipeline.runFailed', { tasks: failed.join(', ') }));
  else if (p.reconcile.length > 0) await reconcileAction(key, p, ds, true);
}

/** Runs every task in dependency order for the logical date. */
export async function runAllAction(key: string, p: Pipeline, ds: string): Promise<void> {
  const run = await doRun(key, p.tasks.map((t) => t.id), (cb) => pipelineEngine().runAll(key, p, ds, cb));
  await afterRun(key, p, ds, run);
}

/** Runs one task on the database as the last run left it. */
export async function runTaskAction(key: string, p: Pipeline, task: string, ds: string): Promise<void> {
  const run = await doRun(key, [task], (cb) => pipelineEngine().runTask(key, p, task, ds, cb));
  await afterRun(key, p, ds, run);
}

/** Clears a (failed) task and runs it again with everything downstream. */
export async function rerunFromAction(key: string, p: Pipeline, task: string, ds: string): Promise<void> {
  const run = await doRun(key, rerunSet(p, task), (cb) => pipelineEngine().rerunFrom(key, p, task, ds, cb));
  await afterRun(key, p, ds, run);
}

/** One run per day over a range, with progress; a cancel stops after the day in progress. */
export async function backfillAction(key: string, p: Pipeline, from: string, to: string): Promise<void> {
  const s = session();
  if (s.sessions[key]?.busy) return;
  s.startWork(key, 'backfill');
  const callbacks = live(key);
  try {
    const answer = await pipelineEngine().backfill(key, p, from, to, callbacks);
    callbacks.flush();
    // Oldest first into the history, so the newest day ends on top.
    for (const run of answer.runs) session().finishRun(key, run, answer.states, answer.unrecordedTables);
    const done = answer.runs.filter((r) => r.state !== 'cancelled');
    const failed = done.filter((r) => r.state === 'failed').length;
    if (answer.cancelledDay !== null) {
      notify('info', i18next.t('pipeline.backfillCancelled', { count: done.length, days: answer.days, day: answer.cancelledDay, failed }));
    } else notify(failed > 0 ? 'warning' : 'success', i18next.t('pipeline.backfillDone', { count: done.length, failed }));
  } catch (e) {
    notify(isCancel(e) ? 'info' : 'error', isCancel(e) ? i18next.t('pipeline.cancelled') : failure(e));
  } finally {
    callbacks.flush();
    session().finishWork(key);
  }
}

/** Runs a task twice with the same date and shows what changed in its tables between the runs. */
export async function idempotencyAction(key: string, p: Pipeline, task: string, ds: string): Promise<void> {
  const s = session();
  if (s.sessions[key]?.busy) return;
  s.startWork(key, 'idempotency');
  s.showIdempotency(key, null);
  try {
    s.showIdempotency(key, await pipelineEngine().idempotency(key, p, task, ds));
  } catch (e) {
    notify('error', failure(e));
  } finally {
    session().finishWork(key);
  }
}

/** Counts and sums between source and target after the last run. */
export async function reconcileAction(key: string, p: Pipeline, ds: string, quiet = false): Promise<void> {
  try {
    session().showReconcile(key, await pipelineEngine().reconcile(key, p, ds));
  } catch (e) {
    if (!quiet) notify('error', failure(e));
  }
}

/** The columns, first rows and quarantined lines an extract would load, before loading it. */
export async function previewAction(key: string, p: Pipeline, task: string, ds: string): Promise<void> {
  const s = session();
  s.showPreview(key, null);
  s.startWork(key, 'preview');
  try {
    s.showPreview(key, { task, result: await pipelineEngine().preview(key, p, task, ds) });
  } catch (e) {
    session().showPreview(key, { task, error: e instanceof Error ? e.message : String(e) });
  } finally {
    session().finishWork(key);
  }
}

/** Stops the work in progress. */
export function cancelAction(): void {
  pipelineEngine().cancel();
}

/** The file name a pipeline is saved under. */
export function pipelineFileName(p: Pipeline): string {
  return `${p.id}.pipeline.json`;
}

/** Saves a pipeline as a `.pipeline.json` file (a download in the browser). */
export function savePipelineFile(p: Pipeline): void {
  downloadBlob(pipelineFileName(p), new Blob([`${JSON.stringify(p, null, 2)}\n`], { type: 'application/json' }));
}

/** A pipeline read from a file's text, or why it is refused (in the UI language). */
export function readPipelineText(text: string): { ok: true; pipeline: Pipeline } | { ok: false; reason: string } {
  const parsed = parseDocText(text);
  if (!parsed.ok) return { ok: false, reason: i18next.t('pipeline.file.notJson') };
  const result = PipelineSchema.safeParse(parsed.raw);
  if (result.success) return { ok: true, pipeline: result.data };
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : '';
  return { ok: false, reason: i18next.t(where ? 'pipeline.file.invalidAt' : 'pipeline.file.invalid', { where, message: issue?.message ?? '' }) };
}

let input: HTMLInputElement | null = null;

/** Opens a `.pipeline.json` file: validated, then added to the learner's pipelines; a bad file changes nothing. */
export function openPipelineFile(): void {
  if (!input) {
    input = document.createElement('input');
    input.type = 'file';
    input.accept = '.json,application/json';
    input.hidden = true;
    input.dataset.testid = 'pipeline-file-input';
    input.addEventListener('change', () => {
      const file = input?.files?.[0];
      if (input) input.value = '';
      if (file) void openPipelineFrom(file);
    });
    document.body.append(input);
  }
  input.click();
}

/** Reads a picked file as a pipeline (exported for tests). */
export async function openPipelineFrom(file: File): Promise<boolean> {
  const result = readPipelineText(await file.text());
  if (!result.ok) {
    notify('error', i18next.t('pipeline.file.refused', { name: file.name, reason: result.reason }));
    return false;
  }
  usePipelineDocStore.getState().savePipeline(result.pipeline);
  notify('success', i18next.t('pipeline.file.opened', { name: file.name, count: result.pipeline.tasks.length }));
  return true;
}

/** Downloads the pipeline as an Airflow project (a zip with the DAG, its SQL files and a README). */
export async function exportAirflow(p: Pipeline): Promise<void> {
  try {
    const { airflowProjectZip } = await import('../../../core/pipeline/airflow-export.ts');
    const zip = airflowProjectZip(p);
    downloadBlob(`${p.id}-airflow.zip`, new Blob([zip as BlobPart], { type: 'application/zip' }));
    notify('success', i18next.t('pipeline.airflowExported', { name: `${p.id}-airflow.zip` }));
  } catch (e) {
    notify('error', failure(e));
  }
}

/** The screen's open pipeline (for commands). */
export function screenPipeline(): Pipeline {
  return currentPipeline(usePipelineDocStore.getState().doc, i18next.language);
}
