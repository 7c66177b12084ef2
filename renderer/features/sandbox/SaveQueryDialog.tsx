import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../state/store.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { currentTarget, getEditorText } from '../../editor/editor-bridge.ts';

/** Names and keeps the editor's SQL (the selection or the current statement if there is one). */
export function SaveQueryDialog() {
  const { t } = useTranslation();
  const open = useStore((s) => s.saveDialogOpen);
  const setSaveDialogOpen = useStore((s) => s.setSaveDialogOpen);
  const querySaved = useStore((s) => s.querySaved);
  const [name, setName] = useState('');
  useEffect(() => {
    if (open)
      setName(
        getEditorText()
          .split('\n')
          .find((l) => l.trim() && !l.trim().startsWith('--'))
          ?.trim()
          .slice(0, 60) ?? '',
      );
  }, [open]);
  const submit = () => {
    const { databaseId, saveQuery, notify } = useStore.getState();
    const sql = getEditorText().trim() || currentTarget()?.sql || '';
    if (!databaseId || !name.trim() || !sql) return;
    saveQuery(databaseId, name.trim(), sql);
    notify('success', t('saved.savedAs', { name: name.trim() }));
    querySaved();
  };
  return (
    <Dialog
      open={open}
      onOpenChange={setSaveDialogOpen}
      title={t('saved.dialogTitle')}
      description={t('saved.dialogBody')}
      testId="save-dialog"
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <div className="field">
          <label htmlFor="save-name">{t('saved.name')}</label>
          <input
            id="save-name"
            className="input"
            value={name}
            onChange={(e) => setName(e.target.value)}
            autoFocus
            required
            data-testid="save-name"
          />
        </div>
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={() => setSaveDialogOpen(false)}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn primary" disabled={!name.trim()} data-testid="save-confirm">
            {t('saved.confirm')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
