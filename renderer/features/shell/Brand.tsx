import { useLayoutEffect, useRef, useState, useSyncExternalStore, type RefObject } from 'react';
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

/**
 * How much the top bar must give up to fit its window: 0 nothing, 1 the other screens' nav labels
 * (icons stay, names kept for assistive tech), 2 also the toolbar buttons' labels and the app's
 * name. Measured, not guessed from the window's width: what a top bar holds differs by screen and
 * language (the sandbox's toolbar in English needs 1,880 px with every label). It steps up while
 * the bar overflows and back down only once the window is as wide as that level needed, so it
 * never flickers between two levels. Written to the bar as data-fit (renderer/styles/app.css).
 */
function useTopbarFit(anchor: RefObject<HTMLElement | null>, key: string): number {
  const [level, setLevel] = useState(0);
  // needed[n]: the bar's full width at level n, recorded when it overflowed there.
  const needed = useRef<number[]>([]);
  useLayoutEffect(() => {
    needed.current = [];
    setLevel(0);
  }, [key]);
  useLayoutEffect(() => {
    const bar = anchor.current?.closest<HTMLElement>('.topbar');
    if (!bar) return;
    bar.dataset.fit = String(level);
    const check = (): void => {
      const over = bar.scrollWidth > bar.clientWidth + 1;
      if (over && level < 2) {
        needed.current[level] = bar.scrollWidth;
        setLevel(level + 1);
      } else if (!over && level > 0) {
        const need = needed.current[level - 1];
        if (need !== undefined && bar.clientWidth >= need) setLevel(level - 1);
      }
    };
    check();
    const resize = new ResizeObserver(check);
    resize.observe(bar);
    // A toolbar that gains a button (a database opens, a run starts) can overflow without a resize.
    const mutation = new MutationObserver(check);
    mutation.observe(bar, { childList: true, subtree: true, characterData: true });
    return () => {
      resize.disconnect();
      mutation.disconnect();
    };
  }, [anchor, level, key]);
  return level;
}

/** The app's name and the switch between the registered screens (course, sandbox, …), on every screen. */
export function Brand() {
  const { t, i18n } = useTranslation();
  const screen = useStore((s) => s.screen);
  const openScreen = useStore((s) => s.openScreen);
  useRegistry();
  // A screen outside the navigation (the lesson player) keeps its parent entry current.
  const current = findScreen(screen)?.navParent ?? screen;
  const brandRef = useRef<HTMLDivElement>(null);
  const fit = useTopbarFit(brandRef, `${screen}|${i18n.language}`);
  const narrow = useNarrow() || fit > 0;
  return (
    <>
      <div className="brand" ref={brandRef}>
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
          // Always wrapped, so the bar re-fitting never remounts the button the keyboard focus is on.
          return (
            <Tooltip key={id} text={name} disabled={!(narrow && current !== id && Icon)}>
              {button}
            </Tooltip>
          );
        })}
      </nav>
    </>
  );
}
