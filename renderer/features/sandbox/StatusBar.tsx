import { useTranslation } from 'react-i18next';
import { Keyboard, Languages } from 'lucide-react';
import { useStore } from '../../state/store.ts';
import { runCommand } from '../../commands/commands.ts';
import { ElapsedTimer } from './ElapsedTimer.tsx';
import { TAB_FOCUS_KEYS, useEditorStatus } from '../../editor/editor-status.ts';

/**
 * The bottom line: engine state (announced politely to screen readers), what Tab does while the
 * editor has focus (the way out of its Tab trap), and the language switch.
 */
export function StatusBar() {
  const { t, i18n } = useTranslation();
  const engine = useStore((s) => s.engine);
  const engineError = useStore((s) => s.engineError ?? s.catalogError);
  const startedAt = useStore((s) => s.run?.startedAt ?? null);
  const editor = useEditorStatus();
  return (
    <footer className="statusbar">
      <span role="status" aria-live="polite" data-testid="engine-status">
        <span className={`status-dot ${engine}`} aria-hidden />
        {engine === 'error' && engineError ? engineError : t(`status.${engine}`)}
        {engine === 'busy' && startedAt !== null ? (
          <>
            {' '}
            <ElapsedTimer since={startedAt} />
          </>
        ) : null}
      </span>
      <span className="spacer" />
      {editor.focused ? (
        <span className="tab-hint small" data-testid="tab-hint">
          <Keyboard size={13} aria-hidden /> {t(editor.tabMovesFocus ? 'editor.tabMovesFocus' : 'editor.tabTrap', { keys: TAB_FOCUS_KEYS })}
        </span>
      ) : null}
      <button
        className="btn ghost small"
        onClick={() => runCommand('toggle-language')}
        data-testid="toggle-language"
        aria-label={t('commands.toggleLanguage')}
      >
        <Languages size={13} aria-hidden /> {i18n.language === 'ko' ? '한국어' : 'English'}
      </button>
    </footer>
  );
}
