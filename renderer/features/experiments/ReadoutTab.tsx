import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Play, Square, TableProperties, X } from 'lucide-react';
import { cumulativeDiff, srmCheck, StatsInputError } from '../../../core/stats/index.ts';
import { Select } from '../../ui/Select.tsx';
import { CodeBlock } from '../../ui/CodeBlock.tsx';
import { shownKeys } from '../../commands/commands.ts';
import { Tooltip } from '../../ui/Tooltip.tsx';
import { ReadoutPanel } from './ReadoutPanel.tsx';
import { XpChart } from './XpChart.tsx';
import { cumulativeSpec } from './chart-specs.ts';
import { breakdownSql, type BreakdownRow, type DailyRow, type ExperimentInfo } from './experiment-queries.ts';
import { CUSTOM_SOURCE, useExperimentsStore, type ReadoutProblem } from './experiments-store.ts';
import { cancelCustom, changeCustomDatabase, changeMde, chooseSource, openBreakdown, READOUT_ALPHA, runCustom } from './experiments-actions.ts';
import { fmtCount, fmtPercent, fmtPp } from './format.ts';

const SqlTaskEditor = lazy(() => import('../pipeline/SqlTaskEditor.tsx'));

/** Hypotheses of the bundled experiments in English (the warehouse keeps them in Korean). */
const HYPOTHESIS_EN: Record<string, string> = {
  'checkout-button-2025': 'A bigger, more visible button on the checkout page raises the share of customers who finish the purchase once they start checking out.',
  'reco-widget-2025': 'Showing a “frequently bought together” widget on product pages raises the add-to-cart rate.',
};

/** The Readout tab: what to read on the left, the readout, its breakdown and its course over time on the right. */
export function ReadoutTab() {
  const { t } = useTranslation();
  const source = useExperimentsStore((s) => s.source);
  const experiments = useExperimentsStore((s) => s.experiments);
  const listError = useExperimentsStore((s) => s.listError);
  const loading = useExperimentsStore((s) => s.loading);
  const problem = useExperimentsStore((s) => s.problem);
  const data = useExperimentsStore((s) => s.data);
  const shown = data && data.source === source && !loading ? data : null;
  const experiment = experiments?.find((x) => x.id === source) ?? null;

  return (
    <div className="xp-layout">
      <aside className="xp-side" aria-label={t('experiments.source.label')}>
        <SourcePicker experiments={experiments} source={source} />
        {listError ? <p className="xp-error">{t('experiments.source.listFailed', { message: listError })}</p> : null}
        {!experiments && !listError ? <p className="xp-muted">{t('experiments.source.loading')}</p> : null}
        {experiment ? <ExperimentCard experiment={experiment} /> : null}
        {source === CUSTOM_SOURCE ? <p className="xp-hint">{t('experiments.custom.help')}</p> : null}
        {source ? <MdeField /> : null}
      </aside>
      <div className="xp-main" data-testid="xp-readout-main" role="region" aria-label={t('experiments.readout.label')} tabIndex={0}>
        <div className="xp-main-inner">
          {source === CUSTOM_SOURCE ? <CustomQuery /> : null}
          {loading ? (
            <p className="xp-muted" role="status">
              {t(source === CUSTOM_SOURCE ? 'experiments.custom.running' : 'experiments.info.reading')}
            </p>
          ) : null}
          {problem ? <ProblemText problem={problem} /> : null}
          {!shown && !loading && !problem && source === CUSTOM_SOURCE ? <p className="xp-muted">{t('experiments.custom.prompt')}</p> : null}
          {shown ? (
            <>
              <ReadoutPanel
                readout={shown.readout}
                welch={shown.welch}
                variants={[shown.arms[0].variant, shown.arms[1].variant]}
                srmExtra={source !== CUSTOM_SOURCE ? <Breakdown /> : null}
              />
              {shown.readout.effect && shown.daily ? <Cumulative daily={shown.daily} /> : null}
            </>
          ) : null}
        </div>
      </div>
    </div>
  );
}

