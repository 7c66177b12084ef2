import { useTranslation } from 'react-i18next';
import { BookOpen, SquareTerminal } from 'lucide-react';
import { useStore } from '../../state/store.ts';

/** The app's name and the switch between the course and the sandbox, on every screen. */
export function Brand() {
  const { t } = useTranslation();
  const screen = useStore((s) => s.screen);
  const goTo = useStore((s) => s.goTo);
  return (
    <>
      <div className="brand">
        <span className="brand-mark" aria-hidden>
          D
        </span>
        <span className="brand-name">{t('app.title')}</span>
      </div>
      <nav className="screen-nav" aria-label={t('nav.label')}>
        <button
          className="nav-item"
          aria-current={screen !== 'sandbox' ? 'page' : undefined}
          onClick={() => goTo('course')}
          data-testid="nav-course"
        >
          <BookOpen size={14} aria-hidden /> {t('nav.course')}
        </button>
        <button
          className="nav-item"
          aria-current={screen === 'sandbox' ? 'page' : undefined}
          onClick={() => goTo('sandbox')}
          data-testid="nav-sandbox"
        >
          <SquareTerminal size={14} aria-hidden /> {t('nav.sandbox')}
        </button>
      </nav>
    </>
  );
}
