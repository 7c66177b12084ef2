import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import * as Alert from '@radix-ui/react-alert-dialog';
import { Dialog } from '../../ui/Dialog.tsx';
import { applyMerge, applyReplace, onPendingImport, type PendingImport } from './progress-file.ts';

/**
 * The preview of a progress import: how many steps the file adds, has newer or older than the
 * learner's, then Merge (the default action) or Replace, which asks once more because it
 * throws away what the file does not have.
 */
export function ImportProgressDialog() {
  const { t } = useTranslation();
  const [pending, setPending] = useState<PendingImport | null>(null);
  const [confirming, setConfirming] = useState(false);
  useEffect(
    () =>
      onPendingImport((next) => {
        setConfirming(false);
        setPending(next);
      }),
    [],
  );
  if (!pending) return null;
  const { plan } = pending;
  const close = () => {
    setConfirming(false);
    setPending(null);
  };
  const rows: [string, number, string][] = [
    ['added', plan.added.length, t('course.importAdded')],
    ['newer', plan.newer.length, t('course.importNewerSteps')],
    ['older', plan.older.length, t('course.importOlderSteps')],
    ['same', plan.same.length, t('course.importSame')],
    ['only-mine', plan.onlyMine.length, t('course.importOnlyMine')],
  ];
  const total = Object.keys(pending.incoming.steps).length;

  return (
    <>
      <Dialog
        open={!confirming}
        onOpenChange={(open) => {
          if (!open) close();
        }}
        title={t('course.importTitle')}
        description={t('course.importFrom', { file: pending.fileName, count: total })}
        testId="import-dialog"
      >
        <dl className="import-plan">
          {rows.map(([id, count, label]) => (
            <div key={id} className="import-plan-row" data-testid={`import-${id}`}>
              <dt>{label}</dt>
              <dd>{count}</dd>
            </div>
          ))}
        </dl>
        <p className="import-help">{t('course.importMergeHelp')}</p>
        <div className="dialog-actions">
          <button className="btn" onClick={close} data-testid="import-cancel">
            {t('common.cancel')}
          </button>
          <button className="btn danger" onClick={() => setConfirming(true)} data-testid="import-replace">
            {t('course.importReplace')}
          </button>
          <button
            className="btn primary"
            autoFocus
            onClick={() => {
              applyMerge(pending);
              close();
            }}
            data-testid="import-merge"
          >
            {t('course.importMerge')}
          </button>
        </div>
      </Dialog>
      <Alert.Root
        open={confirming}
        onOpenChange={(open) => {
          if (!open) setConfirming(false);
        }}
      >
        <Alert.Portal>
          <Alert.Overlay className="overlay" />
          <Alert.Content className="dialog" data-testid="import-replace-dialog">
            <Alert.Title>{t('course.importReplaceTitle')}</Alert.Title>
            <Alert.Description>{t('course.importReplaceBody', { lost: plan.onlyMine.length, older: plan.older.length })}</Alert.Description>
            <div className="dialog-actions">
              <Alert.Cancel className="btn">{t('common.cancel')}</Alert.Cancel>
              <Alert.Action
                className="btn danger"
                onClick={() => {
                  applyReplace(pending);
                  close();
                }}
                data-testid="import-replace-confirm"
              >
                {t('course.importReplaceConfirm')}
              </Alert.Action>
            </div>
          </Alert.Content>
        </Alert.Portal>
      </Alert.Root>
    </>
  );
}