function SourcePicker({ experiments, source }: { experiments: ExperimentInfo[] | null; source: string }) {
  const { t, i18n } = useTranslation();
  const ko = i18n.language === 'ko';
  const options = [
    ...(experiments ?? []).map((x) => ({ value: x.id, label: ko ? x.name : x.nameEn })),
    { value: CUSTOM_SOURCE, label: t('experiments.source.custom') },
  ];
  return (
    <label className="xp-label">
      <span>{t('experiments.source.label')}</span>
      <Select label={t('experiments.source.label')} value={source || CUSTOM_SOURCE} options={options} onChange={chooseSource} testId="xp-source" />
    </label>
  );
}

function ExperimentCard({ experiment }: { experiment: ExperimentInfo }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const hypothesis = lang === 'ko' ? experiment.hypothesis : (HYPOTHESIS_EN[experiment.id] ?? experiment.hypothesis);
  return (
    <dl className="xp-info" data-testid="xp-info">
      <div>
        <dt>{t('experiments.info.hypothesis')}</dt>
        <dd>{hypothesis}</dd>
      </div>
      <div>
        <dt>{t('experiments.info.unit')}</dt>
        <dd>
          <code>{experiment.unit}</code>
        </dd>
      </div>
      <div>
        <dt>{t('experiments.info.metric')}</dt>
        <dd>
          <code>{experiment.metric}</code>
        </dd>
      </div>
      <div>
        <dt>{t('experiments.info.window')}</dt>
        <dd>{t('experiments.info.windowValue', { from: experiment.start, to: experiment.end })}</dd>
      </div>
      <div>
        <dt>{t('experiments.info.split')}</dt>
        <dd data-testid="planned-split">
          {t('experiments.info.splitValue', { control: fmtPercent(experiment.controlShare, lang, 0), treatment: fmtPercent(experiment.treatmentShare, lang, 0) })}
        </dd>
      </div>
    </dl>
  );
}

function MdeField() {
  const { t } = useTranslation();
  const mde = useExperimentsStore((s) => s.mde);
  return (
    <div className="xp-label">
      <label htmlFor="xp-mde">{t('experiments.info.mde')}</label>
      <div className="xp-inline">
        <input id="xp-mde" className="input" inputMode="decimal" value={mde} onChange={(e) => changeMde(e.target.value)} data-testid="xp-mde" aria-describedby="xp-mde-hint" />
        <span>{t('experiments.info.mdeUnit')}</span>
      </div>
      <p className="xp-hint" id="xp-mde-hint">
        {t('experiments.info.mdeHint')}
      </p>
      <p className="xp-hint">{t('experiments.info.alpha', { alpha: READOUT_ALPHA })}</p>
    </div>
  );
}

function CustomQuery() {
  const { t } = useTranslation();
  const sql = useExperimentsStore((s) => s.customSql);
  const database = useExperimentsStore((s) => s.customDatabase);
  const share = useExperimentsStore((s) => s.customShare);
  const loading = useExperimentsStore((s) => s.loading);
  const editCustom = useExperimentsStore((s) => s.editCustom);
  const shareValue = Number(share.replace(',', '.'));
  const shareBad = !(share.trim() !== '' && shareValue > 0 && shareValue < 1);
  return (
    <section className="xp-card xp-custom" data-testid="xp-custom" aria-labelledby="xp-custom-title">
      <div className="xp-custom-head">
        <h2 id="xp-custom-title">{t('experiments.custom.title')}</h2>
        <div className="spacer" />
        <span className="xp-label-inline">{t('experiments.custom.database')}</span>
        <Select
          label={t('experiments.custom.database')}
          value={database}
          onChange={(v) => changeCustomDatabase(v as typeof database)}
          options={[
            { value: 'hanbit-warehouse', label: t('experiments.custom.warehouse') },
            { value: 'hanbit-experiments', label: t('experiments.custom.experiments') },
          ]}
          testId="xp-custom-db"
          minWidth={220}
        />
      </div>
      <p className="xp-hint">{t(database === 'hanbit-warehouse' ? 'experiments.custom.warehouseTables' : 'experiments.custom.experimentsTables')}</p>
      <div className="xp-editor">
        <Suspense fallback={null}>
          <SqlTaskEditor path="experiments/custom.sql" value={sql ?? ''} onChange={(v) => editCustom({ sql: v })} label={t('experiments.custom.editor')} />
        </Suspense>
      </div>
      <div className="xp-custom-foot">
        <label className="xp-label-inline" htmlFor="xp-share">
          {t('experiments.custom.share')}
        </label>
        <input
          id="xp-share"
          className="input"
          inputMode="decimal"
          value={share}
          aria-invalid={shareBad}
          aria-describedby="xp-share-hint"
          onChange={(e) => editCustom({ share: e.target.value })}
          data-testid="xp-custom-share"
        />
        <p className={shareBad ? 'xp-field-error' : 'xp-hint'} id="xp-share-hint">
          {shareBad ? t('experiments.problem.share') : t('experiments.custom.shareHint')}
        </p>
      </div>
      <div className="xp-actions">
        <Tooltip text={t('experiments.commands.runQuery')} keys={shownKeys('experiments-run-query')}>
          <button className="btn primary" onClick={() => void runCustom()} disabled={loading || shareBad} data-testid="xp-custom-run">
            <Play aria-hidden /> {loading ? t('experiments.custom.running') : t('experiments.custom.run')}
          </button>
        </Tooltip>
        {loading ? (
          <button className="btn" onClick={() => void cancelCustom()} data-testid="xp-custom-cancel">
            <Square aria-hidden /> {t('experiments.custom.cancel')}
          </button>
        ) : null}
      </div>
    </section>
  );
}

