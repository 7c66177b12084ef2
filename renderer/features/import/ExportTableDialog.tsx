import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../ui/Dialog.tsx';
import { Select } from '../../ui/Select.tsx';
import { useStore } from '../../state/store.ts';
import { useImportStore } from './import-store.ts';
import { exportTableCsv } from './import-flow.ts';

/** "Export table as CSV…" from the palette: choose one of the open database's tables, then save it. */
export function ExportTableDialog() {
  const { t } = useTranslation();
  const open = useImportStore((s) => s.exportOpen);
  const setExportOpen = useImportStore((s) => s.setExportOpen);
  const schema = useStore((s) => s.schema);
  const tables = schema.filter((o) => o.type === 'table');
  const [table, setTable] = useState('');
  useEffect(() => {
    // The learner's own tables first: the one they just imported is the likely one.
    if (open) setTable((tables.find((o) => !o.bundled) ?? tables[0])?.name ?? '');
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);
  return (
    <Dialog
      open={open}
      onOpenChange={setExportOpen}
      title={t('import.exportPick')}
      description={t('import.exportPickBody')}
      testId="export-table-dialog"
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!table) return;
          setExportOpen(false);
          void exportTableCsv(table);
        }}
      >
        <div className="field">
          <span className="label">{t('import.exportTableLabel')}</span>
          <Select
            label={t('import.exportTableLabel')}
            testId="export-table-select"
            value={table}
            minWidth={260}
            options={[...tables.filter((o) => !o.bundled), ...tables.filter((o) => o.bundled)].map((o) => ({
              value: o.name,
              label: o.name,
              group: o.bundled ? t('schema.tables') : t('schema.yours'),
            }))}
            onChange={setTable}
          />
        </div>
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={() => setExportOpen(false)}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn primary" disabled={!table} data-testid="export-table-confirm">
            {t('import.exportConfirm')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
