import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Download, FileUp, FolderUp, Trash2, UserRound } from 'lucide-react';
import { classSummary, hardestSteps } from '../../../core/class-report/analyse.ts';
import { mergeReports, type MergedClass } from '../../../core/class-report/merge.ts';
import { Brand } from '../shell/Brand.tsx';
import { PaletteButton } from '../shell/PaletteButton.tsx';
import { downloadClassCsv, importReportFiles } from './class-actions.ts';
import { useClassStore, type ClassView } from './class-store.ts';
import { courseLessons } from './course-lessons.ts';
import { HardestSteps } from './HardestSteps.tsx';
import { HeatLegend, HeatMap } from './HeatMap.tsx';
import { showExportDialog } from './export-mount.tsx';
import './class.css';

function hasFiles(e: DragEvent): boolean {
  return Array.from(e.dataTransfer?.types ?? []).includes('Files');
}

/**
 * Report files dropped anywhere on the screen join the class. Caught (capture phase) before the
 * window's own drop handler, which opens a dropped database file unless the drop was handled, so a
 * report is never taken for a database.
 */
function useReportDrop(): boolean {
  const [over, setOver] = useState(false);
  useEffect(() => {
    const onOver = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      setOver(true);
    };
    const onLeave = (e: DragEvent) => {
      if (e.relatedTarget === null) setOver(false);
    };
    const onDrop = (e: DragEvent) => {
      const files = e.dataTransfer?.files;
      setOver(false);
      if (!files || files.length === 0) return;
      // Handled: the window's own handler (open-db) ends its drag state and skips a drop already handled.
      e.preventDefault();
      void importReportFiles(Array.from(files));
    };
    window.addEventListener('dragover', onOver, true);
    window.addEventListener('dragleave', onLeave, true);
    window.addEventListener('drop', onDrop, true);
    return () => {
      window.removeEventListener('dragover', onOver, true);
      window.removeEventListener('dragleave', onLeave, true);
      window.removeEventListener('drop', onDrop, true);
    };
  }, []);
  return over;
}

/** The heat map's rows without the lessons no learner has started (reports list every lesson, untouched ones too). */
function startedOnly(merged: MergedClass): { merged: MergedClass; hiddenLessons: number } {
  const started = new Set<string>();
  for (const learner of merged.learners)
    for (const [key, step] of Object.entries(learner.steps)) if (step.status !== 'not-started' || step.attempts > 0) started.add(key.slice(0, key.indexOf('/')));
  const steps = merged.steps.filter((s) => started.has(s.lessonId));
  const hiddenLessons = new Set(merged.steps.map((s) => s.lessonId)).size - started.size;
  return { merged: { ...merged, steps }, hiddenLessons: Math.max(0, hiddenLessons) };
}

