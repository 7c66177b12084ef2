import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Wrench, XCircle } from 'lucide-react';
import { formatMessage, isAuthorFacing, type Message } from '../../../core/grading/messages.ts';
import type { Lang } from '../../../core/lessons/localized.ts';
import { CapstoneVerdict, capstoneVerdictAnnouncement } from './CapstoneVerdict.tsx';

/** A metric series' diagnostics: each repeats in numbers what a matched known mistake already says in words. */
const SERIES_DETAIL = new Set<Message['code']>([
  'metric-fixed-grain',
  'metric-periods-missing',
  'metric-periods-extra',
  'metric-periods-repeated',
  'metric-values-differ',
]);

/**
 * Which messages a failed verdict shows and which it folds: when the lesson's feedback for a known
 * mistake leads, two or more series diagnostics after it go into a closed "details" (one alone,
 * with its first differing period, stays in view). Everything else is always shown.
 */
export function splitVerdictMessages(messages: readonly Message[]): { shown: Message[]; folded: Message[] } {
  const details = messages.filter((m) => SERIES_DETAIL.has(m.code));
  if (messages[0]?.code !== 'known-mistake' || details.length < 2) return { shown: [...messages], folded: [] };
  return { shown: messages.filter((m) => !SERIES_DETAIL.has(m.code)), folded: details };
}

/**
 * A verdict that did not pass. Messages about the step itself (a broken reference, a missing
 * database) are for the lesson's author: the learner sees a neutral notice that their answer is
 * not at fault, with the author's detail folded away, and never "Not yet".
 */
export function FailedVerdict({ messages, lang }: { messages: Message[]; lang: Lang }) {
  const { t } = useTranslation();
  const problems = messages.filter(isAuthorFacing);
  const { shown, folded } = splitVerdictMessages(messages);
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
  // A capstone's verdict leads with its first failing stage and keeps the other stages to one line.
  if (messages[0]?.code === 'capstone-stage-failed') return <CapstoneVerdict messages={messages} lang={lang} />;
  return (
    <div className="verdict fail" data-testid="verdict-fail">
      <XCircle aria-hidden />
      <div>
        <strong>{t('lesson.notYet')}</strong>
        <ul data-testid="verdict-messages">
          {shown.map((m, i) => (
            <li key={i}>{formatMessage(m, lang)}</li>
          ))}
          {folded.length > 0 ? (
            <li className="verdict-more">
              <details data-testid="verdict-details">
                <summary>{t('lesson.verdictDetails', { count: folded.length })}</summary>
                <ul>
                  {folded.map((m, i) => (
                    <li key={i}>{formatMessage(m, lang)}</li>
                  ))}
                </ul>
              </details>
            </li>
          ) : null}
        </ul>
      </div>
    </div>
  );
}

/** What a screen reader hears for a failed verdict: the same choice as FailedVerdict, without the folded detail. */
export function failedVerdictAnnouncement(messages: Message[], lang: Lang, t: TFunction): string {
  if (messages.some(isAuthorFacing)) return `${t('lesson.stepProblem')} ${t('lesson.stepProblemBody')}`;
  const capstone = capstoneVerdictAnnouncement(messages, lang);
  if (capstone !== null) return `${t('lesson.notYet')} ${capstone}`;
  const { shown } = splitVerdictMessages(messages);
  return `${t('lesson.notYet')} ${shown.map((m) => formatMessage(m, lang)).join(' ')}`;
}
