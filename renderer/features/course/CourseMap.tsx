import { lazy, Suspense, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import * as Menu from '@radix-ui/react-dropdown-menu';
import { CheckCircle2, Circle, CircleDot, Clock, Download, FileText, MoreHorizontal, Package, PlayCircle, Settings, Upload } from 'lucide-react';
import { useStore } from '../../state/store.ts';
import { runCommand, shownKeys } from '../../commands/commands.ts';
import { Brand } from '../shell/Brand.tsx';
import { StatusBar } from '../sandbox/StatusBar.tsx';
// The map's build-time index, not course-data.ts: the whole lessons load with the lesson player.
import { COURSE_INDEX as COURSE, REFUSED } from './course-index.ts';
import { continuePlaceIn, courseProgressIn, lessonStatus, stepKey, type LessonStatus } from './course-progress.ts';
import { exportProgress, importProgress } from './progress-file.ts';
import { ImportProgressDialog } from './ImportProgressDialog.tsx';
import { PaletteButton } from '../shell/PaletteButton.tsx';
import { PackSections } from '../packs/PackSections.tsx';
import { pickClassPack } from '../packs/entry.ts';
import { useAuthorStore } from '../author/author-store.ts';

// Author mode's section (and its loader) loads only once a lesson folder is open.
const AuthorSection = lazy(() => import('../author/AuthorSection.tsx').then((m) => ({ default: m.AuthorSection })));

/** Opens a lesson; the lesson actions (grading, every lesson's content) load on the first. */
function openLesson(lessonId: string, stepId?: string): Promise<void> {
  return import('../lesson/lesson-actions.ts').then((m) => m.openLesson(lessonId, stepId));
}

const STATUS_ICON = { 'not-started': Circle, 'in-progress': CircleDot, done: CheckCircle2 } as const;

function StatusBadge({ status }: { status: LessonStatus }) {
  const { t } = useTranslation();
  const Icon = STATUS_ICON[status];
  return (
    <span className={`status-badge ${status}`}>
      <Icon size={13} aria-hidden /> {t(`course.status.${status}`)}
    </span>
  );
}

/** The course: tracks and their lessons with progress, and "continue where I left off". */
export function CourseMap() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ko' ? 'ko' : 'en';
  const progress = useStore((s) => s.progress);
  const authoring = useAuthorStore((s) => s.folder !== null);
  const fileInput = useRef<HTMLInputElement>(null);
  const tracks = [...new Set(COURSE.map((p) => p.lesson.track))];
  const place = continuePlaceIn(progress, COURSE);
  const placeStep = place?.pack.lesson.steps.find((s) => s.id === place.stepId);
  const overall = courseProgressIn(progress, COURSE);
  const started = overall.stepsDone > 0 || progress.lastLocation !== null;

  return (
    <div className="app">
      <header className="topbar">
        <Brand />
        <div className="spacer" />
        <PaletteButton />
        <Menu.Root>
          <Menu.Trigger asChild>
            <button className="btn ghost icon" aria-label={t('toolbar.more')} data-testid="course-menu">
              <MoreHorizontal aria-hidden />
            </button>
          </Menu.Trigger>
          <Menu.Portal>
            <Menu.Content className="menu-content" align="end" sideOffset={4}>
              <Menu.Item className="menu-item" onSelect={exportProgress} data-testid="export-progress">
                <Download size={14} aria-hidden /> {t('course.export')}
              </Menu.Item>
              <Menu.Item className="menu-item" onSelect={() => runCommand('export-progress-report')} data-testid="export-progress-report">
                <FileText size={14} aria-hidden /> {t('class.commands.exportReport')}
              </Menu.Item>
              <Menu.Item className="menu-item" onSelect={() => fileInput.current?.click()} data-testid="import-progress">
                <Upload size={14} aria-hidden /> {t('course.import')}
              </Menu.Item>
              <Menu.Item className="menu-item" onSelect={pickClassPack} data-testid="open-class-pack">
                <Package size={14} aria-hidden /> {t('packs.command')}
              </Menu.Item>
              <Menu.Separator className="menu-sep" />
              <Menu.Item className="menu-item" onSelect={() => runCommand('settings')}>
                <Settings size={14} aria-hidden /> {t('toolbar.settings')}
                <span className="kbd">{shownKeys('settings')}</span>
              </Menu.Item>
            </Menu.Content>
          </Menu.Portal>
        </Menu.Root>
        <input
          ref={fileInput}
          type="file"
          accept="application/json,.json"
          hidden
          data-testid="import-file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void importProgress(file);
            e.target.value = '';
          }}
        />
        <ImportProgressDialog />
      </header>
      <main className="course" id="main-content" data-testid="course-map">
        <div className="course-inner">
          <section className="course-hero">
            <h1>{t('course.title')}</h1>
            <p>{t('course.subtitle')}</p>
            {started ? (
              <div className="course-progress" data-testid="course-progress">
                <span>{t('course.progress', { done: overall.stepsDone, total: overall.steps })}</span>
                <span
                  className="step-bar"
                  role="progressbar"
                  aria-label={t('course.progress', { done: overall.stepsDone, total: overall.steps })}
                  aria-valuemin={0}
                  aria-valuemax={overall.steps}
                  aria-valuenow={overall.stepsDone}
                >
                  <span style={{ width: `${(100 * overall.stepsDone) / Math.max(1, overall.steps)}%` }} />
                </span>
              </div>
            ) : null}
            {place && placeStep ? (
              <button className="btn primary big" onClick={() => void openLesson(place.pack.lesson.id, place.stepId)} data-testid="continue">
                <PlayCircle aria-hidden />
                {t('course.continue', { lesson: place.pack.lesson.title[lang], step: placeStep.title[lang] })}
              </button>
            ) : started && overall.stepsDone === overall.steps ? (
              <p className="course-done" data-testid="course-all-done">
                {t('course.allDone')}
              </p>
            ) : COURSE[0] ? (
              <button className="btn primary big" onClick={() => void openLesson(COURSE[0]!.lesson.id)} data-testid="start">
                <PlayCircle aria-hidden />
                {t('course.start')}
              </button>
            ) : null}
          </section>
          {authoring ? (
            <Suspense fallback={null}>
              <AuthorSection />
            </Suspense>
          ) : null}
          {tracks.map((track) => {
            const lessons = COURSE.filter((p) => p.lesson.track === track);
            const done = lessons.filter((p) => lessonStatus(p, progress) === 'done').length;
            return (
              <section key={track} className="track" aria-labelledby={`track-${track}`}>
                <div className="track-head">
                  <h2 id={`track-${track}`}>{t(`tracks.${track}.title`)}</h2>
                  <span className="muted">{t('course.lessonsDone', { done, total: lessons.length })}</span>
                </div>
                <p className="muted">{t(`tracks.${track}.description`)}</p>
                <ol className="lesson-list">
                  {lessons.map((pack, i) => {
                    const status = lessonStatus(pack, progress);
                    const steps = pack.lesson.steps;
                    const stepsDone = steps.filter((s) => progress.steps[stepKey(pack.lesson.id, s.id)]?.status === 'done').length;
                    return (
                      <li key={pack.lesson.id}>
                        <button
                          className={`lesson-card ${status}`}
                          onClick={() => void openLesson(pack.lesson.id)}
                          data-testid={`lesson-${pack.lesson.id}`}
                        >
                          <span className="lesson-no">{i + 1}</span>
                          <span className="lesson-main">
                            <span className="lesson-title">{pack.lesson.title[lang]}</span>
                            <span className="lesson-question">{pack.lesson.question[lang]}</span>
                            <span className="lesson-meta">
                              <StatusBadge status={status} />
                              <span>
                                <Clock size={12} aria-hidden /> {t('course.minutes', { count: pack.lesson.minutes })}
                              </span>
                              <span>{t('course.stepsDone', { done: stepsDone, total: steps.length })}</span>
                            </span>
                            <span className="step-bar" aria-hidden>
                              <span style={{ width: `${(100 * stepsDone) / steps.length}%` }} />
                            </span>
                          </span>
                        </button>
                      </li>
                    );
                  })}
                </ol>
              </section>
            );
          })}
          <PackSections />
          {REFUSED.length > 0 ? (
            <section className="refused" role="alert">
              <h2>{t('course.refusedTitle')}</h2>
              <ul>
                {REFUSED.map((r) => (
                  <li key={r.folder}>
                    <code>{r.folder}</code>: {r.reason}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </div>
      </main>
      <StatusBar />
    </div>
  );
}
