import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { CheckCircle2, CircleStop, ThumbsDown, ThumbsUp, Hourglass } from 'lucide-react';
import type { Decision, Readout, ReasonLine, TwoProportionResult, WelchResult } from '../../../core/stats/index.ts';
import { fmtCount, fmtFixed, fmtP, fmtPercent, fmtPp, fmtPShort, fmtStat, fmtWon } from './format.ts';
import './experiments.css';

/** Props of the readout: what core/stats computed, and how the arms are called (A/B by default). */
export interface ReadoutPanelProps {
  readout: Readout;
  welch?: WelchResult | null;
  labels?: { control: string; treatment: string };
  /** Another name for `labels` (the module map calls it so); `labels` wins when both are given. */
  armLabels?: { control: string; treatment: string };
  /** Shown inside the stop sign when the split is broken (the screen offers its breakdown there). */
  srmExtra?: ReactNode;
  /** The arms' names in the data (shown small under the labels). */
  variants?: [string, string];
  /** Leaves the recommendation out (the lesson player shows it only once the learner's own call passes). */
  hideRecommendation?: boolean;
}

const DECISION_ICON: Record<Decision, typeof ThumbsUp> = {
  ship: ThumbsUp,
  'dont-ship': ThumbsDown,
  'keep-running': Hourglass,
  invalid: CircleStop,
};

/** A reason's numbers as its sentence quotes them (percentage points, p-values, χ²). */
function reasonParams(reason: ReasonLine, lang: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(reason.params)) {
    if (typeof value !== 'number') out[key] = value;
    else if (key === 'pValue') out[key] = fmtP(value, lang);
    else if (key === 'threshold' || key === 'alpha') out[key] = String(value);
    else if (key === 'chiSquare') out[key] = fmtStat(value, lang);
    else if (key === 'diff') out[key] = fmtPp(value, lang, true);
    else if (key === 'low' || key === 'high' || key === 'mde') out[key] = fmtPp(value, lang);
    else if (key === 'relativeDiff') out[key] = fmtPercent(value, lang, 1);
    else out[key] = fmtCount(value, lang);
  }
  return out;
}

/** The one-sentence readout: who moved conversion by how much, its interval and p. */
export function plainReadout(effect: TwoProportionResult, labels: { control: string; treatment: string }, lang: string, t: TFunction): string {
  const { low, high } = effect.ci.newcombe;
  const p = effect.pValue < 0.001 ? `p ${fmtPShort(effect.pValue, lang)}` : `p = ${fmtP(effect.pValue, lang)}`;
  const key = effect.absoluteDiff > 0 ? 'plainUp' : effect.absoluteDiff < 0 ? 'plainDown' : 'plainFlat';
  return t(`experiments.readout.${key}`, {
    arm: labels.treatment,
    control: labels.control,
    diff: fmtPp(Math.abs(effect.absoluteDiff), lang),
    low: fmtPp(low, lang),
    high: fmtPp(high, lang),
    p,
  });
}

/**
 * The A/B readout in the order it must be read: users per arm against the planned split, the
 * sample-ratio check (a stop sign instead of any effect when it fails), conversion per arm, the
 * tests and intervals, revenue per user, the readout in plain words and the recommendation with
 * its reasons. Shared by the Experiments screen and the lesson player's experiment step.
 */
