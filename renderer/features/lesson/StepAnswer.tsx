import { useTranslation } from 'react-i18next';
import type { Step } from '../../../core/lessons/step-kinds.ts';
import { useStore } from '../../state/store.ts';
import { EMPTY_ANSWER } from '../../state/lesson-slice.ts';

/** The answer form of a choice step: one or several choices, and the learner's own reason. */
export function ChoiceAnswer({ step, answerKey }: { step: Extract<Step, { kind: 'choice' }>; answerKey: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ko' ? 'ko' : 'en';
  const answer = useStore((s) => s.answers[answerKey] ?? EMPTY_ANSWER);
  const setAnswer = useStore((s) => s.setAnswer);
  const multiple = step.multiple ?? false;
  const toggle = (id: string, checked: boolean) =>
    setAnswer(answerKey, {
      selected: multiple ? (checked ? [...answer.selected, id] : answer.selected.filter((x) => x !== id)) : [id],
    });
  return (
    <fieldset className="choice-answer" data-testid="choice-answer">
      <legend className="sr-only">{step.title[lang]}</legend>
      {step.choices.map((c) => (
        <label key={c.id} className={`choice ${answer.selected.includes(c.id) ? 'selected' : ''}`}>
          <input
            type={multiple ? 'checkbox' : 'radio'}
            name={`choice-${step.id}`}
            checked={answer.selected.includes(c.id)}
            onChange={(e) => toggle(c.id, e.target.checked)}
            data-testid={`choice-${c.id}`}
          />
          <span>{c.label[lang]}</span>
        </label>
      ))}
      {step.reason ? (
        <label className="field reason">
          <span className="label">
            {step.reason.prompt[lang]} {step.reason.required ? '' : t('lesson.optional')}
          </span>
          <textarea
            className="input textarea"
            value={answer.reason}
            onChange={(e) => setAnswer(answerKey, { reason: e.target.value })}
            rows={3}
          />
        </label>
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
      />
      {step.unit ? <span className="muted">{step.unit[lang]}</span> : null}
    </form>
  );
}
