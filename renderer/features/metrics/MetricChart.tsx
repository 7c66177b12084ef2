import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Grain, Metric } from '../../../core/metrics/schema.ts';
import { PERIOD_END, PERIOD_START } from '../../../datasets/hanbit/config.ts';
import { partialLegend, partialPeriods, periodLabel } from '../../../core/metrics/tile-specs.ts';
import { SeriesChart } from './SeriesChart.tsx';
import { langOf } from './registry-view.ts';
import { useSeries } from './use-series.ts';

/** The data's whole range: every metric is drawn over the 18 months the warehouse holds. */
export const FULL_RANGE = { from: PERIOD_START, to: PERIOD_END };

/** A metric over time at a grain, computed in the analytics worker: loading, its error with the SQL line, or the chart. */
export function MetricChart({ metric, grain }: { metric: Metric; grain: Grain }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const requests = useMemo(() => [{ key: metric.id, sql: metric.sql, grain, range: FULL_RANGE }], [metric.id, metric.sql, grain]);
  const state = useSeries(metric.database, requests);
  const grainWord = t(`metrics.chart.grainWords.${grain}`);

  if (state.status === 'loading')
    return (
      <p className="mx-chart-status mx-muted" role="status" data-testid="metric-chart-loading">
        {t('metrics.chart.loading')}
      </p>
    );
  if (state.status === 'failed')
    return (
      <p className="mx-chart-status mx-error" role="alert">
        {t('metrics.chart.failed', { message: state.message })}
      </p>
    );
  const result = state.results[0];
  if (!result) return null;
  if (!result.ok) {
    const where = result.error.line !== undefined ? `${t('metrics.editor.line', { line: result.error.line })}: ` : '';
    return (
      <p className="mx-chart-status mx-error" role="alert" data-testid="metric-chart-error">
        {t('metrics.chart.failed', { message: `${where}${result.error.message}` })}
      </p>
    );
  }
  if (result.rows.length === 0) return <p className="mx-chart-status mx-muted">{t('metrics.chart.empty')}</p>;
  // The data ends on a Wednesday: by week its last period holds three days, drawn apart and named here.
  const partial = partialLegend(partialPeriods(result.rows, grain, FULL_RANGE), grain, lang, 'line');
  const first = periodLabel(result.rows[0]?.period ?? '', grain, lang);
  const last = periodLabel(result.rows.at(-1)?.period ?? '', grain, lang);
  return (
    <div className="mx-chart" data-testid="metric-chart" data-points={result.rows.length}>
      <SeriesChart rows={result.rows} name={metric.name[lang]} grain={grain} unit={metric.unit} label={t('metrics.chart.label', { name: metric.name[lang], grain: grainWord })} height={220} range={FULL_RANGE} />
      <p className="mx-muted mx-small">{t('metrics.chart.points', { count: result.rows.length, from: first, to: last })}</p>
      {partial ? (
        <p className="mx-muted mx-small" data-testid="metric-chart-partial">
          {partial}
        </p>
      ) : null}
    </div>
  );
}
