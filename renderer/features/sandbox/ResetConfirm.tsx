import { useTranslation } from 'react-i18next';
import * as Alert from '@radix-ui/react-alert-dialog';
import { useStore } from '../../state/store.ts';
import { currentDatabaseName, resetDatabase } from './workbench.ts';

/** Confirmation before a database goes back to its bundled state. */
export function ResetConfirm() {
  const { t } = useTranslation();
  const open = useStore((s) => s.resetConfirmOpen);
  const setResetConfirmOpen = useStore((s) => s.setResetConfirmOpen);
  const name = currentDatabaseName();
  return (
    <Alert.Root open={open} onOpenChange={setResetConfirmOpen}>
      <Alert.Portal>
        <Alert.Overlay className="overlay" />
        <Alert.Content className="dialog" data-testid="reset-dialog">
          <Alert.Title>{t('reset.title')}</Alert.Title>
          <Alert.Description>{t('reset.body', { name })}</Alert.Description>
          <div className="dialog-actions">
            <Alert.Cancel className="btn">{t('reset.cancel')}</Alert.Cancel>
            <Alert.Action className="btn danger" onClick={() => void resetDatabase()} data-testid="reset-confirm">
              {t('reset.confirm')}
            </Alert.Action>
          </div>
        </Alert.Content>
      </Alert.Portal>
    </Alert.Root>
  );
}
