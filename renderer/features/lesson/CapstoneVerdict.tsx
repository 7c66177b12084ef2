import { useTranslation } from 'react-i18next';
import { Check, CircleDashed, Clock, X, XCircle } from 'lucide-react';
import type { CapstoneStageStatus } from '../../../core/grading/capstone-grader.ts';
import { formatMessage, type Message } from '../../../core/grading/messages.ts';
import type { Lang } from '../../../core/lessons/localized.ts';
import { capstoneVerdictParts } from './capstone-answer.ts';

/** A stage's status as an icon (the words beside it say it for screen readers). */
export function StageStatusIcon({ status }: { status: CapstoneStageStatus | 'unchecked' }) {
  if (status === 'passed') return <Check size={13} aria-hidden />;
  if (status === 'failed') return <X size={13} aria-hidden />;
  if (status === 'blocked') return <Clock size={13} aria-hidden />;
  return <CircleDashed size={13} aria-hidden />;
}

/**
 * A capstone that did not pass, in the feedback column: the first failing stage leads, set apart,
 * with its own messages (one example row each: the comparison holds the rest); the other stages
 * follow as one compact line of statuses, since each stage's detail is shown on its own tab.
 */
export function CapstoneVerdict({ messages, lang }: { messages: Message[]; lang: Lang }) {
  const { t } = useTranslation();
  const parts = capstoneVerdictParts(messages);
  if (!parts) return null;
  return (
    <div className="verdict fail capstone-verdict" data-testid="verdict-fail">
      <XCircle aria-hidden />
      <div data-testid="verdict-messages">
        <strong className="capstone-verdict-lead">{formatMessage(parts.lead, lang)}</strong>
        {parts.first.length > 0 ? (
          <ul>
            {parts.first.map((m, i) => (
              <li key={i}>{formatMessage(m, lang)}</li>
            ))}
          </ul>
        ) : null}
        {parts.stages.length > 0 ? (
          <ol className="capstone-verdict-stages" aria-label={t('lesson.capstone.stages')}>
            {parts.stages.map((s, i) => (
              <li key={s.stage} className={s.status}>
                <StageStatusIcon status={s.status} /> {i + 1}. {t(`lesson.capstone.stage.${s.stage}`)}: {t(`lesson.capstone.status.${s.status}`)}
              </li>
            ))}
          </ol>
        ) : null}
      </div>
    </div>
  );
}

/** What a screen reader hears for a failed capstone: the lead and the first failing stage's messages. */
export function capstoneVerdictAnnouncement(messages: Message[], lang: Lang): string | null {
  const parts = capstoneVerdictParts(messages);
  return parts ? [parts.lead, ...parts.first].map((m) => formatMessage(m, lang)).join(' ') : null;
}
