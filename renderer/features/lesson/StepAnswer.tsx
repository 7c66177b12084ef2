import { useTranslation } from 'react-i18next';
import { CheckCircle2, Info } from 'lucide-react';
import type { Step } from '../../../core/lessons/step-kinds.ts';
import { useStore } from '../../state/store.ts';
import { EMPTY_ANSWER } from '../../state/lesson-slice.ts';

/**
 * The answer form of a choice step: one or several choices, and the learner's own reason. Once the
 * step is passed, every choice shows its explanation: why the right ones are right, too.
 */
export function ChoiceAnswer({ step, answerKey }: { step: Extract<Step, { kind: 'choice' }>; answerKey: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ko' ? 'ko' : 'en';
  const answer = useStore((s) => s.answers[answerKey] ?? EMPTY_ANSWER);
  const setAnswer = useStore((s) => s.setAnswer);
  const passed = useStore((s) => {
    const outcome = s.outcomes[answerKey];
    return !!outcome && 'verdict' in outcome && outcome.verdict.pass;
  });
  const reasonId = `reason-${step.id}`;
  const multiple = step.multiple ?? false;
  const toggle = (id: string, checked: boolean) =>
    setAnswer(answerKey, {
      selected: multiple ? (checked ? [...answer.selected, id] : answer.selected.filter((x) => x !== id)) : [id],
    });
  return (
    <fieldset className="choice-answer" data-testid="choice-answer">
      <legend className="sr-only">{step.title[lang]}</legend>
      {step.choices.map((c) => {
        const explained = passed && c.explanation;
        return (
          <label
            key={c.id}
            className={`choice ${answer.selected.includes(c.id) ? 'selected' : ''} ${passed && c.correct ? 'right' : ''}`}
            data-testid={`choice-label-${c.id}`}
          >
            <input
              type={multiple ? 'checkbox' : 'radio'}
              name={`choice-${step.id}`}
              checked={answer.selected.includes(c.id)}
              onChange={(e) => toggle(c.id, e.target.checked)}
              data-testid={`choice-${c.id}`}
            />
            <span className="choice-text">
              <span>{c.label[lang]}</span>
              {explained ? (
                <span className={`choice-why ${c.correct ? 'right' : ''}`} data-testid={`why-${c.id}`}>
                  {c.correct ? <CheckCircle2 size={13} aria-hidden /> : <Info size={13} aria-hidden />}{' '}
                  <span className="sr-only">{c.correct ? t('lesson.whyRight') : t('lesson.whyNot')}</span>
                  {c.explanation![lang]}
                </span>
              ) : null}
            </span>
          </label>
        );
      })}
      {step.reason ? (
        <div className="field reason">
          <label className="label" htmlFor={reasonId}>
            {step.reason.prompt[lang]}{' '}
            {step.reason.required ? (
              <span className="required-mark" data-testid="reason-required">
                {t('lesson.required')}
              </span>
            ) : (
              <span className="muted">{t('lesson.optional')}</span>
            )}
          </label>
          <textarea
            id={reasonId}
            className="input textarea"
            value={answer.reason}
            onChange={(e) => setAnswer(answerKey, { reason: e.target.value })}
            rows={3}
            required={step.reason.required}
            aria-required={step.reason.required}
            data-testid="reason"
          />
        </div>
      ) : null}
    </fieldset>
  );
}

/** The answer form of a number step. */
export function NumberAnswer({
  step,
  answerKey,
  onSubmit,
}: {
  step: Extract<Step, { kind: 'number' }>;
  answerKey: string;
  onSubmit: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ko' ? 'ko' : 'en';
  const answer = useStore((s) => s.answers[answerKey] ?? EMPTY_ANSWER);
  const setAnswer = useStore((s) => s.setAnswer);
  return (
    <form
      className="number-answer"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <label htmlFor={`number-${step.id}`} className="label">
        {t('lesson.yourNumber')}
      </label>
      <input
        id={`number-${step.id}`}
        className="input"
        inputMode="decimal"
        value={answer.text}
        onChange={(e) => setAnswer(answerKey, { text: e.target.value })}
        data-testid="number-input"
        style={{ width: 200 }}
        autoComplete="off"
      />
      {step.unit ? <span className="muted">{step.unit[lang]}</span> : null}
    </form>
  );
}
