import { useTranslation } from 'react-i18next';
import { Languages } from 'lucide-react';
import { useStore } from '../../state/store.ts';
import { runCommand } from '../../commands/commands.ts';
import { ElapsedTimer } from './ElapsedTimer.tsx';

/** The bottom line: engine state (announced politely to screen readers) and the language switch. */
export function StatusBar() {
  const { t, i18n } = useTranslation();
  const engine = useStore((s) => s.engine);
  const engineError = useStore((s) => s.engineError ?? s.catalogError);
  const startedAt = useStore((s) => s.run?.startedAt ?? null);
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
