import i18next from 'i18next';
import type { DbtInputFile } from '../../../core/models/dbt-import.ts';
import type { ModelProjectFiles } from '../../../core/models/project.ts';
import { useStore } from '../../state/store.ts';
import { downloadBlob, fileStamp } from '../../host/download.ts';
import { useModelsStore, screenProject } from './models-store.ts';
import { activeWorkbench } from './workbench-actions.ts';

import { STARTER_OPEN_PATH } from './starter-project.ts';
import type { DbtIoAsk, DbtIoResponse, DbtIoResult } from './dbt-io.worker.ts';

/*
 * What the Models screen's own buttons and commands do: import a dbt project (zip or folder),
 * export the project as a zip, start over, and the build commands (which act on the workbench on
 * show). Imports are read in a worker; a refused import changes nothing and says why.
 */

const notify = (tone: 'info' | 'success' | 'warning' | 'error', text: string) => useStore.getState().notify(tone, text);
const lang = () => (i18next.language === 'ko' ? 'ko' : 'en');

let worker: Worker | null = null;
let seq = 0;
const waiting = new Map<number, (r: DbtIoResult) => void>();

function ioWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL('./dbt-io.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<DbtIoResponse>) => {
      waiting.get(e.data.id)?.(e.data.result);
      waiting.delete(e.data.id);
    };
  }
  return worker;
}

function ask(req: DbtIoAsk, transfer: Transferable[] = []): Promise<DbtIoResult> {
  const id = ++seq;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    ioWorker().postMessage({ ...req, id }, transfer);
  });
}

function firstModelPath(project: ModelProjectFiles): string | null {
  const paths = Object.keys(project.files).sort();
  return paths.find((p) => /^models\/.*\.sql$/.test(p)) ?? paths[0] ?? null;
}

function busy(): boolean {
  if (activeWorkbench()?.store.getState().build?.running) {
    notify('warning', i18next.t('models.busy'));
    return true;
  }
  return false;
}

async function applyImport(name: string, result: DbtIoResult): Promise<void> {
  if (!result.ok || !('imported' in result)) {
    const reason = 'crash' in result ? result.crash : 'error' in result ? result.error[lang()] : '';
    notify('error', i18next.t('models.import.refused', { name, reason }));
    return;
  }
  const project = result.imported.project;
  useModelsStore.getState().setProject(project);
  const path = firstModelPath(project);
  useModelsStore.getState().setOpenPath(path);
  activeWorkbench()?.store.getState().projectReplaced(path);
  notify('success', i18next.t('models.import.done', { name: result.imported.name || name, count: Object.keys(project.files).length }));
}

/** Imports a dbt project from a zip file the learner chose. */
export async function importZip(file: File): Promise<void> {
  if (busy()) return;
  const bytes = new Uint8Array(await file.arrayBuffer());
  await applyImport(file.name, await ask({ kind: 'zip', bytes }, [bytes.buffer]));
}

/** Imports a dbt project from the files of a folder the learner chose (`webkitdirectory`). */
export async function importFolder(files: FileList | File[]): Promise<void> {
  if (busy()) return;
  const list = [...files];
  if (list.length === 0) return;
  // webkitRelativePath starts with the chosen folder's name: paths are taken relative to it.
  const top = (list[0]!.webkitRelativePath || list[0]!.name).split('/')[0] ?? '';
  const input: DbtInputFile[] = await Promise.all(
    list.map(async (f) => {
      const rel = f.webkitRelativePath || f.name;
      const path = rel.startsWith(`${top}/`) ? rel.slice(top.length + 1) : rel;
      return { path, bytes: new Uint8Array(await f.arrayBuffer()) };
    }),
  );
  await applyImport(top || list[0]!.name, await ask({ kind: 'files', files: input }, input.map((f) => f.bytes.buffer)));
}

/** Exports the project as a dbt project zip (download in the browser, save dialog on the desktop). */
export async function exportZip(): Promise<void> {
  const project = screenProject(useModelsStore.getState().doc);
  try {
    // The engine (and its worker) loads only when asked for.
    const { exportProjectZip } = await import('./models-engine.ts');
    const { bytes, name } = await exportProjectZip(project, lang());
    const file = `${name}_${fileStamp()}.zip`;
    downloadBlob(file, new Blob([bytes as BlobPart], { type: 'application/zip' }));
    notify('success', i18next.t('models.export.done', { name: file }));
  } catch (e) {
    notify('error', i18next.t('models.export.failed', { message: e instanceof Error ? e.message : String(e) }));
  }
}

/** Back to the starter project. */
export function startOver(): void {
  if (busy()) return;
  useModelsStore.getState().startOver();
  activeWorkbench()?.store.getState().projectReplaced(STARTER_OPEN_PATH);
  notify('info', i18next.t('models.reset.done'));
}

/** Build all, from the command or its key. */
export function buildAll(): void {
  void activeWorkbench()?.build();
}

/** Build the open model with its parents. */
export function buildOpenModel(): void {
  const wb = activeWorkbench();
  const model = wb?.openModel();
  if (wb && model) void wb.build(`+${model.name}`);
}

/** Cancels the running build. */
export function cancelBuild(): void {
  activeWorkbench()?.cancel();
}

/** Whether a build is running on the workbench on show. */
export function buildRunning(): boolean {
  return !!activeWorkbench()?.store.getState().build?.running;
}

/** Whether the open file is a model that Build +model applies to. */
export function hasOpenModel(): boolean {
  return !!activeWorkbench()?.openModel();
}
