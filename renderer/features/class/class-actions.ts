import i18next from 'i18next';
import { buildReport, dayStamp, reportFileName } from '../../../core/class-report/build.ts';
import { stepsCsv, summaryCsv } from '../../../core/class-report/csv.ts';
import type { MergedClass, RefusedReport, ReportFile } from '../../../core/class-report/merge.ts';
import { checkReportSize } from '../../../core/class-report/read.ts';
import { downloadBlob } from '../../host/download.ts';
import { useStore } from '../../state/store.ts';
import { useClassStore } from './class-store.ts';
import { courseLessons } from './course-lessons.ts';

const lang = (): 'en' | 'ko' => (i18next.language === 'ko' ? 'ko' : 'en');

/** A random id for the learner's reports, made once and kept with their progress. */
function ensureReportKey(): string {
  const { progress, replaceProgress } = useStore.getState();
  if (progress.reportKey) return progress.reportKey;
  const key = crypto.randomUUID();
  replaceProgress({ ...progress, reportKey: key });
  return key;
}

/** Saves the learner's progress report under the name they chose; returns the file name. */
export function exportReport(learner: string, now = new Date()): string {
  const reportKey = ensureReportKey();
  const report = buildReport({
    learner,
    reportKey,
    progress: useStore.getState().progress,
    course: courseLessons(),
    appVersion: typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : '0.0.0',
    language: lang(),
    now,
  });
  const file = reportFileName(learner, now);
  downloadBlob(file, new Blob([JSON.stringify(report, null, 2)], { type: 'application/json' }));
  useStore.getState().notify('success', i18next.t('class.export.saved', { file }));
  return file;
}

/**
 * Reads report files into the class (added to those already read). From a folder only the JSON
 * files count: a folder of reports often holds other things too. A file too large is refused by
 * its size before it is read.
 */
export async function importReportFiles(list: readonly File[], fromFolder = false): Promise<void> {
  const files = fromFolder ? list.filter((f) => f.name.toLowerCase().endsWith('.json')) : [...list];
  const read: ReportFile[] = [];
  const unread: RefusedReport[] = [];
  for (const file of files) {
    const tooLarge = checkReportSize(file.size);
    if (tooLarge && !tooLarge.ok) {
      unread.push({ fileName: file.name, problem: tooLarge.problem, detail: tooLarge.detail });
      continue;
    }
    read.push({ fileName: file.name, text: new TextDecoder().decode(await file.arrayBuffer()) });
  }
  useClassStore.getState().addFiles(read, unread);
  const ignored = list.length - files.length;
  if (ignored > 0) useStore.getState().notify('info', i18next.t('class.import.ignoredInFolder', { count: ignored }));
}

/** Saves the class as CSV: one row per learner and step, or one per learner. */
export function downloadClassCsv(merged: MergedClass, kind: 'steps' | 'summary'): void {
  const csv = kind === 'steps' ? stepsCsv(merged, lang()) : summaryCsv(merged, lang());
  const file = `class-progress-${kind}-${dayStamp(new Date())}.csv`;
  downloadBlob(file, new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  useStore.getState().notify('success', i18next.t('class.csv.saved', { file }));
}