function useDuration(): (ms: number) => string {
  const { t } = useTranslation();
  return (ms) => {
    const minutes = Math.round(ms / 60_000);
    if (minutes < 60) return t('class.duration.minutes', { count: minutes });
    return t('class.duration.hours', { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
  };
}

/** The files left out, each with its reason, and the learners made of several reports. */
function ImportNotes({ merged }: { merged: MergedClass }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ko' ? 'ko' : 'en';
  const unread = useClassStore((s) => s.unread);
  const refused = [...unread, ...merged.refused];
  return (
    <>
      {refused.length > 0 ? (
        <section className="class-notes warning" data-testid="class-refused" aria-labelledby="class-refused-title">
          <h3 id="class-refused-title">{t('class.refused.title', { count: refused.length })}</h3>
          <ul>
            {refused.map((r, i) => (
              <li key={`${r.fileName}-${i}`} data-problem={r.problem}>
                <strong>{r.fileName}</strong>: {t(`class.refused.${r.problem}`, { detail: r.detail })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {merged.combined.length > 0 ? (
        <ul className="class-notes" data-testid="class-combined">
          {merged.combined.map((c) => (
            <li key={c.learner}>
              {t('class.combined', { learner: c.learner, count: c.files.length, files: c.files.join(', '), older: c.stepsFromOlder })}
            </li>
          ))}
        </ul>
      ) : null}
      {merged.mismatches.length > 0 ? (
        <section className="class-notes" data-testid="class-mismatch" aria-labelledby="class-mismatch-title">
          <h3 id="class-mismatch-title">{t('class.mismatch.title')}</h3>
          <ul>
            {merged.mismatches.map((m) => (
              <li key={m.lessonId}>
                {t('class.mismatch.lesson', {
                  lesson: m.lessonTitle[lang],
                  versions: m.versions
                    .map((v) =>
                      t('class.mismatch.group', {
                        learners: v.learners.join(', '),
                        which: t(m.instructorHash === null ? 'class.mismatch.notInCourse' : v.contentHash === m.instructorHash ? 'class.mismatch.yours' : 'class.mismatch.other'),
                      }),
                    )
                    .join('; '),
                })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

/** The instructor's view of a class from its learners' progress reports; also where a learner exports theirs. */
export default function ClassScreen() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ko' ? 'ko' : 'en';
  const files = useClassStore((s) => s.files);
  const unread = useClassStore((s) => s.unread);
  const view = useClassStore((s) => s.view);
  const showView = useClassStore((s) => s.showView);
  const clearClass = useClassStore((s) => s.clearClass);
  const merged = useMemo(() => mergeReports(files, courseLessons()), [files]);
  const hard = useMemo(() => hardestSteps(merged, lang), [merged, lang]);
  const summary = useMemo(() => classSummary(merged), [merged]);
  const [showUntouched, setShowUntouched] = useState(false);
  const started = useMemo(() => startedOnly(merged), [merged]);
  const duration = useDuration();
  const dropping = useReportDrop();
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const hasClass = merged.learners.length > 0;
  const anything = files.length + unread.length > 0;
  const number = new Intl.NumberFormat(i18n.language);

  return (
    <div className="app">
      <header className="topbar" role="toolbar" aria-label={t('class.screen')}>
        <Brand />
        <div className="spacer" />
        <PaletteButton />
      </header>
      <main id="main-content" className={`class-screen${dropping ? ' dropping' : ''}`} tabIndex={-1} data-testid="class-screen">
        <div className="class-head">
          <h1>{t('class.screen')}</h1>
          <button className="btn" onClick={showExportDialog} data-testid="class-export-mine">
            <UserRound size={14} aria-hidden /> {t('class.export.button')}
          </button>
        </div>
        <p className="class-intro">{t('class.intro')}</p>
        <div className="class-actions" role="group" aria-label={t('class.import.files')}>
          <button className="btn primary" onClick={() => filesInput.current?.click()} data-testid="class-import-files">
            <FileUp size={14} aria-hidden /> {anything ? t('class.import.more') : t('class.import.files')}
          </button>
          <button className="btn" onClick={() => folderInput.current?.click()} data-testid="class-import-folder">
            <FolderUp size={14} aria-hidden /> {t('class.import.folder')}
          </button>
          {anything ? (
            <button className="btn ghost" onClick={clearClass} data-testid="class-clear">
              <Trash2 size={14} aria-hidden /> {t('class.import.clear')}
            </button>
          ) : null}
          {anything ? <span className="muted small">{dropping ? t('class.import.dropActive') : t('class.import.drop')}</span> : null}
          <input
            ref={filesInput}
            type="file"
            accept=".json,application/json"
            multiple
            hidden
            tabIndex={-1}
            aria-hidden
            data-testid="class-files-input"
            onChange={(e) => {
              const list = Array.from(e.target.files ?? []);
              e.target.value = '';
              void importReportFiles(list);
            }}
          />
          <input
            ref={(el) => {
              folderInput.current = el;
              // Not in React's attribute types: lets the picker choose a whole folder (Chromium, Electron, Firefox, Safari).
              el?.setAttribute('webkitdirectory', '');
            }}
            type="file"
            multiple
            hidden
            tabIndex={-1}
            aria-hidden
            data-testid="class-folder-input"
            onChange={(e) => {
              const list = Array.from(e.target.files ?? []);
              e.target.value = '';
              void importReportFiles(list, true);
            }}
          />
        </div>
        {anything ? (
          <ImportNotes merged={merged} />
        ) : (
          <div className="class-dropzone" data-testid="class-dropzone">
            <FileUp size={28} aria-hidden />
            <span>{dropping ? t('class.import.dropActive') : t('class.import.drop')}</span>
          </div>
        )}
        {hasClass ? (
          <>
            <section className="class-section" aria-labelledby="class-summary-title">
              <h2 id="class-summary-title">{t('class.summary.title')}</h2>
              <dl className="class-summary" data-testid="class-summary">
                <div>
                  <dt>{t('class.summary.learners')}</dt>
                  <dd data-testid="class-summary-learners">{number.format(summary.learners)}</dd>
                </div>
                <div>
                  <dt>{t('class.summary.lessonsCompleted')}</dt>
                  <dd>
                    {number.format(summary.lessonsCompleted)}
                    <small>{t('class.summary.lessonsCompletedDetail', { median: number.format(summary.medianLessonsCompleted), lessons: summary.lessons })}</small>
                  </dd>
                </div>
                <div>
                  <dt>{t('class.summary.stepsPassed')}</dt>
                  <dd>
                    {number.format(summary.medianStepsPassed)}
                    <small>{t('class.summary.stepsPassedDetail', { steps: summary.steps })}</small>
                  </dd>
                </div>
                <div>
                  <dt>{t('class.summary.medianTime')}</dt>
                  <dd>{duration(summary.medianTimeMs)}</dd>
                </div>
              </dl>
              <div className="class-actions">
                <button className="btn" onClick={() => downloadClassCsv(merged, 'steps')} data-testid="class-csv-steps">
                  <Download size={14} aria-hidden /> {t('class.csv.steps')}
                </button>
                <button className="btn" onClick={() => downloadClassCsv(merged, 'summary')} data-testid="class-csv-summary">
                  <Download size={14} aria-hidden /> {t('class.csv.summary')}
                </button>
              </div>
            </section>
            <section className="class-section" aria-labelledby="class-hard-title">
              <h2 id="class-hard-title">{t('class.hard.title')}</h2>
              <HardestSteps steps={hard} />
            </section>
            <section className="class-section" aria-labelledby="class-heat-title">
              <div className="class-heat-head">
                <h2 id="class-heat-title">{t('class.heat.title')}</h2>
                <div className="class-view-toggle" role="group" aria-label={t('class.heat.viewLabel')}>
                  {(['heatmap', 'table'] as ClassView[]).map((v) => (
                    <button
                      key={v}
                      aria-pressed={view === v}
                      className={`btn small${view === v ? ' primary' : ''}`}
                      onClick={() => showView(v)}
                      data-testid={`class-view-${v}`}
                    >
                      {t(`class.heat.${v}`)}
                    </button>
                  ))}
                </div>
                {view === 'heatmap' ? <HeatLegend /> : null}
                {started.hiddenLessons > 0 ? (
                  <label className="class-untouched-toggle">
                    <input type="checkbox" checked={showUntouched} onChange={(e) => setShowUntouched(e.target.checked)} data-testid="class-show-untouched" />
                    {t('class.heat.showUntouched', { count: started.hiddenLessons })}
                  </label>
                ) : null}
              </div>
              <HeatMap merged={showUntouched ? merged : started.merged} view={view} />
            </section>
          </>
        ) : null}
      </main>
    </div>
  );
}
