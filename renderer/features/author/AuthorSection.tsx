import { useTranslation } from 'react-i18next';
import { Clock, FolderOpen, LogOut, PenLine } from 'lucide-react';
import { useStore } from '../../state/store.ts';
import { closeAuthorFolder, problemText } from './author-actions.ts';
import { useAuthorStore } from './author-store.ts';
import './author.css';

/** Opens an author lesson; the lesson player's code loads with the first. */
function openAuthorLesson(lessonId: string): void {
  void import('../lesson/lesson-actions.ts').then((m) => m.openLesson(lessonId));
}

/**
 * The course map's "Author mode" section: the watched folder, its lessons as last loaded (opened
 * in the lesson player like any other), and every load problem as `path:line: message`.
 */
export function AuthorSection() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ko' ? 'ko' : 'en';
  const { folder, packs, stale, problems, folderProblem, loadedAt } = useAuthorStore();
  const progress = useStore((s) => s.progress);
  if (!folder) return null;
  const time = loadedAt ? new Date(loadedAt).toLocaleTimeString(i18n.language) : null;
  return (
    <section className="track author-section" aria-labelledby="author-title" data-testid="author-section">
      <div className="track-head">
        <h2 id="author-title">
          <PenLine size={18} aria-hidden /> {t('author.title')}
        </h2>
        <span className="spacer" />
        <button className="btn ghost" onClick={() => void closeAuthorFolder()} data-testid="author-leave">
          <LogOut size={14} aria-hidden /> {t('author.leave')}
        </button>
      </div>
      <p className="muted author-folder">
        <FolderOpen size={13} aria-hidden /> {t('author.watching', { folder: folder.path })}
        {time ? <span data-testid="author-loaded-at"> · {t('author.reloadedAt', { time })}</span> : null}
      </p>
      <p className="muted">{t('author.progressNote')}</p>
      {folderProblem ? (
        <p className="author-folder-problem" role="alert" data-testid="author-folder-problem">
          {folderProblem.detail}
        </p>
      ) : null}
      {packs.length === 0 ? <p data-testid="author-empty">{t('author.noLessons')}</p> : null}
      <ol className="lesson-list">
        {packs.map((pack) => {
          const steps = pack.lesson.steps;
          const stepsDone = steps.filter((s) => progress.steps[`${pack.lesson.id}/${s.id}`]?.status === 'done').length;
          return (
            <li key={pack.lesson.id}>
              <button
                className="lesson-card author-card"
                onClick={() => openAuthorLesson(pack.lesson.id)}
                data-testid={`author-lesson-${pack.lesson.id.slice('author:'.length)}`}
              >
                <span className="lesson-no" aria-hidden>
                  <PenLine size={14} />
                </span>
                <span className="lesson-main">
                  <span className="lesson-title">{pack.lesson.title[lang]}</span>
                  <span className="lesson-question">{pack.lesson.question[lang]}</span>
                  <span className="lesson-meta">
                    <span className="status-badge author-draft">{t('author.draft')}</span>
                    <span>
                      <Clock size={12} aria-hidden /> {t('course.minutes', { count: pack.lesson.minutes })}
                    </span>
                    <span>{t('course.stepsDone', { done: stepsDone, total: steps.length })}</span>
                  </span>
                  {stale.includes(pack.lesson.id) ? <span className="author-stale">{t('author.stale')}</span> : null}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
      {problems.length > 0 ? (
        <div className="refused author-problems" role="alert" data-testid="author-problems">
          <h3>{t('author.problemsTitle', { count: problems.length })}</h3>
          <ul>
            {problems.map((p, i) => (
              <li key={i}>
                <code>{problemText(p)}</code>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
