import { lazy, Suspense, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import * as Alert from '@radix-ui/react-alert-dialog';
import { ChevronDown, ChevronRight, Clock, Package, Trash2 } from 'lucide-react';
import { useStore } from '../../state/store.ts';
import type { Progress } from '../../../core/persist/docs.ts';
import { usePackFlow } from './flow-state.ts';
import { installedPacks, removePack, subscribePacks, type InstalledPack, type PackLessonSummary } from './installed.ts';
import './packs.css';

const PackDialog = lazy(() => import('./PackDialog.tsx'));
const Markdown = lazy(() => import('../lesson/Markdown.tsx').then((m) => ({ default: m.Markdown })));

/** Opens a pack lesson; the lesson player's code loads with the first. */
function openPackLesson(lessonId: string): void {
  void import('./pack-lesson-data.ts').then((m) => m.openPackLesson(lessonId));
}

/** The note's headings two levels down: the section's title is the h2 they sit under. */
function nested(markdown: string): string {
  return markdown.replace(/^(#{1,4})(?=[ \t])/gm, '##$1');
}

type Status = 'not-started' | 'in-progress' | 'done';

/** As the course map counts a lesson: done when every step is, in progress when any was touched. */
function statusOf(lesson: PackLessonSummary, progress: Progress): { status: Status; stepsDone: number } {
  const states = lesson.stepIds.map((s) => progress.steps[`${lesson.id}/${s}`]?.status ?? 'not-started');
  const stepsDone = states.filter((s) => s === 'done').length;
  const status = stepsDone === states.length ? 'done' : states.some((s) => s !== 'not-started') ? 'in-progress' : 'not-started';
  return { status, stepsDone };
}

/** One installed pack on the course map: its title, welcome note, lessons, and a way to remove it. */
function PackSection({ pack }: { pack: InstalledPack }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ko' ? 'ko' : 'en';
  const progress = useStore((s) => s.progress);
  const [open, setOpen] = useState(true);
  const [removing, setRemoving] = useState(false);
  const { manifest, title, welcome } = pack.stored;
  const headingId = `pack-${manifest.id}`;
  const done = pack.lessons.filter((l) => statusOf(l, progress).status === 'done').length;
  return (
    <section className="track pack-section" aria-labelledby={headingId} data-testid={`pack-section-${manifest.id}`}>
      <div className="track-head">
        <button className="btn ghost icon" aria-expanded={open} aria-controls={`${headingId}-body`} aria-label={open ? t('packs.hide') : t('packs.show')} onClick={() => setOpen(!open)}>
          {open ? <ChevronDown aria-hidden /> : <ChevronRight aria-hidden />}
        </button>
        <h2 id={headingId}>{title[lang]}</h2>
        <span className="muted">{t('packs.lessonsDone', { done, total: pack.lessons.length })}</span>
        <span className="spacer" />
        <button className="btn ghost" onClick={() => setRemoving(true)} data-testid={`pack-remove-${manifest.id}`}>
          <Trash2 size={14} aria-hidden /> {t('packs.remove')}
        </button>
      </div>
      <p className="muted pack-meta">
        <Package size={13} aria-hidden /> {t('packs.sectionLabel')} · {t('packs.version', { version: manifest.version })}
        {manifest.author ? ` · ${t('packs.by', { author: manifest.author })}` : ''}
      </p>
      {open ? (
        <div id={`${headingId}-body`}>
          <div className="pack-welcome" role="note" aria-label={t('packs.welcome')} data-testid="pack-welcome">
            <Suspense fallback={<p>{welcome[lang]}</p>}>
              <Markdown text={nested(welcome[lang])} />
            </Suspense>
          </div>
          <ol className="lesson-list">
            {pack.lessons.map((lesson, i) => {
              const { status, stepsDone } = statusOf(lesson, progress);
              const steps = lesson.stepIds;
              return (
                <li key={lesson.id}>
                  <button className={`lesson-card ${status}`} onClick={() => openPackLesson(lesson.id)} data-testid={`lesson-${lesson.id}`}>
                    <span className="lesson-no">{i + 1}</span>
                    <span className="lesson-main">
                      <span className="lesson-title">{lesson.title[lang]}</span>
                      <span className="lesson-question">{lesson.question[lang]}</span>
                      <span className="lesson-meta">
                        <span className={`status-badge ${status}`}>{t(`course.status.${status}`)}</span>
                        <span>
                          <Clock size={12} aria-hidden /> {t('course.minutes', { count: lesson.minutes })}
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
        </div>
      ) : null}
      <Alert.Root open={removing} onOpenChange={setRemoving}>
        <Alert.Portal>
          <Alert.Overlay className="overlay" />
          <Alert.Content className="dialog" data-testid="pack-remove-dialog">
            <Alert.Title>{t('packs.removeTitle', { title: title[lang] })}</Alert.Title>
            <Alert.Description>{t('packs.removeBody')}</Alert.Description>
            <div className="dialog-actions">
              <Alert.Cancel className="btn">{t('packs.cancel')}</Alert.Cancel>
              <Alert.Action
                className="btn danger"
                data-testid="pack-remove-confirm"
                onClick={() =>
                  void removePack(manifest.id).then(() => useStore.getState().notify('success', t('packs.removed', { title: title[lang] })))
                }
              >
                {t('packs.removeConfirm')}
              </Alert.Action>
            </div>
          </Alert.Content>
        </Alert.Portal>
      </Alert.Root>
    </section>
  );
}

/** The installed class packs, each in its own section of the course map, and the dialog of opening one. */
export function PackSections() {
  const packs = useSyncExternalStore(subscribePacks, installedPacks);
  const flow = usePackFlow();
  return (
    <>
      {packs.map((pack) => (
        <PackSection key={pack.stored.manifest.id} pack={pack} />
      ))}
      {flow.stage !== 'idle' ? (
        <Suspense fallback={null}>
          <PackDialog />
        </Suspense>
      ) : null}
    </>
  );
}
