import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckCheck, CheckCircle2, Info, Loader2 } from 'lucide-react';
import { armsOf, readoutOf } from '../../../core/grading/experiment-grader.ts';
import { formatMessage } from '../../../core/grading/messages.ts';
import { DecisionSchema, type ExperimentStep } from '../../../core/lessons/kinds/decision-schemas.ts';
import type { Readout } from '../../../core/stats/types.ts';
import { useStore } from '../../state/store.ts';
import { EMPTY_ANSWER } from '../../state/lesson-slice.ts';
import { shownKeys } from '../../commands/commands.ts';
import { Tooltip } from '../../ui/Tooltip.tsx';
import { ReadoutPanel } from '../experiments/ReadoutPanel.tsx';
import { queryData } from '../sandbox/workbench.ts';
import { checkStep } from './lesson-actions.ts';

/**
 * An experiment step's lesson column: the readout computed from the learner's own per-arm result
 * (the last run, or the result a Check graded), then the call (a radio group) and its reasons (a
 * checklist), then Check. The readout tool's own recommendation stays hidden until the call is
 * checked and passes: making the call is the step's point. The call is kept in the draft answer's
 * `text`, the reasons in its `selected`.
 */

/** The decisions in the order they are offered. */
const DECISIONS = DecisionSchema.options;

/** The experiment's planned split from the step's database (experiments or exp_experiments), even when it has none. */
function usePlannedRatio(step: ExperimentStep, database: string): [number, number] {
  const databaseId = useStore((s) => s.databaseId);
  const engine = useStore((s) => s.engine);
  const [ratio, setRatio] = useState<[number, number]>([0.5, 0.5]);
  // Only once the step's own database is open and idle: a query sent while it opens would run on the one before.
  const ready = databaseId === database && engine === 'idle';
  const asked = useRef(false);
  useEffect(() => {
    if (!ready || asked.current) return;
    asked.current = true;
    let live = true;
    const id = step.experiment.replaceAll("'", "''");
    void (async () => {
      for (const table of ['experiments', 'exp_experiments']) {
        const out = await queryData(`SELECT control_share, treatment_share FROM ${table} WHERE experiment_id = '${id}'`, 1).catch(
          () => null,
        );
        const row = out && !out.error ? out.results.at(-1)?.rows[0] : undefined;
        if (row && typeof row[0] === 'number' && typeof row[1] === 'number') {
          if (live) setRatio([row[0], row[1]]);
          return;
        }
      }
    })();
    return () => {
      live = false;
    };
  }, [step.experiment, ready]);
  return ratio;
}

/** The readout of the result on show, or why there is none. */
function useLearnerReadout(step: ExperimentStep, database: string): { readout: Readout } | { problems: string[] } | null {
  const { i18n } = useTranslation();
  const lang = i18n.language === 'ko' ? 'ko' : 'en';
  const run = useStore((s) => s.run);
  // The result on show when the step opened belongs to another step's query: only this step's runs count.
  const before = useRef(useStore.getState().run);
  const ratio = usePlannedRatio(step, database);
  return useMemo(() => {
    if (run === before.current) return null;
    if (!run?.outcome || !('results' in run.outcome) || run.outcome.error) return null;
    const result = run.outcome.results.at(-1);
    if (!result || result.columns.length === 0) return null;
    const arms = armsOf(result);
    if ('messages' in arms) return { problems: arms.messages.map((m) => formatMessage(m, lang)) };
    const counts = [arms.control.users, arms.control.conversions, arms.treatment.users, arms.treatment.conversions];
    if (!counts.every((n) => typeof n === 'number' && Number.isInteger(n) && n >= 0)) return { problems: [] };
    const readout = readoutOf({ alpha: step.alpha, mde: step.mde }, arms, ratio);
    return readout ? { readout } : { problems: [] };
  }, [run, ratio, step.alpha, step.mde, lang]);
}

