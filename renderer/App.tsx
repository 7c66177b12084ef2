import { Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import * as RTooltip from '@radix-ui/react-tooltip';
import { useStore } from './state/store.ts';
import { dispatchShortcut } from './commands/commands.ts';
import { findScreen, navScreens } from './app/registry.ts';
import { useRegistry } from './app/use-registry.ts';
import { resolveLanguage, setLanguage } from './i18n/index.ts';
import { focusLanding } from './ui/focus.ts';

/** While a screen's code loads: a main region that holds keyboard focus and says what is happening. */
function ScreenLoading() {
  const { t } = useTranslation();
  return (
    <div className="app">
      <main id="main-content" className="screen-loading" tabIndex={-1} aria-busy="true">
        <p className="muted">{t('common.loading')}</p>
      </main>
    </div>
  );
}

/** The registered screen on show (the first in the navigation when the id is unknown). */
function Screens() {
  const screen = useStore((s) => s.screen);
  useRegistry();
  const def = findScreen(screen) ?? navScreens()[0];
  if (!def) return <ScreenLoading />;
  const Screen = def.component;
  // A lazily loaded screen (the lesson player) shows a loading region until its code is in. One
  // boundary per screen: a shared one would keep the old screen in the page, hidden, holding focus.
  return (
    <Suspense key={def.id} fallback={<ScreenLoading />}>
      <Screen />
    </Suspense>
  );
}
import { CommandPalette } from './features/palette/CommandPalette.tsx';
import { SettingsDialog } from './features/settings/SettingsDialog.tsx';
import { Notices } from './features/notices/Notices.tsx';

function useTheme(): void {
  const theme = useStore((s) => s.settings.theme);
  useEffect(() => {
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    const apply = () => {
      document.documentElement.dataset.theme = theme === 'system' ? (media.matches ? 'dark' : 'light') : theme;
    };
    apply();
    media.addEventListener('change', apply);
    return () => media.removeEventListener('change', apply);
  }, [theme]);
}

function useLanguageSetting(systemLocale: string): void {
  const language = useStore((s) => s.settings.language);
  useEffect(() => {
    void setLanguage(resolveLanguage(language, systemLocale));
  }, [language, systemLocale]);
}

/** Shortcuts that work anywhere, from the registered commands' keys (the code editor claims them first while focused). */
function useGlobalShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      dispatchShortcut(e);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/**
 * The first stop of the Tab key on every screen: straight to the work (the editor in the
 * sandbox, the step in a lesson, the course itself on the course map).
 */
function SkipLink() {
  const { t } = useTranslation();
  const screen = useStore((s) => s.screen);
  useRegistry();
  const label = (findScreen(screen) ?? navScreens()[0])?.skipLabel ?? 'app.skipToCourse';
  return (
    <a
      className="skip-link"
      href="#main-content"
      data-testid="skip-link"
      onClick={(e) => {
        e.preventDefault();
        focusLanding();
      }}
    >
      {t(label)}
    </a>
  );
}

/** The application shell. */
export function App({ systemLocale }: { systemLocale: string }) {
  useTheme();
  useLanguageSetting(systemLocale);
  useGlobalShortcuts();
  return (
    <RTooltip.Provider>
      <SkipLink />
      <Screens />
      <CommandPalette />
      <SettingsDialog />
      <Notices />
    </RTooltip.Provider>
  );
}