function ProblemText({ problem }: { problem: ReadoutProblem }) {
  const { t } = useTranslation();
  let text: string;
  if (problem.kind === 'sql') text = problem.line > 0 ? t('experiments.problem.sql', { line: problem.line, message: problem.message }) : t('experiments.problem.sqlNoLine', { message: problem.message });
  else if (problem.kind === 'load') text = t('experiments.problem.load', { message: problem.message });
  else if (problem.kind === 'stats') text = t('experiments.problem.stats', { message: problem.message });
  else {
    const p = problem.problem;
    if (p.code === 'no-result') text = t('experiments.problem.noResult');
    else if (p.code === 'missing-column') text = t('experiments.problem.missingColumn', { column: p.column });
    else if (p.code === 'arm-count') text = t('experiments.problem.armCount', { count: p.rows });
    else if (p.code === 'bad-number') text = t('experiments.problem.badNumber', { column: p.column, variant: p.variant });
    else text = t('experiments.problem.tooManyConversions', { variant: p.variant });
  }
  return (
    <p className="xp-error" role="alert" data-testid="xp-problem">
      {text}
    </p>
  );
}

/**
 * What is wrong with one group's split, if anything: an arm with no units at all (from a handful
 * of units on, too few for a test but plain to see), or its own SRM check failing against the plan.
 */
function groupProblem(row: BreakdownRow, ratios: [number, number]): 'empty' | 'broken' | null {
  const n = row.control + row.treatment;
  if (n >= 5 && (row.control === 0 || row.treatment === 0)) return 'empty';
  if (n < 20) return null;
  try {
    return srmCheck([row.control, row.treatment], ratios).mismatch ? 'broken' : null;
  } catch (e) {
    if (e instanceof StatsInputError) return null;
    throw e;
  }
}

