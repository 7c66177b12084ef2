import { useTranslation } from 'react-i18next';
import type { HardStep } from '../../../core/class-report/analyse.ts';

/** The steps where most learners failed, ranked, each with the wrong-answer message they got most. */
export function HardestSteps({ steps }: { steps: HardStep[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ko' ? 'ko' : 'en';
  const number = new Intl.NumberFormat(i18n.language);
  if (steps.length === 0) return <p className="muted">{t('class.hard.none')}</p>;
  return (
    <ol className="class-hard" data-testid="class-hardest">
      {steps.map((h) => (
        <li key={h.step.key} className="class-hard-item" data-step={h.step.key}>
          <div className="class-hard-head">
            <span className="class-hard-lesson">{h.step.lessonTitle[lang]}</span>
            <strong>{t('class.hard.step', { number: h.step.number, title: h.step.stepTitle[lang] })}</strong>
          </div>
          <p className="class-hard-figures">
            {t('class.hard.share', { failed: h.failed, tried: h.tried, percent: Math.round(h.failedShare * 100) })}
            {' · '}
            {t('class.hard.attempts', { median: number.format(h.medianAttempts) })}
            {' · '}
            {t('class.hard.wrong', { count: h.wrongAnswers })}
          </p>
          {h.message ? (
            <div className="class-hard-message" data-testid="class-hard-message">
              <span className="class-hard-label">{t('class.hard.message')}</span>{' '}
              <code>{h.message.code}</code>{' '}
              <span className="muted">{t('class.hard.messageCount', { count: h.message.learners, times: h.message.count })}</span>
              {h.message.text ? (
                <blockquote lang={h.message.language ?? undefined}>
                  {h.message.text}
                  {h.message.language && h.message.language !== lang ? (
                    <span className="muted" lang={lang}>
                      {' '}
                      {t('class.hard.inOther', { language: t(h.message.language === 'ko' ? 'class.hard.korean' : 'class.hard.english') })}
                    </span>
                  ) : null}
                </blockquote>
              ) : (
                <p className="muted">{t('class.hard.noText')}</p>
              )}
            </div>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
