import { useTranslation } from 'react-i18next';
import { sampleSize, StatsInputError, type SampleSizeInput, type SampleSizeResult } from '../../../core/stats/index.ts';
import { useExperimentsStore, type SampleInputs } from './experiments-store.ts';
import { fmtCount, fmtPercent } from './format.ts';

type Field = 'baseline' | 'mde' | 'alpha' | 'power' | 'share' | 'traffic';
/** A field's problem: the key of its message under experiments.sample.errors. */
type FieldErrors = Partial<Record<Field, string>>;

function parse(text: string): number | null {
  const t = text.trim().replace(',', '.');
  if (t === '') return null;
  const v = Number(t);
  return Number.isFinite(v) ? v : Number.NaN;
}

/** Checks the typed inputs; returns the calculator's input or each field's problem. */
export function checkSampleInputs(s: SampleInputs): { input: SampleSizeInput; errors: null } | { input: null; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const need = (field: Field, value: number | null, ok: (v: number) => boolean, key: string): number => {
    if (value === null || Number.isNaN(value)) errors[field] = 'number';
    else if (!ok(value)) errors[field] = key;
    return value ?? Number.NaN;
  };
  const baseline = need('baseline', parse(s.baseline), (v) => v > 0 && v < 1, 'baseline');
  const mde = need('mde', parse(s.mde), (v) => v > 0, 'mde');
  const alpha = need('alpha', parse(s.alpha), (v) => v > 0 && v <= 0.5, 'alpha');
  const power = need('power', parse(s.power), (v) => v > 0.5 && v < 1, 'power');
  const share = need('share', parse(s.share), (v) => v > 0 && v < 1, 'share');
  const trafficValue = parse(s.traffic);
  if (trafficValue !== null && !(Number.isInteger(trafficValue) && trafficValue > 0)) errors.traffic = 'traffic';
  if (!errors.baseline && !errors.mde) {
    const target = s.mdeType === 'relative' ? baseline * (1 + mde) : baseline + mde;
    if (!(target < 1)) errors.mde = 'mdeTooBig';
  }
  if (Object.keys(errors).length > 0) return { input: null, errors };
  return {
    input: { baseline, mde, mdeType: s.mdeType, alpha, power, treatmentShare: share, ...(trafficValue !== null ? { dailyTraffic: trafficValue } : {}) },
    errors: null,
  };
}

/** The statistics' own refusal, put on the field it concerns. */
function fieldOf(error: StatsInputError): Field {
  switch (error.code) {
    case 'rate-range':
      return 'baseline';
    case 'alpha-range':
      return 'alpha';
    case 'power-range':
      return 'power';
    case 'share-range':
      return 'share';
    case 'bad-option':
      return 'traffic';
    default:
      return 'mde';
  }
}

function compute(s: SampleInputs): { result: SampleSizeResult; input: SampleSizeInput } | { errors: FieldErrors } {
  const checked = checkSampleInputs(s);
  if (!checked.input) return { errors: checked.errors };
  try {
    return { result: sampleSize(checked.input), input: checked.input };
  } catch (e) {
    if (e instanceof StatsInputError) return { errors: { [fieldOf(e)]: e.code === 'mde-range' ? 'mdeTooBig' : 'number' } };
    throw e;
  }
}

