import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import * as RTooltip from '@radix-ui/react-tooltip';
import { useStore } from './state/store.ts';
import { COMMANDS, matchesKeys, onScreen, runCommand } from './commands/commands.ts';
import { resolveLanguage, setLanguage } from './i18n/index.ts';
import { SandboxScreen } from './features/sandbox/SandboxScreen.tsx';
import { CourseMap } from './features/course/CourseMap.tsx';

// The lesson player (Markdown, charts) loads when a lesson is first opened.
const LessonPlayer = lazy(() => import('./features/lesson/LessonPlayer.tsx').then((m) => ({ default: m.LessonPlayer })));

function Screens() {
  const screen = useStore((s) => s.screen);
  if (screen === 'lesson')
    return (
      <Suspense fallback={null}>
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
        if (!cmd.keys || !onScreen(cmd) || !matchesKeys(e, cmd.keys)) continue;
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

/** The application shell. */
export function App({ systemLocale }: { systemLocale: string }) {
  const { t } = useTranslation();
  useTheme();
  useLanguageSetting(systemLocale);
  useGlobalShortcuts();
  return (
    <RTooltip.Provider>
      <a className="skip-link" href="#sql-editor">
        {t('app.skipToEditor')}
      </a>
      <Screens />
      <CommandPalette />
      <SettingsDialog />
      <Notices />
    </RTooltip.Provider>
  );
}
