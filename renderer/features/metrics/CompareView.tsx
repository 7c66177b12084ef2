import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ArrowLeft } from 'lucide-react';
import { hanbitMetric, REVENUE_DEFINITIONS } from '../../../core/metrics/hanbit-metrics.ts';
import { GRAINS, type Grain, type Metric } from '../../../core/metrics/schema.ts';
import type { SeriesPoint } from '../../workbench/metrics-client.ts';
import { formatValue, periodLabel } from '../../../core/metrics/tile-specs.ts';
import { FULL_RANGE } from './MetricChart.tsx';
import { useMetricsStore } from './metrics-store.ts';
import { langOf } from './registry-view.ts';
import { TwoDefinitionsChart } from './SeriesChart.tsx';
import { useSeries } from './use-series.ts';

/** Totals of both definitions over the range, their gap, and the period where they differ most. */
export function revenueGap(net: readonly SeriesPoint[], gross: readonly SeriesPoint[]): { net: number; gross: number; gap: number; share: number; largest: { period: string; gap: number } | null } {
  const sum = (rows: readonly SeriesPoint[]) => rows.reduce((a, r) => a + (r.value ?? 0), 0);
  const netTotal = sum(net);
  const grossTotal = sum(gross);
  const netBy = new Map(net.map((r) => [r.period, r.value ?? 0]));
  let largest: { period: string; gap: number } | null = null;
  for (const r of gross) {
    const gap = (r.value ?? 0) - (netBy.get(r.period) ?? 0);
    if (!largest || gap > largest.gap) largest = { period: r.period, gap };
  }
  return { net: netTotal, gross: grossTotal, gap: grossTotal - netTotal, share: netTotal === 0 ? 0 : (grossTotal - netTotal) / netTotal, largest };
}

/**
 * The two published definitions of revenue — with refunds taken out (the KPI) and without — on
 * one chart at the chosen grain, with their totals and the gap between them: a vague definition
 * gives two numbers.
 */
export function CompareView() {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const grain = useMetricsStore((s) => s.grain);
  const setGrain = useMetricsStore((s) => s.setGrain);
  const selectMetric = useMetricsStore((s) => s.selectMetric);
  const selected = useMetricsStore((s) => s.selected);
  const [net, gross] = REVENUE_DEFINITIONS.map((id) => hanbitMetric(id)) as [Metric, Metric];
  const requests = useMemo(
    () => [
      { key: net.id, sql: net.sql, grain, range: FULL_RANGE },
      { key: gross.id, sql: gross.sql, grain, range: FULL_RANGE },
    ],
    [net, gross, grain],
  );
  const state = useSeries(net.database, requests);
  const grainWord = t(`metrics.chart.grainWords.${grain}`);
  const money = (v: number) => formatValue(v, 'krw', lang);

  let body;
  if (state.status === 'loading') body = <p className="mx-chart-status mx-muted" role="status">{t('metrics.compareView.loading')}</p>;
  else if (state.status === 'failed') body = <p className="mx-chart-status mx-error" role="alert">{t('metrics.compareView.failed', { message: state.message })}</p>;
  else {
    const [rn, rg] = state.results;
    if (!rn?.ok || !rg?.ok) {
      const bad = [rn, rg].find((r) => r && !r.ok);
      body = <p className="mx-chart-status mx-error" role="alert">{t('metrics.compareView.failed', { message: bad && !bad.ok ? bad.error.message : '' })}</p>;
    } else {
      const gap = revenueGap(rn.rows, rg.rows);
      const percent = new Intl.NumberFormat(lang === 'ko' ? 'ko-KR' : 'en-US', { style: 'percent', maximumFractionDigits: 1 }).format(gap.share);
      body = (
        <>
          <div className="mx-chart" data-testid="compare-chart">
            <TwoDefinitionsChart
              net={rn.rows}
              gross={rg.rows}
              grain={grain}
              label={t('metrics.compareView.chartLabel', { grain: grainWord })}
            />
          </div>
          <div className="mx-compare-figures" data-testid="compare-figures">
            {[
              [net, gap.net],
              [gross, gap.gross],
            ].map(([m, total]) => (
              <div key={(m as Metric).id} className="mx-figure">
                <span className="mx-figure-label">{(m as Metric).name[lang]}</span>
                <span className="mx-figure-value">{money(total as number)}</span>
                <span className="mx-muted mx-small">{t('metrics.compareView.total')}</span>
                <button type="button" className="btn ghost small" onClick={() => selectMetric((m as Metric).id)}>
                  {t('metrics.compareView.open')}
                </button>
              </div>
            ))}
            <div className="mx-figure mx-figure-gap" data-testid="compare-gap">
              <span className="mx-figure-label">{t('metrics.compareView.gap')}</span>
              <span className="mx-figure-value">{money(gap.gap)}</span>
              <span className="mx-small">{t('metrics.compareView.gapBody', { gross: gross.name[lang], net: net.name[lang], gap: money(gap.gap), percent })}</span>
              {gap.largest ? <span className="mx-muted mx-small">{t('metrics.compareView.largest', { period: periodLabel(gap.largest.period, grain, lang), gap: money(gap.largest.gap) })}</span> : null}
            </div>
          </div>
        </>
      );
    }
  }

  return (
    <article className="mx-detail" aria-labelledby="mx-compare-title" data-testid="compare-view">
      <header className="mx-detail-head">
        <div className="mx-detail-title">
          <h2 id="mx-compare-title">{t('metrics.compareView.title')}</h2>
        </div>
        <div className="mx-detail-actions">
          <button type="button" className="btn" onClick={() => selectMetric(selected)} data-testid="compare-back">
            <ArrowLeft aria-hidden /> {t('metrics.compareView.back')}
          </button>
        </div>
      </header>
      <p className="mx-lead">{t('metrics.compareView.intro')}</p>
      <section className="mx-card" aria-labelledby="mx-compare-chart-title">
        <header className="mx-card-head">
          <h3 id="mx-compare-chart-title">{t('metrics.chart.title')}</h3>
          <div className="mx-seg mx-seg-small" role="radiogroup" aria-label={t('metrics.chart.grain')}>
            {GRAINS.map((g: Grain) => (
              <label key={g} className="mx-seg-item" data-checked={grain === g}>
                <input type="radio" name="mx-compare-grain" checked={grain === g} onChange={() => setGrain(g)} />
                {t(`metrics.chart.grains.${g}`)}
              </label>
            ))}
          </div>
        </header>
        {body}
      </section>
    </article>
  );
}
