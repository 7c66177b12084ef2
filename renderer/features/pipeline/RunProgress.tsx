import { useTranslation } from 'react-i18next';
import { usePipelineProgress } from './pipeline-store.ts';

/**
 * The progress of the run, backfill or check in progress: a bar, what is being worked on, and a
 * live announcement. It alone follows the progress reports (the rest of the workbench does not re-render for them).
 */
export function RunProgress({ sessionKey }: { sessionKey: string }) {
  const { t } = useTranslation();
  const session = usePipelineProgress(sessionKey);
  if (!session.busy || session.busy === 'preview' || session.busy === 'query') return null;
  const p = session.progress;
  const share = p && p.total > 0 ? Math.min(1, p.done / p.total) : null;
  const what = t(`pipeline.busy.${session.busy}`);
  return (
    <div className="pl-progress" data-testid="pl-progress">
      <div
        className="pl-progress-bar"
        role="progressbar"
        aria-label={what}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={share === null ? undefined : Math.round(share * 100)}
      >
        <span style={{ width: share === null ? '30%' : `${Math.round(share * 100)}%` }} className={share === null ? 'indeterminate' : ''} />
      </div>
      <span className="small" aria-live="polite">
        {what}
        {p?.label ? ` · ${p.label}` : ''}
        {share !== null ? ` · ${Math.round(share * 100)}%` : ''}
      </span>
    </div>
  );
}
