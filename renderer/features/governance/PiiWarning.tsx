import { useTranslation } from 'react-i18next';
import { ArrowRight, ShieldAlert, X } from 'lucide-react';
import { openGovernance } from './governance-actions.ts';
import { usePiiWarning } from './pii-warning.ts';
import './pii-warning.css';

/**
 * The SQL editor's PII warning, above the results of the sandbox and the lesson editor: after a
 * run whose result selects direct identifiers outside a masked view, it names them and points to
 * the Masked views tab. It never blocks: the query ran and its rows are shown below. Dismissed, it
 * stays away until a run selects direct identifiers again.
 */
export function PiiWarning() {
  const { t, i18n } = useTranslation();
  const warning = usePiiWarning();
  if (!warning) return null;
  // The source column, and the name it goes by in the result when it was renamed.
  const names = warning.columns.map((c) => (c.output.toLowerCase() === c.column.toLowerCase() ? `${c.table}.${c.column}` : `${c.output} (${c.table}.${c.column})`));
  const list = new Intl.ListFormat(i18n.language.startsWith('ko') ? 'ko' : 'en', { type: 'conjunction' }).format(names);
  return (
    <div className="pii-warning" role="status" data-testid="pii-warning">
      <ShieldAlert size={18} aria-hidden className="pii-warning-icon" />
      <div className="pii-warning-text">
        <strong>{t('governance.warning.title')}</strong>
        <p>{t('governance.warning.body', { count: names.length, columns: list })}</p>
        <button className="btn small" onClick={() => openGovernance('masked')} data-testid="pii-warning-link">
          {t('governance.warning.link')} <ArrowRight aria-hidden />
        </button>
      </div>
      <button className="btn ghost small pii-warning-close" onClick={warning.dismiss} aria-label={t('governance.warning.dismiss')} data-testid="pii-warning-dismiss">
        <X aria-hidden />
      </button>
    </div>
  );
}
