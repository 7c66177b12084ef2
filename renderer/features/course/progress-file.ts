import i18next from 'i18next';
import { restoreDocText } from '../../../core/persist/docs.ts';
import { useStore } from '../../state/store.ts';
import { downloadBlob, fileStamp } from '../../host/download.ts';

/** Saves the learner's progress as a JSON file (to move it to another machine, or keep a copy). */
export function exportProgress(): void {
  const progress = useStore.getState().progress;
  const file = `datalit-progress_${fileStamp()}.json`;
  downloadBlob(file, new Blob([JSON.stringify(progress, null, 2)], { type: 'application/json' }));
  useStore.getState().notify('success', i18next.t('course.exported', { file }));
}

/** Reads a progress file; a broken one is refused with the reason and changes nothing. */
export async function importProgress(file: File): Promise<void> {
  const { notify, replaceProgress } = useStore.getState();
  const restored = restoreDocText('progress', await file.text());
  if (!restored.ok) {
    notify('error', i18next.t('course.importRefused', { file: file.name, reason: restored.reason }));
    return;
  }
  replaceProgress(restored.value);
  notify('success', i18next.t('course.imported', { count: Object.keys(restored.value.steps).length }));
}
