import { useTranslation } from 'react-i18next';
import { CircleCheck, CircleX, OctagonAlert, TriangleAlert, type LucideIcon } from 'lucide-react';
import type { CheckOutcome } from '../../../core/governance/types.ts';

/** The icon of each outcome, shown beside its word (the outcome never reads by colour alone). */
export const OUTCOME_ICONS: Record<CheckOutcome, LucideIcon> = {
  pass: CircleCheck,
  warn: TriangleAlert,
  fail: CircleX,
  error: OctagonAlert,
};

/** The order outcomes are counted and listed in. */
export const OUTCOMES: readonly CheckOutcome[] = ['fail', 'warn', 'error', 'pass'];

/** A check's outcome as a badge: icon, word and colour. */
export function QualityBadge({ outcome, count }: { outcome: CheckOutcome; count?: number }) {
  const { t } = useTranslation();
  const Icon = OUTCOME_ICONS[outcome];
  return (
    <span className={`qc-badge qc-${outcome}`} data-outcome={outcome}>
      <Icon size={13} aria-hidden />
      {count === undefined ? t(`governance.quality.outcome.${outcome}`) : t(`governance.quality.outcomeCount.${outcome}`, { count })}
    </span>
  );
}
