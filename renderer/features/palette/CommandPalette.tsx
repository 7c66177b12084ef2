import { useTranslation } from 'react-i18next';
import * as RDialog from '@radix-ui/react-dialog';
import { Command as Cmdk } from 'cmdk';
import { useStore } from '../../state/store.ts';
import { paletteEntries, runCommand } from '../../commands/commands.ts';
import { useRegistry } from '../../app/use-registry.ts';
import { returnFocusOnClose } from '../../ui/focus.ts';

/** Every registered command on show, searchable: the same registry drives the shortcuts. */
export function CommandPalette() {
  const { t } = useTranslation();
  const open = useStore((s) => s.paletteOpen);
  const setPaletteOpen = useStore((s) => s.setPaletteOpen);
  const state = useStore();
  useRegistry();
  return (
    <RDialog.Root open={open} onOpenChange={setPaletteOpen}>
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
              {paletteEntries(state, t).map((cmd) => (
                <Cmdk.Item
                  key={cmd.id}
                  value={`${cmd.label} ${cmd.id}`}
                  disabled={!cmd.enabled}
                  onSelect={() => {
                    setPaletteOpen(false);
                    // Let the dialog close and focus return before the command acts.
                    setTimeout(() => runCommand(cmd.id), 0);
                  }}
                >
                  <span>{cmd.label}</span>
                  {cmd.keys ? <span className="kbd">{cmd.keys}</span> : null}
                </Cmdk.Item>
              ))}
            </Cmdk.List>
          </Cmdk>
        </RDialog.Content>
      </RDialog.Portal>
    </RDialog.Root>
  );
}
