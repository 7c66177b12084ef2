import { useTranslation } from 'react-i18next';
import { useStore } from '../../state/store.ts';
import { findScreen, navScreens } from '../../app/registry.ts';
import { useRegistry } from '../../app/use-registry.ts';

/** The app's name and the switch between the registered screens (course, sandbox, …), on every screen. */
export function Brand() {
  const { t } = useTranslation();
  const screen = useStore((s) => s.screen);
  const openScreen = useStore((s) => s.openScreen);
  useRegistry();
  // A screen outside the navigation (the lesson player) keeps its parent entry current.
  const current = findScreen(screen)?.navParent ?? screen;
  return (
    <>
      <div className="brand">
        <span className="brand-mark" aria-hidden>
          D
        </span>
        <span className="brand-name">{t('app.title')}</span>
      </div>
      <nav className="screen-nav" aria-label={t('nav.label')}>
        {navScreens().map(({ id, label, icon: Icon }) => (
          <button
            key={id}
            className="nav-item"
            aria-current={current === id ? 'page' : undefined}
            onClick={() => openScreen(id)}
            data-testid={`nav-${id}`}
          >
            {Icon ? <Icon size={14} aria-hidden /> : null} {label ? t(label) : id}
          </button>
        ))}
      </nav>
    </>
  );
}