function Breakdown() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const source = useExperimentsStore((s) => s.source);
  const breakdown = useExperimentsStore((s) => s.breakdown);
  const closeBreakdown = useExperimentsStore((s) => s.closeBreakdown);
  const planned = useExperimentsStore((s) => s.data?.planned ?? ([0.5, 0.5] as [number, number]));
  if (!breakdown || breakdown.source !== source) {
    return (
      <button className="btn primary" onClick={() => void openBreakdown()} data-testid="xp-breakdown-open">
        <TableProperties aria-hidden /> {t('experiments.breakdown.open')}
      </button>
    );
  }
  const rows = breakdown.rows;
  const problems = new Map((rows ?? []).map((r) => [r, groupProblem(r, planned)]));
  const flagged = (rows ?? []).filter((r) => problems.get(r));
  return (
    <div className="xp-breakdown" data-testid="xp-breakdown">
      <div className="xp-inline">
        <h4>{t('experiments.breakdown.title')}</h4>
        <div className="spacer" />
        <button className="btn ghost small" onClick={closeBreakdown} data-testid="xp-breakdown-close">
          <X aria-hidden /> {t('experiments.breakdown.close')}
        </button>
      </div>
      {breakdown.error ? <p className="xp-error">{t('experiments.breakdown.failed', { message: breakdown.error })}</p> : null}
      {!rows && !breakdown.error ? <p className="xp-muted">{t('experiments.breakdown.loading')}</p> : null}
      {rows ? (
        <>
          <p className="xp-stop-hint" data-testid="xp-breakdown-summary">
            {flagged.length > 0 ? t('experiments.breakdown.flagged', { count: flagged.length }) : t('experiments.breakdown.noneFlagged')}
          </p>
          <table className="xp-table">
            <thead>
              <tr>
                <th scope="col">{t('experiments.breakdown.platform')}</th>
                <th scope="col">{t('experiments.breakdown.version')}</th>
                <th scope="col" className="num">
                  {t('experiments.breakdown.control')}
                </th>
                <th scope="col" className="num">
                  {t('experiments.breakdown.treatment')}
                </th>
                <th scope="col" className="num">
                  {t('experiments.breakdown.treatmentShare')}
                </th>
                <th scope="col">
                  <span className="sr-only">{t('experiments.breakdown.flag')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const problem = problems.get(r);
                const broken = problem !== null && problem !== undefined;
                const n = r.control + r.treatment;
                return (
                  <tr key={`${r.platform}|${r.appVersion}`} className={broken ? 'flagged' : undefined} data-testid={broken ? 'xp-breakdown-flagged' : undefined}>
                    <td>{r.platform}</td>
                    <td>{r.appVersion ?? t('experiments.breakdown.none')}</td>
                    <td className="num">{fmtCount(r.control, lang)}</td>
                    <td className="num">{fmtCount(r.treatment, lang)}</td>
                    <td className="num">{n > 0 ? fmtPercent(r.treatment / n, lang, 0) : '—'}</td>
                    <td>{problem === 'empty' ? t('experiments.breakdown.flagEmpty') : problem === 'broken' ? t('experiments.breakdown.flag') : ''}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <details>
            <summary>{t('experiments.breakdown.sql')}</summary>
            <CodeBlock code={breakdownSql(source)} />
          </details>
        </>
      ) : null}
    </div>
  );
}

function Cumulative({ daily }: { daily: DailyRow[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const computed = useMemo(() => {
    const days = new Map<string, { date: string; control: { users: number; conversions: number }; treatment: { users: number; conversions: number } }>();
    for (const row of daily) {
      const day = days.get(row.day) ?? { date: row.day, control: { users: 0, conversions: 0 }, treatment: { users: 0, conversions: 0 } };
      const arm = row.variant === 'control' ? day.control : day.treatment;
      arm.users += row.users;
      arm.conversions += row.conversions;
      days.set(row.day, day);
    }
    try {
      return { points: cumulativeDiff([...days.values()], READOUT_ALPHA), error: null };
    } catch (e) {
      return { points: null, error: e instanceof Error ? e.message : String(e) };
    }
  }, [daily]);
  const titles = { date: t('experiments.cumulative.date'), diff: t('experiments.cumulative.diff'), low: t('experiments.cumulative.low'), high: t('experiments.cumulative.high') };
  const spec = useMemo(() => (computed?.points ? cumulativeSpec(computed.points, titles) : null), [computed, titles.date, titles.diff, titles.low, titles.high]); // eslint-disable-line react-hooks/exhaustive-deps
  const last = computed?.points?.at(-1);
  return (
    <section className="xp-card" data-testid="xp-cumulative" aria-labelledby="xp-cumulative-title">
      <h2 id="xp-cumulative-title">{t('experiments.cumulative.title')}</h2>
      <p className="xp-intro">{t('experiments.cumulative.help')}</p>
      {computed?.error ? <p className="xp-error">{t('experiments.cumulative.failed', { message: computed.error })}</p> : null}
      {spec ? <XpChart spec={spec} testId="xp-cumulative-chart" /> : null}
      {last ? (
        <p className="sr-only">
          {last.date}: {fmtPp(last.diff, lang, true)} ({fmtPp(last.low, lang, true)} ~ {fmtPp(last.high, lang, true)})
        </p>
      ) : null}
    </section>
  );
}
