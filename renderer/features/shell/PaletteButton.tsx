import { useTranslation } from 'react-i18next';
import { Command } from 'lucide-react';
import { displayKeys, runCommand } from '../../commands/commands.ts';
import { Tooltip } from '../../ui/Tooltip.tsx';

/** The top bar's "Commands" button: opens the command palette, its shortcut in the tooltip. */
export function PaletteButton({ testId }: { testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tooltip text={t('commands.palette')} keys={displayKeys('Mod+Shift+P')}>
      <button className="btn ghost" onClick={() => runCommand('palette')} aria-label={t('toolbar.palette')} data-testid={testId}>
        <Command aria-hidden /> <span className="btn-label">{t('toolbar.palette')}</span>
      </button>
    </Tooltip>
  );
}