/** The readout, the call and its reasons, and Check. */
export function ExperimentDecision({ step, answerKey, database }: { step: ExperimentStep; answerKey: string; database: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ko' ? 'ko' : 'en';
  const answer = useStore((s) => s.answers[answerKey] ?? EMPTY_ANSWER);
  const setAnswer = useStore((s) => s.setAnswer);
  const checking = useStore((s) => s.checking);
  const passed = useStore((s) => {
    const outcome = s.outcomes[answerKey];
    return !!outcome && 'verdict' in outcome && outcome.verdict.pass;
  });
  const learner = useLearnerReadout(step, database);
  const toggle = (id: string, checked: boolean) =>
    setAnswer(answerKey, { selected: checked ? [...answer.selected, id] : answer.selected.filter((x) => x !== id) });
  return (
    <div className="experiment-step" data-testid="experiment-step">
      <section className="experiment-readout" aria-labelledby={`readout-${step.id}`} tabIndex={0}>
        <h3 id={`readout-${step.id}`} className="experiment-heading">
          {t('lesson.experiment.readout')}
        </h3>
        {learner === null ? (
          <p className="muted" data-testid="readout-run-first">
            {t('lesson.experiment.runFirst')}
          </p>
        ) : 'problems' in learner ? (
          <div className="experiment-cannot-read" role="status" data-testid="readout-cannot-read">
            <p>{learner.problems.length > 0 ? t('lesson.experiment.cannotRead') : t('lesson.experiment.badCounts')}</p>
            {learner.problems.length > 0 ? (
              <ul>
                {learner.problems.map((p, i) => (
                  <li key={i}>{p}</li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : (
          <div className="lesson-readout" data-testid="lesson-readout">
            <ReadoutPanel readout={learner.readout} variants={['control', 'treatment']} hideRecommendation={!passed} />
            {passed ? null : <p className="muted experiment-hidden-note">{t('lesson.experiment.recommendationHidden')}</p>}
          </div>
        )}
      </section>
      <fieldset className="choice-answer experiment-decision" data-testid="decision-group">
        <legend className="experiment-heading">{t('lesson.experiment.yourCall')}</legend>
        {DECISIONS.map((d) => (
          <label key={d} className={`choice ${answer.text === d ? 'selected' : ''} ${passed && step.decision === d ? 'right' : ''}`}>
            <input
              type="radio"
              name={`decision-${step.id}`}
              checked={answer.text === d}
              onChange={() => setAnswer(answerKey, { text: d })}
              data-testid={`decision-${d}`}
            />
            <span className="choice-text">{t(`lesson.experiment.decision.${d}`)}</span>
          </label>
        ))}
      </fieldset>
      <fieldset className="choice-answer experiment-reasons" data-testid="reasons-group">
        <legend className="experiment-heading">{t('lesson.experiment.reasons')}</legend>
        {step.reasons.map((r) => {
          const explained = passed && r.explanation;
          return (
            <label
              key={r.id}
              className={`choice ${answer.selected.includes(r.id) ? 'selected' : ''} ${passed && r.correct ? 'right' : ''}`}
            >
              <input
                type="checkbox"
                checked={answer.selected.includes(r.id)}
                onChange={(e) => toggle(r.id, e.target.checked)}
                data-testid={`reason-${r.id}`}
              />
              <span className="choice-text">
                <span>{r.label[lang]}</span>
                {explained ? (
                  <span className={`choice-why ${r.correct ? 'right' : ''}`}>
                    {r.correct ? <CheckCircle2 size={13} aria-hidden /> : <Info size={13} aria-hidden />}{' '}
                    <span className="sr-only">{r.correct ? t('lesson.whyRight') : t('lesson.whyNot')}</span>
                    {r.explanation![lang]}
                  </span>
                ) : null}
              </span>
            </label>
          );
        })}
      </fieldset>
      <div className="step-actions">
        <Tooltip text={t('commands.check')} keys={shownKeys('check')}>
          <button className="btn primary" onClick={() => void checkStep()} aria-disabled={checking} data-testid="check-decision">
            {checking ? <Loader2 className="spin" aria-hidden /> : <CheckCheck aria-hidden />} {t('lesson.experiment.check')}
          </button>
        </Tooltip>
      </div>
    </div>
  );
}