export function ReadoutPanel({ readout, welch, labels, armLabels, srmExtra, variants, hideRecommendation = false }: ReadoutPanelProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const names = labels ?? armLabels ?? { control: t('experiments.readout.control'), treatment: t('experiments.readout.treatment') };
  const { srm, effect, recommendation } = readout;
  const total = srm.observed.reduce((a, b) => a + b, 0);
  const armNames = [names.control, names.treatment];
  const Icon = DECISION_ICON[recommendation.decision];

  return (
    <section
      className="xp-readout"
      aria-label={t('experiments.readout.label')}
      data-testid="readout-panel"
      // Not even in an attribute while hidden: the call is the learner's to make.
      data-decision={hideRecommendation ? undefined : recommendation.decision}
    >
      <h3 className="xp-step">
        <span className="xp-step-n" aria-hidden>
          1
        </span>
        {t('experiments.readout.step1')}
      </h3>
      <table className="xp-table" data-testid="arms-table">
        <thead>
          <tr>
            <th scope="col">{t('experiments.readout.arm')}</th>
            <th scope="col" className="num">
              {t('experiments.readout.users')}
            </th>
            <th scope="col" className="num">
              {t('experiments.readout.share')}
            </th>
            <th scope="col" className="num">
              {t('experiments.readout.planned')}
            </th>
            <th scope="col" className="num">
              {t('experiments.readout.expected')}
            </th>
          </tr>
        </thead>
        <tbody>
          {srm.observed.map((users, i) => (
            <tr key={i}>
              <th scope="row">
                {armNames[i]}
                {variants?.[i] ? <span className="xp-variant">{variants[i]}</span> : null}
              </th>
              <td className="num">{fmtCount(users, lang)}</td>
              <td className="num">{fmtPercent(total > 0 ? users / total : 0, lang, 1)}</td>
              <td className="num">{fmtPercent(srm.ratios[i] ?? 0, lang, 1)}</td>
              <td className="num">{fmtFixed(srm.expected[i] ?? 0, lang, 1)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h3 className="xp-step">
        <span className="xp-step-n" aria-hidden>
          2
        </span>
        {t('experiments.readout.step2')}
      </h3>
      <p className="xp-stat" data-testid="srm-stat">
        {t('experiments.readout.srmStat', { chi: fmtStat(srm.chiSquare, lang), df: srm.df, p: fmtP(srm.pValue, lang) })}
      </p>
      {srm.mismatch ? (
        <div className="xp-stop" role="alert" data-testid="srm-stop">
          <CircleStop className="xp-stop-icon" aria-hidden />
          <div>
            <p className="xp-stop-title">{t('experiments.readout.stopTitle')}</p>
            <p>
              {t('experiments.readout.stopBody', {
                expectedControl: fmtCount(Math.round(srm.expected[0] ?? 0), lang),
                expectedTreatment: fmtCount(Math.round(srm.expected[1] ?? 0), lang),
                control: fmtCount(srm.observed[0] ?? 0, lang),
                treatment: fmtCount(srm.observed[1] ?? 0, lang),
                threshold: String(srm.threshold),
              })}
            </p>
            <p className="xp-stop-hint">{t('experiments.readout.stopHint')}</p>
            {srmExtra}
          </div>
        </div>
      ) : (
        <p className="xp-ok" data-testid="srm-ok">
          <CheckCircle2 aria-hidden /> {t('experiments.readout.srmOk')}
        </p>
      )}

      {effect ? <Effect effect={effect} welch={welch ?? null} names={names} lang={lang} /> : null}

      {hideRecommendation ? null : (
        <div className={`xp-decision ${recommendation.decision}`} data-testid="recommendation">
          <p className="xp-decision-title">
            <Icon aria-hidden />
            <span className="xp-decision-label">{t('experiments.readout.recommendation')}:</span>{' '}
            <strong data-testid="decision">{t(`experiments.readout.decision.${recommendation.decision}`)}</strong>
          </p>
          <ul className="xp-reasons">
            {recommendation.reasons.map((r, i) => (
              <li key={i} data-code={r.code}>
                {t(`experiments.readout.reason.${r.code}`, reasonParams(r, lang))}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

function Effect({ effect, welch, names, lang }: { effect: TwoProportionResult; welch: WelchResult | null; names: { control: string; treatment: string }; lang: string }) {
  const { t } = useTranslation();
  const arms = [
    { name: names.control, ...effect.control },
    { name: names.treatment, ...effect.treatment },
  ];
  const interval = (i: { low: number; high: number }) => t('experiments.readout.interval', { low: fmtPp(i.low, lang), high: fmtPp(i.high, lang) });
  const significant = effect.pValue < effect.alpha;
  return (
    <div data-testid="effect">
      <h3 className="xp-step">
        <span className="xp-step-n" aria-hidden>
          3
        </span>
        {t('experiments.readout.step3')}
      </h3>
      <table className="xp-table" data-testid="conversion-table">
        <thead>
          <tr>
            <th scope="col">{t('experiments.readout.arm')}</th>
            <th scope="col" className="num">
              {t('experiments.readout.users')}
            </th>
            <th scope="col" className="num">
              {t('experiments.readout.conversions')}
            </th>
            <th scope="col" className="num">
              {t('experiments.readout.rate')}
            </th>
          </tr>
        </thead>
        <tbody>
          {arms.map((a) => (
            <tr key={a.name}>
              <th scope="row">{a.name}</th>
              <td className="num">{fmtCount(a.users, lang)}</td>
              <td className="num">{fmtCount(a.conversions, lang)}</td>
              <td className="num">{fmtPercent(a.rate, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="xp-facts">
        <div>
          <dt>{t('experiments.readout.absDiff')}</dt>
          <dd data-testid="abs-diff">{t('experiments.readout.pp', { value: fmtPp(effect.absoluteDiff, lang, true) })}</dd>
        </div>
        <div>
          <dt>{t('experiments.readout.relDiff')}</dt>
          <dd data-testid="rel-diff">{effect.relativeDiff === null ? '—' : fmtPercent(effect.relativeDiff, lang, 1).replace(/^(?=\d)/, effect.relativeDiff > 0 ? '+' : '')}</dd>
        </div>
      </dl>

      <h3 className="xp-step">
        <span className="xp-step-n" aria-hidden>
          4
        </span>
        {t('experiments.readout.step4')}
      </h3>
      <dl className="xp-facts wide">
        <div>
          <dt>{t('experiments.readout.z')}</dt>
          <dd data-testid="z-test">{t('experiments.readout.zValue', { z: fmtStat(effect.z, lang), p: fmtP(effect.pValue, lang) })}</dd>
        </div>
        <div>
          <dt>{t('experiments.readout.newcombe')}</dt>
          <dd data-testid="ci-newcombe">{interval(effect.ci.newcombe)}</dd>
          <dd className="xp-hint">{t('experiments.readout.newcombeHint')}</dd>
        </div>
        <div>
          <dt>{t('experiments.readout.wald')}</dt>
          <dd data-testid="ci-wald">{interval(effect.ci.wald)}</dd>
          <dd className="xp-hint">{t('experiments.readout.waldHint')}</dd>
        </div>
      </dl>

      {welch ? (
        <div className="xp-welch" data-testid="welch">
          <h4>{t('experiments.readout.welchTitle')}</h4>
          <dl className="xp-facts">
            <div>
              <dt>
                {t('experiments.readout.revenueMean')} · {names.control}
              </dt>
              <dd>{fmtWon(welch.control.mean, lang)}</dd>
            </div>
            <div>
              <dt>
                {t('experiments.readout.revenueMean')} · {names.treatment}
              </dt>
              <dd>{fmtWon(welch.treatment.mean, lang)}</dd>
            </div>
            <div>
              <dt>{t('experiments.readout.welchDiff')}</dt>
              <dd>{fmtWon(welch.diff, lang, true)}</dd>
            </div>
            <div>
              <dt>{t('experiments.readout.welchCi')}</dt>
              <dd>{t('experiments.readout.wonInterval', { low: fmtWon(welch.ci.low, lang), high: fmtWon(welch.ci.high, lang) })}</dd>
            </div>
            <div>
              <dt>{t('experiments.readout.welchTest')}</dt>
              <dd data-testid="welch-test">{t('experiments.readout.welchValue', { t: fmtStat(welch.t, lang), df: fmtFixed(welch.df, lang, 1), p: fmtP(welch.pValue, lang) })}</dd>
            </div>
          </dl>
        </div>
      ) : null}

      <div className="xp-plain" data-testid="plain-readout">
        <p className="xp-plain-title">{t('experiments.readout.plainTitle')}</p>
        <p className="xp-plain-text">{plainReadout(effect, names, lang, t)}</p>
        <p>{t(significant ? 'experiments.readout.plainSignificant' : 'experiments.readout.plainNotSignificant', { alpha: effect.alpha })}</p>
      </div>
    </div>
  );
}
