import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../core/format/number.ts';
import type { Progress } from '../../../core/worker/envelope.ts';

/** A quality run under way as the worker reports it: checks done of the total, and what runs now. */
export interface QualityRunProgress {
  done: number;
  total: number;
  current?: Progress['current'] | null;
}

/**
 * The sentence for a run under way: the check running ("Check 3 of 40: missing_count(email) = 0
 * (line 12)"), the lake source being read, or "Running…" before the worker has said anything.
 */
export function runProgressText(t: TFunction, lang: 'ko' | 'en', p: QualityRunProgress | null): string {
  const current = p?.current;
  if (!p || !current || p.total === 0) return t('governance.quality.running');
  const line = current.line ?? 0;
  if (current.stage === 'source') return t('governance.quality.runSource', { source: current.text.replace(/^lake:/, ''), line });
  return t('governance.quality.runProgress', {
    n: formatNumber(Math.min(p.done + 1, p.total), lang),
    total: formatNumber(p.total, lang),
    check: current.text,
    line,
  });
}

/** The run's progress: its sentence (a live status) and a bar of checks done. */
export function QualityRunStatus({ progress, testId }: { progress: QualityRunProgress | null; testId?: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ko' ? 'ko' : 'en';
  return (
    <span className="qc-progress" role="status" data-testid={testId}>
      <span className="qc-progress-text">{runProgressText(t, lang, progress)}</span>
      {progress && progress.total > 0 ? (
        <progress max={progress.total} value={progress.done} aria-label={t('governance.quality.runBar')} />
      ) : null}
    </span>
  );
}
