import i18next from 'i18next';
import type { Progress } from '../../../core/persist/docs.ts';
import {
  checkImportSize,
  mergeProgress,
  planProgressImport,
  readProgressImport,
  type ImportPlan,
  type ImportRefusal,
} from '../../../core/persist/progress-import.ts';
import { useStore } from '../../state/store.ts';
import { downloadBlob, fileStamp } from '../../host/download.ts';

/** Saves the learner's progress as a JSON file (to move it to another machine, or keep a copy). */
export function exportProgress(): void {
  const progress = useStore.getState().progress;
  const file = `datalit-progress_${fileStamp()}.json`;
  downloadBlob(file, new Blob([JSON.stringify(progress, null, 2)], { type: 'application/json' }));
  useStore.getState().notify('success', i18next.t('course.exported', { file }));
}

/** A file read and compared with the learner's progress, waiting for them to merge or replace. */
export interface PendingImport {
  fileName: string;
  incoming: Progress;
  plan: ImportPlan;
}

type Listener = (pending: PendingImport | null) => void;
const listeners = new Set<Listener>();

/** Lets the import dialog learn when a file is ready to preview; returns the unsubscribe function. */
export function onPendingImport(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

const MIB = 1024 * 1024;

function refusalText(fileName: string, refusal: ImportRefusal): string {
  switch (refusal.problem) {
    case 'too-large':
      return i18next.t('course.importTooLarge', { file: fileName, size: Math.ceil(refusal.bytes / MIB), limit: refusal.limit / MIB });
    case 'newer-version':
      return i18next.t('course.importNewer', { file: fileName, format: refusal.format });
    case 'not-progress':
      return i18next.t('course.importNotProgress', { file: fileName });
    default:
      return i18next.t('course.importRefused', { file: fileName, reason: refusal.reason });
  }
}

/**
 * Reads a progress file and shows what importing it would change; nothing changes until the
 * learner chooses. A file too large is refused by its size, before a byte is read.
 */
export async function importProgress(file: File): Promise<void> {
  const { notify } = useStore.getState();
  const read = checkImportSize(file.size) ?? readProgressImport(new TextDecoder().decode(await file.arrayBuffer()));
  if (!read.ok) {
    notify('error', refusalText(file.name, read));
    return;
  }
  const plan = planProgressImport(useStore.getState().progress, read.progress);
  const pending: PendingImport = { fileName: file.name, incoming: read.progress, plan };
  for (const listener of listeners) listener(pending);
}

/** Takes the file's new and newer steps in; everything else of the learner's stays. */
export function applyMerge(pending: PendingImport): void {
  const { progress, replaceProgress, notify } = useStore.getState();
  // Planned again against the progress as it is now: the learner may have worked since the preview.
  const plan = planProgressImport(progress, pending.incoming);
  if (plan.added.length + plan.newer.length === 0) {
    notify('info', i18next.t('course.importNothing', { file: pending.fileName }));
    return;
  }
  replaceProgress(mergeProgress(progress, pending.incoming));
  notify('success', i18next.t('course.importedMerged', { added: plan.added.length, updated: plan.newer.length }));
}

/** Makes the learner's progress exactly the file's (only after they confirmed it). */
export function applyReplace(pending: PendingImport): void {
  const { replaceProgress, notify } = useStore.getState();
  replaceProgress(pending.incoming);
  notify('success', i18next.t('course.importedReplaced', { count: Object.keys(pending.incoming.steps).length }));
}
