import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Play, Square } from 'lucide-react';
import { shownKeys } from '../../commands/commands.ts';
import { Select } from '../../ui/Select.tsx';
import { Tooltip } from '../../ui/Tooltip.tsx';
import { XpChart } from './XpChart.tsx';
import { anyFalsePositive, manyMetricsSpec, peekingSpec } from './chart-specs.ts';
import { useExperimentsStore } from './experiments-store.ts';
import { cancelPeeking, READOUT_ALPHA, startPeeking } from './experiments-actions.ts';
import { fmtCount, fmtPercent } from './format.ts';

/** Simulation counts offered: quick, the default (close to the published rates), and long ones. */
const SIMULATIONS = [1000, 10000, 50000, 200000];
const MAX_SEED = 0xffffffff;

/** The peeking demonstration (a seeded A/A simulation in a worker) and the many-metrics illustration. */
export function PeekingTab() {
  return (
    <div className="xp-page">
      <Peeking />
      <ManyMetrics />
    </div>
  );
}

function Peeking() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const state = useExperimentsStore((s) => s.peeking);
  const setOptions = useExperimentsStore((s) => s.setPeekingOptions);
  const running = state.status === 'running';
  const seedText = String(state.seed);
  const titles = { looks: t('experiments.peeking.looks'), rate: t('experiments.peeking.rate'), nominal: t('experiments.peeking.nominal') };
  const spec = useMemo(() => (state.result ? peekingSpec(state.result, titles) : null), [state.result, titles.looks, titles.rate, titles.nominal]); // eslint-disable-line react-hooks/exhaustive-deps
  const rows = state.result?.rows ?? [];
  const first = rows[0];
  const last = rows.at(-1);
  const fraction = state.total > 0 ? state.done / state.total : 0;

  return (
    <section aria-labelledby="xp-peek-title">
      <h2 id="xp-peek-title">{t('experiments.peeking.title')}</h2>
      <p className="xp-intro">{t('experiments.peeking.intro')}</p>
      <div className="xp-peek-grid">
        <div className="xp-card xp-form">
          <label className="xp-label">
            <span>{t('experiments.peeking.simulations')}</span>
            <Select
              label={t('experiments.peeking.simulations')}
              value={String(state.simulations)}
              options={SIMULATIONS.map((n) => ({ value: String(n), label: fmtCount(n, lang) }))}
              onChange={(v) => setOptions({ simulations: Number(v) })}
              testId="xp-peek-sims"
            />
          </label>
          <div className="xp-label">
            <label htmlFor="xp-peek-seed">{t('experiments.peeking.seed')}</label>
            <input
              id="xp-peek-seed"
              className="input"
              inputMode="numeric"
              defaultValue={seedText}
              aria-describedby="xp-peek-seed-hint"
              onChange={(e) => {
                const v = Number(e.target.value);
                if (Number.isInteger(v) && v >= 1 && v <= MAX_SEED) setOptions({ seed: v });
              }}
              data-testid="xp-peek-seed"
            />
            <p className="xp-hint" id="xp-peek-seed-hint">
              {t('experiments.peeking.seedHint')}
            </p>
          </div>
          <div className="xp-actions">
            <Tooltip text={t('experiments.commands.runPeeking')} keys={shownKeys('experiments-run-peeking')}>
              <button className="btn primary" onClick={() => void startPeeking()} disabled={running} data-testid="xp-peek-run">
                <Play aria-hidden /> {t('experiments.peeking.run')}
              </button>
            </Tooltip>
            {running ? (
              <Tooltip text={t('experiments.commands.cancel')} keys={shownKeys('experiments-cancel')}>
                <button className="btn" onClick={cancelPeeking} data-testid="xp-peek-cancel">
                  <Square aria-hidden /> {t('experiments.peeking.cancel')}
                </button>
              </Tooltip>
            ) : null}
          </div>
          {running ? (
            <div role="status" data-testid="xp-peek-progress">
              <div
                className="xp-progress"
                role="progressbar"
                aria-label={t('experiments.peeking.progress')}
                aria-valuemin={0}
                aria-valuemax={state.total}
                aria-valuenow={state.done}
              >
                <div style={{ width: `${Math.round(fraction * 100)}%` }} />
              </div>
              <p className="xp-hint">{t('experiments.peeking.running', { done: fmtCount(state.done, lang), total: fmtCount(state.total, lang) })}</p>
            </div>
          ) : null}
          {state.status === 'cancelled' ? (
            <p className="xp-muted" role="status" data-testid="xp-peek-cancelled">
              {t('experiments.peeking.cancelled')}
            </p>
          ) : null}
          {state.status === 'error' ? <p className="xp-error">{t('experiments.peeking.failed', { message: state.error ?? '' })}</p> : null}
        </div>
        <div className="xp-card" data-testid="xp-peek-result">
          {state.result ? (
            <>
              {first && last ? (
                <p className="xp-plain-text" data-testid="xp-peek-summary">
                  {t('experiments.peeking.summary', { first: fmtPercent(first.falsePositiveRate, lang, 1), k: last.looks, last: fmtPercent(last.falsePositiveRate, lang, 1) })}
                </p>
              ) : null}
              {spec ? <XpChart spec={spec} testId="xp-peek-chart" /> : null}
              <table className="xp-table" data-testid="xp-peek-table">
                <caption>{t('experiments.peeking.tableCaption', { simulations: fmtCount(state.result.simulations, lang), seed: state.result.seed })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('experiments.peeking.looks')}</th>
                    <th scope="col" className="num">
                      {t('experiments.peeking.rate')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.looks} data-looks={r.looks}>
                      <th scope="row">{r.looks}</th>
                      <td className="num">{fmtPercent(r.falsePositiveRate, lang, 1)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : (
            <p className="xp-muted">{t('experiments.peeking.empty')}</p>
          )}
        </div>
      </div>
    </section>
  );
}

function ManyMetrics() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const rows = useMemo(() => anyFalsePositive(READOUT_ALPHA, 20), []);
  const titles = { metrics: t('experiments.peeking.metrics'), atLeastOne: t('experiments.peeking.atLeastOne') };
  const spec = useMemo(() => manyMetricsSpec(rows, READOUT_ALPHA, titles), [rows, titles.metrics, titles.atLeastOne]); // eslint-disable-line react-hooks/exhaustive-deps
  const at20 = rows.at(-1)!;
  return (
    <section aria-labelledby="xp-many-title" className="xp-many" data-testid="xp-many">
      <h2 id="xp-many-title">{t('experiments.peeking.manyTitle')}</h2>
      <p className="xp-intro">{t('experiments.peeking.manyIntro', { alpha: READOUT_ALPHA })}</p>
      <div className="xp-peek-grid">
        <div className="xp-card">
          <table className="xp-table" data-testid="xp-many-table">
            <caption>{t('experiments.peeking.manyCaption', { alpha: READOUT_ALPHA })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('experiments.peeking.metrics')}</th>
                <th scope="col" className="num">
                  {t('experiments.peeking.atLeastOne')}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.m}>
                  <th scope="row">{r.m}</th>
                  <td className="num">{fmtPercent(r.p, lang, 1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="xp-card">
          <p className="xp-plain-text">{t('experiments.peeking.manySummary', { value: fmtPercent(at20.p, lang, 1) })}</p>
          <XpChart spec={spec} testId="xp-many-chart" />
        </div>
      </div>
    </section>
  );
}
