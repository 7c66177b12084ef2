import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ArrowLeft, ArrowRight, CheckCheck, Lightbulb, Loader2, Play } from 'lucide-react';
import { CAPSTONE_STAGES, type CapstoneAnswer, type CapstoneStage, type CapstoneStageStatus } from '../../../core/grading/capstone-grader.ts';
import { formatMessage } from '../../../core/grading/messages.ts';
import { logicalDateFor } from '../../../core/grading/pipeline-grader.ts';
import { pipelineOf } from '../../../core/lessons/kinds/workbench-refs.ts';
import { WHOLE_RANGE } from '../../../core/grading/metric-grader.ts';
import type { CapstoneStep } from '../../../core/lessons/kinds/capstone.ts';
import { metricSeriesSql } from '../../../core/metrics/render-sql.ts';
import type { DateRange, Grain } from '../../../core/metrics/schema.ts';
import type { SeriesPoint } from '../../../core/metrics/series.ts';
import { chartTileSpec, formatValue, kpiRange, kpiSummary, periodLabel } from '../../../core/metrics/tile-specs.ts';
import { useStore } from '../../state/store.ts';
import { shownKeys } from '../../commands/commands.ts';
import { Tooltip } from '../../ui/Tooltip.tsx';
import { PipelineWorkbench } from '../pipeline/PipelineWorkbench.tsx';
import { pipelineEngine } from '../pipeline/engine-client.ts';
import { sessionKey } from '../pipeline/pipeline-actions.ts';
import { checkStep } from './lesson-actions.ts';
import { capstoneAnswer, capstoneDraftKey, compactMessage, saveCapstoneAnswer, stageResults } from './capstone-answer.ts';
import { StageStatusIcon } from './CapstoneVerdict.tsx';
import './capstone.css';

const MetricSqlEditor = lazy(() => import('../metrics/MetricSqlEditor.tsx'));
const ChartView = lazy(() => import('../../charts/ChartView.tsx'));

/**
 * A capstone step's work area: the four stages (load, KPI, dashboard tile, decision) as a stepper
 * inside one step. Each stage reuses its tool: the pipeline workbench, the metric template editor
 * with a preview on the learner's own load (the pipeline's working database), a tile drawn with
 * the dashboard's tile specs, and the choice lists. One Check grades the whole answer; the last
 * verdict's status and messages show on each stage. The answer is one draft saved on every edit.
 */

type Lang = 'ko' | 'en';

const GRAINS: Grain[] = ['day', 'week', 'month'];

/** The series of the learner's KPI on their own load: rows, or why there are none. */
type Preview = { points: SeriesPoint[] } | { error: string; needsLoad: boolean } | null;

/** The logical date the load is graded for, which its workbench starts on. */
function logicalDate(step: CapstoneStep): string {
  const reference = pipelineOf(step.load.solution);
  return logicalDateFor(step.load.ds ?? null, reference ?? {});
}

/** Runs the learner's template on the pipeline's working database (off the main thread). */
async function previewOnLoad(answer: CapstoneAnswer, grain: Grain, range: DateRange): Promise<Preview> {
  let sql: string;
  try {
    sql = metricSeriesSql(answer.metric.sql, grain, range);
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e), needsLoad: false };
  }
  try {
    const out = await pipelineEngine().query(sessionKey('lesson', answer.pipeline), answer.pipeline, sql, 2000);
    if (out.error) return { error: out.error.message, needsLoad: /no such table/i.test(out.error.message) };
    const result = out.results.at(-1);
    const rows = result?.rows ?? [];
    return { points: rows.map((r) => ({ period: String(r[0]), value: typeof r[1] === 'number' ? r[1] : null })) };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e), needsLoad: false };
  }
}

