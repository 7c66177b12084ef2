import { lazy, Suspense, useCallback, useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { BookOpenText } from 'lucide-react';
import type { MetricStep } from '../../../core/lessons/kinds/decision-schemas.ts';
import type { SeriesPoint } from '../../../core/metrics/series.ts';
import { chartTileSpec } from '../../../core/metrics/tile-specs.ts';
import { useStore } from '../../state/store.ts';
import type { RunRecord } from '../../state/workbench-slice.ts';
import { runMetricPreview, useMetricPreview } from './metric-preview.ts';

const ChartView = lazy(() => import('../../charts/ChartView.tsx'));

/**
 * A metric step's own parts: the metric card in the lesson column (its name and written
 * definition, the grains it is checked by) and, above the results, the grain switcher and the
 * chart of the learner's series. Run renders the template at the chosen grain (the SQL a dashboard
 * tile would run) and runs it through the editor's usual run, so the table below lists the periods.
 */

/** The metric as the registry would show it: name, written definition, the grains it is checked by. */
export function MetricCard({ step }: { step: MetricStep }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ko' ? 'ko' : 'en';
  const grains = step.grains.map((g) => t(`lesson.metric.grain.${g}`).toLowerCase()).join(lang === 'ko' ? '·' : ', ');
  return (
    <section className="metric-card" aria-labelledby={`metric-${step.id}`} data-testid="metric-card">
      <p className="metric-card-kicker">
        <BookOpenText size={14} aria-hidden /> {t('lesson.metric.label')}
      </p>
      <h3 id={`metric-${step.id}`} className="metric-card-name" data-testid="metric-name">
        {step.metric.name[lang]}
      </h3>
      <p className="metric-card-definition" data-testid="metric-definition">
        <span className="sr-only">{t('lesson.metric.definition')}: </span>
        {step.metric.definition[lang]}
      </p>
      <p className="muted metric-card-graded">{t('lesson.metric.graded', { grains })}</p>
    </section>
  );
}

/** The series of the last preview run, when the results pane shows one. */
function usePreviewPoints(): SeriesPoint[] | null {
  const run = useStore((s) => s.run);
  const lastSql = useMetricPreview((s) => s.lastSql);
  return useMemo(() => {
    if (!run || run.sql !== lastSql || run.graded || !run.outcome || !('results' in run.outcome)) return null;
    const result = run.outcome.results.at(-1);
    if (!result) return null;
    const p = result.columns.findIndex((c) => c.name.toLowerCase() === 'period');
    const v = result.columns.findIndex((c) => c.name.toLowerCase() === 'value');
    if (p < 0 || v < 0) return [];
    return result.rows.map((r) => ({ period: String(r[p]), value: typeof r[v] === 'number' ? r[v] : null }));
  }, [run, lastSql]);
}

/**
 * The grain switcher, the Run of the preview and the chart of the learner's series. `openedWith` is
 * the run on show when the step opened (another step's): a Check's result is told apart only after it.
 */
export function MetricPreview({ step, openedWith = null }: { step: MetricStep; openedWith?: RunRecord | null }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ko' ? 'ko' : 'en';
  const engine = useStore((s) => s.engine);
  // After a Check the table holds the graded result (at a grain the grader chose), not the preview's.
  const graded = useStore((s) => s.run !== openedWith && !!s.run?.graded);
  const grain = useMetricPreview((s) => s.grain) ?? step.grains[0] ?? 'month';
  const templateError = useMetricPreview((s) => s.templateError);
  const points = usePreviewPoints();
  // A new step starts at its own first grain, with nothing previewed yet.
  useEffect(() => useMetricPreview.getState().set({ grain: null, templateError: null, lastSql: null }), [step.id]);
  const onReady = useCallback(() => undefined, []);
  const spec = useMemo(
    () =>
      points && points.length > 0
        ? chartTileSpec(points, {
            mark: 'line',
            unit: 'number',
            grain,
            lang,
            height: 150,
            valueTitle: step.metric.name[lang],
          })
        : null,
    [points, grain, lang, step.metric.name],
  );
  return (
    <section className="metric-preview" aria-label={t('lesson.metric.preview')} data-testid="metric-preview">
      <div className="metric-preview-bar">
        <span className="label" id={`grain-label-${step.id}`}>
          {t('lesson.metric.previewBy')}
        </span>
        <div className="segmented" role="radiogroup" aria-labelledby={`grain-label-${step.id}`}>
          {step.grains.map((g) => (
            <button
              key={g}
              type="button"
              role="radio"
              aria-checked={g === grain}
              className={`segment ${g === grain ? 'on' : ''}`}
              onClick={() => void runMetricPreview(g)}
              disabled={engine !== 'idle'}
              data-testid={`grain-${g}`}
            >
              {t(`lesson.metric.grain.${g}`)}
            </button>
          ))}
        </div>
      </div>
      {templateError ? (
        <p className="metric-preview-error" role="alert" data-testid="metric-template-error">
          {t('lesson.metric.templateError', {
            where: templateError.line === null ? '' : t('lesson.metric.templateLine', { line: templateError.line }),
            message: templateError.message,
          })}
        </p>
      ) : spec ? (
        <figure className="metric-chart" data-testid="metric-chart">
          <figcaption className="metric-chart-title">
            {t('lesson.metric.chartTitle', { name: step.metric.name[lang], grain: t(`lesson.metric.grain.${grain}`).toLowerCase() })}
          </figcaption>
          <Suspense fallback={null}>
            <ChartView spec={spec} onReady={onReady} />
          </Suspense>
        </figure>
      ) : points && points.length === 0 ? (
        <p className="muted metric-preview-hint">{t('lesson.metric.notSeries')}</p>
      ) : graded ? (
        <p className="muted metric-preview-hint" data-testid="metric-graded-shown">
          {t('lesson.metric.gradedShown')}
        </p>
      ) : (
        <p className="muted metric-preview-hint">{t('lesson.metric.previewHint')}</p>
      )}
    </section>
  );
}