/** The sample-size and duration calculator, on core/stats' sampleSize, its formula named. */
export function SampleSizeTab() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const inputs = useExperimentsStore((s) => s.sample);
  const edit = useExperimentsStore((s) => s.editSample);
  const outcome = compute(inputs);
  const errors = 'errors' in outcome ? outcome.errors : {};

  const field = (name: Field, hintKey?: string) => {
    const error = errors[name];
    const id = `xp-ss-${name}`;
    return (
      <div className="xp-label">
        <label htmlFor={id}>{t(`experiments.sample.${name}`)}</label>
        <input
          id={id}
          className="input"
          inputMode="decimal"
          value={inputs[name]}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-note`}
          onChange={(e) => edit({ [name]: e.target.value })}
          data-testid={id}
        />
        {error ? (
          <p className="xp-field-error" id={`${id}-note`} data-testid={`${id}-error`}>
            {t(`experiments.sample.errors.${error}`)}
          </p>
        ) : hintKey ? (
          <p className="xp-hint" id={`${id}-note`}>
            {t(hintKey)}
          </p>
        ) : null}
      </div>
    );
  };

  const formula = 'result' in outcome ? outcome.result.formula : null;
  // The formula's mathematics (language-neutral) from core/stats; its name and legend are worded here.
  const math = formula && formula.includes('N =') ? formula.slice(formula.indexOf('N =')).replace(/\s*\(rounded up\)\s*$/, '') : formula;

  return (
    <div className="xp-page">
      <h2>{t('experiments.sample.title')}</h2>
      <p className="xp-intro">{t('experiments.sample.intro')}</p>
      <div className="xp-sample">
        <form className="xp-card xp-form" onSubmit={(e) => e.preventDefault()} data-testid="xp-sample-form">
          {field('baseline', 'experiments.sample.baselineHint')}
          {field('mde')}
          <fieldset className="xp-label" style={{ border: 0, padding: 0, margin: 0 }}>
            <legend className="sr-only">{t('experiments.sample.mdeType')}</legend>
            <div className="xp-radio" role="radiogroup" aria-label={t('experiments.sample.mdeType')}>
              {(['absolute', 'relative'] as const).map((type) => (
                <label key={type}>
                  <input type="radio" name="xp-mde-type" value={type} checked={inputs.mdeType === type} onChange={() => edit({ mdeType: type })} data-testid={`xp-ss-mde-${type}`} />
                  {t(type === 'absolute' ? 'experiments.sample.mdeAbsolute' : 'experiments.sample.mdeRelative')}
                </label>
              ))}
            </div>
          </fieldset>
          {field('alpha', 'experiments.sample.alphaHint')}
          {field('power', 'experiments.sample.powerHint')}
          {field('share', 'experiments.sample.shareHint')}
          {field('traffic', 'experiments.sample.trafficHint')}
        </form>
        <section className="xp-card" aria-labelledby="xp-ss-result" aria-live="polite" data-testid="xp-sample-result">
          <h2 id="xp-ss-result">{t('experiments.sample.result')}</h2>
          {'result' in outcome ? (
            <>
              <p className="xp-muted">
                {t('experiments.sample.target', {
                  from: fmtPercent(outcome.input.baseline, lang, 1),
                  to: fmtPercent(outcome.input.mdeType === 'relative' ? outcome.input.baseline * (1 + outcome.input.mde) : outcome.input.baseline + outcome.input.mde, lang, 1),
                })}
              </p>
              <dl className="xp-big">
                <div>
                  <dt>{t('experiments.sample.controlN')}</dt>
                  <dd data-testid="xp-ss-control">{fmtCount(outcome.result.control, lang)}</dd>
                </div>
                <div>
                  <dt>{t('experiments.sample.treatmentN')}</dt>
                  <dd data-testid="xp-ss-treatment">{fmtCount(outcome.result.treatment, lang)}</dd>
                </div>
                <div>
                  <dt>{t('experiments.sample.total')}</dt>
                  <dd data-testid="xp-ss-total">{fmtCount(outcome.result.total, lang)}</dd>
                </div>
                <div>
                  <dt>{t('experiments.sample.duration')}</dt>
                  <dd data-testid="xp-ss-days">{outcome.result.days === null ? '—' : t('experiments.sample.days', { count: outcome.result.days })}</dd>
                </div>
              </dl>
              {outcome.result.days === null ? <p className="xp-hint">{t('experiments.sample.noTraffic')}</p> : null}
              <div className="xp-formula" data-testid="xp-ss-formula">
                <p>
                  <strong>{t('experiments.sample.formula')}:</strong> {t('experiments.sample.formulaName')}
                </p>
                <code>{math}</code>
                <p className="xp-hint">{t('experiments.sample.formulaNote')}</p>
              </div>
            </>
          ) : (
            <p className="xp-field-error" role="status">
              {t('experiments.sample.invalid')}
            </p>
          )}
        </section>
      </div>
    </div>
  );
}
