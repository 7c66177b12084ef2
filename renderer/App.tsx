import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import * as RTooltip from '@radix-ui/react-tooltip';
import { useStore } from './state/store.ts';
import { COMMANDS, matchesKeys, onScreen, runCommand } from './commands/commands.ts';
import { resolveLanguage, setLanguage } from './i18n/index.ts';
import { SandboxScreen } from './features/sandbox/SandboxScreen.tsx';
import { CourseMap } from './features/course/CourseMap.tsx';
import { focusLanding } from './ui/focus.ts';

// The lesson player (Markdown, charts) loads when a lesson is first opened.
const LessonPlayer = lazy(() => import('./features/lesson/LessonPlayer.tsx').then((m) => ({ default: m.LessonPlayer })));

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

function Screens() {
  const screen = useStore((s) => s.screen);
  if (screen === 'lesson')
    return (
      <Suspense fallback={<ScreenLoading />}>
        <LessonPlayer />
      </Suspense>
    );
  if (screen === 'sandbox') return <SandboxScreen />;
  return <CourseMap />;
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

/** Shortcuts that work anywhere (the editor handles its own while focused). */
function useGlobalShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      for (const cmd of COMMANDS) {
        const keys = [cmd.keys, ...(cmd.altKeys ?? [])].filter((k) => k !== undefined);
        if (!onScreen(cmd) || !keys.some((k) => matchesKeys(e, k))) continue;
        // Escape cancels only a running query; otherwise it belongs to dialogs and widgets.
        if (cmd.id === 'cancel' && useStore.getState().engine !== 'busy') continue;
        e.preventDefault();
        runCommand(cmd.id);
        return;
      }
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
      {t(screen === 'sandbox' ? 'app.skipToEditor' : screen === 'lesson' ? 'app.skipToStep' : 'app.skipToCourse')}
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