/** The stage's own task, hint ladder and last result. */
function StageHead({ step, stage, lang, status, messages }: { step: CapstoneStep; stage: CapstoneStage; lang: Lang; status: CapstoneStageStatus | 'unchecked'; messages: ReturnType<typeof stageResults>[CapstoneStage] }) {
  const { t } = useTranslation();
  const [hints, setHints] = useState(0);
  const part = step[stage];
  return (
    <div className="capstone-stage-head" data-testid={`capstone-head-${stage}`}>
      <p className="capstone-prompt" data-testid="capstone-stage-prompt">
        {part.prompt[lang]}
      </p>
      {status !== 'unchecked' && messages ? (
        <div className={`capstone-result ${status}`} role="status" data-testid={`capstone-result-${stage}`}>
          <strong>
            <StageStatusIcon status={status} /> {t('lesson.capstone.result')}: {t(`lesson.capstone.status.${status}`)}
          </strong>
          {messages.messages.length > 0 ? (
            <ul>
              {messages.messages.map((m, i) => (
                <li key={i}>{formatMessage(compactMessage(m), lang)}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <div className="capstone-hints">
        <button className="btn small" onClick={() => setHints((n) => Math.min(part.hints.length, n + 1))} disabled={hints >= part.hints.length} data-testid="capstone-hint">
          <Lightbulb aria-hidden /> {t('lesson.capstone.hint', { n: Math.min(hints + 1, part.hints.length), total: part.hints.length })}
        </button>
        {hints > 0 ? (
          <ol className="hints" data-testid="capstone-hints">
            {part.hints.slice(0, hints).map((h, i) => (
              <li key={i}>
                <Lightbulb size={13} aria-hidden /> {h[lang]}
              </li>
            ))}
          </ol>
        ) : null}
      </div>
    </div>
  );
}

/** The KPI's series drawn as the dashboard draws a chart tile (or its KPI summary). */
function TileView({ step, points, lang, kind, grain, range, mark, height }: { step: CapstoneStep; points: SeriesPoint[]; lang: Lang; kind: 'kpi' | 'chart'; grain: Grain; range: DateRange; mark: 'line' | 'bar' | 'area'; height: number }) {
  const { t } = useTranslation();
  const onReady = useCallback(() => undefined, []);
  const name = step.kpi.metric.name[lang];
  const unit = step.kpi.metric.unit;
  const spec = useMemo(
    () => (kind === 'chart' && points.length > 0 ? chartTileSpec(points, { mark, unit, grain, lang, height, valueTitle: name, range }) : null),
    [kind, points, mark, unit, grain, lang, height, name, range],
  );
  const grainWord = t(`lesson.metric.grain.${grain}`).toLowerCase();
  if (kind === 'kpi') {
    const summary = kpiSummary(points, grain, range);
    return (
      <figure className="capstone-tile kpi" data-testid="capstone-tile">
        <figcaption>{t('lesson.capstone.tileTitle', { name, grain: grainWord })}</figcaption>
        <p className="capstone-kpi-value" data-testid="capstone-kpi-value">{formatValue(summary.value, unit, lang)}</p>
        <p className="muted">
          {summary.period ? t('lesson.capstone.kpiLast', { grain: grainWord, period: periodLabel(summary.period, grain, lang) }) : '–'}
          {summary.change !== null ? ` · ${t('lesson.capstone.kpiChange', { change: `${summary.change >= 0 ? '+' : ''}${(summary.change * 100).toFixed(1)}%` })}` : ''}
        </p>
      </figure>
    );
  }
  return (
    <figure className="capstone-tile" data-testid="capstone-tile">
      <figcaption>{t('lesson.capstone.tileTitle', { name, grain: grainWord })}</figcaption>
      {spec ? (
        <Suspense fallback={null}>
          <ChartView spec={spec} onReady={onReady} />
        </Suspense>
      ) : (
        <p className="muted">–</p>
      )}
    </figure>
  );
}

/** The tile on the learner's load: runs when the stage opens and when the tile or the KPI changes. */
function useTilePreview(answer: CapstoneAnswer, active: boolean): Preview {
  const [preview, setPreview] = useState<Preview>(null);
  const { tile, metric } = answer;
  const range = tile.kind === 'kpi' ? kpiRange(tile.range, tile.grain) : tile.range;
  const key = `${metric.sql}\u0000${tile.kind}\u0000${tile.grain}\u0000${range.from}\u0000${range.to}`;
  useEffect(() => {
    if (!active) return;
    let live = true;
    void previewOnLoad(answer, tile.grain, range).then((p) => {
      if (live) setPreview(p);
    });
    return () => {
      live = false;
    };
    // The key names everything the preview depends on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, active]);
  return preview;
}

function PreviewProblem({ preview }: { preview: Preview }) {
  const { t } = useTranslation();
  if (!preview || !('error' in preview)) return null;
  return (
    <p className="metric-preview-error" role="alert" data-testid="capstone-preview-error">
      {preview.needsLoad ? t('lesson.capstone.previewNeedsLoad') : t('lesson.capstone.previewFailed', { message: preview.error })}
    </p>
  );
}

function KpiStage({ step, answer, onChange, lang }: { step: CapstoneStep; answer: CapstoneAnswer; onChange: (a: CapstoneAnswer) => void; lang: Lang }) {
  const { t } = useTranslation();
  const [grain, setGrain] = useState<Grain>(step.kpi.grains[0] ?? 'week');
  const [preview, setPreview] = useState<Preview>(null);
  const [busy, setBusy] = useState(false);
  const run = async (g: Grain) => {
    setGrain(g);
    setBusy(true);
    setPreview(await previewOnLoad(answer, g, step.kpi.range ?? WHOLE_RANGE));
    setBusy(false);
  };
  return (
    <div className="capstone-kpi">
      <section className="metric-card" aria-labelledby="capstone-metric-name" data-testid="capstone-metric-card">
        <p className="metric-card-kicker">{t('lesson.capstone.metricLabel')}</p>
        <h3 id="capstone-metric-name" className="metric-card-name">
          {step.kpi.metric.name[lang]} <span className="muted">({step.kpi.metric.id})</span>
        </h3>
        <p className="metric-card-definition">{step.kpi.metric.definition[lang]}</p>
      </section>
      <div className="capstone-editor">
        <Suspense fallback={<Loader2 className="spin" aria-hidden />}>
          <MetricSqlEditor value={answer.metric.sql} onChange={(sql) => onChange({ ...answer, metric: { sql } })} label={t('lesson.capstone.kpiEditor')} errorLine={null} errorMessage={null} />
        </Suspense>
      </div>
      <div className="metric-preview-bar">
        <span className="label" id="capstone-grain-label">
          {t('lesson.capstone.previewBy')}
        </span>
        <div className="segmented" role="radiogroup" aria-labelledby="capstone-grain-label">
          {step.kpi.grains.map((g) => (
            <button key={g} type="button" role="radio" aria-checked={g === grain} className={`segment ${g === grain ? 'on' : ''}`} onClick={() => void run(g)} disabled={busy} data-testid={`capstone-grain-${g}`}>
              {t(`lesson.metric.grain.${g}`)}
            </button>
          ))}
        </div>
        <button className="btn small" onClick={() => void run(grain)} disabled={busy} data-testid="capstone-preview">
          {busy ? <Loader2 className="spin" aria-hidden /> : <Play aria-hidden />} {t('lesson.capstone.preview')}
        </button>
      </div>
      {preview === null ? <p className="muted">{t('lesson.capstone.previewHint')}</p> : null}
      <PreviewProblem preview={preview} />
      {preview && 'points' in preview ? (
        <TileView step={step} points={preview.points} lang={lang} kind="chart" grain={grain} range={step.kpi.range ?? WHOLE_RANGE} mark="line" height={170} />
      ) : null}
    </div>
  );
}

function TileStage({ step, answer, onChange, lang }: { step: CapstoneStep; answer: CapstoneAnswer; onChange: (a: CapstoneAnswer) => void; lang: Lang }) {
  const { t } = useTranslation();
  const tile = answer.tile;
  const set = (patch: Partial<CapstoneAnswer['tile']>) => onChange({ ...answer, tile: { ...tile, ...patch } });
  const preview = useTilePreview(answer, true);
  return (
    <div className="capstone-tile-stage">
      <div className="capstone-tile-form">
        <fieldset className="capstone-field">
          <legend className="label">{t('lesson.capstone.tileKind')}</legend>
          <div className="segmented" role="radiogroup">
            {(['kpi', 'chart'] as const).map((k) => (
              <button key={k} type="button" role="radio" aria-checked={tile.kind === k} className={`segment ${tile.kind === k ? 'on' : ''}`} onClick={() => set({ kind: k })} data-testid={`capstone-kind-${k}`}>
                {t(`lesson.capstone.kind.${k}`)}
              </button>
            ))}
          </div>
        </fieldset>
        <fieldset className="capstone-field">
          <legend className="label">{t('lesson.capstone.grain')}</legend>
          <div className="segmented" role="radiogroup">
            {GRAINS.map((g) => (
              <button key={g} type="button" role="radio" aria-checked={tile.grain === g} className={`segment ${tile.grain === g ? 'on' : ''}`} onClick={() => set({ grain: g })} data-testid={`capstone-tile-grain-${g}`}>
                {t(`lesson.metric.grain.${g}`)}
              </button>
            ))}
          </div>
        </fieldset>
        <label className="capstone-field">
          <span className="label">{t('lesson.capstone.from')}</span>
          <input type="date" className="input" value={tile.range.from} max={tile.range.to} onChange={(e) => e.target.value && set({ range: { ...tile.range, from: e.target.value } })} data-testid="capstone-from" />
        </label>
        <label className="capstone-field">
          <span className="label">{t('lesson.capstone.to')}</span>
          <input type="date" className="input" value={tile.range.to} min={tile.range.from} onChange={(e) => e.target.value && set({ range: { ...tile.range, to: e.target.value } })} data-testid="capstone-to" />
        </label>
        {tile.kind === 'chart' ? (
          <label className="capstone-field">
            <span className="label">{t('lesson.capstone.mark')}</span>
            <select className="input" value={tile.mark} onChange={(e) => set({ mark: e.target.value as CapstoneAnswer['tile']['mark'] })} data-testid="capstone-mark">
              {(['line', 'bar', 'area'] as const).map((m) => (
                <option key={m} value={m}>
                  {t(`lesson.capstone.markName.${m}`)}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>
      <h3 className="capstone-subhead">{t('lesson.capstone.tilePreview')}</h3>
      <PreviewProblem preview={preview} />
      {preview && 'points' in preview ? (
        <TileView step={step} points={preview.points} lang={lang} kind={tile.kind} grain={tile.grain} range={tile.range} mark={tile.mark} height={200} />
      ) : null}
    </div>
  );
}

function DecisionStage({ step, answer, onChange, lang }: { step: CapstoneStep; answer: CapstoneAnswer; onChange: (a: CapstoneAnswer) => void; lang: Lang }) {
  const { t } = useTranslation();
  const preview = useTilePreview(answer, true);
  const { tile, decision } = answer;
  const toggle = (id: string, on: boolean) =>
    onChange({ ...answer, decision: { ...decision, reasons: on ? [...decision.reasons, id] : decision.reasons.filter((r) => r !== id) } });
  return (
    <div className="capstone-decision">
      <PreviewProblem preview={preview} />
      {preview && 'points' in preview ? (
        <TileView step={step} points={preview.points} lang={lang} kind={tile.kind} grain={tile.grain} range={tile.range} mark={tile.mark} height={170} />
      ) : null}
      <fieldset className="choice-answer" data-testid="capstone-choices">
        <legend className="experiment-heading">{t('lesson.capstone.yourCall')}</legend>
        {step.decision.choices.map((c) => (
          <label key={c.id} className={`choice ${decision.choice === c.id ? 'selected' : ''}`}>
            <input type="radio" name={`capstone-call-${step.id}`} checked={decision.choice === c.id} onChange={() => onChange({ ...answer, decision: { ...decision, choice: c.id } })} data-testid={`capstone-choice-${c.id}`} />
            <span className="choice-text">{c.label[lang]}</span>
          </label>
        ))}
      </fieldset>
      <fieldset className="choice-answer" data-testid="capstone-reasons">
        <legend className="experiment-heading">{t('lesson.capstone.reasons')}</legend>
        {step.decision.reasons.map((r) => (
          <label key={r.id} className={`choice ${decision.reasons.includes(r.id) ? 'selected' : ''}`}>
            <input type="checkbox" checked={decision.reasons.includes(r.id)} onChange={(e) => toggle(r.id, e.target.checked)} data-testid={`capstone-reason-${r.id}`} />
            <span className="choice-text">{r.label[lang]}</span>
          </label>
        ))}
      </fieldset>
    </div>
  );
}

/** The capstone's work area (see the file comment). */
export function CapstoneStepArea({ step, answerKey }: { step: CapstoneStep; answerKey: string }) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'ko' ? 'ko' : 'en';
  const checking = useStore((s) => s.checking);
  // Re-read on every saved edit: the stages are controlled by the saved answer.
  useStore((s) => s.queries.drafts[capstoneDraftKey(answerKey)]);
  const answer = capstoneAnswer(step, answerKey);
  const outcome = useStore((s) => s.outcomes[answerKey]);
  const verdict = outcome && 'verdict' in outcome ? outcome.verdict : null;
  const results = useMemo(() => (verdict ? stageResults(verdict.messages, verdict.pass) : {}), [verdict]);
  const [stage, setStage] = useState<CapstoneStage>('load');
  const index = CAPSTONE_STAGES.indexOf(stage);
  const onChange = (next: CapstoneAnswer) => saveCapstoneAnswer(answerKey, next);
  const statusOf = (s: CapstoneStage): CapstoneStageStatus | 'unchecked' => results[s]?.status ?? 'unchecked';
  return (
    <div className="panel lesson-workbench capstone" data-testid="capstone-area">
      <div className="step-toolbar capstone-toolbar">
        <ol className="capstone-stepper" aria-label={t('lesson.capstone.stages')}>
          {CAPSTONE_STAGES.map((s, i) => (
            <li key={s}>
              <button
                className={`capstone-stage-tab ${statusOf(s)}`}
                aria-current={s === stage ? 'step' : undefined}
                onClick={() => setStage(s)}
                data-testid={`capstone-stage-${s}`}
                data-status={statusOf(s)}
              >
                <span className="capstone-stage-no">{i + 1}</span>
                <span className="capstone-stage-name">{t(`lesson.capstone.stage.${s}`)}</span>
                <StageStatusIcon status={statusOf(s)} />
                <span className="sr-only">({t(`lesson.capstone.status.${statusOf(s)}`)})</span>
              </button>
            </li>
          ))}
        </ol>
        <span className="spacer" />
        <Tooltip text={t('lesson.capstone.checkAll')} keys={shownKeys('check')}>
          <button className="btn primary" onClick={() => void checkStep()} aria-disabled={checking} data-testid="check">
            {checking ? <Loader2 className="spin" aria-hidden /> : <CheckCheck aria-hidden />} {t('lesson.check')}
          </button>
        </Tooltip>
      </div>
      {checking ? (
        <p className="muted capstone-checking" role="status" data-testid="capstone-checking">
          {t('lesson.capstone.checking')}
        </p>
      ) : null}
      <div className="capstone-body">
        <h2 className="capstone-stage-title">
          <span className="muted">{t('lesson.capstone.stageNo', { n: index + 1 })}</span> {t(`lesson.capstone.stage.${stage}`)}
        </h2>
        <StageHead key={stage} step={step} stage={stage} lang={lang} status={statusOf(stage)} messages={results[stage]} />
        <div className={`capstone-stage-work ${stage}`} data-testid={`capstone-work-${stage}`}>
          {stage === 'load' ? (
            <PipelineWorkbench pipeline={answer.pipeline} onChange={(pipeline) => onChange({ ...answer, pipeline })} mode="lesson" defaultDs={logicalDate(step)} />
          ) : stage === 'kpi' ? (
            <KpiStage step={step} answer={answer} onChange={onChange} lang={lang} />
          ) : stage === 'tile' ? (
            <TileStage step={step} answer={answer} onChange={onChange} lang={lang} />
          ) : (
            <DecisionStage step={step} answer={answer} onChange={onChange} lang={lang} />
          )}
        </div>
        <div className="capstone-nav">
          <button className="btn" onClick={() => setStage(CAPSTONE_STAGES[index - 1] ?? stage)} disabled={index === 0} data-testid="capstone-prev">
            <ArrowLeft aria-hidden /> {t('lesson.capstone.previous')}
          </button>
          <button className="btn" onClick={() => setStage(CAPSTONE_STAGES[index + 1] ?? stage)} disabled={index === CAPSTONE_STAGES.length - 1} data-testid="capstone-next">
            {t('lesson.capstone.next')} <ArrowRight aria-hidden />
          </button>
        </div>
      </div>
    </div>
  );
}
