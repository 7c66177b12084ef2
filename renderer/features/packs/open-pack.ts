import i18next from 'i18next';
import { compareVersions } from '../../../core/packs/manifest.ts';
import type { ValidatedPack } from '../../../core/packs/validate.ts';
import { useStore } from '../../state/store.ts';
import { setPackFlow, packFlow } from './flow-state.ts';
import { installedPacks, installPack } from './installed.ts';
import type { BuiltinDatabase, PackWorkerMessage, PackWorkerRequest } from './pack-worker-protocol.ts';

/**
 * Opening a class pack: the file is read, validated in a worker of its own (every reference
 * solution runs there, with progress shown), and installed only when valid; a pack with the id
 * of an installed one replaces it after the learner confirms. Until then nothing installed changes.
 */

let worker: Worker | null = null;

function lang(): 'ko' | 'en' {
  return i18next.language === 'ko' ? 'ko' : 'en';
}

/** The app's databases, where the worker can fetch them. */
function builtinDatabases(): BuiltinDatabase[] {
  const abs = (path: string) => new URL(`datasets/${path}`, document.baseURI).href;
  return (useStore.getState().catalog?.databases ?? []).map((d) => ({ id: d.id, url: abs(d.file), variantUrl: d.variantFile ? abs(d.variantFile) : null }));
}

function validateInWorker(zip: Uint8Array, name: string): Promise<PackWorkerMessage & { type: 'done' | 'error' }> {
  worker?.terminate();
  const w = new Worker(new URL('./pack.worker.ts', import.meta.url), { type: 'module' });
  worker = w;
  return new Promise((resolve) => {
    w.onmessage = (event: MessageEvent<PackWorkerMessage>) => {
      const message = event.data;
      if (message.type === 'progress') {
        if (worker === w) setPackFlow({ stage: 'checking', name, progress: message.progress });
        return;
      }
      w.terminate();
      if (worker === w) worker = null;
      resolve(message);
    };
    w.onerror = (event) => {
      w.terminate();
      resolve({ type: 'error', message: event.message || 'the pack worker stopped' });
    };
    // Pack datasets get app ids prefixed with their pack's id (installed.ts): only built-in ids can collide.
    const request: PackWorkerRequest = { zip, builtin: builtinDatabases(), takenDatasetIds: [] };
    w.postMessage(request, [zip.buffer as ArrayBuffer]);
  });
}

async function install(pack: ValidatedPack, name: string): Promise<void> {
  try {
    await installPack(pack);
    setPackFlow({ stage: 'idle' });
    // The section is added at the end of a long map: bring it into view once it has rendered.
    window.setTimeout(() => document.getElementById(`pack-${pack.manifest.id}`)?.scrollIntoView({ block: 'center' }), 100);
    const n = pack.lessons.length;
    useStore.getState().notify('success', i18next.t('packs.installed', { title: pack.title[lang()], version: pack.manifest.version, count: n }));
  } catch (e) {
    setPackFlow({ stage: 'failed', name, message: e instanceof Error ? e.message : String(e) });
  }
}

/** Opens a class pack file; resolves when it is installed, refused, or waiting for confirmation. */
export async function openClassPackFile(file: Blob, name: string): Promise<void> {
  if (packFlow().stage === 'checking') return;
  // The pack's section and its dialog live on the course map.
  if (useStore.getState().screen !== 'course') useStore.getState().openScreen('course');
  setPackFlow({ stage: 'checking', name, progress: null });
  let zip: Uint8Array;
  try {
    zip = new Uint8Array(await file.arrayBuffer());
  } catch (e) {
    setPackFlow({ stage: 'failed', name, message: e instanceof Error ? e.message : String(e) });
    return;
  }
  const outcome = await validateInWorker(zip, name);
  if (outcome.type === 'error') {
    setPackFlow({ stage: 'failed', name, message: outcome.message });
    return;
  }
  const { result } = outcome;
  if (!result.ok) {
    setPackFlow({ stage: 'refused', name, refusals: result.refusals });
    return;
  }
  const installed = installedPacks().find((p) => p.stored.manifest.id === result.pack.manifest.id);
  if (installed) {
    setPackFlow({ stage: 'confirm-replace', name, pack: result.pack, installedVersion: installed.stored.manifest.version });
    return;
  }
  await install(result.pack, name);
}

/** The learner confirmed replacing the installed version. */
export async function confirmReplace(): Promise<void> {
  const flow = packFlow();
  if (flow.stage !== 'confirm-replace') return;
  await install(flow.pack, flow.name);
}

/** Closes the dialog; a check still running is stopped. */
export function closePackFlow(): void {
  worker?.terminate();
  worker = null;
  setPackFlow({ stage: 'idle' });
}

/** Whether the pack in the confirm stage is newer than the installed one. */
export function replacesWithNewer(): boolean {
  const flow = packFlow();
  return flow.stage === 'confirm-replace' && compareVersions(flow.pack.manifest.version, flow.installedVersion) > 0;
}
