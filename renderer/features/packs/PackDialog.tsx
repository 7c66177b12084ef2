import { useTranslation } from 'react-i18next';
import { formatRefusal } from '../../../core/packs/refusals.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { usePackFlow } from './flow-state.ts';
import { closePackFlow, confirmReplace, replacesWithNewer } from './open-pack.ts';

/** The dialog of opening a class pack: checking with progress, the reasons it was refused, or confirming a replacement. */
export default function PackDialog() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ko' ? 'ko' : 'en';
  const flow = usePackFlow();
  if (flow.stage === 'idle') return null;
  const onOpenChange = (open: boolean) => {
    if (!open) closePackFlow();
  };
  if (flow.stage === 'checking') {
    const p = flow.progress;
    const value = p ? (p.total === 0 ? 1 : p.done / p.total) : 0;
    const phase = p ? t(`packs.phase.${p.phase}`, { done: p.done, total: p.total, label: p.label }) : t('packs.checkingFile', { name: flow.name });
    return (
      <Dialog open onOpenChange={onOpenChange} title={t('packs.checkingTitle')} description={t('packs.checkingFile', { name: flow.name })} testId="pack-checking">
        <p className="pack-phase" aria-live="polite">
          {phase}
        </p>
        <span className="step-bar" role="progressbar" aria-label={phase} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(value * 100)}>
          <span style={{ width: `${Math.round(value * 100)}%` }} />
        </span>
        <div className="dialog-actions">
          <button className="btn" onClick={closePackFlow}>
            {t('packs.cancel')}
          </button>
        </div>
      </Dialog>
    );
  }
  if (flow.stage === 'refused') {
    return (
      <Dialog open onOpenChange={onOpenChange} title={t('packs.refusedTitle')} description={t('packs.refusedBody', { name: flow.name })} testId="pack-refused">
        <ul className="pack-refusals">
          {flow.refusals.map((r, i) => (
            <li key={i} data-code={r.code}>
              {formatRefusal(r, lang)}
            </li>
          ))}
        </ul>
        <div className="dialog-actions">
          <button className="btn primary" autoFocus onClick={closePackFlow}>
            {t('packs.close')}
          </button>
        </div>
      </Dialog>
    );
  }
  if (flow.stage === 'failed') {
    return (
      <Dialog open onOpenChange={onOpenChange} title={t('packs.failedTitle')} description={t('packs.failedBody', { name: flow.name, message: flow.message })} testId="pack-failed">
        <div className="dialog-actions">
          <button className="btn primary" autoFocus onClick={closePackFlow}>
            {t('packs.close')}
          </button>
        </div>
      </Dialog>
    );
  }
  const params = { title: flow.pack.title[lang], installed: flow.installedVersion, version: flow.pack.manifest.version };
  return (
    <Dialog
      open
      onOpenChange={onOpenChange}
      title={t('packs.replaceTitle')}
      description={replacesWithNewer() ? t('packs.replaceNewer', params) : t('packs.replaceSameOrOlder', params)}
      testId="pack-replace"
    >
      <div className="dialog-actions">
        <button className="btn" onClick={closePackFlow}>
          {t('packs.cancel')}
        </button>
        <button className="btn primary" autoFocus onClick={() => void confirmReplace()} data-testid="pack-replace-confirm">
          {t('packs.replaceConfirm')}
        </button>
      </div>
    </Dialog>
  );
}
