import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_LEARNER_NAME } from '../../../core/class-report/schema.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { exportReport } from './class-actions.ts';

// The name typed last, so a second export in the same session does not ask again from scratch.
let lastName = '';

/** The learner names themselves and saves their progress report; the dialog says what the file holds. */
export function ExportReportDialog() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(true);
  const [name, setName] = useState(lastName);
  const trimmed = name.trim();
  const close = () => {
    setOpen(false);
  };
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next) close();
      }}
      title={t('class.export.title')}
      description={t('class.export.description')}
      testId="report-export-dialog"
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!trimmed) return;
          lastName = trimmed;
          exportReport(trimmed);
          close();
        }}
      >
        <div className="field">
          <label htmlFor="report-learner-name">{t('class.export.name')}</label>
          <input
            id="report-learner-name"
            className="input"
            value={name}
            maxLength={MAX_LEARNER_NAME}
            placeholder={t('class.export.namePlaceholder')}
            onChange={(e) => setName(e.target.value)}
            aria-describedby="report-privacy"
            autoComplete="off"
            autoFocus
            required
            data-testid="report-learner-name"
          />
        </div>
        <p id="report-privacy" className="class-privacy" data-testid="report-privacy">
          {t('class.export.privacy')}
        </p>
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={close}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn primary" disabled={!trimmed} data-testid="report-export-confirm">
            {t('class.export.confirm')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
