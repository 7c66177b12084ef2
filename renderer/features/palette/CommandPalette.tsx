import { useTranslation } from 'react-i18next';
import * as RDialog from '@radix-ui/react-dialog';
import { Command as Cmdk } from 'cmdk';
import { useStore } from '../../state/store.ts';
import { COMMANDS, displayKeys, onScreen, runCommand } from '../../commands/commands.ts';
import { returnFocusOnClose } from '../../ui/focus.ts';

/** Every command, searchable, from the same list that drives the shortcuts. */
export function CommandPalette() {
  const { t } = useTranslation();
  const open = useStore((s) => s.paletteOpen);
  const setUi = useStore((s) => s.setUi);
  const state = useStore();
  return (
    <RDialog.Root open={open} onOpenChange={(o) => setUi({ paletteOpen: o })}>
      <RDialog.Portal>
        <RDialog.Overlay className="overlay" />
        <RDialog.Content
          className="dialog palette"
          data-testid="palette"
          aria-describedby={undefined}
          onCloseAutoFocus={returnFocusOnClose}
        >
          <RDialog.Title className="sr-only">{t('palette.title')}</RDialog.Title>
          <Cmdk label={t('palette.title')} loop>
            <Cmdk.Input placeholder={t('palette.placeholder')} autoFocus data-testid="palette-input" />
            <Cmdk.List>
              <Cmdk.Empty>{t('palette.empty')}</Cmdk.Empty>
              {COMMANDS.filter((cmd) => onScreen(cmd, state)).map((cmd) => {
                const enabled = !cmd.enabled || cmd.enabled(state);
                return (
                  <Cmdk.Item
                    key={cmd.id}
                    value={`${t(cmd.label)} ${cmd.id}`}
                    disabled={!enabled}
                    onSelect={() => {
                      setUi({ paletteOpen: false });
                      // Let the dialog close and focus return before the command acts.
                      setTimeout(() => runCommand(cmd.id), 0);
                    }}
                  >
                    <span>{t(cmd.label)}</span>
                    {cmd.keys ? <span className="kbd">{displayKeys(cmd.keys)}</span> : null}
                  </Cmdk.Item>
                );
              })}
            </Cmdk.List>
          </Cmdk>
        </RDialog.Content>
      </RDialog.Portal>
    </RDialog.Root>
  );
}
