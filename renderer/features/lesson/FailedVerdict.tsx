import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Wrench, XCircle } from 'lucide-react';
import { formatMessage, isAuthorFacing, type Message } from '../../../core/grading/messages.ts';
import type { Lang } from '../../../core/lessons/localized.ts';

/**
 * A verdict that did not pass. Messages about the step itself (a broken reference, a missing
 * database) are for the lesson's author: the learner sees a neutral notice that their answer is
 * not at fault, with the author's detail folded away, and never "Not yet".
 */
export function FailedVerdict({ messages, lang }: { messages: Message[]; lang: Lang }) {
  const { t } = useTranslation();
  const problems = messages.filter(isAuthorFacing);
  if (problems.length > 0)
    return (
      <div className="verdict problem" data-testid="verdict-problem">
        <Wrench aria-hidden />
        <div>
          <strong>{t('lesson.stepProblem')}</strong>
          <p>{t('lesson.stepProblemBody')}</p>
          <details className="problem-detail">
            <summary>{t('lesson.stepProblemDetail')}</summary>
            <ul>
              {problems.map((m, i) => (
                <li key={i}>{formatMessage(m, lang)}</li>
              ))}
            </ul>
          </details>
        </div>
      </div>
    );
  return (
    <div className="verdict fail" data-testid="verdict-fail">
      <XCircle aria-hidden />
      <div>
        <strong>{t('lesson.notYet')}</strong>
        <ul data-testid="verdict-messages">
          {messages.map((m, i) => (
            <li key={i}>{formatMessage(m, lang)}</li>
          ))}
        </ul>
      </div>
    </div>
  );
}

/** What a screen reader hears for a failed verdict: the same choice as FailedVerdict, without the folded detail. */
export function failedVerdictAnnouncement(messages: Message[], lang: Lang, t: TFunction): string {
  if (messages.some(isAuthorFacing)) return `${t('lesson.stepProblem')} ${t('lesson.stepProblemBody')}`;
  return `${t('lesson.notYet')} ${messages.map((m) => formatMessage(m, lang)).join(' ')}`;
}
