import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../state/store.ts';
import { findScreen, navScreens } from '../../app/registry.ts';
import { useRegistry } from '../../app/use-registry.ts';
import { Tooltip } from '../../ui/Tooltip.tsx';

/** The width below which the other screens' nav items show their icon only (renderer/styles/app.css). */
const NARROW = '(max-width: 1180px)';

function subscribeNarrow(onChange: () => void): () => void {
  const media = window.matchMedia(NARROW);
  media.addEventListener('change', onChange);
  return () => media.removeEventListener('change', onChange);
}

/** Whether the window is narrow enough for icon-only nav items. */
function useNarrow(): boolean {
  return useSyncExternalStore(
    subscribeNarrow,
    () => window.matchMedia(NARROW).matches,
    () => false,
  );
}

/** The app's name and the switch between the registered screens (course, sandbox, …), on every screen. */
export function Brand() {
  const { t } = useTranslation();
  const screen = useStore((s) => s.screen);
  const openScreen = useStore((s) => s.openScreen);
  useRegistry();
  // A screen outside the navigation (the lesson player) keeps its parent entry current.
  const current = findScreen(screen)?.navParent ?? screen;
  const narrow = useNarrow();
  return (
    <>
      <div className="brand">
        <span className="brand-mark" aria-hidden>
          D
        </span>
        <span className="brand-name">{t('app.title')}</span>
      </div>
      <nav className="screen-nav" aria-label={t('nav.label')}>
        {navScreens().map(({ id, label, icon: Icon }) => {
          const name = label ? t(label) : id;
          const button = (
            <button
              key={id}
              className="nav-item"
              aria-current={current === id ? 'page' : undefined}
              onClick={() => openScreen(id)}
              data-testid={`nav-${id}`}
            >
              {Icon ? <Icon size={14} aria-hidden /> : null} {name}
            </button>
          );
          // An item showing its icon alone names itself on hover and focus (its text stays for assistive tech).
          return narrow && current !== id && Icon ? (
            <Tooltip key={id} text={name}>
              {button}
            </Tooltip>
          ) : (
            button
          );
        })}
      </nav>
    </>
  );
}
